package generate_test

import (
	"fmt"

	"github.com/nianbao/nianbao/pipeline/generate"
)

func ExampleReport() {
	opt := generate.Options{Seed: 1, Layouts: []string{generate.LayoutTabs}, Templates: []string{generate.Template2019}}
	name, data, truth := generate.Report(generate.NewRand(opt.Seed, 0), 0, opt)
	fmt.Println(name == truth.File, len(data) > 0)
	fmt.Println(truth.Template, truth.Layout, len(truth.Cells))
	// Output:
	// true true
	// 2019 tabs 198
}
