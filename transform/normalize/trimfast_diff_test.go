package normalize

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"
)

// sameTrimFast compares trimFast with trimFastOld on s: the same string,
// at the same place in s.
func sameTrimFast(t testing.TB, s string) {
	t.Helper()
	got, want := trimFast(s), trimFastOld(s)
	if got != want || len(got) > 0 && unsafe.StringData(got) != unsafe.StringData(want) {
		t.Fatalf("trimFast(%q) = %q, was %q", s, got, want)
	}
}

// trimPieces are the spaces trimFast removes, the bytes they are made
// of alone and in part, and the spaces it leaves.
var trimPieces = []string{" ", "\t", "\n", "\r", "\v", "\f", "\u00a0", "\u3000", "\ufeff", "\u200b",
	"\xc2", "\xa0", "\xe3\x80", "\x80", "\xef\xbb", "\xbf", "\xe2\x80", "\x8b", "\u2003", "\u0085", "\u200c",
	"0", "12", "/", "－", "件", "万元", "a"}

// TestTrimFastAsOld compares them on every line and tab-separated cell
// of the test reports and the seeds, and on cells made of trimPieces.
func TestTrimFastAsOld(t *testing.T) {
	var files []string
	for _, g := range []string{"../../testdata/samples/*.txt", "../../testdata/reports/*/*.txt", "../../../shared/seeds/*.txt", "../testdata/*/*.txt"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	if len(files) < 10 {
		t.Fatalf("%d test reports found", len(files))
	}
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(b), "\n") {
			sameTrimFast(t, l)
			for _, c := range strings.Split(l, "\t") {
				sameTrimFast(t, c)
				n++
			}
		}
	}
	r := rand.New(rand.NewSource(1))
	for k := 0; k < 200000; k++ {
		var b strings.Builder
		for m := r.Intn(6); m > 0; m-- {
			b.WriteString(trimPieces[r.Intn(len(trimPieces))])
		}
		sameTrimFast(t, b.String())
	}
	t.Logf("%d files, %d cells", len(files), n)
}

// FuzzTrimFastAsOld compares them on any cell.
func FuzzTrimFastAsOld(f *testing.F) {
	for _, p := range trimPieces {
		f.Add(p + "12" + p)
	}
	f.Add("\t\u00a0 0")
	f.Fuzz(func(t *testing.T, s string) { sameTrimFast(t, s) })
}
