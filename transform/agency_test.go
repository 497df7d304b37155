package transform

import (
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// TestAgencyForms: the organ as titles, headings, publication lines,
// signatures and summaries print it, across the kinds of organs that
// publish these reports; "" means no complete name is printed, and the
// agency is null with a finding.
func TestAgencyForms(t *testing.T) {
	const body = "\n一、总体情况\n本机关认真贯彻落实《条例》。\n"
	const sign = "\n六、其他需要报告的事项\n无。\n"
	cases := []struct{ name, text, want string }{
		// Titles naming the organ, by kind.
		{"county government", "石门县人民政府2022年政府信息公开工作年度报告" + body, "石门县人民政府"},
		{"city government office", "常宁市人民政府办公室2022年政府信息公开工作年度报告" + body, "常宁市人民政府办公室"},
		{"province general office", "湖南省人民政府办公厅2021年政府信息公开工作年度报告" + body, "湖南省人民政府办公厅"},
		{"bureau", "澧县财政局2022年政府信息公开工作年度报告" + body, "澧县财政局"},
		{"sub-bureau", "株洲市公安局芦淞分局2022年政府信息公开工作年度报告" + body, "株洲市公安局芦淞分局"},
		{"committee", "津市市发展和改革委员会2022年政府信息公开工作年度报告" + body, "津市市发展和改革委员会"},
		{"health committee 委", "汉寿县卫生健康委2022年政府信息公开工作年度报告" + body, "汉寿县卫生健康委"},
		{"township government", "安乡县黄山头镇人民政府2022年政府信息公开工作年度报告" + body, "安乡县黄山头镇人民政府"},
		{"township, division only", "黄山头镇2022年政府信息公开工作年度报告" + body, "黄山头镇"},
		{"xiang government", "桃源县牛车河乡人民政府2021年政府信息公开工作年度报告" + body, "桃源县牛车河乡人民政府"},
		{"street office", "鼎城区玉霞街道办事处2022年政府信息公开工作年度报告" + body, "鼎城区玉霞街道办事处"},
		{"street, division only", "玉霞街道2022年政府信息公开工作年度报告" + body, "玉霞街道"},
		{"management committee", "常德经济技术开发区管理委员会2022年政府信息公开工作年度报告" + body, "常德经济技术开发区管理委员会"},
		{"管委会", "柳叶湖旅游度假区管委会2022年政府信息公开工作年度报告" + body, "柳叶湖旅游度假区管委会"},
		{"department", "湖南省交通运输厅2022年政府信息公开工作年度报告" + body, "湖南省交通运输厅"},
		{"center", "常德市公共资源交易中心2022年政府信息公开工作年度报告" + body, "常德市公共资源交易中心"},
		{"court", "常德市中级人民法院2022年政务公开工作年度报告" + body, "常德市中级人民法院"},
		{"procuratorate", "澧县人民检察院2022年政府信息公开工作年度报告" + body, "澧县人民检察院"},
		{"customs", "长沙海关2022年政府信息公开工作年度报告" + body, "长沙海关"},
		{"co-operative", "石门县供销合作社2022年政府信息公开工作年度报告" + body, "石门县供销合作社"},
		{"station", "石门县水文站2022年政府信息公开工作年度报告" + body, "石门县水文站"},
		{"brigade", "临澧县公安局交通警察大队2022年政府信息公开工作年度报告" + body, "临澧县公安局交通警察大队"},
		{"institute", "常德市农林科学研究院2022年政府信息公开工作年度报告" + body, "常德市农林科学研究院"},
		{"office 办", "常德市人民政府外事办2022年政府信息公开工作年度报告" + body, "常德市人民政府外事办"},
		{"party committee office", "中共澧县县委办公室2022年政府信息公开工作年度报告" + body, "中共澧县县委办公室"},
		{"federation 会", "常德市残疾人联合会2022年政府信息公开工作年度报告" + body, "常德市残疾人联合会"},
		{"administration 署", "国家税务总局常德市税务局2022年政府信息公开工作年度报告" + body, "国家税务总局常德市税务局"},
		{"museum 馆", "常德市博物馆2022年政府信息公开工作年度报告" + body, "常德市博物馆"},
		{"year first", "2022年度澧县教育局政府信息公开工作年度报告" + body, "澧县教育局"},
		{"关于 heading", "澧县教育局关于2022年度政府信息公开工作情况的报告" + body, "澧县教育局"},
		{"spaces in the title", "澧县 自然资源局 2022 年政府信息公开工作年度报告" + body, "澧县自然资源局"},
		{"title in book marks", "《澧县林业局2022年政府信息公开工作年度报告》" + body, "澧县林业局"},
		{"年报 title", "澧县水利局2022年政府信息公开年报" + body, "澧县水利局"},
		{"政务公开 title", "澧县医疗保障局2022年度政务公开工作年度报告" + body, "澧县医疗保障局"},
		{"title with date", "澧县审计局2022年政府信息公开工作年度报告（2023年1月18日）" + body, "澧县审计局"},
		{"title 标题：", "标题：澧县统计局2022年政府信息公开工作年度报告" + body, "澧县统计局"},
		// The compiling office and the organ whose report it is.
		{"office prints the 管委会's report", "西湖管理区管委会办公室关于印发西湖管理区管委会2022年政府信息公开工作年度报告的通知" + body, "西湖管理区管委会"},
		{"office prints the government's report", "津市市人民政府办公室关于印发津市市人民政府2022年政府信息公开工作年度报告的通知" + body, "津市市人民政府"},
		{"office prints the division's report", "津市市人民政府办公室关于印发津市市2022年政府信息公开工作年度报告的通知" + body, "津市市人民政府办公室"},
		{"notice printing the report, quoted", "澧县人民政府办公室关于印发《澧县2022年政府信息公开工作年度报告》的通知" + body, "澧县人民政府办公室"},
		{"notice printing the 管委会's report, quoted", "西湖管理区管委会办公室关于印发《西湖管理区管委会2022年政府信息公开工作年度报告》的通知" + body, "西湖管理区管委会"},
		{"the template's notice cited is no title", "政府信息公开工作年度报告\n国务院办公厅政府信息公开办公室关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知\n" + body + sign + "\n澧县人力资源局\n2023年1月18日\n", "澧县人力资源局"},
		{"signed by the 管委会's office", "西湖管理区2022年政府信息公开工作年度报告" + body + sign + "\n西湖管理区管委会办公室\n2023年1月18日\n", "西湖管理区管委会"},
		{"published by the government's office", "澧县2022年政府信息公开工作年度报告\n发布机构：澧县人民政府办公室" + body, "澧县人民政府"},
		{"an office's own report, signed", "澧县人民政府办公室2022年政府信息公开工作年度报告" + body + sign + "\n澧县人民政府办公室\n2023年1月18日\n", "澧县人民政府办公室"},
		{"office signing, title naming no division", "政府信息公开工作年度报告" + body + sign + "\n澧县人民政府办公室\n2023年1月18日\n", "澧县人民政府办公室"},
		{"another division's office", "津市市2022年政府信息公开工作年度报告" + body + sign + "\n澧县人民政府办公室\n2023年1月18日\n", "澧县人民政府办公室"},
		{"government on its division", "嘉山街道办事处关于嘉山街道2022年政府信息公开工作年度报告" + body, "嘉山街道办事处"},
		// Headings: the organ on its own line above or below the title.
		{"organ above", "澧县住房和城乡建设局\n2022年政府信息公开工作年度报告" + body, "澧县住房和城乡建设局"},
		{"organ below", "2022年政府信息公开工作年度报告\n澧县民政局" + body, "澧县民政局"},
		{"division above, organ in signature", "澧县\n2022年政府信息公开工作年度报告" + body + sign + "\n澧县人民政府\n2023年1月20日\n", "澧县人民政府"},
		{"organ below in brackets", "2022年政府信息公开工作年度报告\n（澧县农业农村局）" + body, "澧县农业农村局"},
		{"开发区 starting with 经", "经开区管委会2022年政府信息公开工作年度报告" + body, "经开区管委会"},
		{"经济技术开发区 in the signature", "2022年政府信息公开工作年度报告" + body + sign + "\n经济技术开发区管理委员会\n2023年1月18日\n", "经济技术开发区管理委员会"},
		{"a long title", "中共常德市委网络安全和信息化委员会办公室常德市互联网信息办公室2022年政府信息公开工作年度报告" + body, "中共常德市委网络安全和信息化委员会办公室常德市互联网信息办公室"},
		// Publication lines.
		{"发布机构", "2022年政府信息公开工作年度报告\n发布机构：澧县商务局\n发布日期：2023-01-18" + body, "澧县商务局"},
		{"来源 a website", "2022年政府信息公开工作年度报告\n来源：澧县人民政府门户网站  发布时间：2023-01-18" + body, "澧县人民政府"},
		{"信息来源", "政府信息公开工作年度报告\n信息来源：澧县文化旅游广电体育局" + body, "澧县文化旅游广电体育局"},
		// Signatures.
		{"signature", "2022年政府信息公开工作年度报告" + body + sign + "\n澧县退役军人事务局\n2023年1月18日\n", "澧县退役军人事务局"},
		{"signature and date on a line", "2022年政府信息公开工作年度报告" + body + sign + "\n澧县应急管理局 2023年1月18日\n", "澧县应急管理局"},
		{"signature, date in characters", "2022年政府信息公开工作年度报告" + body + sign + "\n澧县司法局\n二〇二三年一月十八日\n", "澧县司法局"},
		{"signature of a township", "2022年政府信息公开工作年度报告" + body + sign + "\n中共澧县码头铺镇委员会\n澧县码头铺镇人民政府\n2023年1月18日\n", "澧县码头铺镇人民政府"},
		{"signature of a street", "2022年政府信息公开工作年度报告" + body + sign + "\n澧阳街道办事处\n2023年1月18日\n", "澧阳街道办事处"},
		// Summaries.
		{"lead sentence", "2022年政府信息公开工作年度报告\n一、总体情况\n2022年，澧县人力资源和社会保障局坚持以人民为中心，全面推进政务公开。\n", "澧县人力资源和社会保障局"},
		{"lead after a clause", "2022年政府信息公开工作年度报告\n一、总体情况\n2022年，在县委县政府的领导下，澧县城市管理和综合执法局认真落实《条例》。\n", "澧县城市管理和综合执法局"},
		{"由 before the name", "2022年政府信息公开工作年度报告\n本报告由两城镇人民政府编制。\n一、总体情况\n两城镇人民政府认真贯彻《条例》，两城镇人民政府主动公开信息。\n", "两城镇人民政府"},
		{"由 alone", "2022年政府信息公开工作年度报告\n，由大堰垱镇人民政府负责解释。\n", "大堰垱镇人民政府"},
		{"fragment of the name", "2022年政府信息公开工作年度报告\n一、总体情况\n茅草街镇人民政府高度重视政务公开，茅草街镇人民政府成立了领导小组。茅草街镇人民政府主要负责同志……\n", "茅草街镇人民政府"},
		{"division cut short", "2022年政府信息公开工作年度报告\n一、总体情况\n2022年，茅草街镇坚持公开为常态，茅草街镇不断完善制度。\n", "茅草街镇"},
		{"division and its government", "2022年政府信息公开工作年度报告\n一、总体情况\n2022年，茅草街镇坚持公开为常态，茅草街镇不断完善制度，茅草街镇人民政府主要负责同志亲自部署。\n", "茅草街镇人民政府"},
		{"street named in the text", "2022年政府信息公开工作年度报告\n一、总体情况\n2022年，在区委、区政府的领导下，丹洲街严格依照《条例》的规定，丹洲街不断提升政务公开实效。\n", "丹洲街"},
		{"sentence fragment only", "2022年政府信息公开工作年度报告\n一、总体情况\n政务公开工作稳步推进，有力地促进了全镇经济社会发展，有力地促进了全镇各项工作，推动了全镇。\n", ""},
		{"fragments beside the name", "2022年政府信息公开工作年度报告\n一、总体情况\n有力地促进了全镇发展，有力地促进了全镇稳定，有力地促进了全镇和谐。\n官垱镇人民政府将继续努力。\n", "官垱镇人民政府"},
		{"pronoun only", "2022年政府信息公开工作年度报告\n一、总体情况\n，本局认真落实。，全镇上下齐心。\n", ""},
		{"nothing", "政府信息公开工作年度报告\n一、总体情况\n认真落实《条例》要求。\n", ""},
		// Brackets: one organ under two names.
		{"two names", "常德市政务服务中心（常德市大数据中心）2022年政府信息公开工作年度报告" + body, "常德市政务服务中心"},
		{"two names in the signature", "2022年政府信息公开工作年度报告" + body + sign + "\n澧县档案局（澧县档案馆）\n2023年1月18日\n", "澧县档案局"},
		// The order of the sources.
		{"title over text", "澧县交通运输局2022年政府信息公开工作年度报告\n发布机构：澧县人民政府办公室" + body, "澧县交通运输局"},
		{"issuer over summary", "2022年政府信息公开工作年度报告\n发布机构：澧县生态环境分局\n一、总体情况\n2022年，澧县环保站坚持公开。\n", "澧县生态环境分局"},
	}
	if len(cases) < 60 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, c := range cases {
		p := metaOf(c.text, "", schemas.Meta{})
		got := deref(p.out.Report.Agency)
		switch {
		case c.want == "" && p.out.Report.Agency != nil:
			t.Errorf("%s: agency %q, want null", c.name, got)
		case c.want == "" && !hasRule(p, "AGENCY_UNKNOWN"):
			t.Errorf("%s: null agency without AGENCY_UNKNOWN", c.name)
		case c.want != "" && got != c.want:
			t.Errorf("%s: agency %q, want %q", c.name, got, c.want)
		case c.want != "" && hasRule(p, "AGENCY_UNKNOWN"):
			t.Errorf("%s: AGENCY_UNKNOWN with an agency", c.name)
		}
	}
	// The sidecar's agency is used as given.
	p := metaOf("澧县交通运输局2022年政府信息公开工作年度报告"+body, "", schemas.Meta{Agency: "澧县港航事务中心"})
	if a := deref(p.out.Report.Agency); a != "澧县港航事务中心" {
		t.Errorf("sidecar: %q", a)
	}
}
