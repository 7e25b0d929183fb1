"""Characters per second of bare jieba.lcut and of newsextract on one corpus.

Builds a corpus of at least --min-mb MB by repeating the texts of corpora/
(each copy a separate document), then times, in one run: jieba.lcut over
every document, and Extractor.extract over every document (one process).
Prints a table and writes it to --out as JSON.

    python benchmarks/throughput.py --min-mb 2 --out benchmarks/throughput.json
"""
from __future__ import annotations

import argparse
import json
import platform
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def corpus(min_chars: int) -> list[str]:
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted((ROOT / "corpora").glob("*.json"))]
    docs, n = [], 0
    while n < min_chars:
        for t in texts:
            docs.append(t)
            n += len(t)
    return docs


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-mb", type=float, default=2.0, help="corpus size in MB of UTF-8 text (default 2)")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "throughput.json"))
    a = ap.parse_args(argv)
    docs = corpus(1)
    while sum(len(d.encode("utf-8")) for d in docs) < a.min_mb * 1e6:
        docs += corpus(1)
    chars = sum(len(d) for d in docs)

    import jieba

    jieba.initialize()
    t = time.perf_counter()
    for d in docs:
        jieba.lcut(d)
    jieba_s = time.perf_counter() - t

    t = time.perf_counter()
    from newsextract import Extractor

    ex = Extractor()
    ex.extract(docs[0])
    startup_s = time.perf_counter() - t
    t = time.perf_counter()
    for d in docs:
        ex.extract(d)
    full_s = time.perf_counter() - t
    result = {
        "documents": len(docs), "characters": chars, "bytes_utf8": sum(len(d.encode("utf-8")) for d in docs),
        "jieba_lcut_chars_per_s": round(chars / jieba_s), "newsextract_chars_per_s": round(chars / full_s),
        "ratio_to_jieba": round(jieba_s / full_s, 3), "startup_to_first_record_s": round(startup_s, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "python": platform.python_version(), "machine": platform.machine(),
    }
    Path(a.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    for k, v in result.items():
        print(f"{k:28} {v}")


if __name__ == "__main__":
    main()
