package generate

import "errors"

// ErrLayout is returned when Options names a layout the generator does not
// produce.
var ErrLayout = errors.New("unknown layout")

// ErrTemplate is returned when Options names a template other than 2019 and
// 2021.
var ErrTemplate = errors.New("unknown template")

// ErrOptions is returned for an Options value that cannot describe a corpus,
// such as a negative number of reports.
var ErrOptions = errors.New("invalid options")

// ErrFixture is returned when a test report's description does not hold:
// its arithmetic fails, or a change it asks for does not apply.
var ErrFixture = errors.New("bad fixture")
