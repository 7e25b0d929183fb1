"""Entity F1 on the People's Daily NER set (character spans).

Gold PER -> PERSON, ORG -> ORG, LOC -> GPE or LOC (either of ours matches).
A predicted entity counts when its character span and label match a gold one
exactly. Reads the char-per-line BIO file given on the command line.

    python benchmarks/pd_ner.py ../shared/data/peoples_daily_ner/example.dev --out benchmarks/pd_ner.json
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

MAP = {"PER": "PERSON", "ORG": "ORG", "LOC": "PLACE"}


def sentences(path: Path):
    chars, tags = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 2:
            if chars:
                yield "".join(chars), tags
            chars, tags = [], []
            continue
        chars.append(parts[0])
        tags.append(parts[-1])
    if chars:
        yield "".join(chars), tags


def spans(tags):
    out, start, label = [], None, None
    for i, t in enumerate(tags + ["O"]):
        if t.startswith("B-") or t == "O" or (t.startswith("I-") and t[2:] != label):
            if start is not None:
                out.append((start, i, MAP[label]))
                start = label = None
        if t.startswith("B-") or (t.startswith("I-") and start is None):
            start, label = i, t[2:]
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bio", help="People's Daily NER char BIO file (dev split)")
    ap.add_argument("--config", help="pipeline config (default: the packaged one)")
    ap.add_argument("--out", help="write the result as JSON here")
    ap.add_argument("--limit", type=int, default=0, help="only the first N sentences")
    a = ap.parse_args(argv)
    from newsextract import Extractor

    ex = Extractor(a.config)
    tp, npred, ngold = Counter(), Counter(), Counter()
    for n, (text, tags) in enumerate(sentences(Path(a.bio))):
        if a.limit and n >= a.limit:
            break
        gold = set(spans(tags))
        pred = {(e["start"], e["end"], "PLACE" if e["label"] in ("GPE", "LOC") else e["label"])
                for e in ex.extract(text)["entities"]}
        for lab in ("PERSON", "ORG", "PLACE"):
            g = {x for x in gold if x[2] == lab}
            p = {x for x in pred if x[2] == lab}
            tp[lab] += len(g & p)
            npred[lab] += len(p)
            ngold[lab] += len(g)
    table = {}
    for lab in ("PERSON", "ORG", "PLACE", "ALL"):
        t = sum(tp.values()) if lab == "ALL" else tp[lab]
        p_ = sum(npred.values()) if lab == "ALL" else npred[lab]
        g_ = sum(ngold.values()) if lab == "ALL" else ngold[lab]
        prec, rec = (t / p_ if p_ else 0.0), (t / g_ if g_ else 0.0)
        table[lab] = {"p": round(prec, 4), "r": round(rec, 4), "f1": round(2 * prec * rec / (prec + rec) if prec + rec else 0, 4),
                      "tp": t, "pred": p_, "gold": g_}
    for lab, row in table.items():
        print(f"{lab:8} P {row['p']:.3f}  R {row['r']:.3f}  F1 {row['f1']:.3f}  ({row['tp']}/{row['pred']}/{row['gold']})")
    if a.out:
        Path(a.out).write_text(json.dumps(table, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
