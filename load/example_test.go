package load_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"regexp"

	"github.com/nianbao/nianbao/load"
	"github.com/nianbao/nianbao/schemas"
)

func Example() {
	out, err := os.MkdirTemp("", "nianbao-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(out)

	w, err := load.NewWriter(out, load.Options{RunID: "example", PipelineVersion: "dev", Verify: true})
	if err != nil {
		log.Fatal(err)
	}
	defer w.Abort() // no-op once committed

	year := int32(2021)
	n := int64(163)
	err = w.Add(&schemas.Parsed{
		Report: schemas.Report{ReportID: "9f2c", ReportYear: &year, SourcePath: "gz/2021.txt",
			SourceFormat: "txt", Template: schemas.Template2021, Status: schemas.StatusOK},
		Applications: []schemas.Application{{Cell: "s3.new_received.natural_person",
			Outcome: "new_received", Applicant: "natural_person", Count: &n, Raw: "163", Line: 42}},
	})
	if err != nil {
		log.Fatal(err)
	}
	m, err := w.Commit(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	for _, name := range schemas.TableNames {
		for _, f := range m.Tables[name].Files {
			fmt.Println(regexp.MustCompile(`-[0-9a-f]{16}\.parquet$`).ReplaceAllString(f.Path, "-<digest>.parquet"), f.Rows)
		}
	}
	_, err = os.Stat(filepath.Join(out, "_SUCCESS"))
	fmt.Println("_SUCCESS:", err == nil)
	// Output:
	// reports/report_year=2021/part-00000-<digest>.parquet 1
	// disclosures/report_year=2021/part-00000-<digest>.parquet 0
	// applications/report_year=2021/part-00000-<digest>.parquet 1
	// appeals/report_year=2021/part-00000-<digest>.parquet 0
	// quality/report_year=2021/part-00000-<digest>.parquet 0
	// _SUCCESS: true
}
