package load

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"
)

// A lease is how one run at a time holds an output that has no flock(2): an
// object created with If-None-Match: * and renewed with If-Match on its own
// ETag every leaseRenew. A run that dies stops renewing, and the next run
// takes the lease over once it has expired (If-Match on the dead run's
// ETag, so of two runs taking it over, one wins).
const (
	leaseName  = "lease.json" // under .nianbao/
	leaseTTL   = 30 * time.Second
	leaseRenew = 5 * time.Second
)

// leaseBody is the lease object's content.
type leaseBody struct {
	RunID   string    `json:"run_id"`
	Host    string    `json:"host"`
	PID     int       `json:"pid"`
	Expires time.Time `json:"expires"`
}

type lease struct {
	s     Store
	key   string
	runID string

	mu      sync.Mutex
	etag    string
	renewed time.Time // last successful write
	lost    error
	stop    chan struct{}
	done    chan struct{}
}

// ttl and renew are variables for the tests of expiry.
var (
	leaseTTLVar   = leaseTTL
	leaseRenewVar = leaseRenew
)

func (l *lease) body(now time.Time) []byte {
	host, _ := os.Hostname()
	b, _ := json.Marshal(leaseBody{RunID: l.runID, Host: host, PID: os.Getpid(), Expires: now.Add(leaseTTLVar).UTC()})
	return b
}

// acquireLease takes the lease at key for runID, or returns ErrLocked
// (naming the holder) while another run holds a live one.
func acquireLease(ctx context.Context, s Store, key, runID string) (*lease, error) {
	l := &lease{s: s, key: key, runID: runID, stop: make(chan struct{}), done: make(chan struct{})}
	for attempt := 0; ; attempt++ {
		now := time.Now()
		etag, err := s.Put(ctx, key, l.body(now), Cond{IfNoneMatch: true})
		if err == nil {
			l.etag, l.renewed = etag, now
			break
		}
		if !errors.Is(err, ErrPrecondition) {
			return nil, err
		}
		b, cur, err := s.Get(ctx, key)
		if errors.Is(err, ErrNotExist) && attempt < 3 {
			continue // released meanwhile: try to create it again
		}
		if err != nil {
			return nil, err
		}
		var held leaseBody
		if json.Unmarshal(b, &held) == nil && held.Expires.After(now) {
			return nil, fmt.Errorf("%w: run %s on %s (pid %d) holds %s/%s until %s", ErrLocked,
				held.RunID, held.Host, held.PID, s, key, held.Expires.Format(time.RFC3339))
		}
		// Expired (or unreadable): take it over from exactly that version.
		etag, err = s.Put(ctx, key, l.body(now), Cond{IfMatch: cur})
		if errors.Is(err, ErrPrecondition) {
			return nil, fmt.Errorf("%w: another run took over the expired lease %s/%s first", ErrLocked, s, key)
		}
		if err != nil {
			return nil, err
		}
		l.etag, l.renewed = etag, now
		break
	}
	go l.keep()
	return l, nil
}

// keep renews the lease until release.
func (l *lease) keep() {
	defer close(l.done)
	t := time.NewTicker(leaseRenewVar)
	defer t.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), leaseRenewVar)
			_ = l.renew(ctx)
			cancel()
		}
	}
}

// renew extends the lease; once another run has taken it, or it expired
// without a successful renewal, the lease is lost for good.
func (l *lease) renew(ctx context.Context) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.lost != nil {
		return l.lost
	}
	now := time.Now()
	etag, err := l.s.Put(ctx, l.key, l.body(now), Cond{IfMatch: l.etag})
	switch {
	case err == nil:
		l.etag, l.renewed = etag, now
		return nil
	case errors.Is(err, ErrPrecondition):
		l.lost = fmt.Errorf("%w: the lease %s/%s was taken by another run", ErrLocked, l.s, l.key)
	case time.Since(l.renewed) >= leaseTTLVar:
		l.lost = fmt.Errorf("load: the lease %s/%s expired (not renewed for %s): %w", l.s, l.key, leaseTTLVar, err)
	}
	if l.lost != nil {
		return l.lost
	}
	return err
}

// check renews the lease now: a run publishes only while it certainly
// holds it.
func (l *lease) check(ctx context.Context) error { return l.renew(ctx) }

// release stops renewing and deletes the lease if it is still this run's.
func (l *lease) release() {
	select {
	case <-l.stop:
		return
	default:
	}
	close(l.stop)
	<-l.done
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, etag, err := l.s.Get(ctx, l.key); err == nil && etag == l.etag && l.lost == nil {
		_ = l.s.Delete(ctx, l.key)
	}
}
