package extract

import (
	"bytes"
	"fmt"

	"github.com/nianbao/nianbao/schemas"
)

// oldPeelText is peelText as it was when the peeled page's sniffer was
// sniff's, which follows UTF-8 and GB18030 over all of it.
func oldPeelText(doc *schemas.Document, lim Limits) {
	if doc.Text == "" || !hasTableTag(doc.Text, tagAny) {
		return
	}
	text, layers := peel(doc.Text)
	if !hasTableTag(text, tagRaw) {
		return
	}
	page := schemas.Document{SourcePath: doc.SourcePath, SourceFormat: "html"}
	b := []byte(text)
	sn, _ := sniff(b)
	oldReadHTMLVia(&page, bytes.NewReader(b), b, int64(len(b)), sn, lim.withDefaults(), nil, true)
	if len(page.Tables) == 0 {
		return
	}
	doc.Text, doc.Tables = page.Text, page.Tables
	doc.Findings = append(doc.Findings, finding(RuleMarkupPeeled, schemas.SeverityInfo, fmt.Sprintf(
		"%s holds its page's markup (%d escaping layers removed); it was read as HTML.", doc.SourcePath, layers)))
	for _, f := range page.Findings {
		switch f.Rule {
		case RuleCharsetMismatch.Code, RuleEncodingUncertain.Code, RuleEncodingInvalid.Code:
			// about the page's bytes, which were decoded with the file
		default:
			doc.Findings = append(doc.Findings, f)
		}
	}
}
