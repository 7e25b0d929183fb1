"""LOC, second pass on unseen releases: venues and halls, sites, a place
joined to a zone's name by a middle dot, visit verbs jieba tags as nouns
before a zone's name, and a county's short name read inside a longer
name."""
import pytest
from conftest import entity_texts as ents, offsets_hold as spans_match_text

pytestmark = pytest.mark.stage("suffixed")


@pytest.mark.parametrize("text, expected", [
    # exhibition halls and pavilions, with the place written before them
    ("代表团参观了鄂尔多斯市规划展示馆和内蒙古展览馆。", ["鄂尔多斯市规划展示馆", "内蒙古展览馆"]),
    # resorts named as venues
    ("推介会先后在澳门银河综合度假城和南湾度假村举行。", ["澳门银河综合度假城", "南湾度假村"]),
    # passenger terminals and heliports
    ("旅客可在信德中心直升机场候机,或经屯门客运码头出发。", ["信德中心直升机场", "屯门客运码头"]),
    # mines as the site of an accident or a visit
    ("事故发生在鸡西市滴道区兴安煤矿,工作组随后察看白云鄂博铁矿。", ["兴安煤矿", "白云鄂博铁矿"]),
])
def test_venues_and_sites(extract, text, expected):
    rec = extract(text)
    spans_match_text(text, rec)
    assert ents(rec, "LOC") == expected


def test_mine_company_stays_an_org(extract):
    text = "龙煤集团兴安煤矿有限公司负责人表示。"
    rec = extract(text)
    assert ents(rec, "LOC") == []


def test_museum_is_no_loc(extract):
    # GUIDELINES: a museum is an ORG
    rec = extract("代表团参观了内蒙古博物馆。")
    assert "内蒙古博物馆" not in ents(rec, "LOC")


def test_place_joined_by_a_middle_dot(extract):
    text = "中国·赣州新能源汽车产业园与内蒙古·和林格尔新区大数据产业园签约。"
    rec = extract(text)
    spans_match_text(text, rec)
    assert ents(rec, "LOC") == ["中国·赣州新能源汽车产业园", "内蒙古·和林格尔新区大数据产业园"]
    assert ents(rec, "GPE") == []  # the longest name: no GPE inside


def test_dot_before_a_name_that_is_no_place(extract):
    # a slogan joined by a dot is no place's prefix
    rec = extract("新田环保·锦江产业园开工。")
    assert ents(rec, "LOC") == ["锦江产业园"]


@pytest.mark.parametrize("text, expected", [
    # jieba tags 检查, 巡查, 督查 as verbal nouns, 督导 as a noun
    ("赵刚检查锦泰产业园。", ["锦泰产业园"]),
    ("赵刚巡查锦泰产业园。", ["锦泰产业园"]),
    ("赵刚督查锦泰产业园。", ["锦泰产业园"]),
    ("李明督导蒙西工业园区建设。", ["蒙西工业园区"]),
])
def test_visit_verbs_start_no_name(extract, text, expected):
    rec = extract(text)
    spans_match_text(text, rec)
    assert ents(rec, "LOC") == expected


def test_county_short_name_inside_an_unknown_name(extract):
    rec = extract("推介会由内蒙古乌兰恰特承办。")
    assert ents(rec, "GPE") == ["内蒙古"]
    # the same county's short name standing alone is still the county
    rec = extract("他曾在乌兰工作多年。")
    assert ents(rec, "GPE") == ["乌兰"]


def test_regions_written_short(extract):
    text = "两岸同胞关注台海形势,建设大西北、开发大西南。"
    rec = extract(text)
    spans_match_text(text, rec)
    assert ents(rec, "LOC") == ["台海", "大西北", "大西南"]  # 两岸 alone is no name


def test_division_after_its_country_in_one_token(extract):
    # jieba reads 中国内蒙古自治区 as one word
    text = "中国内蒙古自治区是能源基地。"
    rec = extract(text)
    spans_match_text(text, rec)
    assert ents(rec, "GPE") == ["中国", "内蒙古自治区"]


def test_taihai_news_site_is_an_org(extract):
    # 台海网 (Xiamen's news site, rules/orgs/media.txt) is a media outlet, not the Strait
    rec = extract("据台海网报道,台海形势引发关注。")
    assert [(e["text"], e["label"]) for e in rec["entities"]] == [("台海网", "ORG"), ("台海", "LOC")]


@pytest.mark.parametrize("text, expected", [
    # a hotel or hall is a venue where an event is held in it
    ("发布会在香格里拉大酒店举行。", ["香格里拉大酒店"]),
    ("会议在宁夏人民会堂隆重开幕。", ["宁夏人民会堂"]),
    # elsewhere a hotel is a company, and a descriptive venue names none
    ("东方国际大酒店增资1亿美元。", []),
    ("座谈会在县会议中心召开。", []),
    ("活动在该酒店举行。", []),
    # a body's hall is the body's (市委|礼堂)
    ("会议在呼和浩特市委礼堂举行。", []),
    # a place and a name jieba does not know, where an event is held
    ("推介会在内蒙古乌兰恰特举行。", ["内蒙古乌兰恰特"]),
    ("会议在北京成功举行。", []),
])
def test_venues_where_events_are_held(extract, text, expected):
    rec = extract(text)
    spans_match_text(text, rec)
    assert ents(rec, "LOC") == expected


@pytest.mark.parametrize("text, gpes, locs", [
    # a street in an address: the district stays a GPE of its own
    ("地址:北京市通州区运河西大街18号。", ["北京市", "通州区"], ["运河西大街"]),
    ("公司位于龙口市港城大道6号。", ["龙口市"], ["港城大道"]),
    ("地址：澳门新马路十号。", ["澳门"], ["新马路"]),
    # without a house number a street word after a place is left alone
    ("沿着广西道路前进。", ["广西"], []),
    ("龙口市港城大道两侧绿化提升。", ["龙口市"], []),
])
def test_streets_in_addresses(extract, text, gpes, locs):
    rec = extract(text)
    spans_match_text(text, rec)
    assert ents(rec, "GPE") == gpes
    assert ents(rec, "LOC") == locs


def test_integrated_resorts_named_as_venues(extract):
    text = "展会在澳门威尼斯人举行,颁奖礼在亚洲国际博览馆举行。"
    rec = extract(text)
    spans_match_text(text, rec)
    assert ents(rec, "LOC") == ["澳门威尼斯人", "亚洲国际博览馆"]
    assert ents(rec, "GPE") == []


def test_logistics_base_is_a_place_not_a_company(extract):
    # without 基地 the trade-name grammar would read 连云港|中哈|物流 as a company
    text = "班列顺利抵达连云港中哈物流基地。"
    rec = extract(text)
    assert ents(rec, "LOC") == ["连云港中哈物流基地"]
    assert ents(rec, "ORG") == []


@pytest.mark.parametrize("text, expected", [
    # jieba tags these cities' names as verbs or other function words
    ("包头高新区举办活动。", ["包头高新区"]),
    ("遵义经济技术开发区发布通知。", ["遵义经济技术开发区"]),
    ("游客参观大同古城。", ["大同古城"]),
    ("中国•包头稀土高新区举办活动。", ["中国•包头稀土高新区"]),
])
def test_place_tagged_as_a_verb_starts_a_zone(extract, text, expected):
    rec = extract(text)
    spans_match_text(text, rec)
    assert ents(rec, "LOC") == expected
    assert ents(rec, "GPE") == []
