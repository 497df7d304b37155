package load

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Manifest describes one published run. It is written as _manifest.json
// inside the run directory and reached as OUT/_manifest.json.
type Manifest struct {
	SchemaVersion   string `json:"schema_version"`
	PipelineVersion string `json:"pipeline_version"`
	RunID           string `json:"run_id"`
	// RunDir is the run directory relative to the output directory. File
	// paths are relative to the output directory as readers see it
	// (reports/report_year=2020/part-00000.parquet); RunDir + "/" + Path
	// names the same file without going through the published links, for a
	// reader that must not see a later run mid-scan.
	RunDir     string                   `json:"run_dir"`
	StartedAt  time.Time                `json:"started_at"`
	FinishedAt time.Time                `json:"finished_at"`
	Reports    int64                    `json:"reports"`
	Tables     map[string]TableManifest `json:"tables"`
}

// TableManifest lists the files of one table.
type TableManifest struct {
	Rows  int64          `json:"rows"`
	Files []FileManifest `json:"files"`
}

// FileManifest describes one Parquet file.
type FileManifest struct {
	Path       string `json:"path"`
	ReportYear *int32 `json:"report_year"` // nil: the __HIVE_DEFAULT_PARTITION__ partition
	Rows       int64  `json:"rows"`
	Bytes      int64  `json:"bytes"`
	SHA256     string `json:"sha256"`
}

func (t *TableManifest) add(f FileManifest) {
	t.Files = append(t.Files, f)
	t.Rows += f.Rows
}

func (m *Manifest) encode() []byte {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		panic(err) // plain data: cannot fail
	}
	return append(b, '\n')
}

// ReadManifest reads the manifest of the dataset published in outDir.
func ReadManifest(outDir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(outDir, manifestName))
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("load: %s: %w", manifestName, err)
	}
	return &m, nil
}
