package pipeline

import "github.com/nianbao/nianbao/schemas"

// cellValues returns every cell read as a number: counts, and amounts in
// fen. Written out on its own (not through eachValue), it is the
// reference the spool's and the collection's tests compare with.
func cellValues(p *schemas.Parsed) map[string]int64 {
	m := make(map[string]int64, len(p.Applications)+len(p.Disclosures)+len(p.Appeals))
	for _, d := range p.Disclosures {
		switch {
		case d.Count != nil:
			m[d.Cell] = *d.Count
		case d.AmountYuan != nil:
			m[d.Cell] = int64(*d.AmountYuan)
		}
	}
	for _, a := range p.Applications {
		if a.Count != nil {
			m[a.Cell] = *a.Count
		}
	}
	for _, a := range p.Appeals {
		if a.Count != nil {
			m[a.Cell] = *a.Count
		}
	}
	return m
}
