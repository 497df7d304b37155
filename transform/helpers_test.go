package transform

import "github.com/nianbao/nianbao/schemas"

func docOf(text string) schemas.Document {
	return schemas.Document{ReportID: "x", SourcePath: "x.txt", SourceFormat: "txt", Encoding: "utf-8", Text: text}
}
