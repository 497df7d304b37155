package extract

import (
	"bytes"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/gc/gctest"
)

// realPage is a page shaped as government sites serve their annual
// reports: the XHTML 1.0 Transitional doctype, a head with meta, link,
// style and several scripts (one hidden in a comment, one in a conditional
// comment), comments, a body whose navigation and footer carry scripts,
// and the report in paragraphs and a 3-column table. Variant v draws the
// spelling: CRLF or LF line ends, upper or lower case tags, quoted or bare
// attribute values, and how many rows the table has.
func realPage(v int) []byte {
	rng := rand.New(rand.NewSource(int64(v)))
	nl := "\n"
	if v%2 == 1 {
		nl = "\r\n"
	}
	tag := func(s string) string {
		if v%3 == 2 {
			return strings.ToUpper(s)
		}
		return s
	}
	q := func(s string) string {
		if v%4 == 3 && !strings.ContainsAny(s, " ;=/") {
			return s
		}
		return `"` + s + `"`
	}
	var b strings.Builder
	w := func(parts ...string) {
		for _, p := range parts {
			b.WriteString(p)
		}
		b.WriteString(nl)
	}
	org := []string{"市财政局", "区人力资源和社会保障局", "县自然资源局", "市生态环境局", "镇人民政府"}[rng.Intn(5)]
	year := 2019 + rng.Intn(5)
	w(`<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">`)
	w(`<`, tag("html"), ` xmlns="http://www.w3.org/1999/xhtml">`)
	w(`<`, tag("head"), `>`)
	w(`<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />`)
	w(`<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1" />`)
	w(`<meta name=`, q("keywords"), ` content="政府信息公开,年度报告" />`)
	w(`<meta name="SiteName" content="`, org, `门户网站">`)
	w(`<`, tag("title"), `>`, org, fmt.Sprint(year), `年政府信息公开工作年度报告</`, tag("title"), `>`)
	w(`<link href="/images/common.css" rel=`, q("stylesheet"), ` type="text/css" />`)
	w(`<link rel="shortcut icon" href="/favicon.ico">`)
	w(`<style type="text/css">`)
	w(`body{margin:0;font-family:"宋体"} .tb td{border:1px solid #ccc;padding:2px 4px} a:hover>span{color:#c00}`)
	w(`</style>`)
	w(`<script type="text/javascript" src="/js/jquery-1.8.3.min.js"></script>`)
	w(`<`, tag("script"), ` type="text/javascript">`)
	w(`<!--`)
	w(`var _hmt = _hmt || [];`)
	w(`(function() {`)
	w(`  var hm = document.createElement("script"); hm.src = "https://hm.baidu.com/hm.js?`, fmt.Sprintf("%08x", rng.Uint32()), `";`)
	w(`  var s = document.getElementsByTagName("script")[0]; if (s && 1 < 2) s.parentNode.insertBefore(hm, s);`)
	w(`})();`)
	if v%5 == 4 {
		w(`document.write("<script src='/js/stat.js'></script>");`)
	}
	w(`//-->`)
	w(`</`, tag("script"), `>`)
	w(`<!--[if lt IE 9]><script src="/js/html5shiv.min.js"></script><![endif]-->`)
	w(`</`, tag("head"), `>`)
	w(`<`, tag("body"), ` onload="init()">`)
	w(`<!-- 头部 开始 -->`)
	w(`<div class=`, q("header"), `><script language="javascript">document.write('<a href="/">首页</a>&nbsp;|&nbsp;<a href="/en/">English</a>');</script></div>`)
	w(`<div class="nav"><ul>`)
	for _, n := range []string{"首页", "政务公开", "政务服务", "互动交流", "走进" + org} {
		w(`<li><a href=`, q("/"+fmt.Sprint(rng.Intn(1000))+"/index.html"), ` target="_blank">`, n, `</a></li>`)
	}
	w(`</ul><script>var m=document.getElementById("nav");if(m){m.className+=" on";}</script></div>`)
	w(`<!-- 头部 结束 -->`)
	w(`<div class="content">`)
	w(`<h1>`, org, fmt.Sprint(year), `年政府信息公开工作年度报告</h1>`)
	w(`<p>&nbsp;&nbsp;&nbsp;&nbsp;本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。<br/>`)
	w(`全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等。<br />本报告中所列数据的统计期限自`, fmt.Sprint(year), `年1月1日起至`, fmt.Sprint(year), `年12月31日止。</p>`)
	w(`<p><strong>一、总体情况</strong></p>`)
	w(`<p>`, fmt.Sprint(year), `年，`, org, `主动公开政府信息`, fmt.Sprint(100+rng.Intn(900)), `条，其中&ldquo;重点领域&rdquo;信息`, fmt.Sprint(rng.Intn(100)), `条。</p>`)
	w(`<p><strong>二、主动公开政府信息情况</strong></p>`)
	w(`<table class="tb" border=`, q("1"), ` cellspacing="0" cellpadding="0" width="600">`)
	w(`<tbody>`)
	w(`<tr><td colspan=3 style="text-align:center">第二十条第（一）项</td></tr>`)
	w(`<tr><td>信息内容</td><td>本年制发件数</td><td>现行有效件数</td></tr>`)
	rows := 6 + rng.Intn(20)
	for r := 0; r < rows; r++ {
		w(`<tr><td>`, []string{"规章", "规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"}[r%6], `</td><td align="center">`,
			fmt.Sprint(rng.Intn(50)), `</td><td align=center>`, fmt.Sprint(rng.Intn(500)), `</td></tr>`)
	}
	w(`<tr><td>行政事业性收费（万元）</td><td colspan="2">`, fmt.Sprintf("%d.%02d", rng.Intn(10000), rng.Intn(100)), `</td></tr>`)
	w(`</tbody>`)
	w(`</table>`)
	w(`<p>`, org, `将进一步加强政府信息公开工作。</p>`)
	w(`</div>`)
	w(`<div class="footer">`)
	w(`<!-- 底部 -->`)
	w(`<p>主办：`, org, `&nbsp;&nbsp;地址：某某路`, fmt.Sprint(rng.Intn(300)), `号&nbsp;&nbsp;<a href="https://beian.miit.gov.cn/" target=_blank>备案号</a></p>`)
	w(`<script type="text/javascript">var _bdhmProtocol = (("https:" == document.location.protocol) ? " https://" : " http://");`)
	w(`document.write(unescape("%3Cscript src='" + _bdhmProtocol + "hm.baidu.com/h.js' type='text/javascript'%3E%3C/script%3E"));`)
	w(`var s = "</scr" + "ipt>"; if (a<b && b>c) {}</script>`)
	w(`<span id="_ideConac"><script src="https://dcs.conac.cn/js/33/000/0000/60429971/CA330000000604299710002.js" type="text/javascript"></script></span>`)
	w(`</div>`)
	w(`</`, tag("body"), `>`)
	w(`</`, tag("html"), `>`)
	return []byte(b.String())
}

// realPages are n pages realPage draws, named as files.
func realPages(n int) map[string][]byte {
	m := make(map[string][]byte, n)
	for v := 0; v < n; v++ {
		m[fmt.Sprintf("r%03d.html", v)] = realPage(v)
	}
	return m
}

// TestSliceTokRealPages: sliceTok reads pages shaped as government sites
// serve them whole, without giving them to html.Tokenizer, and as it does;
// the fast path reads them alike with either tokenizer.
func TestSliceTokRealPages(t *testing.T) {
	fast := 0
	for v := range 40 {
		page := realPage(v)
		if !bytes.Contains(page, []byte("<script")) && !bytes.Contains(page, []byte("<SCRIPT")) {
			t.Fatalf("page %d has no script", v)
		}
		if !sameTokens(t, page) {
			t.Errorf("page %d: sliceTok gives up", v)
		}
		if sameFastPage(t, page, 1<<20) {
			fast++
		}
	}
	if fast != 40 {
		t.Errorf("the fast path reads %d of 40 pages", fast)
	}
}

// BenchmarkReadRealPages measures reading pages shaped as government
// sites serve them (scripts, comments, the XHTML doctype): bytes of page
// per second and what is allocated for them.
func BenchmarkReadRealPages(b *testing.B) {
	files := realPages(40)
	var size int64
	for _, f := range files {
		size += int64(len(f))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	defer gctest.ReportCPU(b)()
	for b.Loop() {
		for name, f := range files {
			ReadBytes(name, f, Limits{})
		}
	}
}
