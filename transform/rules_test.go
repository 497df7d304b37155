package transform_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// TestFindingsAllowed parses every report text kept for the tests and
// checks each finding against the registry: the rule is registered, its
// severity is one the rule takes, its kind the rule's. Findings whose rule
// reaches the code through a variable (the cell count, the arithmetic, a
// spec's wrap rule) are checked here, where the static scan of the call
// sites (TestFindingsRegistered at the repository root) cannot see them.
func TestFindingsAllowed(t *testing.T) {
	var files []string
	for _, g := range []string{"../testdata/samples/*.txt", "../testdata/reports/*/*.txt", "testdata/*/*.txt"} {
		m, err := filepath.Glob(g)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 20 {
		t.Fatalf("found only %d report texts", len(files))
	}
	seen := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, fd := range parseText(filepath.Base(f), b).Findings {
			seen[fd.Rule] = true
			r, ok := schemas.RuleOf(fd.Rule)
			switch {
			case !ok:
				t.Errorf("%s: rule %s is not registered", f, fd.Rule)
			case !r.Allows(fd.Severity):
				t.Errorf("%s: rule %s made with severity %s, registered %v", f, fd.Rule, fd.Severity, r.Severities)
			case fd.Kind != r.Kind:
				t.Errorf("%s: rule %s made with kind %s, registered %s", f, fd.Rule, fd.Kind, r.Kind)
			}
		}
	}
	if len(seen) < 5 {
		t.Errorf("the texts gave findings of only %d rules: %v", len(seen), seen)
	}
}
