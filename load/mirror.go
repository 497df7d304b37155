package load

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// A Mirror keeps a local copy of the objects under one prefix of a store
// (the state store and parse cache of an output in a bucket), so code that
// needs files (random access into cache packs) works on them, and puts
// back what changed. The store is the truth: Pull makes the folder equal
// to it; Push uploads new and changed files and deletes objects whose file
// is gone (only objects nianbao wrote).
type Mirror struct {
	store  Store
	prefix string // e.g. ".nianbao/state"; "" for everything
	root   string // local folder: mirror.json, and data/ for the store's root
	seen   map[string]mirrored
}

type mirrored struct {
	ETag     string `json:"etag"`
	Size     int64  `json:"size"`
	ModNanos int64  `json:"mod_nanos"`
}

const mirrorRecord = "mirror.json"

// MirrorDir is the default local folder of the mirror of an output: under
// the user's cache folder, one per output URL.
func MirrorDir(output string) (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	sum := sha256.Sum256([]byte(output))
	return filepath.Join(base, "nianbao", "mirror", hex.EncodeToString(sum[:8])), nil
}

// NewMirror mirrors prefix of store into root/data/prefix.
func NewMirror(store Store, prefix, root string) *Mirror {
	return &Mirror{store: store, prefix: strings.Trim(prefix, "/"), root: root, seen: map[string]mirrored{}}
}

// Root is the folder that stands for the store's root: Root()/prefix is
// the mirrored part.
func (m *Mirror) Root() string { return filepath.Join(m.root, "data") }

func (m *Mirror) local(key string) string { return filepath.Join(m.Root(), filepath.FromSlash(key)) }

// listPrefix is what to List: the prefix as a folder, or everything.
func (m *Mirror) listPrefix() string {
	if m.prefix == "" {
		return ""
	}
	return m.prefix + "/"
}

// Pull makes the local copy equal to the store's objects under the prefix,
// downloading only objects whose ETag changed since they were mirrored.
func (m *Mirror) Pull(ctx context.Context) error {
	if err := os.MkdirAll(m.local(m.prefix), 0o755); err != nil {
		return fmt.Errorf("load: mirror: %w", err)
	}
	if b, err := os.ReadFile(filepath.Join(m.root, mirrorRecord)); err == nil {
		_ = json.Unmarshal(b, &m.seen)
	}
	objs, err := m.store.List(ctx, m.listPrefix())
	if err != nil {
		return err
	}
	remote := map[string]bool{}
	for _, o := range objs {
		if !filepath.IsLocal(filepath.FromSlash(o.Key)) || strings.HasSuffix(o.Key, ".download") {
			// "a/../../b" would land outside the mirror.
			return fmt.Errorf("load: %s/%s: the object's key cannot be a local file name", m.store, o.Key)
		}
		remote[o.Key] = true
		p := m.local(o.Key)
		fi, err := os.Stat(p)
		if s, ok := m.seen[o.Key]; ok && err == nil && s.ETag == o.ETag && s.Size == fi.Size() && s.ModNanos == fi.ModTime().UnixNano() {
			continue
		}
		if err := m.download(ctx, o); err != nil {
			return err
		}
	}
	// Files the store no longer has (or never had) go.
	err = filepath.WalkDir(m.local(m.prefix), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(m.Root(), p)
		key := filepath.ToSlash(rel)
		if !remote[key] {
			delete(m.seen, key)
			return os.Remove(p)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("load: mirror: %w", err)
	}
	return m.save()
}

func (m *Mirror) download(ctx context.Context, o ObjectInfo) error {
	p := m.local(o.Key)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("load: mirror: %w", err)
	}
	r, err := m.store.Read(ctx, o.Key)
	if err != nil {
		return err
	}
	defer r.Close()
	tmp := p + ".download"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("load: mirror: %w", err)
	}
	_, err = io.Copy(f, r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && !o.ModTime.IsZero() {
		// The object's time, so a file's (path, size, mtime) is the same
		// on every machine that mirrors it.
		err = os.Chtimes(tmp, o.ModTime, o.ModTime)
	}
	if err == nil {
		err = os.Rename(tmp, p)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("load: mirror %s: %w", o.Key, err)
	}
	fi, err := os.Stat(p)
	if err != nil {
		return fmt.Errorf("load: mirror: %w", err)
	}
	m.seen[o.Key] = mirrored{ETag: o.ETag, Size: fi.Size(), ModNanos: fi.ModTime().UnixNano()}
	return nil
}

// Push uploads the files that are new or changed since Pull (or the last
// Push) and deletes the objects whose file is gone, if nianbao wrote them.
func (m *Mirror) Push(ctx context.Context) error {
	local := map[string]bool{}
	err := filepath.WalkDir(m.local(m.prefix), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !d.Type().IsRegular() || strings.HasSuffix(p, ".download") {
			return err
		}
		rel, _ := filepath.Rel(m.Root(), p)
		key := filepath.ToSlash(rel)
		local[key] = true
		fi, err := d.Info()
		if err != nil {
			return err
		}
		if s, ok := m.seen[key]; ok && s.Size == fi.Size() && s.ModNanos == fi.ModTime().UnixNano() {
			return nil
		}
		return m.upload(ctx, key, p, fi)
	})
	if err != nil {
		return fmt.Errorf("load: mirror: %w", err)
	}
	objs, err := m.store.List(ctx, m.listPrefix())
	if err != nil {
		return err
	}
	var errs []error
	for _, o := range objs {
		if local[o.Key] {
			continue
		}
		delete(m.seen, o.Key)
		if s3s, ok := m.store.(*S3Store); ok {
			if w, err := s3s.Writer(ctx, o.Key); err != nil || w == "" {
				errs = append(errs, err) // not nianbao's: left alone
				continue
			}
		}
		errs = append(errs, m.store.Delete(ctx, o.Key))
	}
	errs = append(errs, m.save())
	return errors.Join(errs...)
}

func (m *Mirror) upload(ctx context.Context, key, p string, fi fs.FileInfo) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	w, err := m.store.Create(ctx, key)
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, f); err != nil {
		w.Abort()
		return fmt.Errorf("load: mirror %s: %w", key, err)
	}
	if err := w.Commit(ctx, key); err != nil {
		return err
	}
	st, err := m.store.Stat(ctx, key)
	if err != nil {
		return err
	}
	m.seen[key] = mirrored{ETag: st.ETag, Size: fi.Size(), ModNanos: fi.ModTime().UnixNano()}
	return nil
}

func (m *Mirror) save() error {
	b, _ := json.Marshal(m.seen)
	tmp := filepath.Join(m.root, mirrorRecord+".tmp")
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("load: mirror: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(m.root, mirrorRecord)); err != nil {
		return fmt.Errorf("load: mirror: %w", err)
	}
	return nil
}

// ReadStoreManifest reads the manifest published in a store.
func ReadStoreManifest(ctx context.Context, s Store) (*Manifest, error) {
	b, _, err := s.Get(ctx, manifestName)
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("load: %s/%s: %w", s, manifestName, err)
	}
	return &m, nil
}
