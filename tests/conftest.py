"""Shared fixtures: one Extractor for the whole session (loading takes seconds),
the project's corpus and its records."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsextract import records
from newsextract.items import items
from newsextract.reading import iso_date

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def extractor():
    from newsextract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def rules_only():
    """The rule stages alone: the statistical NER left out."""
    from newsextract import Extractor

    return Extractor(exclude=["ner"])


@pytest.fixture(scope="session")
def extract_full(extractor):
    """extract(text, published=None, ...): the record of the whole pipeline."""
    def run(text, published=None, **kw):
        return extractor.extract(text, published=published, **kw)

    return run


@pytest.fixture()
def extract(request, extractor, extract_full):
    """The record of a text: in a test marked with a stage (component tests,
    below) the record of the pipeline up to that stage, else of the whole."""
    if request.node.get_closest_marker("stage") is None:
        return extract_full
    stage, then = _stage_of(request)

    def run(text, published=None):
        norm, doc = run_stages(extractor, text, stage, then, published)
        return records.build(norm, items(doc), doc_id="test", source={}, published=doc._.published,
                             title=None, errors=[])

    return run


def corpus_documents() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(CORPORA.glob("*.json"))]


@pytest.fixture(scope="session")
def corpus():
    return corpus_documents()


@pytest.fixture(scope="session")
def corpus_records(extractor, corpus):
    return {d["doc_id"]: extractor.extract(d["text"], d["doc_id"], d.get("published")) for d in corpus}


def all_spans(record):
    """(text, start, end) of every item of a record, people's names and titles included."""
    for key in ("entities", "dates", "figures", "policies"):
        for it in record[key]:
            yield key, it["text"], it["start"], it["end"]
    for p in record["people"]:
        yield "people", p["name"], p["start"], p["end"]
        if p.get("title") is not None:
            yield "titles", p["title"], p["title_start"], p["title_end"]


def entity_texts(record, label):
    """The texts of a record's entities of one label, in order."""
    return [e["text"] for e in record["entities"] if e["label"] == label]


def offsets_hold(text, record):
    """Every entity's start/end picks its own text out of the original."""
    for e in record["entities"]:
        assert text[e["start"]:e["end"]] == e["text"]


# -- the batch command line (test_cli.py, test_dask.py) ---------------------------------

def newsextract_command() -> list[str]:
    """The installed console script (what a user runs)."""
    import shutil
    import sys

    exe = Path(sys.executable).with_name("newsextract")
    if not exe.exists():
        exe = shutil.which("newsextract") or pytest.fail("the console script newsextract is not installed")
    return [str(exe)]


@pytest.fixture()
def cli():
    """Run `newsextract ARGS` in a subprocess: (exit status, stdout, stderr)."""
    import os
    import subprocess

    def run(*args, env=None, timeout=300):
        r = subprocess.run(newsextract_command() + [str(a) for a in args], capture_output=True, text=True,
                           env={**os.environ, **(env or {})}, timeout=timeout)
        assert "Traceback" not in r.stderr, r.stderr
        return r.returncode, r.stdout, r.stderr

    return run


# Files a scraped batch meets that cannot be read, and the error each gives.
BROKEN_INPUTS = {
    "image.txt": (b"\x89PNG\x00\x00\x00", "{path}: binary file (NUL bytes), not text"),
    "mixed.jsonl": ('{"doc_id": "m1", "text": "市长刘建军出席。"}\n[1, 2]\n'.encode("utf-8"),
                    "{path}:2: expected a JSON object, got list"),
}


@pytest.fixture()
def input_dir(tmp_path):
    """make(n, broken=False): a folder of the first n corpora/ documents, and
    with `broken` the files of BROKEN_INPUTS (one of which holds a good line too)."""
    import shutil

    def make(n: int, broken: bool = False, name: str = "in") -> Path:
        d = tmp_path / name
        d.mkdir()
        for p in sorted(CORPORA.glob("*.json"))[:n]:
            shutil.copy(p, d / p.name)
        if broken:
            for fname, (data, _) in BROKEN_INPUTS.items():
                (d / fname).write_bytes(data)
        return d

    return make


def error_lines(err: str) -> list[str]:
    return [l for l in err.splitlines() if l.startswith("newsextract: error:")]

# -- component tests (tests/components) ---------------------------------------------
# Component tests run the stage they test on a Doc: the pipeline up to and
# including that stage, then the merge (the one conflict policy, which every
# record goes through), and nothing else. A module names its stage with
# `pytestmark = pytest.mark.stage("people")` (a case file of tests/cases/, with
# `stage: people`); a test can name another
# (`@pytest.mark.stage("policies", then=("merge", "policy_links"))`). The
# statistical NER is not run unless the stage is the NER itself, so the rule
# stages' tests do not move with the model. A stage that raises fails the test
# naming the stage (the Extractor would turn the exception into a record error).

def pytest_configure(config):
    config.addinivalue_line("markers", "stage(name, then=('merge',)): the pipeline stage a component test runs up to")


def run_stages(extractor, text: str, stage: str, then=("merge",), published: str | None = None):
    """(Normalised, Doc): the clean text of `text` and its Doc after the
    pipeline's stages up to `stage`, then the stages named in `then`."""
    nlp = extractor.nlp
    if stage not in nlp.pipe_names:
        pytest.fail(f"no stage {stage!r} in the pipeline ({', '.join(nlp.pipe_names)})")
    upto = nlp.pipe_names.index(stage)
    chosen = [(n, p) for i, (n, p) in enumerate(nlp.pipeline)
              if (i <= upto and (n != "ner" or stage == "ner")) or (i > upto and n in then)]
    norm = extractor.normalise(text)
    doc = nlp.make_doc(norm.text)
    given = iso_date(published)
    doc._.published = given.isoformat() if given else extractor.metadata.published(norm.text)
    for name, proc in chosen:
        try:
            doc = proc(doc)
        except Exception as e:  # noqa: BLE001 - the test fails naming the stage
            pytest.fail(f"stage {name!r} raised {type(e).__name__}: {e} on {text!r}", pytrace=True)
    return norm, doc


def _stage_of(request):
    marker = request.node.get_closest_marker("stage")
    if marker is None:
        pytest.fail(f"{request.node.nodeid}: no stage marker (pytestmark = pytest.mark.stage(NAME))")
    return marker.args[0], tuple(marker.kwargs.get("then", ("merge",)))


@pytest.fixture()
def stage_doc(extractor, request):
    """doc(text, published=None): the Doc after the test's stage (see above)."""
    stage, then = _stage_of(request)
    return lambda text, published=None: run_stages(extractor, text, stage, then, published)[1]


