// Package transform reads a decoded report into typed rows: it finds the
// three standard tables whatever the layout (one cell per line, blank-line
// separated cells, tab- or '|'-separated rows, aligned columns, tables split
// over pages), detects the template version from the table headers,
// normalizes every cell exactly (package normalize), checks the template's
// arithmetic, repairs only what the arithmetic or every possible alignment
// determines, and records every doubt as a schemas.Finding.
//
// Sections 二 and 三 are read by one row reader (readRows) whose behaviour
// comes from a tableSpec per section and template: the label aliases that
// name its rows (typed labels: a row by its code, a header, a group
// heading, or a bare 总计 that is the total row only when numbers follow),
// its rows and columns, its arithmetic for the table solver, and how its
// layout uses headers, unknown rows and repeated labels. Findings are
// made with rules of the registry in schemas (rules.go), never with a
// bare code.
//
// It imports schemas and normalize only: it knows nothing of files, of how
// text was decoded, or of how rows are stored.
package transform
