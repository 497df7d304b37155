package load

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
)

// S3URL is a parsed s3://bucket/prefix.
type S3URL struct {
	Bucket string
	Prefix string // without leading or trailing '/'; "" for the whole bucket
}

func (u S3URL) String() string {
	if u.Prefix == "" {
		return "s3://" + u.Bucket
	}
	return "s3://" + u.Bucket + "/" + u.Prefix
}

// S3 bucket names: 3–63 lowercase letters, digits, '.' and '-' (the rules
// of AWS and of every compatible server), starting and ending with a
// letter or digit.
var bucketPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)

// ParseS3URL reads s3://bucket/prefix. Anything else (another scheme, a
// bad bucket name, a query, "." or ".." or an empty element in the prefix)
// is ErrURL.
func ParseS3URL(s string) (S3URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		return S3URL{}, fmt.Errorf("%w: %q: %v", ErrURL, s, err)
	}
	if u.Scheme != "s3" {
		return S3URL{}, fmt.Errorf("%w: %q: only s3://bucket/prefix is supported", ErrURL, s)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.Port() != "" {
		return S3URL{}, fmt.Errorf("%w: %q: s3://bucket/prefix takes no user, port, query or fragment (the endpoint comes from AWS_ENDPOINT_URL)", ErrURL, s)
	}
	if !bucketPattern.MatchString(u.Host) || strings.Contains(u.Host, "..") {
		return S3URL{}, fmt.Errorf("%w: %q: %q is not a bucket name", ErrURL, s, u.Host)
	}
	prefix := strings.TrimSuffix(strings.TrimPrefix(u.Path, "/"), "/")
	if prefix != "" {
		for _, e := range strings.Split(prefix, "/") {
			if e == "" || e == "." || e == ".." {
				return S3URL{}, fmt.Errorf("%w: %q: the prefix has an empty, '.' or '..' element", ErrURL, s)
			}
		}
	}
	return S3URL{Bucket: u.Host, Prefix: prefix}, nil
}

// S3Store is a Store under a prefix of an S3 bucket (AWS or any server of
// the S3 API). Credentials, region and endpoint come from the AWS SDK's
// default chain. Objects are written with the metadata nianbao-run naming
// the run that wrote them, which is how a later run proves an object is
// nianbao's before deleting it.
type S3Store struct {
	c     *s3.Client
	url   S3URL
	owner string

	mu  sync.Mutex
	trs []*http.Transport // the transports the client built, for Close
}

// s3PartSize is the size of a multipart upload's parts, S3's minimum: an
// object being written holds at most this much in memory.
const s3PartSize = 5 << 20

// metaRun is the user metadata key naming the run that wrote an object.
const metaRun = "nianbao-run"

func newS3Store(ctx context.Context, u S3URL, opt StoreOptions) (*S3Store, error) {
	s := &S3Store{url: u}
	// The SDK's own client (AWS_CA_BUNDLE needs it), with a hook that
	// keeps its transports so Close can drop their idle connections.
	hc := awshttp.NewBuildableClient().WithTransportOptions(func(tr *http.Transport) {
		s.mu.Lock()
		s.trs = append(s.trs, tr)
		s.mu.Unlock()
	})
	cfg, err := config.LoadDefaultConfig(ctx,
		config.WithHTTPClient(hc),
		config.WithRetryer(func() aws.Retryer {
			// A server that went away gets a few tries over some seconds,
			// then the run fails with nothing published.
			return retry.NewStandard(func(o *retry.StandardOptions) {
				o.MaxAttempts = 6
				o.MaxBackoff = 4 * time.Second
			})
		}),
		// Third-party servers do not all take the SDK's trailing checksums.
		config.WithRequestChecksumCalculation(aws.RequestChecksumCalculationWhenRequired),
		config.WithResponseChecksumValidation(aws.ResponseChecksumValidationWhenRequired),
	)
	if err != nil {
		return nil, fmt.Errorf("load: %s: AWS configuration: %w", u, err)
	}
	if cfg.Region == "" {
		cfg.Region = "us-east-1"
	}
	s.c = s3.NewFromConfig(cfg, func(o *s3.Options) {
		switch {
		case opt.PathStyle != nil:
			o.UsePathStyle = *opt.PathStyle
		default:
			// Servers other than AWS rarely resolve bucket names as
			// host names.
			o.UsePathStyle = o.BaseEndpoint != nil
		}
	})
	return s, nil
}

// Close drops the store's idle connections.
func (s *S3Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, tr := range s.trs {
		tr.CloseIdleConnections()
	}
	return nil
}

// SetOwner names the run whose objects this store writes from now on.
func (s *S3Store) SetOwner(runID string) { s.owner = runID }

// URL returns the bucket and prefix.
func (s *S3Store) URL() S3URL { return s.url }

func (s *S3Store) String() string { return s.url.String() }

func (s *S3Store) key(k string) string { return keyJoin(s.url.Prefix, k) }

func (s *S3Store) rel(full string) string {
	if s.url.Prefix == "" {
		return full
	}
	return strings.TrimPrefix(full, s.url.Prefix+"/")
}

func (s *S3Store) meta() map[string]string {
	if s.owner == "" {
		return nil
	}
	return map[string]string{metaRun: s.owner}
}

// S3Error is a failed request: one line naming the bucket, the operation
// and the key, with the server's code and message (never credentials).
type S3Error struct {
	Bucket, Op, Key string
	Err             error
}

func (e *S3Error) Error() string {
	var ae smithy.APIError
	msg := e.Err.Error()
	if errors.As(e.Err, &ae) {
		msg = ae.ErrorCode()
		if m := ae.ErrorMessage(); m != "" {
			msg += ": " + m
		}
	}
	msg = strings.ReplaceAll(msg, "\n", " ")
	return fmt.Sprintf("s3://%s: %s %s: %s", e.Bucket, e.Op, e.Key, msg)
}

func (e *S3Error) Unwrap() []error {
	errs := []error{e.Err}
	var ae smithy.APIError
	var nsk *types.NoSuchKey
	var nf *types.NotFound
	switch {
	case errors.As(e.Err, &nsk), errors.As(e.Err, &nf):
		errs = append(errs, ErrNotExist)
	case errors.As(e.Err, &ae):
		switch ae.ErrorCode() {
		case "PreconditionFailed", "ConditionalRequestConflict":
			errs = append(errs, ErrPrecondition)
		case "NoSuchKey", "NotFound":
			errs = append(errs, ErrNotExist)
		}
	}
	return errs
}

func (s *S3Store) fail(op, key string, err error) error {
	if err == nil {
		return nil
	}
	return &S3Error{Bucket: s.url.Bucket, Op: op, Key: key, Err: err}
}

func (s *S3Store) Create(ctx context.Context, key string) (ObjectWriter, error) {
	if key == "" {
		return nil, fmt.Errorf("%w: empty", ErrKey)
	}
	return &s3Writer{s: s, ctx: ctx, key: s.key(key)}, nil
}

// s3Writer buffers up to s3PartSize bytes. An object that stays below it
// goes up in one PUT on Commit; a larger one becomes a multipart upload,
// one part each time the buffer fills.
type s3Writer struct {
	s      *S3Store
	ctx    context.Context
	key    string
	buf    []byte
	upload *string // multipart upload id, once started
	parts  []types.CompletedPart
	done   bool
	err    error
}

func (w *s3Writer) Write(b []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	if w.done {
		return 0, ErrClosed
	}
	n := 0
	for len(b) > 0 {
		room := s3PartSize - len(w.buf)
		k := min(room, len(b))
		w.buf = append(w.buf, b[:k]...)
		b, n = b[k:], n+k
		if len(w.buf) == s3PartSize {
			if err := w.flush(); err != nil {
				w.err = err
				return n, err
			}
		}
	}
	return n, nil
}

func (w *s3Writer) flush() error {
	if w.upload == nil {
		out, err := w.s.c.CreateMultipartUpload(w.ctx, &s3.CreateMultipartUploadInput{
			Bucket: &w.s.url.Bucket, Key: &w.key, Metadata: w.s.meta()})
		if err != nil {
			return w.s.fail("CreateMultipartUpload", w.key, err)
		}
		w.upload = out.UploadId
	}
	num := int32(len(w.parts) + 1)
	out, err := w.s.c.UploadPart(w.ctx, &s3.UploadPartInput{Bucket: &w.s.url.Bucket, Key: &w.key,
		UploadId: w.upload, PartNumber: &num, Body: bytes.NewReader(w.buf)})
	if err != nil {
		return w.s.fail("UploadPart", w.key, err)
	}
	w.parts = append(w.parts, types.CompletedPart{ETag: out.ETag, PartNumber: &num})
	w.buf = w.buf[:0]
	return nil
}

func (w *s3Writer) Commit(ctx context.Context, key string) error {
	if w.err != nil {
		_ = w.Abort()
		return w.err
	}
	if w.done {
		return ErrClosed
	}
	final := w.s.key(key)
	if w.upload == nil {
		// Small: one PUT straight to the final name.
		_, err := w.s.c.PutObject(ctx, &s3.PutObjectInput{Bucket: &w.s.url.Bucket, Key: &final,
			Body: bytes.NewReader(w.buf), ContentLength: aws.Int64(int64(len(w.buf))), Metadata: w.s.meta()})
		w.done, w.buf = true, nil
		return w.s.fail("PutObject", final, err)
	}
	if len(w.buf) > 0 {
		if err := w.flush(); err != nil {
			_ = w.Abort()
			return err
		}
	}
	_, err := w.s.c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: &w.s.url.Bucket,
		Key: &w.key, UploadId: w.upload, MultipartUpload: &types.CompletedMultipartUpload{Parts: w.parts}})
	if err != nil {
		_ = w.Abort()
		return w.s.fail("CompleteMultipartUpload", w.key, err)
	}
	w.done, w.buf = true, nil
	if final == w.key {
		return nil
	}
	// The final name depends on the content: a server-side copy, then the
	// upload's name goes.
	_, err = w.s.c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: &w.s.url.Bucket, Key: &final,
		CopySource: aws.String(w.s.url.Bucket + "/" + url.PathEscape(w.key))})
	if err != nil {
		_, _ = w.s.c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &w.s.url.Bucket, Key: &w.key})
		return w.s.fail("CopyObject", final, err)
	}
	_, err = w.s.c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &w.s.url.Bucket, Key: &w.key})
	return w.s.fail("DeleteObject", w.key, err)
}

func (w *s3Writer) Abort() error {
	if w.done {
		return nil
	}
	w.done, w.buf = true, nil
	if w.upload == nil {
		return nil
	}
	// A fresh context: the run's may be what was cancelled.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err := w.s.c.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: &w.s.url.Bucket, Key: &w.key, UploadId: w.upload})
	return w.s.fail("AbortMultipartUpload", w.key, err)
}

type s3Object struct {
	s    *S3Store
	ctx  context.Context
	key  string
	size int64
}

func (o *s3Object) Size() int64  { return o.size }
func (o *s3Object) Close() error { return nil }

// ReadAt is one ranged GET.
func (o *s3Object) ReadAt(p []byte, off int64) (int, error) {
	if off >= o.size {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	end := min(off+int64(len(p)), o.size) - 1
	out, err := o.s.c.GetObject(o.ctx, &s3.GetObjectInput{Bucket: &o.s.url.Bucket, Key: &o.key,
		Range: aws.String(fmt.Sprintf("bytes=%d-%d", off, end))})
	if err != nil {
		return 0, o.s.fail("GetObject", o.key, err)
	}
	defer out.Body.Close()
	n, err := io.ReadFull(out.Body, p[:end-off+1])
	if err != nil {
		return n, o.s.fail("GetObject", o.key, err)
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

func (s *S3Store) Open(ctx context.Context, key string) (Object, error) {
	fi, err := s.Stat(ctx, key)
	if err != nil {
		return nil, err
	}
	return &s3Object{s: s, ctx: ctx, key: s.key(key), size: fi.Size}, nil
}

// Read streams a whole object.
func (s *S3Store) Read(ctx context.Context, key string) (io.ReadCloser, error) {
	k := s.key(key)
	out, err := s.c.GetObject(ctx, &s3.GetObjectInput{Bucket: &s.url.Bucket, Key: &k})
	if err != nil {
		return nil, s.fail("GetObject", k, err)
	}
	return out.Body, nil
}

// maxGet bounds what Get reads into memory: manifests, leases, records.
const maxGet = 256 << 20

func (s *S3Store) Get(ctx context.Context, key string) ([]byte, string, error) {
	k := s.key(key)
	out, err := s.c.GetObject(ctx, &s3.GetObjectInput{Bucket: &s.url.Bucket, Key: &k})
	if err != nil {
		return nil, "", s.fail("GetObject", k, err)
	}
	defer out.Body.Close()
	b, err := io.ReadAll(io.LimitReader(out.Body, maxGet+1))
	if err != nil {
		return nil, "", s.fail("GetObject", k, err)
	}
	if len(b) > maxGet {
		return nil, "", fmt.Errorf("load: %s/%s is larger than %d bytes", s.url, key, maxGet)
	}
	return b, aws.ToString(out.ETag), nil
}

func (s *S3Store) Put(ctx context.Context, key string, data []byte, cond Cond) (string, error) {
	k := s.key(key)
	in := &s3.PutObjectInput{Bucket: &s.url.Bucket, Key: &k, Body: bytes.NewReader(data),
		ContentLength: aws.Int64(int64(len(data))), Metadata: s.meta()}
	if cond.IfNoneMatch {
		in.IfNoneMatch = aws.String("*")
	}
	if cond.IfMatch != "" {
		in.IfMatch = aws.String(cond.IfMatch)
	}
	out, err := s.c.PutObject(ctx, in)
	if err != nil {
		return "", s.fail("PutObject", k, err)
	}
	return aws.ToString(out.ETag), nil
}

func (s *S3Store) Stat(ctx context.Context, key string) (ObjectInfo, error) {
	k := s.key(key)
	out, err := s.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &s.url.Bucket, Key: &k})
	if err != nil {
		return ObjectInfo{}, s.fail("HeadObject", k, err)
	}
	return ObjectInfo{Key: key, Size: aws.ToInt64(out.ContentLength), ETag: aws.ToString(out.ETag),
		ModTime: aws.ToTime(out.LastModified)}, nil
}

// Writer returns the run that wrote an object ("" when nianbao did not).
func (s *S3Store) Writer(ctx context.Context, key string) (string, error) {
	k := s.key(key)
	out, err := s.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &s.url.Bucket, Key: &k})
	if err != nil {
		return "", s.fail("HeadObject", k, err)
	}
	for m, v := range out.Metadata {
		if strings.EqualFold(m, metaRun) {
			return v, nil
		}
	}
	return "", nil
}

func (s *S3Store) List(ctx context.Context, prefix string) ([]ObjectInfo, error) {
	p := s.key(prefix)
	if s.url.Prefix != "" && prefix == "" {
		p += "/"
	} else if strings.HasSuffix(prefix, "/") {
		p += "/"
	}
	var out []ObjectInfo
	pg := s3.NewListObjectsV2Paginator(s.c, &s3.ListObjectsV2Input{Bucket: &s.url.Bucket, Prefix: &p})
	for pg.HasMorePages() {
		page, err := pg.NextPage(ctx)
		if err != nil {
			return nil, s.fail("ListObjectsV2", p, err)
		}
		for _, o := range page.Contents {
			k := aws.ToString(o.Key)
			if strings.HasSuffix(k, "/") {
				continue // a folder marker some servers keep
			}
			out = append(out, ObjectInfo{Key: s.rel(k), Size: aws.ToInt64(o.Size), ETag: aws.ToString(o.ETag),
				ModTime: aws.ToTime(o.LastModified)})
		}
	}
	return out, nil
}

func (s *S3Store) Delete(ctx context.Context, key string) error {
	k := s.key(key)
	_, err := s.c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &s.url.Bucket, Key: &k})
	if err != nil && errors.Is(s.fail("", k, err), ErrNotExist) {
		return nil
	}
	return s.fail("DeleteObject", k, err)
}

// AbortUploads aborts the multipart uploads left under prefix by runs that
// died; it returns how many. Call it only while holding the lease.
func (s *S3Store) AbortUploads(ctx context.Context, prefix string) (int, error) {
	p := s.key(prefix)
	n := 0
	in := &s3.ListMultipartUploadsInput{Bucket: &s.url.Bucket, Prefix: &p}
	for {
		out, err := s.c.ListMultipartUploads(ctx, in)
		if err != nil {
			return n, s.fail("ListMultipartUploads", p, err)
		}
		for _, u := range out.Uploads {
			_, err := s.c.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: &s.url.Bucket, Key: u.Key, UploadId: u.UploadId})
			if err != nil {
				return n, s.fail("AbortMultipartUpload", aws.ToString(u.Key), err)
			}
			n++
		}
		if !aws.ToBool(out.IsTruncated) {
			return n, nil
		}
		in.KeyMarker, in.UploadIdMarker = out.NextKeyMarker, out.NextUploadIdMarker
	}
}
