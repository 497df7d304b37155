//go:build race

package extract

// raceEnabled shrinks tests whose cost the race detector multiplies.
const raceEnabled = true
