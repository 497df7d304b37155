package schemas

import (
	"reflect"
	"strconv"
	"strings"
)

// FieldIDs gives every column of every table its Iceberg field ID, read
// from the id(N) of the row types' parquet tags (the column table). An ID
// is never changed or given to another column, not even after a column is
// removed: readers match columns by ID across schema versions. A new
// column takes the next unused ID of its table. TestFieldIDsNeverChange
// holds the committed list (testdata/field-ids.txt) to that.
var FieldIDs = map[string]map[string]int{
	TableReports:      fieldIDsOf(Report{}),
	TableDisclosures:  fieldIDsOf(Disclosure{}),
	TableApplications: fieldIDsOf(Application{}),
	TableAppeals:      fieldIDsOf(Appeal{}),
	TableQuality:      fieldIDsOf(Finding{}),
}

// fieldIDsOf reads the field IDs of a row type's columns; run once, at
// init. A column without one is a mistake found by any test.
func fieldIDsOf(row any) map[string]int {
	rt := reflect.TypeOf(row)
	ids := map[string]int{}
	for i := 0; i < rt.NumField(); i++ {
		opts := strings.Split(rt.Field(i).Tag.Get("parquet"), ",")
		if opts[0] == "" || opts[0] == "-" {
			continue
		}
		id := 0
		for _, o := range opts[1:] {
			if v, ok := strings.CutPrefix(o, "id("); ok {
				id, _ = strconv.Atoi(strings.TrimSuffix(v, ")"))
			}
		}
		if id <= 0 {
			panic("schemas: column " + rt.Name() + "." + opts[0] + " has no id(N) in its parquet tag")
		}
		ids[opts[0]] = id
	}
	return ids
}
