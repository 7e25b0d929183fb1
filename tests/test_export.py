"""Exports of records (gold files, doccano, Label Studio) and the review page's
data, without a browser (tests/test_review_browser.py drives the page)."""
import json
import re
import subprocess
import sys

import pytest

from newsextract.cli import main
from newsextract.evaluate import LABELS, load_gold, records_by_id, score
from newsextract.export import (check_spans, gold_filenames, labelled_spans, prepare, spans, to_doccano, to_gold,
                                to_labelstudio, utf16_offsets)
from newsextract.normalise import PINYIN, default_normaliser
from newsextract.review import build, norm_of, norm_runs

from conftest import CORPORA

ASTRAL = "𠀀𠀁市委书记韩立新出席会议。2023年3月，全市新增企业243家。𠀂副市长唐宇飞主持。"


@pytest.fixture(scope="module")
def records(corpus, corpus_records):
    return [dict(corpus_records[d["doc_id"]], text=d["text"]) for d in corpus]


def write_jsonl(path, recs):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return path


def test_gold_export_scores_one_against_its_own_records(records, tmp_path, capsys):
    recs = write_jsonl(tmp_path / "r.jsonl", records)
    assert main(["export", str(recs), "--format", "gold", "-o", str(tmp_path / "gold")]) == 0
    assert len(list((tmp_path / "gold").glob("*.json"))) == len(records)
    capsys.readouterr()
    assert main(["eval", str(tmp_path / "gold"), str(recs), "--json"]) == 0
    table = json.loads(capsys.readouterr().out)
    scored = [lab for lab in LABELS if table[lab]["gold"]]
    assert set(scored) >= {"PERSON", "ORG", "GPE", "LOC", "DATE+value", "FIGURE+value", "POLICY", "PERSON_TITLE"}
    assert {lab: table[lab]["f1"] for lab in scored} == {lab: 1.0 for lab in scored}
    # The same numbers as the library's scorer.
    assert score(load_gold(tmp_path / "gold"), records_by_id(recs))[0]["ALL"]["f1"] == 1.0


def test_gold_file_follows_the_guidelines(extract):
    text = "龍口市工(gōng)信(xìn)局副局长王斌表示，2017年3月起，龍口市企業243家。近年来，龍口市工信局副局长王斌说，企業243家。"
    rec = extract(text, doc_id="g1", published="2023-12-08", include_text=True)
    gold = to_gold(rec)
    assert list(gold) == ["doc_id", "url", "published", "text", "gold"]
    assert gold["text"] == text and gold["published"] == "2023-12-08"
    g = gold["gold"]
    assert list(g) == ["PERSON", "ORG", "GPE", "LOC", "DATE", "FIGURE", "POLICY", "PERSON_TITLE"]
    assert not any(PINYIN.search(json.dumps(v, ensure_ascii=False)) for v in g.values())
    assert "龍口市工信局" in g["ORG"] and g["PERSON"] == ["王斌"]
    assert g["FIGURE"] == [{"text": "243家", "value": 243, "unit": "家"}]  # distinct
    assert g["DATE"] == [{"text": "2017年3月", "value": "2017-03"}]  # 近年来 has no value
    assert g["PERSON_TITLE"] == [{"name": "王斌", "title": "龍口市工信局副局长"}]  # one per person
    for lab in ("PERSON", "ORG", "GPE"):  # order of first appearance
        assert g[lab] == sorted(g[lab], key=lambda s: PINYIN.sub("", text).find(s))


def test_label_studio_spans_are_code_points_and_doccano_can_have_them(extract):
    rec = extract(ASTRAL, doc_id="astral", published="2024-03-19", include_text=True)
    assert ASTRAL.index("韩立新") == 6 and len(ASTRAL.encode("utf-16-le")) // 2 > len(ASTRAL)
    dc = to_doccano(rec, offsets="codepoints")
    assert dc["text"] == ASTRAL and [6, 9, "PERSON"] in dc["label"]
    for s, e, lab in dc["label"]:
        assert lab in ("PERSON", "ORG", "GPE", "LOC", "DATE", "FIGURE", "POLICY", "TITLE") and s < e
    assert [s[:2] for s in dc["label"]] == sorted(s[:2] for s in dc["label"])
    ls = to_labelstudio(rec)
    assert ls["data"]["text"] == ASTRAL
    result = ls["predictions"][0]["result"]
    assert [(r["value"]["start"], r["value"]["end"], r["value"]["labels"][0]) for r in result] == labelled_spans(rec)
    for r in result:
        assert r["value"]["text"] == ASTRAL[r["value"]["start"]:r["value"]["end"]]
        assert (r["from_name"], r["to_name"], r["type"]) == ("label", "text", "labels")
    assert len({r["id"] for r in result}) == len(result)


# Names outside the BMP (𠀀, 𪚥: CJK Extension B) before a body inside a post.
NON_BMP = "𠀀𪚥龍口市工(gōng)信(xìn)局黨組副書記、副局長王斌表示，2017年3月起，全市企業243家，𠀁同比增長7.0%。"


def utf16_slice(text, start, end):
    return text.encode("utf-16-le")[2 * start:2 * end].decode("utf-16-le")


def test_doccano_offsets_are_utf16_units_by_default_and_code_points_when_asked(extract):
    """doccano counts the browser's UTF-16 code units (doccano #2290, #2484):
    𠀀 and 𪚥 are two each there, one each in Python."""
    rec = extract(NON_BMP, doc_id="nb", include_text=True)
    units, points = to_doccano(rec)["label"], to_doccano(rec, offsets="codepoints")["label"]
    assert [lab for *_, lab in units] == [lab for *_, lab in points] == [lab for *_, lab in labelled_spans(rec)]
    assert len(units) >= 5 and {"ORG", "PERSON", "DATE", "FIGURE", "TITLE"} <= {lab for *_, lab in units}
    for (us, ue, _), (cs, ce, _) in zip(units, points):
        assert utf16_slice(NON_BMP, us, ue) == NON_BMP[cs:ce]
        assert (cs, ce, _) in labelled_spans(rec)
    org = next(sp for sp in points if sp[2] == "ORG")
    end = NON_BMP.index("黨組")
    assert org[:2] == [2, end] and next(sp for sp in units if sp[2] == "ORG")[:2] == [4, end + 2]
    # After the second astral character (𠀁) the units run three ahead.
    fig = [(u, p) for u, p in zip(units, points) if p[0] > NON_BMP.index("𠀁")]
    assert fig and all(u[0] == p[0] + 3 for u, p in fig)
    with pytest.raises(ValueError, match="unknown offsets"):
        to_doccano(rec, offsets="bytes")


def test_utf16_offsets_count_a_lone_surrogate_once():
    conv = utf16_offsets("a\ud800b𠀀c")
    assert [conv(i) for i in range(6)] == [0, 1, 2, 3, 5, 6]
    assert utf16_offsets("")(0) == 0 and utf16_offsets("龍口")(2) == 2


def test_flat_doccano_export_has_no_overlaps_and_keeps_the_names(records, extract):
    """A post (TITLE) holds the body it names (ORG); doccano refuses
    overlapping spans unless the project allows them."""
    recs = records + [extract(NON_BMP, doc_id="nb", include_text=True)]
    dropped = 0
    for rec in recs:
        nested, flat = labelled_spans(rec), labelled_spans(rec, flat=True)
        assert set(flat) <= set(nested) and flat == sorted(flat, key=lambda x: (x[0], x[1]))
        assert all(a[1] <= b[0] for a, b in zip(flat, flat[1:])), rec["doc_id"]  # sorted and disjoint
        names = [sp for sp in nested if sp[2] in ("PERSON", "ORG", "GPE", "LOC")]
        assert set(names) <= set(flat)  # the names never lose (they never overlap each other)
        for sp in set(nested) - set(flat):  # every span left out overlaps one kept
            assert any(sp[0] < k[1] and k[0] < sp[1] for k in flat)
        dropped += len(nested) - len(flat)
        doc = to_doccano(rec, offsets="codepoints", flat=True)
        assert [tuple(x) for x in doc["label"]] == flat
    assert dropped > 100  # posts holding names: common in the corpus


def test_export_options_from_the_command_line(extract, tmp_path):
    """`newsextract export --offsets`, `--flat`, run as a user runs them."""
    rec = extract(NON_BMP, doc_id="nb", include_text=True)
    recs = write_jsonl(tmp_path / "r.jsonl", [rec])

    def run(*args):
        return subprocess.run([sys.executable, "-m", "newsextract", "export", str(recs), *args],
                              capture_output=True, text=True, encoding="utf-8")

    for args, expected in [((), to_doccano(rec)), (("--offsets", "codepoints"), to_doccano(rec, "codepoints")),
                           (("--offsets", "utf16", "--flat"), to_doccano(rec, "utf16", flat=True))]:
        out = tmp_path / "d.jsonl"
        p = run("--format", "doccano", "-o", str(out), *args)
        assert p.returncode == 0, p.stderr
        assert [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] == [expected]
    assert to_doccano(rec) != to_doccano(rec, "codepoints") != to_doccano(rec, "codepoints", flat=True)
    p = run("--format", "labelstudio", "--flat")
    assert p.returncode == 2 and "options of --format doccano" in p.stderr


def test_shared_posts_are_one_span_for_annotation_tools(records):
    rec = next(r for r in records if len({(p.get("title_start"), p.get("title_end")) for p in r["people"] if p.get("title")})
               < sum(1 for p in r["people"] if p.get("title")))
    titles = [s for s in labelled_spans(rec) if s[2] == "TITLE"]
    assert len(titles) == len(set(titles))
    assert len([s for s in spans(rec) if s[2] == "TITLE"]) > len(titles)


def test_doccano_and_labelstudio_from_the_command_line(records, tmp_path):
    recs = write_jsonl(tmp_path / "r.jsonl", records[:3])
    assert main(["export", str(recs), "--format", "doccano", "-o", str(tmp_path / "d.jsonl")]) == 0
    lines = [json.loads(l) for l in (tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines == [to_doccano(r) for r in records[:3]]
    assert main(["export", str(recs), "--format", "labelstudio", "-o", str(tmp_path / "ls.json")]) == 0
    assert json.loads((tmp_path / "ls.json").read_text(encoding="utf-8")) == [to_labelstudio(r) for r in records[:3]]


def test_inputs_give_the_texts_and_wrong_ones_are_refused(corpus_records, tmp_path, capsys):
    no_text = [corpus_records["nx-001"], corpus_records["nx-002"]]
    recs = write_jsonl(tmp_path / "r.jsonl", no_text)
    assert main(["export", str(recs), "--format", "doccano", "-o", str(tmp_path / "x.jsonl")]) == 2
    assert "no text" in capsys.readouterr().err
    assert main(["export", str(recs), "--format", "doccano", "-o", str(tmp_path / "d.jsonl"),
                 "--inputs", str(CORPORA)]) == 0
    assert [json.loads(l)["doc_id"] for l in (tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines()] == \
        ["nx-001", "nx-002"]
    # Texts that are not the records' own: their offsets do not fit, the record is left out.
    wrong = tmp_path / "wrong"
    wrong.mkdir()
    (wrong / "nx-001.txt").write_text("另一篇文章。" * 50, encoding="utf-8")
    (wrong / "nx-002.json").write_text((CORPORA / "nx-002.json").read_text(encoding="utf-8"), encoding="utf-8")
    ready, problems = prepare([dict(r) for r in no_text], [str(wrong)])
    assert [r["doc_id"] for r in ready] == ["nx-002"]
    assert any(p.startswith("nx-001: offsets do not fit") for p in problems)
    assert main(["review", str(recs), "-o", str(tmp_path / "p.html"), "--inputs", str(wrong)]) == 1
    assert (tmp_path / "p.html").exists()


def test_check_spans_finds_offsets_off_the_text(records):
    rec = json.loads(json.dumps(records[0]))
    assert check_spans(rec) == []
    rec["entities"][0]["start"] += 1
    assert len(check_spans(rec)) == 1


def test_gold_file_names_are_safe_and_distinct():
    assert gold_filenames(["a/b", "a:b", "A_b", ".x", "", "甲"]) == \
        ["a_b.json", "a_b-2.json", "A_b-3.json", "_.x.json", "_.json", "甲.json"]


def test_norm_of_original_spans_gives_the_records_norm(records):
    """The page computes `norm` of a span the reviewer moved or added from the
    offset map; on the records' own spans it gives the pipeline's norm."""
    normalise = default_normaliser()
    for rec in records:
        n = normalise(rec["text"])
        for key in ("entities", "dates", "figures"):
            for it in rec[key]:
                assert norm_of(n, it["start"], it["end"]) == it["norm"], (rec["doc_id"], it)
        for p in rec["people"]:
            assert norm_of(n, p["start"], p["end"]) == p["norm"]
        runs = norm_runs(n)
        assert sum(c for c, _, _ in runs) == len(n.text) and len(runs) < len(n.text)


def test_review_page_is_one_file_with_the_records_inside(records, tmp_path, extract):
    evil = extract("市委书记韩立新说：</script><script>alert(1)</script>。", doc_id="evil", include_text=True)
    page = build(records[:2] + [evil])
    assert "<script src" not in page and "<link" not in page and "@import" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", page)
    assert "default-src 'none'" in page  # the browser may not fetch anything
    data = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', page, re.S).group(1)
    docs = json.loads(data)["docs"]
    assert [d["record"]["doc_id"] for d in docs] == ["nx-001", "nx-002", "evil"]
    assert docs[2]["text"] == evil["text"] and "text" not in docs[2]["record"]


def test_a_lone_surrogate_does_not_stop_review_or_export(extract, tmp_path):
    rec = extract("市委书记韩立新\ud800出席会议，企业243家。", doc_id="s", include_text=True)
    recs = tmp_path / "r.jsonl"
    recs.write_text(json.dumps(rec) + "\n", encoding="ascii")  # "\ud800" as an escape, as JSON inputs give it
    assert main(["review", str(recs), "-o", str(tmp_path / "p.html")]) == 0
    assert main(["export", str(recs), "--format", "gold", "-o", str(tmp_path / "g")]) == 0
    assert json.loads((tmp_path / "g" / "s.json").read_text(encoding="utf-8"))["text"] == rec["text"]
