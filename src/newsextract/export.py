"""Records -> the formats other tools read: gold files (../shared/eval/GUIDELINES.md),
doccano JSONL, Label Studio tasks with predictions.

This module is the reference. The review page (review_page/review.js) mirrors
`to_gold`, `to_doccano`, `to_labelstudio` and `gold_filenames` so that a
reviewed set can be exported without a server; tests/test_review_browser.py
checks that both give the same files, so change them together.

Offsets are code points into the original text, as in the records, except
in the doccano export: doccano's sequence labelling counts the browser's
UTF-16 code units (doccano issues #2290, #2484), so a character outside the
Basic Multilingual Plane (𠀀, 𪚥 in names) counts two there. `to_doccano`
converts to those units unless asked for code points. doccano also refuses
overlapping spans unless the project allows them, and a post (TITLE) holds
the body it names (ORG): `flat=True` keeps the inner spans instead.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Iterable

from .normalise import PINYIN
from .records import SCHEMA_ID

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC")
# Labels of the spans the review page highlights; TITLE is a person's post.
SPAN_LABELS = ENTITY_LABELS + ("DATE", "FIGURE", "POLICY", "TITLE")
FORMATS = ("gold", "doccano", "labelstudio")
# Units of the doccano export's offsets: doccano's own (UTF-16), or code points.
OFFSET_UNITS = ("utf16", "codepoints")
# Characters that cannot stand in a file name on common file systems.
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_SURROGATE = re.compile("[\ud800-\udfff]")


def spans(record: dict) -> Iterable[tuple[int, int, str, str]]:
    """(start, end, label, text) of every item the review page highlights:
    entities, dates, figures, policies and people's posts (TITLE)."""
    for e in record.get("entities", []):
        yield e["start"], e["end"], e["label"], e["text"]
    for d in record.get("dates", []):
        yield d["start"], d["end"], "DATE", d["text"]
    for f in record.get("figures", []):
        yield f["start"], f["end"], "FIGURE", f["text"]
    for p in record.get("policies", []):
        yield p["start"], p["end"], "POLICY", p["text"]
    for p in record.get("people", []):
        if p.get("title") is not None:
            yield p["title_start"], p["title_end"], "TITLE", p["title"]


def check_spans(record: dict) -> list[str]:
    """Items whose text is not original[start:end]: offsets that would point
    at the wrong characters (records made from another version of the text)."""
    text = record.get("text")
    if text is None:
        return ["no text"]
    bad = []
    for s, e, label, t in spans(record):
        if not (0 <= s <= e <= len(text)) or text[s:e] != t:
            bad.append(f"{label} {t!r} at {s}-{e}")
    for p in record.get("people", []):
        if text[p["start"]:p["end"]] != p["name"]:
            bad.append(f"person {p['name']!r} at {p['start']}-{p['end']}")
    return bad


def prepare(records: list[dict], inputs: Iterable[str] | None = None) -> tuple[list[dict], list[str]]:
    """(records ready for review or export, problems). A record without `text`
    gets the text of its input document (matched by doc_id, read with
    reading.read_paths); a record still without text, or whose offsets do not
    fit its text, is left out with a problem naming it."""
    from .reading import Document, read_paths

    problems = []
    need = {r["doc_id"] for r in records if "text" not in r}
    texts = {}
    if inputs and need:
        for doc in read_paths(inputs):
            if not isinstance(doc, Document):
                problems.append(str(doc))
            elif doc.doc_id in need:
                texts.setdefault(doc.doc_id, doc)
    ready = []
    for r in records:
        if "text" not in r:
            doc = texts.get(r["doc_id"])
            if doc is None:
                problems.append(f"{r['doc_id']}: no text (make the records with --include-text, or give --inputs)")
                continue
            r = {**r, "text": doc.text}
        bad = check_spans(r)
        if bad:
            problems.append(f"{r['doc_id']}: offsets do not fit the text ({'; '.join(bad[:3])}); left out")
            continue
        ready.append(r)
    return ready, problems


# -- conversions -------------------------------------------------------------------
def _clean(s: str) -> str:
    """A gold string: the text as written, inline pinyin annotations removed."""
    return PINYIN.sub("", s)


def _canonical(v) -> str:
    """A key for a string, number or entry that does not depend on int/float
    (1.0 and 1 are one value; JavaScript cannot tell them apart)."""
    if isinstance(v, dict):
        return "{" + ",".join(f"{k}:{_canonical(v[k])}" for k in sorted(v)) + "}"
    if isinstance(v, bool) or v is None:
        return json.dumps(v)
    if isinstance(v, (int, float)):
        return str(int(v)) if float(v).is_integer() else repr(float(v))
    return json.dumps(v, ensure_ascii=False)


def _distinct(entries: Iterable, key=lambda x: x) -> list:
    seen, out = set(), []
    for x in entries:
        k = _canonical(key(x))
        if k not in seen:
            seen.add(k)
            out.append(x)
    return out


def _by_start(items: list[dict]) -> list[dict]:
    return sorted(items, key=lambda x: x["start"])


def to_gold(record: dict) -> dict:
    """The gold file of a record: each label's distinct strings in order of first
    appearance; DATEs only with a value; one post per person (its first)."""
    ents = _by_start(record.get("entities", []))
    gold = {lab: _distinct(_clean(e["text"]) for e in ents if e["label"] == lab) for lab in ENTITY_LABELS}
    gold["DATE"] = _distinct({"text": _clean(d["text"]), "value": d["value"]}
                             for d in _by_start(record.get("dates", [])) if d.get("value") not in (None, ""))
    gold["FIGURE"] = _distinct({"text": _clean(f["text"]), "value": f["value"], "unit": f["unit"]}
                               for f in _by_start(record.get("figures", [])))
    gold["POLICY"] = _distinct(_clean(p["text"]) for p in _by_start(record.get("policies", [])))
    gold["PERSON_TITLE"] = _distinct(({"name": _clean(p["name"]), "title": _clean(p["title"])}
                                      for p in _by_start(record.get("people", [])) if p.get("title")),
                                     key=lambda x: x["name"])
    return {"doc_id": record["doc_id"], "url": (record.get("source") or {}).get("url"),
            "published": record.get("published"), "text": record["text"], "gold": gold}


def labelled_spans(record: dict, flat: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, label) for annotation tools: the spans the gold format
    counts (DATEs with a value) plus posts as TITLE; each span once.
    `flat`: no two spans overlap; where they do, the label listed first in
    SPAN_LABELS wins (names, then dates, figures, policies, posts last: a
    post goes where it holds a body's or place's name), then the longer."""
    out = []
    for s, e, label, _ in spans(record):
        if label == "DATE":
            continue
        out.append((s, e, label))
    out += [(d["start"], d["end"], "DATE") for d in record.get("dates", []) if d.get("value") not in (None, "")]
    out = sorted(set(out), key=lambda x: (x[0], x[1], SPAN_LABELS.index(x[2])))
    if flat and out:
        taken = bytearray(max(e for _, e, _ in out) + 1)  # characters covered by a kept span
        kept = set()
        for s, e, lab in sorted(out, key=lambda x: (SPAN_LABELS.index(x[2]), x[0] - x[1], x[0])):
            if taken.find(1, s, e) < 0:
                kept.add((s, e, lab))
                taken[s:e] = b"\x01" * (e - s)
        out = [sp for sp in out if sp in kept]
    return out


def utf16_offsets(text: str):
    """A function from a code-point offset into `text` to the UTF-16 code
    unit offset of the same place (a character above U+FFFF is two units; a
    lone surrogate, as a JSON input can give, one)."""
    if text.isascii() or max(text) <= "\uffff":
        return lambda i: i
    units = [0]
    for c in text:
        units.append(units[-1] + (2 if c > "\uffff" else 1))
    return units.__getitem__


def to_doccano(record: dict, offsets: str = "utf16", flat: bool = False) -> dict:
    """One line of doccano's sequence-labelling JSONL. `offsets`: "utf16"
    (doccano's units, the default) or "codepoints" (Python's, the records');
    `flat`: no overlapping spans (see labelled_spans), for projects that do
    not allow them."""
    if offsets not in OFFSET_UNITS:
        raise ValueError(f"unknown offsets {offsets!r}; one of {', '.join(OFFSET_UNITS)}")
    conv = utf16_offsets(record["text"]) if offsets == "utf16" else (lambda i: i)
    return {"doc_id": record["doc_id"], "text": record["text"],
            "label": [[conv(s), conv(e), lab] for s, e, lab in labelled_spans(record, flat)]}


def to_labelstudio(record: dict) -> dict:
    """One Label Studio task: the text as data, the spans as predictions for a
    <Labels name="label" toName="text"> config (README, "Review")."""
    text = record["text"]
    result = [{"id": f"r{n}", "from_name": "label", "to_name": "text", "type": "labels",
               "value": {"start": s, "end": e, "text": text[s:e], "labels": [lab]}}
              for n, (s, e, lab) in enumerate(labelled_spans(record))]
    return {"data": {"text": text, "doc_id": record["doc_id"], "published": record.get("published"),
                     "url": (record.get("source") or {}).get("url")},
            "predictions": [{"model_version": SCHEMA_ID, "result": result}]}


def gold_filenames(doc_ids: Iterable[str]) -> list[str]:
    """One file name per doc_id: unsafe characters replaced by '_', a number
    added where two would clash (load_gold reads one flat folder)."""
    used, out = set(), []
    for doc_id in doc_ids:
        base = _UNSAFE_NAME.sub("_", str(doc_id))
        if not base or base.startswith("."):
            base = "_" + base
        name, n = base, 1
        while name.lower() in used:
            n += 1
            name = f"{base}-{n}"
        used.add(name.lower())
        out.append(name + ".json")
    return out


# -- writing -----------------------------------------------------------------------
def dumps(obj, **kw) -> str:
    """JSON as UTF-8 can carry it: a lone surrogate (a JSON input with
    "\\ud800") stays a \\u escape instead of failing the write."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(obj, ensure_ascii=False, **kw))


def write(records: list[dict], fmt: str, output: str | None, *, offsets: str = "utf16",
          flat: bool = False) -> str:
    """Write records in `fmt` to `output` (a folder for gold, a file or '-' for
    stdout otherwise); return a one-line summary. `offsets` and `flat` are
    the doccano export's (see to_doccano)."""
    if fmt == "gold":
        out = Path(output or "gold")
        out.mkdir(parents=True, exist_ok=True)
        for rec, name in zip(records, gold_filenames(r["doc_id"] for r in records)):
            (out / name).write_text(dumps(to_gold(rec), indent=1) + "\n", encoding="utf-8")
        return f"{len(records)} gold files written to {out}"
    if fmt == "doccano":
        body = "".join(dumps(to_doccano(r, offsets, flat)) + "\n" for r in records)
    elif fmt == "labelstudio":
        body = dumps([to_labelstudio(r) for r in records], indent=1) + "\n"
    else:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    if output in (None, "-"):
        sys.stdout.write(body)
        return f"{len(records)} records converted ({fmt})"
    Path(output).write_text(body, encoding="utf-8")
    return f"{len(records)} records converted ({fmt}) to {output}"
