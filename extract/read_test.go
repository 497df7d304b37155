package extract

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func readOne(t *testing.T, root, rel string, lim Limits) schemas.Document {
	t.Helper()
	p := filepath.Join(root, rel)
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Read(context.Background(), Source{Path: p, Rel: rel, Size: fi.Size(), Format: FormatOf(rel)}, lim)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestReadText(t *testing.T) {
	root := t.TempDir()
	gbk := string(encode(t, simplifiedchinese.GBK, "政府信息公开\r\n年度报告\r\n"))
	writeFiles(t, root, map[string]string{
		"gbk.txt":           gbk,
		"gbk.meta.json":     `{"url":"http://example.gov.cn/a","agency":"某区人民政府","year":2020}`,
		"empty.txt":         "",
		"bad.txt":           "x",
		"bad.txt.meta.json": `{"year":"2020"`,
		"big.txt":           strings.Repeat("一二三\n", 100),
	})
	doc := readOne(t, root, "gbk.txt", Limits{})
	sum := sha256.Sum256([]byte(gbk))
	if doc.ReportID != hex.EncodeToString(sum[:]) || doc.SourceBytes != int64(len(gbk)) || doc.SourcePath != "gbk.txt" || doc.SourceFormat != "txt" {
		t.Errorf("identity: %+v", doc)
	}
	if doc.Text != "政府信息公开\n年度报告\n" || doc.Encoding != EncGB18030 || len(doc.Findings) != 0 {
		t.Errorf("text %q encoding %q findings %v", doc.Text, doc.Encoding, rules(doc.Findings))
	}
	if doc.Meta.Agency != "某区人民政府" || doc.Meta.Year != 2020 {
		t.Errorf("meta = %+v", doc.Meta)
	}

	doc = readOne(t, root, "empty.txt", Limits{})
	if doc.ReportID == "" || strings.Join(rules(doc.Findings), ",") != RuleEmptyFile.Code {
		t.Errorf("empty: id %q findings %v", doc.ReportID, rules(doc.Findings))
	}
	doc = readOne(t, root, "bad.txt", Limits{})
	if strings.Join(rules(doc.Findings), ",") != RuleMetaInvalid.Code || doc.Text != "x" {
		t.Errorf("bad meta: findings %v", rules(doc.Findings))
	}
	doc = readOne(t, root, "big.txt", Limits{MaxFileBytes: 100})
	sum = sha256.Sum256([]byte(strings.Repeat("一二三\n", 100)))
	if doc.ReportID != hex.EncodeToString(sum[:]) || doc.Text != "" || strings.Join(rules(doc.Findings), ",") != RuleFileTooLarge.Code {
		t.Errorf("too large: id %q text %d bytes findings %v", doc.ReportID, len(doc.Text), rules(doc.Findings))
	}

	doc, err := Read(context.Background(), Source{Path: filepath.Join(root, "missing.txt"), Rel: "missing.txt", Format: "txt"}, Limits{})
	if err != nil || doc.ReportID != "" || strings.Join(rules(doc.Findings), ",") != RuleFileUnreadable.Code {
		t.Errorf("missing: err %v findings %v", err, rules(doc.Findings))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, Source{Path: filepath.Join(root, "gbk.txt"), Rel: "gbk.txt", Format: "txt"}, Limits{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled read: err = %v", err)
	}
}

// TestReadHugeLine reads a 200 MB file of one line: it is hashed whole,
// decoded with the line cut at MaxLineBytes, and nothing near its size is
// ever allocated.
func TestReadHugeLine(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 200 MB")
	}
	size := 200 << 20
	if raceEnabled {
		size = 24 << 20 // the race detector makes the byte loops ~10x slower
	}
	p := filepath.Join(t.TempDir(), "line.txt")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	w := bufio.NewWriterSize(f, 1<<20)
	chunk := []byte(strings.Repeat("政府信息公开", 1<<12)) // 72 KiB, whole runes
	for n := 0; n < size; n += len(chunk) {
		w.Write(chunk)
		h.Write(chunk)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	wantID := hex.EncodeToString(h.Sum(nil))

	for _, tc := range []struct {
		name  string
		lim   Limits
		rules string
		text  int
	}{
		{"default limits", Limits{MaxFileBytes: int64(size) / 2}, RuleFileTooLarge.Code, 0},
		{"no file limit", Limits{MaxFileBytes: -1}, RuleLineTooLong.Code, DefaultMaxLineBytes - DefaultMaxLineBytes%3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			doc, err := Read(context.Background(), Source{Path: p, Rel: "line.txt", Format: "txt"}, tc.lim)
			if err != nil {
				t.Fatal(err)
			}
			runtime.ReadMemStats(&after)
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("%s: %.1f MiB allocated", tc.name, float64(alloc)/(1<<20))
			if doc.ReportID != wantID {
				t.Errorf("ReportID = %s, want %s", doc.ReportID, wantID)
			}
			if got := strings.Join(rules(doc.Findings), ","); got != tc.rules {
				t.Errorf("findings = %v, want %s", got, tc.rules)
			}
			if len(doc.Text) != tc.text {
				t.Errorf("text is %d bytes, want %d", len(doc.Text), tc.text)
			}
			if alloc > 32<<20 {
				t.Errorf("allocated %d MiB reading a 200 MB line", alloc>>20)
			}
		})
	}
}

// TestReadNoFileLimit: MaxFileBytes < 0 (no limit) reads every format.
func TestReadNoFileLimit(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"a.html": "<html><body><p>政府信息公开</p></body></html>",
		"a.txt":  "政府信息公开工作年度报告\n",
	} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o644)
		doc, err := Read(context.Background(), Source{Path: p, Rel: name, Format: FormatOf(name)}, Limits{MaxFileBytes: -1})
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.Findings) != 0 || !strings.Contains(doc.Text, "政府信息公开") || doc.SourceBytes != int64(len(body)) {
			t.Errorf("%s: %d bytes, text %q, findings %v", name, doc.SourceBytes, doc.Text, rules(doc.Findings))
		}
	}
}

// TestStreamedHoldsNoHead: a page or archive too large to read into memory
// is streamed; the head read before that was found out (maxInMemory bytes)
// is let go before the streamed parse starts, not held through it, where a
// run's two workers would each keep 8 MiB of it beside the parse.
func TestStreamedHoldsNoHead(t *testing.T) {
	for _, ext := range []string{".html", ".docx"} {
		t.Run(ext, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "big"+ext)
			f, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			w := bufio.NewWriter(f)
			w.WriteString("<html><body><p>")
			line := strings.Repeat("x", 1023) + "\n"
			for range (maxInMemory >> 10) + 512 {
				w.WriteString(line)
			}
			w.WriteString("</p></body></html>")
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			f.Close()
			var base, held uint64
			var ms runtime.MemStats
			calls := 0
			streamHook = func() {
				calls++
				runtime.GC()
				runtime.ReadMemStats(&ms)
				held = ms.HeapAlloc
			}
			defer func() { streamHook = nil }()
			runtime.GC()
			runtime.ReadMemStats(&ms)
			base = ms.HeapAlloc
			doc, err := Read(context.Background(), Source{Path: path}, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if calls != 1 {
				t.Fatalf("the file was not streamed (%d calls); findings %v", calls, doc.Findings)
			}
			if held > base && held-base > maxInMemory/2 {
				t.Errorf("%d bytes more held when the streamed parse starts, want under %d", held-base, maxInMemory/2)
			}
		})
	}
}
