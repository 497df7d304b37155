package transform

import "github.com/nianbao/nianbao/schemas"

// recycleOld is Recycle as it was, clearing every row it hands back;
// TestRecycleSameAsClearing compares the two.
func recycleOld(p *schemas.Parsed) {
	if p == nil || cap(p.Applications) == 0 {
		return
	}
	r := &rowSlices{dis: p.Disclosures, app: p.Applications, apl: p.Appeals}
	clear(r.dis)
	clear(r.app)
	clear(r.apl)
	r.dis, r.app, r.apl = r.dis[:0], r.app[:0], r.apl[:0]
	p.Disclosures, p.Applications, p.Appeals = nil, nil, nil
	rowPool.Put(r)
}
