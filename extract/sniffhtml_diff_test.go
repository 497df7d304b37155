package extract

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// sameHTMLSniffed fails unless readHTMLVia, sniffing the page itself,
// reads b as oldReadHTMLVia does with sniffPage's sniffer, by either path.
func sameHTMLSniffed(t testing.TB, name string, b []byte) {
	t.Helper()
	lim := Limits{}.withDefaults()
	for _, fast := range []bool{true, false} {
		got := schemas.Document{SourcePath: name, SourceFormat: "html"}
		want := got
		gotFast := readHTMLVia(&got, bytes.NewReader(b), b, int64(len(b)), nil, lim, nil, fast)
		wantFast := oldReadHTMLVia(&want, bytes.NewReader(b), b, int64(len(b)), sniffPage(b), lim, nil, fast)
		if gotFast != wantFast || !reflect.DeepEqual(got, want) {
			t.Fatalf("%s (fast %v, %d bytes): read %v\n%+v\nwas %v\n%+v", name, fast, len(b), gotFast, got, wantFast, want)
		}
	}
}

// sniffLabels are the charsets the pages' heads are made to declare:
// none, UTF-8 and GBK under their labels, and single-byte and other ones.
var sniffLabels = []string{"", "utf-8", "UTF8", "gbk", "gb2312", "GB18030", "iso-8859-1", "windows-1252", "big5", "utf-16le", "bogus"}

// sniffVariants are b, b declaring each of sniffLabels in its head (and
// so with invalid bytes after it), b
// after a UTF-8 BOM and after accented letters, with a NUL, cut in three places, and b's UTF-8 with
// a few GBK bytes and its GBK with a few UTF-8 ones.
func sniffVariants(b []byte) [][]byte {
	out := [][]byte{b}
	// b with bytes invalid in UTF-8 and GB18030 alike after it, as many
	// as GB18030 can take and still win: UTF-8 then loses early, with
	// fewer invalid sequences so far than GB18030 has in all.
	bad := append(bytes.Clone(b), bytes.Repeat([]byte{0xff}, len(b)/6)...)
	for _, l := range sniffLabels {
		head := `<html><head><title>t</title></head>`
		if l != "" {
			head = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=` + l + `"></head>`
		}
		out = append(out, append([]byte(head), b...))
		out = append(out, append([]byte(`<meta charset="`+l+`">`), b...))
		out = append(out, append([]byte(`<meta charset="`+l+`">`), bad...))
	}
	out = append(out, append([]byte("\xef\xbb\xbf"), b...))
	out = append(out, append(bytes.Repeat([]byte("é"), len(b)/4), b...))
	out = append(out, append(append(bytes.Clone(b[:len(b)/2]), 0), b[len(b)/2:]...))
	for _, n := range []int{len(b) / 3, len(b) - len(b)/7, 700} {
		if n < len(b) {
			out = append(out, b[:n])
		}
	}
	gb, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("中文报告"))
	out = append(out, append(append(bytes.Clone(b), gb...), b...))
	out = append(out, append(append(bytes.Clone(b[:len(b)/2]), "公开"...), b[len(b)/2:]...))
	return out
}

// TestHTMLSniffSameAsOld: a page sniffed by readHTMLVia, knowing the
// charset its head declares, reads as before over the generated pages
// (UTF-8 and GBK), the real pages, the testdata and the seeds, each as
// it is and in sniffVariants.
func TestHTMLSniffSameAsOld(t *testing.T) {
	pages, _ := diffPages(t, true)
	n := testing.Short()
	for seed := int64(1); seed <= 3 && !n; seed++ {
		for name, b := range generatedPages(t, 15, seed, htmlLayouts...) {
			pages[fmt.Sprintf("%d/%s", seed, name)] = b
		}
	}
	// A table after accented letters alone, which choose reads as GBK.
	sameHTMLSniffed(t, "latin table", []byte(strings.Repeat("é", 50)+"<table><tr><td>a</td><td>1</td></tr></table>"))
	count, gbk := 0, 0
	for name, b := range pages {
		if len(b) == 0 {
			continue
		}
		if _, ok := countValid(b); !ok {
			gbk++
		}
		for i, v := range sniffVariants(b) {
			sameHTMLSniffed(t, fmt.Sprintf("%s variant %d", name, i), v)
			count++
		}
	}
	t.Logf("%d pages (%d not UTF-8), %d readings", len(pages), gbk, count)
	if gbk == 0 {
		t.Error("no page that is not UTF-8")
	}
}

// FuzzHTMLSniff compares readHTMLVia sniffing a page with
// oldReadHTMLVia given sniffPage's sniffer, on a page whose head
// declares one of sniffLabels.
func FuzzHTMLSniff(f *testing.F) {
	gb, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("<table><tr><td>收到申请</td><td>12</td></tr></table><p>政府信息公开</p>"))
	f.Add(gb, uint8(3))
	f.Add(gb, uint8(1))
	f.Add(append([]byte("\xef\xbb\xbf"), gb...), uint8(0))
	f.Add([]byte("<p>中文\xb9\xab</p>"), uint8(1))
	f.Fuzz(func(t *testing.T, b []byte, label uint8) {
		if l := sniffLabels[int(label)%len(sniffLabels)]; l != "" {
			b = append([]byte(`<meta charset="`+l+`">`), b...)
		}
		sameHTMLSniffed(t, "fuzz", b)
	})
}
