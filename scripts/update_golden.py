#!/usr/bin/env python3
"""Regenerate tests/golden/expected/<doc_id>.json: what the pipeline extracts
from each corpora/*.json document, every item with all its attributes.

    python scripts/update_golden.py          # rewrite the files
    python scripts/update_golden.py --check  # exit 1, naming them, if any would change

tests/test_golden.py compares a fresh extraction with these files. When a
change to the pipeline changes them on purpose, run this script and review
the change as a diff (`git diff tests/golden/expected/`) before committing
it, as Python-Markdown does with its test files.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
EXPECTED = ROOT / "tests" / "golden" / "expected"
# The parts of a record the golden files hold: all but `source` (where the
# text was read from) and `schema`.
KEYS = ("doc_id", "published", "title", "entities", "dates", "figures", "policies", "people", "works",
        "source_org", "authors", "errors")


def expected(record: dict) -> dict:
    return {k: record[k] for k in KEYS if k in record}


def dumps(obj: dict) -> str:
    """One item a line, so that a diff shows the items that changed."""
    lines = ["{"]
    keys = list(obj)
    for i, key in enumerate(keys):
        value, comma = obj[key], "," if i < len(keys) - 1 else ""
        if isinstance(value, list) and value:
            lines.append(f"  {json.dumps(key)}: [")
            lines += [f"    {json.dumps(it, ensure_ascii=False)}{',' if j < len(value) - 1 else ''}"
                      for j, it in enumerate(value)]
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    return "\n".join(lines + ["}"]) + "\n"


def corpus_records(extractor=None) -> dict[str, dict]:
    """The records of the corpora/ documents, as tests/conftest.py makes them."""
    if extractor is None:
        from newsextract import Extractor

        extractor = Extractor()
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(CORPORA.glob("*.json"))]
    return {d["doc_id"]: extractor.extract(d["text"], d["doc_id"], d.get("published")) for d in docs}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file would change")
    a = ap.parse_args(argv)
    EXPECTED.mkdir(parents=True, exist_ok=True)
    records = corpus_records()
    changed = []
    for doc_id, record in records.items():
        path = EXPECTED / f"{doc_id}.json"
        text = dumps(expected(record))
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            changed.append(path.name)
            if not a.check:
                path.write_text(text, encoding="utf-8")
    stale = sorted(p.name for p in EXPECTED.glob("*.json") if p.stem not in records)
    for name in stale:
        changed.append(name)
        if not a.check:
            (EXPECTED / name).unlink()
    verb = "would change" if a.check else "changed"
    print(f"{len(records)} documents; {len(changed)} golden files {verb}" + (f": {', '.join(changed[:20])}" if changed else ""))
    return 1 if a.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
