// Package generate writes a deterministic corpus of synthetic annual reports
// (政府信息公开工作年度报告) together with the value of every standard cell,
// so that the pipeline can be checked against a known truth at any scale and
// benchmarked on inputs that look like the population rather than like one
// parser's expectations.
//
// Each report picks a template (2019 or 2021, with the single 2019
// （六）其他处理 row in about one 2021 report in ten), a year, an agency, a
// layout and an encoding:
//
//	lines   one cell per line, tab-indented, header cells broken over two lines
//	blank   cells separated by blank lines, blank cells as a lone empty line
//	tabs    one row per line, tab-separated, section 三 split over a page with
//	        the header block repeated (pdftotext without -layout)
//	pipe    rows printed as | a | b | by scrapers
//	layout  pdftotext -layout: columns aligned with runs of spaces, wrapped
//	        labels, a page footer and a running header inside section 三
//	html    a page with <table> markup using rowspan and colspan
//	docx    a minimal WordprocessingML package with gridSpan and vMerge
//
// ExtraLayouts are drawn only when Options.Layouts names them: glued
// (cells run together), columns (pdftotext's default mode), word-html and
// word-docx (as Word saves them), html-spacer and html-shifted (a spacer
// column in section 三, and rows that forget it), crawled (the page
// escaped in a script or JSON answer) and markdown (PDF converter output);
// so are FixtureLayouts, the text layouts of the test reports.
//
// Text and HTML are UTF-8 (some with a byte order mark) or, for about three
// reports in ten, GB18030 (text) or GBK (HTML, declared in <meta charset>).
//
// The truth for a report follows the format of the hand-checked seeds: every
// cell code of the report maps to an integer, a decimal string in yuan for
// money, or null where the report prints a not-applicable marker or leaves
// the cell blank. A null cell always stands for a zero in the generator's
// books, so reading nulls as zero satisfies the template arithmetic exactly;
// the generated reports are consistent and their expected issues are empty.
//
// Output depends only on Options: the same seed gives byte-identical files.
//
// The package also renders the hand-described test reports of
// testdata/reports (Fixtures, WriteFixtures; `make fixtures`): 29 reports
// whose every value is written out in fixtures_data.go, printed in eleven
// text layouts (the Fixture* names) with their expected cells. A golden
// test keeps the committed files equal to what the descriptions render.
// Every layout that aligns text by columns measures it with Width.
//
// Render draws any report given as Printed (its paragraphs and the text of
// every cell, e.g. a seed) in every one of these layouts, with the same
// renderers.
package generate
