package load

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// An output in an object store has no links and no rename. A run writes
// only new objects under .nianbao/runs/<run-id>/ (each tagged with the
// run's id), then publishes by one conditional write of _manifest.json:
// If-None-Match: * for the first publish, If-Match on the ETag read just
// before for the next ones, so two writers can never both publish and a
// reader that reads the manifest, then the files it names, sees exactly
// one run. _SUCCESS follows. The run the manifest replaced is kept until
// the next publish; older runs are deleted, object by object, and only
// objects tagged as written by the run whose folder holds them.

// remote is the state of a Writer on an object store.
type remote struct {
	s     *S3Store
	lease *lease
}

func (r *remote) release() {
	if r.lease != nil {
		r.lease.release()
	}
}

// leaseKey is the lease object of an output.
var leaseKey = keyJoin(metaDir, leaseName)

func newRemoteWriter(s *S3Store, opt Options) (*Writer, error) {
	ctx, cancel := context.WithCancel(context.Background())
	s.SetOwner(opt.RunID)
	l, err := acquireLease(ctx, s, leaseKey, opt.RunID)
	if err != nil {
		cancel()
		return nil, err
	}
	w := &Writer{opt: opt, codecs: newCodecs(), store: s, runKey: runKey(opt.RunID),
		remote: &remote{s: s, lease: l}, ctx: ctx, cancel: cancel}
	fail := func(err error) (*Writer, error) {
		w.release()
		return nil, err
	}
	objs, err := s.List(ctx, w.runKey+"/")
	if err != nil {
		return fail(err)
	}
	if len(objs) > 0 {
		return fail(fmt.Errorf("%w: run %q already exists in %s", ErrRunID, opt.RunID, s))
	}
	// Uploads a killed run left open are invisible but billed: this run
	// holds the lease, so any under .nianbao/ is a dead run's.
	if _, err := s.AbortUploads(ctx, metaDir+"/"); err != nil {
		return fail(err)
	}
	if opt.Streaming {
		w.stream = newStream(w)
	}
	return w, nil
}

// publishRemote makes the run the published dataset of an object store.
func (w *Writer) publishRemote(ctx context.Context, m *Manifest) error {
	s := w.remote.s
	if err := w.remote.lease.check(ctx); err != nil {
		return err
	}
	cond := Cond{IfNoneMatch: true}
	prev := ""
	b, etag, err := s.Get(ctx, manifestName)
	switch {
	case errors.Is(err, ErrNotExist):
	case err != nil:
		return err
	default:
		cond = Cond{IfMatch: etag}
		var pm Manifest
		if json.Unmarshal(b, &pm) == nil {
			prev = pm.RunID
		}
	}
	if _, err := s.Put(ctx, manifestName, m.encode(), cond); err != nil {
		if errors.Is(err, ErrPrecondition) {
			return fmt.Errorf("load: %s/%s changed while this run published; nothing was published: %w", s, manifestName, err)
		}
		return err
	}
	w.published = true
	if _, err := s.Put(ctx, successName, nil, Cond{}); err != nil {
		return fmt.Errorf("load: (dataset is published) %w", err)
	}
	keep := map[string]bool{w.opt.RunID: true}
	if prev != "" {
		keep[prev] = true
	}
	if err := w.cleanupRemote(ctx, keep); err != nil {
		return fmt.Errorf("load: cleanup (dataset is published): %w", err)
	}
	return nil
}

// cleanupRemote deletes the objects of runs other than keep, each only if
// it carries the tag of the run whose folder holds it.
func (w *Writer) cleanupRemote(ctx context.Context, keep map[string]bool) error {
	s := w.remote.s
	prefix := keyJoin(metaDir, runsDir) + "/"
	objs, err := s.List(ctx, prefix)
	if err != nil {
		return err
	}
	var errs []error
	for _, o := range objs {
		run, _, _ := strings.Cut(strings.TrimPrefix(o.Key, prefix), "/")
		if keep[run] {
			continue
		}
		if err := deleteOwned(ctx, s, o.Key, run); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// deleteOwned deletes key if the run named owner wrote it.
func deleteOwned(ctx context.Context, s *S3Store, key, owner string) error {
	got, err := s.Writer(ctx, key)
	if errors.Is(err, ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if got != owner {
		return nil // not nianbao's (or not that run's): left alone
	}
	return s.Delete(ctx, key)
}

// removeRemoteRun deletes what this unpublished run wrote, and its open
// uploads.
func (w *Writer) removeRemoteRun() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := w.remote.s
	var errs []error
	if _, err := s.AbortUploads(ctx, w.runKey+"/"); err != nil {
		errs = append(errs, err)
	}
	objs, err := s.List(ctx, w.runKey+"/")
	if err != nil {
		errs = append(errs, err)
	}
	for _, o := range objs {
		if err := deleteOwned(ctx, s, o.Key, w.opt.RunID); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
