package division

import (
	"reflect"
	"testing"
)

// nameMap is the index's names as a map, as byName held them.
func (x *index) nameMap() map[string][]*Node {
	m := make(map[string][]*Node, len(x.names.ents))
	for _, e := range x.names.ents {
		ns := make([]*Node, 0, e.to-e.from)
		for _, i := range x.names.list[e.from:e.to] {
			ns = append(ns, &x.nodes[i])
		}
		m[x.names.text[e.off:e.end]] = ns
	}
	return m
}

// TestNameTableSameAsMap: the table finds every name of the index oldBuild
// makes, and what is not a name (cut, extended, changed, empty), as its
// map does: the same divisions in the same order, or none.
func TestNameTableSameAsMap(t *testing.T) {
	old, _ := oldIndexOnce()
	if len(old.names.ents) != len(old.byName) {
		t.Fatalf("%d names in the table, %d in the map", len(old.names.ents), len(old.byName))
	}
	tried, found := 0, 0
	for name := range old.byName {
		for _, s := range []string{name, name[:len(name)-1], name[1:], name + "市", "中" + name, "", name + name} {
			tried++
			if sameNamed(t, old, s) {
				found++
			}
		}
	}
	if tried < 300000 || found < len(old.byName) {
		t.Errorf("%d names looked up, %d found", tried, found)
	}
}

// sameNamed reports whether s is a name of x, and fails t when its table
// and its map do not give the same divisions for s.
func sameNamed(t testing.TB, x *index, s string) bool {
	t.Helper()
	want := x.byName[s]
	got := x.names.get(s)
	if len(got) != len(want) || cap(got) != len(got) {
		t.Fatalf("%q: %d divisions (room for %d), the map %d", s, len(got), cap(got), len(want))
	}
	for i, n := range want {
		if &x.nodes[got[i]] != n {
			t.Fatalf("%q: division %d is %s, the map's %s", s, i, x.nodes[got[i]].Code, n.Code)
		}
	}
	return len(want) > 0
}

// FuzzNameTableSameAsMap: any string is found in the table as in the map.
func FuzzNameTableSameAsMap(f *testing.F) {
	for _, s := range []string{"", "北京市", "东城区", "城关镇", "延边州", "\xff", "南京"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		old, _ := oldIndexOnce()
		sameNamed(t, old, s)
		if x := load(); len(x.names.get(s)) != len(old.byName[s]) {
			t.Fatalf("%q: %d divisions, before %d", s, len(x.names.get(s)), len(old.byName[s]))
		}
	})
}

// atNodes is the division each of the index's codes names, as at held them.
func (x *index) atNodes() []*Node {
	ns := make([]*Node, len(x.atNode))
	for i, p := range x.atNode {
		ns[i] = &x.nodes[p]
	}
	return ns
}

// codeList is the index's codes, as codes held them.
func (x *index) codeList() []string {
	cs := make([]string, len(x.codeEnd))
	for i := range cs {
		cs[i] = x.code(i)
	}
	return cs
}

// TestIndexTablesPointerFree: what the index holds for every name and code
// has no pointer for the collector to follow, and build drops the maps and
// lists it read them into.
func TestIndexTablesPointerFree(t *testing.T) {
	x := load()
	for _, v := range []any{x.names.ents, x.names.list, x.names.first, x.codeEnd, x.atNode} {
		typ := reflect.TypeOf(v)
		elems := []reflect.Type{typ.Elem()}
		if typ.Kind() == reflect.Map {
			elems = append(elems, typ.Key())
		}
		for _, e := range elems {
			if reflect.New(e).Elem().Kind() == reflect.Struct {
				for i := range e.NumField() {
					if k := e.Field(i).Type.Kind(); k < reflect.Int || k > reflect.Uint64 {
						t.Errorf("%s.%s is a %s", e, e.Field(i).Name, k)
					}
				}
			} else if k := e.Kind(); k < reflect.Int || k > reflect.Uint64 {
				t.Errorf("%T holds a %s", v, k)
			}
		}
	}
	if x.byName != nil || x.one != nil || x.codes != nil || x.at != nil {
		t.Error("build kept the maps and lists it read the table into")
	}
}
