//go:build pdfeval

package integration

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// libraryTags are the build tags that leave one library out of pdfeval
// (see pdfeval/main.go); pdftotext is an external program and adds nothing.
var libraryTags = []string{"dslipak", "ledongthuc", "pdfcpu", "pdfium", "rscpdf"}

// TestPDFExtractors is the evaluation behind the PDF section of
// docs/formats.md. Every extractor in ./pdfeval reads testdata/pdf/*.pdf;
// each text goes through `nianbao parse`, the path a text file takes (the
// text of a PDF takes it too, once pdftotext has written it), and its cells
// are scored against the hand-checked cells of testdata/seeds/seeds.jsonl.
// It prints one Markdown table; it fails only when the harness cannot run.
//
//	cd integration && go test -tags pdfeval -run TestPDFExtractors -v .
func TestPDFExtractors(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	root := repoRoot(t)
	pdfs, err := filepath.Glob(filepath.Join(root, "testdata", "pdf", "*.pdf"))
	if err != nil || len(pdfs) == 0 {
		t.Fatalf("no PDFs in testdata/pdf: %v", err)
	}
	samples := filepath.Join(root, "testdata", "samples")
	expected := loadExpected(t, filepath.Join(root, "testdata", "seeds", "seeds.jsonl"), samples)

	bin := buildPDFEval(t, "pdfeval-all")
	out := filepath.Join(tmpRoot, "pdfeval-out")
	cmd := exec.Command(bin, append([]string{out}, pdfs...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	tsv, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdfeval: %v\n%s", err, stderr.Bytes())
	}
	runs := map[string]*extraction{}
	var names []string
	sc := bufio.NewScanner(bytes.NewReader(tsv))
	for sc.Scan() {
		f := strings.SplitN(sc.Text(), "\t", 4)
		if len(f) != 4 {
			t.Fatalf("pdfeval printed %q", sc.Text())
		}
		x := runs[f[0]]
		if x == nil {
			x = &extraction{name: f[0], errs: map[string]string{}}
			runs[f[0]] = x
			names = append(names, f[0])
		}
		ms, _ := strconv.ParseFloat(f[2], 64)
		base := strings.TrimSuffix(f[1], ".pdf")
		switch {
		case f[1] == "(start)":
			x.startMS = ms
		case f[3] != "":
			x.errs[base] = f[3]
		default:
			x.ms = append(x.ms, ms)
		}
	}

	sizes := binarySizes(t)
	var table strings.Builder
	fmt.Fprintf(&table, "\n| extractor | cells exact per seed | total | Chinese characters found | ms a document | start ms | binary + MB |\n|---|---|---|---|---|---|---|\n")
	for _, name := range names {
		x := runs[name]
		perSeed, total, exact, cjk := []string{}, 0, 0, 0.0
		for _, e := range expected {
			base := strings.TrimSuffix(e.File, ".txt")
			total += len(e.Cells)
			if msg, failed := x.errs[base]; failed {
				perSeed = append(perSeed, "fails")
				t.Logf("%s %s: %s", name, base, msg)
				continue
			}
			txt := filepath.Join(out, name, base+".txt")
			got := parsedCells(t, txt)
			n, silent := 0, 0
			for code, want := range e.Cells {
				w, err := cellText(code, want)
				if err != nil {
					t.Fatal(err)
				}
				var g *string
				if raw, ok := got.Cells[code]; ok {
					g, _ = cellText(code, raw)
				}
				if g != nil && w != nil && *g == *w || g == nil && w == nil && got.Cells[code] != nil {
					n++
				} else if !got.covers(code) {
					silent++
				}
			}
			exact += n
			perSeed = append(perSeed, strconv.Itoa(n))
			seed, err := os.ReadFile(filepath.Join(samples, e.File))
			if err != nil {
				t.Fatal(err)
			}
			text, err := os.ReadFile(txt)
			if err != nil {
				t.Fatal(err)
			}
			found, garbled := hanOverlap(seed, text)
			cjk += found / float64(len(expected))
			if n < len(e.Cells) {
				t.Logf("%s %s: %d of %d cells exact, %d wrong without a finding; status %s; %d replacement or control characters",
					name, base, n, len(e.Cells), silent, got.Status, garbled)
			}
		}
		size := "0 (external program)"
		if lib := strings.Split(name, "-")[0]; lib != "pdftotext" {
			size = fmt.Sprintf("%.1f", sizes[lib])
		}
		fmt.Fprintf(&table, "| %s | %s | %d / %d | %.0f %% | %s | %.0f | %s |\n",
			name, strings.Join(perSeed, ", "), exact, total, 100*cjk, x.msRange(), x.startMS, size)
	}
	t.Log(table.String())
}

// extraction is what pdfeval reported for one extractor.
type extraction struct {
	name    string
	startMS float64
	ms      []float64         // per document read
	errs    map[string]string // seed name → error
}

func (x *extraction) msRange() string {
	if len(x.ms) == 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f–%.0f", slices.Min(x.ms), slices.Max(x.ms))
}

// parsed is the part of a `nianbao parse` line the evaluation scores.
type parsed struct {
	Status string                     `json:"status"`
	Cells  map[string]json.RawMessage `json:"cells"`
	Issues []struct {
		Severity string `json:"severity"`
		Cell     string `json:"cell"`
	} `json:"issues"`
}

func parsedCells(t *testing.T, file string) parsed {
	t.Helper()
	var p parsed
	if err := json.Unmarshal(nianbao(t, "parse", file), &p); err != nil {
		t.Fatalf("nianbao parse %s: %v", file, err)
	}
	return p
}

// covers reports whether a finding above info names the cell or its row
// (a trailing *), as pipeline's oracle tests count them: a finding on the
// report (its agency, its year) vouches for no cell.
func (p parsed) covers(cell string) bool {
	for _, f := range p.Issues {
		if f.Severity == "info" {
			continue
		}
		if f.Cell == cell || strings.HasSuffix(f.Cell, "*") && strings.HasPrefix(cell, strings.TrimSuffix(f.Cell, "*")) {
			return true
		}
	}
	return false
}

// hanOverlap is the share of the seed's Han characters (as a multiset) that
// the extracted text holds, and the number of U+FFFD and control characters
// in it: garbled CID text shows as the first near 0 and the second high.
func hanOverlap(seed, text []byte) (float64, int) {
	want, have := map[rune]int{}, map[rune]int{}
	total, garbled := 0, 0
	for _, r := range string(seed) {
		if unicode.Is(unicode.Han, r) {
			want[r]++
			total++
		}
	}
	for _, r := range string(text) {
		switch {
		case unicode.Is(unicode.Han, r):
			have[r]++
		case r == unicode.ReplacementChar || unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t':
			garbled++
		}
	}
	found := 0
	for r, n := range want {
		found += min(n, have[r])
	}
	return float64(found) / float64(max(total, 1)), garbled
}

// buildPDFEval builds ./pdfeval with the given extra tags into tmpRoot.
func buildPDFEval(t *testing.T, name string, tags ...string) string {
	t.Helper()
	bin := filepath.Join(tmpRoot, name)
	cmd := exec.Command("go", "build", "-tags", strings.Join(append([]string{"pdfeval"}, tags...), ","), "-o", bin, "./pdfeval")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./pdfeval %v: %v\n%s", tags, err, out)
	}
	return bin
}

// binarySizes is, for each library, how many MB it adds to a program that
// reads PDFs with pdftotext only: pdfeval built with that library alone,
// less pdfeval built with none.
func binarySizes(t *testing.T) map[string]float64 {
	t.Helper()
	size := func(bin string) int64 {
		fi, err := os.Stat(bin)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	without := func(keep string) []string {
		var tags []string
		for _, l := range libraryTags {
			if l != keep {
				tags = append(tags, "no_"+l)
			}
		}
		return tags
	}
	base := size(buildPDFEval(t, "pdfeval-none", without("")...))
	m := map[string]float64{}
	for _, l := range libraryTags {
		m[l] = float64(size(buildPDFEval(t, "pdfeval-"+l, without(l)...))-base) / 1e6
	}
	return m
}
