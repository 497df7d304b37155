package load

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// fileDigests writes ps (sorted) with pages of pageBytes (0: the default
// size) and returns the SHA-256 of every file written, by table and
// path, one "table path digest" a line, sorted.
func fileDigests(t testing.TB, ps []*schemas.Parsed, pageBytes int) []string {
	t.Helper()
	ps = slices.Clone(ps)
	slices.SortStableFunc(ps, func(a, b *schemas.Parsed) int { return compareReports(&a.Report, &b.Report) })
	o := opts("r")
	o.Verify, o.Streaming = false, true
	o.PageBufferBytes = pageBytes
	w, err := NewWriter(t.TempDir(), o)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if err := w.AddCells(p); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range ps {
		if err := w.AddReport(p); err != nil {
			t.Fatal(err)
		}
	}
	m, err := w.Commit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for name, tm := range m.Tables {
		for _, fm := range tm.Files {
			out = append(out, name+" "+fm.Path+" "+fm.SHA256)
		}
	}
	slices.Sort(out)
	return out
}

// fileBytesCorpus is what TestFileBytesSameAsOld writes: the seeds' and
// the generated reports, with pages of several sizes (a page of a few
// rows, of about a hundred, of parquet-go's default size).
func fileBytesCorpus(t testing.TB) []string {
	t.Helper()
	var out []string
	for _, c := range []struct {
		name string
		ps   []*schemas.Parsed
	}{{"seeds", seedParses(t)}, {"generated", generatedParses()[:300]}, {"template", templateParses(40)}} {
		for _, page := range []int{256, 4096, 0} {
			for _, d := range fileDigests(t, c.ps, page) {
				out = append(out, fmt.Sprintf("%s %d %s", c.name, page, d))
			}
		}
	}
	return out
}

func templateParses(n int) []*schemas.Parsed {
	ps := make([]*schemas.Parsed, n)
	for i := range ps {
		ps[i] = templateReport(i)
		ps[i].SetKey()
	}
	return ps
}

// TestFileBytesSameAsOld: the files written from the seeds' and the
// generated reports are the bytes the code before the change wrote
// (oldFileDigests). With NIANBAO_OLD_LOAD_TEST naming a test binary of
// this package built from that code, the digests are also compared with
// those it prints now.
func TestFileBytesSameAsOld(t *testing.T) {
	if os.Getenv(printDigestsEnv) != "" {
		t.Skip("printing digests")
	}
	got := fileBytesCorpus(t)
	want := oldFileDigests
	if bin := os.Getenv("NIANBAO_OLD_LOAD_TEST"); bin != "" {
		want = runOld(t, bin, "^TestPrintFileDigests$", "")
	}
	if len(got) < 30 {
		t.Fatalf("%d files", len(got))
	}
	if !slices.Equal(got, want) {
		for i := range max(len(got), len(want)) {
			g, w := "", ""
			if i < len(got) {
				g = got[i]
			}
			if i < len(want) {
				w = want[i]
			}
			if g != w {
				t.Errorf("file %d: got %q, want %q", i, g, w)
			}
		}
	}
}

const printDigestsEnv = "NIANBAO_PRINT_DIGESTS"

// TestPrintFileDigests prints the digests of fileBytesCorpus, or of the
// rows of the fuzz input in the file NIANBAO_PRINT_DIGESTS names, for the
// differential tests run with NIANBAO_OLD_LOAD_TEST.
func TestPrintFileDigests(t *testing.T) {
	arg := os.Getenv(printDigestsEnv)
	if arg == "" {
		t.Skip(printDigestsEnv + " is not set")
	}
	if arg == "stdin" {
		// one input a line, in hexadecimal; the digests of each a line
		in := bufio.NewScanner(os.Stdin)
		in.Buffer(nil, 1<<20)
		for in.Scan() {
			data, err := hex.DecodeString(in.Text())
			if err != nil {
				t.Fatal(err)
			}
			fmt.Println("digests:", hex.EncodeToString([]byte(strings.Join(fuzzFileDigests(t, data), "\n"))))
		}
		return
	}
	var lines []string
	if arg == "corpus" {
		lines = fileBytesCorpus(t)
	} else {
		data, err := os.ReadFile(arg)
		if err != nil {
			t.Fatal(err)
		}
		lines = fuzzFileDigests(t, data)
	}
	fmt.Println("digests:", hex.EncodeToString([]byte(strings.Join(lines, "\n"))))
}

// oldWriter is a test binary of the old code printing the digests of the
// fuzz inputs written to it (TestPrintFileDigests with "stdin").
type oldWriter struct {
	in  io.WriteCloser
	out *bufio.Reader
}

var (
	oldOnce sync.Once
	old     *oldWriter
	oldErr  error
)

func startOld(bin string) (*oldWriter, error) {
	oldOnce.Do(func() {
		cmd := exec.Command(bin, "-test.run", "^TestPrintFileDigests$", "-test.count", "1")
		cmd.Env = append(os.Environ(), printDigestsEnv+"=stdin")
		cmd.Stderr = os.Stderr
		in, err := cmd.StdinPipe()
		if err != nil {
			oldErr = err
			return
		}
		out, err := cmd.StdoutPipe()
		if err != nil {
			oldErr = err
			return
		}
		if oldErr = cmd.Start(); oldErr == nil {
			old = &oldWriter{in: in, out: bufio.NewReaderSize(out, 1<<16)}
		}
	})
	return old, oldErr
}

// digests are the old code's digests of the files written from data.
func (o *oldWriter) digests(data []byte) ([]string, error) {
	if _, err := fmt.Fprintln(o.in, hex.EncodeToString(data)); err != nil {
		return nil, err
	}
	for {
		line, err := o.out.ReadString('\n')
		if err != nil {
			return nil, err
		}
		if h, ok := strings.CutPrefix(strings.TrimSuffix(line, "\n"), "digests: "); ok {
			b, err := hex.DecodeString(h)
			if err != nil || len(b) == 0 {
				return nil, err
			}
			return strings.Split(string(b), "\n"), nil
		}
	}
}

// runOld runs the test binary bin's TestPrintFileDigests and returns the
// lines it printed.
func runOld(t testing.TB, bin, run, input string) []string {
	t.Helper()
	arg := "corpus"
	if input != "" {
		arg = filepath.Join(t.TempDir(), "input")
		if err := os.WriteFile(arg, []byte(input), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(bin, "-test.run", run, "-test.count", "1")
	cmd.Dir = "." // the seeds are found from the package's folder
	cmd.Env = append(os.Environ(), printDigestsEnv+"="+arg)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", bin, err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if h, ok := strings.CutPrefix(line, "digests: "); ok {
			b, err := hex.DecodeString(h)
			if err != nil {
				t.Fatal(err)
			}
			if len(b) == 0 {
				return nil
			}
			return strings.Split(string(b), "\n")
		}
	}
	t.Fatalf("%s printed no digests:\n%s", bin, out)
	return nil
}

// fuzzReports are reports whose cell tables' rows come from data: the
// applications' codes, labels, counts (or nulls), raw text and report
// ids, in runs and at random, so that pages end anywhere in them.
func fuzzReports(data []byte) (ps []*schemas.Parsed, pageBytes int) {
	if len(data) == 0 {
		return nil, 0
	}
	pageBytes = 64 + int(data[0])*32
	data = data[1:]
	codes := []string{"s3.a.new", "s3.b.granted", "s3.b.partial", "s3.c.refused.secret", "", "s3.b.granted.other-label-long-text"}
	for r := 0; len(data) > 0 && r < 8; r++ {
		p := templateReport(r)
		n := min(len(data), 300)
		chunk := data[:n]
		data = data[n:]
		p.Applications = p.Applications[:0]
		for i, b := range chunk {
			a := schemas.Application{Cell: codes[int(b)%len(codes)], Line: int32(i)}
			a.Outcome, a.Applicant = codes[int(b>>3)%len(codes)], codes[int(b>>5)%len(codes)]
			a.Label = strings.Repeat("标签", int(b)%5)
			if b%7 != 0 {
				a.Count = ptr(int64(b) * int64(i))
				a.Raw = strconv.Itoa(int(b) * i)
			}
			if b&0x40 != 0 {
				a.Raw += strings.Repeat("x", int(b)%50)
			}
			p.Applications = append(p.Applications, a)
		}
		p.Disclosures = p.Disclosures[:min(len(p.Disclosures), len(chunk)%11)]
		p.SetKey()
		ps = append(ps, p)
	}
	return ps, pageBytes
}

// fuzzFileDigests writes the applications rows of fuzzReports to one file
// in memory, as partWriter does (rows handed over in calls of up to 64,
// cut where data says), and returns its SHA-256.
func fuzzFileDigests(t testing.TB, data []byte) []string {
	ps, page := fuzzReports(data)
	if len(ps) == 0 {
		return nil
	}
	o := opts("r")
	o.PageBufferBytes = page
	o.RowGroupRows = 700
	w := &Writer{opt: o, codecs: newCodecs()}
	var out bytes.Buffer
	fw := newFileWriter[schemas.Application](writerOptions(w, schemas.TableApplications))(&out)
	calls := 0
	for _, p := range ps {
		rows := p.Applications
		for len(rows) > 0 {
			calls++
			n := min(len(rows), 1+int(data[calls%len(data)]^data[0])%64)
			if _, err := fw.Write(rows[:n]); err != nil {
				t.Fatal(err)
			}
			rows = rows[n:]
		}
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(out.Bytes())
	return []string{fmt.Sprintf("%d %x", out.Len(), sum)}
}

// FuzzFileBytesSameAsOld compares the files written from fuzzReports'
// rows with those NIANBAO_OLD_LOAD_TEST, a test binary of this package
// built from the code before the change, writes from the same input.
func FuzzFileBytesSameAsOld(f *testing.F) {
	bin := os.Getenv("NIANBAO_OLD_LOAD_TEST")
	if bin == "" {
		f.Skip("NIANBAO_OLD_LOAD_TEST is not set")
	}
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte(strings.Repeat("\x07abc\x40\x41", 200)))
	f.Add([]byte(strings.Repeat("\xff", 700)))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 || len(data) > 2000 {
			return
		}
		o, err := startOld(bin)
		if err != nil {
			t.Fatal(err)
		}
		got := fuzzFileDigests(t, data)
		want, err := o.digests(data)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("files differ:\n%q\nwant\n%q", got, want)
		}
	})
}
