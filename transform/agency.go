package transform

import (
	"strings"
)

// leadWords are the words a sentence puts before an organ's name when it
// is its subject or agent (本报告由两城镇人民政府编制, 经松岭县教育局…):
// not part of the name.
var leadWords = []string{"本报告由", "报告由", "本年度", "由", "据", "系", "即", "是", "被", "在", "对"}

// notInName are words no organ's name holds: particles and the verbs of
// the sentences a fragment is cut from (有力地促进了全镇).
var notInName = []string{"了", "的", "着", "促进", "推进", "加强", "有力", "积极", "进一步", "认真", "坚持",
	"深入", "按照", "根据", "要求", "我们", "报告", "不断", "持续", "扎实",
	// a sentence's enumeration and its verbs (二是明确由街道领导班子分管…)
	"一是", "二是", "三是", "四是", "五是", "六是", "明确", "负责", "分管", "确保"}

// notInNameIndex finds the words of notInName in one pass over a name,
// where a strings.Contains per word read it once each.
var notInNameIndex = newKeyIndex(notInName...)

// channelWords close the name of a publication channel, not of an organ
// (来源：松岭县人民政府网站): the organ is what precedes them.
var channelWords = []string{"门户网站", "官方网站", "网站", "官网", "政务网", "微信公众号", "公众号"}

// cleanOrg is the organ's name in a, with the words around it that are not
// the name taken off (spaces, a leading 由 or 经, a trailing 网站); "" when
// what is left is not a complete name: a sentence fragment, a pronoun
// (全镇, 本局) or a name cut short.
func cleanOrg(a string) string {
	a = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u3000' || r == '\t' || r == '\u00a0' {
			return -1
		}
		return r
	}, a)
	if r := []rune(a); len(r) > 2 && strings.ContainsRune("(（【[", r[0]) && strings.ContainsRune(")）】]", r[len(r)-1]) {
		a = string(r[1 : len(r)-1]) // a heading in brackets: （松岭县教育局）
	}
	for _, w := range channelWords {
		if s := strings.TrimSuffix(a, w); s != a && isOrgName(s) {
			a = s
			break
		}
	}
	for _, w := range leadWords {
		if s := strings.TrimPrefix(a, w); s != a && hanCount(s) >= 3 && isOrgName(s) {
			a = s
			break
		}
	}
	if !isOrgName(a) || notInNameIndex.has(a) || pronounOrg(a) {
		return ""
	}
	return a
}

// pronounOrg reports a name that only points at an organ: 全镇, 本局, 该街道.
func pronounOrg(a string) bool {
	r := []rune(a)
	if len(r) < 2 || !strings.ContainsRune("全本该各我其每此", r[0]) {
		return false
	}
	switch string(r[1:]) {
	case "镇", "乡", "街", "街道", "区", "县", "市", "局", "委", "办", "机关", "单位", "部门", "中心", "院", "厅", "处", "所":
		return true
	}
	return false
}

// completeSuffixes extend the name of a division to its organ where the
// text prints the organ whole: 茅草街 before 镇人民政府 is 茅草街镇人民政府,
// not the street 茅草街.
var completeSuffixes = []string{"镇人民政府", "乡人民政府", "街道办事处", "道办事处", "人民政府", "办事处", "镇", "乡", "道"}

// extendOrg returns the organ name starting with name when the text right
// after it (rest) completes it.
func extendOrg(name, rest string) string {
	for _, s := range completeSuffixes {
		if strings.HasPrefix(rest, s) {
			return name + s
		}
	}
	return name
}

// divisionOf is the division an organ's name is the government of
// (茅草街镇人民政府 → 茅草街镇, 东湖街道办事处 → 东湖街道), so that both
// forms count as one organ; a name that is not such a government is itself.
func divisionOf(a string) string {
	for _, s := range []string{"人民政府", "办事处"} {
		if d := strings.TrimSuffix(a, s); d != a && hanCount(d) >= 2 {
			return d
		}
	}
	return a
}

// ownOrgan is the organ whose report it is when the title's organ is its
// own office (…管委会办公室 compiling the 管委会's report) and the title
// names the organ itself after 关于 or 印发: "" otherwise.
func ownOrgan(subject string) string {
	if a := cleanOrg(strings.TrimLeft(strings.TrimPrefix(subject, "印发"), "《〈")); a != "" && !isDivisionOnly(a) {
		return a
	}
	return ""
}

// isDivisionOnly reports a name that is a division (青州市, 白石镇, 东湖街道)
// rather than an organ of it.
func isDivisionOnly(a string) bool {
	for _, s := range []string{"省", "市", "县", "区", "旗", "镇", "乡", "街道", "街", "新区", "开发区", "园区"} {
		if strings.HasSuffix(a, s) {
			return true
		}
	}
	return false
}
