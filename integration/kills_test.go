package integration

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestRepeatedKillsNoStagingPileUp kills `nianbao run --full` with SIGKILL
// six times in a row at points spread over a run, then runs once more
// over the same inputs (a run that finds nothing to publish). What the
// killed runs left — staging folders, temporary names, parse-cache packs —
// is gone after that run: only the published run and the one it replaced
// stay under .nianbao/runs; and the killed runs left nothing in their
// temporary directory (the collection's spool has no name there).
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
	var full int64
	for _, f := range glob(out, ".nianbao", "state", "cache", "*", "pack-*.bin") {
		if fi, err := os.Stat(f); err == nil {
			full = max(full, fi.Size())
		}
	}
	if full == 0 {
		t.Fatal("a --full run left no parse-cache pack: the kill points cannot be placed")
	}

	bin := nianbaoBin(t)
	tmp := filepath.Join(base, "tmp")
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	killed := 0
	for k, m := range runMarks()[:6] { // the pack 1/8 … 6/8 full
		cmd := exec.Command(bin, "run", "--input", in, "--output", out, "--workers", "2", "--full", "--log-format", "json")
		cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
		if killAt(t, cmd, newProgress(out, full), m) {
			killed++
		} else {
			t.Logf("kill %d (%s) came after the run ended", k+1, m.name)
		}
	}
	if killed == 0 {
		t.Fatalf("no kill landed inside a run (pack of a full run: %d bytes)", full)
	}
	runs, _ := os.ReadDir(filepath.Join(out, ".nianbao", "runs"))
	t.Logf("%d of 6 runs killed; %d run folders before the next run", killed, len(runs))
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("the killed runs left %d files in their temporary directory, %s among them", len(left), left[0].Name())
	}

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
