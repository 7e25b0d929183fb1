"""What odd input costs against ordinary text of the same length.

- hostile inputs: 40,000 characters of one unit repeated (`市长张·`,
  `《关于加强管理的通知》。`, `副市长王明、`, appointments without
  punctuation) against 40,000 characters of corpora/ texts as one document:
  seconds per character, hostile / ordinary, rules only (`exclude=["ner"]`)
  and full pipeline;
- a long document: 200,000 characters of corpora/ texts as one document
  against the same texts as separate documents (`extract_many`), and
  against the 50,000-character pieces the extractor cuts it into, each
  extracted alone;
- a 20 MB file (repeated corpora/ texts in one .txt): `newsextract extract`
  in a fresh process, seconds and peak RSS.

Both pipelines are loaded in this one process and the inputs are timed
interleaved, in rounds: each ratio is taken within its round (this shared
machine's speed drifts from minute to minute) and the median round is
reported. Work counted rather than timed, for the tests:
tests/test_hostile.py.

    .venv/bin/python benchmarks/hostile.py --rounds 5 --out benchmarks/hostile.json
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

HOSTILE = {
    "dotted names after posts": "市长张·",
    "policy titles": "《关于加强管理的通知》。",
    "a list of posts and names": "副市长王明、",
    "appointments without punctuation": "任命王明为副市长",
}
TARGETS = {"hostile_x_ordinary": 3.0, "long_x_pieces": 1.5, "file_20mb_peak_rss_mb": 400}


def corpus_texts() -> list[str]:
    return [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted((ROOT / "corpora").glob("*.json"))]


def ordinary(n_chars: int) -> tuple[str, list[str]]:
    """Corpus texts joined by blank lines to n_chars, and the texts used."""
    texts, parts, size, i = corpus_texts(), [], 0, 0
    while size < n_chars:
        parts.append(texts[i % len(texts)])
        size += len(parts[-1]) + 2
        i += 1
    return "\n\n".join(parts)[:n_chars], parts


def timed(fn) -> float:
    t0 = time.process_time()  # CPU time: another process on the core does not count
    fn()
    return time.process_time() - t0


def hostile_round(extractors: dict, n_chars: int) -> dict:
    base, _ = ordinary(n_chars)
    out = {}
    for mode, ex in extractors.items():
        t_base = timed(lambda: ex.extract(base))
        for name, unit in HOSTILE.items():
            text = unit * (n_chars // len(unit))
            t = timed(lambda: ex.extract(text))
            out[f"{mode}: {name}"] = (t / len(text)) / (t_base / len(base))
    return out


def long_round(extractors: dict, n_chars: int) -> dict:
    from newsextract.extractor import split_text

    text, parts = ordinary(n_chars)
    parts[-1] = parts[-1][:len(text) - sum(len(p) + 2 for p in parts[:-1])]  # the texts that make it up, exactly
    out = {}
    for mode, ex in extractors.items():
        t_whole = timed(lambda: ex.extract(text))
        t_docs = timed(lambda: list(ex.extract_many(parts)))
        pieces = [text[s:e] for s, e in split_text(text, ex.chunk_chars)]
        t_pieces = timed(lambda: [ex.extract(p) for p in pieces])
        out[f"{mode}: whole / its documents"] = t_whole / t_docs
        out[f"{mode}: whole / its 50k pieces"] = t_whole / t_pieces
    return out


def huge_file(mb: float, exclude_ner: bool) -> dict:
    text, _ = ordinary(int(mb * 2**20 / 2.6))
    while len(text.encode("utf-8")) < mb * 2**20:
        text += "\n\n" + ordinary(200_000)[0]
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "huge.txt", Path(tmp) / "huge.jsonl"
        src.write_text(text, encoding="utf-8")
        cmd = [sys.executable, "-m", "newsextract", "extract", str(src), "-o", str(out), "--no-progress"]
        if exclude_ner:
            cmd += ["--exclude", "ner"]
        code = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
                "r = subprocess.run(sys.argv[1:]); "
                "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)")
        res = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True, check=True)
        seconds, rss_kib, status = res.stdout.split()
        return {"mode": "rules only" if exclude_ner else "full", "chars": len(text),
                "bytes": len(text.encode("utf-8")), "record_bytes": out.stat().st_size,
                "seconds": round(float(seconds), 1), "peak_rss_mb": round(int(rss_kib) / 1024),
                "exit_status": int(status)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5, help="0: the large file only")
    ap.add_argument("--chars", type=int, default=40_000, help="length of each hostile input")
    ap.add_argument("--long-chars", type=int, default=200_000)
    ap.add_argument("--file-mb", type=float, default=20, help="0: no large-file run")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "hostile.json"))
    args = ap.parse_args(argv)

    from newsextract import Extractor

    extractors = {"rules only": Extractor(exclude=["ner"], freeze_gc=True), "full": Extractor(freeze_gc=True)}
    warm, _ = ordinary(5000)
    for ex in extractors.values():
        ex.extract(warm)
        ex.extract(HOSTILE["dotted names after posts"] * 200 + warm)
    load = os.getloadavg()
    rounds = []
    for r in range(args.rounds):
        ratios = {**hostile_round(extractors, args.chars), **long_round(extractors, args.long_chars)}
        rounds.append({k: round(v, 2) for k, v in ratios.items()})
        print(f"round {r + 1}: " + ", ".join(f"{k} {v:.2f}" for k, v in rounds[-1].items()), flush=True)
    median = {k: round(statistics.median(rd[k] for rd in rounds), 2) for k in (rounds[0] if rounds else ())}
    files = [huge_file(args.file_mb, True), huge_file(args.file_mb, False)] if args.file_mb else []
    result = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "load_average_before": [round(x, 2) for x in load], "load_average_after":
                    [round(x, 2) for x in os.getloadavg()]},
        "chars": args.chars, "long_chars": args.long_chars, "rounds": rounds, "median": median,
        "files": files, "targets": TARGETS,
        "met": {
            "hostile_x_ordinary": {k: v <= TARGETS["hostile_x_ordinary"] for k, v in median.items() if ": " in k
                                   and "whole" not in k},
            "long_x_pieces": {k: v <= TARGETS["long_x_pieces"] for k, v in median.items() if "whole" in k},
            "file_20mb_peak_rss_mb": {f["mode"]: f["peak_rss_mb"] < TARGETS["file_20mb_peak_rss_mb"] for f in files},
        },
    }
    print("median round (cost per character, × ordinary text; long document × its parts):")
    for k, v in median.items():
        print(f"  {k:55s} {v:6.2f}")
    for f in files:
        print(f"  {args.file_mb:g} MB file, {f['mode']}: {f['chars']:,} characters, {f['seconds']} s, "
              f"peak RSS {f['peak_rss_mb']} MB, record {f['record_bytes'] / 2**20:.0f} MB")
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
