//go:build race

package transform_test

// raceEnabled: the race detector drops pooled objects at random, so a
// bound on what a parse allocates does not hold under it.
const raceEnabled = true
