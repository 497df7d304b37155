package schemas

import (
	"reflect"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
)

// Field metadata keys carried by every field of every table.
const (
	MetaLabel       = "label_zh"
	MetaDescription = "description"
	// MetaPartition marks the Hive partition column: it is the folder name
	// (report_year=2020) and is also stored inside each Parquet file, which
	// holds one year.
	MetaPartition = "partition"
)

// Table names, in the order the data dictionary presents them.
const (
	TableReports      = "reports"
	TableDisclosures  = "disclosures"
	TableApplications = "applications"
	TableAppeals      = "appeals"
	TableQuality      = "quality"
)

// TableNames lists the five tables in dictionary order.
var TableNames = []string{TableReports, TableDisclosures, TableApplications, TableAppeals, TableQuality}

// TableDoc describes a table for the data dictionary.
type TableDoc struct {
	Name        string
	Label       string
	Description string
	Schema      *arrow.Schema
}

// doc is what the data dictionary says of a column: its Chinese label and
// its description.
type doc struct{ label, desc string }

var (
	tString = arrow.BinaryTypes.String
	tInt64  = arrow.PrimitiveTypes.Int64
	tInt32  = arrow.PrimitiveTypes.Int32
	tBool   = arrow.FixedWidthTypes.Boolean
	tYuan   = &arrow.Decimal128Type{Precision: 18, Scale: 2}
	tTime   = &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
	tDate   = arrow.FixedWidthTypes.Date32
)

// arrowType is the Arrow type of a row type's field, nil if it has none.
func arrowType(t reflect.Type) arrow.DataType {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case reflect.TypeOf(""):
		return tString
	case reflect.TypeOf(int64(0)):
		return tInt64
	case reflect.TypeOf(int32(0)):
		return tInt32
	case reflect.TypeOf(false):
		return tBool
	case reflect.TypeOf(Yuan(0)):
		return tYuan
	case reflect.TypeOf(time.Time{}):
		return tTime
	case reflect.TypeOf(Date(0)):
		return tDate
	}
	return nil
}

// schemaOf is the Arrow schema of a row type, the column table: a column
// per field with a parquet tag, in the fields' order, nullable when the
// field is a pointer, its label and description from docs (those of the
// columns every table shares from sharedDocs). Run once, at init; a
// column without a type or a description is a mistake found by any test.
func schemaOf(row any, docs map[string]doc) *arrow.Schema {
	rt := reflect.TypeOf(row)
	var fs []arrow.Field
	for i := 0; i < rt.NumField(); i++ {
		f := rt.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("parquet"), ",")
		if name == "" || name == "-" {
			continue
		}
		typ := arrowType(f.Type)
		d, ok := docs[name]
		if !ok {
			d, ok = sharedDocs[name]
		}
		if typ == nil || !ok {
			panic("schemas: column " + rt.Name() + "." + name + " has no Arrow type or no description")
		}
		keys := []string{MetaLabel, MetaDescription}
		vals := []string{d.label, d.desc}
		if name == "report_year" {
			keys = append(keys, MetaPartition)
			vals = append(vals, "hive")
		}
		fs = append(fs, arrow.Field{Name: name, Type: typ, Nullable: f.Type.Kind() == reflect.Pointer,
			Metadata: arrow.NewMetadata(keys, vals)})
	}
	return arrow.NewSchema(fs, nil)
}

// sharedDocs describe the columns several tables have.
var sharedDocs = map[string]doc{
	"report_id": {"报告标识",
		"Hex SHA-256 of the source file's bytes: the same file always has the same id."},
	"report_year": {"报告年度",
		"Year the report covers. Hive partition column (report_year=2020); NULL (folder __HIVE_DEFAULT_PARTITION__) when it could not be found."},
	"raw": {"原文",
		"The cell text exactly as printed in the source (after decoding), so '/' can be told from blank. Empty too when the row's numbers could not be placed in its cells (more or fewer than its columns): the row's quality finding says so, and a value the template's arithmetic determined is marked repaired there."},
	"line": {"行号",
		"Where the value was read: the 1-based line of the decoded text for txt and pdf sources; for html and docx sources, the 1-based row index within its <table> / w:tbl (header rows included, spans expanded). 0 when the value was not printed (a missing row, a repaired cell)."},
	"count": {"数量",
		"The count as printed, sign kept. NULL for not-applicable markers ('/', '-', '—', '无'), blank cells, money cells, and values that could not be read or determined (see quality)."},
	"label": {"行标签",
		"The row label as printed in the report (whitespace removed), or the template's label when the report printed none."},
}

// Reports is the schema of the reports table: one row per input document.
var Reports = schemaOf(Report{}, map[string]doc{
	"source_path":       {"源文件路径", "Path of the input file relative to the input root, with '/' separators. A name that is not valid UTF-8 has each byte outside UTF-8 written as \\xHH, and a \\x that already stands before two hex digits as \\x5c: reversible (see docs/operations.md)."},
	"source_format":     {"源文件格式", "txt, html, docx or pdf: the type the file was read as, its extension's unless its bytes plainly are another (a quality row FORMAT_BY_CONTENT then says so)."},
	"encoding":          {"字符编码", "Encoding detected for the source: utf-8, utf-16le, utf-16be, gb18030, or binary for formats read as bytes."},
	"source_bytes":      {"文件字节数", "Size of the source file in bytes."},
	"agency":            {"发布机关", "Issuing organ as printed (title, signature or sidecar metadata); NULL if not found."},
	"template":          {"模板版本", "Template detected from the table headers: 2019, 2021 or unknown."},
	"status":            {"状态", "ok, warning or error: the worst severity among the report's quality rows (repaired counts as warning)."},
	"issue_count":       {"问题数", "Number of quality rows of the report."},
	"parser_version":    {"解析器版本", "Version of nianbao's parser that produced the rows."},
	"ingested_at":       {"入库时间", "Start of the run that parsed the report (UTC, microseconds)."},
	"title":             {"标题", "Report title from sidecar metadata or the first heading line; NULL if none."},
	"url":               {"来源网址", "Where the report was published, from sidecar metadata; NULL if unknown."},
	"published":         {"发布日期", "Publication date from sidecar metadata (`published`: 2021-01-29, 2021/1/29 or 2021年1月29日, a time after the date ignored); NULL when absent, or not such a date (then a META_PUBLISHED_INVALID quality row)."},
	"division_code":     {"区划代码", "12-digit NBS 统计用区划代码 (2023) of the smallest division the organ belongs to: a city's organs the city's code (320100000000), a municipality's the province-level code (110000000000), a district's or county's the county's, a township's or street office's the township's. NULL for central organs and where the organ's division is unknown or ambiguous (finding DIVISION_UNKNOWN / DIVISION_AMBIGUOUS): never guessed."},
	"province":          {"省级", "Name of the province-level division of division_code (北京市, 江苏省, 广西壮族自治区); NULL with it."},
	"city":              {"地级", "Name of the prefecture-level division (南京市, 延边朝鲜族自治州); NULL for a municipality's organs, for county-level cities under a province (仙桃市) and with division_code."},
	"county":            {"县级", "Name of the county-level division (江宁区, 仙桃市, 苏州工业园区); NULL above county level."},
	"township":          {"乡级", "Name of the township-level division (秣陵街道, 虎门镇); NULL above township level."},
	"agency_level":      {"机关层级", "central, province (municipalities' organs included), city, county or township; NULL when unknown. Known for a township organ whose township is not in the table."},
	"agency_kind":       {"机关类别", "government (人民政府), general_office (办公厅/办公室 of a government), department (局, 委员会, 厅 …), street_office (街道办事处), zone_committee (a development zone's or new area's 管理委员会) or other; NULL when no organ was read."},
	"logical_report_id": {"逻辑报告标识", "The same for every copy of one organ's report for one year, whatever the format or encoding (PDF, web page, text, a parent's repost): see the data dictionary's note on copies. A report alone has its own."},
	"is_canonical":      {"是否代表副本", "True for exactly one row per logical_report_id: the copy with the fewest doubts (errors, then warnings, then findings), ties broken by the smallest report_id, then source_path."},
})

// Disclosures is the schema of section 二: one row per (item, metric) cell.
var Disclosures = schemaOf(Disclosure{}, map[string]doc{
	"cell":          {"单元格代码", "Flat cell code, e.g. s2.procurement.amount_yuan."},
	"item":          {"条目", "Row code (regulations, normative, permit, …) or extra for a row the template does not have."},
	"metric":        {"指标", "Column code (new_made, change, amount, issued, …)."},
	"amount_yuan":   {"金额（元）", "Money metrics only: exact amount in yuan, converted from the printed unit (362.24万元 → 3622400.00)."},
	"unit":          {"单位", "Money unit as printed in the cell or taken from the column header (元, 万元, 亿元 …); NULL when none was printed."},
	"unit_inferred": {"单位为推定", "True when an amount had no unit anywhere and yuan was assumed."},
})

// Applications is the schema of section 三: one row per (outcome, applicant).
var Applications = schemaOf(Application{}, map[string]doc{
	"cell":      {"单元格代码", "Flat cell code, e.g. s3.denied.state_secret.natural_person."},
	"outcome":   {"办理结果", "Row code: new_received, carried_over, granted, partial, denied.*, unavailable.*, not_processed.*, other*, total, carried_forward."},
	"applicant": {"申请人类型", "Column code: natural_person, commercial, research, social, legal, other, total."},
})

// Appeals is the schema of section 四: one row per (proceeding, outcome).
var Appeals = schemaOf(Appeal{}, map[string]doc{
	"cell":       {"单元格代码", "Flat cell code, e.g. s4.review.upheld."},
	"proceeding": {"程序", "review (行政复议), suit_direct (未经复议直接起诉) or suit_after_review (复议后起诉)."},
	"outcome":    {"结果", "upheld, corrected, other, pending or total."},
})

// Quality is the schema of the quality table: one row per finding.
var Quality = schemaOf(Finding{}, map[string]doc{
	"rule":     {"规则", "Stable rule code, e.g. S3_BALANCE (see docs/quality.md)."},
	"severity": {"严重程度", "error, warning, repaired or info."},
	"kind":     {"类别", "source: the report itself is inconsistent; extraction: our reading is uncertain or was repaired."},
	"cell":     {"单元格", "Cell code the finding concerns (a trailing .* covers a whole row), or a table or report-level name."},
	"expected": {"期望值", "What the check expected, as text; NULL when not applicable."},
	"actual":   {"实际值", "What the report holds, as text; NULL when not applicable."},
	"message":  {"说明", "One sentence saying what was found."},
	"line":     {"行号", "Line of the decoded text (txt, pdf) or row index within its table (html, docx) where it was found; NULL for report-level findings."},
})

// Tables documents the five tables in dictionary order.
var Tables = []TableDoc{
	{TableReports, "报告", "One row per input document, parsed or not: nothing is lost.", Reports},
	{TableDisclosures, "主动公开情况", "Section 二 (主动公开政府信息情况): one row per (item, metric) cell.", Disclosures},
	{TableApplications, "依申请公开情况", "Section 三 (收到和处理政府信息公开申请情况): one row per (outcome, applicant) cell.", Applications},
	{TableAppeals, "行政复议和行政诉讼", "Section 四 (政府信息公开行政复议、行政诉讼情况): one row per (proceeding, outcome) cell.", Appeals},
	{TableQuality, "质量问题", "One row per finding: every doubt about a report, with the cell it concerns.", Quality},
}

// Lookup returns the documentation of a table by name.
func Lookup(name string) (TableDoc, bool) {
	for _, t := range Tables {
		if t.Name == name {
			return t, true
		}
	}
	return TableDoc{}, false
}
