package normalize_test

import (
	"fmt"
	"os"

	"github.com/nianbao/nianbao/transform/normalize"
)

func Example() {
	for _, cell := range []string{"362.24万元", "10268898元", "\u3000\u3000/", "3-5万元"} {
		r := normalize.Amount(cell, "")
		switch {
		case r.NA:
			fmt.Printf("%q: not applicable\n", cell)
		case r.Err != nil:
			fmt.Printf("%q: rejected: %v\n", cell, r.Err)
		default:
			fmt.Printf("%q: %s yuan (%s)\n", cell, r.Amount, r.Unit)
		}
	}
	r := normalize.Count("+163")
	fmt.Println(r.Count, r.OK())
	// Output:
	// "362.24万元": 3622400.00 yuan (万元)
	// "10268898元": 10268898.00 yuan (元)
	// "\u3000\u3000/": not applicable
	// "3-5万元": rejected: a range of values, not one value
	// 163 true
}

func ExampleHeaderUnit() {
	hu := normalize.HeaderUnit("本年收费金额（单位：万元）")
	r := normalize.Amount("1.5", hu)
	fmt.Println(hu, r.Amount, r.Exact)
	// Output: 万元 15000.00 15000
}

func ExampleWriteJSONL() {
	_ = normalize.WriteJSONL(os.Stdout, "", "", []string{"362.24万元", "+163", "/", "0.001元"})
	// Output:
	// {"input":"362.24万元","kind":"amount","value":"3622400","unit":"万元","unit_inferred":false,"error":null,"approximate":false}
	// {"input":"+163","kind":"count","value":163,"unit":null,"unit_inferred":false,"error":null,"approximate":false}
	// {"input":"/","kind":"count","value":null,"unit":null,"unit_inferred":false,"error":null,"approximate":false}
	// {"input":"0.001元","kind":"amount","value":null,"unit":"元","unit_inferred":false,"error":"finer than a fen, cannot be stored exactly: 0.001 yuan","approximate":false}
}
