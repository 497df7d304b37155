package rowgen

import (
	"reflect"
	"strings"
	"testing"
)

// TestEveryColumnHandled: the generated code writes and reads every
// stored column of every row type, guards every string column and copies
// every string and pointer of a row, so a column added to a row type is
// handled once the code is generated again.
func TestEveryColumnHandled(t *testing.T) {
	ld, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	pl, err := Pipeline()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, tb := range tables {
		for _, c := range columns(tb.typ) {
			n++
			field := "x." + c.field
			if c.derived != "report" && !strings.Contains(string(pl), field+" = ") {
				t.Errorf("%s.%s is not decoded", tb.name, c.name)
			}
			if c.derived != "report" && !strings.Contains(string(pl), "("+field) {
				t.Errorf("%s.%s is not encoded", tb.name, c.name)
			}
			isString := c.typ == tString || c.typ == tPString
			named := strings.Contains(string(ld), "\t"+`"`+tb.name+"."+c.name+`",`)
			fixed := strings.Contains(string(ld), ", &"+field+")\n") || strings.Contains(string(ld), ", "+field+")\n")
			if isString && !(named && fixed) {
				t.Errorf("%s.%s is not made valid UTF-8", tb.name, c.name)
			}
			if (isString || c.typ.Kind() == reflect.Pointer) && !strings.Contains(string(ld), field+" = ") {
				t.Errorf("%s.%s is not copied into the arena", tb.name, c.name)
			}
		}
	}
	if n < 60 {
		t.Errorf("only %d columns in the row types", n)
	}
}

// TestUnknownColumnType: a column of a type the codec has no encoding
// for is an error, not code that silently skips it.
func TestUnknownColumnType(t *testing.T) {
	type row struct {
		Weights []float64 `parquet:"weights"`
	}
	c := columns(reflect.TypeOf(row{}))
	if len(c) != 1 {
		t.Fatalf("columns %+v", c)
	}
	if _, _, err := codecOf("t", c[0]); err == nil {
		t.Error("a []float64 column was given an encoding")
	}
	c[0].derived = "cell.9"
	if _, _, err := codecOf("t", c[0]); err == nil {
		t.Error("an unknown derived tag was accepted")
	}
}
