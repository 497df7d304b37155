package schemas

// Document is a decoded input file as extract hands it to transform: the
// text with its line structure, and for formats that carry real tables
// (HTML, DOCX) the table grids as well.
type Document struct {
	ReportID     string // hex SHA-256 of the source bytes
	SourcePath   string // relative to the input root, '/' separators
	SourceFormat string // txt, html, docx, pdf
	Encoding     string // as detected: utf-8, utf-16le, gb18030 …
	SourceBytes  int64
	// Text is the decoded text. Line numbers in findings and rows are
	// 1-based lines of this text.
	Text string
	// Tables holds the grids of table-carrying formats, in document order,
	// with row- and column-spans expanded. Nil for plain text.
	Tables []Table
	// Meta holds sidecar metadata (X.meta.json); its values win over what
	// transform infers from the text.
	Meta Meta
	// Findings are problems met while reading and decoding (undecodable
	// bytes, size limits). transform adds them to the report's own.
	Findings []Finding
}

// Table is one table of an HTML or DOCX document: Rows[i][j] is the text of
// the cell at row i, column j after spans are expanded.
type Table struct {
	Rows [][]string
	// Line is the 1-based line of Text at which the table stands, so the
	// narrative before and after it can be told apart.
	Line int
}

// Meta is what a sidecar X.meta.json may say about X.
type Meta struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Agency    string `json:"agency"`
	Published string `json:"published"`
	Year      int    `json:"year"`
}
