"""Golden files, in the Python-Markdown way: each corpora/*.json document
goes in, and what the pipeline extracts from it must equal
tests/golden/expected/<doc_id>.json, every item with all its attributes (so
GPE code and level, people's org, policies' issuer and number, figures' kind
and currency are checked on the whole corpus there). A change on purpose:
`python scripts/update_golden.py`, then review `git diff tests/golden/`.

A second line: each label's F1 against the gold annotations must stay at or
above tests/golden/floors.json; and the attributes above must be consistent
across the corpus (checked without the expected files)."""
import csv
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from newsextract.evaluate import LABELS, format_table, score

from conftest import CORPORA, ROOT, SHARED, corpus_documents

FLOORS = json.loads((Path(__file__).parent / "golden" / "floors.json").read_text(encoding="utf-8"))
_spec = importlib.util.spec_from_file_location("update_golden", ROOT / "scripts" / "update_golden.py")
update_golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(update_golden)
DOC_IDS = [d["doc_id"] for d in corpus_documents()]


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_extraction_equals_its_golden_file(corpus_records, doc_id):
    path = update_golden.EXPECTED / f"{doc_id}.json"
    assert path.exists(), f"no golden file for {doc_id}: run python scripts/update_golden.py"
    want = json.loads(path.read_text(encoding="utf-8"))
    got = update_golden.expected(corpus_records[doc_id])
    if got != want:
        lines = []
        for key in update_golden.KEYS:
            if got.get(key) == want.get(key):
                continue
            if isinstance(got.get(key), list) and isinstance(want.get(key), list):
                lines += [f"  {key} lost:   {json.dumps(it, ensure_ascii=False)}" for it in want[key] if it not in got[key]]
                lines += [f"  {key} gained: {json.dumps(it, ensure_ascii=False)}" for it in got[key] if it not in want[key]]
                if not any(key in l for l in lines):
                    lines.append(f"  {key}: same items, another order")
            else:
                lines.append(f"  {key}: {want.get(key)!r} -> {got.get(key)!r}")
        pytest.fail(f"{doc_id} differs from {path.relative_to(ROOT)}:\n" + "\n".join(lines)
                    + "\nIf the change is meant: python scripts/update_golden.py, and review git diff tests/golden/")


def test_every_golden_file_has_its_document():
    assert sorted(p.stem for p in update_golden.EXPECTED.glob("*.json")) == sorted(DOC_IDS)


# -- attributes, consistent across the corpus ------------------------------------------------

def _divisions() -> dict[str, str]:
    with open(ROOT / "rules" / "gazetteer" / "divisions.tsv", encoding="utf-8", newline="") as fh:
        return {row["code"]: row["level"] for row in csv.DictReader(fh, delimiter="\t") if row["code"]}


def test_places_codes_and_levels_agree_across_the_corpus(corpus_records):
    divisions = _divisions()
    gpes = [e for r in corpus_records.values() for e in r["entities"] if e["label"] == "GPE"]
    coded = [e for e in gpes if e.get("code")]
    assert len(coded) >= 0.7 * len(gpes)
    for e in coded:
        if len(e["code"]) == 6:
            assert divisions.get(e["code"]) == e["level"], e
        else:  # a township: nine digits, under a county of the table
            assert e["level"] == "township" and len(e["code"]) == 9, e
            assert divisions.get(e["code"][:6]) == "county", e
    assert {e["level"] for e in coded} >= {"province", "city", "county", "township"}


def test_peoples_bodies_policies_and_figures_are_consistent_across_the_corpus(corpus, corpus_records):
    texts = {d["doc_id"]: d["text"] for d in corpus}
    n_org = n_issuer = n_number = n_money = 0
    for doc_id, r in corpus_records.items():
        text = texts[doc_id]
        for p in r["people"]:
            if p.get("org") is not None:
                n_org += 1
                assert text[p["org_start"]:p["org_end"]] == p["org"], p
                assert p["title_start"] <= p["org_start"] < p["org_end"] <= p["title_end"], p  # the post's body
        for pol in r["policies"]:
            if pol.get("issuer") is not None:
                n_issuer += 1
                assert text[pol["issuer_start"]:pol["issuer_end"]] == pol["issuer"], pol
            if pol.get("number") is not None:
                n_number += 1
                assert text[pol["number_start"]:pol["number_end"]] == pol["number"], pol
                assert regex.search(r"[〔\[(（]\d{4}[〕\])）]\d+号$", pol["number_norm"]), pol
        for f in r["figures"]:
            assert f["kind"], f
            if f["kind"] == "money":
                n_money += 1
                assert regex.fullmatch(r"[A-Z]{3}", f.get("currency") or ""), f
                assert f["unit"].endswith("元"), f
            else:
                assert f.get("currency") is None, f
            if f["kind"] == "percent":
                assert f["unit"] == "%", f
    assert min(n_org, n_issuer, n_number, n_money) > 0, (n_org, n_issuer, n_number, n_money)


@pytest.fixture(scope="module")
def table(corpus, corpus_records):
    golds = {d["doc_id"]: d for d in corpus}
    t, missing = score(golds, corpus_records)
    assert missing == []
    return t


@pytest.mark.parametrize("label", list(LABELS) + ["ALL"])
def test_no_regression_below_recorded_level(table, label):
    assert table[label]["f1"] >= FLOORS[label], f"{label} fell below its floor\n{format_table(table)}"


def test_corpus_covers_what_the_pipeline_must_handle(corpus):
    from newsextract.normalise import PINYIN

    assert len(corpus) >= 20
    assert sum(bool(PINYIN.search(d["text"])) for d in corpus) >= 3
    from newsextract.reading import simplified

    assert sum(simplified(d["text"]) != d["text"] and sum(c != s for c, s in zip(d["text"], simplified(d["text"]))) > 20
               for d in corpus) >= 3  # several in traditional script


def test_gold_strings_are_in_their_texts(corpus):
    from newsextract.normalise import PINYIN

    for d in corpus:
        clean = PINYIN.sub("", d["text"])
        g = d["gold"]
        strings = [s for lab in ("PERSON", "ORG", "GPE", "LOC", "POLICY") for s in g[lab]]
        strings += [x["text"] for lab in ("DATE", "FIGURE") for x in g[lab]]
        strings += [p[k] for p in g["PERSON_TITLE"] for k in ("name", "title")]
        for s in strings:
            assert s in clean, (d["doc_id"], s)


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="../shared/eval is not beside the repo")
def test_eval_agrees_with_the_independent_scorer(corpus_records, tmp_path):
    """`newsextract eval` and ../shared/eval/score.py give the same table."""
    records = tmp_path / "records.jsonl"
    records.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in corpus_records.values()),
                       encoding="utf-8")
    theirs = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(CORPORA), str(records), "--json"],
                            capture_output=True, text=True, check=True)
    ours = subprocess.run([sys.executable, "-m", "newsextract", "eval", str(CORPORA), str(records), "--json"],
                          capture_output=True, text=True, check=True)
    assert json.loads(ours.stdout) == json.loads(theirs.stdout)


@pytest.mark.skipif(not (SHARED / "eval" / "dev").is_dir(), reason="../shared/eval/dev is not beside the repo")
def test_dev_set_measurement(extractor):
    """Measured, not tuned: the real press releases of ../shared/eval/dev."""
    from newsextract.evaluate import load_gold

    golds = load_gold(SHARED / "eval" / "dev")
    recs = {i: extractor.extract(g["text"], i, g.get("published")) for i, g in golds.items()}
    t, _ = score(golds, recs)
    print("\n" + format_table(t))
    assert t["ALL"]["f1"] >= 0.60
