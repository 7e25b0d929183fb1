"""How many gold entities do not fall on jieba token boundaries.

For each gold folder given (corpora/, ../shared/eval/dev), the gold entity
strings are located in the clean text (as training does) and checked against
the tokens of the pipeline's jieba tokenizer (with its user dictionary).

    python benchmarks/token_boundaries.py corpora ../shared/eval/dev --out benchmarks/token_boundaries.json
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_dirs", nargs="+")
    ap.add_argument("--out")
    a = ap.parse_args(argv)
    from newsextract import pipeline
    from newsextract.normalise import Normaliser
    from newsextract.training import corpus_examples

    nlp = pipeline.build()
    normalise = Normaliser()
    result = {}
    for d in a.gold_dirs:
        total, off = Counter(), Counter()
        examples = []
        for doc_id, clean, spans in corpus_examples(Path(d), normalise):
            doc = nlp.make_doc(clean)
            bounds = {t.idx for t in doc} | {t.idx + len(t) for t in doc}
            for s, e, label in spans:
                total[label] += 1
                if s not in bounds or e not in bounds:
                    off[label] += 1
                    if len(examples) < 8:
                        examples.append(f"{clean[max(0, s - 4):s]}[{clean[s:e]}]{clean[e:e + 4]} {label}")
        result[d] = {"entities": sum(total.values()), "off_boundary": sum(off.values()),
                     "share": round(sum(off.values()) / max(1, sum(total.values())), 4),
                     "by_label": {k: [off[k], total[k]] for k in total}, "examples": examples}
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if a.out:
        Path(a.out).write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
