package schemas

import (
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

type col struct {
	name     string
	typ      arrow.DataType
	nullable bool
	label    string
	desc     string
}

var (
	tString = arrow.BinaryTypes.String
	tInt64  = arrow.PrimitiveTypes.Int64
	tInt32  = arrow.PrimitiveTypes.Int32
	tBool   = arrow.FixedWidthTypes.Boolean
	tYuan   = &arrow.Decimal128Type{Precision: 18, Scale: 2}
	tTime   = &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
	tDate   = arrow.FixedWidthTypes.Date32
)

func schemaOf(cols ...col) *arrow.Schema {
	fs := make([]arrow.Field, 0, len(cols))
	for _, c := range cols {
		keys := []string{MetaLabel, MetaDescription}
		vals := []string{c.label, c.desc}
		if c.name == "report_year" {
			keys = append(keys, MetaPartition)
			vals = append(vals, "hive")
		}
		fs = append(fs, arrow.Field{Name: c.name, Type: c.typ, Nullable: c.nullable,
			Metadata: arrow.NewMetadata(keys, vals)})
	}
	return arrow.NewSchema(fs, nil)
}

var (
	colReportID = col{"report_id", tString, false, "报告标识",
		"Hex SHA-256 of the source file's bytes: the same file always has the same id."}
	colReportYear = col{"report_year", tInt32, true, "报告年度",
		"Year the report covers. Hive partition column (report_year=2020); NULL (folder __HIVE_DEFAULT_PARTITION__) when it could not be found."}
	colRaw = col{"raw", tString, false, "原文",
		"The cell text exactly as printed in the source (after decoding), so '/' can be told from blank."}
	colLine = col{"line", tInt32, false, "行号",
		"Where the value was read: the 1-based line of the decoded text for txt and pdf sources; for html and docx sources, the 1-based row index within its <table> / w:tbl (header rows included, spans expanded). 0 when the value was not printed (a missing row, a repaired cell)."}
	colCount = col{"count", tInt64, true, "数量",
		"The count as printed, sign kept. NULL for not-applicable markers ('/', '-', '—', '无'), blank cells, money cells, and values that could not be read or determined (see quality)."}
	colLabel = col{"label", tString, false, "行标签", "The row label as printed in the report (whitespace removed), or the template's label when the report printed none."}
)

// Reports is the schema of the reports table: one row per input document.
var Reports = schemaOf(
	colReportID,
	colReportYear,
	col{"source_path", tString, false, "源文件路径", "Path of the input file relative to the input root, with '/' separators. A name that is not valid UTF-8 has each byte outside UTF-8 written as \\xHH, and a \\x that already stands before two hex digits as \\x5c: reversible (see docs/operations.md)."},
	col{"source_format", tString, false, "源文件格式", "txt, html, docx or pdf."},
	col{"encoding", tString, false, "字符编码", "Encoding detected for the source: utf-8, utf-16le, utf-16be, gb18030, or binary for formats read as bytes."},
	col{"source_bytes", tInt64, false, "文件字节数", "Size of the source file in bytes."},
	col{"agency", tString, true, "发布机关", "Issuing organ as printed (title, signature or sidecar metadata); NULL if not found."},
	col{"template", tString, false, "模板版本", "Template detected from the table headers: 2019, 2021 or unknown."},
	col{"status", tString, false, "状态", "ok, warning or error: the worst severity among the report's quality rows (repaired counts as warning)."},
	col{"issue_count", tInt32, false, "问题数", "Number of quality rows of the report."},
	col{"parser_version", tString, false, "解析器版本", "Version of nianbao's parser that produced the rows."},
	col{"ingested_at", tTime, false, "入库时间", "Start of the run that parsed the report (UTC, microseconds)."},
	col{"title", tString, true, "标题", "Report title from sidecar metadata or the first heading line; NULL if none."},
	col{"url", tString, true, "来源网址", "Where the report was published, from sidecar metadata; NULL if unknown."},
	col{"published", tDate, true, "发布日期", "Publication date from sidecar metadata (`published`: 2021-01-29, 2021/1/29 or 2021年1月29日, a time after the date ignored); NULL when absent, or not such a date (then a META_PUBLISHED_INVALID quality row)."},
	col{"division_code", tString, true, "区划代码", "12-digit NBS 统计用区划代码 (2023) of the smallest division the organ belongs to: a city's organs the city's code (320100000000), a municipality's the province-level code (110000000000), a district's or county's the county's, a township's or street office's the township's. NULL for central organs and where the organ's division is unknown or ambiguous (finding DIVISION_UNKNOWN / DIVISION_AMBIGUOUS): never guessed."},
	col{"province", tString, true, "省级", "Name of the province-level division of division_code (北京市, 江苏省, 广西壮族自治区); NULL with it."},
	col{"city", tString, true, "地级", "Name of the prefecture-level division (南京市, 延边朝鲜族自治州); NULL for a municipality's organs, for county-level cities under a province (仙桃市) and with division_code."},
	col{"county", tString, true, "县级", "Name of the county-level division (江宁区, 仙桃市, 苏州工业园区); NULL above county level."},
	col{"township", tString, true, "乡级", "Name of the township-level division (秣陵街道, 虎门镇); NULL above township level."},
	col{"agency_level", tString, true, "机关层级", "central, province (municipalities' organs included), city, county or township; NULL when unknown. Known for a township organ whose township is not in the table."},
	col{"agency_kind", tString, true, "机关类别", "government (人民政府), general_office (办公厅/办公室 of a government), department (局, 委员会, 厅 …), street_office (街道办事处), zone_committee (a development zone's or new area's 管理委员会) or other; NULL when no organ was read."},
	col{"logical_report_id", tString, false, "逻辑报告标识", "The same for every copy of one organ's report for one year, whatever the format or encoding (PDF, web page, text, a parent's repost): see the data dictionary's note on copies. A report alone has its own."},
	col{"is_canonical", tBool, false, "是否代表副本", "True for exactly one row per logical_report_id: the copy with the fewest doubts (errors, then warnings, then findings), ties broken by the smallest report_id, then source_path."},
)

// Disclosures is the schema of section 二: one row per (item, metric) cell.
var Disclosures = schemaOf(
	colReportID,
	colReportYear,
	col{"cell", tString, false, "单元格代码", "Flat cell code, e.g. s2.procurement.amount_yuan."},
	col{"item", tString, false, "条目", "Row code (regulations, normative, permit, …) or extra for a row the template does not have."},
	col{"metric", tString, false, "指标", "Column code (new_made, change, amount, issued, …)."},
	colLabel,
	colCount,
	col{"amount_yuan", tYuan, true, "金额（元）", "Money metrics only: exact amount in yuan, converted from the printed unit (362.24万元 → 3622400.00)."},
	col{"unit", tString, true, "单位", "Money unit as printed in the cell or taken from the column header (元, 万元, 亿元 …); NULL when none was printed."},
	col{"unit_inferred", tBool, false, "单位为推定", "True when an amount had no unit anywhere and yuan was assumed."},
	colRaw,
	colLine,
)

// Applications is the schema of section 三: one row per (outcome, applicant).
var Applications = schemaOf(
	colReportID,
	colReportYear,
	col{"cell", tString, false, "单元格代码", "Flat cell code, e.g. s3.denied.state_secret.natural_person."},
	col{"outcome", tString, false, "办理结果", "Row code: new_received, carried_over, granted, partial, denied.*, unavailable.*, not_processed.*, other*, total, carried_forward."},
	col{"applicant", tString, false, "申请人类型", "Column code: natural_person, commercial, research, social, legal, other, total."},
	colLabel,
	colCount,
	colRaw,
	colLine,
)

// Appeals is the schema of section 四: one row per (proceeding, outcome).
var Appeals = schemaOf(
	colReportID,
	colReportYear,
	col{"cell", tString, false, "单元格代码", "Flat cell code, e.g. s4.review.upheld."},
	col{"proceeding", tString, false, "程序", "review (行政复议), suit_direct (未经复议直接起诉) or suit_after_review (复议后起诉)."},
	col{"outcome", tString, false, "结果", "upheld, corrected, other, pending or total."},
	colCount,
	colRaw,
	colLine,
)

// Quality is the schema of the quality table: one row per finding.
var Quality = schemaOf(
	colReportID,
	colReportYear,
	col{"rule", tString, false, "规则", "Stable rule code, e.g. S3_BALANCE (see docs/quality.md)."},
	col{"severity", tString, false, "严重程度", "error, warning, repaired or info."},
	col{"kind", tString, false, "类别", "source: the report itself is inconsistent; extraction: our reading is uncertain or was repaired."},
	col{"cell", tString, false, "单元格", "Cell code the finding concerns (a trailing .* covers a whole row), or a table or report-level name."},
	col{"expected", tString, true, "期望值", "What the check expected, as text; NULL when not applicable."},
	col{"actual", tString, true, "实际值", "What the report holds, as text; NULL when not applicable."},
	col{"message", tString, false, "说明", "One sentence saying what was found."},
	col{"line", tInt32, true, "行号", "Line of the decoded text (txt, pdf) or row index within its table (html, docx) where it was found; NULL for report-level findings."},
)

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
