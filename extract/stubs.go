package extract

import (
	"context"
	"fmt"

	"github.com/nianbao/nianbao/schemas"
)

func unsupported(doc *schemas.Document) {
	doc.Findings = append(doc.Findings, finding(RuleUnsupported, schemas.SeverityError,
		fmt.Sprintf("%s: %s is not read yet.", doc.SourcePath, doc.SourceFormat)))
}

func readHTML(doc *schemas.Document, b []byte, lim Limits) { unsupported(doc) }
func readDOCX(doc *schemas.Document, b []byte, lim Limits) { unsupported(doc) }
func readPDF(ctx context.Context, doc *schemas.Document, b []byte, file string, lim Limits) error {
	unsupported(doc)
	return nil
}
