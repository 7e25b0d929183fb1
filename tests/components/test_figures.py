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
