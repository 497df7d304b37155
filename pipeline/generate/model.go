package generate

import (
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/schemas"
)

// val is one printed cell: its value in the generator's books (a count, or
// fen for money) and the text the report prints. A null val is always a
// zero printed as a marker or left blank.
type val struct {
	n     int64
	money bool
	null  bool
	raw   string
}

// How not-applicable cells are printed.
const (
	naNone  = iota // zeros printed as 0
	naRows  = iota // an all-zero row printed as markers
	naCells        // every zero printed as a marker
)

// model is everything one report says, before it is laid out.
type model struct {
	year     int
	template string
	single   bool
	agency   agency

	layout, enc string
	crlf        bool

	halfwidth  bool   // (一) instead of （一）
	marker     string // "/", "—", "-", "无"
	na         int
	blankApps  bool   // section 三 applicant columns left blank (all zero)
	pad        string // around values in text layouts
	padAfter   bool
	splitHead  bool // 本年新\n制作数量
	explain    bool // 上一年项目数量(指2019年事项数)
	shortLabel bool // 2.没有现成信息需另行制作
	spaced     bool // pdftotext spaces: "2020 年", "自然 人"
	mdSep      bool // pipe tables with a |---| line
	indent     string
	wideGap    bool // blank lines between paragraphs

	items  []schemas.Item // section 二 rows
	s2     [][]val        // per item, per metric
	s2Head []string       // per item: the header of its money metric, if any
	s3     [][7]val       // per outcome, per applicant
	outs   []schemas.Outcome
	s4     [3][5]val

	title     string // "" when the report has none
	signature bool
	date      int // day of January of year+1
	narrative narrative
}

type narrative struct {
	intro []string
	sec1  []string
	sec5  []string
	sec6  []string
	h1    string // heading of section 一 as printed
	h3    string
}

// activity scales how busy the agency is: most are quiet.
func activity(r *rand.Rand) int {
	switch x := r.IntN(100); {
	case x < 50:
		return 0
	case x < 85:
		return 1
	default:
		return 2
	}
}

// small returns 0 with probability p0, else a value in [1, max].
func small(r *rand.Rand, p0 float64, max int) int64 {
	if max < 1 || chance(r, p0) {
		return 0
	}
	return 1 + int64(r.IntN(max))
}

func newModel(r *rand.Rand, tmpl string, year int, layout string) *model {
	m := &model{year: year, template: tmpl, layout: layout, agency: newAgency(r)}
	m.single = tmpl == Template2019 || chance(r, 0.1)

	m.enc = EncUTF8
	switch layout {
	case LayoutDOCX, LayoutWordDOCX:
	case LayoutHTML, LayoutWordHTML, LayoutHTMLSpacer, LayoutHTMLShifted:
		if chance(r, 0.3) {
			m.enc = EncGBK
		} else if chance(r, 0.1) {
			m.enc = EncUTF8BOM
		}
	default:
		if chance(r, 0.3) {
			m.enc = EncGB18030
		} else if chance(r, 0.2) {
			m.enc = EncUTF8BOM
		}
		m.crlf = chance(r, 0.15)
	}

	m.halfwidth = chance(r, 0.15)
	m.marker = pick(r, []string{"/", "/", "/", "/", "/", "/", "—", "-", "无"})
	switch x := r.IntN(100); {
	case x < 70:
		m.na = naNone
	case x < 88:
		m.na = naRows
	default:
		m.na = naCells
	}
	pads := []string{"", "", "", "", " ", "\u3000"}
	if m.enc == EncUTF8 || m.enc == EncUTF8BOM {
		pads = append(pads, "\u00a0", "\u00a0")
	}
	m.pad = pick(r, pads)
	m.padAfter = chance(r, 0.25)
	m.splitHead = chance(r, 0.5)
	m.explain = chance(r, 0.1)
	m.shortLabel = chance(r, 0.1)
	m.spaced = chance(r, 0.5)
	m.mdSep = chance(r, 0.5)
	m.indent = pick(r, []string{"\u3000\u3000", "\u3000\u3000", ""})
	m.wideGap = chance(r, 0.5)

	act := activity(r)
	m.genS2(r, act)
	m.genS3(r, act)
	m.genS4(r, act)
	m.genText(r)
	return m
}

// count makes a count val; the marker decision comes later.
func count(n int64) val { return val{n: n, raw: strconv.FormatInt(n, 10)} }

func (m *model) genS2(r *rand.Rand, act int) {
	plus := chance(r, 0.3)
	signed := func(n int64) val {
		v := count(n)
		if n > 0 && plus {
			v.raw = "+" + v.raw
		}
		return v
	}
	big := []int{40, 2000, 60000}[act]
	pen := []int{20, 800, 9000}[act]
	if m.template == Template2019 {
		m.items = schemas.Disclosures2019
		m.s2 = make([][]val, len(m.items))
		m.s2Head = make([]string, len(m.items))
		for i, it := range m.items {
			switch it.Code.Code {
			case "regulations", "normative":
				p0, max := 0.85, 3
				if it.Code.Code == "normative" {
					p0, max = 0.55, 8+act*10
				}
				made := small(r, p0, max)
				pub := made
				if made > 0 && chance(r, 0.2) {
					pub = made - int64(r.IntN(int(made)+1))
				}
				total := pub + small(r, 0.4, 20+act*40)
				m.s2[i] = []val{count(made), count(pub), count(total)}
			case "permit", "other_services", "penalty", "compulsion":
				max := big
				if it.Code.Code == "penalty" {
					max = pen
				}
				if it.Code.Code == "compulsion" {
					max = 5 + act*40
				}
				prev := small(r, 0.5, 30+act*100)
				ch := small(r, 0.6, 10+act*60)
				if prev > 0 && chance(r, 0.3) {
					ch = -min(prev, 1+int64(r.IntN(10)))
				}
				dec := small(r, 0.45, max)
				m.s2[i] = []val{count(prev), signed(ch), count(dec)}
			case "fees":
				prev := small(r, 0.7, 12)
				ch := small(r, 0.85, 3)
				if prev > 0 && chance(r, 0.2) {
					ch = -1
				}
				m.s2[i] = []val{count(prev), signed(ch)}
			case "procurement":
				n := small(r, 0.45, 10+act*90)
				amt, head := m.procurement(r, n)
				m.s2[i] = []val{count(n), amt}
				m.s2Head[i] = head
			}
		}
		return
	}
	m.items = append([]schemas.Item(nil), schemas.Disclosures2021...)
	if chance(r, 0.2) {
		m.items[1].Code.Label = "规范性文件"
	}
	m.s2 = make([][]val, len(m.items))
	m.s2Head = make([]string, len(m.items))
	for i, it := range m.items {
		switch it.Code.Code {
		case "regulations", "normative":
			p0, max := 0.9, 2
			if it.Code.Code == "normative" {
				p0, max = 0.5, 6+act*8
			}
			iss := small(r, p0, max)
			ab := small(r, 0.8, 3)
			inForce := iss + small(r, 0.4, 10+act*60)
			m.s2[i] = []val{count(iss), count(ab), count(inForce)}
		case "permit":
			m.s2[i] = []val{count(small(r, 0.45, big))}
		case "penalty":
			m.s2[i] = []val{count(small(r, 0.45, pen))}
		case "compulsion":
			m.s2[i] = []val{count(small(r, 0.75, 5+act*40))}
		case "fees":
			v, head := m.fees(r, act)
			m.s2[i] = []val{v}
			m.s2Head[i] = head
		}
	}
}

// decimal prints v / 10^scale; trim drops trailing fractional zeros.
func decimal(v int64, scale int, trim bool) string {
	s := strconv.FormatInt(v, 10)
	if scale == 0 {
		return s
	}
	for len(s) <= scale {
		s = "0" + s
	}
	out := s[:len(s)-scale] + "." + s[len(s)-scale:]
	if trim {
		out = strings.TrimRight(out, "0")
		out = strings.TrimSuffix(out, ".")
	}
	return out
}

// wan prints an amount of fen in 万元 (10^6 fen), trimmed, or with at least
// two places when fixed is set.
func wan(fen int64, fixed bool) string {
	s := decimal(fen, 6, true)
	if !fixed {
		return s
	}
	dot := strings.IndexByte(s, '.')
	switch {
	case dot < 0:
		return s + ".00"
	case len(s)-dot-1 == 1:
		return s + "0"
	}
	return s
}

// wanAmount draws an amount that prints in 万元 with two places, sometimes
// four.
func wanAmount(r *rand.Rand, maxWan int) int64 {
	if chance(r, 0.2) {
		return int64(1+r.IntN(maxWan*10000)) * 100
	}
	return int64(1+r.IntN(maxWan*100)) * 10000
}

// procurement prints the amount of section 二 （九） in one of the ways
// reports do, and returns the column header it goes with.
func (m *model) procurement(r *rand.Rand, n int64) (val, string) {
	head := "采购总金额"
	var fen int64
	style := r.IntN(5)
	if n > 0 {
		if style == 0 || style == 3 {
			yuan := n * int64(2000+r.IntN(300000))
			fen = yuan * 100
			if chance(r, 0.25) {
				fen += int64(r.IntN(100))
			}
		} else {
			fen = wanAmount(r, int(n)*30)
		}
	}
	v := val{n: fen, money: true}
	fixed := chance(r, 0.3)
	switch style {
	case 0: // 10268898元
		v.raw = decimal(fen, 2, true) + "元"
		if fen == 0 && chance(r, 0.5) {
			v.raw = "0"
		}
	case 1: // 362.24万元
		v.raw = wan(fen, fixed) + "万元"
		if fen == 0 && chance(r, 0.5) {
			v.raw = "0"
		}
	case 2: // 采购总金额(万元) / 362.24
		head = pick(r, []string{"采购总金额(万元)", "采购总金额（万元）", "采购总金额（单位：万元）"})
		v.raw = wan(fen, fixed)
	case 3: // 采购总金额（元） / 10268898.5
		head = pick(r, []string{"采购总金额（元）", "采购总金额(元)"})
		v.raw = decimal(fen, 2, !fixed)
	case 4: // unit in both places
		head = "采购总金额（万元）"
		v.raw = wan(fen, fixed) + "万元"
	}
	return v, head
}

// fees prints 本年收费金额 of template 2021: bare 万元 under a header that
// names the unit.
func (m *model) fees(r *rand.Rand, act int) (val, string) {
	head := pick(r, []string{"本年收费金额（单位：万元）", "本年收费金额（单位：万元）", "本年收费金额(单位:万元)"})
	var fen int64
	if !chance(r, []float64{0.9, 0.7, 0.5}[act]) {
		fen = wanAmount(r, []int{5, 50, 800}[act])
	}
	v := val{n: fen, money: true, raw: wan(fen, chance(r, 0.3))}
	return v, head
}

// otherWeight is how often an application ends in each result row: most are
// granted or not held, a few anywhere else.
var otherWeight = map[string]int{
	"granted": 400, "partial": 80,
	"denied.state_secret": 3, "denied.law_forbidden": 5, "denied.three_safety": 3, "denied.third_party": 15,
	"denied.internal_affairs": 15, "denied.process_info": 20, "denied.enforcement_file": 10, "denied.admin_query": 15,
	"unavailable.not_held": 200, "unavailable.needs_creation": 40, "unavailable.unclear_after_fix": 20,
	"not_processed.complaint": 40, "not_processed.duplicate": 30, "not_processed.publication": 5,
	"not_processed.mass_repeat": 10, "not_processed.confirm_existing": 10,
	"other": 60, "other.no_correction": 30, "other.no_fee": 2, "other.other": 30,
}

func (m *model) genS3(r *rand.Rand, act int) {
	m.outs = schemas.Outcomes(m.single)
	m.s3 = make([][7]val, len(m.outs))
	row := func(code string) int {
		for i, o := range m.outs {
			if o.Code.Code == code {
				return i
			}
		}
		panic("generate: no outcome " + code)
	}
	var results []int
	var cum []int
	sum := 0
	for i, o := range m.outs {
		if o.Result {
			results = append(results, i)
			sum += otherWeight[o.Code.Code]
			cum = append(cum, sum)
		}
	}
	pNonzero := [6][3]float64{{0.4, 0.8, 1}, {0.1, 0.4, 0.8}, {0.02, 0.05, 0.2}, {0.02, 0.05, 0.2}, {0.05, 0.15, 0.5}, {0.03, 0.1, 0.3}}
	maxN := [6][3]int{{5, 40, 600}, {2, 10, 60}, {1, 3, 10}, {1, 3, 10}, {2, 5, 30}, {2, 8, 40}}
	nums := make([][7]int64, len(m.outs))
	for a := range 6 {
		if !chance(r, pNonzero[a][act]) {
			continue
		}
		n := 1 + r.IntN(maxN[a][act])
		for range n {
			x := r.IntN(sum)
			k := 0
			for cum[k] <= x {
				k++
			}
			nums[results[k]][a]++
		}
		cf := int64(0)
		if chance(r, 0.2) {
			cf = int64(r.IntN(max(1, n/8) + 1))
		}
		co := int64(0)
		if chance(r, 0.2) {
			// Carried over from last year: a few, never more than this
			// year's work can absorb.
			co = 1 + r.Int64N(min(int64(n)+cf, int64(n/4+2)))
		}
		nums[row("total")][a] = int64(n)
		nums[row("carried_forward")][a] = cf
		nums[row("carried_over")][a] = co
		nums[row("new_received")][a] = int64(n) + cf - co
	}
	allZero := true
	for i := range nums {
		for a := range 6 {
			nums[i][6] += nums[i][a]
		}
		if nums[i][6] != 0 {
			allZero = false
		}
		for a := range 7 {
			m.s3[i][a] = count(nums[i][a])
		}
	}
	if allZero && chance(r, 0.3) {
		m.blankApps = true
		for i := range m.s3 {
			for a := range 6 {
				m.s3[i][a] = val{null: true}
			}
		}
	}
}

func (m *model) genS4(r *rand.Rand, act int) {
	p := [3][3]float64{{0.1, 0.3, 0.7}, {0.05, 0.15, 0.5}, {0.03, 0.1, 0.4}}
	for g := range 3 {
		var tot int64
		if chance(r, p[g][act]) {
			for o := range 4 {
				n := small(r, 0.5, 3+act*3)
				m.s4[g][o] = count(n)
				tot += n
			}
		} else {
			for o := range 4 {
				m.s4[g][o] = count(0)
			}
		}
		m.s4[g][4] = count(tot)
	}
}

// applyMarkers turns zeros into not-applicable markers as the report's
// style asks. Values stay zero in the books.
func (m *model) applyMarkers() {
	mark := func(v *val) {
		if v.n == 0 && !v.null {
			v.null, v.raw = true, m.marker
		}
	}
	zero := func(vs []val) bool {
		for _, v := range vs {
			if v.n != 0 {
				return false
			}
		}
		return true
	}
	switch m.na {
	case naRows:
		for _, row := range m.s2 {
			if zero(row) {
				for k := range row {
					mark(&row[k])
				}
			}
		}
		if !m.blankApps {
			for i := range m.s3 {
				if zero(m.s3[i][:]) {
					for a := range 7 {
						mark(&m.s3[i][a])
					}
				}
			}
		}
		for g := range m.s4 {
			if zero(m.s4[g][:]) {
				for o := range 5 {
					mark(&m.s4[g][o])
				}
			}
		}
	case naCells:
		for _, row := range m.s2 {
			for k := range row {
				mark(&row[k])
			}
		}
		if !m.blankApps {
			for i := range m.s3 {
				for a := range 7 {
					mark(&m.s3[i][a])
				}
			}
		}
		for g := range m.s4 {
			for o := range 5 {
				mark(&m.s4[g][o])
			}
		}
	}
}

func (m *model) genText(r *rand.Rand) {
	a := m.agency
	y := strconv.Itoa(m.year)
	switch x := r.IntN(100); {
	case x < 65:
		m.title = a.name + y + "年政府信息公开工作年度报告"
		if chance(r, 0.1) {
			m.title = a.name + y + "年度政府信息公开工作年度报告"
		}
	case x < 85:
		m.title = a.name + "政府信息公开工作年度报告"
	default:
		m.title = ""
	}
	m.signature = m.title == "" || chance(r, 0.4)
	m.date = 5 + r.IntN(27)

	n := &m.narrative
	if chance(r, 0.6) {
		n.intro = []string{narrate(r, pick(r, introParas), m.year, a)}
	}
	for _, s := range pickN(r, sec1Paras, 2+r.IntN(4)) {
		n.sec1 = append(n.sec1, narrate(r, s, m.year, a))
	}
	if !strings.Contains(m.title, y) && !strings.Contains(strings.Join(n.intro, "")+strings.Join(n.sec1, ""), y) {
		// The year must still be in the text: the seeds without one in
		// the title carry it in section 一.
		n.sec1 = append([]string{narrate(r, sec1Paras[0], m.year, a)}, n.sec1...)
	}
	for _, s := range pickN(r, sec5Paras, 1+r.IntN(3)) {
		n.sec5 = append(n.sec5, narrate(r, s, m.year, a))
	}
	n.sec6 = []string{narrate(r, pick(r, sec6Paras), m.year, a)}
	n.h1 = "一、总体情况"
	if chance(r, 0.15) {
		n.h1 = "总体情况"
	}
	n.h3 = "三、收到和处理政府信息公开申请情况"
	if chance(r, 0.2) {
		n.h3 = "三、收到和处理政府信息公开的申请情况"
	}
}

// truth lists every cell in printed order.
func (m *model) truth() []Cell {
	cells := make([]Cell, 0, 200)
	for i, it := range m.items {
		for k, met := range it.Metrics {
			v := m.s2[i][k]
			c := Cell{Code: schemas.DisclosureCell(it.Code.Code, met), Null: v.null, Money: met.Money}
			if met.Money {
				c.Yuan = schemas.Yuan(v.n)
			} else {
				c.Count = v.n
			}
			if c.Null {
				c.Yuan, c.Count = 0, 0
			}
			cells = append(cells, c)
		}
	}
	for i, o := range m.outs {
		for a, ap := range schemas.Applicants {
			v := m.s3[i][a]
			c := Cell{Code: schemas.ApplicationCell(o.Code.Code, ap.Code), Null: v.null}
			if !v.null {
				c.Count = v.n
			}
			cells = append(cells, c)
		}
	}
	for g, p := range schemas.Proceedings {
		for o, oc := range schemas.AppealOutcomes {
			v := m.s4[g][o]
			c := Cell{Code: schemas.AppealCell(p.Code, oc.Code), Null: v.null}
			if !v.null {
				c.Count = v.n
			}
			cells = append(cells, c)
		}
	}
	return cells
}
