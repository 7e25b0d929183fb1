"""`db build` and `db query`: records into a DuckDB database, and SQL over it.

The records are loaded in bulk by DuckDB's JSON reader (given the columns the
JSON Schema defines, tables.reader_columns) and flattened by SQL: no Python
loop over records or items. A build works on a copy of the database next to
it and renames it over the old one at the end, so a killed build leaves the
old database whole. Queries open the database read-only.
"""
from __future__ import annotations

import csv
import io
import json
import os
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import linking, tables

RECORD_SUFFIXES = (".jsonl", ".ndjson")
PROGRESS_BYTES = 10_000_000  # inputs from this size on get a progress bar


@dataclass
class BuildSummary:
    files: int = 0
    records: int = 0          # records loaded by this build (after replacing duplicates)
    replaced: int = 0         # of these, doc_ids that were already in the database
    documents: int = 0        # documents in the database afterwards
    rows: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    seconds: dict = field(default_factory=dict)  # per phase: read, load, link, write

    def line(self, path) -> str:
        items = sum(v for k, v in self.rows.items() if k in tables.ITEM_TABLES)
        return (f"newsextract: {self.records} records from {self.files} files loaded into {path} "
                f"({self.replaced} replaced; {self.documents} documents, {items} items; "
                f"{len(self.problems)} problems)")


def record_files(paths) -> tuple[list[Path], list[str]]:
    """The JSONL files among paths (folders walked in sorted order), and a
    problem line for each path that does not exist."""
    files, problems = [], []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix in RECORD_SUFFIXES)
        elif p.is_file():
            files.append(p)
        else:
            problems.append(f"{p}: no such file or directory")
    return files, problems


def _bad_lines(path: Path, loaded: set, reported: set, limit: int = 5) -> tuple[list[str], int]:
    """What is wrong with the lines that gave no record: found by reading
    the file again in Python, only when the counts say some did (loaded:
    the doc_ids read from the file; reported: those dropped and named
    already, by `_drop_unfit`)."""
    out, n_bad = [], 0
    with open(path, encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                why = None if isinstance(rec, dict) and isinstance(rec.get("doc_id"), str) and rec["doc_id"] \
                    else "not a newsextract record (no doc_id)"
                if why is None and rec["doc_id"] not in loaded and rec["doc_id"] not in reported:
                    why = "does not fit the record format (a field of the wrong type)"
            except json.JSONDecodeError as e:
                why = f"malformed JSON line: {e}"
            if why:
                n_bad += 1
                if len(out) < limit:
                    out.append(f"{path}:{n}: {why}")
    return out, n_bad


def _drop_unfit(con, f: Path, seq: int, required: dict, summary: BuildSummary) -> set:
    """Drop the records of f (staged after seq) with an item that lacks a field
    the schema requires (`required`: table -> tables.item_required): the
    reader makes a value of the wrong type NULL."""
    bad = []
    for t, req in required.items():
        if not req:
            continue
        cond = " OR ".join(f"e.{tables.q(c)} IS NULL" for c in req)
        bad += con.execute(f"SELECT DISTINCT doc_id, '{t}' FROM (SELECT doc_id, unnest({t}) AS e FROM stage "
                           f"WHERE seq > ?) WHERE {cond}", [seq]).fetchall()
    for doc_id, t in bad:
        summary.problems.append(f"{f}: record {doc_id}: an item of {t} lacks a field or has one of the wrong type; "
                                "not loaded")
    ids = sorted({d for d, _ in bad})
    if ids:
        con.execute("DELETE FROM stage WHERE seq > ? AND list_contains(?, doc_id)", [seq, ids])
    return set(ids)


def _stage(con, files, summary: BuildSummary, progress: bool) -> None:
    """Read every file into the temporary table stage, one statement a file."""
    from tqdm import tqdm

    cols = tables.reader_columns()
    spec = "{" + ", ".join(f"{tables.q(n)}: '{t}'" for n, t in cols.items()) + "}"
    con.execute("CREATE TEMP TABLE stage (" + ", ".join(f"{tables.q(n)} {t}" for n, t in cols.items())
                + ", seq BIGINT)")
    total = sum(f.stat().st_size for f in files)
    bar = tqdm(total=total, unit="B", unit_scale=True, desc="loading", disable=not progress or total < PROGRESS_BYTES,
               file=sys.stderr)
    required = {t: tables.item_required(t) for t in tables.ITEM_TABLES}
    seq = 0
    for f in files:
        size = f.stat().st_size
        try:
            before = con.execute("SELECT count(*) FROM stage").fetchone()[0]
            con.execute(f"INSERT INTO stage SELECT *, {seq} + row_number() OVER () AS seq FROM read_json(?, "
                        f"format='newline_delimited', columns={spec}, ignore_errors=true, "
                        "maximum_object_size=1073741824)", [str(f)])
            # the reader gives a row for every line but blank ones (a line that is no
            # record, a row of NULLs): what it read is counted here, not by reading again
            read = con.execute("SELECT count(*) FROM stage").fetchone()[0] - before
            con.execute("DELETE FROM stage WHERE seq > ? AND (doc_id IS NULL OR doc_id = '')", [seq])
            loaded = con.execute("SELECT count(*) FROM stage").fetchone()[0] - before
        except Exception as e:  # duckdb.Error: unreadable file, not JSON at all
            summary.problems.append(f"{f}: cannot be read as JSONL records: {str(e).splitlines()[0]}")
            bar.update(size)
            continue
        summary.files += 1
        dropped = _drop_unfit(con, f, seq, required, summary)
        loaded -= len(dropped)
        if loaded < read:
            ids = {r[0] for r in con.execute("SELECT doc_id FROM stage WHERE seq > ?", [seq]).fetchall()}
            bad, n_bad = _bad_lines(f, ids, dropped)
            summary.problems += bad
            if n_bad > len(bad):
                summary.problems.append(f"{f}: {n_bad - len(bad)} more lines skipped")
        seq += read  # the next file's rows after all of this one's
        bar.update(size)
    bar.close()


def _load(con, summary: BuildSummary) -> None:
    """Replace the staged doc_ids' rows by the staged records (the last one of
    a doc_id given twice)."""
    con.execute("DELETE FROM stage WHERE seq NOT IN (SELECT max(seq) FROM stage GROUP BY doc_id)")
    summary.records = con.execute("SELECT count(*) FROM stage").fetchone()[0]
    summary.replaced = con.execute(
        "SELECT count(*) FROM documents WHERE doc_id IN (SELECT doc_id FROM stage)").fetchone()[0]
    for t in ("documents",) + tables.ITEM_TABLES:
        con.execute(f"DELETE FROM {t} WHERE doc_id IN (SELECT doc_id FROM stage)")
        con.execute(tables.insert_sql(t))
    con.execute("DROP TABLE stage")


def _temp_path(out: Path) -> Path:
    return out.with_name(f".{out.name}.{os.getpid()}.tmp")


def build(paths, output, *, progress: bool = True) -> BuildSummary:
    """Load the records of paths (JSONL files or folders of them) into the
    DuckDB database output, adding to it or replacing by doc_id, then link."""
    import duckdb

    out = Path(output)
    if not out.parent.is_dir():
        raise FileNotFoundError(f"{out.parent}: no such directory for the database")
    summary = BuildSummary()
    files, summary.problems = record_files(paths)
    tmp = _temp_path(out)
    for stale in (tmp, tmp.with_name(tmp.name + ".wal")):
        stale.unlink(missing_ok=True)
    if out.exists():
        import shutil

        shutil.copyfile(out, tmp)
    try:
        try:
            con = duckdb.connect(str(tmp))
        except duckdb.Error as e:
            raise ValueError(f"{out}: not a DuckDB database ({str(e).splitlines()[0]})") from None
        try:
            for t in tables.TABLES:
                con.execute(tables.create_sql(t))
            clock = time.perf_counter()
            big = sum(f.stat().st_size for f in files) >= PROGRESS_BYTES
            for phase, run in (("read", lambda: _stage(con, files, summary, progress)),
                               ("load", lambda: _load(con, summary)),
                               ("link", lambda: linking.link(con)),
                               ("write", lambda: con.execute("CHECKPOINT"))):
                if progress and big and phase in ("load", "link"):
                    print(f"newsextract: {'flattening the records' if phase == 'load' else 'linking'}…", file=sys.stderr)
                run()
                summary.seconds[phase] = round(time.perf_counter() - clock, 3)
                clock = time.perf_counter()
            summary.documents = con.execute("SELECT count(*) FROM documents").fetchone()[0]
            summary.rows = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables.TABLES}
        finally:
            con.close()
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)
        raise
    return summary


# -- query ---------------------------------------------------------------------------------
def query(database, sql: str) -> tuple[list[str], list[tuple]]:
    """Column names and rows of sql over the database, opened read-only."""
    import duckdb

    if not Path(database).is_file():
        raise FileNotFoundError(f"{database}: no such database file")
    con = duckdb.connect(str(database), read_only=True)
    try:
        cur = con.execute(sql)
        names = [d[0] for d in cur.description] if cur.description else []
        return names, cur.fetchall()
    finally:
        con.close()


def _cell(v) -> str:
    if v is None:
        return "NULL"
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False, default=str)
    return str(v)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def format_rows(names: list[str], rows: list[tuple], fmt: str = "table") -> str:
    """rows as an aligned text table (CJK characters count two columns), CSV or JSON."""
    if fmt == "json":
        objs = [dict(zip(names, r)) for r in rows]
        return "[" + ",\n ".join(json.dumps(o, ensure_ascii=False, default=str) for o in objs) + "]\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(names)
        w.writerows([["" if v is None else _cell(v) for v in r] for r in rows])
        return buf.getvalue()
    cells = [list(names)] + [[_cell(v) for v in r] for r in rows]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(names))]

    def line(row):
        return " | ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths)).rstrip()

    out = [line(cells[0]), "-+-".join("-" * w for w in widths)] + [line(r) for r in cells[1:]]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"
