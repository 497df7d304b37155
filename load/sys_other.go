//go:build !linux

package load

import "errors"

func exchange(a, b string) error { return errors.ErrUnsupported }
