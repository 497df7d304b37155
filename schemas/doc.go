// Package schemas is the single source of truth for nianbao's datasets: the
// five tables as Arrow schemas with field metadata (Chinese label and
// description), the Go row types the pipeline fills, the cell codes of the
// two report templates, and the document type that extract hands to
// transform.
//
// It imports Arrow for the schema types and nothing else of the project:
// extract, transform and load depend on it, never the reverse.
package schemas
