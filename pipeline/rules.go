package pipeline

import "github.com/nianbao/nianbao/schemas"

// The quality rules of the findings a run adds to a report (reading it,
// its copies, its neighbours in time), taken from the registry in schemas
// once: their code and kind are the registry's and cannot be misspelt;
// the severity is checked where the finding is made (TestFindingsRegistered
// at the repository root).
var (
	ruleCopyDisagrees     = ruleOf("COPY_DISAGREES")
	ruleCrossYearCarry    = ruleOf("CROSS_YEAR_CARRY")
	ruleCrossYearCount    = ruleOf("CROSS_YEAR_COUNT")
	ruleDivisionAmbiguous = ruleOf("DIVISION_AMBIGUOUS")
	ruleDivisionUnknown   = ruleOf("DIVISION_UNKNOWN")
	ruleDuplicateFile     = ruleOf("DUPLICATE_FILE")
	ruleReadFailed        = ruleOf("READ_FAILED")
	ruleRowsKept          = ruleOf("ROWS_KEPT")
)

// ruleOf returns the registered rule with the given code. A code missing
// from the registry is a mistake in this package, found when it is
// initialised by any test, so it panics rather than let an unregistered
// code reach a dataset.
func ruleOf(code string) *schemas.Rule {
	r, ok := schemas.RuleOf(code)
	if !ok {
		panic("pipeline: rule " + code + " is not registered in schemas.Rules")
	}
	return &r
}
