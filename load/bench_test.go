package load

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/nianbao/nianbao/internal/gc"
	"github.com/nianbao/nianbao/internal/gc/gctest"
	"github.com/nianbao/nianbao/schemas"
)

// templateReport is a report the size of a 2021-template one: 10
// disclosures, 175 applications, 15 appeals, 2 findings.
func templateReport(i int) *schemas.Parsed {
	p := sample(fmt.Sprintf("%064x", i*7919), ptr(int32(2019+i%4)), true)
	d, a := p.Disclosures, p.Applications
	p.Disclosures, p.Applications, p.Appeals = nil, nil, nil
	for j := 0; j < 10; j++ {
		r := d[j%len(d)]
		r.Line = int32(j)
		p.Disclosures = append(p.Disclosures, r)
	}
	for j := 0; j < 175; j++ {
		r := a[j%len(a)]
		r.Count, r.Raw, r.Line = ptr(int64(j*i%97)), strconv.Itoa(j*i%97), int32(40+j/7)
		p.Applications = append(p.Applications, r)
	}
	for j := 0; j < 15; j++ {
		p.Appeals = append(p.Appeals, schemas.Appeal{Cell: "s4.review.upheld", Proceeding: "review",
			Outcome: "upheld", Count: ptr(int64(j)), Raw: strconv.Itoa(j), Line: int32(80 + j/5)})
	}
	return p
}

// BenchmarkWrite measures Commit: sort, write, (verify), publish. Bytes are
// the Parquet bytes written.
func BenchmarkWrite(b *testing.B) {
	b.Cleanup(gc.Apply(gc.DefaultLimit)) // the CLI's collector settings
	for _, n := range []int{100, 2000} {
		ps := make([]*schemas.Parsed, n)
		rows := 0
		for i := range ps {
			ps[i] = templateReport(i)
			rows += 1 + len(ps[i].Disclosures) + len(ps[i].Applications) + len(ps[i].Appeals) + len(ps[i].Findings)
		}
		for _, verify := range []bool{false, true} {
			b.Run(fmt.Sprintf("reports=%d/verify=%t", n, verify), func(b *testing.B) {
				b.ReportAllocs()
				out := b.TempDir()
				var written int64
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					o := opts(fmt.Sprintf("r%d", i))
					o.Verify = verify
					m := commit(b, out, o, ps)
					if i == 0 {
						written = writtenBytes(m)
						b.SetBytes(written)
					}
				}
				b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
			})
		}
	}
}

// BenchmarkStreamingWrite builds 20 000 template-sized reports (4 million
// rows over four years) in report_id order, adds them and commits, without
// verification, as a run would: reports are made while the Writer runs, so
// the buffered mode holds them all and the streaming mode none. mode=build
// only builds the reports, the part of the time that is not the Writer's.
// Bytes are the Parquet bytes written. With the default sizes the modes
// write different row groups (DefaultRowGroupRows against
// DefaultStreamingRowGroupRows).
func BenchmarkStreamingWrite(b *testing.B) {
	b.Cleanup(gc.Apply(gc.DefaultLimit)) // the CLI's collector settings
	const n = 20000
	rows := 0
	for i := range n {
		p := templateReport(i)
		rows += 1 + len(p.Disclosures) + len(p.Applications) + len(p.Appeals) + len(p.Findings)
	}
	for _, mode := range []string{"streaming", "buffered", "build"} {
		b.Run(fmt.Sprintf("reports=%d/mode=%s", n, mode), func(b *testing.B) {
			b.ReportAllocs()
			out := b.TempDir()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if mode == "build" {
					for j := range n {
						templateReport(j)
					}
					continue
				}
				m := writeTemplateReports(b, out, fmt.Sprintf("r%d", i), n, mode == "streaming")
				if i == 0 {
					b.SetBytes(writtenBytes(m))
				}
			}
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// writeTemplateReports publishes n template-sized reports into out as run
// runID, without verification.
func writeTemplateReports(b testing.TB, out, runID string, n int, streaming bool) *Manifest {
	b.Helper()
	o := opts(runID)
	o.Verify, o.Streaming = false, streaming
	w, err := NewWriter(out, o)
	if err != nil {
		b.Fatal(err)
	}
	for j := range n {
		if err := w.Add(templateReport(j)); err != nil {
			b.Fatal(err)
		}
	}
	m, err := w.Commit(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	return m
}

// BenchmarkVerify reads back, through Arrow, every file of a 20 000-report
// dataset (4 million rows), as Commit does when Options.Verify is set,
// with Go's allocator and with the pool Commit uses. Bytes are the Parquet
// bytes read.
func BenchmarkVerify(b *testing.B) {
	b.Cleanup(gc.Apply(gc.DefaultLimit)) // the CLI's collector settings
	const n = 20000
	out := b.TempDir()
	m := writeTemplateReports(b, out, "r0", n, true)
	runDir := filepath.Join(out, filepath.FromSlash(m.RunDir))
	var written, rows int64
	for _, t := range m.Tables {
		for _, f := range t.Files {
			written += f.Bytes
			rows += f.Rows
		}
	}
	for _, a := range []struct {
		name string
		mem  memory.Allocator
	}{{"alloc=go", memory.DefaultAllocator}, {"alloc=pool", newPoolAllocator()}} {
		b.Run(a.name, func(b *testing.B) {
			b.SetBytes(written)
			b.ReportAllocs()
			for range b.N {
				for _, t := range tables {
					for _, f := range m.Tables[t.name].Files {
						if err := verifyFile(context.Background(), mustLocal(runDir), "", f, t.schema, a.mem); err != nil {
							b.Fatal(err)
						}
					}
				}
			}
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// BenchmarkAddCells is the cell-table write path of a run: a streaming
// Writer given 2 000 template-sized reports (about 400 000 rows) through
// AddCells, then their reports rows through AddReport, and committed
// without verification. The reports are built once, before the timer:
// the time is the Writer's (sanitize, the rows handed to parquet-go,
// encoding, compression, publish). Bytes are the Parquet bytes written.
func BenchmarkAddCells(b *testing.B) {
	b.Cleanup(gc.Apply(gc.DefaultLimit)) // the CLI's collector settings
	const n = 2000
	ps := make([]*schemas.Parsed, n)
	rows := 0
	for i := range ps {
		ps[i] = templateReport(i)
		rows += len(ps[i].Disclosures) + len(ps[i].Applications) + len(ps[i].Appeals)
	}
	out := b.TempDir()
	b.ReportAllocs()
	b.ResetTimer()
	defer gctest.ReportCPU(b)() // steadier than the elapsed time on a shared machine
	for i := 0; i < b.N; i++ {
		m := writeSplit(b, out, fmt.Sprintf("r%d", i), ps)
		if i == 0 {
			b.SetBytes(writtenBytes(m))
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "cellrows/s")
}

// writeSplit publishes ps into out as run runID through a streaming Writer,
// without verification, as a run hands them over: every report's cell
// tables (AddCells), then its reports and quality rows (AddReport).
func writeSplit(b *testing.B, out, runID string, ps []*schemas.Parsed) *Manifest {
	o := opts(runID)
	o.Verify, o.Streaming = false, true
	w, err := NewWriter(out, o)
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range ps {
		if err := w.AddCells(p); err != nil {
			b.Fatal(err)
		}
	}
	for _, p := range ps {
		if err := w.AddReport(p); err != nil {
			b.Fatal(err)
		}
	}
	m, err := w.Commit(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	return m
}

// BenchmarkApplicationsWrite writes the applications of 2 000
// template-sized reports (350 000 rows) to one partition as a streaming
// Writer does, one report's rows per add: the part of BenchmarkAddCells
// that is the largest table's rows handed to parquet-go, encoded and
// compressed. Bytes are the Parquet bytes written.
func BenchmarkApplicationsWrite(b *testing.B) {
	b.Cleanup(gc.Apply(gc.DefaultLimit)) // the CLI's collector settings
	var reports [][]schemas.Application
	for i := range 2000 {
		p := templateReport(i)
		p.SetKey()
		reports = append(reports, p.Applications)
	}
	o := opts("r")
	o.Streaming = true
	w, err := NewWriter(b.TempDir(), o)
	if err != nil {
		b.Fatal(err)
	}
	defer w.Abort()
	b.ReportAllocs()
	b.ResetTimer()
	defer gctest.ReportCPU(b)()
	for range b.N {
		pw := &partWriter[schemas.Application]{w: w, table: schemas.TableApplications,
			file: newFileWriter[schemas.Application](writerOptions(w, schemas.TableApplications)),
			part: partitionOf(2021), own: ownApplication}
		for _, rows := range reports {
			if err := pw.add(rows); err != nil {
				b.Fatal(err)
			}
		}
		if err := pw.close(); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(pw.files[0].Bytes)
	}
}

// writtenBytes is the size of the files a commit wrote.
func writtenBytes(m *Manifest) int64 {
	var n int64
	for _, t := range m.Tables {
		for _, f := range t.Files {
			n += f.Bytes
		}
	}
	return n
}
