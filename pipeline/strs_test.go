package pipeline

import (
	"reflect"
	"strings"
	"testing"
)

// TestStrs: every string kept reads back the same after many more were
// added, whatever its length (empty, within a block, across the end of
// one, longer than a block).
func TestStrs(t *testing.T) {
	var s strs
	var want []string
	var refs []sref
	for i := 0; i < 5000; i++ {
		var x string
		switch i % 7 {
		case 0:
			x = ""
		case 1:
			x = strings.Repeat("长", i%50)
		case 2:
			x = strings.Repeat("x", strsBlock+i%3) // a block of its own
		case 3:
			x = strings.Repeat("ab", 1000+i%900)
		default:
			x = "reports/" + strings.Repeat("d", i%37) + ".html"
		}
		want = append(want, x)
		refs = append(refs, s.add(x))
	}
	for i, r := range refs {
		if got := s.get(r); got != want[i] {
			t.Fatalf("string %d: %d bytes read back, want %d", i, len(got), len(want[i]))
		}
	}
	if (sref{}) != s.add("") || s.get(sref{}) != "" {
		t.Error(`"" is not the zero sref`)
	}
	if len(s.blocks) < 5000/7 {
		t.Errorf("%d blocks: the long strings did not get their own", len(s.blocks))
	}
}

// TestHeldPointerFree: what Run holds for every report to the end (the
// collection's facts, the state store's seen files) has no pointers, so
// that the garbage collector does not scan it; a string or slice added to
// them would make every collection of a large run follow it again.
func TestHeldPointerFree(t *testing.T) {
	for _, v := range []any{fact{}, seenFile{}, sref{}, carried{}} {
		if p := pointerPath(reflect.TypeOf(v), ""); p != "" {
			t.Errorf("%T holds a pointer: %s", v, p)
		}
	}
}

// pointerPath names a field of t that is or holds a pointer, "" when none.
func pointerPath(t reflect.Type, at string) string {
	switch t.Kind() {
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			if p := pointerPath(f.Type, at+"."+f.Name); p != "" {
				return p
			}
		}
		return ""
	case reflect.Array:
		return pointerPath(t.Elem(), at+"[]")
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
		return ""
	default:
		return at + " (" + t.String() + ")"
	}
}

// TestStrsIDs: a report_id of 64 lower-case hex digits is kept as 32
// bytes and read back the same; anything else (upper case, other lengths,
// other characters) as it is; compare orders ids as strings.Compare does.
func TestStrsIDs(t *testing.T) {
	var s strs
	ids := []string{
		strings.Repeat("0", 64), strings.Repeat("f", 64), strings.Repeat("a", 63) + "0",
		"9d5ed678fe57bcca610140957afab571c5e2b7f7f7d1e6b4b4e0ed4d6ff5a8a5",
		"9d5ed678fe57bcca610140957afab571c5e2b7f7f7d1e6b4b4e0ed4d6ff5a8a6",
		"9D5ED678FE57BCCA610140957AFAB571C5E2B7F7F7D1E6B4B4E0ED4D6FF5A8A5", // upper case: kept as is
		strings.Repeat("g", 64), "abc", "", "walk-issue:reports/x.html", strings.Repeat("a", 65),
	}
	var refs []sref
	for _, id := range ids {
		refs = append(refs, s.addID(id))
	}
	packed := 0
	for i, r := range refs {
		if got := s.get(r); got != ids[i] {
			t.Errorf("%q read back as %q", ids[i], got)
		}
		if r.n&packedHex != 0 {
			packed++
			if len(s.kept(r)) != 32 {
				t.Errorf("%q packed in %d bytes", ids[i], len(s.kept(r)))
			}
		}
		for j, q := range refs {
			if got, want := s.compare(r, q), strings.Compare(ids[i], ids[j]); got != want {
				t.Errorf("compare(%q, %q) = %d, want %d", ids[i], ids[j], got, want)
			}
		}
	}
	if packed != 5 {
		t.Errorf("%d ids packed, want 5", packed)
	}
}
