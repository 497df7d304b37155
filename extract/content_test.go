package extract

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
)

// TestReadByContent: a PDF, a Word document or an HTML page saved under
// another input type's name is read as what its bytes are: the same text
// and tables as under its own name, source_format that type, and one info
// finding naming both. Files whose bytes agree with their name, and text
// that merely mentions markup, are read as named, with no finding.
func TestReadByContent(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is not installed: .ci/run installs poppler-utils")
		}
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	pdf, err := os.ReadFile(filepath.Join("..", "testdata", "pdf", "000_74ac7cc249356a73.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	docx := buildDOCX(t, para("某区人民政府2021年政府信息公开工作年度报告")+
		"<w:tbl><w:tr><w:tc>"+para("收到申请数")+"</w:tc><w:tc>"+para("12")+"</w:tc></w:tr></w:tbl>", nil)
	page := []byte("\xef\xbb\xbf\n  <!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><p>某区人民政府2021年政府信息公开工作年度报告</p>" +
		"<table><tr><td>收到申请数</td><td>12</td></tr></table></body></html>")
	fragment := []byte("<table><tr><td>收到申请数</td><td>12</td></tr></table>")
	zip := zipFiles(t, map[string]string{"xl/workbook.xml": "<workbook/>"})

	for _, c := range []struct {
		name   string
		b      []byte
		as     string // the name it is read under when its bytes decide ("" when they do not)
		format string // source_format read
		msg    string // the finding's message ("" for none)
	}{
		{"a.html", pdf, "a.pdf", "pdf", "a.html is named as a web page but its bytes are a PDF file; it was read as a PDF."},
		{"a.txt", pdf, "a.pdf", "pdf", "a.txt is named as text but its bytes are a PDF file; it was read as a PDF."},
		{"a.docx", pdf, "a.pdf", "pdf", "a.docx is named as a Word document but its bytes are a PDF file; it was read as a PDF."},
		{"a.pdf", docx, "a.docx", "docx", "a.pdf is named as a PDF but its bytes are a Word document (.docx); it was read as a Word document."},
		{"a.txt", docx, "a.docx", "docx", "a.txt is named as text but its bytes are a Word document (.docx); it was read as a Word document."},
		{"a.html", docx, "a.docx", "docx", "a.html is named as a web page but its bytes are a Word document (.docx); it was read as a Word document."},
		{"a.pdf", page, "a.html", "html", "a.pdf is named as a PDF but its bytes are an HTML page; it was read as a web page."},
		{"a.docx", page, "a.html", "html", "a.docx is named as a Word document but its bytes are an HTML page; it was read as a web page."},
		// as named: the bytes agree, or say nothing certain
		{"a.pdf", pdf, "", "pdf", ""},
		{"a.docx", docx, "", "docx", ""},
		{"a.html", page, "", "html", ""},
		{"a.txt", page, "", "txt", ""}, // a text file holding a page is peeled, not rerouted
		{"a.pdf", fragment, "a.html", "html", "a.pdf is named as a PDF but its bytes are an HTML page; it was read as a web page."}, // a page's table alone
		{"a.pdf", []byte("<?xml version=\"1.0\"?><report>报告</report>"), "", "pdf", ""},                                              // markup, but no page: pdftotext's failure says what it is
		{"a.html", zip, "", "html", ""},             // a zip with no word/ part is no Word document
		{"a.txt", []byte("%PDF 报告"), "", "txt", ""}, // no '-': not a PDF's header
	} {
		t.Run(c.name+"/"+c.format+"/"+c.as, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), c.name)
			if err := os.WriteFile(path, c.b, 0o644); err != nil {
				t.Fatal(err)
			}
			for _, via := range []string{"Read", "ReadBytes"} {
				doc := ReadBytes(c.name, c.b, Limits{})
				if via == "Read" {
					doc, err = Read(context.Background(), Source{Path: path, Rel: c.name, Size: int64(len(c.b))}, Limits{})
					if err != nil {
						t.Fatal(err)
					}
				}
				if doc.SourceFormat != c.format {
					t.Errorf("%s: source_format %q, want %q", via, doc.SourceFormat, c.format)
				}
				var msgs []string
				for _, f := range doc.Findings {
					if f.Rule == RuleFormatByContent.Code {
						msgs = append(msgs, f.Message)
					}
				}
				if c.msg == "" && len(msgs) > 0 || c.msg != "" && (len(msgs) != 1 || msgs[0] != c.msg) {
					t.Errorf("%s: FORMAT_BY_CONTENT findings %q, want %q", via, msgs, c.msg)
				}
				if c.as == "" {
					continue
				}
				want := ReadBytes(c.as, c.b, Limits{})
				if doc.Text != want.Text || !reflect.DeepEqual(doc.Tables, want.Tables) || doc.Encoding != want.Encoding {
					t.Errorf("%s: read otherwise than as %s:\n%q\nwant\n%q", via, c.as, doc.Text, want.Text)
				}
				if len(doc.Findings) != len(want.Findings)+1 {
					t.Errorf("%s: findings %v, want those of %s (%v) and one more", via, doc.Findings, c.as, want.Findings)
				}
			}
		})
	}
}

// FuzzByContent: for any bytes and name, byContent names another input
// type than the name's or none, never turns a text file or a page into a
// page, and always says what the bytes are when it names one.
func FuzzByContent(f *testing.F) {
	f.Add("pdf", []byte("\xef\xbb\xbf <!DOCTYPE html><html>"))
	f.Add("txt", []byte("%PDF-1.7\n"))
	f.Add("html", []byte("PK\x03\x04\x14\x00\x00\x00word/document.xml"))
	f.Add("docx", []byte("<TABLE><tr><td>1"))
	f.Fuzz(func(t *testing.T, named string, head []byte) {
		format, what := byContent(named, head)
		switch format {
		case "":
			if what != "" {
				t.Fatalf("no format, but %q", what)
			}
		case "pdf", "docx", "html":
			if format == named || what == "" {
				t.Fatalf("%s named %s: %q", format, named, what)
			}
			if format == "html" && named != "pdf" && named != "docx" {
				t.Fatalf("a %s file read as a page", named)
			}
		default:
			t.Fatalf("format %q", format)
		}
	})
}
