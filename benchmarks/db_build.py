"""Speed of `newsextract db build`: records per second on a large corpus.

Takes the records of corpora/ (`newsextract extract corpora -o records.jsonl`,
or --records FILE), repeats them until there are at least --min-records
records (each copy under its own doc_id, in --files JSONL files), and times,
each in a fresh process:

- build:   `db build` into a new database;
- rebuild: `db build` of the same records again into that database (every
           doc_id replaced: the database must come out the same);
- add:     `db build` of 1% new records into the full database (a day's
           releases added to a corpus), which copies the database, loads the
           new records and links everything again.

Reports wall-clock and CPU seconds, the phases inside the build (read: DuckDB's
JSON reader; load: flattening into the tables; link; write), records per
second and peak RSS, and writes everything to --out (JSON).

    .venv/bin/python benchmarks/db_build.py --min-records 100000 --out benchmarks/db_build.json
"""
from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, resource, sys, time
t0 = time.perf_counter(); c0 = time.process_time()
from newsextract.corpus.database import build
s = build(sys.argv[2:], sys.argv[1], progress=False)
print(json.dumps({"seconds": time.perf_counter() - t0, "cpu_s": time.process_time() - c0,
                  "records": s.records, "replaced": s.replaced, "documents": s.documents,
                  "rows": s.rows, "phases": s.seconds, "problems": len(s.problems),
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
"""


def records(path: str | None) -> list[str]:
    if path:
        return Path(path).read_text(encoding="utf-8").splitlines()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "records.jsonl"
        subprocess.run([sys.executable, "-m", "newsextract", "extract", str(ROOT / "corpora"), "-o", str(out),
                        "--no-progress"], check=True)
        return out.read_text(encoding="utf-8").splitlines()


def write_copies(lines: list[str], n_min: int, n_files: int, folder: Path, tag: str = "") -> tuple[int, int]:
    copies = -(-n_min // len(lines))
    folder.mkdir(parents=True, exist_ok=True)
    handles = [open(folder / f"part-{i:03d}.jsonl", "w", encoding="utf-8") for i in range(n_files)]
    n = 0
    for c in range(copies):
        fh = handles[c % n_files]
        for line in lines:
            rec = json.loads(line)
            rec["doc_id"] = f"{rec['doc_id']}{tag}-{c}"
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    for fh in handles:
        fh.close()
    return n, sum(p.stat().st_size for p in folder.iterdir())


def timed(db: Path, inputs: list[Path]) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(db)] + [str(p) for p in inputs],
                         check=True, capture_output=True, text=True)
    r = json.loads(out.stdout.strip().splitlines()[-1])
    r["records_per_s"] = round(r["records"] / r["seconds"])
    r["seconds"], r["cpu_s"] = round(r["seconds"], 2), round(r["cpu_s"], 2)
    return r


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", help="records JSONL (default: extract corpora/ now)")
    ap.add_argument("--min-records", type=int, default=100_000)
    ap.add_argument("--files", type=int, default=10)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "db_build.json"))
    a = ap.parse_args()
    lines = records(a.records)
    with tempfile.TemporaryDirectory(prefix="nx-dbbench-") as tmp:
        tmp = Path(tmp)
        n, size = write_copies(lines, a.min_records, a.files, tmp / "records")
        n_new, _ = write_copies(lines, a.min_records // 100, 1, tmp / "new", tag="-new")
        db = tmp / "corpus.duckdb"
        runs = {"build": timed(db, [tmp / "records"])}
        runs["rebuild"] = timed(db, [tmp / "records"])
        runs["add"] = timed(db, [tmp / "new"])
        db_mb = round(db.stat().st_size / 1e6, 1)
    result = {
        "corpus": {"records": n, "files": a.files, "jsonl_mb": round(size / 1e6, 1),
                   "built_from": f"{len(lines)} records of corpora/, repeated", "added_records": n_new},
        "database_mb": db_mb,
        "runs": runs,
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": __import__("os").cpu_count()},
    }
    Path(a.out).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{n} records ({size / 1e6:.0f} MB JSONL) -> {db_mb} MB database")
    for name, r in runs.items():
        print(f"{name:8s} {r['records']:>7} records  {r['seconds']:>7.1f} s  {r['records_per_s']:>6} records/s  "
              f"cpu {r['cpu_s']:.1f} s  phases {r['phases']}  peak RSS {r['peak_rss_mb']} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
