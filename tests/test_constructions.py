"""Policies, people with posts and document metadata, construction by
construction, on the project's corpus texts."""
import pytest


def rec(corpus_records, doc_id):
    return corpus_records[doc_id]


def people(r):
    return {p["name"]: p for p in r["people"]}


def test_notice_title_with_issuer_and_document_number(corpus_records):
    r = rec(corpus_records, "nx-016")
    notice = r["policies"][0]
    assert notice["text"].startswith("襄阳市人民政府关于印发《") and notice["text"].endswith("》的通知")
    assert (notice["issuer"], notice["number"]) == ("襄阳市人民政府", "襄政发〔2024〕5号")
    assert r["title"] == notice["text"]


def test_notice_title_mentioned_in_prose(corpus_records):
    texts = [p["text"] for p in rec(corpus_records, "nx-002")["policies"]]
    assert "县政府办公室关于印发安吉县2024年重大项目攻坚行动计划的通知" in texts


def test_titles_in_marks_classified_by_head_word(corpus_records):
    r = rec(corpus_records, "nx-017")
    texts = [p["text"] for p in r["policies"]]
    for title in ("河南省数字经济促进条例", "河南省中小企业数字化转型专项资金管理办法", "河南省数据要素市场化配置改革实施细则",
                  "数字中国建设发展纲要"):
        assert title in texts
    assert [w["text"] for w in r["works"]] == ["数字经济概论"]  # a book is not a policy


def test_speech_title_is_a_work_and_its_place_is_annotated(corpus_records):
    r = rec(corpus_records, "nx-016")
    assert "奋力打造汉江流域新能源汽车之都" in [w["text"] for w in r["works"]]
    assert "汉江流域" in [e["text"] for e in r["entities"] if e["label"] == "LOC"]


def test_policy_without_marks(corpus_records):
    assert "河南省制造业数字化转型三年行动计划" in [p["text"] for p in rec(corpus_records, "nx-017")["policies"]]


def test_nested_quotes_and_traditional_titles(corpus_records):
    assert "福建省“十四五”製造業高質量發展專項規劃" in [p["text"] for p in rec(corpus_records, "nx-008")["policies"]]


@pytest.mark.parametrize("doc_id, name, title, org", [
    ("nx-001", "韩立新", "市委书记", "市委"),                                  # 市委书记韩立新
    ("nx-001", "周卫东", "市长", None),                                        # 周卫东市长
    ("nx-001", "顾明哲", "市工信局党组副书记、副局长", "市工信局"),            # 市工信局党组副书记、副局长顾明哲
    ("nx-001", "陆晓琴", "市政协副主席", "市政协"),                            # a post shared by a list
    ("nx-001", "冯建明", "市政协副主席", "市政协"),
    ("nx-003", "曹东岳", "市委副书记、市长", "市委"),
    ("nx-020", "韋立恆", "市委書記", "市委"),                                  # traditional script
    ("nx-020", "柏啟航", "市長", None),
    ("nx-020", "沈若溪", "市委常委", "市委"),
])
def test_posts(corpus_records, doc_id, name, title, org):
    p = people(rec(corpus_records, doc_id))[name]
    assert (p["title"], p.get("org")) == (title, org)


@pytest.mark.parametrize("doc_id, name", [("nx-001", "钱海波"), ("nx-020", "鄺文濤"), ("nx-020", "聶海川")])
def test_group_labels_are_not_posts(corpus_records, doc_id, name):
    assert people(rec(corpus_records, doc_id))[name]["title"] is None


def test_bylines_are_roles_and_authors(corpus_records):
    r = rec(corpus_records, "nx-003")
    assert (people(r)["何雨桐"]["title"], people(r)["何雨桐"]["role"]) == (None, "记者")
    assert {"name": "何雨桐", "role": "记者"} in r["authors"]


def test_headline_published_and_source(corpus_records):
    r = rec(corpus_records, "nx-001")
    assert r["title"] == "常州市召开全市工业经济高质量发展推进会"
    assert r["source_org"]["text"] == "常州日报"


def test_policy_issuer_from_verb_and_issued_date(extract):
    r = extract("2017年9月30日,市政府印发《天津市促进开发区改革和创新发展实施方案》(津政办函〔2017〕103号)。")
    p = r["policies"][0]
    assert (p["issuer"], p["number"], p["issued"]) == ("市政府", "津政办函〔2017〕103号", "2017-09-30")


def test_title_broken_by_a_line_is_taken_whole(extract):
    text = "印发《湖南省2017年国民经济和\n社会发展计划》。"
    p = extract(text)["policies"][0]
    assert p["text"] == "湖南省2017年国民经济和\n社会发展计划" and p["norm"] == "湖南省2017年国民经济和社会发展计划"


def test_the_dateline_source_is_one_pattern_for_the_record_and_the_org(extract):
    """rules/metadata.yaml's source_org gives the record's source_org and the
    bodies stage's ORG alike: a bracket ends the name; 本报 is no body."""
    r = extract("（来源：扬州晚报）扬州市召开会议。")
    assert r["source_org"]["text"] == "扬州晚报"
    assert ("扬州晚报", "ORG") in {(e["text"], e["label"]) for e in r["entities"]}
    r = extract("来源：本报 扬州市召开会议。")
    assert r["source_org"]["text"] == "本报" and "本报" not in {e["text"] for e in r["entities"]}
