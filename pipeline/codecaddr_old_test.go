package pipeline

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform"
)

// oldEnc is enc as it was before str told a derived value by its address
// inline, and before enc kept the lengths of the two catalogue strings
// written last (strAny's and parts' guesses read codecStrings for them):
// its methods and the append functions below are the code of then,
// renamed.
type oldEnc struct {
	b      []byte
	k1, k2 int32
	miss   string
	p1, p2 *byte
}

func (e *oldEnc) u(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *oldEnc) i(v int64)  { e.b = binary.AppendVarint(e.b, v) }
func (e *oldEnc) s(v string) { e.str(v, "") }

func (e *oldEnc) str(v, derived string) {
	if v == derived {
		e.b = append(e.b, 0)
		return
	}
	e.strAny(v)
}

func (e *oldEnc) strAny(v string) {
	var k int32
	if p := unsafe.StringData(v); p == e.p2 && e.k2 != 0 && len(v) == len(codecStrings[e.k2-1]) {
		k = e.k2
	} else if g := codecNext[e.k2]; g != 0 && sameString(codecStrings[g-1], v) {
		k = g
	} else if g := codecNext[e.k1]; g != 0 && sameString(codecStrings[g-1], v) {
		k = g
	} else if v != e.miss {
		if i, ok := codecTable.index(v); ok {
			k = int32(i) + 1
		}
	}
	if k != 0 {
		e.k1, e.k2 = k, e.k1
		e.p1, e.p2 = unsafe.StringData(v), e.p1
		e.u(uint64(k))
		return
	}
	e.miss = v
	e.u(uint64(len(codecStrings) + 1 + len(v)))
	e.b = append(e.b, v...)
}

func (e *oldEnc) raw(v string, n *int64) {
	var same bool
	switch {
	case n == nil:
		same = v == ""
	case len(v) == 0 || v[0] < '-' || v[0] > '9':
	case *n >= 0 && *n < 10:
		same = len(v) == 1 && v[0] == '0'+byte(*n)
	case *n >= 10 && *n < 100:
		same = len(v) == 2 && v[0] == '0'+byte(*n/10) && v[1] == '0'+byte(*n%10)
	default:
		var digits [20]byte
		same = string(strconv.AppendInt(digits[:0], *n, 10)) == v
	}
	if same {
		e.u(0)
		return
	}
	if v == "" {
		e.str(v, "-")
	} else {
		e.str(v, "")
	}
}

func (e *oldEnc) line(v int32, last *int32) { e.i(int64(v) - int64(*last)); *last = v }
func (e *oldEnc) bl(v bool)                 { e.b = append(e.b, boolByte(v)) }
func (e *oldEnc) ps(v *string) {
	e.bl(v != nil)
	if v != nil {
		e.s(*v)
	}
}
func (e *oldEnc) pi(v *int64) {
	e.bl(v != nil)
	if v != nil {
		e.i(*v)
	}
}
func (e *oldEnc) pi32(v *int32) {
	e.bl(v != nil)
	if v != nil {
		e.i(int64(*v))
	}
}

func (e *oldEnc) parts(cell string) (string, string) {
	if k := e.k1; k != 0 && sameString(codecStrings[k-1], cell) {
		p := &codecParts[k]
		return p[0], p[1]
	}
	return splitCell(cell)
}

func appendParsedSpoolOld(b, spool []byte, p *schemas.Parsed) (out, spoolOut []byte) {
	b0 := len(b)
	b, vals, n, rowsAt, rowsEnd := appendParsedValsOld(b, []byte{}, p)
	var hdr [binary.MaxVarintLen64]byte
	h := binary.PutUvarint(hdr[:], uint64(n))
	spool = binary.AppendUvarint(spool, uint64(h+len(vals)))
	spool = append(spool, hdr[:h]...)
	spool = append(spool, vals...)
	spool = append(spool, b[b0:b0+rowsAt]...)
	spool = append(spool, 0, 0, 0)
	spool = append(spool, b[b0+rowsEnd:]...)
	return b, spool
}

func appendParsedValsOld(b, vals []byte, p *schemas.Parsed) (out, valsOut []byte, n, rowsAt, rowsEnd int) {
	b0 := len(b)
	e := &oldEnc{b: b}
	e.u(codecVersion)
	var line int32
	appendReportOld(e, &p.Report, &line)
	rowsAt = len(e.b) - b0
	e.u(uint64(len(p.Disclosures)))
	for k := range p.Disclosures {
		x, at := &p.Disclosures[k], len(e.b)
		appendDisclosureOld(e, x, &line)
		if v, ok := disclosureValue(x); ok && vals != nil {
			vals, n = appendVal(vals, e.b[at:], v), n+1
		}
	}
	e.u(uint64(len(p.Applications)))
	for k := range p.Applications {
		x, at := &p.Applications[k], len(e.b)
		appendApplicationOld(e, x, &line)
		if vals != nil && x.Count != nil {
			vals, n = appendVal(vals, e.b[at:], *x.Count), n+1
		}
	}
	e.u(uint64(len(p.Appeals)))
	for k := range p.Appeals {
		x, at := &p.Appeals[k], len(e.b)
		appendAppealOld(e, x, &line)
		if vals != nil && x.Count != nil {
			vals, n = appendVal(vals, e.b[at:], *x.Count), n+1
		}
	}
	rowsEnd = len(e.b) - b0
	e.u(uint64(len(p.Findings)))
	for k := range p.Findings {
		appendFindingOld(e, &p.Findings[k], &line)
	}
	e.s(p.Organ)
	return e.b, vals, n, rowsAt, rowsEnd
}

func appendReportOld(e *oldEnc, x *schemas.Report, line *int32) {
	e.s(x.ReportID)
	e.pi32(x.ReportYear)
	e.s(x.SourcePath)
	e.s(x.SourceFormat)
	e.s(x.Encoding)
	e.i(x.SourceBytes)
	e.ps(x.Agency)
	e.s(x.Template)
	e.s(x.Status)
	e.i(int64(x.IssueCount))
	e.s(x.ParserVersion)
	e.i(x.IngestedAt.UnixMicro())
	e.ps(x.Title)
	e.ps(x.URL)
	e.pi32((*int32)(x.Published))
	e.ps(x.DivisionCode)
	e.ps(x.Province)
	e.ps(x.City)
	e.ps(x.County)
	e.ps(x.Township)
	e.ps(x.AgencyLevel)
	e.ps(x.AgencyKind)
	e.s(x.LogicalReportID)
	e.bl(x.IsCanonical)
}

func appendDisclosureOld(e *oldEnc, x *schemas.Disclosure, line *int32) {
	e.s(x.Cell)
	c0, c1 := e.parts(x.Cell)
	e.str(x.Item, c0)
	e.str(x.Metric, c1)
	e.s(x.Label)
	e.pi(x.Count)
	e.pi((*int64)(x.AmountYuan))
	e.ps(x.Unit)
	e.bl(x.UnitInferred)
	e.raw(x.Raw, x.Count)
	e.line(x.Line, line)
}

func appendApplicationOld(e *oldEnc, x *schemas.Application, line *int32) {
	e.s(x.Cell)
	c0, c1 := e.parts(x.Cell)
	e.str(x.Outcome, c0)
	e.str(x.Applicant, c1)
	e.s(x.Label)
	e.pi(x.Count)
	e.raw(x.Raw, x.Count)
	e.line(x.Line, line)
}

func appendAppealOld(e *oldEnc, x *schemas.Appeal, line *int32) {
	e.s(x.Cell)
	c0, c1 := e.parts(x.Cell)
	e.str(x.Proceeding, c0)
	e.str(x.Outcome, c1)
	e.pi(x.Count)
	e.raw(x.Raw, x.Count)
	e.line(x.Line, line)
}

func appendFindingOld(e *oldEnc, x *schemas.Finding, line *int32) {
	e.s(x.Rule)
	e.s(x.Severity)
	e.s(x.Kind)
	e.s(x.Cell)
	e.ps(x.Expected)
	e.ps(x.Actual)
	e.s(x.Message)
	e.pi32(x.Line)
}

// sameAsOldEnc fails when appendParsedSpool and appendParsed write for p
// other bytes than the code before did, appending to a buffer that holds
// bytes already.
func sameAsOldEnc(t testing.TB, p *schemas.Parsed) {
	t.Helper()
	got, gotSpool := appendParsedSpool([]byte("xy"), []byte("z"), p)
	want, wantSpool := appendParsedSpoolOld([]byte("xy"), []byte("z"), p)
	if !bytes.Equal(got, want) {
		i := 0
		for i < min(len(got), len(want)) && got[i] == want[i] {
			i++
		}
		t.Fatalf("%s: encoded differently from byte %d:\n%x\n%x", p.Report.SourcePath, i, got[i:min(len(got), i+40)], want[i:min(len(want), i+40)])
	}
	if !bytes.Equal(gotSpool, wantSpool) {
		t.Fatalf("%s: the spool entry differs", p.Report.SourcePath)
	}
	if a := appendParsed([]byte("xy"), p); !bytes.Equal(a, want) {
		t.Fatalf("%s: appendParsed differs", p.Report.SourcePath)
	}
}

// parsesOfSeeds parses the shared seed reports.
func parsesOfSeeds(t testing.TB) []*schemas.Parsed {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "seeds", "*.*"))
	var ps []*schemas.Parsed
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil || len(b) == 0 {
			continue
		}
		p := transform.Parse(extract.ReadBytes(filepath.Base(f), b, extract.Limits{}))
		p.SetKey()
		ps = append(ps, p)
	}
	if len(ps) == 0 {
		t.Fatal("no seeds")
	}
	return ps
}

// edgeStrings are strings around enc's cases: empty ones, every catalogue
// string (numbers of one and of two bytes) at its own address and copied,
// starts of them at their address, strings in full of lengths around a
// varint's bounds.
func edgeStrings() []string {
	vs := []string{"", "-", "0", "x"}
	for _, s := range codecStrings {
		vs = append(vs, s, strings.Clone(s), s[:len(s)/2])
	}
	for _, n := range []int{1, 127 - len(codecStrings), 126, 127, 128, 129, 16383 - len(codecStrings), 16384, 20000} {
		if n > 0 {
			vs = append(vs, strings.Repeat("a", n))
		}
	}
	return vs
}

// TestEncAddrSameAsOld: the encoder writes what the code before wrote, for
// generated parses, the repository's samples and tests, the seeds, those
// changed by mutate, and parses of rows made of edge strings.
func TestEncAddrSameAsOld(t *testing.T) {
	ps, _ := generatedParses(t, 200)
	ps = append(ps, parsesOfSamples(t)...)
	ps = append(ps, parsesOfSeeds(t)...)
	r := rand.New(rand.NewPCG(3, 4))
	for _, p := range ps {
		sameAsOldEnc(t, p)
		for range 3 {
			q := clonedRows(p)
			ops := make([]byte, 2*(1+r.IntN(40)))
			for i := range ops {
				ops[i] = byte(r.Uint32())
			}
			mutate(q, ops)
			sameAsOldEnc(t, q)
		}
	}
	vs := edgeStrings()
	for range 300 {
		q := edgeParse(ps[r.IntN(len(ps))], func() string { return vs[r.IntN(len(vs))] }, r.Int64N)
		sameAsOldEnc(t, q)
	}
}

// edgeParse is p with rows whose strings pick gives, cells that are the
// start of the row before's (at its address), and counts and raw texts of
// numbers around the encoder's bounds.
func edgeParse(p *schemas.Parsed, pick func() string, num func(int64) int64) *schemas.Parsed {
	q := clonedRows(p)
	count := func() (*int64, string) {
		n := []int64{0, 9, 10, 99, 100, 1 << 40, -1}[num(7)]
		raw := strconv.FormatInt(n, 10)
		switch num(4) {
		case 0:
			return nil, pick()
		case 1:
			raw = pick()
		}
		return &n, raw
	}
	start := func(s string) string { return s[:num(int64(len(s))+1)] }
	for i := range q.Applications {
		a := &q.Applications[i]
		if num(2) == 0 {
			a.Cell, a.Outcome, a.Applicant, a.Label = pick(), pick(), pick(), pick()
			a.Count, a.Raw = count()
		}
		if i > 0 && num(4) == 0 {
			a.Cell = start(q.Applications[i-1].Cell)
		}
	}
	for i := range q.Disclosures {
		d := &q.Disclosures[i]
		if num(2) == 0 {
			d.Cell, d.Item, d.Metric, d.Label = pick(), pick(), pick(), pick()
			d.Count, d.Raw = count()
		}
		if i > 0 && num(4) == 0 {
			d.Cell = start(q.Disclosures[i-1].Cell)
		}
	}
	for i := range q.Appeals {
		a := &q.Appeals[i]
		if num(2) == 0 {
			a.Cell, a.Proceeding, a.Outcome = pick(), pick(), pick()
			a.Count, a.Raw = count()
		}
		if i > 0 && num(4) == 0 {
			a.Cell = start(q.Appeals[i-1].Cell)
		}
	}
	if num(2) == 0 {
		q.Organ, q.Report.ReportID = pick(), pick()
	}
	return q
}

func FuzzEncAddrSameAsOld(f *testing.F) {
	ps, _ := generatedParses(f, 8)
	vs := edgeStrings()
	f.Add(uint8(0), []byte{}, "", uint64(0))
	f.Add(uint8(1), []byte{5, 3, 7, 3, 0, 1, 2, 9, 0x85, 2}, "s3.granted.natural_person", uint64(7))
	f.Add(uint8(2), []byte{1, 0, 3, 4, 4, 4, 6, 10, 8, 1, 9, 2}, "\u3000", uint64(1<<40))
	f.Fuzz(func(t *testing.T, which uint8, ops []byte, s string, seed uint64) {
		q := clonedRows(ps[int(which)%len(ps)])
		mutate(q, ops)
		sameAsOldEnc(t, q)
		r := rand.New(rand.NewPCG(seed, uint64(len(ops))))
		pick := func() string {
			switch r.IntN(3) {
			case 0:
				return s
			case 1:
				return s[:r.IntN(len(s)+1)]
			}
			return vs[r.IntN(len(vs))]
		}
		sameAsOldEnc(t, edgeParse(q, pick, r.Int64N))
	})
}
