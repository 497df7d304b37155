package generate

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// Pools the agencies are composed from. Real place names, mixed freely: the
// corpus needs plausible names, not a gazetteer.
var (
	cities = []string{"苏州市", "绍兴市", "洛阳市", "柳州市", "宜昌市", "赣州市", "泉州市", "保定市",
		"淄博市", "绵阳市", "遵义市", "曲靖市", "湛江市", "芜湖市", "株洲市", "岳阳市", "常德市",
		"九江市", "包头市", "银川市", "西宁市", "南通市", "嘉兴市", "台州市", "襄阳市", "邯郸市"}
	districts = []string{"朝阳区", "海淀区", "雁塔区", "武侯区", "越秀区", "鼓楼区", "天河区", "江北区",
		"南岗区", "历下区", "双阳区", "荔湾区", "临安区", "白云区", "锦江区", "和平区", "河西区",
		"新城区", "城关区", "秀英区", "西湖区", "思明区", "青羊区", "市中区", "吴中区", "上城区"}
	counties = []string{"长丰县", "肥西县", "桐庐县", "淳安县", "德清县", "安吉县", "长兴县", "仙居县",
		"天台县", "永嘉县", "平阳县", "文成县", "泰顺县", "龙游县", "开化县", "浦江县", "武义县",
		"磐安县", "沛县", "丰县", "睢宁县", "灌云县", "东海县", "涟水县", "射阳县", "建湖县", "宝应县"}
	streets = []string{"平湖", "驼峰路", "锦北", "均禾", "花地", "建国门", "大栅栏", "东华门", "南湖",
		"北苑", "西园", "东风", "新华", "城南", "城北", "长安", "解放路", "人民路", "中山路", "和平里",
		"天桥", "龙华", "石龙", "红旗", "光明", "桂城", "金沙", "望江", "双塔", "滨江"}
	towns = []string{"石湾", "龙泉", "青山", "白沙", "黄桥", "新市", "双桥", "太平", "永安", "清溪",
		"柳林", "马桥", "花桥", "古城", "临江", "桃源", "河口", "杨村", "大荆", "横山"}
	localBureaus = []string{"教育局", "民政局", "司法局", "财政局", "人力资源和社会保障局", "卫生健康局",
		"市场监督管理局", "住房和城乡建设局", "交通运输局", "农业农村局", "文化和旅游局", "应急管理局",
		"退役军人事务局", "医疗保障局", "统计局", "审计局", "发展和改革局", "自然资源局", "水利局"}
	cityBureaus = []string{"人民政府办公室", "生态环境局", "自然资源和规划局", "公安局", "发展和改革委员会",
		"教育局", "交通运输局", "水利局", "商务局", "市场监督管理局", "住房和城乡建设局", "城市管理局"}
)

// agency is an issuing organ and how it refers to itself in the narrative.
type agency struct {
	name string // as printed in the title or signature
	self string // 我街道, 我局 …
	kind int    // agencyStreet …
}

const (
	agencyStreet = iota
	agencyTown
	agencyLocal
	agencyCity
	agencyGov
)

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

func newAgency(r *rand.Rand) agency {
	local := func() string {
		if chance(r, 0.55) {
			return pick(r, districts)
		}
		return pick(r, counties)
	}
	switch x := r.IntN(100); {
	case x < 30:
		name := pick(r, streets) + "街道办事处"
		if chance(r, 0.5) {
			name = pick(r, districts) + name
		}
		return agency{name, pick(r, []string{"我街道", "街道", "本街道", "我办"}), agencyStreet}
	case x < 50:
		name := pick(r, towns) + "镇人民政府"
		if chance(r, 0.5) {
			name = pick(r, counties) + name
		}
		return agency{name, pick(r, []string{"我镇", "镇政府", "本镇"}), agencyTown}
	case x < 80:
		b := pick(r, localBureaus)
		self := "我局"
		if strings.HasSuffix(b, "委员会") {
			self = "我委"
		}
		return agency{local() + b, self, agencyLocal}
	case x < 95:
		b := pick(r, cityBureaus)
		self := "我局"
		switch {
		case strings.HasSuffix(b, "委员会"):
			self = "我委"
		case strings.HasSuffix(b, "办公室"):
			self = "市政府办公室"
		}
		return agency{pick(r, cities) + b, self, agencyCity}
	default:
		place := local()
		if chance(r, 0.5) {
			return agency{place + "人民政府办公室", place[:len(place)-3] + "政府办公室", agencyGov}
		}
		return agency{place + "人民政府", "本级政府", agencyGov}
	}
}

// Narrative pools. {Y} is the report year, {Y1} the next, {A} the agency,
// {S} how it calls itself, {N1}…{N4} small numbers, {P} a platform.
var (
	platforms = []string{"政府门户网站", "政务新媒体", "微信公众号", "政务公开专栏", "政务服务网", "政府信息公开平台"}

	introParas = []string{
		"根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，现公布{A}{Y}年政府信息公开工作年度报告。本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议及行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六部分组成。",
		"本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》要求编制，所列数据的统计期限自{Y}年1月1日起至{Y}年12月31日止。",
		"{Y}年，{S}在上级党委、政府的正确领导下，认真贯彻落实《中华人民共和国政府信息公开条例》，紧紧围绕中心工作，扎实推进政府信息公开工作。现将有关情况报告如下：",
	}
	sec1Paras = []string{
		"{Y}年，{S}通过{P}主动公开政府信息{N3}条，其中规范性文件{N1}条，工作动态{N2}条，财政预决算信息{N1}条，其他信息{N2}条。",
		"（一）主动公开。{S}坚持“以公开为常态、不公开为例外”，围绕重点领域信息公开要求，及时更新{P}栏目，全年累计发布各类信息{N3}条，未发生因信息公开不及时引发的投诉。",
		"（二）依申请公开。{Y}年，{S}共收到政府信息公开申请{N1}件，均在法定期限内予以答复，答复率100%。",
		"（三）政府信息管理。{S}严格落实信息发布前保密审查制度，按照“谁公开、谁审查、谁负责”的原则，做好政府信息公开前的审查工作，全年未发生泄密事件。",
		"（四）平台建设。进一步加强{P}建设，优化栏目设置，完善政府信息公开目录和指南，方便群众查阅。{Y}年共更新栏目{N1}个。",
		"（五）监督保障。调整充实政府信息公开工作领导小组，明确分管领导和具体经办人员，将政府信息公开工作纳入年度绩效考核，开展业务培训{N1}次。",
		"{S}高度重视政府信息公开工作，主要领导亲自抓，分管领导具体抓，办公室负责日常工作，形成了上下联动、齐抓共管的工作格局。",
		"围绕“六稳”“六保”、优化营商环境、民生保障等重点领域，及时公开相关政策文件和解读材料，全年发布政策解读{N1}篇。",
		"认真做好建议提案办理结果公开工作，{Y}年共承办人大代表建议{N1}件、政协提案{N1}件，办理结果均已按要求公开。",
		"[bookmark: _GoBack]{Y}年1月1日至12月31日，通过{P}公开信息{N3}条，其中法规文件{N1}条，规划计划{N1}条，财政信息{N1}条。",
	}
	sec5Paras = []string{
		"{Y}年，{S}政府信息公开工作取得了一定成效，但也存在一些不足：一是公开内容不够全面，部分信息更新不够及时；二是政策解读形式较为单一；三是工作人员业务水平有待进一步提高。",
		"下一步，{S}将从以下几个方面加以改进：一是进一步健全工作机制，明确责任分工；二是加大主动公开力度，拓展公开渠道；三是加强业务培训，提升工作人员能力水平。",
		"针对存在的问题，{Y1}年{S}将严格按照《条例》要求，进一步规范依申请公开办理流程，提高答复质量，切实保障人民群众的知情权、参与权、表达权和监督权。",
		"存在的主要问题：政府信息公开的深度和广度还需拓展，信息发布的时效性有待加强。改进措施：加强统筹协调，落实专人负责，定期检查栏目更新情况。",
	}
	sec6Paras = []string{
		"{Y}年，{S}未收取信息处理费。",
		"无其他需要报告的事项。",
		"根据《政府信息公开信息处理费管理办法》，{Y}年度{S}未发出收费通知，未收取信息处理费。",
		"本年度无其他需要报告的事项。",
		"按照上级工作部署，{S}认真落实政务公开工作要点，人大代表建议和政协提案办理结果公开率100%。",
	}
)

// narrate fills a pool sentence in, drawing each number where it occurs.
func narrate(r *rand.Rand, s string, year int, a agency) string {
	var b strings.Builder
	b.Grow(len(s) + 32)
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexByte(s[i:], '}')
		b.WriteString(s[:i])
		switch key := s[i+1 : i+j]; key {
		case "Y":
			b.WriteString(strconv.Itoa(year))
		case "Y1":
			b.WriteString(strconv.Itoa(year + 1))
		case "A":
			b.WriteString(a.name)
		case "S":
			b.WriteString(a.self)
		case "P":
			b.WriteString(pick(r, platforms))
		case "N1":
			b.WriteString(strconv.Itoa(r.IntN(12)))
		case "N2":
			b.WriteString(strconv.Itoa(5 + r.IntN(80)))
		case "N3":
			b.WriteString(strconv.Itoa(20 + r.IntN(600)))
		default:
			panic("generate: no placeholder " + key)
		}
		s = s[i+j+1:]
	}
}

// pickN returns n distinct elements of xs in their pool order.
func pickN(r *rand.Rand, xs []string, n int) []string {
	if n > len(xs) {
		n = len(xs)
	}
	idx := r.Perm(len(xs))[:n]
	keep := make([]bool, len(xs))
	for _, i := range idx {
		keep[i] = true
	}
	out := make([]string, 0, n)
	for i, x := range xs {
		if keep[i] {
			out = append(out, x)
		}
	}
	return out
}
