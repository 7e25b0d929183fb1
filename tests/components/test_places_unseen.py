"""Places of the kinds the rules missed on releases they were not written
from (issue #15): facilities, sites and routes named before a suffix, regions
of several provinces or around a division, villages named again, rivers
that share a division's short name; and the left boundary of such names."""
import pytest
import spacy

from newsextract.items import Item, items
from conftest import entity_texts as by_label, offsets_hold

pytestmark = pytest.mark.stage("suffixed")


@pytest.mark.parametrize("text, expected", [
    # transport and sites: a place or a proper name before the suffix
    ("代表团抵达咸阳机场后，乘车经秦岭隧道前往汉中火车站。", ["咸阳机场", "秦岭隧道", "汉中火车站"]),
    ("青兰铁路全线贯通，沿线的白马寺游人如织。", ["青兰铁路", "白马寺"]),
    ("游客在龙沐湾海滩和金沙湾码头之间往来。", ["龙沐湾海滩", "金沙湾码头"]),
    # the head stops at a word that ends in a verb (高度重视, 充分肯定)
    ("省长高度重视青兰铁路建设，充分肯定白马寺保护成效。", ["青兰铁路", "白马寺"]),
    # and at the kind written before the name (电气化铁路|青兰铁路)
    ("高原首条电气化铁路青兰铁路通车。", ["青兰铁路"]),
])
def test_facilities_and_sites(extract, text, expected):
    rec = extract(text)
    offsets_hold(text, rec)
    assert by_label(rec, "LOC") == expected


@pytest.mark.parametrize("text", [
    "有线索请拨打兰州铁路公安处电话。",   # one place before 铁路: a body's name, no route
    "全县新建口袋公园和人民广场各一处。",   # building verb, common words: no proper name
    "要加快推进高速公路和铁路建设。",       # kinds, no names
])
def test_no_facility(extract, text):
    rec = extract(text)
    offsets_hold(text, rec)
    assert by_label(rec, "LOC") == []


def test_a_suffix_inside_a_longer_word_names_no_place(extract):
    # 寺 inside the person's name 田寺光雄: the suffix must end a word
    text = "日本驻华大使田寺光雄出席招待会。"
    rec = extract(text)
    offsets_hold(text, rec)
    assert by_label(rec, "LOC") == []


@pytest.mark.stage("gazetteer")
@pytest.mark.parametrize("text, locs, gpes", [
    # several provinces' abbreviations and 地区: a region
    ("苏浙皖地区普降暴雨，江苏地区灾情较轻。", ["苏浙皖地区"], ["江苏"]),
    ("预计云贵地区气温偏高。", ["云贵地区"], []),
    # a province or prefecture and the land around it
    ("黔南州及周边地区将出现强降雨。", ["黔南州及周边地区"], []),
    # a division's short name that is a river's too, before a river word
    ("沙河入海口水质持续改善。", ["沙河入海口"], []),
    # ... but the division where the document names it in full
    ("沙河市地处太行山东麓，沙河沿岸绿树成荫。", ["太行山"], ["沙河市", "沙河"]),
])
def test_regions_and_rivers(extract, text, locs, gpes):
    rec = extract(text)
    offsets_hold(text, rec)
    assert by_label(rec, "LOC") == locs
    assert by_label(rec, "GPE") == gpes


def test_ner_place_that_counts_divisions_is_a_slogan(extractor):
    merger = extractor.nlp.get_pipe("merge")
    text = "实施百县千镇万村工程，建设沙岗村。"
    doc = spacy.blank("xx")(text)
    for name in ("千镇万村", "沙岗村"):
        at = text.index(name)
        items(doc).append(Item("entity", at, at + len(name), "LOC", "ner"))
    merger(doc)
    assert [(text[i.start:i.end], i.label) for i in doc._.items if i.kind == "entity"] == [("沙岗村", "GPE")]


def test_ner_place_that_is_a_parallel_phrase_is_a_slogan(extractor):
    merger = extractor.nlp.get_pipe("merge")
    text = "绿水青山就是金山银山，守护好山山水水和洪泽湖。"
    doc = spacy.blank("xx")(text)
    for name in ("金山银山", "山山水水", "洪泽湖"):
        at = text.index(name)
        items(doc).append(Item("entity", at, at + len(name), "LOC", "ner"))
    merger(doc)
    assert [(text[i.start:i.end], i.label) for i in doc._.items if i.kind == "entity"] == [("洪泽湖", "LOC")]


@pytest.mark.stage("gazetteer")
def test_a_county_name_that_ends_a_river_name_is_no_place(extract):
    # 河口 (河口区, 河口县) after a river's name jieba does not know: 倭肯河 + 口;
    # a county name not starting with a feature's character stays (美人谷|丹巴)
    text = "监测断面包括倭肯河口和蒲犁河口，游客从美人谷丹巴出发。"
    rec = extract(text)
    offsets_hold(text, rec)
    assert by_label(rec, "GPE") == ["丹巴"]


@pytest.mark.parametrize("text, expected", [
    ("青兰铁路局召开会议，部署青兰铁路沿线安全工作。", ["青兰铁路"]),   # 铁路局 is a body's word
    ("三亚崖州湾科技城等园区增长较快。", ["三亚崖州湾科技城"]),      # 城等: glued, no word
])
def test_a_suffix_inside_a_word_of_the_dictionary(extract, text, expected):
    rec = extract(text)
    offsets_hold(text, rec)
    assert by_label(rec, "LOC") == expected


@pytest.mark.stage("ner")
def test_places_of_several_kinds_listed_with_a_loc(extract):
    # 洪泽湖 is a LOC; the other items ending in a place word are LOCs too,
    # 望江亭 (no place word) is passed over, the first item (after a verb) is
    # not taken, and a chain of places before an item stays GPEs
    # (昭山, a county's short name ending like a mountain, is the mountain here)
    text = "湘潭绿道串联湿地花卉园、洪泽湖、昭山、望江亭、东风水库、江苏淮安清风桥等景点。"
    rec = extract(text)
    offsets_hold(text, rec)
    assert by_label(rec, "LOC") == ["洪泽湖", "昭山", "东风水库", "清风桥"]
    assert by_label(rec, "GPE") == ["湘潭", "江苏", "淮安"]


@pytest.mark.stage("ner")
def test_no_places_from_a_list_of_works(extract):
    text = "调研组察看了青松岭产业园区、道路建设、厂房改造项目、现代农业示范园区及新村建设。"
    rec = extract(text)
    offsets_hold(text, rec)
    assert "现代农业示范园区" not in by_label(rec, "LOC")


@pytest.mark.stage("gazetteer")
@pytest.mark.parametrize("text, expected", [
    ("海港前地行车天桥将封闭。", []),                      # a Macau square: 海港 (海港区) is no place here
    ("太原市代表阿沛·晋源出席。", ["太原市"]),             # the second part of a dotted name, no county
    ("中新网·甘肃新闻报道，成都·重庆两地合作。", ["甘肃", "成都", "重庆"]),
])
def test_no_county_in_a_street_or_a_dotted_name(extract, text, expected):
    rec = extract(text)
    offsets_hold(text, rec)
    assert by_label(rec, "GPE") == expected


@pytest.mark.parametrize("text, expected", [
    ("要加快建设临空产业园区和涉台园区。", []),                       # kinds of zone, no name
    ("海口临空产业园和东山镇数字农业示范区相继落成。", ["海口临空产业园"]),  # a town's zone of no name: none
])
def test_zone_kinds_name_no_zone(extract, text, expected):
    rec = extract(text)
    offsets_hold(text, rec)
    assert by_label(rec, "LOC") == expected


def test_a_zone_starts_with_its_place_inside_a_token(extract):
    # the segmenter reads 做|优大南|昌都市|圈 (昌都市 is a city's name): the
    # zone starts with 南昌, not with the verb's glued character
    text = "要做优大南昌都市圈。"
    rec = extract(text)
    offsets_hold(text, rec)
    assert by_label(rec, "LOC") == ["南昌都市圈"]


@pytest.mark.stage("gazetteer")
@pytest.mark.parametrize("text, label, expected", [
    # a village found in context is found again where named
    ("调研组来到平安镇桃源坪村、杏花坳村。座谈会上，桃源坪村党支部书记介绍了杏花坳村的做法。", "GPE",
     ["平安镇", "桃源坪村", "杏花坳村", "桃源坪村", "杏花坳村"]),
    # a village name of five characters; no village after a counted 县
    ("疏附县阿其克吐格村新建了文化广场。推进百县千镇万村工程。", "GPE", ["疏附县", "阿其克吐格村"]),
    # World Heritage sites and landmarks
    ("代表团游览了外滩和陆家嘴，又参观了平遥古城、大足石刻和天安门广场。", "LOC",
     ["外滩", "陆家嘴", "平遥古城", "大足石刻", "天安门广场"]),
    # waters jieba tags as names of people (雁栖湖, 阳澄湖: nr) or transliterated
    # names (切萨皮克湾: nrt); 董玉河 (a surname first) stays no place
    ("雁栖湖畔和阳澄湖边游人如织，切萨皮克湾也有报道，董玉河出席。", "LOC", ["雁栖湖", "阳澄湖", "切萨皮克湾"]),
])
def test_places_the_gazetteer_finds(extract, text, label, expected):
    rec = extract(text)
    offsets_hold(text, rec)
    assert by_label(rec, label) == expected
