package extract

import (
	"context"

	"github.com/nianbao/nianbao/schemas"
)

func readPDF(ctx context.Context, doc *schemas.Document, b []byte, file string, lim Limits) error {
	unsupported(doc)
	return nil
}
func unsupported(doc *schemas.Document) {
	doc.Findings = append(doc.Findings, finding(RuleUnsupported, schemas.SeverityError,
		doc.SourcePath+": "+doc.SourceFormat+" is not read yet."))
}
