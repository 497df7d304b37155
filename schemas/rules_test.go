package schemas_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// TestQualityDocCurrent keeps docs/quality.md equal to what the registry
// generates; run with -update (or `make docs`) after a reviewed change to
// schemas.Rules.
func TestQualityDocCurrent(t *testing.T) {
	var buf bytes.Buffer
	if err := schemas.WriteQualityDoc(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "docs", "quality.md")
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, buf.Bytes()) {
		t.Fatalf("%s is out of date: run `make docs` (or go test ./schemas -update)", path)
	}
}

// Every rule has a code, a known severity and kind, a description, and a
// code of its own.
func TestRulesWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range schemas.Rules {
		if r.Code == "" || r.Description == "" || len(r.Severities) == 0 {
			t.Errorf("incomplete rule %+v", r)
		}
		if seen[r.Code] {
			t.Errorf("%s registered twice", r.Code)
		}
		seen[r.Code] = true
		for _, s := range r.Severities {
			switch s {
			case schemas.SeverityError, schemas.SeverityWarning, schemas.SeverityRepaired, schemas.SeverityInfo:
			default:
				t.Errorf("%s: severity %q", r.Code, s)
			}
		}
		if r.Kind != schemas.KindSource && r.Kind != schemas.KindExtraction {
			t.Errorf("%s: kind %q", r.Code, r.Kind)
		}
		if got, ok := schemas.RuleOf(r.Code); !ok || got.Code != r.Code {
			t.Errorf("RuleOf(%s) = %+v, %v", r.Code, got, ok)
		}
	}
	if _, ok := schemas.RuleOf("NO_SUCH_RULE"); ok {
		t.Error("RuleOf found an unregistered code")
	}
	f := schemas.Rules[0].Finding(schemas.Rules[0].Severities[0], "report", "m")
	if f.Rule != schemas.Rules[0].Code || f.Kind != schemas.Rules[0].Kind {
		t.Errorf("Finding = %+v", f)
	}
}
