"""LOC and PERSON, third pass on unseen releases: a region's short word
graded as a common noun (祖国最南疆, 世界级湾区) is no place; a name in
quotation marks next to a storm word is a typhoon's, no person's."""
import pytest

from test_merge import ner, ner_merged, rule


def locs(record):
    return [e["text"] for e in record["entities"] if e["label"] == "LOC"]


@pytest.mark.parametrize("text, expected", [
    # a degree word (最) or a grade (世界级) before the short word: a common noun
    ("云南地处祖国最南疆，毗邻东南亚。", ["东南亚"]),
    ("两地携手打造世界级湾区、发展最好的湾区。", []),
    # the same words as names where nothing grades them
    ("南疆各地州加快发展，大湾区建设提速。", ["南疆", "大湾区"]),
    ("湾区建设和北疆旅游同步推进。", ["湾区", "北疆"]),
])
@pytest.mark.stage("gazetteer")
def test_graded_region_word_is_no_place(extract, text, expected):
    rec = extract(text)
    for e in rec["entities"]:
        assert text[e["start"]:e["end"]] == e["text"]
    assert locs(rec) == expected


@pytest.mark.parametrize("text, name", [
    ("受“海燕”台风严重影响，沿海地区受灾严重。", "海燕"),
    ("今年第22号台风“李明华”逼近东南沿海。", "李明华"),
    ("飓风“桑迪”袭击美国东海岸。", "桑迪"),
    ("受“杜苏芮”超强台风影响，华北出现强降雨。", "杜苏芮"),
])
def test_storm_name_in_quotes_is_no_person(text, name):
    assert ner_merged(text, [ner(text, name)]) == []


def test_quoted_name_without_a_storm_word_stays_a_person():
    text = "“王建华”说，今年台风较多，要做好防范。"
    assert ner_merged(text, [ner(text, "王建华")]) == [("王建华", "PERSON", "ner")]
    text = "台风过后，“王建华”带队排查险情。"
    assert ner_merged(text, [ner(text, "王建华")]) == [("王建华", "PERSON", "ner")]
    # a rule name is not the NER's to reject
    text = "受“海燕”台风影响，海燕同志带队抢险。"
    got = ner_merged(text, [rule(text, "海燕同志"[:2], "PERSON", "people")])
    assert got == [("海燕", "PERSON", "people")]


@pytest.mark.parametrize("text, kept", [
    # an outlet, a region's name, then a reporter: the outlet's programme
    ("中央广播电视总台央视海峡两岸记者：请问发言人如何评价？", []),
    ("福建东南卫视海峡两岸栏目播出了专题片。", []),
    ("央视粤港澳大湾区记者：请问发言人。", []),
    # the region where no outlet stands before it, or no reporter word after it
    ("记者：粤港澳大湾区建设不断加深，请问有何评价？", ["粤港澳大湾区"]),
    # 海峡两岸 ("both sides of the strait") is a relation, no named place
    ("记者：海峡两岸交流不断加深，请问有何评价？", []),
    ("央视记者在长三角采访。", ["长三角"]),
])
def test_region_between_an_outlet_and_a_reporter_is_a_programme(extract_full, text, kept):
    rec = extract_full(text)
    for e in rec["entities"]:
        assert text[e["start"]:e["end"]] == e["text"]
    assert locs(rec) == kept


@pytest.mark.parametrize("text, name", [
    ("放眼望去，莽莽林海满目苍翠。", "林海"),
    ("车队穿过茫茫雪原，驶向边境。", "雪原"),
])
def test_name_after_a_descriptive_word_is_no_person(text, name):
    # jieba tags 莽莽, 茫茫 as descriptive words (z): they modify a scene
    assert ner_merged(text, [ner(text, name)]) == []


def test_name_after_another_word_stays_a_person():
    text = "放眼望去，林海带队巡山。"
    assert ner_merged(text, [ner(text, "林海")]) == [("林海", "PERSON", "ner")]
