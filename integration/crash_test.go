package integration

import (
	"bufio"
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

// TestCrashSafety kills `nianbao run` with SIGKILL at points spread over a
// whole run against a dataset that already exists, until 20 kills have
// landed inside a run. After every kill the dataset is complete and
// readable by DuckDB (the previous one, or the new one if the kill came
// after the publish), and the next run publishes exactly what a clean run
// would. The kill points are marks of the run's own progress in its output
// folder (runMarks: the parse-cache pack filling, the run folder, its
// Parquet parts and manifest, the switch, the run record), so where a kill
// lands does not depend on the machine's speed.
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
	if prevFP == refFP {
		t.Fatal("the two inputs publish the same dataset; the test would prove nothing")
	}

	// The size of the pack the run under test fills: over a copy of the
	// previous dataset it reuses the 1200 unchanged reports and parses 300.
	sizing := filepath.Join(base, "sizing")
	copyTree(t, prev, sizing)
	p := newProgress(sizing, 0)
	nianbao(t, "run", "--input", inB, "--output", sizing, "--workers", "2")
	packBytes := p.newPack()
	if packBytes <= 0 {
		t.Fatal("the run left no parse-cache pack of its own: the kill points cannot be placed")
	}
	os.RemoveAll(sizing)

	bin := nianbaoBin(t)
	marks := runMarks()
	const (
		kills     = 20 // that land inside a run
		maxTrials = 60
	)
	killed, k := 0, 0
	landed := map[string]int{}
	for ; killed < kills && k < maxTrials; k++ {
		out := filepath.Join(base, fmt.Sprintf("trial-%02d", k))
		copyTree(t, prev, out)
		m := marks[k%len(marks)]
		cmd := exec.Command(bin, "run", "--input", inB, "--output", out, "--workers", "2", "--log-format", "json")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if killAt(t, cmd, newProgress(out, packBytes), m) {
			killed++
			landed[m.name]++
		}
		got := fingerprint(t, db, out)
		switch got {
		case prevFP, refFP:
		default:
			t.Fatalf("trial %d (kill at %s): the published dataset is neither the previous one nor the new one:\n%s\n%s", k, m.name, got, stderr.String())
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
	t.Logf("%d of %d trials killed the run before it finished; kills by mark: %v", killed, k, landed)
	if killed < kills {
		t.Errorf("only %d of %d trials killed a run before it finished", killed, k)
	}
	// The kills must reach past parsing: a run killed only while it
	// parses would not test the publish.
	if landed["run folder"]+landed["first part"]+landed["run manifest"]+landed["switch"] == 0 {
		t.Errorf("no kill landed after parsing (kills by mark: %v)", landed)
	}
}

// TestConcurrentRunsAndInterrupt: a second run on the same output while one
// is running is refused with exit status 3 before it reads anything;
// SIGINT stops a run with status 130 and publishes nothing. No step is
// timed: the first run is known to hold the lock once it logs its inputs,
// and the waits are hang guards (30 s, the stop timeout of the systemd
// example).
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
	first := exec.Command(bin, "run", "--input", in, "--output", out, "--workers", "2", "--full", "--log-format", "json")
	logs, err := first.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	defer first.Process.Kill()
	// The run takes the output's lock before it lists its inputs.
	listed := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(logs)
		said := false
		for sc.Scan() {
			if !said && strings.Contains(sc.Text(), `"msg":"inputs found"`) {
				listed <- true
				said = true
			}
		}
		if !said {
			listed <- false
		}
	}()
	select {
	case ok := <-listed:
		if !ok {
			t.Fatal("the first run ended without listing its inputs")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the first run did not list its inputs within 30 s")
	}

	second := exec.Command(bin, "run", "--input", in, "--output", out)
	msg, code := runGuarded(t, second, 30*time.Second)
	if code != 3 {
		t.Errorf("second run: exit %d, want 3 (locked)\n%s", code, msg)
	}
	if !strings.Contains(string(msg), "another nianbao run") {
		t.Errorf("second run's message does not say why: %s", msg)
	}
	if strings.Contains(string(msg), "inputs found") {
		t.Errorf("the refused run read its input:\n%s", msg)
	}

	first.Process.Signal(syscall.SIGINT)
	code = waitGuarded(t, first, 30*time.Second)
	if code != 130 && code != 0 {
		t.Errorf("interrupted run: exit %d, want 130", code)
	} else if code == 130 {
		if got := fingerprint(t, db, out); got != before {
			t.Errorf("an interrupted run changed the published dataset")
		}
	}
}

// runGuarded runs cmd and returns what it printed and its exit status; a
// run still going after guard is killed and fails the test (a hang, not
// slowness: guard is 30 s or more).
func runGuarded(t *testing.T, cmd *exec.Cmd, guard time.Duration) ([]byte, int) {
	t.Helper()
	var b bytes.Buffer
	cmd.Stdout, cmd.Stderr = &b, &b
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	code := waitGuarded(t, cmd, guard)
	return b.Bytes(), code
}

// waitGuarded waits for a started cmd and returns its exit status, killing
// it and failing the test when it has not ended after guard.
func waitGuarded(t *testing.T, cmd *exec.Cmd, guard time.Duration) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return exitCode(err)
	case <-time.After(guard):
		cmd.Process.Kill()
		<-done
		t.Fatalf("%s still running after %v", strings.Join(cmd.Args, " "), guard)
		return -1
	}
}
