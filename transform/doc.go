// Package transform reads a decoded report into typed rows: it finds the
// three standard tables whatever the layout (one cell per line, blank-line
// separated cells, tab- or '|'-separated rows, aligned columns, tables split
// over pages), detects the template version from the table headers,
// normalizes every cell exactly (package normalize), checks the template's
// arithmetic, repairs only what the arithmetic or every possible alignment
// determines, and records every doubt as a schemas.Finding.
//
// It imports schemas and normalize only: it knows nothing of files, of how
// text was decoded, or of how rows are stored.
package transform
