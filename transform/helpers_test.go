package transform

import "github.com/nianbao/nianbao/schemas"

func docOf(text string) schemas.Document {
	return schemas.Document{ReportID: "x", SourcePath: "x.txt", SourceFormat: "txt", Encoding: "utf-8", Text: text}
}

// tableOf is a cell table holding the cells of a map.
func tableOf(m map[string]*cellv) *cellTable {
	t := newCellTable()
	for c, cv := range m {
		t.set(c, cv)
	}
	return t
}
