package schemas

// FieldIDs gives every column of every table its Iceberg field ID. An ID is
// never changed or given to another column, not even after a column is
// removed: readers match columns by ID across schema versions. A new
// column takes the next unused ID of its table. TestFieldIDsNeverChange
// holds the committed list (testdata/field-ids.txt) to that.
var FieldIDs = map[string]map[string]int{
	TableReports: {"report_id": 1, "report_year": 2, "source_path": 3, "source_format": 4, "encoding": 5,
		"source_bytes": 6, "agency": 7, "template": 8, "status": 9, "issue_count": 10, "parser_version": 11,
		"ingested_at": 12, "title": 13, "url": 14, "published": 15,
		"division_code": 16, "province": 17, "city": 18, "county": 19, "township": 20, "agency_level": 21,
		"agency_kind": 22, "logical_report_id": 23, "is_canonical": 24},
	TableDisclosures: {"report_id": 1, "report_year": 2, "cell": 3, "item": 4, "metric": 5, "label": 6,
		"count": 7, "amount_yuan": 8, "unit": 9, "unit_inferred": 10, "raw": 11, "line": 12},
	TableApplications: {"report_id": 1, "report_year": 2, "cell": 3, "outcome": 4, "applicant": 5, "label": 6,
		"count": 7, "raw": 8, "line": 9},
	TableAppeals: {"report_id": 1, "report_year": 2, "cell": 3, "proceeding": 4, "outcome": 5, "count": 6,
		"raw": 7, "line": 8},
	TableQuality: {"report_id": 1, "report_year": 2, "rule": 3, "severity": 4, "kind": 5, "cell": 6,
		"expected": 7, "actual": 8, "message": 9, "line": 10},
}
