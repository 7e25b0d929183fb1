"""Figures: numbers with units, Chinese numerals and 万/亿 scaled into value."""
import pytest

pytestmark = pytest.mark.stage("figures")


def figures(record):
    return [(f["text"], f["value"], f["unit"]) for f in record["figures"]]


@pytest.mark.parametrize("text, expected", [
    ("规划面积约90平方公里。", ("90平方公里", 90, "平方公里")),
    ("拥有企业243家。", ("243家", 243, "家")),
    ("建成45个项目。", ("45个", 45, "个")),
    ("同比增长36.8%。", ("36.8%", 36.8, "%")),
    ("总投资1.2亿元。", ("1.2亿元", 120000000, "元")),
    ("完成投资3541.07万元。", ("3541.07万元", 35410700, "元")),
    ("签约金额1,234.5万元。", ("1,234.5万元", 12345000, "元")),
    ("涉及三个方面。", ("三个", 3, "个")),
    ("占比百分之十五。", ("百分之十五", 15, "%")),
    ("比上月加快1.0个百分点。", ("1.0个百分点", 1, "个百分点")),
    ("共160余人参加会议。", ("160余人", 160, "人")),
    ("带动就业7600多名。", ("7600多名", 7600, "名")),
    ("近40家企业参展。", ("40家", 40, "家")),
    ("经济总量达3.12万亿。", ("3.12万亿", 3120000000000, "")),
    ("招引人才2900万。", ("2900万", 29000000, "")),
    ("新增两千个岗位。", ("两千个", 2000, "个")),
    ("培育三百二十五家企业。", ("三百二十五家", 325, "家")),
    ("发电量1234.5千瓦时。", ("1234.5千瓦时", 1234.5, "千瓦时")),
    ("经济总量3.12萬億。", ("3.12萬億", 3120000000000, "")),
])
def test_figure_forms(extract, text, expected):
    assert expected in figures(extract(text))


def test_shared_unit_goes_to_each_number(extract):
    got = figures(extract("增速分别比规模以上工业快4.8和3.3个百分点。"))
    assert ("4.8", 4.8, "个百分点") in got and ("3.3个百分点", 3.3, "个百分点") in got


def test_range_has_value_max(extract):
    f = extract("计划投资3至5亿元。")["figures"]
    assert [(x["value"], x.get("value_max"), x["unit"]) for x in f] == [(300000000, 500000000, "元")]


def test_kind_and_currency_from_unit_table(extract):
    f = extract("总投资1.2亿元,面积90平方公里,增长7.0%。")["figures"]
    assert [(x["kind"], x.get("currency")) for x in f] == [("money", "CNY"), ("area", None), ("percent", None)]


@pytest.mark.parametrize("text", [
    "全省排名第一,位居首位。",        # ordinals and ranks
    "建设5G基站,国产大飞机C919。",    # codes
    "4×4驱动。",
    "“十四五”时期。",
    "经过七年攻坚。",                  # durations
    "鲁政发〔2024〕1号。",             # document numbers
    "推出一批项目,实施一项工程。",     # the indefinite 一批, 一项
    "聚焦十大产业,分三大门类看。",     # fixed labels
    "千方百计稳增长,万家灯火。",
])
def test_not_figures(extract, text):
    assert figures(extract(text)) == []


@pytest.mark.parametrize("text, expected", [
    ("规划面积约90平方公里。", ("90平方公里", "约")),
    ("共160余人参加会议。", ("160余人", "余")),
    ("投资超过3亿元。", ("3亿元", "超过")),
    ("近40家企业参展。", ("40家", "近")),
])
def test_approximations_are_kept_as_qualifier(extract, text, expected):
    assert expected in [(f["text"], f.get("qualifier")) for f in extract(text)["figures"]]


@pytest.mark.parametrize("text", [
    "加快建设“三个名城”。",                    # counts in quoted labels
    "“四个全面”战略布局。",
    "市政协十届九次常委会会议召开。",          # session numbers
    "十四届全国人大二次会议。",
])
def test_labels_and_session_numbers_are_not_figures(extract, text):
    assert figures(extract(text)) == []


@pytest.mark.parametrize("text, expected", [
    # rates: a unit after a slash
    ("出水氨氮浓度低于1.5毫克/升。", ("1.5毫克/升", 1.5, "毫克/升")),
    ("每亩补贴300元/亩。", ("300元/亩", 300, "元/亩")),
    ("人均报销标准800元/人。", ("800元/人", 800, "元/人")),
    ("PM2.5平均浓度为28微克/立方米。", ("28微克/立方米", 28, "微克/立方米")),
    ("年平均降水量612.3毫米。", ("612.3毫米", 612.3, "毫米")),
    # 个亿, 成, fractions
    ("实现产值5.6个亿。", ("5.6个亿", 560000000, "")),
    ("约六成受访者表示满意。", ("六成", 6, "成")),
    ("覆盖全县三分之一的耕地。", ("三分之一", 1 / 3, "")),
    ("约1/4的企业已复工。", ("1/4", 0.25, "")),
    ("不良率控制在千分之五以内。", ("千分之五", 5, "‰")),
    # counts: 两 with a unit, divisions, cases, trips
    ("两个专班同时推进。", ("两个", 2, "个")),
    ("苏州、无锡、常州三市联合执法。", ("三市", 3, "市")),
    ("黄河流域9省区共同签署。", ("9省区", 9, "省区")),
    ("全年侦破电信诈骗案件214起。", ("214起", 214, "起")),
    ("出动执法车辆96台次。", ("96台次", 96, "台次")),
    ("州人大常委会审议通过两部条例。", ("两部", 2, "部")),
    ("从六方面推出举措。", ("六方面", 6, "方面")),
    # a space before the unit
    ("以每吨 36.5 元的价格收购。", ("36.5 元", 36.5, "元")),
    # a list of numbers ending in 个百分点
    ("分别拉动增长0.82个、1.35个、2.4个百分点。", ("1.35个", 1.35, "个百分点")),
    # a multiplier of a multiplier with a unit is an amount
    ("培育营收超百亿元企业。", ("百亿元", 10000000000, "元")),
    # a count standing before 亿元以上 is a count, not 个亿
    ("新签约27个亿元以上项目。", ("27个", 27, "个")),
])
def test_newer_figure_forms(extract, text, expected):
    got = figures(extract(text))
    assert any(t == expected[0] and u == expected[2] and abs(v - expected[1]) < 1e-9 for t, v, u in got), got


@pytest.mark.parametrize("text", [
    "推动三次产业协调发展。",                   # fixed labels (settled case)
    "牢记“两个确立”,增强四个意识。",
    "深入落实中央八项规定精神。",
    "打造五个现代化新城区。",
    "统筹推进五位一体总体布局。",
    "州属一市三县均设分会场。",                 # how a region is made up
    "群众四处打听消息。",                       # words written with a numeral
    "汽车零件制造企业。",
    "实施年产15万吨新型建材项目。",             # numbers inside a project's name
    "增速保持两位数增长。",
    "深入贯彻“两法两条例”。",
    "召开政协十一届二十次主席会议。",           # a session number, not 十次
    "学习贯彻省第十三次党代会精神。",
    "依照统计法第二十条规定。",
    "市四套班子领导出席。",
    "实现千亿目标。",                           # a multiplier alone (settled case)
    "坚持四项基本原则,遵守三个联合公报。",       # more political formulas
    "统筹两个大局,坚持一个中心、两个基本点。",
    "赔率开出一三三组合,唯一一个例外。",       # Chinese digits one by one
    "三四家企业负责人参加。",                   # three or four: no one count
    "热播剧《天龙八部》取景地。",               # a number inside a title
    "该市综合竞争力排名跌至34位。",             # a rank
    "书画作品将以80万起拍。",                   # a starting bid, not 80万 cases
])
def test_more_not_figures(extract, text):
    assert figures(extract(text)) == []


def test_investment_before_a_project_name_is_a_figure(extract):
    got = figures(extract("总投资12亿元的年产15万吨新型建材项目开工。"))
    assert got == [("12亿元", 1200000000, "元")]


@pytest.mark.parametrize("text, expected", [
    # a unit may be followed by a numeral: 两岸 after 700多位
    ("论坛吸引700多位两岸企业家参加。", ("700多位", 700, "位")),
    # a number with its own unit keeps it when the next list item is a date
    ("出口增长6.1%,低于预期的7.2%及3月的9.5%。", ("7.2%", 7.2, "%")),
    # Latin units of measurement
    ("出水总磷平均浓度为0.32mg/L。", ("0.32mg/L", 0.32, "mg/L")),
    ("新增光伏装机容量150MW。", ("150MW", 150, "MW")),
    ("设计时速80km/h。", ("80km/h", 80, "km/h")),
    # counts of townships and villages written in digits
    ("全县12乡(镇)146村实现全覆盖。", ("146村", 146, "村")),
    # a rate per an amount of money, also after a multiplier read again (千瓦时)
    ("单位GDP能耗0.45吨标准煤/万元。", ("0.45吨标准煤/万元", 0.45, "吨标准煤/万元")),
    ("综合能耗0.3千瓦时/元。", ("0.3千瓦时/元", 0.3, "千瓦时/元")),
    # GDP before a number is no code (C919 is)
    ("全市人均GDP1.2万美元。", ("1.2万美元", 12000, "美元")),
    # currencies named after a place: the place inside the unit leaves the figure
    ("向每名长者发放3000澳门元。", ("3000澳门元", 3000, "澳门元")),
    ("两岸贸易额达20亿新台币。", ("20亿新台币", 2000000000, "新台币")),
    # measure words of cases, trains, trees, doses, temperatures
    ("新增本土确诊病例5例。", ("5例", 5, "例")),
    ("全年开行中欧班列1500列。", ("1500列", 1500, "列")),
    ("义务植树10万棵。", ("10万棵", 100000, "棵")),
    ("累计接种疫苗120万剂次。", ("120万剂次", 1200000, "剂次")),
    ("最高气温35℃。", ("35℃", 35, "℃")),
    # a minus sign (not a range's hyphen nor a phone number's)
    ("规上工业增加值增速为-2.1%。", ("-2.1%", -2.1, "%")),
    ("夜间最低气温-5℃。", ("-5℃", -5, "℃")),
    ("气温陡降到零下4度。", ("零下4度", -4, "度")),
    # a range's hyphen after a unit is no minus sign
    ("成交量占70%-80%。", ("80%", 80, "%")),
    ("分为两部分。", ("两部分", 2, "部分")),
    # basis points
    ("一年期贷款市场报价利率下调10个基点。", ("10个基点", 10, "个基点")),
])
def test_units_after_numbers(extract, text, expected):
    got = figures(extract(text))
    assert any(t == expected[0] and u == expected[2] and abs(v - expected[1]) < 1e-9 for t, v, u in got), got


@pytest.mark.parametrize("text", [
    "沿江大道周三起实施交通管制。",       # a weekday: from Wednesday on
    "星期一起恢复开放。",
    "数十名志愿者参与清扫。",             # an indefinite amount
    "引进几十亿元的项目。",
    "走访了李家庄二村。",                 # a village's name
    "建设5G基站。",                       # a code, next to the Latin units
])
def test_weekdays_indefinite_amounts_and_names_are_not_figures(extract, text):
    assert figures(extract(text)) == []


def test_a_place_name_is_no_count_but_a_place_inside_a_currency_leaves_it(extract_full):
    """The merge drops a figure a place's name covers (三台, a county) and
    keeps one whose unit holds a place (3000澳门元)."""
    rec = extract_full("游仙区、江油、三台等地向每名长者发放3000澳门元。")
    assert figures(rec) == [("3000澳门元", 3000, "澳门元")]
    assert "三台" in [e["text"] for e in rec["entities"]]


def test_a_number_in_a_title_is_none_but_one_after_it_is(extract):
    got = figures(extract("印发《关于下达2024年1000万元资金的通知》,安排资金500万元。"))
    assert got == [("500万元", 5000000, "元")]


@pytest.mark.parametrize("text", [
    # a Chinese numeral and a unit that start a place's name
    "调研组走访了三元里、五棵松和二亩沟。",
    "在三家店村召开现场会。",
    "十八台镇和六家子街道的干部参加。",
    # storeys of a building: they describe it or name a floor
    "新建综合楼地上12层、地下3层。",
    "服务中心位于大厦18层。",
    "建成一栋12层楼房。",
    # 本月18起: from the 18th (a date), no count of 起
    "本月18起开展专项整治。",
    # 两国 as "the two countries", and a region's name, are no counts
    "两国关系不断发展。",
    "江苏对中亚五国出口增长。",
    "沿107国道建设物流园。",
    # a duration written with spaces between the characters
    "在 過 去 三 個 月 , 我 們 完 成 了 工 作。",
])
def test_places_storeys_relative_days_and_countries_named_are_not_figures(extract, text):
    assert figures(extract(text)) == []


@pytest.mark.parametrize("text, expected", [
    # classifiers that count places keep their count without a division word
    ("新开两家店,建成三座桥。", [("两家", 2, "家"), ("三座", 3, "座")]),
    ("两个村村民和三名村干部参加。", [("两个", 2, "个"), ("三名", 3, "名")]),
    ("推出两款街机游戏。", [("两款", 2, "款")]),
    # a place name written with Arabic digits is a count (88村)
    ("全县88村实现全覆盖。", [("88村", 88, "村")]),
    # countries counted on a visit or a tour, or after Arabic digits
    ("国家主席将对三国进行国事访问。", [("三国", 3, "国")]),
    ("总理出访欧洲五国。", [("五国", 5, "国")]),
    ("此次五国之行成果丰硕。", [("五国", 5, "国")]),
    ("与10国签署合作协议。", [("10国", 10, "国")]),
    # a space between the number and its multiplier (tables, spaced text)
    ("完成投资2183.41 万元。", [("2183.41 万元", 21834100, "元")]),
    # a number, a space and a word: no multiplier
    ("2023 万众一心。", []),
])
def test_counts_next_to_place_words_countries_and_spaced_multipliers(extract, text, expected):
    assert figures(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    # a page's contact lines hold floors, house numbers and codes, no figures
    ("地址:北京市朝阳区安华路35号科技研究院12层 邮编:100029 电话:010-64464483", []),
    ("版权所有:某某日报社 京ICP备12345678号 共5层", []),
    # a page's counter of views
    ("来源:县融媒体中心 浏览次数:1066次 字号:大 中 小", []),
    # the label's clause ends at a comma or a sentence end: what follows counts
    ("举报电话:12345,全年共接听来电2000个。", [("2000个", 2000, "个")]),
    ("全市受理案件300件。咨询电话:0371-6532001。", [("300件", 300, "件")]),
])
def test_contact_lines_give_no_figures(extract, text, expected):
    assert figures(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    # 余 or 多 after a number of two digits or more, a noun and no unit:
    # an amount with unit "" (settled case: no unit follows)
    ("8000余海内外嘉宾参加开幕式。", [("8000余", 8000, "")]),
    ("共有300多企业报名参展。", [("300多", 300, "")]),
    # a duration or a date after it stays none; one digit or a Chinese
    # numeral before 多 is a word (多措并举)
    ("该村已有300多年历史。", []),
    ("近年来5多措并举推进改革。", []),
    ("参会人员十多企业代表。", []),
])
def test_approximate_amounts_without_a_unit(extract, text, expected):
    rec = extract(text)
    assert figures(rec) == expected
    for f in rec["figures"]:
        assert text[f["start"]:f["end"]] == f["text"]


@pytest.mark.parametrize("text, expected", [
    # a multiplier alone with 余 or 多 and a unit is about that many (as
    # 百亿元 is an amount)
    ("百余名群众自发参加义务植树活动。", [("百余名", 100, "名")]),
    ("全县千余人次参加培训。", [("千余人次", 1000, "人次")]),
    ("带动就业万余人。", [("万余人", 10000, "人")]),
    ("百余万元专项资金已下达。", [("百余万元", 1000000, "元")]),
    # without 余/多, or before a duration, it stays none
    ("千方百计保就业,万家灯火迎新春。", []),
    ("这座古村已有百余年历史。", []),
])
def test_a_multiplier_alone_with_yu_or_duo_and_a_unit(extract, text, expected):
    rec = extract(text)
    assert figures(rec) == expected
    for f in rec["figures"]:
        assert text[f["start"]:f["end"]] == f["text"]


@pytest.mark.parametrize("text, expected", [
    # measure words of things counted (letters, songs, lessons, dykes,
    # episodes, orders, votes, pages, sections, pairs), with 余 too
    ("信访局收到群众来信200余封。", [("200余封", 200, "封")]),
    ("十八集电视连续剧正在摄制。", [("十八集", 18, "集")]),
    ("共修建堤坝20道,发放订单300单。", [("20道", 20, "道"), ("300单", 300, "单")]),
    ("已完成90段配像,其中京韵大鼓40段。", [("90段", 90, "段"), ("40段", 40, "段")]),
    # ranks, places and words made with them are none
    ("邵炜刚八段执白中盘胜王磊六段。", []),
    ("二道区、八道江区联合开展检查。", []),
    ("共有30单位参加,组建5集团,确定2首批试点。", []),
    # the second of two ordinals under one 第
    ("上午第三、四节课的精神较集中。", []),
])
def test_more_measure_words_and_their_look_alikes(extract, text, expected):
    rec = extract(text)
    assert figures(rec) == expected
    for f in rec["figures"]:
        assert text[f["start"]:f["end"]] == f["text"]
