"""Golden files: the extraction of every corpora/ document scored against its
gold file. Each label's F1 must stay at or above the level recorded in
tests/golden/floors.json, so a better extraction never breaks the test and a
worse one does. Raise a floor when the extraction improves."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsextract.evaluate import LABELS, format_table, score

from conftest import CORPORA, SHARED

FLOORS = json.loads((Path(__file__).parent / "golden" / "floors.json").read_text(encoding="utf-8"))


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
    import regex

    assert len(corpus) >= 20
    pinyin = regex.compile(r"(?<=\p{Han})\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")
    assert sum(bool(pinyin.search(d["text"])) for d in corpus) >= 3
    from newsextract.reading import simplified

    assert sum(simplified(d["text"]) != d["text"] and sum(c != s for c, s in zip(d["text"], simplified(d["text"]))) > 20
               for d in corpus) >= 3  # several in traditional script


def test_gold_strings_are_in_their_texts(corpus):
    from newsextract.evaluate import PINYIN

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
