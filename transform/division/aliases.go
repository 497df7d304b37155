package division

// alias maps a name the 2023 table does not have to the division (short
// code, as in divisions.tsv) it now is or sits in.
type alias struct{ name, code, source string }

// formerNames are divisions renamed or merged before 2023 that reports of
// earlier years still print. Sources: the State Council's approvals as
// published in the Ministry of Civil Affairs' 行政区划变更情况 for the year.
var formerNames = []alias{
	{"崇文区", "110101", "国函〔2010〕72号: 崇文区 merged into 东城区"},
	{"宣武区", "110102", "国函〔2010〕72号: 宣武区 merged into 西城区"},
	{"密云县", "110118", "国函〔2015〕178号: 密云县 became 密云区"},
	{"延庆县", "110119", "国函〔2015〕178号: 延庆县 became 延庆区"},
	{"塘沽区", "120116", "国函〔2009〕130号: 塘沽、汉沽、大港 merged into 滨海新区"},
	{"汉沽区", "120116", "国函〔2009〕130号"},
	{"大港区", "120116", "国函〔2009〕130号"},
	{"宁河县", "120117", "国函〔2015〕125号: 宁河县 became 宁河区"},
	{"静海县", "120118", "国函〔2015〕126号: 静海县 became 静海区"},
	{"蓟县", "120119", "国函〔2016〕99号: 蓟县 became 蓟州区"},
	{"卢湾区", "310101", "国函〔2011〕62号: 卢湾区 merged into 黄浦区"},
	{"闸北区", "310106", "国函〔2015〕148号: 闸北区 merged into 静安区"},
	{"南汇区", "310115", "国函〔2009〕40号: 南汇区 merged into 浦东新区"},
	{"崇明县", "310151", "国函〔2016〕111号: 崇明县 became 崇明区"},
	{"襄樊市", "4206", "国函〔2010〕114号: 襄樊市 renamed 襄阳市"},
	{"思茅市", "5308", "国函〔2007〕1号: 思茅市 renamed 普洱市"},
	{"淮阴市", "3208", "国函〔2000〕132号: 淮阴市 renamed 淮安市"},
	{"莱芜市", "370116", "国函〔2019〕4号: 莱芜市 abolished, its area 济南市莱芜区"},
	{"姜堰市", "321204", "国函〔2012〕200号: 姜堰市 became 姜堰区"},
	{"萧山市", "330109", "国函〔2001〕13号: 萧山市 became 萧山区"},
	{"扶余县", "220781", "国函〔2013〕11号: 扶余县 became 扶余市"},
}

// zones are development zones and new areas that are not divisions of
// the table (many are: 苏州工业园区 320576, 唐山高新技术产业开发区 130273),
// mapped to the smallest division that contains all of them. Sources:
// each zone's establishing approval (国函) and its committee's published
// jurisdiction.
var zones = []alias{
	{"雄安新区", "1306", "国函〔2018〕159号 (雄县、容城、安新, all of 保定市)"},
	{"两江新区", "50", "国函〔2010〕36号 (parts of 江北、渝北、北碚: 重庆市)"},
	{"天府新区", "5101", "国函〔2014〕133号 (成都直管区 in 成都市)"},
	{"南沙新区", "440115", "国函〔2012〕128号 (南沙区)"},
	{"前海深港现代服务业合作区", "440305", "国函〔2010〕86号 (in 南山区)"},
	{"横琴粤澳深度合作区", "440402", "中发〔2021〕36号 (横琴, 香洲区)"},
	{"中关村科技园区", "11", "国函〔1999〕45号 (across 北京市)"},
	{"张江高科技园区", "310115", "国函〔1992〕 (in 浦东新区)"},
	{"舟山群岛新区", "3309", "国函〔2011〕77号 (舟山市)"},
	{"兰州新区", "6201", "国函〔2012〕104号 (兰州市)"},
	{"西咸新区", "6101", "国函〔2014〕2号; 西安市 administers it since 2017"},
	{"贵安新区", "52", "国函〔2014〕3号 (parts of 贵阳市 and 安顺市: 贵州省)"},
	{"赣江新区", "36", "国函〔2016〕96号 (parts of 南昌市 and 九江市: 江西省)"},
	{"金普新区", "210213", "国函〔2014〕76号 (金州区)"},
	{"福州新区", "3501", "国函〔2015〕137号 (福州市)"},
	{"滇中新区", "5301", "国函〔2015〕141号 (昆明市)"},
	{"哈尔滨新区", "2301", "国函〔2015〕217号 (哈尔滨市)"},
	{"长春新区", "2201", "国函〔2016〕31号 (长春市)"},
	{"湘江新区", "4301", "国函〔2015〕66号 (长沙市)"},
	{"平潭综合实验区", "350128", "闽政〔2010〕 (平潭县)"},
}
