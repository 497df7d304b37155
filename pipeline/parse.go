package pipeline

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform/normalize"
)

// ParseFiles parses each file and writes one JSON object per file to w, in
// argument order: the `nianbao parse` contract. A file that cannot be read
// still gets its object, with status error and the reason in issues.
func ParseFiles(ctx context.Context, paths []string, w io.Writer) error {
	var lim extract.Limits
	bw := bufio.NewWriter(w)
	for _, path := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		src := extract.Source{Path: path, Rel: schemas.EscapeUTF8(filepath.ToSlash(path)), Format: extract.FormatOf(path)}
		if fi, err := os.Stat(path); err == nil {
			src.Size = fi.Size()
		}
		p, err := ParseSource(ctx, src, lim)
		if err != nil {
			return err
		}
		if err := WriteParsedJSON(bw, p); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// WriteParsedJSON writes one report as the JSON line of `nianbao parse`.
func WriteParsedJSON(w io.Writer, p *schemas.Parsed) error {
	r := p.Report
	o := newObj()
	o.str("report_id", r.ReportID)
	o.str("source_path", r.SourcePath)
	o.ptrStr("agency", r.Agency)
	if r.ReportYear != nil {
		o.raw("report_year", strconv.Itoa(int(*r.ReportYear)))
	} else {
		o.raw("report_year", "null")
	}
	o.str("template", r.Template)
	o.str("status", r.Status)
	o.str("encoding", r.Encoding)
	o.str("source_format", r.SourceFormat)

	cells := newObj()
	for _, d := range p.Disclosures {
		switch {
		case d.AmountYuan != nil:
			cells.str(d.Cell, d.AmountYuan.Compact())
		case d.Count != nil:
			cells.raw(d.Cell, strconv.FormatInt(*d.Count, 10))
		default:
			cells.raw(d.Cell, "null")
		}
	}
	for _, a := range p.Applications {
		cells.raw(a.Cell, intOrNull(a.Count))
	}
	for _, a := range p.Appeals {
		cells.raw(a.Cell, intOrNull(a.Count))
	}
	o.raw("cells", cells.String())
	o.json("issues", nonNil(p.Findings))

	ds := make([]map[string]any, 0, len(p.Disclosures))
	for _, d := range p.Disclosures {
		m := map[string]any{"cell": d.Cell, "item": d.Item, "metric": d.Metric, "label": d.Label,
			"count": d.Count, "amount_yuan": nil, "unit": d.Unit, "unit_inferred": d.UnitInferred, "raw": d.Raw, "line": d.Line}
		if d.AmountYuan != nil {
			m["amount_yuan"] = d.AmountYuan.String()
		}
		ds = append(ds, m)
	}
	o.json("disclosures", ds)
	as := make([]map[string]any, 0, len(p.Applications))
	for _, a := range p.Applications {
		as = append(as, map[string]any{"cell": a.Cell, "outcome": a.Outcome, "applicant": a.Applicant,
			"label": a.Label, "count": a.Count, "raw": a.Raw, "line": a.Line})
	}
	o.json("applications", as)
	ps := make([]map[string]any, 0, len(p.Appeals))
	for _, a := range p.Appeals {
		ps = append(ps, map[string]any{"cell": a.Cell, "proceeding": a.Proceeding, "outcome": a.Outcome,
			"count": a.Count, "raw": a.Raw, "line": a.Line})
	}
	o.json("appeals", ps)
	if o.err != nil {
		return o.err
	}
	_, err := io.WriteString(w, o.String()+"\n")
	return err
}

func nonNil(fs []schemas.Finding) []schemas.Finding {
	if fs == nil {
		return []schemas.Finding{}
	}
	return fs
}

func intOrNull(v *int64) string {
	if v == nil {
		return "null"
	}
	return strconv.FormatInt(*v, 10)
}

// obj builds a JSON object whose keys keep their insertion order, so the
// cells of a report read in template order.
type obj struct {
	buf []byte
	err error
}

func newObj() *obj { return &obj{buf: []byte{'{'}} }

func (o *obj) key(k string) {
	if len(o.buf) > 1 {
		o.buf = append(o.buf, ',')
	}
	o.buf = strconv.AppendQuote(o.buf, k)
	o.buf = append(o.buf, ':')
}

func (o *obj) raw(k, v string) { o.key(k); o.buf = append(o.buf, v...) }

func (o *obj) str(k, v string) { o.json(k, v) }

func (o *obj) ptrStr(k string, v *string) {
	if v == nil {
		o.raw(k, "null")
		return
	}
	o.json(k, *v)
}

func (o *obj) json(k string, v any) {
	b, err := json.Marshal(v)
	if err != nil && o.err == nil {
		o.err = fmt.Errorf("encode %s: %w", k, err)
	}
	o.raw(k, string(b))
}

func (o *obj) String() string { return string(o.buf) + "}" }

// Normalize runs `nianbao normalize`: each value (or each line of in when
// values is empty) becomes one JSON object on w.
func Normalize(kind, unit string, values []string, in io.Reader, w io.Writer) error {
	bw := bufio.NewWriter(w)
	emit := func(v string) error {
		k := normalize.Kind(kind)
		if k == "" {
			k = guessKind(v, unit)
		}
		b, err := json.Marshal(normalize.Normalize(k, v, unit))
		if err != nil {
			return err
		}
		bw.Write(b)
		return bw.WriteByte('\n')
	}
	if len(values) > 0 {
		for _, v := range values {
			if err := emit(v); err != nil {
				return err
			}
		}
		return bw.Flush()
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		if err := emit(sc.Text()); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read standard input: %w", err)
	}
	return bw.Flush()
}

// guessKind is the --kind default: amount when a header unit is given or
// the value carries a money mark or a 万/亿/千 multiplier (in these reports
// such figures are almost always money: 采购金额 16.4亿), count otherwise.
func guessKind(v, unit string) normalize.Kind {
	if k := normalize.KindOf(v, unit); k == normalize.KindAmount {
		return k
	}
	if strings.ContainsAny(v, "万亿千萬億") {
		return normalize.KindAmount
	}
	return normalize.KindCount
}
