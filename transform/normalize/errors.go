package normalize

import "errors"

// Every rejection wraps exactly one of these, so callers can sort failures
// with errors.Is and still print the specific reason.
var (
	// ErrSyntax is returned when the cell is not a number in any form this
	// package reads: stray letters or symbols, two decimal points, two
	// numbers side by side, an abbreviated numeral (三万五), a bracketed value
	// without its own sign.
	ErrSyntax = errors.New("not a number")

	// ErrGrouping is returned when thousands separators are not in groups of
	// three after a first group of one to three digits (12,34 or 1,2345), or
	// appear where they cannot (in a fraction, on their own).
	ErrGrouping = errors.New("broken digit grouping")

	// ErrRange is returned when the cell gives a range of values (3-5万元,
	// 3至5, 10~20) instead of one value.
	ErrRange = errors.New("a range of values, not one value")

	// ErrBound is returned when the cell gives a bound (以上, 以下, 不足,
	// 超过, 至少, 逾 …) instead of a value.
	ErrBound = errors.New("a bound, not a value")

	// ErrVague is returned when the cell gives a vague amount: 余, 多, 几,
	// 数, 若干, 来, 上万, or adjacent numerals such as 三五 (three or five).
	ErrVague = errors.New("a vague amount, not a value")

	// ErrPercent is returned for percentages and ratios (%, ％, ‰, 百分之).
	ErrPercent = errors.New("a percentage, not an amount")

	// ErrCurrency is returned when the cell is in a currency other than the
	// yuan ($, 美元, 欧元, USD, 日元, HK$ …). ¥ and ￥ are read as yuan.
	ErrCurrency = errors.New("not in yuan")

	// ErrUnit is returned when a unit is repeated (万万元, 3元元), misplaced
	// (3元万, 5角元), unknown (an unreadable header unit), or of the wrong
	// kind (元 or 角 on a count, 件 on an amount).
	ErrUnit = errors.New("repeated, misplaced or unknown unit")

	// ErrFraction is returned when a count is not a whole number (163.5).
	ErrFraction = errors.New("count is not a whole number")

	// ErrPrecision is returned when an amount has digits below the fen once
	// converted to yuan (0.001元), so DECIMAL(18,2) cannot hold it exactly.
	// Result.Exact still holds the exact value.
	ErrPrecision = errors.New("finer than a fen, cannot be stored exactly")

	// ErrOverflow is returned with Result.Overflow set when the exact value
	// does not fit the dataset type: DECIMAL(18,2) for money, int64 for
	// counts. Result.Exact still holds the exact value.
	ErrOverflow = errors.New("too large for the dataset")
)
