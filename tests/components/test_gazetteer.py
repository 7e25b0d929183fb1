"""Places: divisions with codes, short names in context, countries."""
import pytest
from conftest import offsets_hold

pytestmark = pytest.mark.stage("gazetteer")


def gpes(record):
    return [(e["text"], e.get("code")) for e in record["entities"] if e["label"] == "GPE"]


@pytest.mark.parametrize("text, expected", [
    ("山东省龙口市召开会议。", [("山东省", "370000"), ("龙口市", "370681")]),
    ("会议在泰安肥城召开。", [("泰安", "370900"), ("肥城", "370983")]),
    ("龙口市高度重视,龙口将继续推进。", [("龙口市", "370681"), ("龙口", "370681")]),
    ("现场会在河北省安平县召开。", [("河北省", "130000"), ("安平县", "131125")]),
    ("中国与美国企业合作。", [("中国", None), ("美国", None)]),
])
def test_places(extract, text, expected):
    assert gpes(extract(text)) == expected


def test_parent_chain(extract):
    e = [x for x in extract("龙口市召开会议。")["entities"] if x["label"] == "GPE"][0]
    assert (e["level"], e["province"], e["city"]) == ("county", "山东省", "烟台市")


def test_ambiguous_full_name_resolved_by_the_province_named(extract):
    rec = extract("江苏省南京市鼓楼区召开会议。")
    gl = [e for e in rec["entities"] if e["text"] == "鼓楼区"][0]
    assert gl["code"].startswith("32")
    rec = extract("鼓楼区召开会议。")
    assert "code" not in [e for e in rec["entities"] if e["text"] == "鼓楼区"][0]


@pytest.mark.parametrize("text", [
    "会同有关部门研究。",             # 会同 the county vs "together with"
    "全省沿海城市发展。",             # 海城市 inside 沿海城市
    "主城区改造。",
    "全国、全省、全市。",
])
def test_not_places(extract, text):
    assert gpes(extract(text)) == []


@pytest.mark.stage("bodies")  # the body holds the place; the merge keeps the body
def test_place_inside_org_is_not_annotated(extract):
    rec = extract("龙口市工信局召开会议。")
    assert [(e["text"], e["label"]) for e in rec["entities"]] == [("龙口市工信局", "ORG")]


def gpe_texts(record):
    return [e["text"] for e in record["entities"] if e["label"] == "GPE"]


@pytest.mark.parametrize("text, expected", [
    # other written forms of divisions: the SARs, Taiwan, autonomous counties written short
    ("香港特区与澳门特区签署协议，台湾地区也有代表出席。", ["香港特区", "澳门特区", "台湾地区"]),
    ("峨边县与马边自治县开展结对帮扶。", ["峨边县", "马边自治县"]),
    # a full name before 长: the post's 省 or 市, the short name the place
    ("湖北省长王晓东、武汉市长程用文出席。", ["湖北", "武汉"]),
    ("南京市长江大桥通车。", ["南京市"]),
    # cities abroad and the UK's nations
    ("代表团访问了维也纳和苏格兰。", ["维也纳", "苏格兰"]),
    ("双方在慕尼黑市签署备忘录。", ["慕尼黑市"]),
])
def test_other_forms_of_places(extract, text, expected):
    record = extract(text)
    offsets_hold(text, record)
    assert gpe_texts(record) == expected


def test_autonomous_county_written_short_has_its_code(extract):
    e = [x for x in extract("峨边县召开会议。")["entities"] if x["label"] == "GPE"][0]
    assert e["code"] == "511132"


@pytest.mark.parametrize("text, expected", [
    # towns the table may lack, after their county or in a list of towns
    ("在阜平县龙泉关镇、砂窝乡和吴王口乡调研。", ["阜平县", "龙泉关镇", "砂窝乡", "吴王口乡"]),
    # villages after a town and in lists, with a one-character name too
    ("走访了柳林镇东坡村、石门村和元村。", ["柳林镇", "东坡村", "石门村", "元村"]),
    ("深入三岔乡小河子村调研。", ["三岔乡", "小河子村"]),
])
def test_towns_and_villages(extract, text, expected):
    record = extract(text)
    offsets_hold(text, record)
    assert gpe_texts(record) == expected


@pytest.mark.parametrize("text", [
    "在推动强村富民上作表率。",       # a verb and a slogan, no village
    "县里开展新农村建设。",           # 农村, a common word swallowing 村
    "在两个联系村开展走访。",         # a count, no name
    "平谷区推进新型城镇化。",         # 镇 inside 城镇化
])
def test_no_town_or_village(extract, text):
    record = extract(text)
    offsets_hold(text, record)
    assert [g for g in gpe_texts(record) if g.endswith(("村", "镇", "乡"))] == []


@pytest.mark.stage("bodies")  # the second: a body that holds the place
@pytest.mark.parametrize("text, expected", [
    ("代表团访问了广州巿和佛山巿。", ["广州巿", "佛山巿"]),     # 巿 (U+5DFF), the look-alike of 市
    ("⼭东省⼈⺠政府召开会议。", []),                         # radicals from a PDF: one body, no place inside
])
def test_lookalike_characters_in_place_names(extract, text, expected):
    record = extract(text)
    offsets_hold(text, record)
    assert gpe_texts(record) == expected
    if not expected:
        assert [e["norm"] for e in record["entities"]] == ["山东省人民政府"]
