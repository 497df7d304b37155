package transform

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// oldHeaderOrder is headerOrder as it was at 4185be1, before it
// remembered its last answer: kept to test that headerOrder answers as
// it did. Only the name differs.
func (p *parser) oldHeaderOrder(it schemas.Item, hdr []string) []int {
	n := len(it.Metrics)
	if n < 2 || n > 8 || len(hdr) == 0 {
		return nil
	}
	joined := p.scr.hdr[:0]
	for _, c := range hdr {
		joined = append(joined, c...)
	}
	p.scr.hdr = joined
	var posBuf [8]int
	pos := posBuf[:n]
	for j, m := range it.Metrics {
		k, ok := s2MetricKeys[m.Label]
		if !ok || k < 0 {
			return nil
		}
		pos[j] = -1
		for _, w := range s2ColumnKeys[k] {
			i := hanIndex(bytesString(joined), w)
			if i < 0 {
				continue
			}
			if hanContains(bytesString(joined[i+len(w):]), w) {
				return nil // named twice
			}
			if pos[j] < 0 || i < pos[j] {
				pos[j] = i // the first of its spellings (新制作 in 新制作数量)
			}
		}
		if pos[j] < 0 {
			return nil
		}
	}
	var orderBuf [8]int
	if !printedOrder(pos, orderBuf[:n]) {
		return nil
	}
	return slices.Clone(orderBuf[:n])
}

// s2Items are the items of section 二 of both templates, and one made up
// of columns no other item has together (each template's and a label
// outside s2MetricKeys), in the order headerOrder is asked about them.
func s2Items() []schemas.Item {
	items := append(slices.Clone(schemas.Disclosures2019), schemas.Disclosures2021...)
	m19, m21 := schemas.Disclosures2019[0].Metrics, schemas.Disclosures2021[0].Metrics
	items = append(items,
		schemas.Item{Metrics: []schemas.Metric{m21[2], m19[0], m21[0], m19[2]}},
		schemas.Item{Metrics: []schemas.Metric{m19[1], {Code: schemas.Code{Code: "x", Label: "不是列名"}}}},
		schemas.Item{Metrics: slices.Repeat(m19, 3)[:8]},
		schemas.Item{Metrics: slices.Repeat(m19, 3)})
	return items
}

// columnWords are header cells: every spelling of every column, alone,
// with text around it and cut in two.
func columnWords() []string {
	var out []string
	for _, ws := range s2ColumnKeys {
		for _, w := range ws {
			out = append(out, w, "本年"+w, w+"（件）", w[:len(w)/2], w[len(w)/2:])
		}
	}
	return append(out, "信息内容", "第二十条", "", "金额（万元）")
}

// orderCall is one question to headerOrder: an item under a header.
type orderCall struct {
	it  schemas.Item
	hdr []string
}

// orderCalls asks headerOrder and oldHeaderOrder, each on a parser of its
// own, about the items in turn under hdr and under hdr grown by a cell
// (the block's header appended to in place), then about them all under
// each; it returns the first difference, "" when there is none, and how
// many answers were an order.
func orderCalls(p, old *parser, items []schemas.Item, hdr []string, more string) (string, int) {
	grown := append(hdr, more)
	var calls []orderCall
	for _, it := range items {
		calls = append(calls, orderCall{it, hdr}, orderCall{it, grown})
	}
	for _, h := range [][]string{hdr, grown} {
		for _, it := range items {
			calls = append(calls, orderCall{it, h})
		}
	}
	found := 0
	for _, c := range calls {
		got, want := p.headerOrder(c.it, c.hdr), old.oldHeaderOrder(c.it, c.hdr)
		if !slices.Equal(got, want) || (got == nil) != (want == nil) {
			return fmt.Sprintf("header %q, columns %v: %v, was %v", c.hdr, c.it.Metrics, got, want), found
		}
		if got != nil {
			found++
		}
	}
	return "", found
}

// TestHeaderOrderSame checks that headerOrder answers as oldHeaderOrder
// over headers made of the corpus's section 二 lines (runs of one to six
// lines, each asked about every item, and grown by the next line) and of
// the columns' words drawn at random, asked in turn on one parser as the
// rows of a block ask, and again with a cell rewritten in place.
func TestHeaderOrderSame(t *testing.T) {
	items := s2Items()
	p, old := &parser{scr: &scratch{}}, &parser{scr: &scratch{}}
	found, asked := 0, 0
	check := func(hdr []string, more string) {
		t.Helper()
		asked++
		msg, n := orderCalls(p, old, items, hdr, more)
		if msg != "" {
			t.Fatal(msg)
		}
		found += n
	}
	for _, d := range diffCorpus(t, 20, 1, 2) {
		_, cl := splitLines(d.text)
		from, to := findSections(cl).bounds(secDisclosures)
		if from < 0 {
			continue
		}
		for i := from; i < to && i < from+80; i++ {
			for n := 1; n <= 6 && i+n < len(cl); n++ {
				hdr := make([]string, n, n+1) // grown in place
				copy(hdr, cl[i:i+n])
				check(hdr, cl[i+n])
			}
		}
	}
	words := columnWords()
	r := rand.New(rand.NewSource(1))
	for range 20000 {
		// up to 20 cells: more than the memo's copy holds
		hdr := make([]string, 1+r.Intn(20), 21)
		for j := range hdr {
			hdr[j] = words[r.Intn(len(words))]
		}
		check(hdr, words[r.Intn(len(words))])
		// a cell rewritten in place between two rows of an item: the
		// same header, another text
		it := items[r.Intn(len(items))]
		p.headerOrder(it, hdr)
		hdr[r.Intn(len(hdr))] = words[r.Intn(len(words))]
		if got, want := p.headerOrder(it, hdr), old.oldHeaderOrder(it, hdr); !slices.Equal(got, want) || (got == nil) != (want == nil) {
			t.Fatalf("header %q rewritten in place, columns %v: %v, was %v", hdr, it.Metrics, got, want)
		}
	}
	if found < 1000 {
		t.Fatalf("%d headers asked about, %d orders found: too few for the comparison to mean much", asked, found)
	}
	t.Logf("%d headers asked about, %d orders found", asked, found)
}

// FuzzHeaderOrderSame compares headerOrder with oldHeaderOrder on headers
// cut from any text at '|', asked about every item in turn.
func FuzzHeaderOrderSame(f *testing.F) {
	f.Add("本年制发件数|现行有效件数|本年废止件数", "（件）")
	f.Add("上一年项目数量|本年处理决定数量|本年增/减", "采购总金额")
	f.Add("本年新公开数量|本年新制作数量|对外公开总数量", "新制作")
	f.Add("增减|上年|处理决定|增减", "")
	f.Add(strings.Join(columnWords(), "|"), "收费金额")
	items := s2Items()
	f.Fuzz(func(t *testing.T, text, more string) {
		hdr := strings.Split(text, "|")
		if len(hdr) > 64 {
			return
		}
		p, old := &parser{scr: &scratch{}}, &parser{scr: &scratch{}}
		for range 2 { // asked again: the answer remembered
			if msg, _ := orderCalls(p, old, items, slices.Clip(hdr), more); msg != "" {
				t.Fatal(msg)
			}
		}
	})
}
