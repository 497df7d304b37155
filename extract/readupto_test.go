package extract

import (
	"bytes"
	"io"
	"testing"
)

// scriptedReader hands out data at most chunk bytes a call and counts
// the calls.
type scriptedReader struct {
	data  []byte
	chunk int
	calls int
}

func (r *scriptedReader) Read(p []byte) (int, error) {
	r.calls++
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), r.chunk)], r.data)
	r.data = r.data[n:]
	return n, nil
}

// TestReadUpToStopsAtEnd: readUpTo makes no read after a short one that
// ends where the open file's fstat said the file ends, and reads on to
// the end in every other case (a file that grew or shrank since, an
// unknown end, reads cut short before the end), always with every byte.
func TestReadUpToStopsAtEnd(t *testing.T) {
	data := make([]byte, 1000)
	for i := range data {
		data[i] = byte(i*31 + 7)
	}
	cases := []struct {
		name              string
		have              int   // bytes the file holds when read
		size, end, limit  int64 // listed size, fstat size, limit
		chunk             int
		dst               int // capacity of the buffer handed in
		wantLen, wantCall int // wantCall -1: one read fewer than with the end not known
	}{
		{"as listed", 1000, 1000, 1000, 1 << 20, 1 << 20, 0, 1000, 1},
		{"empty", 0, 0, 0, 1 << 20, 1 << 20, 0, 0, 1},
		{"end not known", 1000, 1000, -1, 1 << 20, 1 << 20, 0, 1000, 2},
		{"grew after its fstat", 1000, 990, 990, 1 << 20, 1 << 20, 0, 1000, 3},
		{"shrank after its fstat", 900, 1000, 1000, 1 << 20, 1 << 20, 0, 900, 2},
		{"short reads before the end", 1000, 1000, 1000, 1 << 20, 300, 0, 1000, 4},
		{"reads of exactly the room", 1000, 999, 1000, 1 << 20, 1000, 0, 1000, 2},
		{"pooled buffer larger", 1000, 1000, 1000, 1 << 20, 1 << 20, 4096, 1000, 1},
		{"pooled buffer smaller, size unknown", 1000, 0, 1000, 1 << 20, 1 << 20, 10, 1000, -1},
		{"at the limit", 1000, 1000, 1000, 500, 1 << 20, 0, 500, 1},
		{"one past the limit", 1000, 1000, 1000, 1001, 1 << 20, 0, 1000, 1},
	}
	for _, c := range cases {
		r := &scriptedReader{data: data[:c.have], chunk: c.chunk}
		b, err := readUpTo(make([]byte, 0, c.dst), r, c.size, c.end, c.limit)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !bytes.Equal(b, data[:c.wantLen]) {
			t.Errorf("%s: %d bytes, want the first %d", c.name, len(b), c.wantLen)
		}
		want := c.wantCall
		if want == -1 {
			old := &scriptedReader{data: data[:c.have], chunk: c.chunk}
			if _, err := readUpTo(make([]byte, 0, c.dst), old, c.size, -1, c.limit); err != nil {
				t.Fatal(err)
			}
			want = old.calls - 1
		}
		if r.calls != want {
			t.Errorf("%s: %d reads, want %d", c.name, r.calls, want)
		}
	}
}
