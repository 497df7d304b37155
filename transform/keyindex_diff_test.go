package transform

import (
	"math/rand"
	"strings"
	"testing"
)

// keyIndexLists are the package's word lists, and lists made to reach
// the skip table's edges: words of exactly skipMin bytes and longer,
// ASCII, words repeated in themselves, words that end in a lead byte or
// hold bytes that are not UTF-8, a list too short to skip by.
func keyIndexLists() []*keyIndex {
	return []*keyIndex{s3Words, s2HeaderIndex, s2Words, s4HeaderIndex, s2ColumnGroups.words, tmplGroups.words, notInNameIndex,
		newKeyIndex("行政复议", "行政诉讼", "行政"),
		newKeyIndex("abcdef", "bcdefg", "aaaaaaa", "abcabcabc"),
		newKeyIndex("申请申请", "请申请申", "一一一一一一一一"),
		newKeyIndex("政府信息公开", "信息公开\xe5", "公开\xff\x80\x80"),
		newKeyIndex(strings.Repeat("长", 100), strings.Repeat("长", 90)+"短"),
		s3AnchorWords.words, carriedForwardWord.words, s3HeadingWords.words, s5s6HeadingWords.words,
	}
}

// sameKeyIndex compares keyIndex.contains and has with the old keyIndex
// and with strings.Contains on one text, and reports whether a word was
// found.
func sameKeyIndex(t testing.TB, x *keyIndex, s string) bool {
	t.Helper()
	var want uint64
	for i, k := range x.keys {
		if strings.Contains(s, k) {
			want |= 1 << i
		}
	}
	got := x.contains(s)
	if got != want {
		t.Fatalf("keyIndex.contains(%q) = %b, by Contains %b (words %q)", s, got, want, x.keys)
	}
	if has := x.has(s); has != (want != 0) {
		t.Fatalf("keyIndex.has(%q) = %v, by Contains %b (words %q)", s, has, want, x.keys)
	}
	if len(s) >= x.min {
		for _, stop := range []uint64{0, ^uint64(0), want & -want, 1 << (len(s) % len(x.keys))} {
			if got, was := x.scan(s, stop), x.scanChecked(s, stop); got != was {
				t.Fatalf("keyIndex.scan(%q, %b) = %b, before %b (words %q)", s, stop, got, was, x.keys)
			}
		}
	}
	o := oldOf(x)
	if old := o.contains(s); got != old {
		t.Fatalf("keyIndex.contains(%q) = %b, by the old keyIndex %b (words %q)", s, got, old, x.keys)
	}
	if old := o.containsEach(s); got != old {
		t.Fatalf("keyIndex.contains(%q) = %b, by character %b (words %q)", s, got, old, x.keys)
	}
	return want != 0
}

// TestKeyIndexSame compares keyIndex.contains with the loop that looked
// at every character over the lines of the diff corpus, the lines with
// words of the list put in at any byte, and random lists of pieces cut
// from the corpus.
func TestKeyIndexSame(t *testing.T) {
	texts := diffTexts(t)
	rng := rand.New(rand.NewSource(5))
	lists := keyIndexLists()
	for range 20 {
		var words []string
		for len(words) < 1+rng.Intn(64) {
			o := texts[rng.Intn(len(texts))]
			if len(o) < 3 {
				continue
			}
			i := rng.Intn(len(o) - 2)
			w := o[i:min(len(o), i+3+rng.Intn(15))]
			if w[0]&0xc0 != 0x80 {
				words = append(words, w)
			}
		}
		lists = append(lists, newKeyIndex(words...))
	}
	found, tried := 0, 0
	for _, s := range texts {
		for _, x := range lists {
			tried++
			if sameKeyIndex(t, x, s) {
				found++
			}
			if len(s) > 0 && rng.Intn(8) == 0 {
				i, k := rng.Intn(len(s)+1), x.keys[rng.Intn(len(x.keys))]
				sameKeyIndex(t, x, s[:i]+k+s[i:])
				sameKeyIndex(t, x, s[:i]+k[:len(k)-1]+s[i:])
			}
		}
	}
	// An absolute floor: a share of the pairs tried would fall as lists
	// that rarely match are added, and with the texts beside the seeds.
	if len(texts) < 10000 || found < 10000 {
		t.Fatalf("%d texts, %d of %d texts held a word: too few for the comparison to mean much", len(texts), found, tried)
	}
}

// FuzzKeyIndexSame compares them on any text, for each list.
func FuzzKeyIndexSame(f *testing.F) {
	for _, s := range []string{"（一）本年新收政府信息公开申请数量", "行政行政诉讼", "\xe8\xa1行政复议", "abcabcdef", "一一一一一一一一一", "信息公开\xe5"} {
		f.Add(s)
	}
	lists := keyIndexLists()
	f.Fuzz(func(t *testing.T, s string) {
		for _, x := range lists {
			sameKeyIndex(t, x, s)
		}
	})
}
