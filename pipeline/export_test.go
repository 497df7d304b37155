package pipeline

import "os"

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
