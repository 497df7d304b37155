package pipeline

import (
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform/division"
)

// oldResolveDivision is resolveDivision before it built its context,
// codes and messages without fmt: TestResolveDivisionSameAsBefore and
// FuzzResolveDivisionSameAsBefore compare the two.
func oldResolveDivision(p *schemas.Parsed) (organ string) {
	r := &p.Report
	if r.Agency == nil || *r.Agency == "" {
		return ""
	}
	ctx := r.SourcePath
	if r.Title != nil {
		ctx = *r.Title + " " + ctx
	}
	if r.URL != nil {
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
		var codes []string
		for _, n := range res.Ambiguous {
			codes = append(codes, n.Code)
		}
		exp := strings.Join(codes, " ")
		p.Findings = append(p.Findings, schemas.Finding{Rule: ruleDivisionAmbiguous.Code, Severity: schemas.SeverityInfo, Kind: ruleDivisionAmbiguous.Kind,
			Cell: "division_code", Expected: &exp,
			Message: fmt.Sprintf("%s names a division shared by %d divisions and nothing in the report says which", *r.Agency, len(codes))})
	case res.Level != division.LevelCentral:
		p.Findings = append(p.Findings, schemas.Finding{Rule: ruleDivisionUnknown.Code, Severity: schemas.SeverityInfo, Kind: ruleDivisionUnknown.Kind,
			Cell: "division_code", Message: fmt.Sprintf("%s names no division known to the NBS 2023 table", *r.Agency)})
	}
	return "name:" + division.StripSpace(*r.Agency)
}
