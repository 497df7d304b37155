package integration

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"
)

// copySample copies a seed report to dir/name (name in raw bytes).
func copySample(t *testing.T, dir, name string, i int) {
	t.Helper()
	seeds := seedsDir(t)
	ents, err := filepath.Glob(filepath.Join(seeds, "*.txt"))
	if err != nil || len(ents) == 0 {
		t.Fatalf("no seed .txt under %s (%v)", seeds, err)
	}
	b, err := os.ReadFile(ents[i%len(ents)])
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	// distinct bytes per copy, so each keeps its own rows
	if err := os.WriteFile(p, append(b, fmt.Sprintf("\n%d\n", i)...), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestNonUTF8NamesReadable: file names that are not UTF-8 (legal on Linux)
// publish tables that DuckDB, pyarrow and Spark all read, with the names
// escaped reversibly in source_path.
func TestNonUTF8NamesReadable(t *testing.T) {
	in := t.TempDir()
	names := map[string]string{ // raw name → source_path
		"\xb1\xa8\xb8\xe6.txt": `\xb1\xa8\xb8\xe6.txt`, // 报告 in GBK
		"a\xffb.txt":           `a\xffb.txt`,
		"dir\xfe/c.txt":        `dir\xfe/c.txt`,
		`lit\xff.txt`:          `lit\x5cxff.txt`, // a valid name that looks escaped
		"正常.txt":               "正常.txt",
	}
	i := 0
	for raw := range names {
		copySample(t, in, raw, i)
		i++
	}
	// an invalid sidecar, so a quality message names its file
	if err := os.WriteFile(filepath.Join(in, "a\xffb.meta.json"), []byte("{bad"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := runPipeline(t, in, "non-utf8")
	var want []string
	for _, esc := range names {
		want = append(want, esc)
	}
	slices.Sort(want)

	db := openDuckDB(t)
	got := column(t, db, "SELECT source_path FROM "+scan(out, "reports")+" ORDER BY source_path")
	if !slices.Equal(got, want) {
		t.Errorf("DuckDB reports.source_path = %q\nwant %q", got, want)
	}
	if n := value(t, db, "SELECT count(*) FROM "+scan(out, "quality")+" WHERE message LIKE '%\\xff%'"); n == "0" {
		t.Error("DuckDB: no quality message names a file by its escape")
	}
	if n := value(t, db, "SELECT count(*) FROM "+scan(out, "quality")+" WHERE rule = 'INVALID_UTF8'"); n != "0" {
		t.Errorf("the writer had to escape %s strings: the walk should have", n)
	}

	py := sparkPython(t)
	script, _ := filepath.Abs(filepath.Join("spark", "read_tables.py"))
	args := []string{script, out, "reports", "quality"}
	if testing.Short() {
		args = append(args, "--no-spark")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, py, args...)
	cmd.Dir = t.TempDir()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("read_tables.py: %v\n%s", err, tail(stderr.Bytes()))
	}
	var seen map[string]map[string]struct {
		Rows       int      `json:"rows"`
		SourcePath []string `json:"source_path"`
		Message    []string `json:"message"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &seen); err != nil {
		t.Fatalf("%v: %s", err, stdout.String())
	}
	quality := value(t, db, "SELECT count(*) FROM "+scan(out, "quality"))
	for reader, tables := range seen {
		if r := tables["reports"]; r.Rows != len(names) || !slices.Equal(r.SourcePath, want) {
			t.Errorf("%s: reports %d rows, source_path %q", reader, r.Rows, r.SourcePath)
		}
		if q := tables["quality"]; fmt.Sprint(q.Rows) != quality {
			t.Errorf("%s: quality %d rows, DuckDB %s", reader, q.Rows, quality)
		}
	}
	if _, ok := seen["spark"]; !ok && !testing.Short() {
		t.Error("Spark did not read the tables")
	}
}

// TestPermissionDenied runs nianbao as a user that permission bits stop
// (as root, the unprivileged uid 65534 in a child process; otherwise the
// current user): a folder it cannot list keeps the last rows of its files
// and gets DIR_UNREADABLE, a file it cannot open is FILE_UNREADABLE with
// EACCES (not FILE_CHANGED), and the run exits 0.
func TestPermissionDenied(t *testing.T) {
	base, err := os.MkdirTemp("", "nianbao-perm-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(base)
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		cred = &syscall.Credential{Uid: 65534, Gid: 65534}
	}
	// The binary, the input and the output must be reachable by that user.
	bin := filepath.Join(base, "nianbao")
	copyFile(t, nianbaoBin(t), bin, 0o755)
	in, out := filepath.Join(base, "in"), filepath.Join(base, "out")
	copySample(t, in, "a.txt", 0)
	copySample(t, in, "locked/b.txt", 1)
	for _, p := range []string{base, in, filepath.Join(in, "locked")} {
		os.Chmod(p, 0o755)
	}
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if cred != nil {
		os.Chown(out, int(cred.Uid), int(cred.Gid))
	}
	run := func() (int, string) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, bin, "run", "--input", in, "--output", out)
		cmd.Dir = base
		cmd.Env = append(os.Environ(), "HOME="+base)
		if cred != nil {
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		}
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = io.Discard, &stderr
		err := cmd.Run()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode(), stderr.String()
		}
		if err != nil {
			t.Fatalf("run: %v", err)
		}
		return 0, stderr.String()
	}
	if code, log := run(); code != 0 {
		t.Fatalf("first run: exit %d\n%s", code, tail([]byte(log)))
	}
	// c.txt is new: an unchanged file is not opened again (its rows come
	// from the state store), so its permissions would not matter.
	copySample(t, in, "c.txt", 2)
	os.Chmod(filepath.Join(in, "locked"), 0)
	os.Chmod(filepath.Join(in, "c.txt"), 0)
	defer os.Chmod(filepath.Join(in, "locked"), 0o755)
	if f, err := os.Open(filepath.Join(in, "c.txt")); err == nil && cred == nil {
		f.Close()
		t.Skip("permission bits do not stop this user")
	}
	code, log := run()
	if code != 0 {
		t.Fatalf("second run: exit %d\n%s", code, tail([]byte(log)))
	}
	db := openDuckDB(t)
	rows := column(t, db, "SELECT source_path || ' ' || status FROM "+scan(out, "reports")+" ORDER BY source_path")
	if want := []string{"a.txt ok", "c.txt error", "locked error", "locked/b.txt warning"}; !slices.Equal(rows, want) {
		t.Errorf("reports: %q\nwant %q", rows, want)
	}
	rule := func(path string) string {
		return strings.Join(column(t, db, "SELECT q.rule || ': ' || q.message FROM "+scan(out, "quality")+" q JOIN "+scan(out, "reports")+
			" r USING (report_id) WHERE r.source_path = "+quote(path)+" AND q.rule IN ('DIR_UNREADABLE','FILE_UNREADABLE','FILE_CHANGED','ROWS_KEPT')"), "\n")
	}
	if got := rule("locked"); !strings.HasPrefix(got, "DIR_UNREADABLE") || !strings.Contains(got, "EACCES") {
		t.Errorf("locked: %q", got)
	}
	if got := rule("c.txt"); !strings.HasPrefix(got, "FILE_UNREADABLE") || !strings.Contains(got, "EACCES") {
		t.Errorf("c.txt: %q", got)
	}
	if got := rule("locked/b.txt"); !strings.HasPrefix(got, "ROWS_KEPT") {
		t.Errorf("locked/b.txt: %q", got)
	}
	if n := value(t, db, "SELECT count(*) FROM "+scan(out, "applications")+" a JOIN "+scan(out, "reports")+
		" r USING (report_id) WHERE r.source_path = 'locked/b.txt'"); n == "0" {
		t.Error("locked/b.txt lost its applications rows")
	}
	for _, m := range column(t, db, "SELECT message FROM "+scan(out, "quality")) {
		if !utf8.ValidString(m) {
			t.Errorf("message %q", m)
		}
	}
}

func copyFile(t *testing.T, from, to string, mode os.FileMode) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, mode); err != nil {
		t.Fatal(err)
	}
}
