package integration

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestRepeatedKillsNoStagingPileUp kills `nianbao run --full` with SIGKILL
// six times in a row at points spread over a run, then runs once more
// over the same inputs (a run that finds nothing to publish). What the
// killed runs left — staging folders, temporary names, parse-cache packs —
// is gone after that run: only the published run and the one it replaced
// stay under .nianbao/runs.
func TestRepeatedKillsNoStagingPileUp(t *testing.T) {
	if testing.Short() {
		t.Skip("kill trials take a minute")
	}
	base := filepath.Join(tmpRoot, "kills")
	in := filepath.Join(base, "in")
	generateCorpus(t, in, 600)
	out := filepath.Join(base, "out")
	nianbao(t, "run", "--input", in, "--output", out, "--workers", "2")
	nianbao(t, "run", "--input", in, "--output", out, "--workers", "2", "--full")
	// A --full run parses every report again into a parse-cache pack of
	// its own: how far that pack has grown is how far a run has got, so
	// the kills are placed by work done, not by a clock.
	packs := func() map[string]int64 {
		m := map[string]int64{}
		ps, _ := filepath.Glob(filepath.Join(out, ".nianbao", "state", "cache", "*", "pack-*.bin"))
		for _, p := range ps {
			if fi, err := os.Stat(p); err == nil {
				m[p] = fi.Size()
			}
		}
		return m
	}
	var full int64
	for _, n := range packs() {
		full = max(full, n)
	}
	if full == 0 {
		t.Fatal("a --full run left no parse-cache pack: the kill points cannot be placed")
	}

	bin := nianbaoBin(t)
	killed := 0
	for k := 1; k <= 6; k++ {
		before := packs()
		cmd := exec.Command(bin, "run", "--input", in, "--output", out, "--workers", "2", "--full", "--log-format", "json")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		var werr error
		exited := false
	wait:
		for guard := time.Now(); time.Since(guard) < 60*time.Second; { // hang guard
			for p, n := range packs() {
				if _, old := before[p]; !old && n >= full*int64(k)/8 {
					break wait
				}
			}
			select {
			case werr = <-done:
				exited = true
				break wait
			case <-time.After(2 * time.Millisecond):
			}
		}
		cmd.Process.Signal(syscall.SIGKILL)
		if !exited {
			werr = <-done
		}
		if exitCode(werr) == 128+int(syscall.SIGKILL) {
			killed++
		}
	}
	if killed == 0 {
		t.Fatalf("no kill landed inside a run (pack of a full run: %d bytes)", full)
	}
	runs, _ := os.ReadDir(filepath.Join(out, ".nianbao", "runs"))
	t.Logf("%d of 6 runs killed; %d run folders before the next run", killed, len(runs))

	nianbao(t, "run", "--input", in, "--output", out, "--workers", "2")

	runs, _ = os.ReadDir(filepath.Join(out, ".nianbao", "runs"))
	if len(runs) > 2 {
		var names []string
		for _, r := range runs {
			names = append(names, r.Name())
		}
		t.Errorf("%d run folders after the kills and one more run: %v", len(runs), names)
	}
	meta, _ := os.ReadDir(filepath.Join(out, ".nianbao"))
	for _, e := range meta {
		if strings.HasPrefix(e.Name(), ".nianbao-tmp-") {
			t.Errorf("temporary name left: %s", e.Name())
		}
	}
	gens, _ := filepath.Glob(filepath.Join(out, ".nianbao", "state", "cache", "*"))
	for _, g := range gens {
		b, err := os.ReadFile(filepath.Join(g, "index.json"))
		if err != nil {
			t.Fatal(err)
		}
		var index map[string]struct {
			Pack string `json:"pack"`
		}
		if err := json.Unmarshal(b, &index); err != nil {
			t.Fatal(err)
		}
		used := map[string]bool{}
		for _, ref := range index {
			used[ref.Pack] = true
		}
		packs, _ := filepath.Glob(filepath.Join(g, "pack-*.bin"))
		for _, p := range packs {
			if !used[filepath.Base(p)] {
				t.Errorf("parse-cache pack of a killed run left: %s", filepath.Base(p))
			}
		}
	}
}
