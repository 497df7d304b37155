package transform

import "github.com/nianbao/nianbao/schemas"

// The quality rules transform reports, taken from the registry in schemas
// once: a finding is made with one of these, so its code and kind are the
// registry's and cannot be misspelt; the severity is checked against the
// rule where the finding is made (TestFindingsRegistered at the repository
// root, TestFindingsAllowed here).
var (
	ruleAgencyUnknown        = ruleOf("AGENCY_UNKNOWN")
	ruleAmountUnitInferred   = ruleOf("AMOUNT_UNIT_INFERRED")
	ruleGluedDigits          = ruleOf("GLUED_DIGITS")
	ruleMetaPublishedInvalid = ruleOf("META_PUBLISHED_INVALID")
	ruleNarrativeMismatch    = ruleOf("NARRATIVE_MISMATCH")
	ruleNegativeCount        = ruleOf("NEGATIVE_COUNT")
	ruleNoTables             = ruleOf("NO_TABLES")
	ruleS2CellCount          = ruleOf("S2_CELL_COUNT")
	ruleS2ExtraColumn        = ruleOf("S2_EXTRA_COLUMN")
	ruleS2ExtraRow           = ruleOf("S2_EXTRA_ROW")
	ruleS2ColumnOrder        = ruleOf("S2_COLUMN_ORDER")
	ruleS2PageUnsure         = ruleOf("S2_PAGE_NUMBER_UNSURE")
	ruleS2LabelWrapUnsure    = ruleOf("S2_LABEL_WRAP_UNSURE")
	ruleS2RowMissing         = ruleOf("S2_ROW_MISSING")
	ruleS2TemplateRow        = ruleOf("S2_TEMPLATE_ROW")
	ruleS2DuplicateRow       = ruleOf("S2_DUPLICATE_ROW")
	ruleS2KeyValue           = ruleOf("S2_KEY_VALUE")
	ruleS3Balance            = ruleOf("S3_BALANCE")
	ruleS3CellCount          = ruleOf("S3_CELL_COUNT")
	ruleS3CellPosition       = ruleOf("S3_CELL_POSITION")
	ruleS3ColumnBlocks       = ruleOf("S3_COLUMN_BLOCKS")
	ruleS3ColumnOrder        = ruleOf("S3_COLUMN_ORDER")
	ruleS3ColumnTotal        = ruleOf("S3_COLUMN_TOTAL")
	ruleS3DuplicateRow       = ruleOf("S3_DUPLICATE_ROW")
	ruleS3LabelWrapUnsure    = ruleOf("S3_LABEL_WRAP_UNSURE")
	ruleS3PageBreak          = ruleOf("S3_PAGE_BREAK")
	ruleS3RowMissing         = ruleOf("S3_ROW_MISSING")
	ruleS3RowShift           = ruleOf("S3_ROW_SHIFT")
	ruleS3RowTotal           = ruleOf("S3_ROW_TOTAL")
	ruleS3UnknownRow         = ruleOf("S3_UNKNOWN_ROW")
	ruleS4ColumnOrder        = ruleOf("S4_COLUMN_ORDER")
	ruleS4CellCount          = ruleOf("S4_CELL_COUNT")
	ruleS4CellPosition       = ruleOf("S4_CELL_POSITION")
	ruleS4Layout             = ruleOf("S4_LAYOUT")
	ruleS4NoValues           = ruleOf("S4_NO_VALUES")
	ruleS4Total              = ruleOf("S4_TOTAL")
	ruleTableMissing         = ruleOf("TABLE_MISSING")
	ruleTableTooLarge        = ruleOf("TABLE_TOO_LARGE")
	ruleTemplateYear         = ruleOf("TEMPLATE_YEAR")
	ruleValueApproximate     = ruleOf("VALUE_APPROXIMATE")
	ruleValueOverflow        = ruleOf("VALUE_OVERFLOW")
	ruleValueRejected        = ruleOf("VALUE_REJECTED")
	ruleYearFromFileName     = ruleOf("YEAR_FROM_FILE_NAME")
	ruleYearMetaMismatch     = ruleOf("YEAR_META_MISMATCH")
	ruleYearUnknown          = ruleOf("YEAR_UNKNOWN")
)

// ruleOf returns the registered rule with the given code. A code missing
// from the registry is a mistake in this package, found when it is
// initialised by any test, so it panics rather than let an unregistered
// code reach a dataset.
func ruleOf(code string) *schemas.Rule {
	r, ok := schemas.RuleOf(code)
	if !ok {
		panic("transform: rule " + code + " is not registered in schemas.Rules")
	}
	return &r
}
