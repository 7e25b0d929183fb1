"""Scoring records against gold files (the ../shared/eval/GUIDELINES.md format).

Strings are compared after folding: pinyin annotations removed, NFKC,
traditional -> simplified, white space and book-title marks dropped. Each
label is scored over distinct strings per document and micro-averaged;
ALL is the micro average over the entity labels, DATE+value, FIGURE+value
and POLICY. The same rules as ../shared/eval/score.py, written for the
project so that it runs without ../shared. Pinyin annotations are found by
the normaliser's own pattern (normalise.PINYIN, after any Han character,
where score.py's looks after U+3400..U+9FFF only: they differ only after a
character outside that block, such as 〇 or one of the supplementary planes).
"""
from __future__ import annotations

import json
import math
import unicodedata
from pathlib import Path
from typing import NamedTuple

import regex

from .normalise import PINYIN
from .reading import simplified
from .records import load_records

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC")
LABELS = ENTITY_LABELS + ("DATE", "DATE+value", "FIGURE", "FIGURE+value", "POLICY", "PERSON_TITLE")
STRICT = ENTITY_LABELS + ("DATE+value", "FIGURE+value", "POLICY")
APPROX = regex.compile(r"^(?:约|近|超过|超|逾|达)")
DROP = regex.compile(r"[\s《》〈〉<>]")


def fold(s) -> str:
    if s is None:
        return ""
    s = unicodedata.normalize("NFKC", PINYIN.sub("", str(s)))
    return DROP.sub("", simplified(s))


def _number(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def _value_key(v):
    return v if isinstance(v, (str, int, float, type(None))) else json.dumps(v, ensure_ascii=False, sort_keys=True)


def _same_value(a, b) -> bool:
    x, y = _number(a), _number(b)
    if x is None or y is None:
        return fold(a) == fold(b)
    return math.isclose(x, y, rel_tol=1e-6, abs_tol=1e-9)


def gold_sets(gold: dict) -> dict:
    out = {lab: {fold(s) for s in gold.get(lab, [])} for lab in ENTITY_LABELS}
    out["POLICY"] = {fold(s) for s in gold.get("POLICY", [])}
    out["DATE"] = {fold(d["text"]) for d in gold.get("DATE", [])}
    out["DATE+value"] = {(fold(d["text"]), str(d["value"])) for d in gold.get("DATE", [])}
    out["FIGURE"] = {APPROX.sub("", fold(f["text"])) for f in gold.get("FIGURE", [])}
    out["FIGURE+value"] = [(APPROX.sub("", fold(f["text"])), f.get("value"), fold(f.get("unit")))
                           for f in gold.get("FIGURE", [])]
    out["PERSON_TITLE"] = {(fold(p["name"]), fold(p["title"])) for p in gold.get("PERSON_TITLE", [])}
    return out


def record_sets(rec: dict) -> dict:
    out = {lab: set() for lab in ENTITY_LABELS}
    for e in rec.get("entities", []):
        if e.get("label") in out:
            out[e["label"]].add(fold(e.get("text")))
    out["POLICY"] = {fold(p.get("text")) for p in rec.get("policies", [])}
    dates = [d for d in rec.get("dates", []) if d.get("value") not in (None, "")]
    out["DATE"] = {fold(d["text"]) for d in dates}
    out["DATE+value"] = {(fold(d["text"]), str(_value_key(d["value"]))) for d in dates}
    figs = rec.get("figures", [])
    out["FIGURE"] = {APPROX.sub("", fold(f["text"])) for f in figs}
    out["FIGURE+value"] = [(APPROX.sub("", fold(f["text"])), f.get("value"), fold(f.get("unit"))) for f in figs]
    out["PERSON_TITLE"] = {(fold(p.get("name")), fold(p.get("title"))) for p in rec.get("people", []) if p.get("title")}
    return out


class Match(NamedTuple):
    """One document's match for one label: the counts, and what is left over."""
    tp: int
    pred: int
    gold: int
    missed: list     # gold items no prediction matched
    spurious: list   # predictions that matched no gold item


def _one_to_one(gold, pred, same) -> Match:
    """Each gold item, in the order given, takes the first prediction it
    matches that no earlier gold item took (as ../shared/eval/score.py)."""
    pred, used, missed = list(pred), set(), []
    gold = list(gold)
    for g in gold:
        i = next((i for i, p in enumerate(pred) if i not in used and same(g, p)), None)
        if i is None:
            missed.append(g)
        else:
            used.add(i)
    return Match(len(used), len(pred), len(gold), missed, [p for i, p in enumerate(pred) if i not in used])


def _titles_match(g, p) -> bool:
    (gn, gt), (pn, pt) = g, p
    return gn == pn and bool(gt) and bool(pt) and (gt == pt or gt.endswith(pt) or pt.endswith(gt))


def _policies_match(g, p) -> bool:
    short, long_ = sorted((g, p), key=len)
    return g == p or (short.startswith("关于") and long_.endswith(short))


def _figures_match(g, p) -> bool:
    return g[0] == p[0] and g[2] == p[2] and _same_value(p[1], g[1])


def match(gs: dict, ps: dict, label: str) -> Match:
    """The match of one document's gold and predicted items for one label:
    what `score` counts and --show-errors lists."""
    g, p = gs[label], ps[label]
    if label == "FIGURE+value":
        g = list(dict.fromkeys((t, _value_key(v), u) for t, v, u in g))
        p = list(dict.fromkeys((t, _value_key(v), u) for t, v, u in p))
        return _one_to_one(g, p, _figures_match)
    if label == "PERSON_TITLE":
        return _one_to_one(g, sorted(p), _titles_match)
    if label == "POLICY":
        return _one_to_one(sorted(g), sorted(p), _policies_match)
    return Match(len(g & p), len(p), len(g), list(g - p), list(p - g))


def counts(gs: dict, ps: dict, label: str) -> tuple[int, int, int]:
    """(true positives, predicted, gold) for one document and label."""
    return match(gs, ps, label)[:3]


def _prf(tp, npred, ngold) -> dict:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "pred": npred, "gold": ngold}


def load_gold(gold_dir: str | Path) -> dict[str, dict]:
    """The gold files of a folder by doc_id; OSError or ValueError naming
    the folder or file when there are none or one cannot be read."""
    d = Path(gold_dir)
    if not d.exists():
        raise FileNotFoundError(f"gold folder {gold_dir} does not exist")
    if not d.is_dir():
        raise NotADirectoryError(f"gold folder {gold_dir} is a file: give the folder of gold files (*.json)")
    paths = sorted(d.glob("*.json"))
    if not paths:
        raise ValueError(f"no gold files (*.json) in {gold_dir}")
    golds = {}
    for p in paths:
        try:
            g = json.loads(p.read_text(encoding="utf-8"))
            golds[str(g["doc_id"])] = g
        except (ValueError, KeyError, TypeError) as e:
            raise ValueError(f"{p}: not a gold file ({type(e).__name__}: {e})") from None
        if not isinstance(g.get("gold"), dict):
            raise ValueError(f"{p}: not a gold file (no 'gold' object)")
    return golds


def records_by_id(path: str | Path) -> dict[str, dict]:
    """The records of a JSONL file by doc_id (records.load_records)."""
    return {str(r.get("doc_id")): r for r in load_records(path)}


def score(golds: dict[str, dict], records: dict[str, dict]) -> tuple[dict, list[str]]:
    """(table, missing doc_ids): per-label and ALL precision, recall, F1."""
    totals = {lab: [0, 0, 0] for lab in LABELS}
    for doc_id, g in golds.items():
        gs, ps = gold_sets(g["gold"]), record_sets(records.get(doc_id, {}))
        for lab in LABELS:
            for k, v in enumerate(counts(gs, ps, lab)):
                totals[lab][k] += v
    table = {lab: _prf(*c) for lab, c in totals.items()}
    table["ALL"] = _prf(*(sum(totals[lab][k] for lab in STRICT) for k in range(3)))
    return table, [d for d in golds if d not in records]


# Labels whose missed and spurious strings --show-errors lists (as ../shared/eval/score.py).
ERROR_LABELS = ENTITY_LABELS + ("DATE+value", "FIGURE", "POLICY", "PERSON_TITLE")


def errors_by_document(golds: dict[str, dict], records: dict[str, dict]) -> list[tuple[str, str, str, str]]:
    """(doc_id, label, "missed" or "spurious", folded string) for each
    document: what `score`'s own match left over, sorted."""
    out = []
    for doc_id, g in golds.items():
        gs, ps = gold_sets(g["gold"]), record_sets(records.get(doc_id, {}))
        for lab in ERROR_LABELS:
            m = match(gs, ps, lab)
            out += [(doc_id, lab, "missed", x) for x in sorted(map(str, m.missed))]
            out += [(doc_id, lab, "spurious", x) for x in sorted(map(str, m.spurious))]
    return out


def format_table(table: dict) -> str:
    lines = [f"{'label':14} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'pred':>5} {'gold':>5}"]
    for lab, row in table.items():
        lines.append(f"{lab:14} {row['p']:6.3f} {row['r']:6.3f} {row['f1']:6.3f} {row['tp']:5d} {row['pred']:5d} {row['gold']:5d}")
    return "\n".join(lines)
