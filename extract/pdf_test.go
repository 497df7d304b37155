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
