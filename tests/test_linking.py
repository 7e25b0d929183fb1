"""Cross-document ids (newsextract.corpus.linking): bodies under their full,
short, relative and traditional forms, people, policies, places; and the
linking gold set built from corpora/."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from newsextract.corpus.database import build
from newsextract.corpus.linkeval import load_gold, score
from newsextract.corpus.linking import policy_title, resolve_body

GOLD = Path(__file__).parent / "data" / "linking" / "gold.tsv"

RELEASES = {
    "miit-1": "4月9日，工信部召开新闻发布会，介绍一季度工业和信息化发展情况。",
    "miit-2": "工业和信息化部副部长辛国斌出席会议并讲话。",
    "sd-1": "4月10日，山东省召开全省工业经济运行调度会议。省工信厅党组书记、厅长张海波出席会议并讲话，"
            "济南市、青岛市、烟台市有关负责同志参加。",
    "sd-2": "山东省工业和信息化厅党组书记、厅长张海波到烟台市调研企业数字化转型工作。",
    "sd-3": "山東省工業和信息化廳發佈通知，部署濟南市、青島市工業穩增長工作。",
    "js-1": "江苏省商务厅党组书记、厅长王立新在南京会见新加坡客人。",
    "zj-1": "浙江省商务厅党组书记、厅长王立新在杭州出席浙江省外资企业座谈会。",
    "jn-1": "济南市人民政府关于印发《济南市促进低空经济高质量发展若干措施》的通知（济政发〔2024〕8号）。",
    "jn-2": "日前，《济南市促进低空经济高质量发展若干措施》正式实施，济政发〔2024〕8号文件明确了支持方向。",
}


@pytest.fixture(scope="module")
def con(extractor, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("linking")
    src = tmp / "releases.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for doc_id, text in RELEASES.items():
            fh.write(json.dumps(extractor.extract(text, doc_id=doc_id), ensure_ascii=False) + "\n")
    build([src], tmp / "l.duckdb", progress=False)
    c = duckdb.connect(str(tmp / "l.duckdb"), read_only=True)
    yield c
    c.close()


def org_id(con, doc_id, norm):
    rows = con.execute("SELECT DISTINCT entity_id FROM entities WHERE label = 'ORG' AND doc_id = ? AND norm = ?",
                       [doc_id, norm]).fetchall()
    assert len(rows) == 1, (doc_id, norm, rows)
    return rows[0][0]


def person_id(con, doc_id, name):
    return con.execute("SELECT person_id FROM people WHERE doc_id = ? AND norm = ?", [doc_id, name]).fetchone()[0]


def test_short_and_full_forms_of_a_ministry_get_one_id(con):
    assert org_id(con, "miit-1", "工信部") == org_id(con, "miit-2", "工业和信息化部") == "工业和信息化部"


def test_a_relative_form_is_resolved_by_the_documents_place(con):
    assert con.execute("SELECT province FROM documents WHERE doc_id = 'sd-1'").fetchone()[0] == "山东省"
    ident = org_id(con, "sd-1", "省工信厅")
    assert ident == org_id(con, "sd-2", "山东省工业和信息化厅") == "山东省工业和信息化厅"
    # traditional script: its norm is simplified, and the id is the same
    assert org_id(con, "sd-3", "山东省工业和信息化厅") == ident
    assert con.execute("SELECT aliases FROM bodies WHERE id = ?", [ident]).fetchone()[0] == \
        ["山东省工业和信息化厅", "山東省工業和信息化廳", "省工信厅"]


def test_same_name_and_body_in_two_releases_is_one_person(con):
    assert person_id(con, "sd-1", "张海波") == person_id(con, "sd-2", "张海波") == "张海波@山东省"
    assert con.execute("SELECT org_id FROM people WHERE doc_id = 'sd-1'").fetchone()[0] == "山东省工业和信息化厅"


def test_same_name_with_posts_in_two_provinces_is_two_people(con):
    a, b = person_id(con, "js-1", "王立新"), person_id(con, "zj-1", "王立新")
    assert a != b and {a, b} == {"王立新@江苏省", "王立新@浙江省"}
    ents = con.execute("SELECT DISTINCT entity_id FROM entities WHERE label = 'PERSON' AND norm = '王立新'").fetchall()
    assert sorted(e[0] for e in ents) == sorted([a, b])


def test_a_policy_under_its_notice_title_its_own_title_and_its_number_is_one(con):
    ids = con.execute("SELECT DISTINCT policy_id FROM policies WHERE doc_id IN ('jn-1', 'jn-2')").fetchall()
    assert ids == [("济南市促进低空经济高质量发展若干措施",)]
    assert con.execute("SELECT n_docs FROM policy_docs WHERE id = ?", ids[0]).fetchone()[0] == 2


def test_gpes_are_linked_by_their_division_code(con):
    rows = con.execute("SELECT DISTINCT norm, entity_id FROM entities WHERE label = 'GPE' AND norm LIKE '济南%'").fetchall()
    assert rows == [("济南市", "370100")]


@pytest.mark.parametrize("form, ctx, expected", [
    ("中共上饶市委", (None, None, None), "上饶市委"),
    ("中国共产党上饶市第六届委员会", (None, None, None), "上饶市委"),
    ("市委", ("360000", "361100", None), "上饶市委"),
    ("县政府", ("330000", "330500", "330523"), "安吉县人民政府"),
    ("县府办", ("330000", "330500", "330523"), "安吉县人民政府办公室"),
    ("政协盐城市第九届委员会", (None, None, None), "盐城市政协"),
    ("自治区工业和信息化厅", ("450000", None, None), "广西壮族自治区工业和信息化厅"),
    ("國務院", (None, None, None), "国务院"),
    ("区政府", ("820000", None, None), "澳门特别行政区政府"),
    ("澳門特別行政區政府", (None, None, None), "澳门特别行政区政府"),
    ("国家发改委", (None, None, None), "国家发展和改革委员会"),
    # 州 names an autonomous prefecture; 市 the nearest division named …市 (恩施市, not 恩施州)
    ("州委", ("420000", "422800", "422801"), "恩施土家族苗族自治州委"),
    ("市委", ("420000", "422800", "422801"), "恩施市委"),
])
def test_body_forms(form, ctx, expected):
    assert resolve_body(form, ctx).name == expected


def test_relative_forms_that_the_place_cannot_resolve_stay_in_their_document(extractor, tmp_path):
    # 省 in a release of no known province; 自治区 in a province that is not one; 管委会 alone
    assert resolve_body("省商务厅", (None, None, None)).kind == "own"
    assert resolve_body("自治区商务厅", ("370000", None, None)).kind == "own"
    assert resolve_body("管委会", ("370000", None, None)).kind == "own"
    # a name several districts share carries its code
    assert resolve_body("朝阳区委", ("110000", None, None)).id == "朝阳区委@110105"
    assert resolve_body("朝阳区委", ("220000", "220100", None)).id == "朝阳区委@220104"
    # linked, an own body's id is its name and document (the one place that makes it: link's join)
    src = tmp_path / "own.jsonl"
    src.write_text("".join(json.dumps(extractor.extract(t, doc_id=d), ensure_ascii=False) + "\n" for d, t in
                           [("a", "省商务厅厅长王立新出席会议。"), ("b", "省商务厅召开会议，部署外贸工作。")]),
                   encoding="utf-8")
    build([src], tmp_path / "own.duckdb", progress=False)
    with duckdb.connect(str(tmp_path / "own.duckdb"), read_only=True) as c:
        assert org_id(c, "a", "省商务厅") == "省商务厅@a" and org_id(c, "b", "省商务厅") == "省商务厅@b"
        assert c.execute("SELECT org_id FROM people WHERE doc_id = 'a'").fetchall() == [("省商务厅@a",)]
        assert c.execute("SELECT name, n_docs FROM bodies WHERE id = '省商务厅@b'").fetchall() == [("省商务厅", 1)]


def test_a_placeless_policy_in_a_release_of_no_province_stays_in_its_document(extractor, tmp_path):
    # no place in the title and none in the release: two releases, two policies, ids as an own body's
    title = "《关于加快推进新型工业化的实施意见》"
    src = tmp_path / "pol.jsonl"
    src.write_text("".join(json.dumps(extractor.extract(t, doc_id=d), ensure_ascii=False) + "\n" for d, t in
                           [("a", f"会议学习了{title}。"), ("b", f"各部门要落实{title}，推动工作。")]),
                   encoding="utf-8")
    build([src], tmp_path / "pol.duckdb", progress=False)
    with duckdb.connect(str(tmp_path / "pol.duckdb"), read_only=True) as c:
        assert c.execute("SELECT doc_id, policy_id FROM policies ORDER BY doc_id").fetchall() == [
            ("a", "关于加快推进新型工业化的实施意见@a"), ("b", "关于加快推进新型工业化的实施意见@b")]


def test_policy_titles_lose_issuer_and_wrapper():
    assert policy_title("襄阳市人民政府关于印发《襄阳市新能源汽车产业高质量发展三年行动计划(2024—2026年)》的通知",
                        "襄阳市人民政府") == "襄阳市新能源汽车产业高质量发展三年行动计划(2024—2026年)"
    assert policy_title("江西省人民代表大会常务委员会关于加强长江流域禁捕工作的决定", "江西省人民代表大会常务委员会") == \
        "关于加强长江流域禁捕工作的决定"


def test_linking_precision_and_recall_on_the_gold_set(corpus_records, tmp_path):
    src = tmp_path / "records.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in corpus_records.values()), encoding="utf-8")
    build([src], tmp_path / "c.duckdb", progress=False)
    gold = load_gold(GOLD)
    assert {r["kind"] for r in gold} == {"body", "person", "policy"}
    table = score(duckdb.connect(str(tmp_path / "c.duckdb"), read_only=True), gold)
    for kind, s in table.items():
        assert s["missing"] <= 0.02 * s["mentions"], (kind, s)
        for m in ("bcubed_p", "bcubed_r", "pairwise_p", "pairwise_r"):
            assert s[m] >= 0.90, (kind, m, s)
