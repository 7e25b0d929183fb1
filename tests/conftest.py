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
