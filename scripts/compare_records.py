#!/usr/bin/env python3
"""Are two records files byte-identical? Say where they differ.

    python scripts/compare_records.py BASELINE.jsonl NEW.jsonl
    python scripts/compare_records.py BASELINE.jsonl --extract SRC [-- EXTRA extract OPTIONS]

With --extract, SRC is extracted with this checkout (`python -m newsextract
extract SRC -o TEMP --no-progress`) and the result compared. For each record
that differs, the doc_id and the first keys that differ are printed (at
most --show of them). Exit 0 when the files are byte-identical, 1 when not.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path


def _key_diffs(a: dict, b: dict) -> list[str]:
    out = []
    for key in sorted(set(a) | set(b)):
        if a.get(key) == b.get(key):
            continue
        x, y = a.get(key), b.get(key)
        if isinstance(x, list) and isinstance(y, list):
            gone = [i for i in x if i not in y]
            new = [i for i in y if i not in x]
            out.append(f"{key}: {len(gone)} items only in the baseline, {len(new)} only in the new file"
                       + (f"; e.g. baseline {json.dumps(gone[0], ensure_ascii=False)[:160]}" if gone else "")
                       + (f"; e.g. new {json.dumps(new[0], ensure_ascii=False)[:160]}" if new else ""))
        else:
            out.append(f"{key}: {json.dumps(x, ensure_ascii=False)[:80]} -> {json.dumps(y, ensure_ascii=False)[:80]}")
    return out


def compare(baseline: Path, new: Path, show: int = 10) -> int:
    a, b = baseline.read_bytes(), new.read_bytes()
    la, lb = a.splitlines(), b.splitlines()
    if a == b:
        print(f"identical: {len(la)} records, {len(a)} bytes ({baseline} = {new})")
        return 0
    print(f"DIFFERENT: {baseline} has {len(la)} lines, {new} has {len(lb)}")
    shown = differ = 0
    for n, (x, y) in enumerate(zip(la, lb), 1):
        if x == y:
            continue
        differ += 1
        if shown < show:
            shown += 1
            try:
                rx, ry = json.loads(x), json.loads(y)
            except ValueError:
                print(f"  line {n}: not JSON in one file")
                continue
            what = "; ".join(_key_diffs(rx, ry)) or "same values, other bytes (key order, escapes)"
            print(f"  line {n} doc_id {rx.get('doc_id')!r} / {ry.get('doc_id')!r}: {what}")
    print(f"{differ} of {min(len(la), len(lb))} common lines differ" +
          (f"; {abs(len(la) - len(lb))} lines more in one file" if len(la) != len(lb) else ""))
    return 1


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("baseline", type=Path)
    ap.add_argument("new", type=Path, nargs="?")
    ap.add_argument("--extract", metavar="SRC", help="extract SRC with this checkout and compare its records")
    ap.add_argument("--show", type=int, default=10, help="records that differ to describe (default 10)")
    a, extra = ap.parse_known_args(argv)
    extra = [x for x in extra if x != "--"]
    if (a.new is None) == (a.extract is None):
        ap.error("give NEW.jsonl or --extract SRC")
    if a.extract is None:
        return compare(a.baseline, a.new, a.show)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "records.jsonl"
        r = subprocess.run([sys.executable, "-m", "newsextract", "extract", a.extract, "-o", str(out), "--no-progress",
                            *extra], stderr=subprocess.PIPE, text=True)
        print(r.stderr.strip().splitlines()[-1] if r.stderr.strip() else "", file=sys.stderr)
        if not out.exists():
            print(f"extract failed (exit {r.returncode})", file=sys.stderr)
            return 2
        return compare(a.baseline, out, a.show)


if __name__ == "__main__":
    sys.exit(main())
