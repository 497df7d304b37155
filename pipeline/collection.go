package pipeline

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unsafe"

	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform/division"
)

// The whole-collection pass. Who published a report is read per report,
// but which copies are one report, which copy stands for it, and whether a
// year's 上年结转 is last year's 结转下年度 need every report of the run.
// The cell tables depend on the parse alone and are written as reports
// arrive; what the pass needs of a report (its reports row, its findings
// and its cells as numbers: spool.go) is spooled to a temporary file in
// report_id order, with a few facts kept in memory; the groups are formed
// at the end, and the spool is replayed to the writer (reports and quality
// rows) with logical_report_id, is_canonical and the new findings filled
// in. The memory held is the facts (a few hundred bytes a report) and one
// group of copies at a time.
//
// Copies: reports are grouped by organ and year. The organ is its division
// code with what the name says after the divisions (教育局; a government,
// its general office and a street office by their kind), or, with no code,
// the organ's name as printed with spaces and brackets removed; a report
// without an organ is alone. Within a group, copies are one report when the
// cells both read agree (no disagreement, or at least 8 agreements and
// four for each disagreement): a PDF that lost a digit stays a copy, with a
// COPY_DISAGREES finding, while two organs printing one name (城关镇人民政府)
// with different tables stay apart. logical_report_id is the SHA-256 of
// the organ and the year (and, when one organ-year holds several reports,
// the smallest report_id of the copies), so it is stable while copies come
// and go.

type fact struct {
	// id, path and organ are kept in the collection's strs (c.str): the
	// facts are held to the end of the run, pointer-free.
	id, path sref
	organ    sref // "" when the report has no organ
	errs     int32
	warns    int32
	year     int32 // when hasYear
	hasYear  bool
	dup      bool // DUPLICATE_FILE: no rows of its own, never canonical
	off      int64
	n        int64
	// carry is where c.carries holds the cells the cross-year checks read
	// (appendCarried); diffs where the spool holds the copy's
	// disagreements with its canonical copy (appendDiff).
	carry uint32
	diffs span
}

// span is a range of the spool: n bytes at offset at.
type span struct {
	at int64
	n  uint32
}

// carried holds the values of the carryCells a report read: has has bit k
// set when it read carryCells[k], whose value is v[k]. (A map of them cost
// about 1 KB a report, held to the end of the run.)
type carried struct {
	v   [nCarry]int64
	has uint32
}

// The carry cells: 上年结转 (carried over) and 结转下年度 (carried forward)
// for each applicant column, then the running counts of regulations and
// normative documents.
const (
	carryOver    = 0
	carryForward = carryOver + 7
	carryRunning = carryForward + 7
	nCarry       = carryRunning + 2*3
)

var (
	applicants    = []string{"natural_person", "commercial", "research", "social", "legal", "other", "total"}
	runningItems  = []string{"regulations", "normative"}
	runningCounts = []string{"in_force", "issued", "abolished"}
	carryIndex    = func() map[string]int {
		m := map[string]int{}
		for k, col := range applicants {
			m["s3.carried_over."+col] = carryOver + k
			m["s3.carried_forward."+col] = carryForward + k
		}
		for i, item := range runningItems {
			for k, count := range runningCounts {
				m["s2."+item+"."+count] = carryRunning + 3*i + k
			}
		}
		return m
	}()
)

// set keeps v when cell is a carry cell. Nearly every cell of a report
// is given to it, and few are: a cell is looked up only when its first
// carryHead bytes are those of a carry cell (carryHeads), which spares
// most of them hashing the whole code.
func (c *carried) set(cell string, v int64) {
	if len(cell) < carryHead || !slices.Contains(carryHeads, headOf(cell)) {
		return
	}
	if k, ok := carryIndex[cell]; ok {
		c.v[k], c.has = v, c.has|1<<k
	}
}

// setFromEntry is eachValue(p, c.set) read from p's spool entry, whose
// cell values are eachValue's pairs: a few bytes a cell, where the walk
// over p's rows reads them again. A cell of the catalogue is its index
// there (carryAt); another is its bytes, given to set. Numbers of one byte,
// and cells' indexes of two, are read without binary.Uvarint's loop. It
// reports false, c being then partly set, when the values are not as
// appendVal writes them.
func (c *carried) setFromEntry(entry []byte) bool {
	size, m := binary.Uvarint(entry)
	if m <= 0 || size > uint64(len(entry)-m) {
		return false
	}
	b := entry[m : m+int(size)]
	n, m := binary.Uvarint(b)
	if m <= 0 {
		return false
	}
	b = b[m:]
	for ; n > 0; n-- {
		var t uint64 // the cell, as enc.cell wrote it
		switch {
		case len(b) > 0 && b[0] < 0x80:
			t, b = uint64(b[0]), b[1:]
		case len(b) > 1 && b[1] < 0x80:
			t, b = uint64(b[0]&0x7f)|uint64(b[1])<<7, b[2:]
		default:
			if t, m = binary.Uvarint(b); m <= 0 {
				return false
			}
			b = b[m:]
		}
		k := -1
		switch {
		case t-1 < uint64(len(carryAt)):
			k = int(carryAt[t-1])
		case t > uint64(len(carryAt)):
			l := t - uint64(len(carryAt)) - 1
			if l > uint64(len(b)) {
				return false
			}
			cell := unsafe.String(unsafe.SliceData(b), int(l)) // not kept
			b = b[l:]
			v, m := binary.Varint(b)
			if m <= 0 {
				return false
			}
			b = b[m:]
			c.set(cell, v)
			continue
		}
		if k < 0 && len(b) > 0 && b[0] < 0x80 {
			b = b[1:] // the value of a cell that is not carried
			continue
		}
		v, m := binary.Varint(b)
		if m <= 0 {
			return false
		}
		b = b[m:]
		if k >= 0 {
			c.v[k], c.has = v, c.has|1<<k
		}
	}
	return len(b) == 0
}

// carryAt is, for each of codecStrings, its carry cell's index, -1 when it
// is none.
var carryAt = func() []int8 {
	at := make([]int8, len(codecStrings))
	for k, s := range codecStrings {
		at[k] = -1
		if i, ok := carryIndex[s]; ok {
			at[k] = int8(i)
		}
	}
	return at
}()

// carryHead is how many bytes of a cell code headOf reads: "s3.car",
// "s2.reg" and "s2.nor" start the carry cells, and few others.
const carryHead = 6

// carryHeads are the heads (headOf) of the carry cells.
var carryHeads = func() []uint64 {
	var hs []uint64
	for cell := range carryIndex {
		if len(cell) < carryHead {
			panic("pipeline: carry cell " + cell + " is shorter than its head")
		}
		if h := headOf(cell); !slices.Contains(hs, h) {
			hs = append(hs, h)
		}
	}
	return hs
}()

// headOf is the first carryHead bytes of cell as a number; cell has at
// least that many.
func headOf(cell string) uint64 {
	_ = cell[carryHead-1]
	return uint64(cell[0]) | uint64(cell[1])<<8 | uint64(cell[2])<<16 | uint64(cell[3])<<24 |
		uint64(cell[4])<<32 | uint64(cell[5])<<40
}

func (c *carried) get(k int) (int64, bool) { return c.v[k], c.has&(1<<k) != 0 }

// appendCarried appends c to b: the bits of has, then each value read, in
// the order of the bits. (The array itself took 164 bytes a report to the
// end of the run, a few values of a few digits.)
func appendCarried(b []byte, c *carried) []byte {
	b = binary.AppendUvarint(b, uint64(c.has))
	for k := range nCarry {
		if c.has&(1<<k) != 0 {
			b = binary.AppendVarint(b, c.v[k])
		}
	}
	return b
}

// carried returns the carry cells of fact i.
func (c *collection) carried(i int) (v carried) {
	b := c.carries[c.facts[i].carry:]
	has, n := binary.Uvarint(b)
	b = b[n:]
	v.has = uint32(has)
	for k := range nCarry {
		if v.has&(1<<k) != 0 {
			v.v[k], n = binary.Varint(b)
			b = b[n:]
		}
	}
	return v
}

// diff is a COPY_DISAGREES finding, made into one when the copy is
// replayed: the copy reads act in the cell c.cells[cell] where its
// canonical copy (the fact canon) reads exp. The diffs are spooled after
// the reports, as finish finds them, and read back by the replay. (The
// findings themselves, message included, took about 300 bytes each from
// the end of the parse to the replay; diffs in memory, 24 bytes: 21 MB at
// 100 000 generated reports.)
type diff struct {
	canon    uint32
	cell     uint32
	exp, act int64
}

func appendDiff(b []byte, d diff) []byte {
	b = binary.AppendUvarint(b, uint64(d.canon))
	b = binary.AppendUvarint(b, uint64(d.cell))
	b = binary.AppendVarint(b, d.exp)
	return binary.AppendVarint(b, d.act)
}

// decodeDiffs appends the diffs of b to ds.
func decodeDiffs(ds []diff, b []byte) ([]diff, error) {
	d := &dec{b: b}
	for len(d.b) > 0 && d.err == nil {
		canon, cell := d.u(), d.u()
		x := diff{canon: uint32(canon), cell: uint32(cell), exp: d.i(), act: d.i()}
		if canon > math.MaxUint32 || cell > math.MaxUint32 {
			d.err = errCodec
		}
		ds = append(ds, x)
	}
	return ds, d.err
}

type collection struct {
	f     *os.File
	named bool // f still has its name in the temporary directory
	w     *bufio.Writer
	off   int64
	facts []fact
	buf   []byte
	vals  []byte // appendCellValues' scratch
	// carries holds the facts' carry cells (fact.carry)
	carries []byte
	// strs holds the facts' strings; organs the one copy of each organ
	// there, until finish.
	strs   strs
	organs map[string]sref
	// set by finish
	logical [][sha256.Size]byte
	canon   []bool
	nDiffs  int      // spooled
	dbuf    []byte   // appendDiff's scratch
	cells   []string // the cells of diffs
	cellAt  map[string]uint32
	extra   map[int][]schemas.Finding // after the diffs' findings
}

// reserve makes room for the facts of n reports.
func (c *collection) reserve(n int) { c.facts = slices.Grow(c.facts, n) }

func newCollection() (*collection, error) {
	f, err := os.CreateTemp("", "nianbao-collection-*")
	if err != nil {
		return nil, fmt.Errorf("collection spool: %w", err)
	}
	// The spool is read and written through f alone: its name, which
	// this run has just created, is removed at once where the system
	// lets an open file lose its name (Linux, macOS), so that a run
	// killed before close (SIGKILL, the OOM killer, a pod's eviction)
	// leaves nothing in the temporary directory: the system frees the
	// file with the process. Elsewhere close removes it.
	named := os.Remove(f.Name()) != nil
	return &collection{f: f, named: named, w: bufio.NewWriterSize(f, 1<<20), organs: map[string]sref{}}, nil
}

// close closes the spool, removing its name if it still has one (the
// file this run created), and lets go of what the collection holds of
// each report. It may be called twice.
func (c *collection) close() {
	if c.f != nil {
		name := c.f.Name()
		c.f.Close()
		if c.named {
			os.Remove(name)
		}
		c.f = nil
	}
	c.facts, c.carries, c.logical, c.canon, c.dbuf, c.extra = nil, nil, nil, nil, nil, nil
	c.strs = strs{}
	c.cells, c.cellAt, c.organs = nil, nil, nil
}

// resolveDivision fills who published p and its division findings.
func resolveDivision(p *schemas.Parsed) (organ string) {
	r := &p.Report
	if r.Agency == nil || *r.Agency == "" {
		return ""
	}
	// The context in one concatenation, not one for the title and
	// another for the URL.
	ctx := r.SourcePath
	switch {
	case r.Title != nil && r.URL != nil:
		ctx = *r.Title + " " + ctx + " " + *r.URL
	case r.Title != nil:
		ctx = *r.Title + " " + ctx
	case r.URL != nil:
		ctx += " " + *r.URL
	}
	res := division.Resolve(division.Input{Agency: *r.Agency, Context: ctx, Text: p.Context})
	// The seven strings the row points to, in one allocation instead of
	// one each.
	vals := [7]string{res.Code, res.Province, res.City, res.County, res.Township, res.Level, res.Kind}
	var held *[7]string
	set := func(i int) *string {
		if vals[i] == "" {
			return nil
		}
		if held == nil {
			held = new([7]string)
			*held = vals
		}
		return &held[i]
	}
	r.DivisionCode, r.Province, r.City, r.County, r.Township = set(0), set(1), set(2), set(3), set(4)
	r.AgencyLevel, r.AgencyKind = set(5), set(6)
	switch {
	case res.Code != "":
		switch res.Kind {
		case division.KindGovernment, division.KindGeneralOffice, division.KindStreetOffice:
			return "code:" + res.Code + "|" + res.Kind
		}
		return "code:" + res.Code + "|" + division.StripSpace(res.Organ)
	case len(res.Ambiguous) > 1:
		// The codes joined by spaces and the message built without fmt:
		// a third of the reports name an organ many divisions share.
		var codes strings.Builder
		codes.Grow(len(res.Ambiguous) * (len(res.Ambiguous[0].Code) + 1))
		for i, n := range res.Ambiguous {
			if i > 0 {
				codes.WriteByte(' ')
			}
			codes.WriteString(n.Code)
		}
		exp := codes.String()
		p.Findings = append(p.Findings, schemas.Finding{Rule: ruleDivisionAmbiguous.Code, Severity: schemas.SeverityInfo, Kind: ruleDivisionAmbiguous.Kind,
			Cell: "division_code", Expected: &exp,
			Message: *r.Agency + " names a division shared by " + strconv.Itoa(len(res.Ambiguous)) + " divisions and nothing in the report says which"})
	case res.Level != division.LevelCentral:
		p.Findings = append(p.Findings, schemas.Finding{Rule: ruleDivisionUnknown.Code, Severity: schemas.SeverityInfo, Kind: ruleDivisionUnknown.Kind,
			Cell: "division_code", Message: *r.Agency + " names no division known to the NBS 2023 table"})
	}
	return "name:" + division.StripSpace(*r.Agency)
}

// holdEncoded resolves p's organ, spools it and keeps its facts. id is
// p's report_id in a string the caller keeps anyway (a job's): the fact
// shares it, 80 bytes a report. Otherwise ("", or another string) the fact
// keeps a copy: a parse loaded from the state store cuts its strings from
// one string of its whole entry, which must not stay alive. pre is p's
// spool entry when it was made as p was stored (state.store), nil
// otherwise; it is used only when it is what holdEncoded would write, that
// is when holdEncoded changes nothing of p, and goes back to spoolBuffers.
func (c *collection) holdEncoded(p *schemas.Parsed, id string, pre *[]byte) error {
	if pre != nil {
		defer spoolBuffers.Put(pre)
	}
	if id != p.Report.ReportID {
		id = strings.Clone(p.Report.ReportID)
	}
	organ := p.Organ
	if organ == "" {
		// Not read through ParseSource (which settles it): settle it now.
		organ = resolveDivision(p)
		pre = nil
	}
	issues, status := int32(len(p.Findings)), schemas.StatusOf(p.Findings)
	if p.Report.IssueCount != issues || p.Report.Status != status {
		pre = nil
	}
	p.Report.IssueCount, p.Report.Status = issues, status
	// The organ is a copy (not a piece of a loaded entry), one per organ:
	// an organ has a report a year, and copies.
	f := fact{id: c.strs.addID(id), path: c.strs.add(p.Report.SourcePath), organ: c.intern(organ), off: c.off, carry: uint32(len(c.carries))}
	if y := p.Report.ReportYear; y != nil {
		f.year, f.hasYear = *y, true
	}
	for _, x := range p.Findings {
		switch x.Severity {
		case schemas.SeverityError:
			f.errs++
		case schemas.SeverityWarning, schemas.SeverityRepaired:
			f.warns++
		}
		if x.Rule == "DUPLICATE_FILE" {
			f.dup = true
		}
	}
	var carry carried
	if pre == nil || !carry.setFromEntry(*pre) {
		carry = carried{}
		eachValue(p, carry.set) // the carry cells alone are kept
	}
	if len(c.carries) > math.MaxUint32-nCarry*binary.MaxVarintLen64 {
		return fmt.Errorf("collection: more reports than it can hold")
	}
	c.carries = appendCarried(c.carries, &carry)
	var body []byte // written after its length
	if pre != nil {
		body = *pre
	} else {
		c.vals = appendCellValues(c.vals[:0], p)
		c.buf = appendEntry(c.buf[:0], c.vals, p)
		body = c.buf
	}
	var hdr [binary.MaxVarintLen64]byte
	h := binary.PutUvarint(hdr[:], uint64(len(body)))
	if _, err := c.w.Write(hdr[:h]); err != nil {
		return fmt.Errorf("collection spool: %w", err)
	}
	if _, err := c.w.Write(body); err != nil {
		return fmt.Errorf("collection spool: %w", err)
	}
	f.off, f.n = c.off+int64(h), int64(len(body))
	c.off += int64(h) + int64(len(body))
	c.facts = append(c.facts, f)
	return nil
}

// eachValue calls f with every cell p read as a number, in the order of
// its tables: counts, and amounts in fen (what copies and cross-year
// checks compare). A cell read twice is given twice; the later value
// stands.
//
// The rows are read in place: a copy of each (range by value) cost more
// than the rest of the walk.
func eachValue(p *schemas.Parsed, f func(cell string, v int64)) {
	for k := range p.Disclosures {
		if v, ok := disclosureValue(&p.Disclosures[k]); ok {
			f(p.Disclosures[k].Cell, v)
		}
	}
	for k := range p.Applications {
		if a := &p.Applications[k]; a.Count != nil {
			f(a.Cell, *a.Count)
		}
	}
	for k := range p.Appeals {
		if a := &p.Appeals[k]; a.Count != nil {
			f(a.Cell, *a.Count)
		}
	}
}

// disclosureValue is the number a disclosures row holds: its count, else
// its amount in fen.
func disclosureValue(d *schemas.Disclosure) (int64, bool) {
	switch {
	case d.Count != nil:
		return *d.Count, true
	case d.AmountYuan != nil:
		return int64(*d.AmountYuan), true
	}
	return 0, false
}

// entry reads the spooled entry of report i into *buf.
func (c *collection) entry(i int, buf *[]byte) ([]byte, error) {
	f := c.facts[i]
	if int64(cap(*buf)) < f.n {
		*buf = make([]byte, f.n)
	}
	b := (*buf)[:f.n]
	if _, err := c.f.ReadAt(b, f.off); err != nil {
		return nil, fmt.Errorf("collection spool: %w", err)
	}
	return b, nil
}

// yearKey is the year of the fact in the key of its organ-year.
func (f *fact) yearKey() string {
	if !f.hasYear {
		return "?"
	}
	return strconv.Itoa(int(f.year))
}

// intern keeps the organ in c.strs once for all reports of the organ.
func (c *collection) intern(organ string) sref {
	switch {
	case organ == "":
		return sref{}
	case c.organs == nil: // after finish
		return c.strs.add(organ)
	}
	if r, ok := c.organs[organ]; ok {
		return r
	}
	r := c.strs.add(organ)
	c.organs[c.strs.get(r)] = r
	return r
}

// str is a string of the facts (fact.id, path, organ).
func (c *collection) str(r sref) string { return c.strs.get(r) }

// logicalSum is the SHA-256 behind a logical_report_id (its hex form).
func logicalSum(parts ...string) (sum [sha256.Size]byte) {
	h := sha256.New()
	io.WriteString(h, "nianbao-logical-report-v1")
	for _, p := range parts {
		h.Write([]byte{0})
		io.WriteString(h, p)
	}
	h.Sum(sum[:0])
	return sum
}

// sameReport says whether two readings are copies of one report.
func sameReport(a, b cellVals) (agree, differ int, same bool) {
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch c := strings.Compare(a[i].cell, b[j].cell); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			if a[i].v == b[j].v {
				agree++
			} else {
				differ++
			}
			i++
			j++
		}
	}
	return agree, differ, differ == 0 || (agree >= 8 && agree >= 4*differ)
}

// better orders the copies of one report: the canonical one first.
func (c *collection) better(i, j int) bool {
	a, b := c.facts[i], c.facts[j]
	if a.dup != b.dup {
		return !a.dup
	}
	if a.errs != b.errs {
		return a.errs < b.errs
	}
	if a.warns != b.warns {
		return a.warns < b.warns
	}
	if o := c.strs.compare(a.id, b.id); o != 0 {
		return o < 0
	}
	return c.str(a.path) < c.str(b.path)
}

// finish forms the groups of copies and the cross-year findings.
func (c *collection) finish(ctx context.Context) error {
	if err := c.w.Flush(); err != nil {
		return fmt.Errorf("collection spool: %w", err)
	}
	c.organs = nil // the facts hold them
	n := len(c.facts)
	c.logical, c.canon = make([][sha256.Size]byte, n), make([]bool, n)
	c.nDiffs, c.cells, c.cellAt, c.extra = 0, nil, map[string]uint32{}, map[int][]schemas.Finding{}
	groups := map[string][]int{}
	var keys []string
	for i, f := range c.facts {
		if f.organ.n == 0 {
			c.logical[i], c.canon[i] = logicalSum("report", c.str(f.id), c.str(f.path)), true
			continue
		}
		k := c.str(f.organ) + "\x00" + f.yearKey()
		if groups[k] == nil {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], i)
	}
	sort.Strings(keys)
	// canonical member of the single report of an organ-year, for the
	// cross-year checks; absent when the organ-year holds several reports.
	single := map[string]int{}
	for _, k := range keys {
		if err := ctx.Err(); err != nil {
			return err
		}
		members := groups[k]
		clusters, err := c.cluster(members)
		if err != nil {
			return err
		}
		for _, cl := range clusters {
			id := logicalSum(k)
			if len(clusters) > 1 {
				first := c.facts[cl.members[0]].id
				for _, m := range cl.members {
					if c.strs.compare(c.facts[m].id, first) < 0 {
						first = c.facts[m].id
					}
				}
				id = logicalSum(k, c.str(first))
			}
			for _, m := range cl.members {
				c.logical[m] = id
			}
			c.canon[cl.canon] = true
		}
		if len(clusters) == 1 {
			single[k] = clusters[0].canon
		}
	}
	c.crossYear(groups, single)
	if err := c.w.Flush(); err != nil { // the diffs
		return fmt.Errorf("collection spool: %w", err)
	}
	return nil
}

type copies struct {
	members []int
	canon   int
}

// cluster splits an organ-year's reports into reports, each with its
// copies and its canonical copy, and records the copies' disagreements.
func (c *collection) cluster(members []int) ([]copies, error) {
	if len(members) == 1 {
		return []copies{{members, members[0]}}, nil
	}
	vals := make([]cellVals, len(members))
	for k, m := range members {
		b, err := c.entry(m, &c.buf)
		if err != nil {
			return nil, err
		}
		if vals[k], err = decodeCellValues(b); err != nil {
			return nil, fmt.Errorf("collection spool: entry %d: %w", m, err)
		}
	}
	// Readings with more cells first (report_id, then path, breaking
	// ties), so a cluster's first member, the one others are compared
	// with, is its fullest reading. A copy of the same bytes joins its
	// twin; a reading with no cells (a table not read) joins the only
	// report of the organ-year, or stays alone when there are several.
	order := make([]int, len(members))
	for k := range order {
		order[k] = k
	}
	sort.SliceStable(order, func(x, y int) bool {
		a, b := order[x], order[y]
		if len(vals[a]) != len(vals[b]) {
			return len(vals[a]) > len(vals[b])
		}
		return false // members are in report_id, path order already
	})
	var cls [][]int // indexes into members
	for _, k := range order {
		placed := -1
		for ci, cl := range cls {
			for _, o := range cl {
				if c.strs.compare(c.facts[members[o]].id, c.facts[members[k]].id) == 0 {
					placed = ci
				}
			}
		}
		switch {
		case placed >= 0:
		case len(vals[k]) == 0 && len(cls) == 1:
			placed = 0
		case len(vals[k]) == 0:
		default:
			for ci, cl := range cls {
				if agree, _, same := sameReport(vals[cl[0]], vals[k]); same && agree > 0 {
					placed = ci
					break
				}
			}
		}
		if placed >= 0 {
			cls[placed] = append(cls[placed], k)
		} else {
			cls = append(cls, []int{k})
		}
	}
	out := make([]copies, 0, len(cls))
	for _, cl := range cls {
		best := cl[0]
		for _, k := range cl[1:] {
			if c.better(members[k], members[best]) {
				best = k
			}
		}
		cp := copies{canon: members[best]}
		for _, k := range cl {
			cp.members = append(cp.members, members[k])
			if k != best {
				if err := c.disagreements(members[k], members[best], vals[k], vals[best]); err != nil {
					return nil, err
				}
			}
		}
		out = append(out, cp)
	}
	return out, nil
}

func (c *collection) disagreements(i, canon int, mine, theirs cellVals) error {
	c.dbuf = c.dbuf[:0]
	n := 0
	for x, y := 0, 0; x < len(mine) && y < len(theirs); {
		cell := mine[x].cell
		switch cmp := strings.Compare(cell, theirs[y].cell); {
		case cmp < 0:
			x++
			continue
		case cmp > 0:
			y++
			continue
		}
		act, exp := mine[x].v, theirs[y].v
		x++
		y++
		if act == exp {
			continue
		}
		n++
		k, ok := c.cellAt[cell]
		if !ok {
			// The cell is cut from the copy's decoded entry: keep the
			// catalogue's string, or a copy.
			name := strings.Clone(cell)
			if j, ok := codecIndex[cell]; ok {
				name = codecStrings[j]
			}
			k = uint32(len(c.cells))
			c.cells = append(c.cells, name)
			c.cellAt[name] = k
		}
		c.dbuf = appendDiff(c.dbuf, diff{canon: uint32(canon), cell: k, exp: exp, act: act})
	}
	if n == 0 {
		return nil
	}
	if _, err := c.w.Write(c.dbuf); err != nil {
		return fmt.Errorf("collection spool: %w", err)
	}
	c.facts[i].diffs = span{at: c.off, n: uint32(len(c.dbuf))}
	c.off += int64(len(c.dbuf))
	c.nDiffs += n
	return nil
}

// finding is the COPY_DISAGREES finding of d.
func (c *collection) finding(d diff) schemas.Finding {
	cf, cell := c.facts[d.canon], c.cells[d.cell]
	exp, act := valueText(cell, d.exp), valueText(cell, d.act)
	return schemas.Finding{Rule: ruleCopyDisagrees.Code, Severity: schemas.SeverityWarning, Kind: ruleCopyDisagrees.Kind,
		Cell: cell, Expected: &exp, Actual: &act,
		Message: fmt.Sprintf("the canonical copy %s (report %s) reads %s here, this copy %s", c.str(cf.path), short(c.str(cf.id)), exp, act)}
}

// short is a report_id's first 12 characters, as messages print it.
func short(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

func valueText(cell string, v int64) string {
	if strings.HasSuffix(cell, ".amount_yuan") {
		return schemas.Yuan(v).String()
	}
	return strconv.FormatInt(v, 10)
}

// crossYear compares consecutive years of each organ.
func (c *collection) crossYear(groups map[string][]int, single map[string]int) {
	var keys []string
	for k := range single {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		organ, ys, _ := strings.Cut(k, "\x00")
		y, err := strconv.Atoi(ys)
		if err != nil {
			continue
		}
		prev, ok := single[organ+"\x00"+strconv.Itoa(y-1)]
		if !ok {
			continue
		}
		pf, pc := c.facts[prev], c.carried(prev)
		for _, m := range groups[k] {
			fc := c.carried(m)
			c.carry(m, &fc, &pc, pf, y)
			c.running(m, &fc, &pc, pf)
		}
	}
}

func (c *collection) carry(m int, fc, pc *carried, pf fact, y int) {
	for k, col := range applicants {
		now, ok1 := fc.get(carryOver + k)
		last, ok2 := pc.get(carryForward + k)
		if !ok1 || !ok2 || now == last {
			continue
		}
		exp, act := strconv.FormatInt(last, 10), strconv.FormatInt(now, 10)
		c.extra[m] = append(c.extra[m], schemas.Finding{Rule: ruleCrossYearCarry.Code, Severity: schemas.SeverityWarning, Kind: ruleCrossYearCarry.Kind,
			Cell: "s3.carried_over." + col, Expected: &exp, Actual: &act,
			Message: fmt.Sprintf("上年结转 %s here, but the %d report %s (report %s) carried %s forward (结转下年度)", act, y-1, c.str(pf.path), short(c.str(pf.id)), exp)})
	}
}

func (c *collection) running(m int, fc, pc *carried, pf fact) {
	for i, item := range runningItems {
		at := carryRunning + 3*i // in_force, issued, abolished
		last, ok1 := pc.get(at)
		now, ok2 := fc.get(at)
		issued, ok3 := fc.get(at + 1)
		abolished, ok4 := fc.get(at + 2)
		if !ok1 || !ok2 || !ok3 || !ok4 || last+issued-abolished == now {
			continue
		}
		exp, act := strconv.FormatInt(last+issued-abolished, 10), strconv.FormatInt(now, 10)
		c.extra[m] = append(c.extra[m], schemas.Finding{Rule: ruleCrossYearCount.Code, Severity: schemas.SeverityWarning, Kind: ruleCrossYearCount.Kind,
			Cell: "s2." + item + ".in_force", Expected: &exp, Actual: &act,
			Message: fmt.Sprintf("现行有效 %s here; last year's report %s had %d in force, and %d issued less %d abolished make %s", act, c.str(pf.path), last, issued, abolished, exp)})
	}
}

// replay hands every spooled report to emit, in the order held, with the
// collection's columns and findings filled in, and no cell rows. emit must
// not keep the report's findings slice once it returns (load's streaming
// Writer copies the rows it buffers): a later report is decoded into it.
//
// Reports are decoded on a goroutine of their own, in batches of
// replayBatch, one batch ahead of emit, which runs on the caller's: the
// two take turns over two batches' rows, with one hand-off a batch (one a
// report costs more than it overlaps). replay returns once that goroutine
// has ended. Errors are those of decoding and emitting one after the
// other: the first report that cannot be read or emitted, or ctx's error
// before a report.
func (c *collection) replay(ctx context.Context, emit func(*schemas.Parsed) error) error {
	if _, err := c.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("collection spool: %w", err)
	}
	dctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ready := make(chan []*schemas.Parsed, 1)
	free := make(chan []*schemas.Parsed, 2)
	free <- make([]*schemas.Parsed, replayBatch)
	free <- make([]*schemas.Parsed, replayBatch)
	var derr error
	go func() {
		defer close(ready)
		derr = c.decode(dctx, ready, free)
	}()
	var err error
	for batch := range ready {
		for _, p := range batch {
			if err != nil {
				break
			}
			if err = ctx.Err(); err == nil {
				err = emit(p)
			}
			if err != nil {
				cancel()
			}
		}
		free <- batch[:cap(batch)]
	}
	// ready is closed: the decoding goroutine has ended, and derr is set.
	if err != nil {
		return err
	}
	return derr
}

// replayBatch is how many reports replay decodes at a time.
const replayBatch = 32

// decode is replay's decoding side: it sends every spooled report to
// ready, in batches decoded into the rows of a batch taken from free
// (nil entries allocate), until one fails or ctx is done. The reports
// decoded before a failure are sent first.
func (c *collection) decode(ctx context.Context, ready chan<- []*schemas.Parsed, free <-chan []*schemas.Parsed) (err error) {
	r := bufio.NewReaderSize(c.f, 1<<20)
	var b, db []byte
	var ds []diff
	batch := <-free
	k := 0
	defer func() {
		if k > 0 {
			ready <- batch[:k]
		}
	}()
	for i := range c.facts {
		if k == len(batch) {
			ready <- batch
			batch, k = <-free, 0
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		n, err := binary.ReadUvarint(r)
		if err != nil || int64(n) != c.facts[i].n {
			return fmt.Errorf("collection spool: entry %d damaged", i)
		}
		if uint64(cap(b)) < n {
			b = make([]byte, n)
		}
		b = b[:n]
		if _, err := io.ReadFull(r, b); err != nil {
			return fmt.Errorf("collection spool: %w", err)
		}
		p, err := decodeEntryReport(b, batch[k])
		if err != nil {
			return fmt.Errorf("collection spool: entry %d: %w", i, err)
		}
		p.Report.LogicalReportID, p.Report.IsCanonical = hex.EncodeToString(c.logical[i][:]), c.canon[i]
		if sp := c.facts[i].diffs; sp.n > 0 {
			db = slices.Grow(db[:0], int(sp.n))[:sp.n]
			if _, err := c.f.ReadAt(db, sp.at); err != nil {
				return fmt.Errorf("collection spool: %w", err)
			}
			if ds, err = decodeDiffs(ds[:0], db); err != nil {
				return fmt.Errorf("collection spool: the copy disagreements of entry %d: %w", i, err)
			}
		} else {
			ds = ds[:0]
		}
		xs := c.extra[i]
		for _, d := range ds {
			p.Findings = append(p.Findings, c.finding(d))
		}
		if len(ds)+len(xs) > 0 {
			p.Findings = append(p.Findings, xs...)
			p.Report.IssueCount = int32(len(p.Findings))
			p.Report.Status = schemas.StatusOf(p.Findings)
		}
		p.SetKey()
		batch[k] = p
		k++
	}
	return nil
}
