package pipeline_test

import (
	"archive/zip"
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/nianbao/nianbao/internal/fault"
	"github.com/nianbao/nianbao/pipeline"
)

// writeHeavy writes, at run time, the slowest inputs to read and parse
// there are: a .docx whose document.xml inflates to mb MB of paragraphs
// and tables, an HTML page and a text file of mb/4 MB of table rows.
func writeHeavy(t *testing.T, dir string, mb int) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "heavy.docx"))
	if err != nil {
		t.Fatal(err)
	}
	z := zip.NewWriter(f)
	w, err := z.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	var row strings.Builder
	row.WriteString("<w:tr>")
	for i := range 8 {
		fmt.Fprintf(&row, "<w:tc><w:p><w:r><w:t>%d</w:t></w:r></w:p></w:tc>", i)
	}
	row.WriteString("</w:tr>")
	block := strings.Repeat("<w:p><w:r><w:t>（一）予以公开 三、收到和处理政府信息公开申请情况 12</w:t></w:r></w:p>", 20) +
		"<w:tbl>" + strings.Repeat(row.String(), 50) + "</w:tbl>"
	bw := bufio.NewWriter(w)
	bw.WriteString(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for n := 0; n < mb<<20; n += len(block) {
		bw.WriteString(block)
	}
	bw.WriteString("</w:body></w:document>")
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	var rows strings.Builder
	for r := range 10 {
		fmt.Fprintf(&rows, "<tr><td>（%d）予以公开</td><td>1</td><td>2</td><td>3</td></tr>", r)
	}
	page := "<p>三、收到和处理政府信息公开申请情况</p><table>" + rows.String() + "</table>"
	html := "<html><body>" + strings.Repeat(page, (mb<<20)/4/len(page)) + "</body></html>"
	line := "（一）予以公开\t3\t1\t0\t0\t0\t0\t4\n"
	text := "某区2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n" +
		strings.Repeat(line, (mb<<20)/4/len(line)) + "四、政府信息公开行政复议、行政诉讼情况\n"
	for name, b := range map[string]string{"heavy.html": html, "heavy.txt": text} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// cancelOnWrite cancels a run at its first progress line: the reports are
// then being parsed.
type cancelOnWrite struct {
	once   sync.Once
	cancel func()
	done   *atomic.Bool
}

func (c *cancelOnWrite) Write(b []byte) (int, error) {
	c.once.Do(func() { c.done.Store(true); c.cancel() })
	return len(b), nil
}

// TestStopWithHeavyFilesInFlight cancels a run (as SIGTERM does) while
// the heaviest inputs are being read and parsed. The run must end with
// exit status 130, publish nothing, release the lock, and finish no parse
// after the cancel: a report whose parse ends is written to the parse
// cache, so the cache writes after the cancel count the parses that went
// on to their end (each seconds of work for these files).
func TestStopWithHeavyFilesInFlight(t *testing.T) {
	mb := 60
	if raceEnabled || testing.Short() {
		mb = 16
	}
	in := t.TempDir()
	writeCorpus(t, in, 0, 10)
	writeHeavy(t, in, mb)
	out := filepath.Join(t.TempDir(), "out")

	var cancelled atomic.Bool
	var cachedAfter atomic.Int64
	restore := fault.Set(func(op fault.Op, path string) error {
		if op == fault.Write && strings.Contains(filepath.ToSlash(path), "/pack-") && cancelled.Load() {
			cachedAfter.Add(1)
		}
		return nil
	})
	defer restore()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := runGuarded(t, ctx, pipeline.Config{Input: in, Output: out, Workers: 2, Now: fixedNow,
		Progress: &cancelOnWrite{cancel: cancel, done: &cancelled}})
	if !cancelled.Load() {
		t.Fatalf("the run ended (%v) before its first progress line: the inputs are not heavy enough", err)
	}
	if code := pipeline.ExitCode(err); code != pipeline.ExitInterrupted {
		t.Fatalf("exit status %d (%v), want %d", code, err, pipeline.ExitInterrupted)
	}
	if n := cachedAfter.Load(); n > 0 {
		t.Errorf("%d reports were parsed to their end after the cancel", n)
	}
	for _, name := range []string{"reports", "_SUCCESS", ".nianbao/current"} {
		if _, err := os.Lstat(filepath.Join(out, name)); err == nil {
			t.Errorf("an interrupted run published %s", name)
		}
	}
	lockFree(t, out)
}
