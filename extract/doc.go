// Package extract finds the input files under a root directory and turns
// each into a schemas.Document: the decoded text with its line structure,
// the table grids of HTML and DOCX sources, the sidecar metadata, and
// findings for everything that went wrong while reading.
//
// Reading never fails for a bad file: an empty file, undecodable bytes, a
// zip bomb or a file over the size limit become findings on a document that
// is still returned, so the pipeline can quarantine it with the reason. Only
// fatal conditions (a cancelled context) are returned as errors.
//
// Text files are decoded from UTF-8 (with or without BOM), UTF-16 (with a
// BOM, or without one when the NUL pattern gives it away) or GB18030/GBK,
// with the choice and a confidence taken from the bytes themselves. Line
// endings are normalized to '\n'.
//
// The package imports schemas and libraries only: golang.org/x/text for the
// encodings and golang.org/x/net/html for HTML.
package extract
