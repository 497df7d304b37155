package normalize_test

import (
	"errors"
	"strconv"
	"testing"

	"github.com/nianbao/nianbao/transform/normalize"
)

// tc is one cell. want is the exact value ("" for none); err the sentinel
// the rejection must wrap.
type tc struct {
	kind     normalize.Kind
	in       string
	header   string
	want     string
	unit     string
	inferred bool
	approx   bool
	na       bool
	overflow bool
	err      error
}

func amt(in, want, unit string) tc {
	return tc{kind: normalize.KindAmount, in: in, want: want, unit: unit}
}

func amtInferred(in, want string) tc {
	return tc{kind: normalize.KindAmount, in: in, want: want, inferred: true}
}

func amtHeader(in, header, want, unit string) tc {
	return tc{kind: normalize.KindAmount, in: in, header: header, want: want, unit: unit}
}

func amtApprox(in, want, unit string) tc {
	c := amt(in, want, unit)
	c.approx = true
	return c
}

func amtErr(in string, err error) tc { return tc{kind: normalize.KindAmount, in: in, err: err} }

func cnt(in, want string) tc { return tc{kind: normalize.KindCount, in: in, want: want} }

func cntUnit(in, want, unit string) tc {
	return tc{kind: normalize.KindCount, in: in, want: want, unit: unit}
}

func cntErr(in string, err error) tc { return tc{kind: normalize.KindCount, in: in, err: err} }

func na(kind normalize.Kind, in string) tc { return tc{kind: kind, in: in, na: true} }

var cases = []tc{
	// Cells exactly as the five seed reports print them.
	cnt("0", "0"),
	cnt("\u00a00", "0"),
	cnt("0 ", "0"),
	cnt(" 0", "0"),
	cnt("1", "1"),
	cnt("1 ", "1"),
	cnt("\u00a01", "1"),
	cnt("\u00a02", "2"),
	cnt("\u3000\u30002", "2"),
	cnt("\u30002", "2"),
	cnt("2", "2"),
	cnt("4", "4"),
	cnt("41", "41"),
	cnt("80", "80"),
	cnt("125", "125"),
	cnt("153", "153"),
	cnt("741", "741"),
	cnt("40625", "40625"),
	cnt("+163", "163"),
	cnt("+3", "3"),
	na(normalize.KindCount, "\u00a0/"),
	na(normalize.KindCount, "\u3000/"),
	na(normalize.KindCount, "/\u00a0"),
	na(normalize.KindCount, "\u3000\u3000/"),
	na(normalize.KindCount, "/ "),
	na(normalize.KindCount, "/"),
	na(normalize.KindCount, ""),
	na(normalize.KindCount, " "),
	na(normalize.KindCount, "\u3000\u3000"),
	na(normalize.KindCount, "                                                   "),
	amt("10268898元", "10268898", "元"),
	amt("362.24万元", "3622400", "万元"),
	amt("567.27万元", "5672700", "万元"),
	amtInferred("207204.99", "207204.99"),
	amtInferred(" 0", "0"),
	amtInferred("\u00a00", "0"),
	amtInferred("0", "0"),
	na(normalize.KindAmount, "\u00a0/"),
	na(normalize.KindAmount, "\u3000\u3000/"),

	// Float traps: each is off by one in the last place through float64.
	amt("16.4亿", "1640000000", "亿元"),
	amt("4.35亿元", "435000000", "亿元"),
	amt("0.0001万元", "1", "万元"),
	amt("1.1亿元", "110000000", "亿元"),
	amt("0.07万元", "700", "万元"),
	amt("2.675万元", "26750", "万元"),
	amtInferred("0.1", "0.1"),
	amtInferred("0.29", "0.29"),
	amt("1.005万元", "10050", "万元"),
	amtInferred("9999999999999999.99", "9999999999999999.99"),
	amtInferred("-9999999999999999.99", "-9999999999999999.99"),

	// Digits, separators, signs.
	cnt("０", "0"),
	cnt("１２３", "123"),
	amt("３６２．２４万元", "3622400", "万元"),
	amtInferred("1,234", "1234"),
	amtInferred("1,234,567.89", "1234567.89"),
	amtInferred("1，234，567", "1234567"),
	amtInferred("12,345", "12345"),
	amtInferred("123,456", "123456"),
	cnt("1,000", "1000"),
	cnt("007", "7"),
	cnt("-007", "-7"),
	cnt("-3", "-3"),
	cnt("-0", "0"),
	cnt("+0", "0"),
	cnt("\u22123", "-3"),
	cnt("－3", "-3"),
	cnt("＋3", "3"),
	cnt("负3", "-3"),
	// 本年增/减 in words
	cnt("增加3", "3"),
	cnt("减少2", "-2"),
	cnt("增3", "3"),
	cnt("减2", "-2"),
	cntUnit("增加3项", "3", "项"),
	cnt("（-3）", "-3"),
	cnt("(-3)", "-3"),
	cnt("(+3)", "3"),
	cntUnit("（－3）件", "-3", "件"),
	amt("(-3)万元", "-30000", "万元"),
	amt("(-3万元)", "-30000", "万元"),
	amtInferred("-207204.99", "-207204.99"),
	cnt("163.0", "163"),
	cnt("163.00", "163"),
	cnt("9223372036854775807", "9223372036854775807"),
	cnt("-9223372036854775808", "-9223372036854775808"),
	cnt("999999999999999999", "999999999999999999"),

	// Whitespace and invisible characters.
	cnt("\t12\t", "12"),
	cnt("\r\n12\r\n", "12"),
	cnt("\ufeff12", "12"),
	cnt("\u200b12\u200b", "12"),
	cnt("1\u200b2", "12"),
	cnt("\u2003 12 \u2002", "12"),
	cnt("\u202f12", "12"),
	amt("362.24 万元", "3622400", "万元"),
	amt("362.24\u3000万元", "3622400", "万元"),
	amt("362.24\n万元", "3622400", "万元"),
	amt("362.24万\u00a0元", "3622400", "万元"),
	amt("\ufeff 10268898 元 ", "10268898", "元"),
	cnt("- 3", "-3"),

	// Chinese numerals.
	cnt("零", "0"),
	cnt("〇", "0"),
	cnt("一", "1"),
	cnt("两", "2"),
	cnt("十", "10"),
	cnt("十五", "15"),
	cnt("二十", "20"),
	cnt("二十五", "25"),
	cnt("一百", "100"),
	cnt("一百零五", "105"),
	cnt("一百一十", "110"),
	cnt("三千零五十", "3050"),
	cnt("一千零五", "1005"),
	cnt("两千", "2000"),
	cnt("三万五千", "35000"),
	cnt("十万零五", "100005"),
	cnt("一亿零三千", "100003000"),
	cnt("一亿二千万", "120000000"),
	cnt("壹佰贰拾叁", "123"),
	cnt("玖仟玖佰玖拾玖", "9999"),
	cnt("叁萬", "30000"),
	cnt("肆億", "400000000"),
	cnt("一万零一亿", "1000100000000"),
	cnt("一万二千亿", "1200000000000"),
	cnt("一万亿零五", "1000000000005"),
	cnt("一万零一亿零一万零一", "1000100010001"),
	amt("壹佰元整", "100", "元"),
	amt("壹仟贰佰叁拾肆圆整", "1234", "元"),
	amt("三十万元", "300000", "万元"),
	amt("一百二十万元", "1200000", "万元"),
	amt("十万元", "100000", "万元"),
	amt("两万元", "20000", "万元"),
	amt("三千元", "3000", "元"),
	amt("负三万元", "-30000", "万元"),
	cntErr("三万五", normalize.ErrSyntax),
	cntErr("一百五", normalize.ErrSyntax),
	cntErr("一亿三千", normalize.ErrSyntax),
	cntErr("三百五万", normalize.ErrSyntax),
	cntErr("二〇二〇", normalize.ErrSyntax),
	cntErr("一千零", normalize.ErrSyntax),
	cntErr("三十百", normalize.ErrUnit),
	cntErr("三五", normalize.ErrVague),
	amtErr("三五万元", normalize.ErrVague),

	// Mixed forms and money units.
	amt("3万5千元", "35000", "元"),
	amt("3万5000元", "35000", "元"),
	amt("1亿2000万元", "120000000", "元"),
	amt("1亿2千万元", "120000000", "元"),
	amt("1.2亿", "120000000", "亿元"),
	amt("3千元", "3000", "千元"),
	amt("3.5千元", "3500", "千元"),
	amt("3百万元", "3000000", "百万元"),
	amt("1.5千万元", "15000000", "千万元"),
	amt("3万亿元", "3000000000000", "万亿元"),
	amt("1.5万亿", "1500000000000", "万亿元"),
	amt("3万", "30000", "万元"),
	amt("3亿", "300000000", "亿元"),
	amt("3萬元", "30000", "万元"),
	amt("100圆", "100", "元"),
	amt("100元整", "100", "元"),
	amt("¥100", "100", "元"),
	amt("￥100", "100", "元"),
	amt("¥ 1,000.50", "1000.5", "元"),
	amt("RMB100", "100", "元"),
	amt("rmb 100万元", "1000000", "万元"),
	amt("人民币100万元", "1000000", "万元"),
	amt("100万元人民币", "1000000", "万元"),
	amt("CNY 5", "5", "元"),
	amt("-5元", "-5", "元"),
	amt("负5元", "-5", "元"),
	amtErr("3万5", normalize.ErrSyntax),
	amtErr("3万500", normalize.ErrSyntax),
	amtErr("3千5", normalize.ErrSyntax),

	// Header units: the cell's own unit wins.
	amtHeader("362.24", "万元", "3622400", "万元"),
	amtHeader("362.24", "(万元)", "3622400", "万元"),
	amtHeader("362.24", "万", "3622400", "万元"),
	amtHeader("362.24", "单位：万元", "3622400", "万元"),
	amtHeader("12", "元", "12", "元"),
	amtHeader("0", "万元", "0", "万元"),
	amtHeader("1", "亿元", "100000000", "亿元"),
	amtHeader("1.5", "千元", "1500", "千元"),
	amtHeader("362.24元", "万元", "362.24", "元"),
	amtHeader("1.2亿", "万元", "120000000", "亿元"),
	amtHeader("三百", "万元", "3000000", "万元"),
	amtHeader("¥100", "万元", "1000000", "万元"),
	{kind: normalize.KindAmount, in: "12", header: "美元", err: normalize.ErrCurrency},
	{kind: normalize.KindAmount, in: "12", header: "公斤", err: normalize.ErrUnit},
	{kind: normalize.KindAmount, in: "12元", header: "公斤", want: "12", unit: "元"},
	{kind: normalize.KindAmount, in: "0.0000001", header: "万元", want: "0.001", unit: "万元", err: normalize.ErrPrecision},

	// Counts with count words.
	cntUnit("2件", "2", "件"),
	cntUnit("2 件", "2", "件"),
	cntUnit("3条", "3", "条"),
	cntUnit("4个", "4", "个"),
	cntUnit("5项", "5", "项"),
	cntUnit("6人次", "6", "人次"),
	cntUnit("十二件", "12", "件"),
	cntUnit("1.2万件", "12000", "件"),
	cntErr("2件件", normalize.ErrUnit),
	cntErr("2元", normalize.ErrUnit),
	cntErr("¥2", normalize.ErrUnit),
	amtErr("2件", normalize.ErrUnit),

	// Not applicable.
	na(normalize.KindCount, "-"),
	na(normalize.KindCount, "—"),
	na(normalize.KindCount, "——"),
	na(normalize.KindCount, "－"),
	na(normalize.KindCount, "无"),
	na(normalize.KindCount, "／"),
	na(normalize.KindCount, "--"),
	na(normalize.KindCount, "\t\n"),
	na(normalize.KindCount, "\u200b"),
	na(normalize.KindCount, "\u2003/\u2003"),
	na(normalize.KindAmount, "无"),
	na(normalize.KindAmount, "—"),
	na(normalize.KindAmount, ""),
	na(normalize.KindCount, "\\"),
	na(normalize.KindCount, "＼"),
	na(normalize.KindAmount, " ＼ "),
	// a marker with its unit, in a column whose cells print it (5件)
	na(normalize.KindCount, "/件"),
	na(normalize.KindCount, "／ 件"),
	na(normalize.KindCount, "——项"),
	na(normalize.KindCount, "-人次"),
	na(normalize.KindAmount, "/万元"),
	cntErr("/件件件件", normalize.ErrSyntax),
	cntErr("/其他", normalize.ErrSyntax),
	cntErr("件/", normalize.ErrSyntax),

	// Approximate values are kept and flagged.
	amtApprox("约20万元", "200000", "万元"),
	amtApprox("近20万元", "200000", "万元"),
	amtApprox("20万元左右", "200000", "万元"),
	amtApprox("大约20万元", "200000", "万元"),
	amtApprox("接近20万元", "200000", "万元"),
	amtApprox("将近3亿元", "300000000", "亿元"),
	amtApprox("约 1,000 元", "1000", "元"),
	{kind: normalize.KindCount, in: "约20件", want: "20", unit: "件", approx: true},
	{kind: normalize.KindCount, in: "20左右", want: "20", approx: true},

	// Rejected, never guessed.
	amtErr("3-5万元", normalize.ErrRange),
	amtErr("3至5", normalize.ErrRange),
	amtErr("3到5万元", normalize.ErrRange),
	amtErr("3万—5万元", normalize.ErrRange),
	amtErr("3~5", normalize.ErrRange),
	amtErr("3～5", normalize.ErrRange),
	amtErr("3－5", normalize.ErrRange),
	amtErr("三至五万元", normalize.ErrRange),
	cntErr("-3-5", normalize.ErrRange),
	cntErr("3或4", normalize.ErrRange),
	amtErr("10万元以上", normalize.ErrBound),
	amtErr("10万元以下", normalize.ErrBound),
	amtErr("不足10万元", normalize.ErrBound),
	amtErr("超过10万元", normalize.ErrBound),
	amtErr("逾10万元", normalize.ErrBound),
	amtErr("不少于5万元", normalize.ErrBound),
	cntErr(">5", normalize.ErrBound),
	amtErr("200余万元", normalize.ErrVague),
	amtErr("20多万元", normalize.ErrVague),
	amtErr("几十万元", normalize.ErrVague),
	amtErr("数万元", normalize.ErrVague),
	amtErr("若干", normalize.ErrVague),
	amtErr("上万元", normalize.ErrVague),
	cntErr("十来件", normalize.ErrVague),
	amtErr("3%", normalize.ErrPercent),
	amtErr("3％", normalize.ErrPercent),
	amtErr("百分之三", normalize.ErrPercent),
	amtErr("5‰", normalize.ErrPercent),
	cntErr("50%", normalize.ErrPercent),
	amtErr("$5", normalize.ErrCurrency),
	amtErr("5美元", normalize.ErrCurrency),
	amtErr("5欧元", normalize.ErrCurrency),
	amtErr("5 USD", normalize.ErrCurrency),
	amtErr("5日元", normalize.ErrCurrency),
	amtErr("5港元", normalize.ErrCurrency),
	amtErr("HK$5", normalize.ErrCurrency),
	amtErr("€5", normalize.ErrCurrency),
	amtErr("12,34", normalize.ErrGrouping),
	amtErr("1,2345", normalize.ErrGrouping),
	amtErr("1,234,56", normalize.ErrGrouping),
	amtErr("1234,567", normalize.ErrGrouping),
	amtErr("1.234,5", normalize.ErrGrouping),
	amtErr(",123", normalize.ErrGrouping),
	cntErr("163，", normalize.ErrGrouping),
	amtErr("1.2.3", normalize.ErrSyntax),
	amtErr("1..2", normalize.ErrSyntax),
	amtErr("5.", normalize.ErrSyntax),
	amtErr(".5", normalize.ErrSyntax),
	amtErr("3万万元", normalize.ErrUnit),
	amtErr("万万元", normalize.ErrUnit),
	amtErr("3亿万元", normalize.ErrUnit),
	amtErr("3元元", normalize.ErrUnit),
	amtErr("3元万", normalize.ErrUnit),
	amtErr("3万2万", normalize.ErrUnit),
	amtErr("3千百元", normalize.ErrUnit),
	amtErr("12abc", normalize.ErrSyntax),
	amtErr("abc", normalize.ErrSyntax),
	amtErr("1e5", normalize.ErrSyntax),
	amtErr("0x10", normalize.ErrSyntax),
	amtErr("1 000", normalize.ErrSyntax),

	// Markdown emphasis and quotation marks around the whole cell: the
	// value inside, as if printed alone.
	cnt("**48**", "48"),
	cnt("__48__", "48"),
	cnt("*48*", "48"),
	cnt("***48***", "48"),
	cnt(" **48** ", "48"),
	cnt("**“48”**", "48"),
	cnt("“18561”", "18561"),
	cnt("\"18561\"", "18561"),
	cnt("＂7＂", "7"),
	cnt("‘7’", "7"),
	cnt("「18561」", "18561"),
	cnt("『7』", "7"),
	cnt("**0**", "0"),
	cnt("“+3”", "3"),
	cntUnit("**5件**", "5", "件"),
	amt("**362.24万元**", "3622400", "万元"),
	na(normalize.KindCount, "**/**"),
	na(normalize.KindCount, "“—”"),
	cntErr("**3** 和 **5**", normalize.ErrSyntax),
	cntErr("“3”“5”", normalize.ErrSyntax),
	cntErr("“”", normalize.ErrSyntax),
	cntErr("****", normalize.ErrSyntax),
	cntErr("“5“", normalize.ErrSyntax),
	cntErr("**5*", normalize.ErrSyntax),
	cntErr("5*", normalize.ErrSyntax),
	// An apostrophe between digits groups thousands to some and is a
	// decimal point to others.
	cntErr("1'234", normalize.ErrGrouping),
	cntErr("1’234", normalize.ErrGrouping),
	amtErr("1'234.50", normalize.ErrGrouping),
	cntErr("5'", normalize.ErrSyntax),
	amtErr("(3)", normalize.ErrSyntax),
	amtErr("（3）万元", normalize.ErrSyntax),
	amtErr("-(3)", normalize.ErrSyntax),
	amtErr("(-3", normalize.ErrSyntax),
	amtErr("-3)", normalize.ErrSyntax),
	amtErr("+-3", normalize.ErrSyntax),
	amtErr("3-", normalize.ErrSyntax),
	amtErr("—3", normalize.ErrSyntax),
	amtErr("3/5", normalize.ErrSyntax),
	amtErr("元", normalize.ErrSyntax),
	amtErr("万元", normalize.ErrSyntax),
	amtErr("3整", normalize.ErrSyntax),
	amtErr("约", normalize.ErrSyntax),
	amtErr("3约", normalize.ErrSyntax),
	amtErr("\xff3", normalize.ErrSyntax),
	{kind: normalize.KindCount, in: "163.5", want: "163.5", err: normalize.ErrFraction},
	{kind: normalize.KindCount, in: "1.23456万", want: "12345.6", err: normalize.ErrFraction},
	cntErr("3元", normalize.ErrUnit),
	cntErr("二〇", normalize.ErrSyntax),
	cntErr("1e308", normalize.ErrSyntax),
	cntErr("12abc", normalize.ErrSyntax),
	cntErr("-3x", normalize.ErrSyntax),
	{kind: normalize.KindCount, in: "one", err: normalize.ErrSyntax},
	{kind: "money", in: "3", err: normalize.ErrSyntax},

	// 角 and 分: one digit each, 角 before 分, 零 only between 元 and them.
	amt("三元五角", "3.5", "元"),
	amt("1元5角", "1.5", "元"),
	amt("1元5角3分", "1.53", "元"),
	amt("壹仟贰佰叁拾肆元玖角捌分", "1234.98", "元"),
	amt("壹仟零贰元玖角捌分", "1002.98", "元"),
	amt("人民币壹仟贰佰叁拾肆元玖角捌分", "1234.98", "元"),
	amt("¥壹佰元伍角", "100.5", "元"),
	amt("5角", "0.5", "元"),
	amt("8分", "0.08", "元"),
	amt("五角三分", "0.53", "元"),
	amt("两角", "0.2", "元"),
	amt("3元零5分", "3.05", "元"),
	amt("3元5分", "3.05", "元"),
	amt("3元0角5分", "3.05", "元"),
	amt("壹佰元零伍角", "100.5", "元"),
	amt("叁拾元零伍分", "30.05", "元"),
	amt("零元伍角", "0.5", "元"),
	amt("3元5角整", "3.5", "元"),
	amt("3元5角正", "3.5", "元"),
	amt("100元正", "100", "元"),
	amt("5角整", "0.5", "元"),
	amt("3 元 5 角", "3.5", "元"),
	amt("３元５角", "3.5", "元"),
	amt("3万元5角", "30000.5", "元"),
	amt("叁万元零伍角", "30000.5", "元"),
	amt("1,234元5角6分", "1234.56", "元"),
	amt("-3元5角", "-3.5", "元"),
	amt("负5角", "-0.5", "元"),
	amt("-0元5角", "-0.5", "元"),
	amtHeader("5角", "万元", "0.5", "元"),
	amtHeader("3元5角", "万元", "3.5", "元"),
	amtApprox("约3元5角", "3.5", "元"),
	amtErr("三元五", normalize.ErrSyntax), // 三块五: 5角 by habit, not by print
	amtErr("3元5", normalize.ErrSyntax),
	amtErr("5角3", normalize.ErrSyntax), // 5角3分 or 5.3角
	amtErr("3元5角3", normalize.ErrSyntax),
	amtErr("15角", normalize.ErrSyntax), // one digit per place
	amtErr("十角", normalize.ErrSyntax),
	amtErr("1.5角", normalize.ErrSyntax),
	amtErr("05角", normalize.ErrSyntax),
	amtErr("3元15分", normalize.ErrSyntax),
	amtErr("3元50分", normalize.ErrSyntax),
	amtErr("3.5元5角", normalize.ErrSyntax), // the yuan already has a fraction
	amtErr("3万5角", normalize.ErrSyntax),   // no 元 before 角
	amtErr("3分5角", normalize.ErrSyntax),   // 分 before 角
	amtErr("5角元", normalize.ErrUnit),
	amtErr("5角5角", normalize.ErrSyntax),
	amtErr("3元零", normalize.ErrSyntax),
	amtErr("3元零角", normalize.ErrSyntax),
	amtErr("5角零3分", normalize.ErrSyntax),
	amtErr("3元5角5角", normalize.ErrSyntax),
	amtErr("角", normalize.ErrSyntax),
	amtErr("3元5分整整", normalize.ErrSyntax),
	amtErr("正3", normalize.ErrSyntax),
	cntErr("5角", normalize.ErrUnit),
	cntErr("3元5角", normalize.ErrUnit),
	amtErr("5角左右3", normalize.ErrSyntax),

	// 点 in Chinese numerals: the digits after it are places, one by one.
	amt("三百二十点五万元", "3205000", "万元"),
	amt("零点五万元", "5000", "万元"),
	amt("一点二亿元", "120000000", "亿元"),
	amt("十二点三四万元", "123400", "万元"),
	amt("二十三点零五万元", "230500", "万元"),
	amt("一百零五点五万元", "1055000", "万元"),
	amt("一千点五元", "1000.5", "元"),
	amt("三点五元", "3.5", "元"),
	amt("三点五万亿元", "3500000000000", "万亿元"),
	amt("一万二千点五元", "12000.5", "元"),
	amtApprox("约三点五万元", "35000", "万元"),
	amt("三點五元", "3.5", "元"),
	amtHeader("三百二十点五", "万元", "3205000", "万元"),
	cnt("三点五万", "35000"),
	cntUnit("一点二万件", "12000", "件"),
	{kind: normalize.KindCount, in: "三点五", want: "3.5", err: normalize.ErrFraction},
	{kind: normalize.KindAmount, in: "三点零零五元", want: "3.005", unit: "元", err: normalize.ErrPrecision},
	amtErr("点五万元", normalize.ErrSyntax),  // no integer part
	amtErr("三点万元", normalize.ErrSyntax),  // no digit after 点
	amtErr("三万点五", normalize.ErrSyntax),  // 3.5万 or 30000.5
	amtErr("1点5万元", normalize.ErrSyntax), // 点 after Arabic digits
	amtErr("三点五点五", normalize.ErrSyntax),
	amtErr("三点五十万元", normalize.ErrSyntax), // a place after the fraction
	amtErr("三点五万二千元", normalize.ErrSyntax),
	amtErr("一百五点五", normalize.ErrSyntax), // abbreviated integer part
	amtErr("一千零点五", normalize.ErrSyntax),
	amtErr("三点5万元", normalize.ErrSyntax), // an Arabic digit after 点
	amtErr("三点五元五角", normalize.ErrSyntax),
	amtErr("5点", normalize.ErrSyntax),

	// A unit in brackets after the number.
	amt("3.5（万元）", "35000", "万元"),
	amt("3.5 (万元)", "35000", "万元"),
	amt("120（元）", "120", "元"),
	amt("三百（万元）", "3000000", "万元"),
	cntUnit("12（件）", "12", "件"),
	amtErr("（万元）3.5", normalize.ErrSyntax),
	amtErr("3.5（万元）元", normalize.ErrSyntax),
	amtErr("3.5（约）", normalize.ErrSyntax),
	amtErr("3.5（万元", normalize.ErrSyntax),

	// Counts as reports print them, with the words of the trade.
	cntUnit("12件次", "12", "件次"),
	cntUnit("3批次", "3", "批次"),
	cntUnit("4场次", "4", "场次"),
	cntUnit("5名", "5", "名"),
	cntUnit("一百二十件", "120", "件"),
	cntUnit("１２件", "12", "件"),
	cntUnit("1,234件", "1234", "件"),
	cntUnit("2.3万人次", "23000", "人次"),
	cntErr("12余件", normalize.ErrVague),
	{kind: normalize.KindCount, in: "约12件次", want: "12", unit: "件次", approx: true},

	// Too precise or too large: the exact value is kept.
	{kind: normalize.KindAmount, in: "0.001元", want: "0.001", unit: "元", err: normalize.ErrPrecision},
	{kind: normalize.KindAmount, in: "1.234", want: "1.234", inferred: true, err: normalize.ErrPrecision},
	{kind: normalize.KindAmount, in: "10000000000000000", want: "10000000000000000", inferred: true, overflow: true, err: normalize.ErrOverflow},
	{kind: normalize.KindAmount, in: "1万亿亿元", err: normalize.ErrUnit},
	{kind: normalize.KindAmount, in: "100万亿元", want: "100000000000000", unit: "万亿元"},
	{kind: normalize.KindAmount, in: "10000万亿元", want: "10000000000000000", unit: "万亿元", overflow: true, err: normalize.ErrOverflow},
	{kind: normalize.KindAmount, in: "-10000000000000000", want: "-10000000000000000", inferred: true, overflow: true, err: normalize.ErrOverflow},
	{kind: normalize.KindCount, in: "9223372036854775808", want: "9223372036854775808", overflow: true, err: normalize.ErrOverflow},
	{kind: normalize.KindCount, in: "123456789012345678901234567890", want: "123456789012345678901234567890", overflow: true, err: normalize.ErrOverflow},
	{kind: normalize.KindCount, in: "1万亿亿", err: normalize.ErrUnit},
}

func TestNormalize(t *testing.T) {
	if len(cases) < 150 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, c := range cases {
		t.Run(string(c.kind)+"/"+strconv.Quote(c.in)+"/"+c.header, func(t *testing.T) {
			r := normalize.Normalize(c.kind, c.in, c.header)
			check(t, c, r)
		})
	}
}

func check(t *testing.T, c tc, r normalize.Result) {
	t.Helper()
	if r.Input != c.in {
		t.Errorf("Input = %q", r.Input)
	}
	if r.NA != c.na {
		t.Errorf("NA = %v, want %v", r.NA, c.na)
	}
	switch {
	case c.err == nil && r.Err != nil:
		t.Fatalf("unexpected error %v", r.Err)
	case c.err != nil && !errors.Is(r.Err, c.err):
		t.Fatalf("error = %v, want %v", r.Err, c.err)
	}
	if r.Exact != c.want {
		t.Errorf("Exact = %q, want %q", r.Exact, c.want)
	}
	if c.err != nil && c.want == "" {
		return
	}
	if r.Unit != c.unit {
		t.Errorf("Unit = %q, want %q", r.Unit, c.unit)
	}
	if r.UnitInferred != c.inferred {
		t.Errorf("UnitInferred = %v, want %v", r.UnitInferred, c.inferred)
	}
	if r.Approximate != c.approx {
		t.Errorf("Approximate = %v, want %v", r.Approximate, c.approx)
	}
	if r.Overflow != c.overflow {
		t.Errorf("Overflow = %v, want %v", r.Overflow, c.overflow)
	}
	if r.OK() != (c.err == nil && !c.na) {
		t.Errorf("OK() = %v", r.OK())
	}
	if !r.OK() {
		return
	}
	switch r.Kind {
	case normalize.KindAmount:
		if got := r.Amount.Compact(); got != c.want {
			t.Errorf("Amount = %s, want %s", got, c.want)
		}
	case normalize.KindCount:
		if got := strconv.FormatInt(r.Count, 10); got != c.want {
			t.Errorf("Count = %s, want %s", got, c.want)
		}
	}
}

// The wrappers are Normalize with a fixed kind.
func TestWrappers(t *testing.T) {
	if a, b := normalize.Amount("3万元", ""), normalize.Normalize(normalize.KindAmount, "3万元", ""); a.Exact != b.Exact || a.Kind != b.Kind {
		t.Errorf("Amount = %+v, Normalize = %+v", a, b)
	}
	if a := normalize.Count("+163"); a.Count != 163 || a.Kind != normalize.KindCount {
		t.Errorf("Count = %+v", a)
	}
}

func TestHeaderUnit(t *testing.T) {
	for _, c := range []struct{ header, want string }{
		{"采购总金额(万元)", "万元"},
		{"采购总金额（万元）", "万元"},
		{"本年收费金额（单位：万元）", "万元"},
		{"本年收费金额(单位:万元)", "万元"},
		{"金额/万元", "万元"},
		{"金额（元）", "元"},
		{"金额（亿元）", "亿元"},
		{"金额（单位：万）", "万元"},
		{"金额（人民币万元）", "万元"},
		{"金额（千元）", "千元"},
		{"金额(万亿元)", "万亿元"},
		{"金额（萬元）", "万元"},
		{"采购总金额", ""},
		{"采购项目数量", ""},
		{"上一年项目数量 (指2019年事项数)", ""},
		{"本年增/减", ""},
		{"金额（美元）", "美元"},
		{"采购总金额\n(万元)", "万元"},
		{"采购总金额万元", "万元"},
		{"", ""},
	} {
		if got := normalize.HeaderUnit(c.header); got != c.want {
			t.Errorf("HeaderUnit(%q) = %q, want %q", c.header, got, c.want)
		}
	}
}

// A plain integer, the bulk of every report, must not allocate.
func TestFastPathAllocs(t *testing.T) {
	for _, s := range []string{" 0", "12", "\u00a00", "+163", "-3", "0 ", "\u3000\u30002", "/", "\u00a0/", ""} {
		n := testing.AllocsPerRun(100, func() {
			_ = normalize.Count(s)
			_ = normalize.Amount(s, "")
		})
		if n != 0 {
			t.Errorf("%q: %v allocations", s, n)
		}
	}
}
