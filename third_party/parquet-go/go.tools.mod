module github.com/parquet-go/parquet-go

go 1.25.1

tool golang.org/x/tools/gopls/internal/analysis/modernize/cmd/modernize

require (
	github.com/andybalholm/brotli v1.1.1
	github.com/google/uuid v1.6.0
	github.com/hexops/gotextdiff v1.0.3
	github.com/klauspost/compress v1.18.0
	github.com/parquet-go/bitpack v0.0.0-20251026130316-7709569977d0
	github.com/parquet-go/jsonlite v0.1.0
	github.com/pierrec/lz4/v4 v4.1.22
	github.com/twpayne/go-geom v1.6.1
	golang.org/x/sys v0.37.0
	google.golang.org/protobuf v1.36.5
)

require (
	golang.org/x/mod v0.23.0 // indirect
	golang.org/x/sync v0.11.0 // indirect
	golang.org/x/tools v0.30.1-0.20250221230316-5055f70f240c // indirect
	golang.org/x/tools/gopls v0.18.1 // indirect
)
