package load

import (
	"unsafe"

	"github.com/nianbao/nianbao/schemas"
)

// catalogueConsts holds the address and length of each code and label of
// the catalogue's items, metrics, outcomes, applicants and proceedings, the
// string constants of package schemas that a parse's rows carry as they are
// (a transform's outcome and applicant, the state codec's labels). A string
// at one of these addresses, no longer than the constant there, is that
// constant's bytes, which never change and hold no document alive: the
// arena keeps it where it would copy it, so a dictionary column receives
// each value at one address, report after report. It is an open-addressed
// table keyed by address alone, filled at init and only read after.
var catalogueConsts = func() (t constTable) {
	add := func(c schemas.Code) { t.add(c.Code); t.add(c.Label) }
	for _, items := range [][]schemas.Item{schemas.Disclosures2019, schemas.Disclosures2021} {
		for _, it := range items {
			add(it.Code)
			for _, m := range it.Metrics {
				add(m.Code)
			}
		}
	}
	for _, single := range []bool{true, false} {
		for _, o := range schemas.Outcomes(single) {
			add(o.Code)
		}
	}
	for _, cs := range [][]schemas.Code{schemas.Applicants, schemas.Proceedings, schemas.AppealOutcomes} {
		for _, c := range cs {
			add(c)
		}
	}
	return t
}()

// constBits sizes constTable: a few hundred constants fill under a quarter
// of its slots, so a string that is none of them mostly costs one probe.
const constBits = 10

type constTable [1 << constBits]struct {
	p *byte
	n int
}

func constSlot(p *byte) uint64 {
	return uint64(uintptr(unsafe.Pointer(p))) * 0x9E3779B97F4A7C15 >> (64 - constBits)
}

func (t *constTable) add(s string) {
	if len(s) == 0 {
		return
	}
	p := unsafe.StringData(s)
	for i := constSlot(p); ; i = (i + 1) % uint64(len(t)) {
		switch e := &t[i]; e.p {
		case nil:
			e.p, e.n = p, len(s)
			return
		case p:
			e.n = max(e.n, len(s))
			return
		}
	}
}

// longest is the length of the longest of t's constants at s's address,
// -1 when none starts there.
func (t *constTable) longest(s string) int {
	p := unsafe.StringData(s)
	for i := constSlot(p); ; i = (i + 1) & (1<<constBits - 1) {
		e := &t[i]
		if e.p == p {
			return e.n
		}
		if e.p == nil {
			return -1
		}
	}
}

// whole reports whether s is the longest of t's constants at its address,
// all of its bytes: valid UTF-8, as every constant of the catalogue is
// (TestCatalogueConstsValid), where a shorter piece may cut a character.
func (t *constTable) whole(s string) bool { return t.longest(s) == len(s) }

// has reports whether s lies at the start of one of t's constants.
func (t *constTable) has(s string) bool { return len(s) <= t.longest(s) }
