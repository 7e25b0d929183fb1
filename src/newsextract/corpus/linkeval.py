"""Linking measured against a gold set: B-cubed and pairwise precision and recall.

The gold set (tests/data/linking/gold.tsv) names mentions by kind, doc_id and
form (the item's norm) and gives each the entity it stands for; the linked id
of each mention is read from a built database. A gold mention the records do
not have counts as an id of its own (it can only cost recall).

`python -m newsextract.corpus.linkeval corpus.duckdb tests/data/linking/gold.tsv`
prints the table the README gives.
"""
from __future__ import annotations

import csv
import sys
from collections import defaultdict
from itertools import combinations

_LOOKUP = {
    "body": "SELECT doc_id, norm, min(entity_id) FROM entities WHERE label = 'ORG' GROUP BY ALL",
    "person": "SELECT doc_id, norm, min(entity_id) FROM entities WHERE label = 'PERSON' GROUP BY ALL",
    "policy": "SELECT doc_id, norm, min(policy_id) FROM policies GROUP BY ALL",
}


def load_gold(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def bcubed(pred: list, gold: list) -> tuple[float, float]:
    """B-cubed precision and recall of the clustering pred against gold (one label per mention)."""
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for i, (p, g) in enumerate(zip(pred, gold)):
        by_pred[p].add(i)
        by_gold[g].add(i)
    prec = rec = 0.0
    for i, (p, g) in enumerate(zip(pred, gold)):
        both = len(by_pred[p] & by_gold[g])
        prec += both / len(by_pred[p])
        rec += both / len(by_gold[g])
    n = len(pred) or 1
    return prec / n, rec / n


def pairwise(pred: list, gold: list) -> tuple[float, float]:
    """Precision and recall of the pairs of mentions put together (1.0 when there are none)."""
    same_p = same_g = both = 0
    for i, j in combinations(range(len(pred)), 2):
        sp, sg = pred[i] == pred[j], gold[i] == gold[j]
        same_p += sp
        same_g += sg
        both += sp and sg
    return (both / same_p if same_p else 1.0), (both / same_g if same_g else 1.0)


def score(con, gold_rows: list[dict]) -> dict:
    """kind -> mentions, missing, B-cubed and pairwise precision and recall."""
    out = {}
    for kind in ("body", "person", "policy"):
        rows = [r for r in gold_rows if r["kind"] == kind]
        linked = {(d, n): i for d, n, i in con.execute(_LOOKUP[kind]).fetchall()}
        pred, gold, missing = [], [], 0
        for n, r in enumerate(rows):
            ident = linked.get((r["doc_id"], r["form"]))
            if ident is None:
                missing += 1
                ident = f"missing#{n}"
            pred.append(ident)
            gold.append(r["entity"])
        bp, br = bcubed(pred, gold)
        pp, pr = pairwise(pred, gold)
        out[kind] = {"mentions": len(rows), "entities": len(set(gold)), "missing": missing,
                     "bcubed_p": bp, "bcubed_r": br, "pairwise_p": pp, "pairwise_r": pr}
    return out


def main(argv=None) -> int:
    import duckdb

    db, gold = (argv or sys.argv[1:])[:2]
    con = duckdb.connect(db, read_only=True)
    table = score(con, load_gold(gold))
    print("| kind | mentions | entities | B-cubed P | B-cubed R | pairwise P | pairwise R |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for kind, s in table.items():
        print(f"| {kind} | {s['mentions']} | {s['entities']} | {s['bcubed_p']:.3f} | {s['bcubed_r']:.3f} | "
              f"{s['pairwise_p']:.3f} | {s['pairwise_r']:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
