"""Recall of newsextract's DATE spans against the People's Daily TIME spans
that name calendar dates.

The People's Daily 1998 set (char BIO, PER/LOC/ORG/TIME) splits dates into
pieces (４月 | ２９日): adjacent TIME spans are merged first. Of the merged
spans, those naming a calendar date (a number with 年/月/日/号, a quarter or
a half-year) are the gold; relative words alone (今天, 目前) are not.

    python benchmarks/pd_time_recall.py ../shared/data/peoples_daily_time_ner/dev.char.bio.tsv \
        --out benchmarks/pd_time_recall.json
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

CALENDAR = re.compile(r"[0-9０-９〇零一二三四五六七八九十两]+\s*[年月日号]|季度|[上下]半年|世纪")
DURATION = re.compile(r"^[0-9０-９〇零一二三四五六七八九十两百]+(?:多)?(?:年|个月|天)(?:来|间|以来)?$")


def sentences(path: Path):
    chars, tags = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if chars:
                yield "".join(chars), tags
            chars, tags = [], []
            continue
        ch, tag = line.split("\t")
        chars.append(ch)
        tags.append(tag)
    if chars:
        yield "".join(chars), tags


def time_spans(tags):
    spans, start = [], None
    for i, t in enumerate(tags + ["O"]):
        if t == "B-TIME" or not t.endswith("TIME"):
            if start is not None:
                spans.append([start, i])
                start = None
        if t == "B-TIME":
            start = i
    merged = []
    for s, e in spans:  # ４月 | ２９日 -> ４月２９日
        if merged and merged[-1][1] == s:
            merged[-1][1] = e
        else:
            merged.append([s, e])
    return [tuple(x) for x in merged]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bio", help="People's Daily TIME char BIO file (dev split)")
    ap.add_argument("--out", help="write the result as JSON here")
    ap.add_argument("--misses", type=int, default=0, help="print this many missed spans")
    a = ap.parse_args(argv)
    from newsextract import Extractor

    ex = Extractor()
    gold = exact = covered = overlapped = 0
    all_time = all_hit = 0
    misses = []
    for text, tags in sentences(Path(a.bio)):
        every = time_spans(tags)
        if not every:
            continue
        dates = ex.extract(text)["dates"]
        anything = [(d["start"], d["end"]) for d in dates]
        for s, e in every:  # every TIME span, relative words included, against dates of any type
            all_time += 1
            all_hit += any(a0 < e and s < b0 for a0, b0 in anything)
        spans = [(s, e) for s, e in every if CALENDAR.search(text[s:e]) and not DURATION.match(text[s:e])]
        ours = [(d["start"], d["end"]) for d in dates if d["type"] in ("date", "range")]
        for s, e in spans:
            gold += 1
            exact += (s, e) in ours
            covered += any(a0 <= s and e <= b0 for a0, b0 in ours)
            hit = any(a0 < e and s < b0 for a0, b0 in ours)
            overlapped += hit
            if not hit:
                misses.append(text[max(0, s - 8):e + 8].replace("\n", " ") + f"  [{text[s:e]}]")
    result = {"gold_calendar_spans": gold, "recall_exact": round(exact / gold, 4),
              "recall_covering": round(covered / gold, 4), "recall_overlap": round(overlapped / gold, 4),
              "all_time_spans": all_time, "all_time_recall_overlap_any_type": round(all_hit / all_time, 4)}
    print(json.dumps(result, ensure_ascii=False, indent=2))
    for m in misses[: a.misses]:
        print("missed:", m)
    if a.out:
        Path(a.out).write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
