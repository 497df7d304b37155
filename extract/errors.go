package extract

import "errors"

// ErrNotDir is returned by Walk when the root is not a directory.
var ErrNotDir = errors.New("extract: root is not a directory")
