package load

import "github.com/nianbao/nianbao/schemas"

// sanitizeRowsOld is sanitizeRows before the columns of the cell's parts
// passed over the catalogue's constants (validator.fixPart).
func sanitizeRowsOld(p *schemas.Parsed, v *validator) {
	{
		x := &p.Report
		v.fix(0, &x.ReportID)
		v.fix(1, &x.SourcePath)
		v.fix(2, &x.SourceFormat)
		v.fix(3, &x.Encoding)
		if x.Agency != nil {
			v.fix(4, x.Agency)
		}
		v.fix(5, &x.Template)
		v.fix(6, &x.Status)
		v.fix(7, &x.ParserVersion)
		if x.Title != nil {
			v.fix(8, x.Title)
		}
		if x.URL != nil {
			v.fix(9, x.URL)
		}
		if x.DivisionCode != nil {
			v.fix(10, x.DivisionCode)
		}
		if x.Province != nil {
			v.fix(11, x.Province)
		}
		if x.City != nil {
			v.fix(12, x.City)
		}
		if x.County != nil {
			v.fix(13, x.County)
		}
		if x.Township != nil {
			v.fix(14, x.Township)
		}
		if x.AgencyLevel != nil {
			v.fix(15, x.AgencyLevel)
		}
		if x.AgencyKind != nil {
			v.fix(16, x.AgencyKind)
		}
		v.fix(17, &x.LogicalReportID)
	}
	for i := range p.Disclosures {
		x := &p.Disclosures[i]
		v.fix(18, &x.ReportID)
		if !schemas.IsCodeText(x.Cell) {
			v.fix(19, &x.Cell)
		}
		v.fix(20, &x.Item)
		v.fix(21, &x.Metric)
		v.fix(22, &x.Label)
		if x.Unit != nil {
			v.fix(23, x.Unit)
		}
		v.fix(24, &x.Raw)
	}
	for i := range p.Applications {
		x := &p.Applications[i]
		v.fix(25, &x.ReportID)
		if !schemas.IsCodeText(x.Cell) {
			v.fix(26, &x.Cell)
		}
		v.fix(27, &x.Outcome)
		v.fix(28, &x.Applicant)
		v.fix(29, &x.Label)
		v.fix(30, &x.Raw)
	}
	for i := range p.Appeals {
		x := &p.Appeals[i]
		v.fix(31, &x.ReportID)
		if !schemas.IsCodeText(x.Cell) {
			v.fix(32, &x.Cell)
		}
		v.fix(33, &x.Proceeding)
		v.fix(34, &x.Outcome)
		v.fix(35, &x.Raw)
	}
	for i := range p.Findings {
		x := &p.Findings[i]
		v.fix(36, &x.ReportID)
		v.fix(37, &x.Rule)
		v.fix(38, &x.Severity)
		v.fix(39, &x.Kind)
		if !schemas.IsCodeText(x.Cell) {
			v.fix(40, &x.Cell)
		}
		if x.Expected != nil {
			v.fix(41, x.Expected)
		}
		if x.Actual != nil {
			v.fix(42, x.Actual)
		}
		v.fix(43, &x.Message)
	}
}
