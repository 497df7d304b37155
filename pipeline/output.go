package pipeline

import (
	"context"
	"errors"
	"fmt"
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
	return dir, nil
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
