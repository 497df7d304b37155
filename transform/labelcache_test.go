package transform

import "testing"

// TestLabelCacheSame checks that a labelCache answers, for every text cell
// of every table of the diff corpus, under every spec and in and out of a
// group, what the spec's matcher answers, both when it first sees the text
// and when it answers from memory; and that it starts over instead of
// growing past maxCachedLabels.
func TestLabelCacheSame(t *testing.T) {
	specs := []*tableSpec{&s2Specs[0], &s2Specs[1], &s3Specs[0], &s3Specs[1], &s4Spec, &s4TransposedSpec}
	var lc labelCache
	texts, hits := 0, 0
	for _, d := range diffCorpus(t, 10, 1) {
		lines, cl := splitLines(d.text)
		for _, tk := range tokenize(lines, cl, 0, len(lines), d.keepTail, nil) {
			if tk.kind != tokText {
				continue
			}
			texts++
			for _, spec := range specs {
				for _, g := range []bool{false, true} {
					want := spec.match(tk.c, g)
					_, seen := lc[labelKey{spec, tk.c, g}]
					if seen {
						hits++
					}
					if got := lc.match(spec, tk.c, g); got != want {
						t.Fatalf("%s: %q (in group %v): cache says %+v, the matcher %+v", d.name, tk.c, g, got, want)
					}
					if got := lc.match(spec, tk.c, g); got != want {
						t.Fatalf("%s: %q (in group %v): remembered %+v, the matcher says %+v", d.name, tk.c, g, got, want)
					}
				}
			}
			if len(lc) > maxCachedLabels {
				t.Fatalf("cache holds %d texts, more than %d", len(lc), maxCachedLabels)
			}
		}
	}
	if texts < 10000 || hits == 0 {
		t.Fatalf("only %d texts compared, %d answered from memory", texts, hits)
	}
	t.Logf("%d texts, %d answers from memory", texts, hits)
}
