package pipeline

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// progress redraws one status line on w every 200 ms until stopped. w is
// nil when stderr is not a terminal: logs, not bars, go to files.
func progress(w io.Writer, total int, done, bytes *atomic.Int64) func() {
	if w == nil || total == 0 {
		return func() {}
	}
	start := time.Now()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	draw := func() {
		n := done.Load()
		mb := float64(bytes.Load()) / 1e6
		secs := time.Since(start).Seconds()
		rate := 0.0
		if secs > 0 {
			rate = mb / secs
		}
		const width = 30
		fill := int(float64(width) * float64(n) / float64(total))
		bar := make([]byte, width)
		for i := range bar {
			if i < fill {
				bar[i] = '#'
			} else {
				bar[i] = '.'
			}
		}
		fmt.Fprintf(w, "\r[%s] %d/%d files  %.1f MB  %.1f MB/s", bar, n, total, mb, rate)
	}
	go func() {
		defer wg.Done()
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				draw()
				fmt.Fprintln(w)
				return
			case <-t.C:
				draw()
			}
		}
	}()
	var once sync.Once
	return func() { once.Do(func() { close(stop); wg.Wait() }) }
}
