package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
)

// checkOverlap refuses an input folder inside the output folder, the output
// inside the input, or the two the same. Otherwise a run reads its own
// output (tables, state store, run records) as input, and the dataset it
// publishes would stand where the reports are. Both are compared as real
// paths, links resolved, so a link cannot hide the overlap.
func checkOverlap(input, output string) error {
	in, err := realPath(input)
	if err != nil {
		return fmt.Errorf("%w: --input %s: %v", ErrUsage, input, err)
	}
	out, err := realPath(output)
	if err != nil {
		return fmt.Errorf("%w: --output %s: %v", ErrUsage, output, err)
	}
	var how string
	switch {
	case in == out:
		how = "are the same folder"
	case within(in, out):
		how = "overlap: the input is inside the output"
	case within(out, in):
		how = "overlap: the output is inside the input"
	default:
		return nil
	}
	return fmt.Errorf("%w: --input %s and --output %s %s; nianbao never reads its own output: use two folders, neither inside the other",
		ErrUsage, input, output, how)
}

// realPath is the absolute path of p with every link resolved. A path that
// does not exist yet (a new output folder) is resolved up to its deepest
// existing parent.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for dir := abs; ; dir = filepath.Dir(dir) {
		r, err := filepath.EvalSymlinks(dir)
		if err == nil {
			return filepath.Join(append([]string{r}, rest...)...), nil
		}
		if !errors.Is(err, fs.ErrNotExist) || filepath.Dir(dir) == dir {
			return "", err
		}
		rest = append([]string{filepath.Base(dir)}, rest...)
	}
}

// within reports whether path p lies under folder dir (both clean and
// absolute).
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
