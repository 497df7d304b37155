package load

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
	"github.com/parquet-go/parquet-go"
)

// rawRows are applications rows whose raw text (a PLAIN column, written by
// the byte array column buffer's writeValues) is each single byte, the
// empty string and longer values, in runs of one length and mixed, so
// that calls of Write and pages start and end anywhere among them.
func rawRows() []schemas.Application {
	var raws []string
	for b := range 256 {
		raws = append(raws, string([]byte{byte(b)}))
	}
	for b := range 256 {
		raws = append(raws, "", string([]byte{byte(b)}), strings.Repeat(string([]byte{byte(b)}), 1+b%40))
	}
	for i := range 300 {
		raws = append(raws, []string{"", "7", "12", "1"}[i%4])
		raws = append(raws, strings.Repeat("九", i%3))
	}
	rows := make([]schemas.Application, len(raws))
	for i, r := range raws {
		rows[i] = schemas.Application{ReportID: "r", Cell: "s3.a.new", Label: "l", Raw: r, Line: int32(i)}
	}
	return rows
}

// writeAppRows writes rows to one file in memory, in Write calls of up to
// n rows, with pages of pageBytes, and returns its bytes.
func writeAppRows(t testing.TB, rows []schemas.Application, n, pageBytes int) []byte {
	t.Helper()
	o := opts("r")
	o.PageBufferBytes = pageBytes
	o.RowGroupRows = 700
	w := &Writer{opt: o, codecs: newCodecs()}
	var out bytes.Buffer
	fw := newFileWriter[schemas.Application](writerOptions(w, schemas.TableApplications))(&out)
	for len(rows) > 0 {
		k := min(len(rows), n)
		if _, err := fw.Write(rows[:k]); err != nil {
			t.Fatal(err)
		}
		rows = rows[k:]
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// rawRowsDigests are the SHA-256 of writeAppRows' files of rawRows for
// each call size and page size of rawRowsCases.
func rawRowsDigests(t testing.TB) []string {
	var out []string
	rows := rawRows()
	for _, n := range []int{1, 3, 64, 1000} {
		for _, page := range []int{64, 1000, 0} {
			out = append(out, fmt.Sprintf("%d %d %x", n, page, sha256.Sum256(writeAppRows(t, rows, n, page))))
		}
	}
	return out
}

// TestRawValuesSameAsOld: the files of rawRows are the bytes the code
// before writeValues stored a value of one byte itself wrote
// (oldRawRowsDigests), and read back as the rows written.
func TestRawValuesSameAsOld(t *testing.T) {
	got := rawRowsDigests(t)
	if os.Getenv(printDigestsEnv) == "raw" {
		for _, d := range got {
			fmt.Printf("\t%q,\n", d)
		}
	}
	if !slices.Equal(got, oldRawRowsDigests) {
		t.Errorf("files differ:\n%q\nwant\n%q", got, oldRawRowsDigests)
	}
	rows := rawRows()
	b := writeAppRows(t, rows, 64, 1000)
	r := parquet.NewGenericReader[schemas.Application](bytes.NewReader(b))
	defer r.Close()
	back := make([]schemas.Application, len(rows)+1)
	n, err := r.Read(back)
	if err != nil && err != io.EOF {
		t.Fatal(err)
	}
	if n != len(rows) {
		t.Fatalf("read %d rows, want %d", n, len(rows))
	}
	for i := range rows {
		if back[i].Raw != rows[i].Raw || back[i].Line != rows[i].Line {
			t.Fatalf("row %d: raw %q line %d, want %q %d", i, back[i].Raw, back[i].Line, rows[i].Raw, rows[i].Line)
		}
	}
}
