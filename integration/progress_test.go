package integration

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// progress is what a run has visibly done in its output folder, read from
// the files it makes in order: the parse-cache pack it fills while
// parsing, its run folder, the Parquet parts, the run's manifest, the
// switch of `current`, and the run record written after the publish. The
// kill tests place their kills by these marks, so a kill lands at the same
// point of the work on a fast machine and on a busy one: no clock decides.
type progress struct {
	out       string
	packs     map[string]bool // packs present before the run
	runs      map[string]bool // run folders present before the run
	records   map[string]bool // _runs records present before the run
	current   string          // the target of .nianbao/current before the run
	packBytes int64           // the size of a whole run's pack
}

// mark is one point of a run, true once the run has passed it.
type mark struct {
	name string
	seen func(p *progress) bool
}

func newProgress(out string, packBytes int64) *progress {
	p := &progress{out: out, packBytes: packBytes,
		packs: set(glob(out, ".nianbao", "state", "cache", "*", "pack-*.bin")),
		runs:  set(glob(out, ".nianbao", "runs", "*")), records: set(glob(out, "_runs", "*.json"))}
	p.current, _ = os.Readlink(filepath.Join(out, ".nianbao", "current"))
	return p
}

func glob(parts ...string) []string {
	m, _ := filepath.Glob(filepath.Join(parts...))
	return m
}

func set(names []string) map[string]bool {
	s := make(map[string]bool, len(names))
	for _, n := range names {
		s[n] = true
	}
	return s
}

// newPack is the size of the pack the run has made, -1 before it has one.
func (p *progress) newPack() int64 {
	size := int64(-1)
	for _, f := range glob(p.out, ".nianbao", "state", "cache", "*", "pack-*.bin") {
		if p.packs[f] {
			continue
		}
		if fi, err := os.Stat(f); err == nil {
			size = max(size, fi.Size())
		}
	}
	return size
}

// newRun is the run folder the run has made, "" before it has one.
func (p *progress) newRun() string {
	for _, f := range glob(p.out, ".nianbao", "runs", "*") {
		if !p.runs[f] && !strings.HasPrefix(filepath.Base(f), ".") {
			return f
		}
	}
	return ""
}

// runMarks are the points of a run, in the order a run passes them: the
// pack an eighth full, a quarter, … seven eighths, then the run folder,
// its first Parquet part, its manifest, the switch, the run record.
func runMarks() []mark {
	var ms []mark
	for k := int64(1); k <= 7; k++ {
		ms = append(ms, mark{name: "pack " + string(rune('0'+k)) + "/8", seen: func(p *progress) bool {
			return p.newPack() >= p.packBytes*k/8
		}})
	}
	return append(ms,
		mark{"run folder", func(p *progress) bool { return p.newRun() != "" }},
		mark{"first part", func(p *progress) bool {
			r := p.newRun()
			return r != "" && len(glob(r, "*", "*", "*.parquet"))+len(glob(r, "*", "*.parquet")) > 0
		}},
		mark{"run manifest", func(p *progress) bool {
			r := p.newRun()
			_, err := os.Stat(filepath.Join(r, "_manifest.json"))
			return r != "" && err == nil
		}},
		mark{"switch", func(p *progress) bool {
			cur, err := os.Readlink(filepath.Join(p.out, ".nianbao", "current"))
			return err == nil && cur != p.current
		}},
		mark{"run record", func(p *progress) bool {
			for _, f := range glob(p.out, "_runs", "*.json") {
				if !p.records[f] {
					return true
				}
			}
			return false
		}},
	)
}

// killAt starts cmd and sends it SIGKILL as soon as the run has passed m
// (or when it exits by itself first). It reports whether the kill landed:
// the run died of it rather than finishing.
func killAt(t testing.TB, cmd *exec.Cmd, p *progress, m mark) bool {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	// Poll until the run passes m or ends by itself; a run that hangs is
	// ended by go test's own timeout.
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for !m.seen(p) {
		select {
		case err := <-done:
			return exitCode(err) == 128+int(syscall.SIGKILL)
		case <-tick.C:
		}
	}
	cmd.Process.Signal(syscall.SIGKILL)
	return exitCode(<-done) == 128+int(syscall.SIGKILL)
}
