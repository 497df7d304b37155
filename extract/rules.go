package extract

import "github.com/nianbao/nianbao/schemas"

// The quality rules of the findings extract reports, taken from the
// registry in schemas once: a finding is made with one of these, so its
// code and kind are the registry's and cannot be misspelt (all are of
// kind extraction and concern the whole report, cell "report"). The
// severity is checked against the rule where the finding is made
// (TestFindingsRegistered at the repository root).
var (
	RuleFileUnreadable    = ruleOf("FILE_UNREADABLE")    // error: the file could not be opened or read
	RuleFileTooLarge      = ruleOf("FILE_TOO_LARGE")     // error: over Limits.MaxFileBytes, not decoded
	RuleEmptyFile         = ruleOf("EMPTY_FILE")         // error: no bytes
	RuleNotText           = ruleOf("NOT_TEXT")           // error: binary data, not text in a known encoding
	RuleEncodingInvalid   = ruleOf("ENCODING_INVALID")   // warning: bytes replaced by U+FFFD
	RuleEncodingUncertain = ruleOf("ENCODING_UNCERTAIN") // warning: the encoding is a low-confidence guess
	RuleCharsetMismatch   = ruleOf("CHARSET_MISMATCH")   // warning: declared charset contradicted by the bytes
	RuleLineTooLong       = ruleOf("LINE_TOO_LONG")      // error: a line over Limits.MaxLineBytes was truncated
	RuleHTMLInvalid       = ruleOf("HTML_INVALID")       // warning: the page could only be partly read
	RuleTableTooLarge     = ruleOf("TABLE_TOO_LARGE")    // error: a table's expanded grid was cut
	RuleDOCXInvalid       = ruleOf("DOCX_INVALID")       // error: not a readable Word document
	RuleZipBomb           = ruleOf("ZIP_BOMB")           // error: the archive exceeds the zip limits
	RulePDFUnsupported    = ruleOf("PDF_UNSUPPORTED")    // error: no pdftotext to read PDF
	RulePDFFailed         = ruleOf("PDF_FAILED")         // error: pdftotext failed or timed out
	RuleNoTextLayer       = ruleOf("NO_TEXT_LAYER")      // error: PDF without a text layer; OCR needed
	RuleMetaInvalid       = ruleOf("META_INVALID")       // warning: the sidecar X.meta.json is not valid
	RuleMetaYearInvalid   = ruleOf("META_YEAR_INVALID")  // warning: the sidecar's year is out of range; ignored
	RuleUnsupported       = ruleOf("FORMAT_UNSUPPORTED") // error: not an input type
	RuleFormatByContent   = ruleOf("FORMAT_BY_CONTENT")  // info: the bytes are another input type than the name says; read as what they are
	RuleMarkupPeeled      = ruleOf("MARKUP_PEELED")      // info: a text file held its page's markup, escaped inside a JavaScript string or as HTML entities, and was read as the page it holds
	RuleInternal          = ruleOf("EXTRACT_PANIC")      // error: a bug in extract or a library, caught
)

// ruleOf returns the registered rule with the given code. A code missing
// from the registry is a mistake in this package, found when it is
// initialised by any test, so it panics rather than let an unregistered
// code reach a dataset.
func ruleOf(code string) *schemas.Rule {
	r, ok := schemas.RuleOf(code)
	if !ok {
		panic("extract: rule " + code + " is not registered in schemas.Rules")
	}
	return &r
}
