"""`newsextract review`: one self-contained HTML page to check records beside
their text, correct them and export the corrections.

The page is the template, stylesheet and script of review_page/ with the
records inlined as JSON: no server, no network, it opens from disk. The
script does the editing and mirrors export.py for the exports; Python stays
the reference for the formats.

Besides each record and its text the page gets, per document, the map from
the clean text back to the original (normalise.OffsetMap, run-length coded),
so that an item the reviewer adds or moves gets the same `norm` the pipeline
would give it without the page knowing anything about Chinese text.
"""
from __future__ import annotations

import hashlib
import html
import re
from importlib import resources
from pathlib import Path

from .export import SPAN_LABELS, dumps
from .metadata import Metadata
from .normalise import PINYIN, Normalised, default_normaliser
from .records import SCHEMA_ID

# Book-title marks: a policy the reviewer adds is `marked` when they enclose it.
TITLE_MARKS = ("《", "》")
_ASSETS = "review_page"


def norm_runs(n: Normalised) -> list[list[int]]:
    """The OffsetMap as runs [count, delta, length]: the next `count` clean
    characters i have their source at [i + delta, i + delta + length)."""
    runs: list[list[int]] = []
    for i, (a, b) in enumerate(zip(n.offsets.starts, n.offsets.ends)):
        delta, length = a - i, b - a
        if runs and runs[-1][1] == delta and runs[-1][2] == length:
            runs[-1][0] += 1
        else:
            runs.append([1, delta, length])
    return runs


def norm_of(n: Normalised, start: int, end: int) -> str:
    """The clean form of the original span [start, end): the clean characters
    whose source lies inside it. review.js computes the same from norm_runs."""
    o = n.offsets
    return "".join(c for c, a, b in zip(n.text, o.starts, o.ends) if start <= a and b <= end)


def page_data(records: list[dict], title: str) -> dict:
    normalise = default_normaliser()
    metadata = Metadata()
    docs = []
    for rec in records:
        n = normalise(rec["text"])
        # how the list names a document without a title: its headline or first line of text
        label = None if rec.get("title") else metadata.label(rec["text"], n)
        docs.append({"record": {k: v for k, v in rec.items() if k != "text"}, "text": rec["text"],
                     "norm": {"clean": n.text, "runs": norm_runs(n)}, "label": label})
    data = {"title": title, "schema": SCHEMA_ID, "labels": list(SPAN_LABELS), "pinyin": PINYIN.pattern,
            "title_marks": list(TITLE_MARKS), "docs": docs}
    # Corrections are kept in the browser's storage under a key of the page's
    # content, so that reopening the same page resumes the review.
    data["key"] = hashlib.sha256(dumps(data, sort_keys=True).encode()).hexdigest()[:16]
    return data


def _asset(name: str) -> str:
    return resources.files("newsextract").joinpath(f"{_ASSETS}/{name}").read_text(encoding="utf-8")


def build(records: list[dict], title: str | None = None) -> str:
    """The page for records that carry `text` (export.prepare gives them)."""
    title = title or f"newsextract review: {len(records)} documents"
    data = dumps(page_data(records, title)).replace("<", "\\u003c")
    parts = {"title": html.escape(title), "css": _asset("review.css"), "js": _asset("review.js"), "data": data}
    for k in ("css", "js"):
        if re.search(r"</(script|style)", parts[k], re.I):
            raise ValueError(f"review_page asset {k} must not contain a closing </script> or </style> tag")
    return re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m.group(1)], _asset("template.html"))


def write_page(records: list[dict], output: str | Path, title: str | None = None) -> Path:
    out = Path(output)
    out.write_text(build(records, title), encoding="utf-8")
    return out
