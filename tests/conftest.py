"""Shared fixtures: one Extractor for the whole session (loading takes seconds),
the project's corpus and its records."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

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
def extract(extractor):
    def run(text, published=None, **kw):
        return extractor.extract(text, published=published, **kw)

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
