package schemas_test

import (
	"bufio"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// TestFieldIDsNeverChange checks schemas.FieldIDs against the committed
// list: every recorded (table, column) keeps its ID, every column of every
// schema has one, and no ID of a table is given to two columns (a recorded
// column that was removed keeps its ID reserved).
func TestFieldIDsNeverChange(t *testing.T) {
	f, err := os.Open("testdata/field-ids.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recorded := map[string]map[int]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Fields(line)
		if len(parts) != 3 {
			t.Fatalf("bad line %q", line)
		}
		id, err := strconv.Atoi(parts[2])
		if err != nil {
			t.Fatalf("bad line %q", line)
		}
		if recorded[parts[0]] == nil {
			recorded[parts[0]] = map[int]string{}
		}
		if other, ok := recorded[parts[0]][id]; ok {
			t.Errorf("%s: id %d recorded for %s and %s", parts[0], id, other, parts[1])
		}
		recorded[parts[0]][id] = parts[1]
		if got, ok := schemas.FieldIDs[parts[0]][parts[1]]; ok && got != id {
			t.Errorf("%s.%s: id %d, recorded %d: an id never changes", parts[0], parts[1], got, id)
		}
	}
	for _, td := range schemas.Tables {
		ids := schemas.FieldIDs[td.Name]
		for _, fld := range td.Schema.Fields() {
			id, ok := ids[fld.Name]
			if !ok || id <= 0 {
				t.Errorf("%s.%s: no field id", td.Name, fld.Name)
				continue
			}
			if name, ok := recorded[td.Name][id]; !ok || name != fld.Name {
				t.Errorf("%s.%s: id %d is not recorded for it in testdata/field-ids.txt (recorded: %q); add a line, never reuse an id", td.Name, fld.Name, id, name)
			}
		}
		if len(ids) != td.Schema.NumFields() {
			t.Errorf("%s: %d ids for %d columns", td.Name, len(ids), td.Schema.NumFields())
		}
	}
}

// TestRowTagsCarryFieldIDs: each row type's parquet tag has id(N) with the
// column's registered ID, so the IDs are written into every Parquet file.
func TestRowTagsCarryFieldIDs(t *testing.T) {
	for name, v := range map[string]any{
		schemas.TableReports: schemas.Report{}, schemas.TableDisclosures: schemas.Disclosure{},
		schemas.TableApplications: schemas.Application{}, schemas.TableAppeals: schemas.Appeal{},
		schemas.TableQuality: schemas.Finding{},
	} {
		rt := reflect.TypeOf(v)
		for i := 0; i < rt.NumField(); i++ {
			tag := strings.Split(rt.Field(i).Tag.Get("parquet"), ",")
			want := "id(" + strconv.Itoa(schemas.FieldIDs[name][tag[0]]) + ")"
			if !slices.Contains(tag[1:], want) {
				t.Errorf("%s.%s: tag %q lacks %s", name, tag[0], rt.Field(i).Tag.Get("parquet"), want)
			}
		}
	}
}
