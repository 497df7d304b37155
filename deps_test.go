package nianbao_test

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/nianbao/nianbao"

// TestDependencyDirection keeps the layers honest: schemas knows none of
// the others; extract, transform and load know schemas and not each other;
// pipeline wires them; cmd knows pipeline (and schemas for the dictionary).
func TestDependencyDirection(t *testing.T) {
	allowed := map[string][]string{
		"schemas":             {},
		"extract":             {"schemas"},
		"transform":           {"schemas", "transform/normalize"},
		"transform/normalize": {"schemas"},
		"transform/division":  {},
		"load":                {"schemas", "internal/fault"},
		"load/iceberg":        {"schemas", "load", "internal/fault"},
		"pipeline":            {"schemas", "extract", "transform", "transform/normalize", "transform/division", "load", "load/iceberg", "internal/fault"},
		"internal/fault":      {},
		"pipeline/generate":   {"schemas"},
		"cmd/nianbao":         {"schemas", "pipeline", "pipeline/generate", "extract", "transform", "transform/normalize", "transform/division", "load", "load/iceberg", "internal/fault", "internal/gc"},
		"internal/gc":         {},
	}
	direct := map[string][]string{
		"cmd/nianbao": {"pipeline", "pipeline/generate", "schemas", "internal/gc"},
	}
	for pkg, ok := range allowed {
		out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", "./"+pkg).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if !strings.HasPrefix(dep, module+"/") {
				continue
			}
			rel := strings.TrimPrefix(dep, module+"/")
			if rel == pkg {
				continue
			}
			if !contains(ok, rel) {
				t.Errorf("%s depends on %s: dependencies must point schemas ← extract, transform, load ← pipeline ← cmd", pkg, rel)
			}
		}
	}
	for pkg, ok := range direct {
		out, err := exec.Command("go", "list", "-f", `{{join .Imports " "}}`, "./"+pkg).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if rel, in := strings.CutPrefix(dep, module+"/"); in && !contains(ok, rel) {
				t.Errorf("%s imports %s directly; it should only parse flags and call pipeline", pkg, rel)
			}
		}
	}
}

// TestIcebergBehindOnePackage keeps iceberg-go (and its slow build) behind
// load/iceberg: no other package of the module imports it.
func TestIcebergBehindOnePackage(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	seen := false
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fs := strings.Fields(line)
		for _, dep := range fs[1:] {
			if strings.HasPrefix(dep, "github.com/apache/iceberg-go") {
				if fs[0] != module+"/load/iceberg" {
					t.Errorf("%s imports %s; only load/iceberg may", fs[0], dep)
				}
				seen = true
			}
		}
	}
	if !seen {
		t.Error("no package imports iceberg-go: is the check still looking at the right name?")
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
