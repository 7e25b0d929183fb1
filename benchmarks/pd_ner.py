"""Entity F1 on the People's Daily NER set (character spans).

Gold PER -> PERSON, ORG -> ORG, LOC -> GPE or LOC (either of ours matches).
A predicted entity counts when its character span and label match a gold one
exactly. Reads the char-per-line BIO file given on the command line. With
--lac-alone, scores Baidu LAC's own PER/ORG/LOC spans over each whole
sentence (the model without the pipeline); also prints characters per second.

    python benchmarks/pd_ner.py ../shared/data/peoples_daily_ner/example.test --out benchmarks/pd_ner.json
    python benchmarks/pd_ner.py ../shared/data/peoples_daily_ner/example.test --lac-alone
    python benchmarks/pd_ner.py ../shared/data/peoples_daily_ner/example.dev --errors /tmp/pd_errors.jsonl
"""
from __future__ import annotations

import argparse
import json
import time
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
    ap.add_argument("--lac-alone", action="store_true", help="score LAC's spans alone, not the pipeline")
    ap.add_argument("--errors", metavar="OUT.jsonl",
                    help="write each sentence with a missed or spurious entity here: its text and the "
                         "missed and spurious [start, end, label, text] (for reading the kinds of error; "
                         "the data's licence is unknown, so keep the file out of the project)")
    a = ap.parse_args(argv)
    if a.lac_alone:
        from newsextract.components.ner import load_lac

        lac = load_lac()
        lac_map = {"PER": "PERSON", "ORG": "ORG", "LOC": "PLACE"}

        def predict(text):
            return {(s, e, lac_map[label]) for s, e, label in lac.spans(text)}
    else:
        from newsextract import Extractor

        ex = Extractor(a.config)

        def predict(text):
            return {(e["start"], e["end"], "PLACE" if e["label"] in ("GPE", "LOC") else e["label"])
                    for e in ex.extract(text)["entities"]}
    tp, npred, ngold = Counter(), Counter(), Counter()
    chars, took = 0, 0.0
    errors = open(a.errors, "w", encoding="utf-8") if a.errors else None
    for n, (text, tags) in enumerate(sentences(Path(a.bio))):
        if a.limit and n >= a.limit:
            break
        gold = set(spans(tags))
        t0 = time.perf_counter()
        pred = predict(text)
        took += time.perf_counter() - t0
        chars += len(text)
        if errors is not None and gold != pred:
            errors.write(json.dumps({"n": n, "text": text,
                                     "missed": [[s, e, lab, text[s:e]] for s, e, lab in sorted(gold - pred)],
                                     "spurious": [[s, e, lab, text[s:e]] for s, e, lab in sorted(pred - gold)]},
                                    ensure_ascii=False) + "\n")
        for lab in ("PERSON", "ORG", "PLACE"):
            g = {x for x in gold if x[2] == lab}
            p = {x for x in pred if x[2] == lab}
            tp[lab] += len(g & p)
            npred[lab] += len(p)
            ngold[lab] += len(g)
    if errors is not None:
        errors.close()
    table = {}
    for lab in ("PERSON", "ORG", "PLACE", "ALL"):
        t = sum(tp.values()) if lab == "ALL" else tp[lab]
        p_ = sum(npred.values()) if lab == "ALL" else npred[lab]
        g_ = sum(ngold.values()) if lab == "ALL" else ngold[lab]
        prec, rec = (t / p_ if p_ else 0.0), (t / g_ if g_ else 0.0)
        table[lab] = {"p": round(prec, 4), "r": round(rec, 4), "f1": round(2 * prec * rec / (prec + rec) if prec + rec else 0, 4),
                      "tp": t, "pred": p_, "gold": g_}
    table["chars_per_s"] = round(chars / took) if took else None
    for lab, row in list(table.items())[:4]:
        print(f"{lab:8} P {row['p']:.3f}  R {row['r']:.3f}  F1 {row['f1']:.3f}  ({row['tp']}/{row['pred']}/{row['gold']})")
    print(f"{table['chars_per_s']} characters per second (one process, sentence by sentence)")
    if a.out:
        Path(a.out).write_text(json.dumps(table, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
