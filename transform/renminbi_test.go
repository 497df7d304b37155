package transform_test

import (
	"strings"
	"testing"
)

// TestRenminbiAmount: an amount printed after the currency's name
// (人民币567.27万元) was text, the rest of the row's label, and the money
// cell null with no finding; it is read as ￥567.27万元 is. Text that
// only starts with the name stays text.
func TestRenminbiAmount(t *testing.T) {
	seed := seedText(t, "004_77c3b53386b2261e.txt")
	if l := strings.Split(seed, "\n"); l[42] != "政府集中采购\t41\t567.27万元\t" {
		t.Fatalf("the seed's lines moved: %q", l[42])
	}
	for _, c := range []struct{ cell, amount string }{
		{"567.27万元", `"5672700"`},
		{"人民币567.27万元", `"5672700"`},
		{"人民币 567.27 万元", `"5672700"`},
		{"￥567.27万元", `"5672700"`},
		{"人民币", "null"},
		{"人民币计价", "null"},
	} {
		p := parseText("x.txt", []byte(editLines(seed, map[int][]string{43: {"政府集中采购\t41\t" + c.cell + "\t"}})))
		if got := value(p, "s2.procurement.amount_yuan"); got != c.amount {
			t.Errorf("%q: s2.procurement.amount_yuan = %s, want %s", c.cell, got, c.amount)
		}
		if got := value(p, "s2.procurement.count"); got != "41" {
			t.Errorf("%q: s2.procurement.count = %s, want 41", c.cell, got)
		}
	}
}
