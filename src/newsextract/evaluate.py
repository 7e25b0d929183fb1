"""Scoring records against gold files (the ../shared/eval/GUIDELINES.md format).

Strings are compared after folding: pinyin annotations removed, NFKC,
traditional -> simplified, white space and book-title marks dropped. Each
label is scored over distinct strings per document and micro-averaged;
ALL is the micro average over the entity labels, DATE+value, FIGURE+value
and POLICY. The same rules as ../shared/eval/score.py, written for the
project so that it runs without ../shared.
"""
from __future__ import annotations

import json
import math
import unicodedata
from pathlib import Path

import regex

from .reading import _t2s

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC")
LABELS = ENTITY_LABELS + ("DATE", "DATE+value", "FIGURE", "FIGURE+value", "POLICY", "PERSON_TITLE")
STRICT = ENTITY_LABELS + ("DATE+value", "FIGURE+value", "POLICY")
PINYIN = regex.compile(r"(?<=[\u3400-\u9fff])\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]{1,7})\)")
APPROX = regex.compile(r"^(?:约|近|超过|超|逾|达)")
DROP = regex.compile(r"[\s《》〈〉<>]")


def fold(s) -> str:
    if s is None:
        return ""
    s = unicodedata.normalize("NFKC", PINYIN.sub("", str(s)))
    return DROP.sub("", _t2s()(s))


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


def _match_one_to_one(gold, pred, same) -> int:
    tp, used = 0, set()
    pred = list(pred)
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and same(g, p):
                used.add(i)
                tp += 1
                break
    return tp


def _titles_match(g, p) -> bool:
    (gn, gt), (pn, pt) = g, p
    return gn == pn and bool(gt) and bool(pt) and (gt == pt or gt.endswith(pt) or pt.endswith(gt))


def _policies_match(g, p) -> bool:
    short, long_ = sorted((g, p), key=len)
    return g == p or (short.startswith("关于") and long_.endswith(short))


def _figures_match(g, p) -> bool:
    return g[0] == p[0] and g[2] == p[2] and _same_value(p[1], g[1])


def counts(gs: dict, ps: dict, label: str) -> tuple[int, int, int]:
    """(true positives, predicted, gold) for one document and label."""
    if label == "FIGURE+value":
        g = list(dict.fromkeys((t, _value_key(v), u) for t, v, u in gs[label]))
        p = list(dict.fromkeys((t, _value_key(v), u) for t, v, u in ps[label]))
        return _match_one_to_one(g, p, _figures_match), len(p), len(g)
    if label == "PERSON_TITLE":
        return _match_one_to_one(gs[label], sorted(ps[label]), _titles_match), len(ps[label]), len(gs[label])
    if label == "POLICY":
        return (_match_one_to_one(sorted(gs[label]), sorted(ps[label]), _policies_match),
                len(ps[label]), len(gs[label]))
    return len(gs[label] & ps[label]), len(ps[label]), len(gs[label])


def _prf(tp, npred, ngold) -> dict:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "pred": npred, "gold": ngold}


def load_gold(gold_dir: str | Path) -> dict[str, dict]:
    golds = {}
    for p in sorted(Path(gold_dir).glob("*.json")):
        g = json.loads(p.read_text(encoding="utf-8"))
        golds[str(g["doc_id"])] = g
    return golds


def load_records(path: str | Path) -> dict[str, dict]:
    recs = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                r = json.loads(line)
                recs[str(r.get("doc_id"))] = r
    return recs


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


def format_table(table: dict) -> str:
    lines = [f"{'label':14} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'pred':>5} {'gold':>5}"]
    for lab, row in table.items():
        lines.append(f"{lab:14} {row['p']:6.3f} {row['r']:6.3f} {row['f1']:6.3f} {row['tp']:5d} {row['pred']:5d} {row['gold']:5d}")
    return "\n".join(lines)
