package integration

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// The tables of the data contract, in the order the tests walk them.
var tables = []string{"reports", "disclosures", "applications", "appeals", "quality"}

// tmpRoot holds the binary and every dataset the tests write; TestMain
// removes it.
var tmpRoot string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "nianbao-integration-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	tmpRoot = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// repoRoot is the main module's folder: integration/ sits inside it.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// seedsDir is where the five hand-checked seed reports live: $NIANBAO_SEEDS,
// or the shared folder beside the repository.
func seedsDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("NIANBAO_SEEDS")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "seeds")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(abs, "expected", "seeds.jsonl")); err != nil {
		t.Fatalf("seed reports not found (set NIANBAO_SEEDS): %v", err)
	}
	return abs
}

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// nianbaoBin builds ./cmd/nianbao once per test binary, or returns
// $NIANBAO_BIN when set (to check a binary built elsewhere).
func nianbaoBin(t testing.TB) string {
	t.Helper()
	if bin := os.Getenv("NIANBAO_BIN"); bin != "" {
		return bin
	}
	buildOnce.Do(func() {
		binPath = filepath.Join(tmpRoot, "nianbao")
		cmd := exec.Command("go", "build", "-o", binPath, "./cmd/nianbao")
		cmd.Dir = repoRoot(t)
		out, err := cmd.CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build ./cmd/nianbao: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// nianbao runs the binary and returns its standard output; a non-zero exit
// fails the test with everything it printed.
func nianbao(t testing.TB, args ...string) []byte {
	t.Helper()
	stdout, stderr, err := tryNianbao(t, args...)
	if err != nil {
		t.Fatalf("nianbao %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, tail(stdout), tail(stderr))
	}
	return stdout
}

func tryNianbao(t testing.TB, args ...string) (stdout, stderr []byte, err error) {
	t.Helper()
	bin := nianbaoBin(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	return o.Bytes(), e.Bytes(), err
}

func tail(b []byte) string {
	const max = 4000
	if len(b) > max {
		return "…" + string(b[len(b)-max:])
	}
	return string(b)
}

// runPipeline publishes a dataset from input into a new folder under tmpRoot.
func runPipeline(t testing.TB, input, name string, extra ...string) string {
	t.Helper()
	out := filepath.Join(tmpRoot, name)
	args := append([]string{"run", "--input", input, "--output", out}, extra...)
	nianbao(t, args...)
	return out
}

var (
	seedOnce sync.Once
	seedOut  string
	seedErr  string
)

// seedDataset is the dataset published from the seed reports with default
// settings, built once and shared by the tests that only read it.
func seedDataset(t testing.TB) string {
	t.Helper()
	seedOnce.Do(func() {
		r := &recorder{TB: t}
		func() {
			defer func() { // a Fatal from the recorder unwinds to here
				if p := recover(); p != nil && p != any(r) {
					panic(p)
				}
			}()
			seedOut = runPipeline(r, seedsDir(r), "seeds")
		}()
		seedErr = r.msg
	})
	if seedErr != "" {
		t.Fatal(seedErr)
	}
	return seedOut
}

// recorder keeps the first fatal message, so a shared fixture that failed
// fails every test that asks for it with the same reason.
type recorder struct {
	testing.TB
	msg string
}

func (r *recorder) Helper() {}
func (r *recorder) Fatal(args ...any) {
	r.msg = fmt.Sprint(args...)
	panic(r)
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.msg = fmt.Sprintf(format, args...)
	panic(r)
}

// dataFiles lists a table's Parquet files in path order, skipping the
// '_' and '.' names readers ignore.
func dataFiles(t testing.TB, out, table string) []string {
	t.Helper()
	var files []string
	link := filepath.Join(out, table)
	// A table folder may be a symlink to the run that published it; walk
	// the target but name the files through the link, as readers see them.
	root, err := filepath.EvalSymlinks(link)
	if err != nil {
		t.Fatalf("table %s: %v", table, err)
	}
	err = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if p != root && (strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".")) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() && strings.HasSuffix(name, ".parquet") {
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			files = append(files, filepath.Join(link, rel))
		}
		return nil
	})
	if err != nil {
		t.Fatalf("listing %s: %v", table, err)
	}
	sort.Strings(files)
	return files
}

// expectedReport is one line of seeds/expected/seeds.jsonl (and of
// testdata/reports/expected.jsonl).
type expectedReport struct {
	File     string                     `json:"file"`
	Year     int                        `json:"year"`
	Template string                     `json:"template"`
	Agency   []string                   `json:"agency"`
	Cells    map[string]json.RawMessage `json:"cells"`

	ReportID string `json:"-"` // hex SHA-256 of the file's bytes
}

// loadExpected reads an expected.jsonl whose "file" names are relative to dir.
func loadExpected(t testing.TB, jsonl, dir string) []expectedReport {
	t.Helper()
	data, err := os.ReadFile(jsonl)
	if err != nil {
		t.Fatal(err)
	}
	var reps []expectedReport
	for i, line := range bytes.Split(data, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var r expectedReport
		if err := json.Unmarshal(line, &r); err != nil {
			t.Fatalf("%s:%d: %v", jsonl, i+1, err)
		}
		src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(r.File)))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(src)
		r.ReportID = hex.EncodeToString(sum[:])
		reps = append(reps, r)
	}
	return reps
}

// cellText renders an expected value the way the tests cast the dataset's
// value to VARCHAR: counts as integers, money with exactly two decimals,
// null as nil. Decimal strings go through math/big, never float64.
func cellText(code string, raw json.RawMessage) (*string, error) {
	s := strings.TrimSpace(string(raw))
	if s == "null" {
		return nil, nil
	}
	if strings.HasSuffix(code, ".amount_yuan") {
		var str string
		if err := json.Unmarshal(raw, &str); err != nil {
			str = s // a bare JSON number: keep its exact digits
		}
		r, ok := new(big.Rat).SetString(str)
		if !ok {
			return nil, fmt.Errorf("%s: bad amount %q", code, str)
		}
		v := r.FloatString(2)
		return &v, nil
	}
	n, ok := new(big.Int).SetString(s, 10)
	if !ok {
		return nil, fmt.Errorf("%s: bad count %s", code, s)
	}
	v := n.String()
	return &v, nil
}
