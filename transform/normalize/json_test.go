package normalize_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/transform/normalize"
)

func TestMarshalJSON(t *testing.T) {
	for _, c := range []struct {
		r    normalize.Result
		want string
	}{
		{normalize.Amount("362.24万元", ""), `{"input":"362.24万元","kind":"amount","value":"3622400","unit":"万元","unit_inferred":false,"error":null,"approximate":false}`},
		{normalize.Amount("207204.99", ""), `{"input":"207204.99","kind":"amount","value":"207204.99","unit":null,"unit_inferred":true,"error":null,"approximate":false}`},
		{normalize.Count("+163"), `{"input":"+163","kind":"count","value":163,"unit":null,"unit_inferred":false,"error":null,"approximate":false}`},
		{normalize.Count("\u3000\u3000/"), `{"input":"　　/","kind":"count","value":null,"unit":null,"unit_inferred":false,"error":null,"approximate":false}`},
		{normalize.Count("3-5"), `{"input":"3-5","kind":"count","value":null,"unit":null,"unit_inferred":false,"error":"a range of values, not one value","approximate":false}`},
		{normalize.Count("163.5"), `{"input":"163.5","kind":"count","value":null,"unit":null,"unit_inferred":false,"error":"count is not a whole number: 163.5","approximate":false}`},
		{normalize.Count("9223372036854775808"), `{"input":"9223372036854775808","kind":"count","value":null,"unit":null,"unit_inferred":false,"error":"too large for the dataset: 9223372036854775808 exceeds int64","approximate":false}`},
		{normalize.Amount("1万亿亿", ""), `{"input":"1万亿亿","kind":"amount","value":null,"unit":null,"unit_inferred":false,"error":"repeated, misplaced or unknown unit: multiplier repeated","approximate":false}`},
		{normalize.Amount("2万亿亿元", ""), ""},
		{normalize.Amount("约20万元", ""), `{"input":"约20万元","kind":"amount","value":"200000","unit":"万元","unit_inferred":false,"error":null,"approximate":true}`},
		{normalize.Amount("\"\\\t\x01\xff\u2028", ""), `{"input":"\"\\\t\u0001\ufffd\u2028","kind":"amount","value":null,"unit":null,"unit_inferred":false,"error":"not a number: invalid UTF-8","approximate":false}`},
	} {
		b, err := c.r.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(b) {
			t.Errorf("%q: invalid JSON %s", c.r.Input, b)
		}
		if c.want != "" && string(b) != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.r.Input, b, c.want)
		}
		// Through encoding/json too: the value receiver makes Result and *Result marshal alike.
		b2, err := json.Marshal(&c.r)
		if err != nil || !bytes.Equal(b, b2) {
			t.Errorf("json.Marshal = %s, %v", b2, err)
		}
	}
}

func TestWriteJSONL(t *testing.T) {
	var buf bytes.Buffer
	in := []string{" 0", "362.24万元", "/", "+163", "￥5", "$5"}
	if err := normalize.WriteJSONL(&buf, "", "", in); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != len(in) {
		t.Fatalf("%d lines", len(lines))
	}
	kinds := []string{"count", "amount", "count", "count", "amount", "amount"}
	for i, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatal(err)
		}
		if m["input"] != in[i] || m["kind"] != kinds[i] {
			t.Errorf("line %d: %s", i, l)
		}
	}

	var b2 bytes.Buffer
	if err := normalize.CopyJSONL(&b2, strings.NewReader(strings.Join(in, "\r\n")), "", ""); err != nil {
		t.Fatal(err)
	}
	if b2.String() != buf.String() {
		t.Errorf("CopyJSONL:\n%s\nWriteJSONL:\n%s", b2.String(), buf.String())
	}

	buf.Reset()
	if err := normalize.WriteJSONL(&buf, normalize.KindAmount, "万元", []string{"362.24"}); err != nil {
		t.Fatal(err)
	}
	if want := `{"input":"362.24","kind":"amount","value":"3622400","unit":"万元","unit_inferred":false,"error":null,"approximate":false}` + "\n"; buf.String() != want {
		t.Errorf("got %s", buf.String())
	}
}

func TestKindOf(t *testing.T) {
	for s, want := range map[string]normalize.Kind{
		"12": normalize.KindCount, "362.24万元": normalize.KindAmount, "¥3": normalize.KindAmount,
		"3.5万": normalize.KindCount, "RMB 3": normalize.KindAmount, "5 usd": normalize.KindAmount, "2件": normalize.KindCount, "5角": normalize.KindAmount, "8分": normalize.KindAmount,
	} {
		if got := normalize.KindOf(s, ""); got != want {
			t.Errorf("KindOf(%q) = %s, want %s", s, got, want)
		}
	}
	if normalize.KindOf("12", "万元") != normalize.KindAmount {
		t.Error("a header unit makes an amount")
	}
}
