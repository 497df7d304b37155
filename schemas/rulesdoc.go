package schemas

import (
	"fmt"
	"io"
	"strings"
)

// rulesByCode indexes Rules.
var rulesByCode = func() map[string]*Rule {
	m := make(map[string]*Rule, len(Rules))
	for i := range Rules {
		m[Rules[i].Code] = &Rules[i]
	}
	return m
}()

// RuleOf returns the registered rule of code.
func RuleOf(code string) (Rule, bool) {
	r, ok := rulesByCode[code]
	if !ok {
		return Rule{}, false
	}
	return *r, true
}

// Allows reports whether a finding of the rule may have severity sev.
func (r Rule) Allows(sev string) bool {
	for _, s := range r.Severities {
		if s == sev {
			return true
		}
	}
	return false
}

// Finding is a finding of the rule with severity sev (one of the rule's),
// on cell, saying message.
func (r Rule) Finding(sev, cell, message string) Finding {
	if !r.Allows(sev) {
		panic(fmt.Sprintf("schemas: rule %s has no severity %q", r.Code, sev))
	}
	return Finding{Rule: r.Code, Severity: sev, Kind: r.Kind, Cell: cell, Message: message}
}

// WriteQualityDoc writes docs/quality.md: the columns of the quality
// table, every rule of the registry by group, and the analysts' queries.
func WriteQualityDoc(w io.Writer) error {
	var b strings.Builder
	b.WriteString(qualityIntro)
	for g, head := range qualityHeads {
		b.WriteString(head)
		for _, r := range Rules {
			if r.Group != RuleGroup(g) {
				continue
			}
			ex, act := cellText(r.Example), cellText(r.Action)
			sevs := make([]string, len(r.Severities))
			for i, s := range r.Severities {
				sevs[i] = "`" + s + "`"
			}
			switch r.Group {
			case GroupArithmetic:
				sev := ""
				if len(r.Severities) != 1 || r.Severities[0] != SeverityWarning {
					sev = " (" + strings.Join(r.Severities, " or ") + ")"
				}
				fmt.Fprintf(&b, "| `%s`%s | %s |%s|%s|\n", r.Code, sev, r.Description, ex, act)
			case GroupTables:
				fmt.Fprintf(&b, "| `%s` | %s | %s |%s|%s|\n", r.Code, strings.Join(sevs, " or "), r.Description, ex, act)
			default:
				fmt.Fprintf(&b, "| `%s` | %s | %s |\n", r.Code, strings.Join(sevs, " or "), r.Description)
			}
		}
		b.WriteString("\n")
	}
	b.WriteString(qualityQueries)
	_, err := io.WriteString(w, b.String())
	return err
}

// cellText is a table cell's text with its padding: one space on each
// side, or one space for an empty cell.
func cellText(s string) string {
	if s == "" {
		return " "
	}
	return " " + s + " "
}
