package transform_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform"
)

// TestSpacedLayoutBlankCells reads text that pdftotext -layout made of
// PDFs with real tables: blank cells are not printed, so rows show fewer
// numbers than columns, and each number must be placed under the header
// column it stands below. pdftotext counts every character as one column
// of its grid, so the display columns of a number drift with the wide
// label before it; the header is repeated on the next page at other
// columns, wrapped (商业企 / 业), beside vertical labels (三、本 / 年度办)
// and wrapped group labels ((三)不 / 予公开). seed001 is seed 001 (its
// applicant columns blank, only 总计 printed); blanks has numbers in
// scattered columns of sections 三 and 四, whose header names wrap
// (结果 / 维持).
func TestSpacedLayoutBlankCells(t *testing.T) {
	seed001 := map[string]any{}
	for _, e := range loadExpected(t, filepath.Join("..", "testdata", "seeds", "seeds.jsonl")) {
		if strings.HasPrefix(e.File, "001_") {
			for k, v := range e.Cells {
				var x any
				json.Unmarshal(v, &x)
				seed001[k] = x
			}
		}
	}
	blanks := map[string]any{}
	b, err := os.ReadFile(filepath.Join("testdata", "layout", "blanks-pdftotext.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &blanks); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		file      string
		want      map[string]any
		s4ByPlace bool
	}{
		{"seed001-pdftotext.txt", seed001, false},
		{"blanks-pdftotext.txt", blanks, true},
	} {
		t.Run(c.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", "layout", c.file))
			if err != nil {
				t.Fatal(err)
			}
			p := transform.Parse(schemas.Document{ReportID: "x", SourcePath: c.file, SourceFormat: "pdf",
				Encoding: "utf-8", Text: string(b)})
			got := cellValues(p)
			n := 0
			for k, w := range c.want {
				if !strings.HasPrefix(k, "s3.") && !strings.HasPrefix(k, "s4.") {
					continue
				}
				n++
				ws := "null"
				if w != nil {
					ws = fmt.Sprint(w)
				}
				if got[k] != ws {
					t.Errorf("%s = %s, want %s", k, got[k], ws)
				}
			}
			if n < 161+15 {
				t.Fatalf("only %d cells expected", n)
			}
			pos := map[string]bool{}
			for _, f := range p.Findings {
				switch f.Rule {
				case "S3_CELL_POSITION", "S4_CELL_POSITION":
					pos[f.Cell] = true
				case "S3_CELL_COUNT", "S4_CELL_COUNT":
					t.Errorf("%s %s: %s", f.Rule, f.Cell, f.Message)
				}
			}
			if !pos["s3.partial.*"] || !pos["s3.total.*"] {
				t.Errorf("rows placed by position: %v", pos)
			}
			if pos["s4.*"] != c.s4ByPlace {
				t.Errorf("section 四 placed by position: %v, want %v", pos["s4.*"], c.s4ByPlace)
			}
		})
	}
}

// TestSpacedLayoutWrappedLabels reads text pdftotext -layout made of PDFs
// whose label columns are narrow: labels wrap over two to four lines
// (行政事业性 / 收费, 5.要求行政机 / 关确认或重新 / 出具已获取信 / 息), the
// row's numbers beside the first line of its label (cells aligned to the
// top) or beside none of its pieces, on a line between them (centred).
// The pieces make the row's label together; read alone, the first was a
// row the template lacks holding the numbers and the last (收费, which
// names the row) the row, left blank with no finding. Every cell must be
// read as printed; the only exception is the 2021 fee amount, whose
// header unit (（单位：万元）) wraps too and is flagged as inferred.
func TestSpacedLayoutWrappedLabels(t *testing.T) {
	for _, c := range []struct {
		file    string
		flagged map[string]string // cell → the finding its differing value carries
	}{
		{"wrapped-top-pdftotext", nil},
		{"wrapped-middle-pdftotext", map[string]string{"s2.fees.amount_yuan": "AMOUNT_UNIT_INFERRED"}},
	} {
		t.Run(c.file, func(t *testing.T) {
			p, got, want := layoutFixture(t, c.file)
			if len(want) < 198 {
				t.Fatalf("only %d cells expected", len(want))
			}
			for k, ws := range want {
				if got[k] == ws {
					continue
				}
				if rule, ok := c.flagged[k]; ok && hasFinding(p, rule, k) {
					continue
				}
				t.Errorf("%s = %s, want %s", k, got[k], ws)
			}
			for _, f := range p.Findings {
				if f.Rule == "S2_ROW_MISSING" || f.Rule == "S3_ROW_MISSING" || f.Rule == "S2_EXTRA_ROW" {
					t.Errorf("%s %s: %s", f.Rule, f.Cell, f.Message)
				}
			}
		})
	}
}

// TestSpacedLayoutUnreadLabel reads text pdftotext -layout made of PDFs
// whose section 三 prints blank cells as nothing and has a row whose label
// shares its lines with a group label's pieces (（五）不 物, 不予公
// 1.属于国家秘 / 开 密 20 10 30, （六） 1.申请人无正). Its numbers stand on
// a line of their own, after the line of the row above's numbers; they
// made that row up to seven numbers, read so with only its 总计 flagged.
// The label was then not read, its numbers no row's; it is read now, from
// the pieces in its own column (see joinWrapped), and no row is missing.
// No cell may hold a number other than its own unless a finding names it
// or its row.
func TestSpacedLayoutUnreadLabel(t *testing.T) {
	for _, c := range []struct{ file, row string }{
		{"unread-label-numbers-pdftotext", "s3.not_processed.duplicate."},
		{"unread-label-pieces-pdftotext", "s3.partial."},
		{"unread-label-group-pdftotext", "s3.not_processed.confirm_existing."},
	} {
		t.Run(c.file, func(t *testing.T) {
			p, got, want := layoutFixture(t, c.file)
			named := func(cell string) bool {
				rowCells := cell[:strings.LastIndexByte(cell, '.')] + ".*"
				for _, f := range p.Findings {
					if f.Severity != schemas.SeverityInfo && (f.Cell == cell || f.Cell == rowCells) {
						return true
					}
				}
				return false
			}
			for k, ws := range want {
				if got[k] != ws && got[k] != "null" && !named(k) {
					t.Errorf("%s = %s, want %s, and no finding names it", k, got[k], ws)
				}
				if strings.HasPrefix(k, c.row) && got[k] != ws && got[k] != "null" {
					t.Errorf("%s = %s, want %s or null", k, got[k], ws)
				}
			}
			for _, f := range p.Findings {
				if f.Rule == "S3_UNKNOWN_ROW" || f.Rule == "S3_ROW_MISSING" {
					t.Errorf("%s %s: %s", f.Rule, f.Cell, f.Message)
				}
			}
		})
	}
}

// TestSpacedLayoutGroupPieces reads text pdftotext -layout made of PDFs
// whose section 三 group labels (（三）不予公开, （四）无法提供) stand in a
// column as narrow as the rows', one space from them, so each line of a
// row's wrapped label holds a piece of both: （三） 1.属于国家秘 / 不予公 密
// / 开, printed once per row (repeat) or once per group, centred, with the
// numbers on a middle line (middle: 2.其他法律行 / ）不 / 政法规禁止 67 /
// 予公 / 公开). The rows' labels, the group's pieces joined in, named no
// row: every row of those groups was missing, and the row （六） 1.申请人
// 无正 wraps on ten lines; the row （六）其他 3.其他 (oneline) names
// none with its group's piece, though it does not wrap. Each label is now
// read from the pieces in its own column, and every row is found; a cell
// is right, or named by a
// finding on it or its row (the middle table's rows print blank cells as
// nothing: most are left null, flagged).
func TestSpacedLayoutGroupPieces(t *testing.T) {
	for _, c := range []struct {
		file  string
		exact bool // every cell of section 三 read right
	}{
		{"group-pieces-repeat-pdftotext", true},
		{"group-pieces-middle-pdftotext", false},
		{"group-pieces-oneline-pdftotext", false},
	} {
		t.Run(c.file, func(t *testing.T) {
			p, got, want := layoutFixture(t, c.file)
			named := func(cell string) bool {
				rowCells := cell[:strings.LastIndexByte(cell, '.')] + ".*"
				for _, f := range p.Findings {
					if f.Severity != schemas.SeverityInfo && (f.Cell == cell || f.Cell == rowCells) {
						return true
					}
				}
				return false
			}
			for k, ws := range want {
				if !strings.HasPrefix(k, "s3.") || got[k] == ws {
					continue
				}
				if c.exact || !named(k) {
					t.Errorf("%s = %s, want %s", k, got[k], ws)
				}
			}
			for _, f := range p.Findings {
				if f.Rule == "S3_UNKNOWN_ROW" || f.Rule == "S3_ROW_MISSING" {
					t.Errorf("%s %s: %s", f.Rule, f.Cell, f.Message)
				}
			}
		})
	}
}

// TestSpacedLayoutS2Wrapped2019Label reads text pdftotext -layout made of
// a 2019 report whose narrow label column wraps 规范性文件 (规范性 9375 20
// 5065 / 文件). The pieces make the 2019 template's label, not the 2021
// one's (行政规范性文件), which alone was taken for the row's: the row was
// missing, its numbers kept as a row the template lacks (规范性).
func TestSpacedLayoutS2Wrapped2019Label(t *testing.T) {
	p, got, want := layoutFixture(t, "group-pieces-repeat-pdftotext")
	for k, ws := range want {
		if strings.HasPrefix(k, "s2.normative.") && got[k] != ws {
			t.Errorf("%s = %s, want %s", k, got[k], ws)
		}
	}
	for _, f := range p.Findings {
		if f.Rule == "S2_ROW_MISSING" || f.Rule == "S2_EXTRA_ROW" {
			t.Errorf("%s %s: %s", f.Rule, f.Cell, f.Message)
		}
	}
}

// TestSpacedLayoutS2BlocksBlankLines reads text pdftotext -layout made of
// a 2019 report whose section 二 wraps every header but the last block's
// (采购总金额) and its labels a few characters a line (其他对 / 外管理 /
// 服务事 / 项), with a blank line between rows: a block is thirteen lines
// from its 第二十条 title to the next one's. The table was taken to start
// at the third block, twelve lines being looked at above each; the blank
// lines are not counted now, and the first two blocks are read.
func TestSpacedLayoutS2BlocksBlankLines(t *testing.T) {
	p, got, want := layoutFixture(t, "s2-blocks-blank-lines-pdftotext")
	for k, ws := range want {
		if strings.HasPrefix(k, "s2.") && !strings.HasSuffix(k, "amount_yuan") && got[k] != ws {
			t.Errorf("%s = %s, want %s", k, got[k], ws)
		}
	}
	if hasFinding(p, "S2_ROW_MISSING", "") {
		t.Error("S2_ROW_MISSING")
	}
}

// TestSpacedLayoutWrappedDigits reads text pdftotext -layout made of a PDF
// whose section 四 cells are too narrow for their numbers: each number
// wraps in its cell (335 as 33 / 5), so the row prints on two lines, the
// second's pieces one space apart. The first line alone gave fifteen
// numbers, each a wrong value, with only the totals' arithmetic flagged.
// A row's cells stand on one line: the section is left null, flagged.
func TestSpacedLayoutWrappedDigits(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "layout", "wrapped-digits-pdftotext.txt"))
	if err != nil {
		t.Fatal(err)
	}
	p := transform.Parse(schemas.Document{ReportID: "x", SourcePath: "wrapped-digits.pdf", SourceFormat: "pdf",
		Encoding: "utf-8", Text: string(b)})
	if len(p.Appeals) != 15 {
		t.Fatalf("%d section 四 cells", len(p.Appeals))
	}
	for _, a := range p.Appeals {
		if a.Count != nil {
			t.Errorf("%s = %d, want null", a.Cell, *a.Count)
		}
	}
	if !hasFinding(p, "S4_CELL_COUNT", "s4.*") {
		t.Error("no S4_CELL_COUNT on s4.*")
	}
}

// TestSpacedLayoutS3WrappedDigits reads text pdftotext -layout made of a
// PDF whose section 三 number columns are a character or two wide: a
// number wraps its last digits onto the next line, under it (2.其他法律
// 行政法规禁止公开 36 0 18 0 32 0 87 / 8 4 2 4 for 368 … 874), beside no
// label or the rest of the row's label. The first
// line's numbers were read as the row's, each cut short, with only the
// table's arithmetic flagged. A number with digits under it is cut: its
// cell is left null, named by a finding on its row; a number with none is
// whole. No cell may hold a number other than its own unless a finding
// names it or its row.
func TestSpacedLayoutS3WrappedDigits(t *testing.T) {
	p, got, want := layoutFixture(t, "s3-wrapped-digits-pdftotext")
	named := func(cell string) bool {
		rowCells := cell[:strings.LastIndexByte(cell, '.')] + ".*"
		for _, f := range p.Findings {
			if f.Severity != schemas.SeverityInfo && (f.Cell == cell || f.Cell == rowCells) {
				return true
			}
		}
		return false
	}
	for k, ws := range want {
		if strings.HasPrefix(k, "s3.") && got[k] != ws && !named(k) {
			t.Errorf("%s = %s, want %s, and no finding names it or its row", k, got[k], ws)
		}
	}
	if got["s3.denied.law_forbidden.natural_person"] != "null" {
		t.Errorf("s3.denied.law_forbidden.natural_person = %s, want null (36 / 8)", got["s3.denied.law_forbidden.natural_person"])
	}
}

// TestSpacedLayoutS2WrappedHeaders reads text pdftotext -layout made of a
// PDF whose section 二 number columns are narrow: every column header
// wraps (本年新制作 / 数量, 上一年项目 / 数量, 处理决定数 / 量) except the
// last block's 采购总金额. The table was taken to start at that last
// block, every row above it S2_ROW_MISSING; it starts at the first
// block's 第二十条 line, with only table lines between.
func TestSpacedLayoutS2WrappedHeaders(t *testing.T) {
	p, got, want := layoutFixture(t, "s2-wrapped-headers-pdftotext")
	if len(want) != 22 {
		t.Fatalf("%d section 二 cells expected", len(want))
	}
	for k, ws := range want {
		if got[k] != ws {
			t.Errorf("%s = %s, want %s", k, got[k], ws)
		}
	}
	if hasFinding(p, "S2_ROW_MISSING", "") {
		t.Error("S2_ROW_MISSING")
	}
}

// TestSpacedLayoutHeaderSpread reads text pdftotext -layout made of a PDF
// whose section 三 header centres its cells vertically, some wrapped
// (社会公益 / 组织): 社会公益 and 法律服务 print on the line above 商业企业 ·
// 科研机构 · 其他. Read in the text's order the five columns of
// 法人或其他组织 seemed reordered, and every row was permuted under an
// S3_COLUMN_ORDER warning: 44 wrong numbers. Words on different lines of
// a spaced layout tell no order; the table is read as the template prints
// it, every cell its own.
func TestSpacedLayoutHeaderSpread(t *testing.T) {
	p, got, want := layoutFixture(t, "s3-header-spread-pdftotext")
	if len(want) != 161 { // the 2021 template's 23 rows of seven
		t.Fatalf("%d section 三 cells expected, want 161", len(want))
	}
	for k, ws := range want {
		if got[k] != ws {
			t.Errorf("%s = %s, want %s", k, got[k], ws)
		}
	}
	for _, f := range p.Findings {
		if f.Rule == "S3_COLUMN_ORDER" {
			t.Errorf("%s %s: %s", f.Rule, f.Cell, f.Message)
		}
	}
}

// layoutFixture parses testdata/layout/FILE.txt (text pdftotext -layout
// made of a PDF) and returns the parse, the cells it read (cellValues)
// and the cells FILE.json says, each as cellValues writes it.
func layoutFixture(t *testing.T, file string) (p *schemas.Parsed, got, want map[string]string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "layout", file+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	var cells map[string]any
	if b, err := os.ReadFile(filepath.Join("testdata", "layout", file+".json")); err != nil {
		t.Fatal(err)
	} else if err := json.Unmarshal(b, &cells); err != nil {
		t.Fatal(err)
	}
	want = map[string]string{}
	for k, w := range cells {
		ws := "null"
		switch w := w.(type) {
		case string:
			ws = `"` + w + `"`
		case float64:
			ws = fmt.Sprint(w)
		}
		want[k] = ws
	}
	p = transform.Parse(schemas.Document{ReportID: "x", SourcePath: file + ".pdf", SourceFormat: "pdf",
		Encoding: "utf-8", Text: string(b)})
	return p, cellValues(p), want
}

// TestSpacedLayoutWrappedUnit reads text pdftotext -layout made of a 2021
// report whose narrow column wraps 本年收费金额（单位：万元） a character or
// two a line (本年 / 收费 / 金额 / （单 / 位： / 万元 / ）). No piece is a
// header word, so the reader found no unit, and 768.8 was read as yuan
// (AMOUNT_UNIT_INFERRED), ten thousand times too small. The lines between
// the block's 第二十条 line and the number, joined, say 万元.
func TestSpacedLayoutWrappedUnit(t *testing.T) {
	p, got, want := layoutFixture(t, "s2-fee-unit-wrapped-pdftotext")
	if w := want["s2.fees.amount_yuan"]; w != `"7688000"` {
		t.Fatalf("the fixture's fee is %s", w)
	}
	for k, ws := range want {
		if got[k] != ws {
			t.Errorf("%s = %s, want %s", k, got[k], ws)
		}
	}
	if hasFinding(p, "AMOUNT_UNIT_INFERRED", "s2.fees.amount_yuan") {
		t.Error("the fee's unit is still inferred")
	}
}

// TestSpacedLayoutUnitBesideLabelHeader: section 二 of a 2021 table in a
// narrow PDF column, whose amount header wraps a piece a line beside the
// pieces of the label column's header, 信息内容 (（单位 / 信息 ：万元 /
// 内容 ）). Joined, the lines read 金额（单位信息：万元内容）, and the fee,
// 638.04 (万元), was read as yuan with AMOUNT_UNIT_INFERRED: 10 000 times
// too small.
func TestSpacedLayoutUnitBesideLabelHeader(t *testing.T) {
	p, got, want := layoutFixture(t, "s2-fee-unit-beside-label-header-pdftotext")
	if w := want["s2.fees.amount_yuan"]; w != `"6380400"` {
		t.Fatalf("the fixture's fee is %s", w)
	}
	for k, ws := range want {
		if got[k] != ws {
			t.Errorf("%s = %s, want %s", k, got[k], ws)
		}
	}
	if hasFinding(p, "AMOUNT_UNIT_INFERRED", "s2.fees.amount_yuan") {
		t.Error("the fee's unit is still inferred")
	}
}
