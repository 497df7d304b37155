package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/nianbao/nianbao/load"
)

// output is where a run publishes: a local folder or a bucket prefix,
// through load's storage seam.
type output struct {
	store  load.Store
	remote bool
	// mirror is the local copy of an object store's state store (nil for
	// a local folder, whose state lives in place).
	mirror *load.Mirror
}

// checkOutput validates --output: a folder, or a well-formed s3:// URL.
func checkOutput(out string) error {
	if !load.IsURL(out) {
		return nil
	}
	if _, err := load.ParseS3URL(out); err != nil {
		return fmt.Errorf("%w: --output: %v", ErrUsage, err)
	}
	return nil
}

func openOutput(ctx context.Context, cfg Config) (*output, error) {
	s, err := load.OpenStore(ctx, cfg.Output, load.StoreOptions{PathStyle: cfg.S3PathStyle})
	if errors.Is(err, load.ErrURL) {
		return nil, fmt.Errorf("%w: --output: %v", ErrUsage, err)
	}
	if err != nil {
		return nil, fmt.Errorf("open output %s: %w", cfg.Output, err)
	}
	return &output{store: s, remote: load.IsURL(cfg.Output)}, nil
}

// writerStore is the Store to give load.Options: nil for a local folder,
// which load.NewWriter opens itself with its lock and symlink switch.
func (o *output) writerStore() load.Store {
	if o.remote {
		return o.store
	}
	return nil
}

// stateRoot is the folder whose .nianbao/state holds the state store: the
// output folder itself, or the local mirror of a bucket's state, pulled
// first.
func (o *output) stateRoot(ctx context.Context, cfg Config) (string, error) {
	if !o.remote {
		return cfg.Output, nil
	}
	dir, err := load.MirrorDir(cfg.Output)
	if err != nil {
		return "", err
	}
	o.mirror = load.NewMirror(o.store, stateDir, dir)
	if err := o.mirror.Pull(ctx); err != nil {
		return "", fmt.Errorf("state store of %s: %w", cfg.Output, err)
	}
	return o.mirror.Root(), nil
}

// checkInput validates --input: a folder, or a well-formed s3:// URL.
func checkInput(in string) error {
	if load.IsURL(in) {
		if _, err := load.ParseS3URL(in); err != nil {
			return fmt.Errorf("%w: --input: %v", ErrUsage, err)
		}
		return nil
	}
	if fi, err := os.Stat(in); err != nil {
		return fmt.Errorf("%w: --input %s: %v", ErrUsage, in, err)
	} else if !fi.IsDir() {
		return fmt.Errorf("%w: --input %s is not a folder", ErrUsage, in)
	}
	return nil
}

// inputFolder is the folder the run walks: --input itself, or for
// s3://bucket/prefix a local mirror of its objects (only objects whose
// ETag changed since the last run are downloaded; each file gets its
// object's time, so unchanged reports are recognised by the state store).
func inputFolder(ctx context.Context, cfg Config) (string, error) {
	if !load.IsURL(cfg.Input) {
		return cfg.Input, nil
	}
	s, err := load.OpenStore(ctx, cfg.Input, load.StoreOptions{PathStyle: cfg.S3PathStyle})
	if err != nil {
		return "", fmt.Errorf("open input %s: %w", cfg.Input, err)
	}
	dir, err := load.MirrorDir("input " + cfg.Input)
	if err != nil {
		return "", err
	}
	m := load.NewMirror(s, "", dir)
	if err := m.Pull(ctx); err != nil {
		return "", fmt.Errorf("read input %s: %w", cfg.Input, err)
	}
	return m.Root(), nil
}

// saveState puts the mirrored state back into the bucket.
func (o *output) saveState(ctx context.Context) error {
	if o.mirror == nil {
		return nil
	}
	return o.mirror.Push(ctx)
}

// detached is a context for the last writes of a run (its record) that
// must happen even when the run was interrupted.
func detached(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
}
