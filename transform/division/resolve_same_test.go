package division

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// sameResolve compares Resolve with oldResolve on one input, twice: the
// second time the organ is read from organs.
func sameResolve(t *testing.T, in Input) {
	t.Helper()
	want := oldResolve(in)
	for range 2 {
		if got := Resolve(in); !reflect.DeepEqual(got, want) {
			t.Fatalf("Resolve(%+v) = %+v, before %+v", in, got, want)
		}
	}
}

// TestResolveSameAsBefore: Resolve, which keeps what it read of an organ's
// name, resolves as before: the labelled organs and ambiguous township
// names, under contexts that settle them and that do not, spaced, with
// prefixes, empty and central; and past maxOrgans names, when organs is
// emptied.
func TestResolveSameAsBefore(t *testing.T) {
	agencies := []string{"", " ", "《》", "中共", "国务院办公厅", "中华人民共和国教育部", "南京高新区管理委员会", "城关镇人民政府", "新华区人民政府",
		"中共北京市海淀区委员会", "滨海新区城关镇人民政府", "北京市 海淀区（人民政府）", "\xff城关镇", "新华街道办事处", "朝阳区"}
	b, err := os.ReadFile(filepath.Join("testdata", "organs.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if a, _, _ := strings.Cut(l, "\t"); a != "" && !strings.HasPrefix(a, "#") {
			agencies = append(agencies, a)
		}
	}
	contexts := []string{"", "reports/0001.txt", "石家庄市新华区2022年政府信息公开工作年度报告", "清水河县/城关镇2021.pdf", "内蒙古自治区呼和浩特市和林格尔县", "河北省"}
	texts := []string{"", "2021年，城关镇在和林格尔县委、县政府的正确领导下", "在县委、县政府的正确领导下"}
	settled, ambiguous := 0, 0
	for _, a := range agencies {
		for _, c := range contexts {
			for _, x := range texts {
				in := Input{Agency: a, Context: c, Text: x}
				sameResolve(t, in)
				switch r := oldResolve(in); {
				case r.Code != "":
					settled++
				case len(r.Ambiguous) > 1:
					ambiguous++
				}
			}
		}
	}
	if settled < 100 || ambiguous < 20 {
		t.Fatalf("%d settled, %d ambiguous: the comparison says little", settled, ambiguous)
	}
	for i := range maxOrgans + 10 {
		sameResolve(t, Input{Agency: fmt.Sprintf("第%d号城关镇人民政府", i)})
	}
	if n := len(load().organs.m); n > maxOrgans {
		t.Fatalf("the index holds %d organs, more than %d", n, maxOrgans)
	}
	for _, a := range agencies[:20] {
		sameResolve(t, Input{Agency: a, Context: contexts[4]})
	}
}

func FuzzResolveSameAsBefore(f *testing.F) {
	f.Add("城关镇人民政府", "清水河县/城关镇2021.pdf", "和林格尔县委")
	f.Add("中共南京高新区管理委员会", "", "")
	f.Add("新华区人民政府", "石家庄市", "\xff")
	f.Fuzz(func(t *testing.T, agency, ctx, text string) {
		sameResolve(t, Input{Agency: agency, Context: ctx, Text: text})
	})
}

// TestResolveConcurrent: goroutines resolving the same organs at once (a
// run's parse workers) share organs and get the results read alone.
func TestResolveConcurrent(t *testing.T) {
	ins := []Input{{Agency: "城关镇人民政府", Text: "和林格尔县委"}, {Agency: "新华区人民政府", Context: "石家庄市"}, {Agency: "南京市教育局"}, {Agency: "国务院办公厅"}}
	want := make([]Result, len(ins))
	for i, in := range ins {
		want[i] = oldResolve(in)
	}
	errs := make(chan string, 4)
	for range 4 {
		go func() {
			for k := range 200 {
				i := k % len(ins)
				if got := Resolve(ins[i]); !reflect.DeepEqual(got, want[i]) {
					errs <- fmt.Sprintf("Resolve(%+v) = %+v, alone %+v", ins[i], got, want[i])
					return
				}
			}
			errs <- ""
		}()
	}
	for range 4 {
		if e := <-errs; e != "" {
			t.Fatal(e)
		}
	}
}
