package load

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/internal/fault"
)

// LocalStore is a Store in a local folder: keys are paths under it. Objects
// are written to a hidden temporary name and renamed into place after an
// fsync, so a key names a complete file or nothing. Its ETag is the SHA-256
// of the content.
type LocalStore struct {
	root string
	mu   sync.Mutex // serialises conditional Puts within the process
}

// NewLocalStore opens (and creates) the folder dir as a Store.
func NewLocalStore(dir string) (*LocalStore, error) {
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("load: output directory: %w", err)
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	return &LocalStore{root: root}, nil
}

// Root returns the folder's absolute path.
func (s *LocalStore) Root() string { return s.root }

func (s *LocalStore) String() string { return s.root }

func (s *LocalStore) path(key string) (string, error) {
	if key == "" || path.IsAbs(key) || strings.Contains(key, "\\") || path.Clean(key) != key || key == ".." || strings.HasPrefix(key, "../") {
		return "", fmt.Errorf("%w: %q", ErrKey, key)
	}
	return filepath.Join(s.root, filepath.FromSlash(key)), nil
}

func notExist(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%w: %v", ErrNotExist, err)
	}
	return fmt.Errorf("load: %w", err)
}

// Create opens the file at key itself (exclusively) and renames it on Commit
// when the final key differs.
func (s *LocalStore) Create(_ context.Context, key string) (ObjectWriter, error) {
	p, err := s.path(key)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	if err := fault.Check(fault.Create, p); err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	return &localWriter{s: s, f: f, path: p}, nil
}

type localWriter struct {
	s    *LocalStore
	f    *os.File
	path string
	done bool
}

func (w *localWriter) Write(b []byte) (int, error) {
	if err := fault.Check(fault.Write, w.path); err != nil {
		return 0, err
	}
	return w.f.Write(b)
}

func (w *localWriter) Commit(_ context.Context, key string) error {
	if w.done {
		return ErrClosed
	}
	w.done = true
	dst, err := w.s.path(key)
	if err != nil {
		_ = w.f.Close()
		_ = os.Remove(w.path)
		return err
	}
	err = syncFile(w.f)
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	if err == nil && dst != w.path {
		if err = os.MkdirAll(filepath.Dir(dst), 0o755); err == nil {
			err = rename(w.path, dst)
		}
	}
	if err != nil {
		_ = os.Remove(w.path)
		return fmt.Errorf("load: %s: %w", key, err)
	}
	return nil
}

func (w *localWriter) Abort() error {
	if w.done {
		return nil
	}
	w.done = true
	_ = w.f.Close()
	if err := os.Remove(w.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("load: %w", err)
	}
	return nil
}

type localObject struct {
	*os.File
	size int64
}

func (o localObject) Size() int64 { return o.size }

func (s *LocalStore) Open(_ context.Context, key string) (Object, error) {
	p, err := s.path(key)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, notExist(err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("load: %w", err)
	}
	return localObject{f, fi.Size()}, nil
}

func (s *LocalStore) Read(_ context.Context, key string) (io.ReadCloser, error) {
	p, err := s.path(key)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, notExist(err)
	}
	return f, nil
}

func localETag(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

func (s *LocalStore) Get(_ context.Context, key string) ([]byte, string, error) {
	p, err := s.path(key)
	if err != nil {
		return nil, "", err
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, "", notExist(err)
	}
	return b, localETag(b), nil
}

// Put writes a temporary file and renames it over key. A conditional Put
// holds an flock(2) on .nianbao/cas while it compares and renames, so
// conditional writers in several processes exclude each other.
func (s *LocalStore) Put(_ context.Context, key string, data []byte, cond Cond) (string, error) {
	p, err := s.path(key)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", fmt.Errorf("load: %w", err)
	}
	if cond.IfNoneMatch || cond.IfMatch != "" {
		s.mu.Lock()
		defer s.mu.Unlock()
		if err := os.MkdirAll(filepath.Join(s.root, metaDir), 0o755); err != nil {
			return "", fmt.Errorf("load: %w", err)
		}
		lock, err := lockWait(filepath.Join(s.root, metaDir, "cas"))
		if err != nil {
			return "", err
		}
		defer unlockDir(lock)
		cur, err := os.ReadFile(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if cond.IfMatch != "" {
				return "", fmt.Errorf("%w: %s does not exist", ErrPrecondition, key)
			}
		case err != nil:
			return "", fmt.Errorf("load: %w", err)
		case cond.IfNoneMatch:
			return "", fmt.Errorf("%w: %s exists", ErrPrecondition, key)
		case localETag(cur) != cond.IfMatch:
			return "", fmt.Errorf("%w: %s has changed", ErrPrecondition, key)
		}
	}
	var r [6]byte
	_, _ = rand.Read(r[:])
	tmp := filepath.Join(filepath.Dir(p), tmpPrefix+filepath.Base(p)+"-"+hex.EncodeToString(r[:]))
	if err := writeFileSync(tmp, data); err != nil {
		_ = os.Remove(tmp)
		return "", err
	}
	if err := rename(tmp, p); err != nil {
		_ = os.Remove(tmp)
		return "", fmt.Errorf("load: %w", err)
	}
	if err := syncDir(filepath.Dir(p)); err != nil {
		return "", err
	}
	return localETag(data), nil
}

// Stat leaves ETag empty: it would mean reading the whole file.
func (s *LocalStore) Stat(_ context.Context, key string) (ObjectInfo, error) {
	p, err := s.path(key)
	if err != nil {
		return ObjectInfo{}, err
	}
	fi, err := os.Stat(p)
	if err != nil {
		return ObjectInfo{}, notExist(err)
	}
	if !fi.Mode().IsRegular() {
		return ObjectInfo{}, fmt.Errorf("%w: %s is not a file", ErrNotExist, key)
	}
	return ObjectInfo{Key: key, Size: fi.Size(), ModTime: fi.ModTime()}, nil
}

// List walks the folder below prefix; links are not followed (the
// published links of a local dataset are not objects of their own).
func (s *LocalStore) List(_ context.Context, prefix string) ([]ObjectInfo, error) {
	start := s.root
	if i := strings.LastIndex(prefix, "/"); i >= 0 {
		start = filepath.Join(s.root, filepath.FromSlash(prefix[:i]))
	}
	var out []ObjectInfo
	err := filepath.WalkDir(start, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(s.root, p)
		if err != nil {
			return err
		}
		key := filepath.ToSlash(rel)
		if !strings.HasPrefix(key, prefix) {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return nil // removed meanwhile
		}
		out = append(out, ObjectInfo{Key: key, Size: fi.Size(), ModTime: fi.ModTime()})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load: list %s: %w", prefix, err)
	}
	return out, nil // WalkDir visits in lexical order
}

// Delete removes the file and then its parent folders while they are
// empty, as a bucket has no folders of its own.
func (s *LocalStore) Delete(_ context.Context, key string) error {
	p, err := s.path(key)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("load: %w", err)
	}
	for dir := filepath.Dir(p); dir != s.root && strings.HasPrefix(dir, s.root); dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil {
			break
		}
	}
	return nil
}
