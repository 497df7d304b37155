package division

import (
	"fmt"
	"hash/maphash"
	"unsafe"
)

// nameTable maps a name to the places of its divisions in the index's
// nodes, as byName did to the divisions, without a pointer the collector
// must follow. The index lives as long as the process and is marked at
// every collection: byName (its keys, its lists and their arrays) was
// 40% of what that cost, about 10 M of 25 M estimated cycles a
// collection; codes and at (setCodes) another quarter. The table holds
// slices of numbers, one string and a map of numbers, none scanned.
type nameTable struct {
	seed  maphash.Seed
	first map[uint64]int32 // a name's hash: its first entry in ents
	ents  []nameEnt
	text  string  // the names, one after another
	list  []int32 // the entries' divisions, places in the index's nodes
}

// nameEnt is a name of the table and its divisions.
type nameEnt struct {
	off, end uint32 // the name, text[off:end]
	from, to uint32 // its divisions, list[from:to], in byName's order
	next     int32  // the next entry of the same hash, or -1
}

// get returns the places of the divisions named name, nil when none: a
// slice of the table's list, capped, which the caller must not change.
func (t *nameTable) get(name string) []int32 {
	i, ok := t.first[maphash.String(t.seed, name)]
	if !ok {
		return nil
	}
	for ; i >= 0; i = t.ents[i].next {
		if e := &t.ents[i]; t.text[e.off:e.end] == name {
			return t.list[e.from:e.to:e.to]
		}
	}
	return nil
}

// setCodes makes x's codes without pointers (codeText, codeEnd, atNode)
// from codes and at, whose divisions are all in nodes, keeps nodes, and
// drops codes and at.
func (x *index) setCodes(nodes []Node) error {
	size := 0
	for _, c := range x.codes {
		size += len(c)
	}
	text := make([]byte, 0, size)
	x.codeEnd = make([]uint32, len(x.codes))
	x.atNode = make([]int32, len(x.codes))
	for i, c := range x.codes {
		text = append(text, c...)
		x.codeEnd[i] = uint32(len(text))
		p, ok := placeIn(nodes, x.at[i])
		if !ok {
			return fmt.Errorf("code %s: a division outside the index's nodes", c)
		}
		x.atNode[i] = p
	}
	x.codeText, x.nodes = string(text), nodes
	x.codes, x.at = nil, nil
	return nil
}

// placeIn is the place of n in nodes; false when n is not one of them.
func placeIn(nodes []Node, n *Node) (int32, bool) {
	if len(nodes) == 0 {
		return 0, false
	}
	d := uintptr(unsafe.Pointer(n)) - uintptr(unsafe.Pointer(&nodes[0]))
	i := d / unsafe.Sizeof(Node{})
	if d%unsafe.Sizeof(Node{}) != 0 || i >= uintptr(len(nodes)) {
		return 0, false
	}
	return int32(i), true
}

// setNames makes x.names from x.byName, whose divisions are all in nodes,
// and keeps nodes.
func (x *index) setNames(nodes []Node) error {
	t := nameTable{seed: maphash.MakeSeed(), first: make(map[uint64]int32, len(x.byName)),
		ents: make([]nameEnt, 0, len(x.byName))}
	size, count := 0, 0
	for name, ns := range x.byName {
		size += len(name)
		count += len(ns)
	}
	text := make([]byte, 0, size)
	t.list = make([]int32, 0, count)
	for name, ns := range x.byName {
		e := nameEnt{off: uint32(len(text)), end: uint32(len(text) + len(name)), from: uint32(len(t.list)), next: -1}
		text = append(text, name...)
		for _, n := range ns {
			i, ok := placeIn(nodes, n)
			if !ok {
				return fmt.Errorf("name %q: a division outside the index's nodes", name)
			}
			t.list = append(t.list, i)
		}
		e.to = uint32(len(t.list))
		h := maphash.String(t.seed, name)
		if i, ok := t.first[h]; ok {
			e.next = i
		}
		t.first[h] = int32(len(t.ents))
		t.ents = append(t.ents, e)
	}
	t.text = string(text)
	x.names, x.nodes = t, nodes
	return nil
}
