// Command rowgen writes the code generated from the row types of schemas
// (see package rowgen): `rowgen load FILE` or `rowgen pipeline FILE`.
package main

import (
	"fmt"
	"os"

	"github.com/nianbao/nianbao/internal/rowgen"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: rowgen load|pipeline FILE")
		os.Exit(2)
	}
	gen := map[string]func() ([]byte, error){"load": rowgen.Load, "pipeline": rowgen.Pipeline}[os.Args[1]]
	if gen == nil {
		fmt.Fprintln(os.Stderr, "usage: rowgen load|pipeline FILE")
		os.Exit(2)
	}
	b, err := gen()
	if err == nil {
		err = os.WriteFile(os.Args[2], b, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
