// Package normalize reads one printed table cell into an exact value: a count
// (int64) or an amount of money (schemas.Yuan, fen in an int64, the unscaled
// value of a DECIMAL(18,2)).
//
// The promise is that a number in the dataset is the number the agency
// printed, in a stated unit, exactly. Nothing here goes through float64:
// plain integers are read digit by digit, everything else through exact
// decimals (github.com/cockroachdb/apd/v3 with rounding disabled). A cell
// that does not state one value exactly (a range, a bound, a vague amount, a
// percentage, a foreign currency, a malformed number) is rejected with a
// reason wrapping one of the sentinel errors in errors.go; it is never
// guessed.
//
// What is read:
//
//   - ASCII and full-width digits, '.' or '．' as decimal point, ',' or '，'
//     as thousands separators in groups of three, signs + - − － 负, a
//     bracketed value only when it carries its own sign: （-3）, and a unit
//     in brackets after the number: 3.5（万元）, 12(件).
//   - Chinese numerals (零〇一二两…九十百千万亿, 壹贰叁…拾佰仟萬億) and mixed
//     forms (3万5千元, 1.2亿, 1亿2000万元). A colloquial abbreviation whose
//     last digit has no stated place (三万五, 3万5, 一百五) is rejected: it
//     could be read two ways.
//   - 点 as the decimal point of a Chinese numeral (三百二十点五万元, 零点五),
//     the digits after it read one by one; only 万 or 亿 may follow them.
//     点 after Arabic digits or right after 万/亿 (三万点五) is rejected.
//   - Money units 元 圆 千元 万元 亿元 万亿元 (also 百万元, 千万元, and the same
//     without 元), marks ¥ ￥ RMB CNY 人民币, the suffix 整 (or 正).
//   - 角 and 分 as a cheque writes them: one digit each, 角 before 分, after
//     元 (三元五角, 1元5角, 壹仟…元玖角捌分, 3元零5分) or alone (5角, 8分).
//     A digit with no place (三元五, 5角3) and 角/分 after a yuan fraction
//     (3.5元5角) are rejected; the unit of such a cell is 元.
//   - Count units 件 条 个 项 人次 件次 次 人 家 份 篇 起 宗 户 名 位 批 批次 场
//     场次 户次 例 处.
//   - Whitespace of every kind around the value and between number and unit;
//     zero-width characters and BOMs are ignored wherever they are. Visible
//     whitespace inside a digit run ("1 000") is rejected.
//   - Not-applicable markers / ／ \ ＼ - － — —— -- – ― 无 and blank cells give NA
//     (null), never zero.
//   - 约 近 大约 接近 将近 左右 上下 keep the value and set Approximate.
//   - Markdown emphasis (**48**, __48__, *48*) or quotation marks (“48”,
//     "48", ‘48’, 「48」, 『48』) around the whole cell, one or two of them:
//     the cell reads as what they hold (**/** is a marker). A mark that
//     also stands inside ("**3** 和 **5**", “3”“5”) is no wrapper.
//   - An apostrophe between digits (1'234, 1’234) is rejected: a thousands
//     separator to some, a decimal point to others.
//
// Units. The unit in the cell wins over the column header's. Result.Unit is
// the canonical money unit (万 and 萬元 are reported as 万元, 圆 as 元): the
// multiplier written after a single number (362.24万元 → 万元, 三十万元 → 万元,
// 3百万元 → 百万元), or 元 when the cell spells the whole value out (3万5千元,
// 1亿2000万元). With no unit in the cell the header unit applies; with none
// there either the amount is taken as yuan and UnitInferred is set, except
// that a currency mark alone (¥100, RMB 100) states yuan: Unit is 元. A mark
// names the currency, not the scale, so a header unit still applies to it.
// Chinese 十百千 inside a numeral are part of the number (三百 in a 万元
// column is 300万元); after Arabic digits they are a unit (3千 is 3000元).
//
// Rejected cells keep Exact when the number itself was read: Overflow,
// ErrPrecision and ErrFraction. MarshalJSON prints no value for them (null,
// as the dataset holds them); its input is what was printed.
//
// Precision. An amount finer than a fen once converted to yuan (0.001元,
// 0.0000001万元) cannot be stored exactly in DECIMAL(18,2): it is rejected
// with ErrPrecision, and Exact still holds the exact printed value. An
// amount beyond ±9999999999999999.99 yuan, or a count beyond int64, sets
// Overflow, keeps Exact and is rejected with ErrOverflow.
//
// Speed. Plain integers (" 0", "12", "+163", "\u00a00") and the common
// not-applicable markers take a fast path that does not allocate.
package normalize
