package schemas_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// TestRowTypesMatchSchemas checks that every row type has, in order, the
// columns of its Arrow schema, report_year included (it is stored in the
// files as well as in the folder name), so the writer and the dictionary cannot drift apart.
func TestRowTypesMatchSchemas(t *testing.T) {
	cases := map[string]any{
		schemas.TableReports:      schemas.Report{},
		schemas.TableDisclosures:  schemas.Disclosure{},
		schemas.TableApplications: schemas.Application{},
		schemas.TableAppeals:      schemas.Appeal{},
		schemas.TableQuality:      schemas.Finding{},
	}
	for name, v := range cases {
		doc, ok := schemas.Lookup(name)
		if !ok {
			t.Fatalf("no schema %s", name)
		}
		var want []string
		nullable := map[string]bool{}
		for _, f := range doc.Schema.Fields() {
			want = append(want, f.Name)
			nullable[f.Name] = f.Nullable
		}
		var got []string
		rt := reflect.TypeOf(v)
		for i := 0; i < rt.NumField(); i++ {
			tag := strings.Split(rt.Field(i).Tag.Get("parquet"), ",")
			if tag[0] == "-" || tag[0] == "" {
				continue
			}
			got = append(got, tag[0])
			isPtr := rt.Field(i).Type.Kind() == reflect.Pointer
			if isPtr != nullable[tag[0]] {
				t.Errorf("%s.%s: pointer %v but nullable %v", name, tag[0], isPtr, nullable[tag[0]])
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: row type columns %v, schema %v", name, got, want)
		}
	}
}

func TestYuanString(t *testing.T) {
	for _, c := range []struct {
		y       schemas.Yuan
		s, comp string
	}{
		{0, "0.00", "0"}, {1, "0.01", "0.01"}, {-5, "-0.05", "-0.05"}, {362240000, "3622400.00", "3622400"},
		{20720499, "207204.99", "207204.99"}, {50, "0.50", "0.5"}, {schemas.MaxYuan, "9999999999999999.99", "9999999999999999.99"},
	} {
		if got := c.y.String(); got != c.s {
			t.Errorf("Yuan(%d).String() = %q, want %q", int64(c.y), got, c.s)
		}
		if got := c.y.Compact(); got != c.comp {
			t.Errorf("Yuan(%d).Compact() = %q, want %q", int64(c.y), got, c.comp)
		}
	}
}

func TestStatusOf(t *testing.T) {
	f := func(sev ...string) []schemas.Finding {
		var fs []schemas.Finding
		for _, s := range sev {
			fs = append(fs, schemas.Finding{Severity: s})
		}
		return fs
	}
	for _, c := range []struct {
		fs   []schemas.Finding
		want string
	}{
		{nil, "ok"}, {f("info"), "ok"}, {f("repaired"), "warning"}, {f("info", "warning"), "warning"},
		{f("repaired", "error", "info"), "error"},
	} {
		if got := schemas.StatusOf(c.fs); got != c.want {
			t.Errorf("StatusOf(%v) = %s, want %s", c.fs, got, c.want)
		}
	}
}
