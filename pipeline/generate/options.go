package generate

import (
	"fmt"
	"slices"
)

// Layout names, as accepted in Options.Layouts and written in the first note
// of each truth line.
const (
	LayoutLines  = "lines"
	LayoutBlank  = "blank"
	LayoutTabs   = "tabs"
	LayoutPipe   = "pipe"
	LayoutLayout = "layout"
	LayoutHTML   = "html"
	LayoutDOCX   = "docx"
	// LayoutGlued is text that lost its cell separators, a crawler's copy
	// of a web table: each row's cells run together (行政许可5,
	// 一、本年新收…数量1000001). Drawn only when asked for.
	LayoutGlued = "glued"
	// LayoutColumns is text as pdftotext's default mode (no -layout)
	// prints some tables: cells one a paragraph, and section 三 page by
	// page as its row labels, then each column's header and numbers; a
	// blank cell prints nothing. Drawn only when asked for.
	LayoutColumns = "columns"
	// LayoutWordHTML is a page Word saved as "web page" (mso- styles,
	// spans at every change of script, <th> headers, GBK declared in
	// <meta http-equiv>) inside a site's layout table. Drawn only when
	// asked for.
	LayoutWordHTML = "word-html"
	// LayoutWordDOCX is a .docx as Word writes it after editing: runs
	// split inside words and numbers, tracked changes, smart tags and
	// content controls, gridBefore, a deleted row, the report inside a
	// one-cell layout table. Drawn only when asked for.
	LayoutWordDOCX = "word-docx"
	// LayoutHTMLSpacer is LayoutHTML whose section 三 grid has a narrow
	// empty column between the labels and the numbers, printed in some
	// rows as an empty cell and covered in others by a colspan of the
	// row's last label. Drawn only when asked for.
	LayoutHTMLSpacer = "html-spacer"
	// LayoutHTMLShifted is LayoutHTMLSpacer in which about one section 三
	// row in twelve forgets the spacer column (neither an empty cell nor a
	// wider label): its numbers stand one grid column left, the last one
	// under no header. Drawn only when asked for.
	LayoutHTMLShifted = "html-shifted"
	// LayoutCrawled is a .txt a crawler saved from a page whose script
	// fills in the article: the HTML of LayoutHTML as a string in a JSON
	// answer, a JavaScript variable or document.write, or as entities.
	// Drawn only when asked for.
	LayoutCrawled = "crawled"
	// LayoutMarkdown is what PDF-to-Markdown converters write: Markdown
	// tables, section 三 as a table of labels and one of numbers under
	// generic headers (数据1 …), page by page, section 四 as three tables.
	// Drawn only when asked for.
	LayoutMarkdown = "markdown"
	// LayoutParagraphs is text as pdftotext's default mode prints tables
	// it reads row by row: a cell a paragraph, a blank cell nothing, tall
	// merged labels after their rows, and section 三's header repeated
	// after a page break read around the first row's cells. Drawn only
	// when asked for.
	LayoutParagraphs = "paragraphs"
	// LayoutMarkdownLost is another converter's Markdown: section 三 in
	// small tables under generic headers (数据1 … 数据6) with a value
	// column lost and some labels apart from their numbers, section 四 as
	// three tables. Drawn only when asked for.
	LayoutMarkdownLost = "markdown-lost"
)

// Encoding names, as written in the second note of each truth line.
const (
	EncUTF8    = "utf-8"
	EncUTF8BOM = "utf-8-bom"
	EncGB18030 = "gb18030"
	EncGBK     = "gbk"
)

// Template codes.
const (
	Template2019 = "2019"
	Template2021 = "2021"
)

// Layouts lists every layout the generator produces, in a fixed order.
var Layouts = []string{LayoutLines, LayoutBlank, LayoutTabs, LayoutPipe, LayoutLayout, LayoutHTML, LayoutDOCX}

// ExtraLayouts are layouts drawn only when Options.Layouts names them; so
// are FixtureLayouts, the text layouts of the test reports.
var ExtraLayouts = []string{LayoutGlued, LayoutColumns, LayoutWordHTML, LayoutWordDOCX, LayoutHTMLSpacer, LayoutHTMLShifted, LayoutCrawled, LayoutMarkdown, LayoutParagraphs, LayoutMarkdownLost}

// AllLayouts is every layout the generator draws: Layouts, then
// ExtraLayouts, then FixtureLayouts.
func AllLayouts() []string {
	return slices.Concat(Layouts, ExtraLayouts, FixtureLayouts)
}

// Templates lists both template versions.
var Templates = []string{Template2019, Template2021}

// layoutWeight is how often each layout is drawn when all are allowed:
// roughly what a crawl of government sites brings back.
var layoutWeight = map[string]int{
	LayoutLines: 15, LayoutBlank: 10, LayoutTabs: 15, LayoutPipe: 10,
	LayoutLayout: 15, LayoutHTML: 20, LayoutDOCX: 15, LayoutGlued: 1, LayoutColumns: 1,
	LayoutWordHTML: 1, LayoutWordDOCX: 1, LayoutHTMLSpacer: 1, LayoutHTMLShifted: 1, LayoutCrawled: 1, LayoutMarkdown: 1,
	LayoutParagraphs: 1, LayoutMarkdownLost: 1,
	FixtureCells: 1, FixtureBlankLines: 1, FixtureTabs: 1, FixturePipes: 1, FixtureLayout: 1, FixtureWebCopy: 1,
	FixtureRaw: 1, FixtureWord: 1, FixtureCentred: 1, FixtureSpaced: 1, FixturePageNum: 1,
}

// DefaultMaxPerDir is the number of reports per subfolder when
// Options.MaxPerDir is zero.
const DefaultMaxPerDir = 1000

// Options describes a corpus. The zero value of every field but Reports
// means "all" or the default.
type Options struct {
	Reports   int      // number of reports
	Seed      int64    // same seed, same bytes
	Layouts   []string // layouts to draw from; nil means all of Layouts
	Templates []string // templates to draw from; nil means both
	MaxPerDir int      // files per subfolder; 0 means DefaultMaxPerDir
}

// Validate reports whether the options describe a corpus.
func (o Options) Validate() error {
	if o.Reports < 0 {
		return fmt.Errorf("%w: %d reports", ErrOptions, o.Reports)
	}
	if o.MaxPerDir < 0 {
		return fmt.Errorf("%w: %d files per directory", ErrOptions, o.MaxPerDir)
	}
	for _, l := range o.Layouts {
		if !slices.Contains(Layouts, l) && !slices.Contains(ExtraLayouts, l) && !slices.Contains(FixtureLayouts, l) {
			return fmt.Errorf("%w %q (want one of %v, %v or %v)", ErrLayout, l, Layouts, ExtraLayouts, FixtureLayouts)
		}
	}
	for _, t := range o.Templates {
		if !slices.Contains(Templates, t) {
			return fmt.Errorf("%w %q (want 2019 or 2021)", ErrTemplate, t)
		}
	}
	return nil
}

func (o Options) layouts() []string {
	if len(o.Layouts) == 0 {
		return Layouts
	}
	return o.Layouts
}

func (o Options) templates() []string {
	if len(o.Templates) == 0 {
		return Templates
	}
	return o.Templates
}

func (o Options) maxPerDir() int {
	if o.MaxPerDir <= 0 {
		return DefaultMaxPerDir
	}
	return o.MaxPerDir
}

// Stats summarises a written corpus.
type Stats struct {
	Reports    int
	Bytes      int64 // report files only, without truth.jsonl
	ByLayout   map[string]int
	ByTemplate map[string]int
	ByEncoding map[string]int
}
