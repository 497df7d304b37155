package extract

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/pipeline/generate"
	"github.com/nianbao/nianbao/schemas"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// The differential tests: Read and ReadBytes give what the implementation
// they replaced (refRead, refReadBytes, refReadDOCX in ref*_test.go) gives,
// field for field, on every input at hand.

// sameDoc fails unless got and want are equal in every field.
func sameDoc(t testing.TB, name string, got, want schemas.Document) {
	t.Helper()
	if reflect.DeepEqual(got, want) {
		return
	}
	switch {
	case got.Text != want.Text:
		i := 0
		for i < min(len(got.Text), len(want.Text)) && got.Text[i] == want.Text[i] {
			i++
		}
		t.Fatalf("%s: text differs at byte %d: %q, want %q", name, i,
			got.Text[i:min(len(got.Text), i+60)], want.Text[i:min(len(want.Text), i+60)])
	case !reflect.DeepEqual(got.Findings, want.Findings):
		t.Fatalf("%s: findings\n%+v\nwant\n%+v", name, got.Findings, want.Findings)
	case !reflect.DeepEqual(got.Tables, want.Tables):
		t.Fatalf("%s: tables\n%v\nwant\n%v", name, got.Tables, want.Tables)
	}
	t.Fatalf("%s: document\n%+v\nwant\n%+v", name, got, want)
}

// diffLimits are the limits inputs are compared under: the defaults, and
// limits small enough that generated reports meet them.
var diffLimits = []Limits{
	{},
	{MaxLineBytes: 40},
	{MaxTextBytes: 4000},
	{MaxZipEntryBytes: 20000},
	{MaxTextBytes: 20000, MaxLineBytes: 100},
}

// sameBytes compares ReadBytes and refReadBytes on one input under every
// diffLimits, and for a .docx also with every document streamed (the
// path a large or broken one takes).
func sameBytes(t testing.TB, name string, b []byte) {
	t.Helper()
	for i, lim := range diffLimits {
		want := refReadBytes(name, b, lim)
		sameDoc(t, fmt.Sprintf("%s (limits %d)", name, i), ReadBytes(name, b, lim), want)
		if FormatOf(name) == "docx" {
			streamDOCX = true
			got := ReadBytes(name, b, lim)
			streamDOCX = false
			sameDoc(t, fmt.Sprintf("%s (limits %d, streamed)", name, i), got, want)
		}
	}
}

// generated calls fn with n reports of each layout (with the formats
// given, "" for all), drawn as a corpus is.
func generated(t testing.TB, n int, formats string, fn func(layout, name string, b []byte)) {
	t.Helper()
	for li, layout := range generate.AllLayouts() {
		opt := generate.Options{Reports: n, Seed: 17, Layouts: []string{layout}}
		for i := range n {
			name, b, _ := generate.Report(generate.NewRand(opt.Seed+int64(li), i), i, opt)
			if formats != "" && !strings.Contains(formats, FormatOf(name)) {
				break
			}
			fn(layout, name, b)
		}
	}
}

// TestDOCXSameAsBefore: the .docx reader gives what the one before it
// gave, on generated reports of every layout drawn as .docx, on the fuzz
// seeds and corpus, and on documents cut short, corrupted or over limits.
func TestDOCXSameAsBefore(t *testing.T) {
	n := 120
	if testing.Short() {
		n = 20
	}
	count := map[string]int{}
	generated(t, n, "docx", func(layout, name string, b []byte) {
		count[layout]++
		sameBytes(t, layout+" "+name, b)
		// the same archive cut short and with a byte changed
		sameBytes(t, layout+" cut "+name, b[:len(b)*2/3])
		c := bytes.Clone(b)
		c[len(c)/3] ^= 0x55
		sameBytes(t, layout+" flipped "+name, c)
	})
	for _, l := range []string{generate.LayoutDOCX, generate.LayoutWordDOCX} {
		if count[l] != n {
			t.Errorf("%d reports of layout %s, want %d", count[l], l, n)
		}
	}
	for i, body := range docxBodies(t) {
		sameBytes(t, fmt.Sprintf("body%d.docx", i), zipDocument(t, body))
	}
}

// docxBodies are the FuzzDOCX seeds and its corpus in testdata, and XML
// that meets each of the scanner's errors and limits.
func docxBodies(t testing.TB) [][]byte {
	wrap := func(body string) []byte {
		return []byte(`<w:document ` + wordNS + `><w:body>` + body + `</w:body></w:document>`)
	}
	bodies := [][]byte{
		wrap(para("一") + `<w:tbl><w:tr>` + tc(`<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>`, "a") + `</w:tr><w:tr>` + tc(`<w:vMerge/>`, "") + `</w:tr></w:tbl>`),
		wrap(`<w:tbl><w:tr><w:trPr><w:gridBefore w:val="3"/></w:trPr><w:tc><w:tbl><w:tr><w:tc>` + para("x") + `</w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>`),
		wrap(`<w:p><w:r><w:t>a</w:t><w:tab/><w:br/></w:r></w:p><mc:AlternateContent><mc:Fallback><w:t>b</w:t></mc:Fallback></mc:AlternateContent>`),
		// tab stops, an absolute tab and a non-breaking hyphen, in the body and in a cell
		wrap(`<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>a</w:t><w:ptab/><w:t>2021</w:t><w:noBreakHyphen/><w:t>2022</w:t></w:r></w:p><w:p><w:pPr><w:tabs/></w:pPr></w:p>` +
			`<w:tbl><w:tr><w:tc><w:p><w:pPr><w:tabs><w:tab w:val="center" w:pos="9"/></w:tabs></w:pPr><w:r><w:t>b</w:t><w:ptab/><w:t>c</w:t><w:noBreakHyphen/><w:t>d</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`),
		wrap(`<w:tbl><w:tr><w:tc>` + strings.Repeat(`<w:tbl><w:tr><w:tc>`, 1200) + para("深") + strings.Repeat(`</w:tc></w:tr></w:tbl>`, 1200) + `</w:tc></w:tr></w:tbl>`),
		wrap(`<w:tbl><w:tr><w:trPr><w:del w:id="1"/></w:trPr><w:tc><w:p><w:del><w:r><w:delText>x</w:delText></w:r></w:del><w:moveFrom><w:r><w:t>y</w:t></w:r></w:moveFrom><w:sdt><w:sdtContent><w:r><w:t>1</w:t></w:r></w:sdtContent></w:sdt></w:p></w:tc></w:tr></w:tbl>`),
		wrap(`<w:tbl><w:tr>` + tc("", " a\u00a0 b\t&amp;&#x4e00;&#20108; ") + tc("", "<![CDATA[ x <y> ]]>") + `</w:tr></w:tbl><!-- c --><?pi x?><!DOCTYPE d>`),
		wrap(para(strings.Repeat("政府&lt;信息a ", 20000)) + `<w:tbl><w:tr>` + tc("", strings.Repeat("表 格\u00a0", 30000)) + `</w:tr></w:tbl>`),
		wrap(strings.Repeat(para("一二三"), 30000)),
		wrap(para("x") + `<w:p w:x="` + strings.Repeat("x", 2*maxXMLToken) + `"/>` + para("y")),
		wrap(para("x") + `<!--` + strings.Repeat("x", 2*maxXMLToken) + `-->` + para("y")),
		wrap(para("before") + para("\xff\xfe")),
		wrap(para("before") + para("\xe6\x94")),
		wrap(para("before") + "<w:p"),
		wrap(para("before") + "</w:x>"),
		wrap(para("before") + para("&bogus;")),
		wrap(para("before") + para("&#xd800;")),
		wrap(para("a") + "<>" + para("b")),
		[]byte(""),
		[]byte("<a>"),
		[]byte("<a/><b>t</b>"),
	}
	files, _ := filepath.Glob("testdata/fuzz/FuzzDOCX/*")
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			if v, ok := fuzzValue(b); ok {
				bodies = append(bodies, v)
			}
		}
	}
	return bodies
}

// fuzzValue reads the []byte of a corpus file of go test -fuzz.
func fuzzValue(b []byte) ([]byte, bool) {
	lines := strings.SplitN(string(b), "\n", 3)
	if len(lines) < 2 || !strings.HasPrefix(lines[1], "[]byte(") {
		return nil, false
	}
	var v []byte
	if _, err := fmt.Sscanf(strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")"), "%q", &v); err != nil {
		return nil, false
	}
	return v, true
}

// zipDocument is an archive holding body as word/document.xml.
func zipDocument(t testing.TB, body []byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	w.Write(body)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestReadSameAsBefore: Read gives what it gave before on a folder of
// generated reports of every layout (text in UTF-8, with a BOM and in
// GB18030), the seed reports in UTF-8 and GB18030, and sidecars of every
// kind beside them: by full name, by stem, both, broken, a folder, a
// symlink out of the input.
func TestReadSameAsBefore(t *testing.T) {
	n := 12
	if testing.Short() {
		n = 3
	}
	dir := t.TempDir()
	root := filepath.Join(dir, "in")
	write := func(rel string, b []byte) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	outside := filepath.Join(dir, "outside.meta.json")
	if err := os.WriteFile(outside, []byte(`{"year": 2020}`), 0o644); err != nil {
		t.Fatal(err)
	}
	sidecar := func(k int, rel string) {
		stem := strings.TrimSuffix(rel, filepath.Ext(rel))
		switch k % 7 {
		case 1:
			write(rel+metaSuffix, []byte(`{"year": 2021, "agency": "某局"}`))
		case 2:
			write(stem+metaSuffix, []byte(`{"year": "2019"}`))
		case 3:
			write(rel+metaSuffix, []byte(`{"year": 1999}`))
			write(stem+metaSuffix, []byte(`{"year": 2022}`))
		case 4:
			write(stem+metaSuffix, []byte(`{"year": `))
		case 5:
			if err := os.MkdirAll(filepath.Join(root, filepath.FromSlash(rel+metaSuffix)), 0o755); err != nil {
				t.Fatal(err)
			}
		case 6:
			if err := os.Symlink(outside, filepath.Join(root, filepath.FromSlash(stem+metaSuffix))); err != nil {
				t.Fatal(err)
			}
		}
	}
	k := 0
	generated(t, n, "", func(layout, name string, b []byte) {
		rel := layout + "/" + filepath.Base(name)
		write(rel, b)
		sidecar(k, rel)
		k++
	})
	for name, b := range seeds(t) {
		write("seeds/"+name, b)
		sidecar(k, "seeds/"+name)
		k++
		write("seeds/gb-"+name, encode(t, simplifiedchinese.GB18030, string(b)))
	}
	write("odd/empty.txt", nil)
	write("odd/nul.txt", []byte("a\x00b\x00"))
	write("odd/.hidden.meta.json", []byte(`{"year": 2020}`))
	write("odd/.hidden.txt", []byte("x"))
	write("odd/x.txt.meta.json.txt", []byte("y"))

	encodings := map[string]int{}
	var files int
	err := Walk(context.Background(), root, func(src Source) error {
		files++
		for i, lim := range diffLimits[:3] {
			want, err1 := refRead(context.Background(), src, lim)
			got, err2 := Read(context.Background(), src, lim)
			if err1 != nil || err2 != nil {
				t.Fatalf("%s: errors %v, %v", src.Rel, err2, err1)
			}
			sameDoc(t, fmt.Sprintf("%s (limits %d)", src.Rel, i), got, want)
			if i == 0 && got.SourceFormat == "txt" {
				encodings[got.Encoding]++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < n*len(generate.AllLayouts()) {
		t.Errorf("%d files read, want at least %d", files, n*len(generate.AllLayouts()))
	}
	for _, enc := range []string{EncUTF8, EncGB18030} {
		if encodings[enc] == 0 {
			t.Errorf("no text file read as %s: %v", enc, encodings)
		}
	}
}

// TestDOCXSameAsBeforeCorpus compares every .docx and text file of the
// generated corpus in /tmp/c2k, when it is there (NIANBAO_DIFF_CORPUS
// names another folder).
func TestReadSameAsBeforeCorpus(t *testing.T) {
	root := os.Getenv("NIANBAO_DIFF_CORPUS")
	if root == "" {
		t.Skip("NIANBAO_DIFF_CORPUS not set")
	}
	var files int
	err := Walk(context.Background(), root, func(src Source) error {
		if src.Format != "docx" && src.Format != "txt" {
			return nil
		}
		files++
		want, _ := refRead(context.Background(), src, Limits{})
		got, _ := Read(context.Background(), src, Limits{})
		sameDoc(t, src.Rel, got, want)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d files compared", files)
}

// FuzzDOCXSameAsBefore: on any word/document.xml, the reader gives what
// the one before it gave, in memory and streamed, under every limit.
func FuzzDOCXSameAsBefore(f *testing.F) {
	for _, b := range docxBodies(f) {
		if len(b) < 8<<10 {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		sameBytes(t, "f.docx", zipDocument(t, body))
	})
}

// FuzzDOCXArchiveSameAsBefore: on any archive bytes (a document's deflate
// stream, sizes, CRC-32 and data descriptor damaged as much as its XML), a
// .docx reads as before, when inflated in memory and streamed.
func FuzzDOCXArchiveSameAsBefore(f *testing.F) {
	for _, b := range docxBodies(f) {
		if len(b) < 8<<10 {
			f.Add(zipDocument(f, b))
		}
	}
	generated(f, 2, "docx", func(_, _ string, b []byte) { f.Add(b) })
	f.Fuzz(func(t *testing.T, b []byte) {
		sameBytes(t, "f.docx", b)
	})
}

// FuzzTextSameAsBefore: on any bytes, a text file reads as before.
func FuzzTextSameAsBefore(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s[:min(len(s), 2000)])
		f.Add(encode(f, simplifiedchinese.GB18030, string(s[:min(len(s), 2000)])))
	}
	f.Add([]byte("\xef\xbb\xbfa\r\nb"))
	f.Add([]byte("\xff\xfea\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		sameBytes(t, "f.txt", b)
		// as Read decodes the bytes it owns
		for _, lim := range diffLimits {
			lim = lim.withDefaults()
			text, det, fs := decodeBytes("f", bytes.Clone(b), lim.MaxLineBytes, lim.MaxTextBytes, true)
			wtext, wdet, wfs := refDecodeBytes("f", b, lim.MaxLineBytes, lim.MaxTextBytes)
			if text != wtext || !reflect.DeepEqual(det, wdet) || !reflect.DeepEqual(fs, wfs) {
				t.Fatalf("decoded %q %+v %v, want %q %+v %v", text, det, fs, wtext, wdet, wfs)
			}
		}
	})
}

// TestSidecarFromListing: a source found by a walk looks for its sidecar
// only under the names its folder's listing held, so a report without one
// costs no look-up: a sidecar written after the walk is not seen; a Source
// made by hand (no listing) still finds it.
func TestSidecarFromListing(t *testing.T) {
	root := t.TempDir()
	for _, name := range []string{"a.txt", "b.txt", "b.meta.json"} {
		if err := os.WriteFile(filepath.Join(root, name), []byte(`{"year": 2020}`), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var srcs []Source
	if err := Walk(context.Background(), root, func(s Source) error { srcs = append(srcs, s); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "a.meta.json"), []byte(`{"year": 2021}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if len(srcs) != 2 {
		t.Fatalf("%d sources", len(srcs))
	}
	for _, c := range []struct {
		src  Source
		want bool
	}{{srcs[0], false}, {srcs[1], true}, {Source{Path: srcs[0].Path}, true}} {
		if _, _, ok, _ := ReadSidecar(c.src); ok != c.want {
			t.Errorf("%s (listed %v): sidecar found %v, want %v", c.src.Path, c.src.sidecars != 0, ok, c.want)
		}
	}
}

// TestAsCut: asCut holds exactly when the lineCutter leaves text as it is
// and finds nothing, on every string of up to 7 symbols of a, '\n', '\r'
// and é, under line and text limits around their lengths.
func TestAsCut(t *testing.T) {
	syms := []string{"a", "\n", "\r", "é"}
	var all func(prefix string, n int)
	checked := 0
	all = func(prefix string, n int) {
		if len(prefix) > 0 {
			for maxLine := 0; maxLine <= 5; maxLine++ {
				for _, maxText := range []int64{0, 3, 8, 40, 80, 200, 1 << 20} {
					text, fs, _ := cutLines("f", []byte(prefix), maxLine, maxText)
					same := text == prefix && len(fs) == 0
					if got := asCut([]byte(prefix), maxLine, maxText); got != same {
						t.Fatalf("asCut(%q, %d, %d) = %v; cutLines gives %q, %d findings", prefix, maxLine, maxText, got, text, len(fs))
					}
					checked++
				}
			}
		}
		if n == 0 {
			return
		}
		for _, s := range syms {
			all(prefix+s, n-1)
		}
	}
	all("", 7)
	if checked < 100_000 {
		t.Fatalf("%d cases checked", checked)
	}
}

// TestDOCXInflatedInMemory: the documents of generated .docx files (every
// layout, archives with and without data descriptors) are inflated by
// klauspost/compress/flate to the bytes compress/flate gives, and read in
// memory on the first try: the stream is not read a second time. So are
// the test bodies (some of them not XML) inflated.
func TestDOCXInflatedInMemory(t *testing.T) {
	n := 0
	check := func(name string, b []byte, wellFormed bool) {
		t.Helper()
		n++
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		i := slices.IndexFunc(zr.File, func(f *zip.File) bool { return f.Name == "word/document.xml" })
		if i < 0 {
			t.Fatalf("%s: no document", name)
		}
		body := zr.File[i]
		read := func(dcomp zip.Decompressor) []byte {
			zr.RegisterDecompressor(zip.Deflate, dcomp)
			rc, err := body.Open()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			defer rc.Close()
			x, err := io.ReadAll(rc)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			return x
		}
		if got, want := read(fastInflater), read(stdInflater); !bytes.Equal(got, want) {
			t.Fatalf("%s: klauspost/compress/flate gave %d bytes, compress/flate %d", name, len(got), len(want))
		}
		if body.Method != zip.Deflate {
			t.Fatalf("%s: method %d, want Deflate", name, body.Method)
		}
		if !wellFormed {
			return
		}
		zr.RegisterDecompressor(zip.Deflate, fastInflater)
		if _, ok := scanDOCXInMemory(body, int(body.UncompressedSize64), name, Limits{}.withDefaults(), newStopper(context.Background())); !ok {
			t.Fatalf("%s: not read in memory", name)
		}
	}
	generated(t, 10, "docx", func(layout, name string, b []byte) { check(layout+" "+name, b, true) })
	for i, body := range docxBodies(t) {
		// some are not well-formed XML, and read streamed
		check(fmt.Sprintf("body%d", i), zipDocument(t, body), false)
	}
	// without a data descriptor: the CRC-32 is the central directory's
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	body := []byte(`<w:document ` + wordNS + `><w:body>` + para("一二三") + `</w:body></w:document>`)
	var z bytes.Buffer
	fw, _ := flate.NewWriter(&z, flate.BestCompression)
	fw.Write(body)
	fw.Close()
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate,
		CRC32: crc32.ChecksumIEEE(body), CompressedSize64: uint64(z.Len()), UncompressedSize64: uint64(len(body))})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(z.Bytes())
	zw.Close()
	check("raw", buf.Bytes(), true)
	if n < 40 {
		t.Errorf("%d archives checked", n)
	}
}

// TestReadKeepsNoBuffer: pages and archives are read into buffers used
// again for the next file, and a .docx's table cells are used again for
// the next one (zeroed); no document read before holds any of them, and
// none starts with what the one before left. Every document is compared
// only after all were read.
func TestReadKeepsNoBuffer(t *testing.T) {
	root := t.TempDir()
	generated(t, 6, "html docx", func(layout, name string, b []byte) {
		p := filepath.Join(root, layout+"-"+filepath.Base(name))
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	})
	var srcs []Source
	if err := Walk(context.Background(), root, func(src Source) error {
		srcs = append(srcs, src)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	formats := map[string]int{}
	var docs []schemas.Document
	for _, src := range srcs {
		doc, err := Read(context.Background(), src, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		formats[doc.SourceFormat]++
		docs = append(docs, doc)
	}
	for i, src := range srcs {
		want, err := refRead(context.Background(), src, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		sameDoc(t, src.Rel, docs[i], want)
	}
	if formats["html"] < 20 || formats["docx"] < 10 {
		t.Errorf("read %v, want pages and archives", formats)
	}
}
