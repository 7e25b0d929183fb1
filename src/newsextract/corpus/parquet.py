"""The corpus tables as Parquet files (pandas, polars, DuckDB and Spark read them).

The tables are built as `db build` builds them, in a temporary DuckDB
database, and written by DuckDB's COPY … (FORMAT parquet). `write_parquet`
takes records (dicts) too, for a Dask partition that writes its own files:
DIR/<table>/<part>.parquet, which DuckDB reads back as one table with
read_parquet('DIR/<table>/*.parquet').
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from . import tables
from .database import build


def _copy_out(db: Path, out: Path, part: str | None) -> dict[str, Path]:
    import duckdb

    written = {}
    con = duckdb.connect(str(db), read_only=True)
    try:
        for t in tables.TABLES:
            target = out / t / f"{part}.parquet" if part else out / f"{t}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            order = "doc_id, item" if t in tables.ITEM_TABLES else ("doc_id" if t == "documents" else "id")
            con.execute(f"COPY (SELECT * FROM {t} ORDER BY {order}) TO '{tmp}' (FORMAT parquet)")
            os.replace(tmp, target)  # a killed export leaves whole files only
            written[t] = target
    finally:
        con.close()
    return written


def export_parquet(paths, out_dir, *, progress: bool = False, part: str | None = None):
    """Parquet files of the tables of the records in paths (JSONL files or
    folders): (files written, the build's summary)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsextract-parquet-") as tmpdir:
        db = Path(tmpdir) / "corpus.duckdb"
        summary = build(paths, db, progress=progress)
        return _copy_out(db, out, part), summary


def write_parquet(records, out_dir, part: str | None = None) -> dict[str, Path]:
    """Parquet files of the tables of records (an iterable of dicts), e.g. one
    Dask partition's: with part, DIR/<table>/<part>.parquet."""
    with tempfile.TemporaryDirectory(prefix="newsextract-parquet-") as tmpdir:
        src = Path(tmpdir) / "records.jsonl"
        with open(src, "w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        written, summary = export_parquet([src], out_dir, part=part)
        if summary.problems:
            raise ValueError("; ".join(summary.problems))
        return written
