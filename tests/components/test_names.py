"""Foreign names: middle-dot look-alikes, Latin-script spellings, and a post
whose first character ends a body (外交部|长)."""
import pytest


def names(record, text):
    found = [e for e in record["entities"] if e["label"] == "PERSON"]
    for e in found:
        assert text[e["start"]:e["end"]] == e["text"]
    return [e["text"] for e in found]


@pytest.mark.parametrize("dot", ["\u0307", "・", "•", "‧", "∙", "⋅"])
def test_a_name_joined_by_a_dot_look_alike_is_one_name(extract, dot):
    text = f"芬兰外交部长佩卡{dot}海斯宁恩出席了会议。"
    assert names(extract(text), text) == [f"佩卡{dot}海斯宁恩"]


def test_a_bullet_that_starts_a_line_is_not_folded():
    from newsextract.normalise import Normaliser
    n = Normaliser()
    assert n("  • 政策解读\n").text == "  • 政策解读\n"
    assert n("横琴.澳门青年").text == "横琴.澳门青年"  # a full stop between places is a list mark
    assert n("五‧一假期").text == "五·一假期"


@pytest.mark.parametrize("text, body, name, title", [
    ("国务委员兼外交部长沈立新会见了代表团。", "外交部", "沈立新", "国务委员兼外交部长"),  # 兼 joins two posts
    ("双方会谈后，智利外交部长安德烈斯·阿拉曼德表示欢迎。", "智利外交部", "安德烈斯·阿拉曼德", "智利外交部长"),
])
def test_a_post_whose_head_is_a_body_keeps_both(extract, text, body, name, title):
    record = extract(text)
    orgs = [e["text"] for e in record["entities"] if e["label"] == "ORG"]
    assert body in orgs
    assert [(p["name"], p["title"]) for p in record["people"]] == [(name, title)]


@pytest.mark.parametrize("text, expected", [
    ("澳门特区政府将与葡萄牙总理若泽·索克拉特斯(José Sócrates)举行会谈。", ["若泽·索克拉特斯", "José Sócrates"]),
    ("会上，总理 Pedro Nuno Santos 表示欢迎。", ["Pedro Nuno Santos"]),
])
def test_latin_script_names_of_foreign_officials(extract, text, expected):
    assert names(extract(text), text) == expected


def test_latin_words_that_follow_no_name_or_post_are_not_names(extract):
    text = "本次展会由Global Trade Partners主办，吸引了多家企业参展。"
    assert names(extract(text), text) == []


# The merge's checks on names from the NER (rules/ner/filters.yaml), with the
# NER's span placed where LAC puts it.

def ner_merged(text, names, label="PERSON"):
    import spacy
    from spacy.util import load_config
    from newsextract import pipeline
    from newsextract.components.merge import Merger
    from newsextract.items import Item, items
    section = load_config(pipeline.default_config_path(), interpolate=False)["components"]["merge"]
    merger = Merger(None, "merge", **{k: v for k, v in section.items() if k != "factory"})
    doc = spacy.blank("xx")(text)
    for name in names:
        at = text.index(name)
        items(doc).append(Item("entity", at, at + len(name), label, "ner"))
    merger(doc)
    return [(text[i.start:i.end], i.label) for i in doc._.items if i.kind == "entity"]


def test_a_ferry_or_creek_read_as_a_name_is_a_place():
    text = "景区新设三个渡口：云栖渡、桃溪渡和石门渡，明年开放。"
    assert ner_merged(text, ["云栖渡"]) == [("云栖渡", "LOC"), ("桃溪渡", "LOC"), ("石门渡", "LOC")]
    text = "推动闽台两地在物流方面合作，扩大榕港往来。"
    assert ner_merged(text, ["榕港"]) == []  # two places' short forms, no name and too short for a LOC


def test_a_common_verb_read_as_a_name_is_rejected():
    text = "经调查，查实李某某等三人违规经营。"
    assert ner_merged(text, ["查实"]) == []
    text = "经调查，周立新等三人违规经营。"  # a name alone passes
    assert ner_merged(text, ["周立新"]) == [("周立新", "PERSON")]


def test_places_listed_beside_a_named_ferry_are_places():
    text = "景区规划建设三个渡口，即望江渡、栖霞渡和白沙渡，明年全部建成。"
    assert ner_merged(text, ["栖霞渡"]) == [("望江渡", "LOC"), ("栖霞渡", "LOC"), ("白沙渡", "LOC")]
    text = "沿线渡口：望江渡、栖霞渡口和白沙渡码头。"  # neighbours of other lengths or ends are no siblings,
    assert ner_merged(text, ["望江渡"]) == [("望江渡", "LOC"), ("栖霞渡口", "LOC")]  # but a place word ends 栖霞渡口


def test_two_short_forms_side_by_side_are_no_place():
    text = "推动辽港两地在金融、物流方面合作。"
    assert ner_merged(text, ["辽港"], "LOC") == []
    text = "沿江建成一座新的客运港。"  # a 3-character port stays (the NER's LOC, a place word ends it)
    assert ner_merged(text, ["客运港"], "LOC") == [("客运港", "LOC")]


def test_a_park_named_after_a_river_keeps_its_city(extract):
    text = "副市长出席了西宁市黄河智谷科技产业园的开园仪式。"
    locs = [e["text"] for e in extract(text)["entities"] if e["label"] == "LOC"]
    assert locs == ["西宁市黄河智谷科技产业园"]


def test_a_preposition_before_a_listed_place_is_no_place():
    text = "要对凤山、螺髻山等重点区域严格管控火源。"
    assert ner_merged(text, ["螺髻山"], "LOC") == [("螺髻山", "LOC")]
    text = "要在凤凰山、螺髻山等重点区域严格管控火源。"  # without it the neighbour joins
    assert ner_merged(text, ["螺髻山"], "LOC") == [("凤凰山", "LOC"), ("螺髻山", "LOC")]


@pytest.mark.parametrize("text, name", [
    ("西双版纳州副州长岩庄出席了开幕式。", "岩庄"),  # 岩: the male name prefix of Dai names
    ("区委常委、副区长荀立新主持会议。", "荀立新"),  # rarer surnames of the Hundred Family Surnames
    ("市政协副主席萧建明出席。", "萧建明"),
])
def test_names_from_rarer_surnames_after_a_post(extract, text, name):
    assert [p["name"] for p in extract(text)["people"]] == [name]


def test_a_name_cut_short_by_a_teaser_link_is_no_name(extract):
    text = "上一篇:市政协副主席阿不都...\n下一篇:副市长周立新出席活动"
    assert [p["name"] for p in extract(text)["people"]] == ["周立新"]
