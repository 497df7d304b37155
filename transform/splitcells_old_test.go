package transform

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// splitCellsDecoding is splitCells as it was, deciding whether a
// character past ASCII is a space by decoding it (utf8.DecodeRuneInString
// and isSpace, two calls in the loop over a field's bytes) and keeping
// each flag in a variable of its own; sameSplitCells compares the two.
func splitCellsDecoding(line string, out []string, at []int) (_ []string, _ []int, inner bool, seps int) {
	// The separators are ASCII or '｜' (EF BD 9C), so the line is read a
	// byte at a time, decoding only the characters a space can be (see
	// spaceLead): no byte of another character's encoding is a separator,
	// nor can EF be inside one. A field is read in a loop of its own,
	// which keeps fewer values than the line's.
	start := 0
	for {
		i := start
		end, next := len(line), len(line) // where the field ends, and the next starts
		seen, gap := false, false         // a character not a space; a space after one
	field:
		for i < len(line) {
			c := line[i]
			if cellByte[c] {
				// A run of the bytes of characters that are neither
				// spaces nor separators (Han text, letters, digits).
				i++
				for i < len(line) && cellByte[line[i]] {
					i++
				}
				inner = inner || gap
				seen = true
				continue
			}
			switch {
			case c == '\t':
				seps |= sepTab
				end, next = i, i+1
				break field
			case c == '|':
				seps |= sepPipe
				end, next = i, i+1
				break field
			case c == 0xef && strings.HasPrefix(line[i:], "｜"):
				seps |= sepPipe
				end, next = i, i+len("｜")
				break field
			case c == ' ' && i+1 < len(line) && line[i+1] == ' ':
				// A run of two or more ASCII spaces separates cells,
				// unless it is indentation at the start of the cell.
				j := i + 2
				for j < len(line) && line[j] == ' ' {
					j++
				}
				if seen {
					end, next = i, j
					break field
				}
				i = j
				continue
			}
			// An ASCII space, or a character whose lead byte a space can have.
			n, space := 1, false
			if c < utf8.RuneSelf {
				space = asciiSpace[c]
			} else {
				var r rune
				r, n = utf8.DecodeRuneInString(line[i:])
				space = isSpace(r)
			}
			switch {
			case space:
				gap = seen
			case gap:
				inner = true
				fallthrough
			default:
				seen = true
			}
			i += n
		}
		out, at = append(out, line[start:end]), append(at, start)
		if end == len(line) {
			return out, at, inner, seps // the line's last field
		}
		start = next
	}
}

// TestSplitCellsEveryRune checks splitCells against splitCellsDecoding
// on characters alone, between other characters, after a space, between
// separators and cut short: every character whose lead byte a space can
// have (spaceLead), whose bytes now tell it, and every 61st of the rest.
func TestSplitCellsEveryRune(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		if !spaceLead[s[0]] && r%61 != 0 && r >= utf8.RuneSelf {
			continue
		}
		for _, ln := range []string{s, "a" + s + "b", "a" + s, s + "b", "x\t" + s + "\ty", "a " + s + "b", s + " b", "  " + s + "  x|" + s} {
			sameSplitCells(t, ln)
		}
		for n := 1; n < len(s); n++ {
			sameSplitCells(t, "a"+s[:n])
			sameSplitCells(t, "a"+s[:n]+" b")
			sameSplitCells(t, "a"+s[:n]+"\t"+s[n:])
		}
	}
}

// TestSplitCellsCorpusSame compares splitCells with splitCellsDecoding
// on every line of the reports of $NIANBAO_BENCH_CORPUS (a generated
// corpus: go run ./cmd/nianbao generate --out DIR), skipped when it is
// not set; TestSplitCellsSame covers the test data, the seeds and
// reports generated in every layout.
func TestSplitCellsCorpusSame(t *testing.T) {
	texts := corpusTexts(t)
	if len(texts) == 0 {
		t.Skip("NIANBAO_BENCH_CORPUS not set")
	}
	lines, fields := 0, 0
	for _, s := range texts {
		ls, _ := splitLines(s)
		for _, ln := range ls {
			fields += sameSplitCells(t, ln)
			lines++
		}
	}
	t.Logf("%d reports, %d lines, %d fields", len(texts), lines, fields)
}
