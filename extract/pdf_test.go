package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakePDFToText puts a pdftotext on PATH that prints out.
func fakePDFToText(t *testing.T, script string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "pdftotext"), []byte("#!/bin/sh\n"+script+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
}

func TestPDF(t *testing.T) {
	report := strings.Repeat("某区人民政府2021年政府信息公开工作年度报告\n", 5)
	tests := []struct {
		name   string
		script string // "" for no pdftotext
		rule   string
		text   string
	}{
		{"no pdftotext", "", RulePDFUnsupported.Code, ""},
		{"text layer", "printf '" + strings.ReplaceAll(report, "\n", `\r\n`) + "\\f'", "", report + "\n"},
		{"scanned", "printf '\\f\\f  \\n'", RuleNoTextLayer.Code, ""},
		{"fails", "echo 'Syntax Error: broken' >&2; exit 1", RulePDFFailed.Code, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.script == "" {
				t.Setenv("PATH", t.TempDir())
			} else {
				fakePDFToText(t, tt.script)
			}
			doc := ReadBytes("x/r.pdf", []byte("%PDF-1.4\n"), Limits{})
			if got := strings.Join(rules(doc.Findings), ","); got != tt.rule {
				t.Errorf("findings %v, want %q: %+v", got, tt.rule, doc.Findings)
			}
			if strings.TrimSpace(doc.Text) != strings.TrimSpace(tt.text) || doc.ReportID == "" {
				t.Errorf("text = %q", doc.Text)
			}
		})
	}
}

// TestPDFFailedMessage: when pdftotext fails, the finding names the file
// as no PDF when it has no %PDF- header (an error document saved under a
// PDF's name; an HTML page is read as one, see TestReadByContent),
// and otherwise quotes two lines of pdftotext's message, not all of them.
func TestPDFFailedMessage(t *testing.T) {
	fakePDFToText(t, `i=0; while [ $i -lt 30 ]; do echo "Syntax Error ($i): Illegal character" >&2; i=$((i+1)); done; exit 1`)
	for _, c := range []struct {
		in, want string
	}{
		{"<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code></Error>", // 58 bytes: a bucket's answer saved as the file
			"x/r.pdf could not be read by pdftotext: it is not a PDF: no %PDF- header in its 58 bytes; it starts like markup (XML or HTML)."},
		{"\ufeff  {\"code\": 404}", // a BOM, two spaces and 13 bytes
			"x/r.pdf could not be read by pdftotext: it is not a PDF: no %PDF- header in its 18 bytes; it starts like JSON."},
		{"", "x/r.pdf could not be read by pdftotext: it is not a PDF: the file is empty."},
		{strings.Repeat("x", 2000) + "%PDF-1.4", "x/r.pdf could not be read by pdftotext: it is not a PDF: no %PDF- header in its first 1024 bytes."},
		{"%PDF-1.4\n1 0 obj", "x/r.pdf could not be read by pdftotext: exit status 1: Syntax Error (0): Illegal character; " +
			"Syntax Error (1): Illegal character (and 28 more lines)."},
	} {
		doc := ReadBytes("x/r.pdf", []byte(c.in), Limits{})
		if got := strings.Join(rules(doc.Findings), ","); got != RulePDFFailed.Code {
			t.Errorf("%q: findings %s, want PDF_FAILED", c.in, got)
			continue
		}
		if m := doc.Findings[0].Message; m != c.want {
			t.Errorf("%q: message\n%q, want\n%q", c.in, m, c.want)
		}
	}
}
