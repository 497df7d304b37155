package load

import (
	"fmt"
	"sort"
	"strings"
	"sync"
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
	v := validators.Get().(*validator)
	defer validators.Put(v)
	v.reset()
	sanitizeRows(p, v)
	if !v.anyBad {
		return
	}
	var cols []string
	for c, bad := range v.bad {
		if bad {
			cols = append(cols, sanitizeCols[c])
		}
	}
	sort.Strings(cols)
	r := &p.Report
	p.Findings = append(p.Findings, schemas.Finding{Rule: RuleInvalidUTF8.Code, Severity: schemas.SeverityWarning,
		Kind: RuleInvalidUTF8.Kind, Cell: "report",
		Message: fmt.Sprintf("%s: bytes that are not UTF-8 in %s were written as \\xHH escapes", r.SourcePath, strings.Join(cols, ", "))})
	r.IssueCount = int32(len(p.Findings))
	r.Status = schemas.StatusOf(p.Findings)
}

// validator checks the strings of a report column by column. Rows repeat
// their neighbours' values (report_id on every row, a row's label on each
// of its cells): a copy of the last valid string of each column (last)
// spares checking the same bytes again. A copy, not the string: the
// caller's strings may be views of buffers it reuses.
type validator struct {
	last   [len(sanitizeCols)][]byte
	bad    [len(sanitizeCols)]bool
	anyBad bool
}

var validators = sync.Pool{New: func() any { return new(validator) }}

// reset forgets what a report before had: each report is checked on its own.
func (v *validator) reset() {
	for i := range v.last {
		v.last[i] = v.last[i][:0]
	}
	v.bad, v.anyBad = [len(sanitizeCols)]bool{}, false
}

// fix escapes *s when it is not valid UTF-8 and notes its column.
func (v *validator) fix(col int, s *string) {
	if s == nil {
		return
	}
	x := *s
	if last := v.last[col]; len(last) == len(x) && string(last) == x && len(x) > 0 {
		return
	}
	if utf8.ValidString(x) {
		if len(x) <= maxRemembered {
			v.last[col] = append(v.last[col][:0], x...)
		}
		return
	}
	*s = schemas.EscapeUTF8(x)
	v.bad[col], v.anyBad = true, true
}

// maxRemembered bounds the copy a validator keeps of a column's value.
const maxRemembered = 256
