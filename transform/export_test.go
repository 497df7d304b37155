package transform

import "github.com/nianbao/nianbao/schemas"

// Work is what Parse did for one document, counted: the row alignments
// repair tried and the constraint evaluations they took.
type Work struct{ Trials, Steps int }

// ParseWork is Parse, also returning its work.
func ParseWork(doc schemas.Document) (*schemas.Parsed, Work) {
	p := newParser(doc)
	p.run()
	out := Parse(doc) // the same result, through the exported path
	return out, Work{Trials: p.trials, Steps: p.steps}
}

// MaxReportTrials is the bound on alignments tried per report.
const MaxReportTrials = maxReportTrials
