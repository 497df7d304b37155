package nianbao_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// TestFindingsRegistered reads how the code makes findings and checks each
// against the registry in schemas: the code is registered, the severity is
// one the rule takes, and the kind is the rule's. docs/quality.md is
// generated from the registry, so what analysts read is what the code does.
func TestFindingsRegistered(t *testing.T) {
	var (
		// p.finding("S3_BALANCE", schemas.SeverityWarning, schemas.KindSource, …
		reCall = regexp.MustCompile(`finding\("([A-Z][A-Z0-9_]+)",\s*schemas\.Severity(\w+),\s*schemas\.Kind(\w+)`)
		// finding(RuleHTMLInvalid, schemas.SeverityError, … (extract: the
		// kind is the registered rule's own)
		reConst = regexp.MustCompile(`(?:finding|lineFinding)\((Rule\w+),\s*schemas\.Severity(\w+)`)
		// Rule: "READ_FAILED", Severity: schemas.SeverityError, Kind: schemas.KindExtraction
		reLit = regexp.MustCompile(`Rule:\s*"([A-Z][A-Z0-9_]+)",\s*Severity:\s*schemas\.Severity(\w+),\s*Kind:\s*schemas\.Kind(\w+)`)
		// Rule: ruleReadFailed.Code, Severity: schemas.SeverityError, Kind: ruleReadFailed.Kind
		// (pipeline: the kind is the registered rule's own)
		reLitTyped = regexp.MustCompile(`Rule:\s*(rule\w+)\.Code,\s*Severity:\s*schemas\.Severity(\w+),\s*Kind:\s*(rule\w+)\.Kind`)
		// p.finding(ruleS3Balance, schemas.SeverityWarning, … (transform:
		// the kind is the registered rule's own)
		reTyped = regexp.MustCompile(`finding\((rule\w+),\s*schemas\.Severity(\w+)`)
		// ruleS3Balance = ruleOf("S3_BALANCE"), RuleFileUnreadable = ruleOf("FILE_UNREADABLE")
		reTypedDecl = regexp.MustCompile(`([Rr]ule\w+)\s*=\s*ruleOf\("([A-Z][A-Z0-9_]+)"\)`)
	)
	type use struct{ code, sev, kind, where string }
	var uses []use
	consts := map[string]string{}
	n := 0
	for _, dir := range []string{"extract", "transform", "pipeline"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			s := string(b)
			for _, m := range reTypedDecl.FindAllStringSubmatch(s, -1) {
				consts[m[1]] = m[2]
			}
			for _, m := range reTyped.FindAllStringSubmatch(s, -1) {
				uses = append(uses, use{m[1], strings.ToLower(m[2]), "", f})
			}
			for _, m := range reCall.FindAllStringSubmatch(s, -1) {
				uses = append(uses, use{m[1], strings.ToLower(m[2]), strings.ToLower(m[3]), f})
			}
			for _, m := range reLit.FindAllStringSubmatch(s, -1) {
				uses = append(uses, use{m[1], strings.ToLower(m[2]), strings.ToLower(m[3]), f})
			}
			for _, m := range reLitTyped.FindAllStringSubmatch(s, -1) {
				if m[1] != m[3] {
					t.Errorf("%s: a finding of %s takes the kind of %s", f, m[1], m[3])
				}
				uses = append(uses, use{m[1], strings.ToLower(m[2]), "", f})
			}
			for _, m := range reConst.FindAllStringSubmatch(s, -1) {
				uses = append(uses, use{m[1], strings.ToLower(m[2]), "", f})
			}
		}
	}
	for _, u := range uses {
		code := u.code
		if c, ok := consts[code]; ok {
			code = c
		}
		n++
		r, ok := schemas.RuleOf(code)
		switch {
		case !ok:
			t.Errorf("%s: rule %s is not registered in schemas.Rules", u.where, code)
		case !r.Allows(u.sev):
			t.Errorf("%s: rule %s made with severity %s, registered %v", u.where, code, u.sev, r.Severities)
		case u.kind != "" && r.Kind != u.kind: // "": made with a typed rule, whose kind is its own
			t.Errorf("%s: rule %s made with kind %s, registered %s", u.where, code, u.kind, r.Kind)
		}
	}
	if n < 40 {
		t.Fatalf("found only %d findings made in the code; the patterns no longer match how findings are made", n)
	}
}
