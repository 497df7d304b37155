package division

import "testing"

// TestMayBeEthnic: no name of the table, nor a constructed one, that
// mayBeEthnic rejects matches reEthnic (which aliasesOf ran on every name
// before), and the names it matches are let through.
func TestMayBeEthnic(t *testing.T) {
	x := load()
	matched := 0
	check := func(name string) {
		t.Helper()
		if reEthnic.MatchString(name) {
			matched++
			if !mayBeEthnic(name) {
				t.Fatalf("%q matches reEthnic but mayBeEthnic rejects it", name)
			}
		}
	}
	for _, n := range x.at {
		if n == nil {
			continue
		}
		check(n.Name)
		check(n.Name + "自治县")
		check("苗族" + n.Name + "自治旗")
	}
	if matched < 100 {
		t.Fatalf("only %d names match reEthnic: the test covers nothing", matched)
	}
}

func FuzzMayBeEthnic(f *testing.F) {
	f.Add("延边朝鲜族自治州")
	f.Add("族自治县")
	f.Fuzz(func(t *testing.T, name string) {
		if reEthnic.MatchString(name) && !mayBeEthnic(name) {
			t.Fatalf("%q matches reEthnic but mayBeEthnic rejects it", name)
		}
	})
}
