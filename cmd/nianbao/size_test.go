package main

import (
	"math"
	"strings"
	"testing"
)

// TestParseSize: sizes that do not fit an int64 are refused, never wrapped
// around into another limit.
func TestParseSize(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"240MiB", 240 << 20, true},
		{"0", 0, true},
		{"512KiB", 512 << 10, true},
		{"8589934591GiB", 8589934591 << 30, true},
		{"9223372036854775807", math.MaxInt64, true},
		{"9223372036854775807B", math.MaxInt64, true},
		{"8589934592GiB", 0, false}, // 2^63: one past the largest
		{"9999999999GiB", 0, false},
		{"17179869184GiB", 0, false}, // 2^64: wrapped to 0 before
		{"9223372036854775808", 0, false},
		{"99999999999999999999MiB", 0, false},
		{"8796093022208MiB", 0, false},
		{"-5MiB", 0, false},
		{"abc", 0, false},
	} {
		got, err := parseSize(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d (ok %v)", c.in, got, err, c.want, c.ok)
		}
	}
}

// TestMemoryLimitTooLarge: an overflowing --memory-limit is a usage error:
// exit status 2 and one line naming the flag.
func TestMemoryLimitTooLarge(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	for _, v := range []string{"9999999999GiB", "17179869184GiB", "99999999999999999999"} {
		_, stderr, code := runCLI(t, "", "run", "--input", t.TempDir(), "--output", t.TempDir()+"/out", "--memory-limit", v)
		if code != exitUsage {
			t.Errorf("--memory-limit %s: exit %d, want %d", v, code, exitUsage)
		}
		if strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "--memory-limit") || !strings.Contains(stderr, v) {
			t.Errorf("--memory-limit %s: want one line naming the flag and the value, got %q", v, stderr)
		}
	}
}
