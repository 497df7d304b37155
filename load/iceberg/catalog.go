package iceberg

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	iceberg "github.com/apache/iceberg-go"
	"github.com/apache/iceberg-go/catalog"
	"github.com/apache/iceberg-go/catalog/rest"
	sqlcat "github.com/apache/iceberg-go/catalog/sql"
	_ "modernc.org/sqlite" // pure-Go SQLite for the SQL catalog
)

var (
	// ErrCatalog is returned for a --catalog value that is neither
	// sqlite:PATH nor rest:URL.
	ErrCatalog = errors.New("iceberg: catalog must be sqlite:PATH or rest:http(s)://HOST/…")
	// ErrREST is returned for REST settings that do not fit together or
	// with the catalog.
	ErrREST = errors.New("iceberg: REST catalog settings")
)

// REST are the settings of an Iceberg REST catalog: its warehouse and how
// it is authenticated (the REST spec's options: OAuth2 client credentials,
// a bearer token, SigV4). The secrets are sent to the catalog only: never
// stored in the catalog or a table's metadata, never logged.
type REST struct {
	// Warehouse is sent as the catalog's warehouse parameter (a name or
	// location the server knows; SeaweedFS: the table bucket).
	Warehouse string
	// Credential is OAuth2 client credentials, "client_id:client_secret"
	// (or the secret alone), exchanged at OAuth2URI for a token.
	Credential string
	// Token is a bearer token sent as it is.
	Token string
	// OAuth2URI is the token endpoint; the catalog's v1/oauth/tokens when
	// empty.
	OAuth2URI string
	// Scope is the OAuth2 scope asked for (the spec's default: catalog).
	Scope string
	// SigV4 signs every request with AWS Signature V4, with the keys of
	// the AWS environment (the SDK's default chain), as SigningName
	// (execute-api when empty) in SigningRegion (the AWS region of the
	// environment when empty).
	SigV4                      bool
	SigningName, SigningRegion string
}

// Check reports settings that cannot work together.
func (r REST) Check() error {
	if r.Credential != "" && r.Token != "" {
		return fmt.Errorf("%w: a credential or a token, not both", ErrREST)
	}
	if r.OAuth2URI != "" {
		if u, err := url.Parse(r.OAuth2URI); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("%w: OAuth2 server URI %q is not an http(s) URL", ErrREST, Redact(r.OAuth2URI))
		}
	}
	return nil
}

// Set reports whether any REST setting is given.
func (r REST) Set() bool { return r != REST{} }

// ParseCatalog splits a --catalog value into its kind, "sqlite" or
// "rest", and the path or URL.
func ParseCatalog(s string) (kind, where string, err error) {
	kind, where, _ = strings.Cut(s, ":")
	switch kind {
	case "sqlite":
		if where != "" {
			return kind, where, nil
		}
	case "rest":
		if u, err := url.Parse(where); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return kind, where, nil
		}
	}
	return "", "", fmt.Errorf("%w: got %q", ErrCatalog, Redact(s))
}

// Redact hides the password of a URL's user information (in a rest:URL
// value too), for messages.
func Redact(s string) string {
	prefix := ""
	if k, v, ok := strings.Cut(s, ":"); ok && (k == "rest" || k == "sqlite") {
		prefix, s = k+":", v
	}
	if u, err := url.Parse(s); err == nil && u.User != nil {
		return prefix + u.Redacted()
	}
	return prefix + s
}

type cat struct {
	c     catalog.Catalog
	rest  bool
	db    *sql.DB // the SQL catalog's database
	close func()
}

// open opens the catalog: a SQL catalog, creating its tables when the
// file is new, or a REST catalog, which authenticates here.
func open(ctx context.Context, opt Options) (*cat, error) {
	kind, where, err := ParseCatalog(opt.Catalog)
	if err != nil {
		return nil, err
	}
	if kind == "rest" {
		return openREST(ctx, opt, where)
	}
	if opt.REST.Set() {
		return nil, fmt.Errorf("%w: given for %s", ErrREST, opt.Catalog)
	}
	if err := os.MkdirAll(filepath.Dir(where), 0o755); err != nil {
		return nil, fmt.Errorf("iceberg: catalog %s: %w", where, err)
	}
	// A writer waits for another's lock instead of failing at once.
	db, err := sql.Open("sqlite", "file:"+where+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return nil, fmt.Errorf("iceberg: catalog %s: %w", where, err)
	}
	props := iceberg.Properties{"warehouse": opt.Warehouse}
	maps.Copy(props, opt.Props)
	c, err := sqlcat.NewCatalog(opt.name(), db, sqlcat.SQLite, props)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("iceberg: catalog %s: %w", where, err)
	}
	return &cat{c: c, db: db, close: func() { c.Close(); db.Close() }}, nil
}

func openREST(ctx context.Context, opt Options, uri string) (*cat, error) {
	r := opt.REST
	if err := r.Check(); err != nil {
		return nil, err
	}
	props := iceberg.Properties{}
	maps.Copy(props, opt.Props)
	ro := []rest.Option{rest.WithAdditionalProps(props)}
	if r.Warehouse != "" {
		ro = append(ro, rest.WithWarehouseLocation(r.Warehouse))
	}
	if r.Credential != "" {
		ro = append(ro, rest.WithCredential(r.Credential))
	}
	if r.Token != "" {
		ro = append(ro, rest.WithOAuthToken(r.Token))
	}
	if r.OAuth2URI != "" {
		u, _ := url.Parse(r.OAuth2URI) // checked
		ro = append(ro, rest.WithAuthURI(u))
	}
	if r.Scope != "" {
		ro = append(ro, rest.WithScope(r.Scope))
	}
	if r.SigV4 {
		ro = append(ro, rest.WithSigV4RegionSvc(r.SigningRegion, r.SigningName))
	}
	c, err := rest.NewCatalog(ctx, opt.name(), uri, ro...)
	if err != nil {
		return nil, fmt.Errorf("iceberg: catalog rest:%s: %w", Redact(uri), err)
	}
	return &cat{c: c, rest: true, close: func() { c.Close() }}, nil
}
