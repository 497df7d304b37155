package pipeline

import (
	"context"
	"errors"

	"github.com/nianbao/nianbao/load"
)

// ErrUsage is returned when the configuration is incomplete or invalid.
var ErrUsage = errors.New("usage")

// ErrLocked is returned when another run holds the output folder.
var ErrLocked = load.ErrLocked

// ErrTooManyErrors is returned when more reports failed than --max-errors
// allows; nothing is published.
var ErrTooManyErrors = errors.New("too many reports with errors")

// Exit statuses of `nianbao run`, documented in the README and in
// docs/operations.md. Schedulers can tell them apart.
const (
	ExitOK          = 0   // published
	ExitFailure     = 1   // the run failed; nothing was published
	ExitUsage       = 2   // bad flags or arguments
	ExitLocked      = 3   // another run holds the output folder
	ExitTooMany     = 4   // more reports failed than --max-errors allows; nothing published
	ExitInterrupted = 130 // SIGINT/SIGTERM; nothing published
)

// ExitCode maps a run's error to its exit status.
func ExitCode(err error) int {
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, ErrUsage), errors.Is(err, load.ErrForeign):
		return ExitUsage
	case errors.Is(err, ErrLocked):
		return ExitLocked
	case errors.Is(err, ErrTooManyErrors):
		return ExitTooMany
	case errors.Is(err, context.Canceled):
		return ExitInterrupted
	}
	return ExitFailure
}
