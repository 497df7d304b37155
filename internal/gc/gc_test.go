package gc

import (
	"math"
	"runtime/debug"
	"testing"
)

func settings() (limit int64, percent int) {
	limit = debug.SetMemoryLimit(-1) // a negative limit only reads it
	percent = debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	return limit, percent
}

func TestApply(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	debug.SetMemoryLimit(math.MaxInt64)
	debug.SetGCPercent(100)
	restore := Apply(DefaultLimit)
	if l, p := settings(); l != DefaultLimit || p != Percent {
		t.Errorf("after Apply: limit %d, GOGC %d; want %d, %d", l, p, int64(DefaultLimit), Percent)
	}
	restore()
	if l, p := settings(); l != math.MaxInt64 || p != 100 {
		t.Errorf("after restore: limit %d, GOGC %d; want none, 100", l, p)
	}
}

func TestApplyEnvironmentWins(t *testing.T) {
	debug.SetMemoryLimit(math.MaxInt64)
	debug.SetGCPercent(100)
	t.Setenv("GOGC", "150")
	t.Setenv("GOMEMLIMIT", "")
	restore := Apply(DefaultLimit)
	if l, p := settings(); l != DefaultLimit || p != 100 {
		t.Errorf("GOGC set: limit %d, GOGC %d; want %d and GOGC left alone", l, p, int64(DefaultLimit))
	}
	restore()
	t.Setenv("GOMEMLIMIT", "1GiB")
	restore = Apply(DefaultLimit)
	if l, _ := settings(); l != math.MaxInt64 {
		t.Errorf("GOMEMLIMIT set: limit changed to %d", l)
	}
	restore()
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	restore = Apply(0)
	if l, p := settings(); l != math.MaxInt64 || p != 100 {
		t.Errorf("limit 0: limit %d, GOGC %d; want nothing changed", l, p)
	}
	restore()
}
