package transform

import (
	"math/rand"
	"strings"
	"testing"
)

// sameSections compares findSections with findSectionsEach on cl.
func sameSections(t testing.TB, name string, cl []string) sections {
	t.Helper()
	got, want := findSections(cl), findSectionsEach(cl)
	if got != want {
		t.Fatalf("%s: findSections = %+v, was %+v", name, got, want)
	}
	return want
}

// sectionEdgeLines are lines at the edges of the words the sections are found
// by: each whole, cut, with text around it, as a sentence and with digits.
var sectionEdgeLines = []string{"", "勾稽关系", "申请人情况", "自然人", "自然", "然人", "勾稽关", "申请人情", "结转下年", "结转下年度", "结转下",
	"转下年", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "行政复议", "行政诉讼", "自然人 商业企业 科研机构",
	"自然人，法人", "自然人12", "（本列数据的勾稽关系为：第一项加第二项之和）", "申请人情况 自然人", "五、存在的主要问题及改进情况",
	"六、其他需要报告的事项", "主动公开政府信息情况", "第二十条", "信息内容", "制发件数", "本年新收政府信息公开申请数量", "\xe8\x87\xaa\xe7\x84\xb6\xe4\xba",
	"x自然人x", "结转下年\xff", "行政复议0件"}

// TestFindSectionsSameAsBefore compares findSections with its form before
// on the lines of every report of the diff corpus, on pieces of them from
// any line, and on lines drawn from the reports and the lines above.
func TestFindSectionsSameAsBefore(t *testing.T) {
	docs := diffCorpus(t, 6, 1, 2)
	rng := rand.New(rand.NewSource(1))
	var pool []string
	found := 0
	for _, d := range docs {
		_, cl := splitLines(d.text)
		if s := sameSections(t, d.name, cl); s.s3 >= 0 {
			found++
		}
		for range 4 {
			a := rng.Intn(len(cl) + 1)
			b := a + rng.Intn(len(cl)-a+1)
			sameSections(t, d.name+" (piece)", cl[a:b])
		}
		for range 3 {
			pool = append(pool, cl[rng.Intn(len(cl)+1)%max(len(cl), 1):]...)
			if len(pool) > 20000 {
				pool = pool[len(pool)-20000:]
			}
		}
	}
	if found < 50 {
		t.Fatalf("section 三 found in %d of %d reports: too few for the comparison to mean much", found, len(docs))
	}
	pool = append(pool, sectionEdgeLines...)
	for i := range 3000 {
		cl := make([]string, rng.Intn(60))
		for j := range cl {
			if rng.Intn(3) == 0 {
				cl[j] = sectionEdgeLines[rng.Intn(len(sectionEdgeLines))]
			} else if len(pool) > 0 {
				cl[j] = pool[rng.Intn(len(pool))]
			}
		}
		sameSections(t, "drawn "+strings.Repeat("+", i%2), cl)
	}
	t.Logf("%d reports, section 三 found in %d", len(docs), found)
}

// FuzzFindSectionsSame compares findSections with its form before on the
// lines of any text, and of the text after the lines above.
func FuzzFindSectionsSame(f *testing.F) {
	f.Add("一、总体情况\n自然人 商业企业\n1 2 3\n结转下年度 0 0\n四、行政复议\n维持 1\n五、存在的主要问题")
	f.Add("勾稽关系\n结转下年\n行政复议")
	f.Add("")
	f.Fuzz(func(t *testing.T, text string) {
		_, cl := splitLines(text)
		sameSections(t, "text", cl)
		sameSections(t, "text after", append(append([]string(nil), sectionEdgeLines...), cl...))
	})
}
