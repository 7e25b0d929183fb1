"""The merge policy: one place settles conflicts between stages."""
import functools

import pytest
import spacy
from spacy.util import load_config

from newsextract import pipeline
from newsextract.components.merge import Merger
from newsextract.items import Item, items


def shipped(**changes):
    """The merge with the settings of the shipped config.cfg (and `changes`)."""
    section = load_config(pipeline.default_config_path(), interpolate=False)["components"]["merge"]
    settings = {k: v for k, v in section.items() if k != "factory"}
    return Merger(None, "merge", **{**settings, **changes})


def merged(found, text="x" * 40):
    doc = spacy.blank("xx")(text)
    items(doc).extend(found)
    shipped()(doc)
    return [(i.kind, i.label, i.start, i.end, i.stage) for i in doc._.items]


def test_nothing_survives_inside_a_policy():
    got = merged([Item("policy", 0, 20, stage="policies"), Item("entity", 0, 3, "GPE", "gazetteer"),
                  Item("date", 3, 8, stage="dates"), Item("figure", 10, 12, stage="figures"),
                  Item("entity", 25, 28, "GPE", "gazetteer")])
    assert got == [("policy", "", 0, 20, "policies"), ("entity", "GPE", 25, 28, "gazetteer")]


def test_longest_entity_wins_and_crossing_spans_drop():
    got = merged([Item("entity", 0, 3, "GPE", "gazetteer"), Item("entity", 0, 6, "ORG", "bodies"),
                  Item("entity", 5, 9, "LOC", "suffixed")])
    assert got == [("entity", "ORG", 0, 6, "bodies")]


def test_equal_length_goes_to_the_stage_listed_first():
    got = merged([Item("entity", 2, 5, "GPE", "gazetteer"), Item("entity", 2, 5, "PERSON", "people")])
    assert got == [("entity", "PERSON", 2, 5, "people")]


def test_dates_win_over_figures_and_names_over_figures():
    got = merged([Item("date", 0, 4, stage="dates"), Item("figure", 0, 3, stage="figures"),
                  Item("entity", 10, 16, "ORG", "suffixed"), Item("figure", 12, 14, stage="figures"),
                  Item("figure", 20, 24, stage="figures")])
    assert [g[0] for g in got] == ["date", "entity", "figure"]


def test_a_person_goes_with_its_entity():
    """people.py emits each name once; the person's entry rides on it."""
    entry = {"title_span": (0, 2)}
    got = merged([Item("entity", 0, 8, "ORG", "bodies"), Item("entity", 5, 8, "PERSON", "people", {"person": entry})])
    assert got == [("entity", "ORG", 0, 8, "bodies")]
    doc = spacy.blank("xx")("x" * 40)
    items(doc).extend([Item("entity", 0, 4, "ORG", "bodies"), Item("entity", 5, 8, "PERSON", "people", {"person": entry})])
    shipped()(doc)
    assert [(i.label, i.attrs) for i in items(doc)] == [("ORG", {}), ("PERSON", {"person": entry})]


def test_ner_fills_gaps_and_does_not_override_rules():
    text = "龙口市工信局、南山铝业有限公司参加，会上李强表示。"
    got = ner_merged(text, [rule(text, "龙口市工信局", "ORG", "bodies"), ner(text, "龙口市工信局、", "ORG"),
                            ner(text, "南山铝业有限公司", "ORG"), rule(text, "李强", "PERSON", "people"),
                            ner(text, "上李强")])
    assert got == [("龙口市工信局", "ORG", "bodies"), ("南山铝业有限公司", "ORG", "ner"), ("李强", "PERSON", "people")]


# The statistical NER's entities against the rules (merge.py, policy 3; the
# checks in rules/ner/filters.yaml), one test per kind of conflict, each on
# text like a release's with the NER's span where LAC puts it.

@functools.lru_cache(maxsize=1)
def _tokenizer():
    """The pipeline's own (jieba) tokenizer: the merge reads where words begin."""
    return pipeline.build(exclude=["ner"]).tokenizer


def ner_merged(text, found, merger=None):
    doc = _tokenizer()(text)
    items(doc).extend(found)
    (merger or shipped())(doc)
    return [(text[i.start:i.end], i.label, i.stage) for i in doc._.items if i.kind == "entity"]


def ner(text, name, label="PERSON", nth=0):
    at = -1
    for _ in range(nth + 1):
        at = text.index(name, at + 1)
    return Item("entity", at, at + len(name), label, "ner")


def rule(text, name, label, stage):
    at = text.index(name)
    return Item("entity", at, at + len(name), label, stage)


def test_ner_person_fills_a_gap_the_rules_left():
    text = "其中数学组的周雨桐老师尤为积极。"
    assert ner_merged(text, [ner(text, "周雨桐")]) == [("周雨桐", "PERSON", "ner")]


def test_ner_person_that_swallows_the_next_word_is_rejected():
    text = "本报北京5月3日讯记者薛原报道：会议今天开幕。"
    assert ner_merged(text, [ner(text, "薛原报")]) == []
    text = "国务委员罗干今天上午会见了代表团。"
    assert ner_merged(text, [ner(text, "罗干今")]) == []
    text = "国务委员罗干会见了代表团。"  # the name alone passes
    assert ner_merged(text, [ner(text, "罗干")]) == [("罗干", "PERSON", "ner")]


def test_ner_person_inside_a_rule_org_or_a_post_is_rejected():
    text = "会议在宋庆龄基金会举行，市长李强出席。"
    got = ner_merged(text, [rule(text, "宋庆龄基金会", "ORG", "suffixed"), ner(text, "宋庆龄"),
                            ner(text, "长李强")])
    assert got == [("宋庆龄基金会", "ORG", "suffixed")]
    text = "会上，金部长作了讲话。"
    assert ner_merged(text, [ner(text, "金部长")]) == []


def test_ner_person_of_one_character_or_a_common_word_is_rejected():
    text = "村里的群众都说，老李和王书记一起来了。"
    assert ner_merged(text, [ner(text, "群众"), ner(text, "李")]) == []
    text = "市领导和官员和专家出席。"
    assert ner_merged(text, [ner(text, "官员和")]) == []


def test_a_list_of_names_read_as_one_is_rejected_and_a_name_with_a_conjunction_kept():
    text = "张华、李明出席，陈和生主持。"
    got = ner_merged(text, [ner(text, "张华、李明"), ner(text, "陈和生")])
    assert got == [("陈和生", "PERSON", "ner")]
    text = "会议由张华和李明主持。"
    assert ner_merged(text, [ner(text, "张华和李明")]) == []


def test_ner_person_takes_in_a_place_or_a_shorter_rule_name_inside_it():
    text = "象棋特级大师许银川出席。全印安纳德拉维达进步联盟总书记贾亚拉莉达称病。"
    got = ner_merged(text, [rule(text, "银川", "GPE", "gazetteer"), ner(text, "许银川"),
                            rule(text, "贾亚拉", "PERSON", "people"), ner(text, "贾亚拉莉达")])
    assert ("许银川", "PERSON", "ner") in got and ("贾亚拉莉达", "PERSON", "ner") in got
    assert ("银川", "GPE", "gazetteer") not in got and ("贾亚拉", "PERSON", "people") not in got


def test_a_list_of_bodies_read_as_one_is_rejected():
    text = "自治区人社厅|应急厅|司法厅联合发文。"
    assert ner_merged(text, [ner(text, "人社厅|应急厅|司法厅", "ORG")]) == []


def test_ner_org_only_with_a_body_ending():
    text = "法航的工人罢工，鲁中铝材有限公司停产，中国男队获胜。"
    got = ner_merged(text, [ner(text, "法航", "ORG"), ner(text, "鲁中铝材有限公司", "ORG"),
                            rule(text, "中国", "GPE", "gazetteer"), ner(text, "中国男队", "ORG")])
    assert got == [("鲁中铝材有限公司", "ORG", "ner"), ("中国男队", "ORG", "ner")]


def test_ner_org_of_a_kind_is_rejected():
    """A government after 各 or after a list of division kinds names none in
    particular (the bodies stage's `each` and `kinds_before`); one named by
    its place is kept."""
    text = "各区人民政府，县级以上人民政府和乡、镇人民政府，以及海丰县人民政府。"
    got = ner_merged(text, [ner(text, "区人民政府", "ORG"), ner(text, "镇人民政府", "ORG"),
                            ner(text, "海丰县人民政府", "ORG")])
    assert got == [("海丰县人民政府", "ORG", "ner")]


def test_ner_org_with_each_or_after_a_count_is_rejected():
    """各 starting the body, or a count before it, makes it a kind."""
    text = "各镇人民政府、19个乡镇卫生院和三家医院，以及临川区人民医院。"
    got = ner_merged(text, [ner(text, "各镇人民政府", "ORG"), ner(text, "乡镇卫生院", "ORG"),
                            ner(text, "医院", "ORG"), ner(text, "临川区人民医院", "ORG")])
    assert got == [("临川区人民医院", "ORG", "ner")]


def test_ner_org_of_a_whole_division_a_meeting_or_a_bare_institution_is_rejected():
    """四川|全省法院 is every court of the province, 甘肃省政协|月协商会 a
    meeting, 人民法院 alone the courts in general; 新田法院 is one court."""
    text = "四川全省法院受理案件，甘肃省政协月协商会召开，人民法院聚焦审判，新田法院通报案例。"
    got = ner_merged(text, [ner(text, "四川全省法院", "ORG"), ner(text, "甘肃省政协月协商会", "ORG"),
                            ner(text, "人民法院", "ORG"), ner(text, "新田法院", "ORG")])
    assert got == [("新田法院", "ORG", "ner")]


def test_ner_org_right_after_a_country_takes_it_in(extractor):
    """日本|三泽精机株式会社: the country written before the body is in its name."""
    merger = extractor.nlp.get_pipe("merge")
    text = "长春新区管委会与日本三泽精机株式会社签署协议。"
    japan = extractor.nlp.get_pipe("gazetteer").known_place("日本", text.index("日本"), text.index("日本") + 2)
    assert japan is not None and "country" in japan.attrs
    got = ner_merged(text, [japan, ner(text, "三泽精机株式会社", "ORG")], merger)
    assert ("日本三泽精机株式会社", "ORG", "ner") in got and not any(g[0] == "日本" for g in got)


def test_ner_org_begins_where_a_word_begins():
    """A body the model starts inside a word of jieba's (开发|区管委会 in
    各开发区管委会) is none; one starting on a word is kept."""
    text = "各开发区管委会，长春新区管委会。"
    got = ner_merged(text, [ner(text, "区管委会", "ORG"), ner(text, "长春新区管委会", "ORG")])
    assert got == [("长春新区管委会", "ORG", "ner")]


def test_ner_org_does_not_join_two_rule_bodies_or_take_a_post():
    text = "在党中央国务院的领导下，农工党市委会主委出席。"
    got = ner_merged(text, [rule(text, "党中央", "ORG", "bodies"), rule(text, "国务院", "ORG", "bodies"),
                            ner(text, "党中央国务院", "ORG"), rule(text, "农工党市委会", "ORG", "bodies"),
                            ner(text, "农工党市委会主委", "ORG")])
    assert got == [("党中央", "ORG", "bodies"), ("国务院", "ORG", "bodies"), ("农工党市委会", "ORG", "bodies")]


def test_ner_places_become_gpe_with_a_code_or_loc_with_a_place_word(extractor):
    merger = extractor.nlp.get_pipe("merge")
    text = "他从龙口市出发，经过赤水河，到达康斯坦察县，再去不来梅。"
    doc = spacy.blank("xx")(text)
    items(doc).extend([ner(text, n, "LOC") for n in ("龙口市", "赤水河", "康斯坦察县", "不来梅")])
    merger(doc)
    got = {text[i.start:i.end]: (i.label, i.attrs.get("code")) for i in doc._.items if i.kind == "entity"}
    assert got == {"龙口市": ("GPE", "370681"), "赤水河": ("LOC", None), "康斯坦察县": ("GPE", None)}


def test_ner_place_never_replaces_a_rule_entity():
    text = "山东省龙口市召开会议。"
    got = ner_merged(text, [rule(text, "山东省", "GPE", "gazetteer"), rule(text, "龙口市", "GPE", "gazetteer"),
                            ner(text, "山东省龙口市", "LOC")])
    assert got == [("山东省", "GPE", "gazetteer"), ("龙口市", "GPE", "gazetteer")]


def test_a_rule_name_with_the_next_word_gives_way_to_the_ner_name():
    text = "副市长许红在会上讲话，王瑞接见了代表。"
    got = ner_merged(text, [rule(text, "许红在", "PERSON", "people"), ner(text, "许红"),
                            rule(text, "王瑞接", "PERSON", "people"), ner(text, "王瑞")])
    assert got == [("许红", "PERSON", "ner"), ("王瑞", "PERSON", "ner")]
    text = "副市长王伟中出席。"  # a rule name that passes the checks stays
    assert ner_merged(text, [rule(text, "王伟中", "PERSON", "people"), ner(text, "王伟")]) == [
        ("王伟中", "PERSON", "people")]


def test_the_person_of_a_corrected_name_keeps_its_post():
    text = "区长许红在会上讲话。"
    doc = spacy.blank("xx")(text)
    named = rule(text, "许红在", "PERSON", "people")
    named.attrs = {"person": {"title_span": (0, 2)}}
    items(doc).extend([named, ner(text, "许红")])
    shipped()(doc)
    people = [(text[p.start:p.end], p.stage, p.attrs["person"]) for p in doc._.items if "person" in p.attrs]
    assert people == [("许红", "ner", {"title_span": (0, 2)})]


def test_ner_org_narrows_a_suffix_name_begun_at_a_verb():
    text = "出席的还有联想集团副总裁。"
    got = ner_merged(text, [rule(text, "还有联想集团", "ORG", "suffixed"), ner(text, "联想集团", "ORG")])
    assert got == [("联想集团", "ORG", "ner")]
    text = "中国关心下一代健康体育基金会举办活动。"  # 下一代 is no verb: the suffix name stays
    got = ner_merged(text, [rule(text, "中国关心下一代健康体育基金会", "ORG", "suffixed"),
                            ner(text, "健康体育基金会", "ORG")])
    assert got == [("中国关心下一代健康体育基金会", "ORG", "suffixed")]


def test_ner_person_before_a_document_number_or_with_a_particle_is_rejected():
    text = "根据《省政府关于加强财政管理的意见》(湘政发〔2021〕5号)要求，现通知如下。"
    assert ner_merged(text, [ner(text, "湘政")]) == []
    text = "离任前他说，张于2015年3月被派往县里工作。"
    assert ner_merged(text, [ner(text, "张于")]) == []
    text = "会上，韩正作了讲话。"  # 正 is an adverb too, but no particle
    assert ner_merged(text, [ner(text, "韩正")]) == [("韩正", "PERSON", "ner")]


def test_ner_person_ending_in_a_trade_word_is_rejected():
    text = "他考察了华芯科技、宏达电子等企业。"
    assert ner_merged(text, [ner(text, "华芯科技")]) == []


def test_ner_person_one_character_past_a_known_name_is_cut_to_it():
    text = "行政长官李家成明日发表施政报告。此前李家成会见了议员。"
    later = text.rindex("李家成")
    got = ner_merged(text, [Item("entity", later, later + 3, "PERSON", "people"), ner(text, "李家成明")])
    assert ("李家成", "PERSON", "ner") in got and all(g[0] != "李家成明" for g in got)



def test_a_name_listed_beside_a_name_takes_no_preposition():
    text = "中国选手李亚莉、曾秀君以11秒37排名第一。"
    got = ner_merged(text, [ner(text, "李亚莉"), ner(text, "曾秀君")])
    assert got == [("李亚莉", "PERSON", "ner"), ("曾秀君", "PERSON", "ner")]


def test_ner_person_of_two_provinces_abbreviations_is_rejected():
    text = "座谈会建言深化川渝合作，推进城市群建设。"
    assert ner_merged(text, [ner(text, "川渝")]) == []


def test_ner_name_of_two_named_peoples_surnames_is_rejected():
    text = "1993年，海协会会长汪道涵与海基会董事长辜振甫举行会谈。如何认识汪辜会谈的意义？"
    got = ner_merged(text, [rule(text, "汪道涵", "PERSON", "people"), rule(text, "辜振甫", "PERSON", "people"),
                            ner(text, "汪辜")])
    assert [g[0] for g in got if g[1] == "PERSON"] == ["汪道涵", "辜振甫"]


def test_ner_person_that_swallows_a_verb_or_goes_on_after_its_mou_is_rejected():
    text = "县长李某致欢迎词，张伟致辞。"
    assert ner_merged(text, [ner(text, "李某致"), ner(text, "张伟致")]) == []
    text = "县长李强出席会议。"  # the name alone passes
    assert ner_merged(text, [ner(text, "李强")]) == [("李强", "PERSON", "ner")]


def test_ner_person_with_a_particle_second_is_rejected():
    text = "全面贯彻党的十九大精神。"
    assert ner_merged(text, [ner(text, "党的十")]) == []


def test_an_org_after_the_partys_prefix_takes_it_in():
    text = "中共雄安新区工作委员会召开会议，中国共产党成立百年。"
    got = ner_merged(text, [rule(text, "雄安新区工作委员会", "ORG", "suffixed"),
                            rule(text, "中国", "GPE", "gazetteer")])
    assert got == [("中共雄安新区工作委员会", "ORG", "suffixed"), ("中国", "GPE", "gazetteer")]
    text = "中共雄安新区建设取得新进展。"
    got = ner_merged(text, [rule(text, "雄安新区", "LOC", "gazetteer")])
    assert got == [("雄安新区", "LOC", "gazetteer")]  # a place after 中共 stays a place


def test_a_named_place_and_its_administrations_word_are_one_body():
    """布达拉宫|管理处 (rules/orgs/zone_bodies.txt after a LOC of any stage),
    with the Party's prefix when it stands before (中共|雄安新区|工作委员会)."""
    text = "布达拉宫管理处获奖，中共雄安新区工作委员会召开会议，游客参观布达拉宫。"
    got = ner_merged(text, [rule(text, "布达拉宫", "LOC", "gazetteer"), rule(text, "雄安新区", "LOC", "gazetteer"),
                            Item("entity", text.rindex("布达拉宫"), text.rindex("布达拉宫") + 4, "LOC", "gazetteer")])
    assert got == [("布达拉宫管理处", "ORG", "merge"), ("中共雄安新区工作委员会", "ORG", "merge"),
                   ("布达拉宫", "LOC", "gazetteer")]


# Storm names and scenes (from test_unseen_third.py).

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


# Slogans read as places (from test_places_unseen.py).

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


# Names the NER reads (one label each) and what the merge makes of them, as
# (text, label) pairs (from test_names.py).

def ner_labels(text, names, label="PERSON"):
    return [(t, l) for t, l, _ in ner_merged(text, [ner(text, name, label) for name in names])]


def test_a_ferry_or_creek_read_as_a_name_is_a_place():
    text = "景区新设三个渡口：云栖渡、桃溪渡和石门渡，明年开放。"
    assert ner_labels(text, ["云栖渡"]) == [("云栖渡", "LOC"), ("桃溪渡", "LOC"), ("石门渡", "LOC")]
    text = "推动闽台两地在物流方面合作，扩大榕港往来。"
    assert ner_labels(text, ["榕港"]) == []  # two places' short forms, no name and too short for a LOC


def test_a_common_verb_read_as_a_name_is_rejected():
    text = "经调查，查实李某某等三人违规经营。"
    assert ner_labels(text, ["查实"]) == []
    text = "经调查，周立新等三人违规经营。"  # a name alone passes
    assert ner_labels(text, ["周立新"]) == [("周立新", "PERSON")]


def test_places_listed_beside_a_named_ferry_are_places():
    text = "景区规划建设三个渡口，即望江渡、栖霞渡和白沙渡，明年全部建成。"
    assert ner_labels(text, ["栖霞渡"]) == [("望江渡", "LOC"), ("栖霞渡", "LOC"), ("白沙渡", "LOC")]
    text = "沿线渡口：望江渡、栖霞渡口和白沙渡码头。"  # neighbours of other lengths or ends are no siblings,
    assert ner_labels(text, ["望江渡"]) == [("望江渡", "LOC"), ("栖霞渡口", "LOC")]  # but a place word ends 栖霞渡口


def test_two_short_forms_side_by_side_are_no_place():
    text = "推动辽港两地在金融、物流方面合作。"
    assert ner_labels(text, ["辽港"], "LOC") == []
    text = "沿江建成一座新的客运港。"  # a 3-character port stays (the NER's LOC, a place word ends it)
    assert ner_labels(text, ["客运港"], "LOC") == [("客运港", "LOC")]


def test_a_preposition_before_a_listed_place_is_no_place():
    text = "要对凤山、螺髻山等重点区域严格管控火源。"
    assert ner_labels(text, ["螺髻山"], "LOC") == [("螺髻山", "LOC")]
    text = "要在凤凰山、螺髻山等重点区域严格管控火源。"  # without it the neighbour joins
    assert ner_labels(text, ["螺髻山"], "LOC") == [("凤凰山", "LOC"), ("螺髻山", "LOC")]
