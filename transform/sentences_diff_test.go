package transform

import (
	"slices"
	"strings"
	"testing"
)

// receivedSaidOld is receivedSaid as it was at ef1a759, before it found
// the sentences' ends by their bytes instead of strings.FieldsFunc: kept
// to test that receivedSaid reads as it did. Only the name differs.
func receivedSaidOld(l string) (said int64, withCarried, found bool) {
	for _, sent := range strings.FieldsFunc(l, func(r rune) bool { return r == '。' || r == ';' || r == '；' }) {
		if !hanContains(sent, "申请") {
			continue
		}
		if start, i, j, ok := newN(sent); ok && !containsAny(sent[clauseStart(sent, start):i], notThisYear...) {
			if n, ok := summaryNumber(sent[i:j]); ok {
				return n, false, true
			}
		}
		for m, ok := receivedAt(sent, 0); ok; m, ok = receivedAt(sent, m[1]) {
			if containsAny(sent[clauseStart(sent, m[0]):m[2]], notTheTotal...) {
				continue
			}
			if n, ok := summaryNumber(sent[m[2]:m[3]]); ok {
				return n, hanContains(sent, "结转"), true
			}
		}
		if (hanContains(sent, "未") || hanContains(sent, "没有")) && noRequest(sent) {
			return 0, false, true
		}
	}
	return 0, false, false
}

// sentencesOf are the non-empty sentences sentenceEnd cuts l into.
func sentencesOf(l string) []string {
	var out []string
	for start := 0; start < len(l); {
		end, next := sentenceEnd(l, start)
		if end > start {
			out = append(out, l[start:end])
		}
		start = next
	}
	return out
}

// sameSentences compares sentenceEnd's cuts with strings.FieldsFunc's
// and receivedSaid with receivedSaidOld on l, and reports whether l said
// a number.
func sameSentences(t testing.TB, l string) bool {
	t.Helper()
	want := strings.FieldsFunc(l, func(r rune) bool { return r == '。' || r == ';' || r == '；' })
	if got := sentencesOf(l); !slices.Equal(got, want) {
		t.Fatalf("sentences of %q: %q, FieldsFunc %q", l, got, want)
	}
	n, c, ok := receivedSaid(l)
	on, oc, ook := receivedSaidOld(l)
	if n != on || c != oc || ok != ook {
		t.Fatalf("receivedSaid(%q) = %d, %v, %v; was %d, %v, %v", l, n, c, ok, on, oc, ook)
	}
	return ok
}

// sentenceEdges are lines near the marks: each mark whole, cut, doubled,
// at either end, beside bytes that are not UTF-8 and beside characters
// sharing its lead byte or its last bytes.
func sentenceEdges() []string {
	marks := []string{"。", ";", "；", "\xe3\x80", "\xef\xbc", "\xe3", "\xef", "\x82", "\x9b", "。。", ";；",
		"、", "，", "：", "\xe3\x80\x83", "\xef\xbc\x9a", "\xe4\xe3\x80\x82", "\xf0\xe3\x80\x82", "\xe3\x80\x82\x80", "\xff"}
	words := []string{"", "本年新收政府信息公开申请12件", "共受理14件（含上年结转2件）", "未收到申请", "申请", "a"}
	var out []string
	for _, a := range words {
		for _, m := range marks {
			for _, b := range words {
				out = append(out, a+m+b, m+a+m+b+m)
			}
		}
	}
	return out
}

// TestSentencesSame checks sentenceEnd and receivedSaid against
// FieldsFunc and receivedSaidOld on every line of the differential
// corpus, its summary lines joined, and lines near the marks.
func TestSentencesSame(t *testing.T) {
	texts := sentenceEdges()
	for _, d := range diffCorpus(t, 20, 1, 2) {
		lines, cl := splitLines(d.text)
		texts = append(texts, lines...)
		texts = append(texts, cl...)
		texts = append(texts, strings.Join(cl[:min(len(cl), 40)], ""))
	}
	sameOnAll(t, texts, 50, sameSentences)
}

// FuzzSentencesSame compares them on any line.
func FuzzSentencesSame(f *testing.F) {
	for _, l := range sentenceEdges()[:300] {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, l string) { sameSentences(t, l) })
}
