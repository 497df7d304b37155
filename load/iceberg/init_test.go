package iceberg

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	ice "github.com/apache/iceberg-go"
	"github.com/apache/iceberg-go/table/substrait"
)

// TestSubstraitNotLoadedAtStart holds the change third_party/iceberg-go.patch
// makes: iceberg-go's table/substrait package used to parse every extension
// file Substrait ships when the program started (534 000 allocations, about
// 70 ms, in every nianbao process, `nianbao parse` of one file included). It
// runs this test binary again with the runtime's init trace and counts what
// that package's initialisation allocates.
func TestSubstraitNotLoadedAtStart(t *testing.T) {
	if allocs := initAllocs(t, "github.com/apache/iceberg-go/table/substrait"); allocs > 100 {
		t.Errorf("iceberg-go/table/substrait allocates %d times at start; with third_party/iceberg-go.patch it loads Substrait's extensions on first use only", allocs)
	}
}

// TestManifestSchemasNotBuiltAtStart holds the patch's other change:
// iceberg-go's internal package compiled its manifest Avro schemas when the
// program started (11 000 allocations, 9 million instructions, in every
// nianbao process); it now does on the first manifest written or read,
// which TestRunsAndPartitions and the others here do.
func TestManifestSchemasNotBuiltAtStart(t *testing.T) {
	if allocs := initAllocs(t, "github.com/apache/iceberg-go/internal"); allocs > 2000 {
		t.Errorf("iceberg-go/internal allocates %d times at start; with third_party/iceberg-go.patch it builds its manifest schemas on first use only", allocs)
	}
}

// initAllocs runs this test binary again with the runtime's init trace and
// returns what the initialisation of the package pkg allocates.
func initAllocs(t *testing.T, pkg string) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run", "^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	line := regexp.MustCompile(`(?m)^init ` + regexp.QuoteMeta(pkg) + ` @.* (\d+) allocs$`)
	m := line.FindSubmatch(out)
	if m == nil {
		t.Fatalf("no init trace line for %s in:\n%s", pkg, out)
	}
	allocs, _ := strconv.Atoi(string(m[1]))
	return allocs
}

// TestSubstraitFiltersLoadOnFirstUse checks that the deferred loading still
// gives filters both Substrait's functions and iceberg-go's own (is_in, from
// the function set the package embeds).
func TestSubstraitFiltersLoadOnFirstUse(t *testing.T) {
	sc := ice.NewSchema(0,
		ice.NestedField{ID: 1, Name: "report_year", Type: ice.PrimitiveTypes.Int32, Required: true},
		ice.NestedField{ID: 2, Name: "organ", Type: ice.PrimitiveTypes.String})
	filter := ice.NewAnd(
		ice.IsIn(ice.Reference("report_year"), int32(2022), int32(2023)),
		ice.EqualTo(ice.Reference("organ"), "北京市财政局"))
	bound, err := ice.BindExpr(sc, filter, true)
	if err != nil {
		t.Fatal(err)
	}
	reg, e, err := substrait.ConvertExpr(sc, bound, true)
	if err != nil {
		t.Fatalf("ConvertExpr: %v", err)
	}
	got := e.String()
	for _, want := range []string{"is_in", "equal", "and"} {
		if !strings.Contains(got, want) {
			t.Errorf("converted filter %s lacks %s", got, want)
		}
	}
	if reg == nil {
		t.Fatal("no extension registry")
	}
	if s := substrait.NewExtensionSet(); s == nil {
		t.Error("NewExtensionSet returned nil")
	}
}
