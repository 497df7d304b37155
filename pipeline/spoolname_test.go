package pipeline

import (
	"os"
	"runtime"
	"testing"
)

// TestSpoolHasNoName: the collection's spool is written and read through
// its file alone, without a name in the temporary directory, so a run
// killed before it closes the collection leaves nothing there; close
// leaves nothing either.
func TestSpoolHasNoName(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("an open file keeps its name on Windows; close removes it")
	}
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	c, err := newCollection()
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	if c.named {
		t.Fatal("the spool still has its name")
	}
	if es, _ := os.ReadDir(dir); len(es) != 0 {
		t.Fatalf("the temporary directory holds %s while the collection is open", es[0].Name())
	}
	want := []byte("spooled without a name")
	if _, err := c.f.Write(want); err != nil {
		t.Fatal(err)
	}
	got := make([]byte, len(want))
	if _, err := c.f.ReadAt(got, 0); err != nil || string(got) != string(want) {
		t.Fatalf("read back %q, %v", got, err)
	}
	c.close()
	if es, _ := os.ReadDir(dir); len(es) != 0 {
		t.Fatalf("the temporary directory holds %s after close", es[0].Name())
	}
}
