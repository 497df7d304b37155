package transform

import (
	"strings"
	"testing"
)

// oldIsSentence is isSentence as it searched for each mark in turn: the
// reference the byte loop is held to.
func oldIsSentence(c string) bool {
	if strings.Contains(c, "。") || strings.Contains(c, ";") {
		return true
	}
	for i := strings.IndexByte(c, ','); i >= 0; {
		if i == 0 || i+1 >= len(c) || c[i-1]-'0' > 9 || c[i+1]-'0' > 9 {
			return true
		}
		j := strings.IndexByte(c[i+1:], ',')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return false
}

// sameSentence compares isSentence with oldIsSentence on s, and returns
// its answer.
func sameSentence(t testing.TB, s string) bool {
	t.Helper()
	want := oldIsSentence(s)
	if got := isSentence(s); got != want {
		t.Fatalf("isSentence(%q) = %v, was %v", s, got, want)
	}
	if got := isSentenceByteLoop(s); got != want {
		t.Fatalf("isSentenceByteLoop(%q) = %v, was %v", s, got, want)
	}
	return want
}

// TestIsSentenceEveryPlace puts each mark, and the bytes next to the
// marks' (':', '-', 0xe2, which the eight-byte test may flag too), at
// every place of texts of 0 to 40 bytes, after and before every other,
// so that each stands at every place of a load and of the last,
// overlapping one.
func TestIsSentenceEveryPlace(t *testing.T) {
	marks := []string{"。", ";", ",", "1,2", "1,", ",2", ":", "-", "\xe2\x80\x82", "\xe3\x80", "\xe3\x81\x82", "\xe3", "、", "；"}
	fills := []string{"a", "1", "一", "\x80", ":", "-"}
	n, yes := 0, 0
	for _, fill := range fills {
		for size := 0; size <= 40; size++ {
			base := strings.Repeat(fill, size)
			base = base[:size]
			for _, m := range marks {
				for at := 0; at <= size; at++ {
					for _, other := range []string{"", ":", "-,", "1"} {
						s := base[:at] + m + base[at:] + other
						n++
						if sameSentence(t, s) {
							yes++
						}
						if sameSentence(t, other+s) {
							yes++
						}
					}
				}
			}
		}
	}
	t.Logf("%d texts, %d sentences", 2*n, yes)
}

// TestIsSentenceSameAsBefore: over the diff corpus's lines and lines with
// each mark at each end, commas between digits or not, and the bytes of
// 。 apart or cut, isSentence says what it said.
func TestIsSentenceSameAsBefore(t *testing.T) {
	texts := diffTexts(t)
	for _, a := range []string{"", "1", "x", "一", "\xe3", "\xe3\x80", "1,", ",1"} {
		for _, m := range []string{"", "。", ";", ",", "\xe3\x80\x81", "\xe3\x80", "1,000", "1,x", "x,1", ",,", "1,,1", "；", "，"} {
			for _, b := range []string{"", "1", "x", "一", "\x82", "\x80\x82", ",", "2,3"} {
				texts = append(texts, a+m+b, a+b+m, m+a+b)
			}
		}
	}
	yes := 0
	for _, s := range texts {
		if sameSentence(t, s) {
			yes++
		}
	}
	if yes < 1000 || yes == len(texts) {
		t.Fatalf("%d of %d texts are sentences: too few either way for the comparison to mean much", yes, len(texts))
	}
	t.Logf("%d texts, %d sentences", len(texts), yes)
}

// FuzzIsSentenceSameAsBefore compares isSentence with oldIsSentence on any
// text; the seeds add the corpus lines holding a mark it looks for.
func FuzzIsSentenceSameAsBefore(f *testing.F) {
	for _, s := range []string{"", "1,000", "本年,共", "行政许可;", "。", "\xe3\x80", "1,2,3"} {
		f.Add(s)
	}
	addCorpusSeeds(f, "。", ";", ",")
	f.Fuzz(func(t *testing.T, s string) { sameSentence(t, s) })
}
