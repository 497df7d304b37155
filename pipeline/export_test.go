package pipeline

import (
	"os"

	"github.com/nianbao/nianbao/schemas"
)

// SetBuild replaces the build identity runs compare and returns a function
// that puts it back (tests of unchanged runs).
func SetBuild(f func() string) (restore func()) {
	old := build
	build = f
	return func() { build = old }
}

// SetWalkReadDir replaces how the walk lists folders (nil: os.ReadDir) and
// returns a function that puts it back (tests of unreadable folders).
func SetWalkReadDir(f func(string) ([]os.DirEntry, error)) (restore func()) {
	old := walkReadDir
	walkReadDir = f
	return func() { walkReadDir = old }
}

// CacheGeneration is the name of the state store's current cache folder.
func CacheGeneration() string { return cacheGeneration() }

// PackEntry is a parse as the state store keeps it.
func PackEntry(p *schemas.Parsed) []byte { b, _ := packEntry(nil, nil, p); return b }

// UnpackEntry reads what PackEntry wrote.
func UnpackEntry(b []byte) (*schemas.Parsed, error) { return unpackEntry(b) }
