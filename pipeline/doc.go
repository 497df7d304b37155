// Package pipeline wires extract, transform and load into a run: it walks
// the input, reads and parses files in a bounded worker pool, hands every
// report to the dataset writer and publishes the result. One bad file never
// stops a run: it becomes a reports row with status error and a finding
// that says why. Output does not depend on the number of workers.
package pipeline
