package generate

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// NewRand returns the random source of report i of a corpus: Corpus uses
// it, so Report(NewRand(opt.Seed, i), i, opt) gives the bytes Corpus
// writes for report i.
func NewRand(seed int64, i int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), uint64(i)))
}

// Report generates one report in memory. name is the path Corpus writes it
// to, relative to the corpus root with '/' separators (also truth.File).
// Everything is drawn from rng and i, so the same source gives the same
// bytes. Report panics if opt does not Validate.
func Report(rng *rand.Rand, i int, opt Options) (name string, data []byte, truth Truth) {
	if err := opt.Validate(); err != nil {
		panic("generate: " + err.Error())
	}
	m, blocks := plan(rng, opt)
	layout, tmpl, year := m.layout, m.template, m.year

	ext := "txt"
	switch layout {
	case LayoutLines:
		data = encode(m.renderLines(blocks), m.enc)
	case LayoutBlank:
		data = encode(m.renderBlank(blocks), m.enc)
	case LayoutTabs:
		data = encode(m.renderTabs(rng, blocks), m.enc)
	case LayoutPipe:
		data = encode(m.renderPipe(blocks), m.enc)
	case LayoutGlued:
		data = encode(m.renderGlued(blocks), m.enc)
	case LayoutColumns:
		data = encode(m.renderColumns(blocks), m.enc)
	case LayoutMarkdownLost:
		data = encode(m.renderMarkdownLost(rng, blocks), m.enc)
	case LayoutParagraphs:
		data = encode(m.renderParagraphs(rng, blocks), m.enc)
	case LayoutLayout:
		data = encode(m.renderLayout(blocks), m.enc)
	case LayoutHTML, LayoutHTMLSpacer, LayoutHTMLShifted:
		ext = "html"
		if chance(rng, 0.2) {
			ext = "htm"
		}
		data = encode(m.renderHTML(rng, blocks), m.enc)
	case LayoutDOCX:
		ext = "docx"
		data = m.renderDOCX(rng, blocks)
	case LayoutCrawled:
		data = encode(m.renderCrawled(rng, blocks), m.enc)
	case LayoutMarkdown: // saved as .txt: nianbao reads no .md
		data = encode(m.renderMarkdown(blocks), m.enc)
	case LayoutWordHTML:
		ext = "htm"
		data = encode(m.renderWordHTML(blocks), m.enc)
	case LayoutWordDOCX:
		ext = "docx"
		data = m.renderWordDOCX(blocks)
	default: // one of FixtureLayouts
		text, err := renderFixture(m.printed(blocks), layout)
		if err != nil {
			panic("generate: " + err.Error()) // the model always has the template's rows
		}
		if m.crlf {
			text = strings.ReplaceAll(text, "\n", "\r\n")
		}
		data = encode(text, m.enc)
	}

	sum := sha256.Sum256(data)
	name = fmt.Sprintf("%04d/%06d_%s.%s", i/opt.maxPerDir(), i, hex.EncodeToString(sum[:8]), ext)
	notes := []string{layout, m.enc}
	if m.crlf {
		notes = append(notes, "crlf")
	}
	truth = Truth{
		File:           name,
		Year:           year,
		Template:       tmpl,
		Agency:         []string{m.agency.name},
		Cells:          m.truth(),
		ExpectedIssues: []Issue{},
		Notes:          notes,
		Layout:         layout,
		Encoding:       m.enc,
		Single:         m.single,
	}
	return name, data, truth
}

// plan draws what a report says and how it is laid out.
func plan(rng *rand.Rand, opt Options) (*model, []block) {
	layout := pickLayout(rng, opt.layouts())
	// Years are equally likely, so template 2021 (four years so far)
	// outnumbers 2019 (two) as it does in the population.
	var years []int
	for _, t := range opt.templates() {
		if t == Template2019 {
			years = append(years, 2019, 2020)
		} else {
			years = append(years, 2021, 2022, 2023, 2024)
		}
	}
	year := pick(rng, years)
	tmpl := Template2021
	if year < 2021 {
		tmpl = Template2019
	}
	m := newModel(rng, tmpl, year, layout)
	m.applyMarkers()
	return m, m.blocks(rng)
}

func pickLayout(r *rand.Rand, layouts []string) string {
	total := 0
	for _, l := range layouts {
		total += layoutWeight[l]
	}
	x := r.IntN(total)
	for _, l := range layouts {
		if x < layoutWeight[l] {
			return l
		}
		x -= layoutWeight[l]
	}
	return layouts[len(layouts)-1]
}

// encode writes s in the report's encoding. Everything the generator
// prints is representable in GBK (HTML uses &nbsp;, text in GBK-family
// encodings gets no U+00A0 padding), so an encoder error is a bug.
func encode(s, enc string) []byte {
	b, err := encodeText(s, enc)
	if err != nil {
		panic("generate: " + err.Error())
	}
	return b
}

// encodeText writes s in enc, or fails on a character enc cannot hold.
func encodeText(s, enc string) ([]byte, error) {
	switch enc {
	case EncUTF8BOM:
		return append([]byte("\ufeff"), s...), nil
	case EncGB18030:
		b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
		if err != nil {
			return nil, fmt.Errorf("gb18030: %w", err)
		}
		return b, nil
	case EncGBK:
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		if err != nil {
			return nil, fmt.Errorf("gbk: %w", err)
		}
		return b, nil
	}
	return []byte(s), nil
}

// Corpus writes opt.Reports reports under dir, opt.MaxPerDir to a
// subfolder, and truth.jsonl with one line per report in index order.
// truth.jsonl appears only when every report is written. Reports are
// generated in parallel; the output does not depend on it.
func Corpus(ctx context.Context, dir string, opt Options) (Stats, error) {
	st := Stats{ByLayout: map[string]int{}, ByTemplate: map[string]int{}, ByEncoding: map[string]int{}}
	if err := opt.Validate(); err != nil {
		return st, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return st, err
	}
	tmp := filepath.Join(dir, "truth.jsonl.tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return st, err
	}
	defer func() {
		f.Close()
		os.Remove(tmp)
	}()
	tw := bufio.NewWriterSize(f, 1<<20)

	type result struct {
		name  string
		data  []byte
		truth Truth
	}
	workers := runtime.GOMAXPROCS(0)
	batch := make([]result, 16*workers)
	made := map[string]bool{}
	for start := 0; start < opt.Reports; start += len(batch) {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		n := min(len(batch), opt.Reports-start)
		var wg sync.WaitGroup
		next := make(chan int, n)
		for k := range n {
			next <- k
		}
		close(next)
		for range min(workers, n) {
			wg.Go(func() {
				for k := range next {
					i := start + k
					name, data, truth := Report(NewRand(opt.Seed, i), i, opt)
					batch[k] = result{name, data, truth}
				}
			})
		}
		wg.Wait()
		for _, res := range batch[:n] {
			path := filepath.Join(dir, filepath.FromSlash(res.name))
			if sub := filepath.Dir(path); !made[sub] {
				if err := os.MkdirAll(sub, 0o755); err != nil {
					return st, err
				}
				made[sub] = true
			}
			if err := os.WriteFile(path, res.data, 0o644); err != nil {
				return st, err
			}
			line, _ := res.truth.MarshalJSON() // never fails
			tw.Write(line)
			if err := tw.WriteByte('\n'); err != nil {
				return st, fmt.Errorf("truth.jsonl: %w", err)
			}
			st.Reports++
			st.Bytes += int64(len(res.data))
			st.ByLayout[res.truth.Layout]++
			st.ByTemplate[res.truth.Template]++
			st.ByEncoding[res.truth.Encoding]++
		}
		clear(batch)
	}
	if err := tw.Flush(); err != nil {
		return st, fmt.Errorf("truth.jsonl: %w", err)
	}
	if err := f.Close(); err != nil {
		return st, fmt.Errorf("truth.jsonl: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, "truth.jsonl")); err != nil {
		return st, err
	}
	return st, nil
}
