package integration

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// fingerprint is the published dataset as DuckDB reads it: per table, the
// row count and a digest of every row in order of its content (ingested_at
// aside: it records when a report was first parsed).
func fingerprint(t testing.TB, db *sql.DB, out string) string {
	t.Helper()
	var b strings.Builder
	for _, tb := range tables {
		sel := "*"
		if tb == "reports" {
			sel = "* EXCLUDE (ingested_at)"
		}
		q := fmt.Sprintf(`SELECT count(*) || ':' || coalesce(md5(string_agg(r::VARCHAR, '|' ORDER BY r::VARCHAR)), '')
			FROM (SELECT %s FROM %s) r`, sel, scan(out, tb))
		fmt.Fprintf(&b, "%s=%s ", tb, value(t, db, q))
	}
	return b.String()
}

// generateCorpus writes n generated reports (the first k of a larger
// corpus with the same seed are the same files).
func generateCorpus(t testing.TB, dir string, n int) {
	t.Helper()
	nianbao(t, "generate", "--reports", fmt.Sprint(n), "--seed", "11", "--out", dir)
	os.Remove(filepath.Join(dir, "truth.jsonl"))
}

func copyTree(t testing.TB, from, to string) {
	t.Helper()
	if out, err := exec.Command("cp", "-a", from, to).CombinedOutput(); err != nil {
		t.Fatalf("cp -a: %v %s", err, out)
	}
}

func exitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + int(ws.Signal())
		}
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

// TestCrashSafety kills `nianbao run` with SIGKILL at 20 points spread over
// a whole run against a dataset that already exists. After every kill the
// dataset is complete and readable by DuckDB (the previous one, or the new
// one if the kill came after the publish), and the next run publishes
// exactly what a clean run would.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("crash trials take a few minutes")
	}
	db := openDuckDB(t)
	base := filepath.Join(tmpRoot, "crash")
	inA, inB := filepath.Join(base, "in-a"), filepath.Join(base, "in-b")
	generateCorpus(t, inA, 1200)
	generateCorpus(t, inB, 1500)

	prev := filepath.Join(base, "prev")
	nianbao(t, "run", "--input", inA, "--output", prev, "--workers", "2")
	prevFP := fingerprint(t, db, prev)

	ref := filepath.Join(base, "ref")
	nianbao(t, "run", "--input", inB, "--output", ref, "--workers", "2", "--full")
	refFP := fingerprint(t, db, ref)

	// How long the run under test takes: over a copy of the previous
	// dataset it reuses the 1200 unchanged reports and parses 300.
	full := time.Hour
	for i := 0; i < 2; i++ { // the faster of two, caches warm
		timing := filepath.Join(base, "timing")
		copyTree(t, prev, timing)
		start := time.Now()
		nianbao(t, "run", "--input", inB, "--output", timing, "--workers", "2")
		full = min(full, time.Since(start))
		os.RemoveAll(timing)
	}
	if prevFP == refFP {
		t.Fatal("the two inputs publish the same dataset; the test would prove nothing")
	}

	// Spread the kills over that run: walking, parsing, writing,
	// verifying, publishing, cleaning up.
	bin := nianbaoBin(t)
	const trials = 20
	killed := 0
	for k := 0; k < trials; k++ {
		out := filepath.Join(base, fmt.Sprintf("trial-%02d", k))
		copyTree(t, prev, out)
		delay := time.Duration(float64(full) * float64(k) / trials)
		cmd := exec.Command(bin, "run", "--input", inB, "--output", out, "--workers", "2", "--log-format", "json")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()

		if exitCode(err) == 128+int(syscall.SIGKILL) {
			killed++
		}
		got := fingerprint(t, db, out)
		switch got {
		case prevFP:
		case refFP:
			if exitCode(err) == 0 {
				t.Logf("trial %d: the run finished before the kill at %v", k, delay)
			}
		default:
			t.Fatalf("trial %d (kill at %v): the published dataset is neither the previous one nor the new one:\n%s", k, delay, got)
		}
		if _, err := os.Stat(filepath.Join(out, "_SUCCESS")); err != nil {
			t.Errorf("trial %d: _SUCCESS missing after the kill: %v", k, err)
		}

		// The next run cleans up and publishes exactly the clean result.
		nianbao(t, "run", "--input", inB, "--output", out, "--workers", "2")
		if got := fingerprint(t, db, out); got != refFP {
			t.Fatalf("trial %d: the run after the kill published\n%s\nwant\n%s", k, got, refFP)
		}
		runs, _ := os.ReadDir(filepath.Join(out, ".nianbao", "runs"))
		if len(runs) > 2 {
			t.Errorf("trial %d: %d run folders left after recovery; the dead run's should be cleaned", k, len(runs))
		}
		os.RemoveAll(out)
	}
	t.Logf("%d of %d trials killed the run before it finished (run time %v)", killed, trials, full)
	if killed < trials/2 {
		t.Errorf("only %d kills landed inside a run; the machine is too slow or too fast for the timing", killed)
	}
}

// TestConcurrentRunsAndInterrupt: a second run on the same output while one
// is running is refused at once with exit status 3; SIGINT stops a run
// within seconds with status 130 and publishes nothing.
func TestConcurrentRunsAndInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip()
	}
	db := openDuckDB(t)
	base := filepath.Join(tmpRoot, "concurrent")
	in := filepath.Join(base, "in")
	generateCorpus(t, in, 1500)
	out := filepath.Join(base, "out")
	nianbao(t, "run", "--input", seedsDir(t), "--output", out)
	before := fingerprint(t, db, out)

	bin := nianbaoBin(t)
	first := exec.Command(bin, "run", "--input", in, "--output", out, "--workers", "2", "--full")
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	t0 := time.Now()
	second := exec.Command(bin, "run", "--input", in, "--output", out)
	msg, err := second.CombinedOutput()
	if code := exitCode(err); code != 3 {
		t.Errorf("second run: exit %d, want 3 (locked)\n%s", code, msg)
	}
	if !strings.Contains(string(msg), "another nianbao run") {
		t.Errorf("second run's message does not say why: %s", msg)
	}
	if d := time.Since(t0); d > 3*time.Second {
		t.Errorf("refusal took %v", d)
	}

	time.Sleep(500 * time.Millisecond)
	first.Process.Signal(syscall.SIGINT)
	t0 = time.Now()
	err = first.Wait()
	if d := time.Since(t0); d > 5*time.Second {
		t.Errorf("SIGINT took %v to stop the run", d)
	}
	if code := exitCode(err); code != 130 && code != 0 {
		t.Errorf("interrupted run: exit %d, want 130", code)
	} else if code == 130 {
		if got := fingerprint(t, db, out); got != before {
			t.Errorf("an interrupted run changed the published dataset")
		}
	}
}
