package load

import (
	"context"
	"io"
	"strings"
	"time"
)

// Store is where a dataset lives: a local folder or a bucket prefix. Keys
// are '/'-separated and relative to the store's root (the output folder,
// or the prefix of s3://bucket/prefix). Everything nianbao reads or
// writes in an output goes through a Store, so another kind of store (GCS,
// Azure, HDFS) is one more implementation of this interface, checked by the
// same conformance tests.
type Store interface {
	// Create starts a new object written as a stream. Nothing is visible
	// under any key until Commit; memory is bounded whatever the size.
	Create(ctx context.Context, key string) (ObjectWriter, error)
	// Open returns an object for random access (a Parquet footer, then its
	// column chunks). ErrNotExist when there is none.
	Open(ctx context.Context, key string) (Object, error)
	// Read streams a whole object. ErrNotExist when there is none.
	Read(ctx context.Context, key string) (io.ReadCloser, error)
	// Get reads a small object whole, with its ETag. ErrNotExist when
	// there is none.
	Get(ctx context.Context, key string) (data []byte, etag string, err error)
	// Put writes a small object whole, if cond holds (ErrPrecondition
	// otherwise), and returns its new ETag.
	Put(ctx context.Context, key string, data []byte, cond Cond) (etag string, err error)
	// Stat describes one object. ErrNotExist when there is none.
	Stat(ctx context.Context, key string) (ObjectInfo, error)
	// List returns the objects whose keys start with prefix, sorted by key.
	List(ctx context.Context, prefix string) ([]ObjectInfo, error)
	// Delete removes one object; a missing object is not an error.
	Delete(ctx context.Context, key string) error
	// String names the store for messages (never with credentials).
	String() string
}

// ObjectWriter is an object being written. Commit makes it visible, Abort
// throws it away; either may follow the other and both are safe to call
// twice.
type ObjectWriter interface {
	io.Writer
	// Commit finishes the object under key: the key given to Create, or
	// another one when the name depends on the content (a digest). Written
	// bytes are durable when Commit returns.
	Commit(ctx context.Context, key string) error
	Abort() error
}

// Object is an object opened for reading.
type Object interface {
	io.ReaderAt
	io.Closer
	Size() int64
}

// ObjectInfo describes an object.
type ObjectInfo struct {
	Key     string
	Size    int64
	ETag    string
	ModTime time.Time
}

// Cond is the condition of a Put: none, "create only" (If-None-Match: *)
// or "replace only this version" (If-Match: ETag).
type Cond struct {
	IfNoneMatch bool   // the key must not exist
	IfMatch     string // the key must exist with this ETag
}

// IsURL reports whether an --output or --input names an object store
// (scheme://…) rather than a local folder.
func IsURL(s string) bool {
	i := strings.Index(s, "://")
	return i > 0 && !strings.ContainsAny(s[:i], `/\.`)
}

// StoreOptions configures OpenStore.
type StoreOptions struct {
	// PathStyle forces path-style (true) or virtual-hosted (false)
	// addressing of S3 buckets. Nil: path-style with a custom endpoint
	// (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_S3), virtual-hosted on AWS.
	PathStyle *bool
}

// OpenStore opens the store an --output names: s3://bucket/prefix or a
// local folder (created if needed). A malformed URL is ErrURL.
func OpenStore(ctx context.Context, location string, opt StoreOptions) (Store, error) {
	if IsURL(location) {
		u, err := ParseS3URL(location)
		if err != nil {
			return nil, err
		}
		return newS3Store(ctx, u, opt)
	}
	return NewLocalStore(location)
}

// keyJoin joins key elements with '/', without cleaning away "..".
func keyJoin(elem ...string) string {
	var b strings.Builder
	for _, e := range elem {
		e = strings.Trim(e, "/")
		if e == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('/')
		}
		b.WriteString(e)
	}
	return b.String()
}
