package generate

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/schemas"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// sample generates reports 0..n-1 of seed as Corpus would.
func sample(n int, seed int64, opt Options) (names []string, data [][]byte, truths []Truth) {
	opt.Seed = seed
	for i := range n {
		name, d, tr := Report(NewRand(seed, i), i, opt)
		names, data, truths = append(names, name), append(data, d), append(truths, tr)
	}
	return
}

func TestDeterministic(t *testing.T) {
	_, a, ta := sample(150, 42, Options{})
	_, b, tb := sample(150, 42, Options{})
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			t.Fatalf("report %d (%s): bytes differ between two runs", i, ta[i].Layout)
		}
		ja, _ := ta[i].MarshalJSON()
		jb, _ := tb[i].MarshalJSON()
		if !bytes.Equal(ja, jb) {
			t.Fatalf("report %d: truth differs between two runs", i)
		}
	}
	_, c, _ := sample(150, 43, Options{})
	same := 0
	for i := range a {
		if bytes.Equal(a[i], c[i]) {
			same++
		}
	}
	if same > 0 {
		t.Errorf("%d reports identical under another seed", same)
	}
}

func TestCorpusDeterministic(t *testing.T) {
	opt := Options{Reports: 70, Seed: 9, MaxPerDir: 25}
	d1, d2 := t.TempDir(), t.TempDir()
	s1, err := Corpus(context.Background(), d1, opt)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Corpus(context.Background(), d2, opt); err != nil {
		t.Fatal(err)
	}
	files := 0
	err = filepath.WalkDir(d1, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		files++
		rel, _ := filepath.Rel(d1, p)
		a, _ := os.ReadFile(p)
		b, err := os.ReadFile(filepath.Join(d2, rel))
		if err != nil {
			return err
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files != opt.Reports+1 {
		t.Errorf("%d files, want %d reports and truth.jsonl", files, opt.Reports)
	}
	if s1.Reports != opt.Reports {
		t.Errorf("stats: %d reports", s1.Reports)
	}
}

func TestCorpus(t *testing.T) {
	dir := t.TempDir()
	opt := Options{Reports: 55, Seed: 3, MaxPerDir: 20}
	st, err := Corpus(context.Background(), dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "truth.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	var bytesSeen int64
	perDir := map[string]int{}
	layouts := map[string]int{}
	n := 0
	for sc.Scan() {
		var tr Truth
		if err := tr.UnmarshalJSON(sc.Bytes()); err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		name, data, want := Report(NewRand(opt.Seed, n), n, opt)
		if tr.File != name {
			t.Errorf("line %d: file %s, Report names it %s", n+1, tr.File, name)
		}
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(tr.File)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, data) {
			t.Errorf("%s: file differs from Report", tr.File)
		}
		wj, _ := want.MarshalJSON()
		if !bytes.Equal(sc.Bytes(), wj) {
			t.Errorf("line %d differs from Report's truth", n+1)
		}
		bytesSeen += int64(len(got))
		perDir[strings.Split(tr.File, "/")[0]]++
		layouts[tr.Layout]++
		n++
	}
	if n != opt.Reports || st.Reports != n || st.Bytes != bytesSeen {
		t.Errorf("truth has %d lines, stats %+v, %d bytes on disk", n, st, bytesSeen)
	}
	for d, k := range perDir {
		if k > opt.MaxPerDir {
			t.Errorf("%s holds %d reports, more than %d", d, k, opt.MaxPerDir)
		}
	}
	for l, k := range layouts {
		if st.ByLayout[l] != k {
			t.Errorf("stats: %d %s reports, truth says %d", st.ByLayout[l], l, k)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "truth.jsonl.tmp")); !os.IsNotExist(err) {
		t.Errorf("temporary truth file left behind: %v", err)
	}
}

func TestCorpusCancel(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Corpus(ctx, dir, Options{Reports: 10}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "truth.jsonl")); !os.IsNotExist(err) {
		t.Errorf("truth.jsonl written by a cancelled run")
	}
}

func TestValidate(t *testing.T) {
	for _, c := range []struct {
		opt  Options
		want error
	}{
		{Options{Reports: 1}, nil},
		{Options{Layouts: []string{"pdf"}}, ErrLayout},
		{Options{Templates: []string{"2018"}}, ErrTemplate},
		{Options{Reports: -1}, ErrOptions},
		{Options{MaxPerDir: -1}, ErrOptions},
	} {
		if err := c.opt.Validate(); !errors.Is(err, c.want) && !(err == nil && c.want == nil) {
			t.Errorf("%+v: err = %v, want %v", c.opt, err, c.want)
		}
	}
	if _, err := Corpus(context.Background(), t.TempDir(), Options{Layouts: []string{"pdf"}}); !errors.Is(err, ErrLayout) {
		t.Errorf("Corpus with an unknown layout: err = %v", err)
	}
}

// expectedCodes lists the cell codes of a report in printed order, from
// schemas alone.
func expectedCodes(tmpl string, single bool) []string {
	var out []string
	items := schemas.Disclosures2019
	if tmpl == Template2021 {
		items = schemas.Disclosures2021
	}
	for _, it := range items {
		for _, m := range it.Metrics {
			out = append(out, schemas.DisclosureCell(it.Code.Code, m))
		}
	}
	for _, o := range schemas.Outcomes(single) {
		for _, a := range schemas.Applicants {
			out = append(out, schemas.ApplicationCell(o.Code.Code, a.Code))
		}
	}
	for _, p := range schemas.Proceedings {
		for _, o := range schemas.AppealOutcomes {
			out = append(out, schemas.AppealCell(p.Code, o.Code))
		}
	}
	return out
}

// checkArithmetic verifies what the template states, reading null as zero
// (a null is always a zero printed as a marker or left blank).
func checkArithmetic(t *testing.T, tr *Truth) {
	t.Helper()
	v := map[string]int64{}
	for _, c := range tr.Cells {
		v[c.Code] = c.Int()
		if !c.Money && c.Int() < 0 && !strings.HasSuffix(c.Code, ".change") {
			t.Errorf("%s: %s = %d is negative", tr.File, c.Code, c.Int())
		}
	}
	outs := schemas.Outcomes(tr.Single)
	for _, a := range schemas.Applicants {
		s := func(o string) int64 { return v[schemas.ApplicationCell(o, a.Code)] }
		if s("new_received")+s("carried_over") != s("total")+s("carried_forward") {
			t.Errorf("%s: column %s: %d + %d != %d + %d", tr.File, a.Code,
				s("new_received"), s("carried_over"), s("total"), s("carried_forward"))
		}
		var sum int64
		for _, o := range outs {
			if o.Result {
				sum += s(o.Code.Code)
			}
		}
		if sum != s("total") {
			t.Errorf("%s: column %s: results sum to %d, total %d", tr.File, a.Code, sum, s("total"))
		}
	}
	for _, o := range outs {
		var sum int64
		for _, a := range schemas.Applicants[:6] {
			sum += v[schemas.ApplicationCell(o.Code.Code, a.Code)]
		}
		if tot := v[schemas.ApplicationCell(o.Code.Code, "total")]; sum != tot {
			t.Errorf("%s: row %s: applicants sum to %d, total %d", tr.File, o.Code.Code, sum, tot)
		}
	}
	for _, p := range schemas.Proceedings {
		var sum int64
		for _, o := range schemas.AppealOutcomes[:4] {
			sum += v[schemas.AppealCell(p.Code, o.Code)]
		}
		if tot := v[schemas.AppealCell(p.Code, "total")]; sum != tot {
			t.Errorf("%s: %s: outcomes sum to %d, total %d", tr.File, p.Code, sum, tot)
		}
	}
}

func TestTruth(t *testing.T) {
	_, _, truths := sample(1000, 1, Options{})
	byLayout := map[string]int{}
	byTemplate := map[string]int{}
	byEncoding := map[string]int{}
	single2021, n2021 := 0, 0
	years := map[int]bool{}
	nulls, nonzero := 0, 0
	for i := range truths {
		tr := &truths[i]
		byLayout[tr.Layout]++
		byTemplate[tr.Template]++
		byEncoding[tr.Encoding]++
		years[tr.Year] = true
		if tr.Template == Template2021 {
			n2021++
			if tr.Single {
				single2021++
			}
		}
		switch {
		case tr.Template == Template2019 && (tr.Year < 2019 || tr.Year > 2020),
			tr.Template == Template2021 && (tr.Year < 2021 || tr.Year > 2024):
			t.Errorf("%s: template %s in year %d", tr.File, tr.Template, tr.Year)
		}
		want := map[string]int{Template2019: 198, Template2021: 200}[tr.Template]
		if tr.Single && tr.Template == Template2021 {
			want = 186
		}
		if len(tr.Cells) != want {
			t.Errorf("%s: %d cells, want %d", tr.File, len(tr.Cells), want)
		}
		codes := expectedCodes(tr.Template, tr.Single)
		for k, c := range tr.Cells {
			if k < len(codes) && c.Code != codes[k] {
				t.Errorf("%s: cell %d is %s, want %s", tr.File, k, c.Code, codes[k])
				break
			}
			if c.Null {
				nulls++
			} else if c.Int() != 0 {
				nonzero++
			}
		}
		if len(tr.ExpectedIssues) != 0 || len(tr.Agency) != 1 || tr.Notes[0] != tr.Layout || tr.Notes[1] != tr.Encoding {
			t.Errorf("%s: issues %v, agency %v, notes %v", tr.File, tr.ExpectedIssues, tr.Agency, tr.Notes)
		}
		checkArithmetic(t, tr)

		// The truth survives a round trip through its JSON.
		j, _ := tr.MarshalJSON()
		var back Truth
		if err := back.UnmarshalJSON(j); err != nil {
			t.Fatalf("%s: %v", tr.File, err)
		}
		j2, _ := back.MarshalJSON()
		if !bytes.Equal(j, j2) || back.Single != tr.Single {
			t.Fatalf("%s: truth does not survive a JSON round trip", tr.File)
		}
	}
	for _, l := range Layouts {
		if byLayout[l] == 0 {
			t.Errorf("no %s report in 1000", l)
		}
	}
	for _, tm := range Templates {
		if byTemplate[tm] == 0 {
			t.Errorf("no template %s report in 1000", tm)
		}
	}
	for y := 2019; y <= 2024; y++ {
		if !years[y] {
			t.Errorf("no report for %d", y)
		}
	}
	for _, e := range []string{EncUTF8, EncUTF8BOM, EncGB18030, EncGBK} {
		if byEncoding[e] == 0 {
			t.Errorf("no %s report in 1000", e)
		}
	}
	if share := float64(single2021) / float64(n2021); share < 0.05 || share > 0.16 {
		t.Errorf("%.2f of 2021 reports print the single （六） row, want about 0.1", share)
	}
	if nulls == 0 || nonzero == 0 {
		t.Errorf("%d null and %d nonzero cells in 1000 reports", nulls, nonzero)
	}
	t.Logf("layouts %v, templates %v, encodings %v", byLayout, byTemplate, byEncoding)
}

func TestOptionsRestrict(t *testing.T) {
	_, _, truths := sample(100, 5, Options{Layouts: []string{LayoutHTML, LayoutPipe}, Templates: []string{Template2021}})
	for _, tr := range truths {
		if tr.Layout != LayoutHTML && tr.Layout != LayoutPipe || tr.Template != Template2021 {
			t.Fatalf("%s: layout %s, template %s", tr.File, tr.Layout, tr.Template)
		}
	}
}

// TestSeedFormat reads the hand-checked seeds and writes them back: the
// truth lines are in the seeds' format.
func TestSeedFormat(t *testing.T) {
	data, err := os.ReadFile("../../testdata/seeds/seeds.jsonl")
	if err != nil {
		t.Skip("seeds not found:", err)
	}
	for _, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
		var tr Truth
		if err := tr.UnmarshalJSON(line); err != nil {
			t.Fatal(err)
		}
		got, _ := tr.MarshalJSON()
		if !bytes.Equal(got, line) {
			t.Errorf("%s: rewritten\n%s\nwant\n%s", tr.File, got, line)
		}
		checkArithmeticSeed(t, &tr)
	}
}

// checkArithmeticSeed only sanity-checks cell counts: seeds may be
// inconsistent on purpose.
func checkArithmeticSeed(t *testing.T, tr *Truth) {
	if want := len(expectedCodes(tr.Template, tr.Single)); len(tr.Cells) != want {
		t.Errorf("%s: %d cells, want %d", tr.File, len(tr.Cells), want)
	}
}

// parseRaw reads a printed value back, for the test only: counts with an
// optional sign, amounts in 元 or 万元 from the cell or the header.
func parseRaw(raw, head string, money bool) (int64, error) {
	if !money {
		return strconv.ParseInt(strings.TrimPrefix(raw, "+"), 10, 64)
	}
	scale := 2
	switch {
	case strings.HasSuffix(raw, "万元"):
		raw, scale = strings.TrimSuffix(raw, "万元"), 6
	case strings.HasSuffix(raw, "元"):
		raw = strings.TrimSuffix(raw, "元")
	case strings.Contains(head, "万元"):
		scale = 6
	}
	ip, fp, _ := strings.Cut(raw, ".")
	if len(fp) > scale {
		return 0, errors.New("too many places in " + raw)
	}
	fp += strings.Repeat("0", scale-len(fp))
	return strconv.ParseInt(ip+fp, 10, 64)
}

// TestPrinted checks that every printed value reads back as its truth and
// that the document carries it.
func TestPrinted(t *testing.T) {
	for i := range 600 {
		opt := Options{Layouts: []string{LayoutPipe, LayoutTabs, LayoutLines}}
		m, _ := plan(NewRand(11, i), opt)
		_, data, tr := Report(NewRand(11, i), i, opt)
		text := decode(t, data, tr.Encoding)
		check := func(code string, v val, head string) {
			if v.null {
				if v.n != 0 {
					t.Errorf("report %d: %s null over %d", i, code, v.n)
				}
				if v.raw != "" && v.raw != m.marker {
					t.Errorf("report %d: %s printed %q, marker is %q", i, code, v.raw, m.marker)
				}
				return
			}
			n, err := parseRaw(v.raw, head, v.money)
			if err != nil || n != v.n {
				t.Errorf("report %d: %s printed %q (header %q) reads %d, %v; truth %d", i, code, v.raw, head, n, err, v.n)
			}
			if !strings.Contains(text, v.raw) {
				t.Errorf("report %d: %s: %q not in the document", i, code, v.raw)
			}
		}
		for k, it := range m.items {
			for j, met := range it.Metrics {
				check(schemas.DisclosureCell(it.Code.Code, met), m.s2[k][j], m.s2Head[k])
			}
		}
		for k, o := range m.outs {
			for a := range 7 {
				check(o.Code.Code, m.s3[k][a], "")
			}
		}
		for g := range 3 {
			for o := range 5 {
				check("s4", m.s4[g][o], "")
			}
		}
		if !strings.Contains(text, tr.Agency[0]) {
			t.Errorf("report %d: agency %s not printed", i, tr.Agency[0])
		}
		if !strings.Contains(text, strconv.Itoa(tr.Year)) {
			t.Errorf("report %d: year %d not printed", i, tr.Year)
		}
	}
}

func decode(t *testing.T, data []byte, enc string) string {
	t.Helper()
	switch enc {
	case EncUTF8BOM:
		if !bytes.HasPrefix(data, []byte("\ufeff")) {
			t.Fatal("utf-8-bom without a byte order mark")
		}
		data = data[3:]
	case EncGB18030, EncGBK:
		d := simplifiedchinese.GB18030.NewDecoder()
		if enc == EncGBK {
			d = simplifiedchinese.GBK.NewDecoder()
		}
		out, err := d.Bytes(data)
		if err != nil {
			t.Fatal(err)
		}
		if utf8.Valid(data) && bytes.ContainsFunc(data, func(r rune) bool { return r > 0x7f }) {
			t.Fatalf("%s text is valid UTF-8", enc)
		}
		return string(out)
	}
	if !utf8.Valid(data) {
		t.Fatalf("%s text is not valid UTF-8", enc)
	}
	return string(data)
}

func TestHTML(t *testing.T) {
	_, data, truths := sample(150, 8, Options{Layouts: []string{LayoutHTML}})
	gbk := 0
	for i, tr := range truths {
		text := decode(t, data[i], tr.Encoding)
		charset := "utf-8"
		if tr.Encoding == EncGBK {
			charset, gbk = "gbk", gbk+1
		}
		if !strings.Contains(text, `charset="`+charset+`"`) && !strings.Contains(text, "charset="+charset+`"`) {
			t.Errorf("%s: %s page does not declare charset %s", tr.File, tr.Encoding, charset)
		}
		for _, want := range []string{"<table", `rowspan="`, `colspan="10"`, `colspan="5"`, `rowspan="8"`, "</html>"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: no %s", tr.File, want)
			}
		}
	}
	if gbk == 0 {
		t.Error("no GBK page")
	}
}

func TestDOCX(t *testing.T) {
	_, data, truths := sample(60, 8, Options{Layouts: []string{LayoutDOCX}})
	for i, tr := range truths {
		zr, err := zip.NewReader(bytes.NewReader(data[i]), int64(len(data[i])))
		if err != nil {
			t.Fatalf("%s: %v", tr.File, err)
		}
		parts := map[string]string{}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			parts[f.Name] = string(b)
		}
		for _, p := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml"} {
			if _, ok := parts[p]; !ok {
				t.Fatalf("%s: no part %s", tr.File, p)
			}
		}
		doc := parts["word/document.xml"]
		dec := xml.NewDecoder(strings.NewReader(doc))
		var text strings.Builder
		var tcs int
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: document.xml: %v", tr.File, err)
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				if tok.Name.Local == "tc" {
					tcs++
				}
			case xml.CharData:
				text.Write(tok)
			}
		}
		if tcs < 300 {
			t.Errorf("%s: %d table cells", tr.File, tcs)
		}
		for _, want := range []string{`<w:gridSpan w:val="10"/>`, `<w:vMerge w:val="restart"/>`, `<w:vMerge/>`} {
			if !strings.Contains(doc, want) {
				t.Errorf("%s: no %s", tr.File, want)
			}
		}
		if !strings.Contains(text.String(), tr.Agency[0]) {
			t.Errorf("%s: agency not in the text", tr.File)
		}
	}
}

func TestGBKSafe(t *testing.T) {
	// Every report encodes; Report panics otherwise. Force the GBK-family
	// encodings through many reports.
	_, _, truths := sample(400, 21, Options{Layouts: []string{LayoutHTML, LayoutLayout, LayoutBlank}})
	n := 0
	for _, tr := range truths {
		if tr.Encoding == EncGBK || tr.Encoding == EncGB18030 {
			n++
		}
	}
	if n < 60 {
		t.Errorf("only %d of 400 reports in GBK or GB18030", n)
	}
}

func BenchmarkReport(b *testing.B) {
	for _, l := range append([]string{"all"}, Layouts...) {
		opt := Options{}
		if l != "all" {
			opt.Layouts = []string{l}
		}
		b.Run(l, func(b *testing.B) {
			b.ReportAllocs()
			var n int64
			i := 0
			for b.Loop() {
				_, data, _ := Report(NewRand(1, i), i, opt)
				n += int64(len(data))
				i++
			}
			b.SetBytes(n / int64(max(i, 1)))
		})
	}
}

// TestExtraLayouts: the layouts drawn only when named are accepted, drawn
// alone when asked for, and deterministic; glued text has no separator
// between a row's cells, and columns text prints section 三's numbers
// after its labels.
func TestExtraLayouts(t *testing.T) {
	for _, l := range append(append([]string(nil), ExtraLayouts...), FixtureLayouts...) {
		opt := Options{Reports: 3, Seed: 9, Layouts: []string{l}}
		if err := opt.Validate(); err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		for i := 0; i < 3; i++ {
			_, a, tr := Report(NewRand(opt.Seed, i), i, opt)
			_, b, _ := Report(NewRand(opt.Seed, i), i, opt)
			if !bytes.Equal(a, b) || tr.Layout != l {
				t.Fatalf("%s: report %d not deterministic, or layout %q", l, i, tr.Layout)
			}
			if tr.Encoding == EncGB18030 || tr.Encoding == EncGBK {
				continue
			}
			text := strings.TrimPrefix(string(a), "\ufeff")
			switch l {
			case LayoutGlued:
				if c, _ := tr.Cell("s3.total.natural_person"); strings.ContainsAny(text, "\t|") ||
					(!c.Null && !strings.Contains(text, "（七）总计"+strconv.FormatInt(c.Count, 10))) {
					t.Errorf("%s: not glued:\n%s", l, text)
				}
			case LayoutColumns:
				at := strings.Index(text, "（七）总计")
				if at < 0 || strings.Contains(text[at:strings.Index(text[at:], "\n")+at], "\t") {
					t.Errorf("%s: no label line for （七）总计", l)
				}
			}
		}
	}
}
