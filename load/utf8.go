package load

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/schemas"
)

// RuleInvalidUTF8 is the rule of the finding the Writer adds to a report
// when one of its strings was not valid UTF-8 and had to be escaped, taken
// from the schemas registry (its code and kind are the registry's).
var RuleInvalidUTF8 = func() *schemas.Rule {
	r, ok := schemas.RuleOf("INVALID_UTF8")
	if !ok {
		panic("load: rule INVALID_UTF8 is not registered in schemas.Rules")
	}
	return &r
}()

// sanitize makes every string of p valid UTF-8 before it is written:
// Parquet's string columns must be, and readers (DuckDB, Arrow) refuse a
// file where one is not. Nothing upstream should hand the Writer such a
// string (extract decodes text to UTF-8 and escapes file names); this is
// the guard that makes sure no path can. A bad string is escaped
// reversibly (schemas.EscapeUTF8) and the report gets an INVALID_UTF8
// finding naming the columns. The columns are every string column of the
// row types (sanitizeRows, generated from them: rows_gen.go).
//
//go:generate go run ../internal/rowgen/cmd/rowgen load rows_gen.go
func sanitize(p *schemas.Parsed) {
	bad := map[string]bool{}
	sanitizeRows(p, func(col string, s *string) {
		if s != nil && !utf8.ValidString(*s) {
			*s = schemas.EscapeUTF8(*s)
			bad[col] = true
		}
	})
	r := &p.Report
	if len(bad) == 0 {
		return
	}
	cols := make([]string, 0, len(bad))
	for c := range bad {
		cols = append(cols, c)
	}
	sort.Strings(cols)
	p.Findings = append(p.Findings, schemas.Finding{Rule: RuleInvalidUTF8.Code, Severity: schemas.SeverityWarning,
		Kind: RuleInvalidUTF8.Kind, Cell: "report",
		Message: fmt.Sprintf("%s: bytes that are not UTF-8 in %s were written as \\xHH escapes", r.SourcePath, strings.Join(cols, ", "))})
	r.IssueCount = int32(len(p.Findings))
	r.Status = schemas.StatusOf(p.Findings)
}
