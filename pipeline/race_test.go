//go:build race

package pipeline_test

// raceEnabled shrinks tests whose cost the race detector multiplies.
const raceEnabled = true
