package generate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/schemas"
)

// Cell is the known value of one standard cell.
type Cell struct {
	Code  string       // flat cell code, e.g. s3.granted.natural_person
	Null  bool         // printed as a not-applicable marker or left blank
	Money bool         // an amount: Yuan holds it; otherwise Count does
	Count int64        // count cells
	Yuan  schemas.Yuan // money cells, exact in fen
}

// Int returns the value with null read as zero, in fen for money.
func (c Cell) Int() int64 {
	switch {
	case c.Null:
		return 0
	case c.Money:
		return int64(c.Yuan)
	default:
		return c.Count
	}
}

// Issue is an expected finding, in the format of the seeds. Generated
// reports are consistent and carry none; the type lets seeds.jsonl and
// truth.jsonl be read by the same code.
type Issue struct {
	Cell     string `json:"cell"`
	Kind     string `json:"kind"`
	Severity string `json:"severity"`
	What     string `json:"what"`
}

// Truth is what a report says, cell by cell: one line of truth.jsonl.
type Truth struct {
	File           string // path relative to the corpus root, '/' separated
	Year           int
	Template       string
	Agency         []string
	Cells          []Cell // every cell of the report, in printed order
	ExpectedIssues []Issue
	Notes          []string // layout, encoding, and "crlf" for CRLF text

	Layout   string // also Notes[0]
	Encoding string // also Notes[1]
	Single   bool   // section 三 prints the single （六）其他处理 row
}

// Cell returns the cell with the given code.
func (t *Truth) Cell(code string) (Cell, bool) {
	for _, c := range t.Cells {
		if c.Code == code {
			return c, true
		}
	}
	return Cell{}, false
}

// MarshalJSON writes the truth as the seeds do: keys in a fixed order,
// cells in printed order, ", " and ": " separators, non-ASCII unescaped.
func (t Truth) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"file": `)
	writeString(&b, t.File)
	fmt.Fprintf(&b, `, "year": %d, "template": `, t.Year)
	writeString(&b, t.Template)
	b.WriteString(`, "agency": [`)
	for i, a := range t.Agency {
		if i > 0 {
			b.WriteString(", ")
		}
		writeString(&b, a)
	}
	b.WriteString(`], "cells": {`)
	for i, c := range t.Cells {
		if i > 0 {
			b.WriteString(", ")
		}
		writeString(&b, c.Code)
		b.WriteString(": ")
		switch {
		case c.Null:
			b.WriteString("null")
		case c.Money:
			b.WriteByte('"')
			b.WriteString(c.Yuan.Compact())
			b.WriteByte('"')
		default:
			b.WriteString(strconv.FormatInt(c.Count, 10))
		}
	}
	b.WriteString(`}, "expected_issues": [`)
	for i, is := range t.ExpectedIssues {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(`{"cell": `)
		writeString(&b, is.Cell)
		b.WriteString(`, "kind": `)
		writeString(&b, is.Kind)
		b.WriteString(`, "severity": `)
		writeString(&b, is.Severity)
		b.WriteString(`, "what": `)
		writeString(&b, is.What)
		b.WriteByte('}')
	}
	b.WriteString(`], "notes": [`)
	for i, n := range t.Notes {
		if i > 0 {
			b.WriteString(", ")
		}
		writeString(&b, n)
	}
	b.WriteString("]}")
	return b.Bytes(), nil
}

func writeString(b *bytes.Buffer, s string) {
	var e bytes.Buffer
	enc := json.NewEncoder(&e)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	b.Write(bytes.TrimSuffix(e.Bytes(), []byte("\n")))
}

// UnmarshalJSON reads a line of truth.jsonl or seeds.jsonl, keeping the
// order of the cells. Money cells are recognised by their ".amount_yuan"
// code; their decimal strings are read exactly.
func (t *Truth) UnmarshalJSON(data []byte) error {
	var raw struct {
		File           string          `json:"file"`
		Year           int             `json:"year"`
		Template       string          `json:"template"`
		Agency         []string        `json:"agency"`
		Cells          json.RawMessage `json:"cells"`
		ExpectedIssues []Issue         `json:"expected_issues"`
		Notes          []string        `json:"notes"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	*t = Truth{File: raw.File, Year: raw.Year, Template: raw.Template, Agency: raw.Agency,
		ExpectedIssues: raw.ExpectedIssues, Notes: raw.Notes}
	if len(raw.Notes) > 0 {
		t.Layout = raw.Notes[0]
	}
	if len(raw.Notes) > 1 {
		t.Encoding = raw.Notes[1]
	}
	dec := json.NewDecoder(bytes.NewReader(raw.Cells))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil { // {
		return fmt.Errorf("cells: %w", err)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fmt.Errorf("cells: %w", err)
		}
		code, _ := tok.(string)
		var v any
		if err := dec.Decode(&v); err != nil {
			return fmt.Errorf("cell %s: %w", code, err)
		}
		c := Cell{Code: code}
		switch v := v.(type) {
		case nil:
			c.Null = true
		case json.Number:
			n, err := strconv.ParseInt(string(v), 10, 64)
			if err != nil {
				return fmt.Errorf("cell %s: %w", code, err)
			}
			c.Count = n
		case string:
			y, err := parseYuan(v)
			if err != nil {
				return fmt.Errorf("cell %s: %w", code, err)
			}
			c.Money, c.Yuan = true, y
		default:
			return fmt.Errorf("cell %s: unexpected value %v", code, v)
		}
		if c.Null && strings.HasSuffix(code, ".amount_yuan") {
			c.Money = true
		}
		t.Cells = append(t.Cells, c)
	}
	for _, c := range t.Cells {
		if rest, ok := strings.CutPrefix(c.Code, "s3.other."); ok && !strings.Contains(rest, ".") {
			t.Single = true
			break
		}
	}
	return nil
}

// parseYuan reads a plain decimal string with at most two places.
func parseYuan(s string) (schemas.Yuan, error) {
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	intPart, frac, _ := strings.Cut(s, ".")
	if intPart == "" || len(frac) > 2 {
		return 0, fmt.Errorf("bad amount %q", s)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	n, err := strconv.ParseInt(intPart+frac, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("bad amount %q", s)
	}
	if neg {
		n = -n
	}
	return schemas.Yuan(n), nil
}
