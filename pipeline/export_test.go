package pipeline

// SetBuild replaces the build identity runs compare and returns a function
// that puts it back (tests of unchanged runs).
func SetBuild(f func() string) (restore func()) {
	old := build
	build = f
	return func() { build = old }
}
