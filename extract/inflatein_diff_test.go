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
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// inflation is what reading an entry of an archive gives: each Read's
// count and error, and the bytes.
type inflation struct {
	OpenErr string
	Reads   []string
	Bytes   []byte
}

// inflate reads entry i of the archive b (which zr reads, over ra) with
// the decompressor dcomp, in reads of the sizes given, in turn.
func inflate(zr *zip.Reader, i int, dcomp zip.Decompressor, sizes []int) inflation {
	zr.RegisterDecompressor(zip.Deflate, dcomp)
	defer zr.RegisterDecompressor(zip.Deflate, stdInflater)
	rc, err := zr.File[i].Open()
	if err != nil {
		return inflation{OpenErr: err.Error()}
	}
	defer rc.Close()
	var x inflation
	buf := make([]byte, 64<<10)
	for k := 0; k < 1<<20; k++ {
		n, err := rc.Read(buf[:sizes[k%len(sizes)]])
		x.Bytes = append(x.Bytes, buf[:n]...)
		x.Reads = append(x.Reads, fmt.Sprint(n, err))
		if err != nil || len(x.Bytes) > 16<<20 {
			break
		}
	}
	return x
}

// docxFrom is the Document readDOCX gives for archive b, in memory whole
// (b given) or read where it is (b nil: the path that inflates from a
// bufio.Reader over the archive, as every archive was before inflaterIn).
func docxFrom(name string, b []byte, lim Limits, whole bool) schemas.Document {
	doc := schemas.Document{SourcePath: name, SourceFormat: "docx", SourceBytes: int64(len(b))}
	var in []byte
	if whole {
		in = b
	}
	_ = parse(context.Background(), &doc, input{r: bytes.NewReader(b), size: int64(len(b)), b: in}, lim.withDefaults())
	return doc
}

// sameInflatedInPlace fails unless inflaterIn reads every entry of the
// archive b as fastInflater does (each Read's count, error and bytes, in
// pieces of readPiece and of odd sizes), scanDOCXInMemory reads the main
// document with it as with fastInflater (in memory or not, to the same
// parser state), and readDOCX gives the same Document, under the limits
// of diffLimits.
func sameInflatedInPlace(t testing.TB, name string, b []byte) {
	t.Helper()
	ra := bytes.NewReader(b)
	zr, err := zip.NewReader(ra, int64(len(b)))
	if err == nil && len(zr.File) <= 64 {
		for i := range zr.File {
			for _, sizes := range [][]int{{readPiece}, {1, 7, 4096}} {
				got := inflate(zr, i, inflaterIn(b, ra), sizes)
				want := inflate(zr, i, fastInflater, sizes)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s: entry %q in reads of %v:\n%.400v\nbefore:\n%.400v", name, zr.File[i].Name, sizes, got, want)
				}
			}
		}
		if body := mainPart(zr); body != nil && body.UncompressedSize64 <= 1<<20 {
			lim := Limits{}.withDefaults()
			scan := func(dcomp zip.Decompressor, n int) memScan {
				zr.RegisterDecompressor(zip.Deflate, dcomp)
				defer zr.RegisterDecompressor(zip.Deflate, stdInflater)
				return memScanOf(scanDOCXInMemory(body, n, name, lim, newStopper(context.Background())))
			}
			size := int(body.UncompressedSize64)
			for _, n := range []int{size, size - 1, size + 1} {
				if n < 0 {
					continue
				}
				if got, want := scan(inflaterIn(b, ra), n), scan(fastInflater, n); !reflect.DeepEqual(got, want) {
					t.Fatalf("%s (declared %d of %d bytes): in memory %v, before %v", name, n, size, got.OK, want.OK)
				}
			}
		}
	}
	for i, lim := range diffLimits {
		sameDoc(t, fmt.Sprintf("%s (limits %d)", name, i), docxFrom(name, b, lim, true), docxFrom(name, b, lim, false))
	}
}

// rawDocx is an archive holding body as word/document.xml, compressed
// as method says (zip.Store or zip.Deflate), its header declaring crc and
// the sizes given (-1: the true one), with a data descriptor or without,
// and an entry after it.
func rawDocx(t testing.TB, body []byte, method uint16, crc int64, csize, usize int, desc bool) []byte {
	comp := body
	if method == zip.Deflate {
		var z bytes.Buffer
		fw, _ := flate.NewWriter(&z, flate.BestSpeed)
		fw.Write(body)
		fw.Close()
		comp = z.Bytes()
	}
	fh := &zip.FileHeader{Name: "word/document.xml", Method: method,
		CRC32: crc32.ChecksumIEEE(body), CompressedSize64: uint64(len(comp)), UncompressedSize64: uint64(len(body))}
	if crc >= 0 {
		fh.CRC32 = uint32(crc)
	}
	if csize >= 0 {
		fh.CompressedSize64 = uint64(csize)
	}
	if usize >= 0 {
		fh.UncompressedSize64 = uint64(usize)
	}
	if desc {
		fh.Flags |= 0x8
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(fh)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp)
	w2, _ := zw.Create("word/styles.xml")
	w2.Write([]byte("<w:styles/>"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// damagedDocx are archives of body with every header lie rawDocx can
// tell, and the archive cut short and with bytes changed.
func damagedDocx(t testing.TB, body []byte) map[string][]byte {
	m := map[string][]byte{}
	deflated := rawDocx(t, body, zip.Deflate, -1, -1, -1, false)
	clen := int(binaryEntrySize(t, deflated))
	crc := int64(crc32.ChecksumIEEE(body))
	for _, method := range []uint16{zip.Deflate, zip.Store} {
		c := clen
		if method == zip.Store {
			c = len(body)
		}
		for _, desc := range []bool{false, true} {
			for _, lie := range []struct {
				name      string
				crc       int64
				csize, us int
			}{
				{"true", -1, -1, -1}, {"crc+1", crc + 1, -1, -1}, {"crc0", 0, -1, -1},
				{"usize-1", -1, -1, len(body) - 1}, {"usize+1", -1, -1, len(body) + 1}, {"usize0", -1, -1, 0},
				{"csize-1", -1, c - 1, -1}, {"csize+1", -1, c + 1, -1}, {"csize+40", -1, c + 40, -1},
				{"csize/2", -1, c / 2, -1}, {"csize huge", -1, c + 1<<20, -1}, {"csize0", -1, 0, -1},
			} {
				if lie.csize < 0 && lie.csize != -1 || lie.us < 0 && lie.us != -1 {
					continue
				}
				m[fmt.Sprintf("m%d desc %v %s", method, desc, lie.name)] = rawDocx(t, body, method, lie.crc, lie.csize, lie.us, desc)
			}
		}
	}
	for _, cut := range []int{len(deflated) / 4, len(deflated) / 2, len(deflated) - 30, len(deflated) - 1} {
		if cut > 0 {
			m[fmt.Sprintf("cut %d", cut)] = deflated[:cut]
		}
	}
	for _, at := range []int{40, 60, len(deflated) / 3, len(deflated) / 2, len(deflated) - 60} {
		if at > 0 && at < len(deflated) {
			c := bytes.Clone(deflated)
			c[at] ^= 0x55
			m[fmt.Sprintf("flip %d", at)] = c
		}
	}
	return m
}

// binaryEntrySize is the compressed size of the first entry of archive b.
func binaryEntrySize(t testing.TB, b []byte) uint64 {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	return zr.File[0].CompressedSize64
}

// TestInflatedInPlaceSameAsBefore: inflaterIn reads what fastInflater
// read, and a .docx in memory gives the same Document as before, for
// generated reports, the seeds' and corpus's .docx files (the corpus in
// NIANBAO_DIFF_CORPUS or NIANBAO_BENCH_CORPUS, when set), the test
// documents, and archives that lie about their CRC-32 or sizes, with and
// without a data descriptor, stored or deflated, cut short or changed.
func TestInflatedInPlaceSameAsBefore(t *testing.T) {
	n := 30
	if testing.Short() {
		n = 5
	} else if raceEnabled {
		n = 10 // the race detector makes the reads of a byte ~10x slower
	}
	files := 0
	generated(t, n, "docx", func(layout, name string, b []byte) {
		files++
		sameInflatedInPlace(t, layout+" "+name, b)
		if files%10 == 1 {
			for what, d := range damagedDocx(t, bytesOfDocument(t, b)) {
				sameInflatedInPlace(t, layout+" "+name+" "+what, d)
			}
		}
	})
	for i, body := range docxBodies(t) {
		sameInflatedInPlace(t, fmt.Sprintf("body%d", i), zipDocument(t, body))
		if len(body) < 64<<10 {
			for what, d := range damagedDocx(t, body) {
				sameInflatedInPlace(t, fmt.Sprintf("body%d %s", i, what), d)
			}
		}
	}
	docxUnder := func(root string) {
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".docx") {
				if b, err := os.ReadFile(p); err == nil {
					files++
					sameInflatedInPlace(t, p, b)
				}
			}
			return nil
		})
	}
	for _, env := range []string{"NIANBAO_DIFF_CORPUS", "NIANBAO_BENCH_CORPUS"} {
		if root := os.Getenv(env); root != "" {
			docxUnder(root)
			break
		}
	}
	docxUnder(filepath.Join("..", "..", "shared", "seeds"))
	if files < 2*n {
		t.Errorf("%d .docx files compared", files)
	}
	t.Logf("%d .docx files compared", files)
}

// bytesOfDocument is the word/document.xml of the .docx b.
func bytesOfDocument(t testing.TB, b []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := mainPart(zr).Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	x, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// FuzzInflatedInPlaceSameAsBefore: on any archive bytes, inflaterIn reads
// each entry as fastInflater does and a .docx reads as before.
func FuzzInflatedInPlaceSameAsBefore(f *testing.F) {
	for i, body := range docxBodies(f) {
		if len(body) < 8<<10 {
			f.Add(zipDocument(f, body))
			if i%4 == 0 {
				for _, d := range damagedDocx(f, body) {
					f.Add(d)
				}
			}
		}
	}
	generated(f, 1, "docx", func(_, _ string, b []byte) { f.Add(b) })
	f.Fuzz(func(t *testing.T, b []byte) {
		sameInflatedInPlace(t, "f.docx", b)
	})
}
