"""Places: divisions with codes, short names in context, countries."""
import pytest


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


def test_place_inside_org_is_not_annotated(extract):
    rec = extract("龙口市工信局召开会议。")
    assert [(e["text"], e["label"]) for e in rec["entities"]] == [("龙口市工信局", "ORG")]
