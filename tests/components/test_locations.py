"""LOC: named regions, rivers, lakes, mountains, deserts, ports, parks,
zones and venues; and what is not a LOC (divisions, idioms, descriptive
venues)."""
import pytest
from conftest import offsets_hold as spans_match_text

pytestmark = pytest.mark.stage("suffixed")


def locs(record):
    out = []
    for e in record["entities"]:
        if e["label"] == "LOC":
            out.append(e["text"])
    return out


@pytest.mark.parametrize("text, expected", [
    ("督导组先后来到佛子岭水库、响洪甸水库，查看防汛准备情况。", ["佛子岭水库", "响洪甸水库"]),
    ("该市地处松嫩平原腹地，北依小兴安岭。", ["松嫩平原", "小兴安岭"]),
    ("全力保护洱海、抚仙湖等高原湖泊水质。", ["洱海", "抚仙湖"]),
    ("项目位于库布其沙漠腹地，毗邻黄河。", ["库布其沙漠", "黄河"]),
    ("持续推进赤水河流域生态保护。", ["赤水河流域"]),
    ("大别山区群众生活水平明显提高。", ["大别山区"]),
    ("依托太湖科学城、莫干山国际人才小镇等平台集聚人才。", ["太湖科学城", "莫干山国际人才小镇"]),
    ("推介会在南宁国际会展中心举行。", ["南宁国际会展中心"]),
    ("深化与东北亚、东南亚国家的经贸合作。", ["东北亚", "东南亚"]),
    ("川东北地区经济总量稳步提升。", ["川东北地区"]),          # a region written with 地区
    ("京津冀及周边地区空气质量改善。", ["京津冀及周边地区"]),
    ("川东北地区生产总值增长5%。", ["川东北"]),               # 地区生产总值 is GDP
    ("积极融入成渝经济圈建设。", ["成渝经济圈"]),
    # national new areas, written with their province, and the Bay Area's zones
    ("陕西西咸新区与贵州贵安新区签署合作协议。", ["陕西西咸新区", "贵州贵安新区"]),
    ("深化前海、横琴、南沙三大平台建设，推动湾区融合。", ["前海", "横琴", "南沙", "湾区"]),
    ("推进横琴前海南沙三大平台建设。", ["横琴", "前海", "南沙"]),   # written together: 海南 is no place here
    # facilities and projects named before a suffix
    ("莲花山田园综合体和滨江奥体中心相继建成。", ["莲花山田园综合体", "滨江奥体中心"]),
    ("游客可经清水河大桥前往青龙生态园。", ["清水河大桥", "青龙生态园"]),
])
def test_locations(extract, text, expected):
    rec = extract(text)
    spans_match_text(text, rec)
    assert locs(rec) == expected


def test_feature_that_is_also_a_division(extract):
    # 怒江 the river in a list of rivers; 怒江州 the prefecture
    text = "怒江州地处横断山脉纵谷地带，怒江、澜沧江、独龙江纵贯全境。"
    rec = extract(text)
    spans_match_text(text, rec)
    assert locs(rec) == ["横断山脉", "怒江", "澜沧江", "独龙江"]
    assert [e["text"] for e in rec["entities"] if e["label"] == "GPE"] == ["怒江州"]


def test_river_before_a_context_word(extract):
    rec = extract("要紧盯嫩江沿岸低洼地块排涝。")
    assert locs(rec) == ["嫩江"]


def test_town_before_a_scenic_area_is_its_own_gpe(extract):
    text = "婺源县江湾镇篁岭景区接待游客大幅增长。"
    rec = extract(text)
    spans_match_text(text, rec)
    assert "篁岭景区" in locs(rec)


def test_county_stands_apart_before_a_facility_or_scenic_area(extract):
    text = "柘城县容湖大桥和睢县北湖景区游人如织，合肥奥体中心也在其列。"
    rec = extract(text)
    spans_match_text(text, rec)
    assert locs(rec) == ["容湖大桥", "北湖景区", "合肥奥体中心"]  # a short name stays in the name
    assert [e["text"] for e in rec["entities"] if e["label"] == "GPE"] == ["柘城县", "睢县"]


def test_zone_head_stops_at_a_verb(extract):
    text = "沿线两岸建设优质茶叶示范带，同属关中平原城市群。"
    rec = extract(text)
    spans_match_text(text, rec)
    assert locs(rec) == ["关中平原城市群"]  # 优质茶叶示范带 holds no proper name


@pytest.mark.parametrize("text", [
    "打造城市综合体。",                    # 城市: no proper name
    "会议在县会议中心召开。",              # descriptive venue, no proper name
    "各地人山人海，热闹非凡。",            # idiom ending in 海
    "江苏、浙江、黑龙江三省签署协议。",     # provinces, not rivers
    "专家钟南山院士出席论坛。",             # a person, not a mountain
    "全市新建口袋公园12个。",              # generic park
    "在衢江区莲花镇调研。",                # the district, not the river
])
def test_not_locations(extract, text):
    rec = extract(text)
    spans_match_text(text, rec)
    assert locs(rec) == []
