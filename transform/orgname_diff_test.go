package transform

import (
	"math/rand"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// sameOrgName compares isOrgName and orgBracket with the regexps they
// replace on one text.
func sameOrgName(t *testing.T, s string) {
	t.Helper()
	if got, want := isOrgName(s), oldIsOrgName(s); got != want {
		t.Fatalf("isOrgName(%q) = %v, by regexp %v", s, got, want)
	}
	name, second, ok := orgBracket(s)
	m := oldReOrgBracket.FindStringSubmatch(s)
	if ok != (m != nil) || ok && (name != m[1] || second != m[2]) {
		t.Fatalf("orgBracket(%q) = %q, %q, %v; by regexp %q", s, name, second, ok, m)
	}
	if got, want := hasOrgSuffix(s), oldReOrgSuffix.MatchString(s); got != want {
		t.Fatalf("hasOrgSuffix(%q) = %v, by regexp %v", s, got, want)
	}
}

// orgTexts are what the organ-name and year tests are asked about in the
// diff corpus, with brackets as the compact form prints them: each distinct
// compact line, its sentences and clauses, and each distinct clause cut
// one rune from either end, at cutsPerClause places drawn at random, after
// each closing bracket and 日 and before each opening bracket (where the
// patterns anchored at an end match), both sides of every cut. The corpus
// repeats its lines many times over (2 000 distinct of some 40 000), and
// every cut of every clause made a million texts, 20 MB that cost the
// regexps seconds, ten times that under the race detector.
func orgTexts(docs []diffDoc) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) bool {
		if seen[s] {
			return false
		}
		seen[s] = true
		out = append(out, s)
		return true
	}
	r := rand.New(rand.NewSource(1))
	for _, d := range docs {
		_, cl := splitLines(d.text)
		for _, c := range cl {
			if c == "" || !add(c) {
				continue
			}
			for _, p := range strings.FieldsFunc(c, func(r rune) bool { return strings.ContainsRune("，。；：,;:、", r) }) {
				if !add(p) {
					continue
				}
				var cuts []int
				for i := range p {
					if utf8.RuneStart(p[i]) && i > 0 {
						cuts = append(cuts, i)
					}
				}
				if len(cuts) == 0 {
					continue
				}
				picked := []int{cuts[0], cuts[len(cuts)-1]}
				for range cutsPerClause {
					picked = append(picked, cuts[r.Intn(len(cuts))])
				}
				for _, i := range cuts {
					if r, _ := utf8.DecodeLastRuneInString(p[:i]); strings.ContainsRune(")）日", r) || p[i] == '(' {
						picked = append(picked, i)
					}
				}
				for _, i := range picked {
					add(p[:i])
					add(p[i:])
				}
			}
		}
	}
	return out
}

// cutsPerClause is how many random places orgTexts cuts a clause at.
const cutsPerClause = 4

// diffTexts is orgTexts of the diff corpus with six generated reports of
// each of two seeds, made once a test binary.
func diffTexts(t testing.TB) []string {
	t.Helper()
	docs := diffCorpus(t, 6, 1, 2)
	diffTextsOnce.Do(func() { diffTextsMade = orgTexts(docs) })
	return diffTextsMade[:len(diffTextsMade):len(diffTextsMade)]
}

var (
	diffTextsOnce sync.Once
	diffTextsMade []string
)

// TestOrgNameSameAsRegexp: isOrgName, orgBracket and hasOrgSuffix say what
// the regexps said, over the diff corpus and texts made to be near the
// edges (brackets, lengths at the bounds, bytes that are not UTF-8).
func TestOrgNameSameAsRegexp(t *testing.T) {
	texts := diffTexts(t)
	han := func(n int) string { return strings.Repeat("局", n) }
	for _, n := range []int{0, 1, 2, 3, 20, 21, 29, 30, 31, 45, 46} {
		for _, k := range []int{0, 1, 2, 3, 19, 20, 21} {
			texts = append(texts, han(n)+"("+han(k)+")", han(n)+"("+han(k)+")x", han(n)+"("+han(k), han(n)+han(k)+")",
				han(n)+"(("+han(k)+")", han(n)+"("+han(k)+"))", "x"+han(n)+"("+han(k)+")")
		}
	}
	texts = append(texts, "松岭县档案局(松岭县档案馆)", "政务服务管理局(大数据中心)", "某某(办公室)", "某某镇(\xff)", "\xff局", "局\xff",
		"区人民政府", "政府", "局", "a局", "街道办事处", "某某公司", "(局)", "()", "")
	if len(texts) < 10000 {
		t.Fatalf("only %d texts", len(texts))
	}
	for _, s := range texts {
		sameOrgName(t, s)
	}
}

// FuzzOrgName compares the organ-name tests with the regexps on any text.
func FuzzOrgName(f *testing.F) {
	for _, s := range []string{"松岭县档案局(松岭县档案馆)", "区人民政府", "某镇(\xff)", "局局(局)", "办事处"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameOrgName(t, s) })
}
