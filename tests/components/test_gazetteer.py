"""Places: what the case files (tests/cases/gazetteer/) cannot say: a full name
resolved by the province named, no town or village of any name, look-alike
characters."""
import pytest
from conftest import offsets_hold

pytestmark = pytest.mark.stage("gazetteer")


def test_ambiguous_full_name_resolved_by_the_province_named(extract):
    rec = extract("江苏省南京市鼓楼区召开会议。")
    gl = [e for e in rec["entities"] if e["text"] == "鼓楼区"][0]
    assert gl["code"].startswith("32")
    rec = extract("鼓楼区召开会议。")
    assert "code" not in [e for e in rec["entities"] if e["text"] == "鼓楼区"][0]


def gpe_texts(record):
    return [e["text"] for e in record["entities"] if e["label"] == "GPE"]


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
