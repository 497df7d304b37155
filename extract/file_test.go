package extract

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestFileSameAsOSFile: a File reads, reads at, seeks and closes as the
// *os.File of the same file does, and its FileInfo is os.Stat's.
func TestFileSameAsOSFile(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for i, size := range []int{0, 1, 7, 4095, 4096, 65537} {
		p := filepath.Join(dir, "f"+string(rune('a'+i)))
		b := make([]byte, size)
		for j := range b {
			b[j] = byte(j*31 + i)
		}
		if err := os.WriteFile(p, b, 0o640); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	// The mode bits os.FileMode carries beyond the permissions.
	for i, m := range []fs.FileMode{fs.ModeSetuid | 0o755, fs.ModeSetgid | 0o600, fs.ModeSticky | 0o444} {
		p := filepath.Join(dir, "m"+string(rune('a'+i)))
		if err := os.WriteFile(p, []byte("mode"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, m); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	for _, pattern := range []string{"../testdata/*", "../testdata/*/*", "../testdata/*/*/*"} {
		more, _ := filepath.Glob(pattern)
		paths = append(paths, more...)
	}
	checked := 0
	for _, p := range paths {
		want, err := os.Stat(p)
		if err != nil || !want.Mode().IsRegular() {
			continue
		}
		checked++
		f, fi, err := OpenStat(p, nil)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if fi.Name() != want.Name() || fi.Size() != want.Size() || fi.Mode() != want.Mode() ||
			!fi.ModTime().Equal(want.ModTime()) || fi.IsDir() || idOf(fi) != idOf(want) {
			t.Errorf("%s: FileInfo %s %d %v %v, os.Stat %s %d %v %v", p,
				fi.Name(), fi.Size(), fi.Mode(), fi.ModTime(), want.Name(), want.Size(), want.Mode(), want.ModTime())
		}
		of, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		sameReads(t, p, f, of)
		if err, oerr := f.Close(), of.Close(); err != nil || oerr != nil {
			t.Errorf("%s: Close %v, os %v", p, err, oerr)
		}
		// After Close: the same errors as an *os.File's.
		_, err = f.Read(make([]byte, 1))
		_, oerr := of.Read(make([]byte, 1))
		if !errors.Is(err, os.ErrClosed) || !errors.Is(oerr, os.ErrClosed) {
			t.Errorf("%s: read after close %v, os %v", p, err, oerr)
		}
		_, err = f.ReadAt(make([]byte, 1), 0)
		_, oerr = of.ReadAt(make([]byte, 1), 0)
		if !errors.Is(err, os.ErrClosed) || !errors.Is(oerr, os.ErrClosed) {
			t.Errorf("%s: read at after close %v, os %v", p, err, oerr)
		}
		if err, oerr := f.Close(), of.Close(); !errors.Is(err, os.ErrClosed) || !errors.Is(oerr, os.ErrClosed) {
			t.Errorf("%s: second Close %v, os %v", p, err, oerr)
		}
	}
	if checked < 20 {
		t.Fatalf("only %d files checked", checked)
	}
}

// sameReads compares f and of, open on the same file, read by Read in
// chunks of several sizes, by ReadAt at offsets within and past the end,
// and by Seek.
func sameReads(t *testing.T, p string, f *File, of *os.File) {
	t.Helper()
	size, _ := of.Seek(0, io.SeekEnd)
	for _, chunk := range []int{0, 1, 3, 4096, 1 << 16, 1 << 17} {
		for _, r := range []io.Seeker{f, of} {
			if n, err := r.Seek(0, io.SeekStart); n != 0 || err != nil {
				t.Fatalf("%s: seek %d %v", p, n, err)
			}
		}
		for range 200 {
			b, ob := make([]byte, chunk), make([]byte, chunk)
			n, err := f.Read(b)
			on, oerr := of.Read(ob)
			if n != on || !bytes.Equal(b[:n], ob[:on]) || err != oerr {
				t.Fatalf("%s: read %d: %d %v, os %d %v", p, chunk, n, err, on, oerr)
			}
			if err != nil || chunk == 0 {
				break
			}
		}
	}
	for _, off := range []int64{0, 1, size / 2, size - 1, size, size + 5} {
		for _, n := range []int{0, 1, 100, int(size)} {
			if off < 0 || n < 0 {
				continue
			}
			b, ob := make([]byte, n), make([]byte, n)
			m, err := f.ReadAt(b, off)
			om, oerr := of.ReadAt(ob, off)
			if m != om || !bytes.Equal(b, ob) || err != oerr {
				t.Fatalf("%s: ReadAt %d at %d: %d %v, os %d %v", p, n, off, m, err, om, oerr)
			}
		}
	}
	if _, err := f.ReadAt(make([]byte, 1), -1); err == nil {
		t.Errorf("%s: ReadAt at -1: no error", p)
	}
	for _, c := range []struct {
		off    int64
		whence int
	}{{3, io.SeekStart}, {-1, io.SeekEnd}, {2, io.SeekCurrent}, {-100, io.SeekStart}} {
		n, err := f.Seek(c.off, c.whence)
		on, oerr := of.Seek(c.off, c.whence)
		if n != on || (err == nil) != (oerr == nil) {
			t.Fatalf("%s: Seek %d %d: %d %v, os %d %v", p, c.off, c.whence, n, err, on, oerr)
		}
	}
}

// TestOpenStatNotRegular: a directory opened where a regular file was
// listed is refused, and described, as a FIFO is (TestOpenStatListed).
func TestOpenStatNotRegular(t *testing.T) {
	dir := t.TempDir()
	f, fi, err := OpenStat(dir, nil)
	if f != nil || !errors.Is(err, ErrNotRegular) || fi == nil || !fi.IsDir() || err.Error() != "not a regular file (irregular)" {
		t.Errorf("directory: file %v, info %v, err %v", f, fi, err)
	}
	if _, _, err := OpenStat(filepath.Join(dir, "none"), nil); !errors.Is(err, fs.ErrNotExist) || describe(err) != "no such file or directory (ENOENT)" {
		t.Errorf("missing file: %v", err)
	}
}

// FuzzFileSameAsOSFile: File and *os.File read the same bytes and errors
// from a file of any contents, by Read in chunks of any size and by ReadAt
// at any offset.
func FuzzFileSameAsOSFile(f *testing.F) {
	f.Add([]byte("政府信息公开工作年度报告"), uint16(3), int64(2), uint16(5))
	f.Add([]byte{}, uint16(0), int64(0), uint16(1))
	f.Add(bytes.Repeat([]byte("x"), 70000), uint16(65535), int64(65530), uint16(4096))
	dir := f.TempDir()
	p := filepath.Join(dir, "f")
	f.Fuzz(func(t *testing.T, data []byte, chunk uint16, off int64, n uint16) {
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		file, fi, err := OpenStat(p, nil)
		if err != nil || fi.Size() != int64(len(data)) {
			t.Fatalf("open: %v %v", fi, err)
		}
		defer file.Close()
		of, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		defer of.Close()
		for range len(data) + 2 {
			b, ob := make([]byte, chunk), make([]byte, chunk)
			m, err := file.Read(b)
			om, oerr := of.Read(ob)
			if m != om || !bytes.Equal(b, ob) || err != oerr {
				t.Fatalf("read %d: %d %v, os %d %v", chunk, m, err, om, oerr)
			}
			if err != nil || chunk == 0 {
				break
			}
		}
		b, ob := make([]byte, n), make([]byte, n)
		m, err := file.ReadAt(b, off)
		om, oerr := of.ReadAt(ob, off)
		if m != om || !bytes.Equal(b, ob) || (err == nil) != (oerr == nil) || (err == io.EOF) != (oerr == io.EOF) {
			t.Fatalf("ReadAt %d at %d: %d %v, os %d %v", n, off, m, err, om, oerr)
		}
	})
}
