package nianbao_test

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestQualityRulesDocumented fails when code can emit a rule code that
// docs/quality.md does not describe: analysts query by these codes.
func TestQualityRulesDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("docs", "quality.md"))
	if err != nil {
		t.Fatal(err)
	}
	// rule codes appear in the code as finding("X", …), Rule: "X",
	// RuleX = "X", ruleOf("X"), or as the first argument of the
	// arithmetic checks.
	re := regexp.MustCompile(`(?:finding\(|ruleOf\(|Rule:\s*|Rule[A-Za-z]*\s*=\s*|equation\(|CountFinding\(|equationSpec\{|\),\s*)"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)"`)
	seen := map[string]bool{}
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
			for _, m := range re.FindAllStringSubmatch(string(b), -1) {
				seen[m[1]] = true
			}
		}
	}
	if len(seen) < 20 {
		t.Fatalf("found only %d rule codes in the code; the pattern no longer matches how findings are made", len(seen))
	}
	var missing []string
	for r := range seen {
		if !strings.Contains(string(doc), "`"+r+"`") {
			missing = append(missing, r)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("rules not documented in docs/quality.md: %v", missing)
	}
}
