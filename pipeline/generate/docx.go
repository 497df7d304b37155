package generate

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"time"
)

const (
	contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`
	packageRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`
	docHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`
	docTail   = `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`
	tblBorder = `<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders>`
)

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// runs writes text as Word does after some editing: split into several runs
// at digit boundaries when split is set.
func runs(b *strings.Builder, text string, bold, split bool) {
	parts := []string{text}
	if split {
		parts = splitDigits(text)
	}
	for _, p := range parts {
		b.WriteString("<w:r>")
		if bold {
			b.WriteString("<w:rPr><w:b/></w:rPr>")
		}
		if strings.TrimSpace(p) != p {
			b.WriteString(`<w:t xml:space="preserve">`)
		} else {
			b.WriteString("<w:t>")
		}
		b.WriteString(xmlEscaper.Replace(p))
		b.WriteString("</w:t></w:r>")
	}
}

// splitDigits cuts s where it passes between digits and other characters.
func splitDigits(s string) []string {
	var out []string
	start := 0
	prev := -1
	for i, c := range s {
		d := 0
		if isDigit(c) || c == '.' {
			d = 1
		}
		if prev >= 0 && d != prev {
			out = append(out, s[start:i])
			start = i
		}
		prev = d
	}
	return append(out, s[start:])
}

func para(b *strings.Builder, text, jc string, bold, split bool) {
	b.WriteString("<w:p>")
	if jc != "" {
		b.WriteString(`<w:pPr><w:jc w:val="` + jc + `"/></w:pPr>`)
	}
	if text != "" {
		runs(b, text, bold, split)
	}
	b.WriteString("</w:p>")
}

// renderDOCX writes a minimal WordprocessingML package. The zip entries
// carry a fixed time so the bytes depend on the seed alone.
func (m *model) renderDOCX(r *rand.Rand, blocks []block) []byte {
	split := chance(r, 0.4)
	var d strings.Builder
	d.Grow(64 << 10)
	d.WriteString(docHead)
	for _, bl := range blocks {
		switch bl.kind {
		case bTitle:
			para(&d, bl.text, "center", true, split)
		case bHeading:
			para(&d, bl.text, "", true, false)
		case bPara:
			para(&d, "\u3000\u3000"+bl.text, "", false, split)
		case bSignature, bDate:
			para(&d, bl.text, "right", false, split)
		case bTable:
			docxTable(&d, bl.t, split)
			para(&d, "", "", false, false)
		}
	}
	d.WriteString(docTail)

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, fastDeflate)
	mod := time.Date(m.year+1, time.January, m.date, 9, 0, 0, 0, time.UTC)
	for _, f := range []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", packageRels},
		{"word/document.xml", d.String()},
	} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: mod})
		if err != nil {
			panic("generate: docx: " + err.Error()) // writing to memory cannot fail
		}
		if _, err := w.Write([]byte(f.body)); err != nil {
			panic("generate: docx: " + err.Error())
		}
	}
	if err := zw.Close(); err != nil {
		panic("generate: docx: " + err.Error())
	}
	return buf.Bytes()
}

func docxTable(d *strings.Builder, t *table, split bool) {
	d.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/>` + tblBorder + `</w:tblPr><w:tblGrid>`)
	for _, w := range t.widths {
		d.WriteString(`<w:gridCol w:w="` + strconv.Itoa(w*60) + `"/>`)
	}
	d.WriteString("</w:tblGrid>")
	for _, row := range t.rows {
		d.WriteString("<w:tr>")
		for _, c := range row {
			d.WriteString("<w:tc><w:tcPr>")
			if c.span > 1 {
				d.WriteString(`<w:gridSpan w:val="` + strconv.Itoa(c.span) + `"/>`)
			}
			switch c.vm {
			case vmRestart:
				d.WriteString(`<w:vMerge w:val="restart"/>`)
			case vmContinue:
				d.WriteString(`<w:vMerge/>`)
			}
			d.WriteString(`<w:vAlign w:val="center"/></w:tcPr>`)
			jc := "center"
			if c.kind == kLabel {
				jc = ""
			}
			lines := strings.Split(c.text, "\n")
			for _, l := range lines {
				para(d, l, jc, false, split && c.kind == kValue)
			}
			d.WriteString("</w:tc>")
		}
		d.WriteString("</w:tr>")
	}
	d.WriteString("</w:tbl>")
}

// Deflate at BestSpeed from a pool: a docx is still a valid deflated
// package, generated several times faster than at the default level.
var flatePool sync.Pool

type pooledFlate struct{ *flate.Writer }

func (p pooledFlate) Close() error {
	err := p.Writer.Close()
	flatePool.Put(p.Writer)
	return err
}

func fastDeflate(w io.Writer) (io.WriteCloser, error) {
	if fw, ok := flatePool.Get().(*flate.Writer); ok {
		fw.Reset(w)
		return pooledFlate{fw}, nil
	}
	fw, err := flate.NewWriter(w, flate.BestSpeed)
	return pooledFlate{fw}, err
}
