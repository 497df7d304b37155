package extract

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/pipeline/generate"
	"github.com/nianbao/nianbao/schemas"
)

// samePeeled fails unless peelText leaves a text file's document as
// oldPeelText does.
func samePeeled(t testing.TB, name, text string) {
	t.Helper()
	lim := Limits{}.withDefaults()
	got := schemas.Document{SourcePath: name, SourceFormat: "txt", Text: text}
	want := got
	peelText(&got, lim)
	oldPeelText(&want, lim)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: peeled\n%+v\nwas\n%+v", name, got, want)
	}
}

// TestPeelSniffSameAsOld: the text files of every layout (crawled pages
// among them, in UTF-8 and GBK), those of the testdata and the seeds, and
// each of them declaring a charset in sniffLabels or after accented
// letters, read as before.
func TestPeelSniffSameAsOld(t *testing.T) {
	files := textFiles(t)
	for seed := int64(1); seed <= 3; seed++ {
		for name, b := range generatedPages(t, 15, seed, generate.LayoutCrawled) {
			files[fmt.Sprintf("%d/%s", seed, name)] = b
		}
	}
	// A table after accented letters alone, which choose reads as GBK.
	samePeeled(t, "latin table", strings.Repeat("é", 50)+"<table><tr><td>a</td><td>1</td></tr></table>")
	peeled := 0
	for name, b := range files {
		text, _, _ := decodeBytes(name, b, Limits{}.withDefaults().MaxLineBytes, Limits{}.withDefaults().MaxTextBytes, false)
		samePeeled(t, name, text)
		if text == "" || !hasTableTag(text, tagAny) {
			continue
		}
		peeled++
		// Accented Latin letters, valid UTF-8 that is not mostly CJK:
		// choose then weighs GB18030.
		samePeeled(t, name+" latin", strings.Repeat("é", len(text)/4)+text)
		for _, l := range sniffLabels[1:] {
			samePeeled(t, name+" "+l, `<meta charset="`+l+`">`+text)
			samePeeled(t, name+" "+l+" bad", `<meta charset="`+l+`">`+text+"\xff\xfe\xb9")
		}
	}
	t.Logf("%d files, %d with table markup", len(files), peeled)
	if peeled == 0 {
		t.Error("no file with table markup")
	}
}

// FuzzPeelSniff compares peelText with oldPeelText on any text.
func FuzzPeelSniff(f *testing.F) {
	f.Add(`<table><tr><td>收到申请</td><td>12</td></tr></table>`)
	f.Add(`var x = "\u003ctable\u003e\u003ctr\u003e\u003ctd\u003e甲\u003c/td\u003e\u003c/tr\u003e\u003c/table\u003e";`)
	f.Add(`&lt;meta charset=gbk&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;乙&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;`)
	f.Add("<meta charset=utf-8><table><tr><td>\xb9\xab\xbf\xaa</td></tr></table>")
	f.Fuzz(func(t *testing.T, text string) {
		samePeeled(t, "fuzz", text)
	})
}
