package pipeline

import "errors"

// ErrUsage is returned when the configuration is incomplete or invalid.
var ErrUsage = errors.New("usage")
