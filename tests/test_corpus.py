"""The corpus database (newsextract db build/query, export --format parquet):
tables in step with the JSON Schema, one row per item, dates, places,
idempotent and atomic builds, Parquet equal to DuckDB, bad input reported."""
from __future__ import annotations

import calendar
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from newsextract.cli import main
from newsextract.corpus import tables
from newsextract.corpus.database import build, query
from newsextract.records import schema


@pytest.fixture(scope="module")
def records_file(corpus_records, tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "records.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for rec in corpus_records.values():
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def db(records_file):
    out = records_file.with_name("corpus.duckdb")
    build([records_file], out, progress=False)
    return out


def dump(path) -> dict:
    """Every table's rows, sorted, for comparing two databases."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in tables.TABLES}
    finally:
        con.close()


# -- tables and the schema ------------------------------------------------------------------------
def test_every_item_field_of_the_schema_is_a_column_and_every_column_is_accounted_for(db):
    root = schema()
    con = duckdb.connect(str(db), read_only=True)
    for table in tables.ITEM_TABLES:
        node = tables._resolve(root["properties"][table]["items"], root)
        fields = list(node.get("properties", {}))
        for part in node.get("allOf", []):
            fields += list(tables._resolve(part, root)["properties"])
        have = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
        assert have == [c for c, _ in tables.columns(table)]
        assert set(fields) <= set(have), (table, set(fields) - set(have))
        extra = set(have) - set(fields)
        assert extra == {"doc_id", "item"} | set(tables.ID_COLUMNS.get(table, ())) | \
            {c for c, _ in tables.DERIVED.get(table, ())}
    # the records' top-level fields: an item table, a documents column, or left out with a reason
    covered = set(tables.ITEM_TABLES) | set(tables.DOCUMENT_LEFT_OUT)
    exprs = " ".join(e for _, _, e in tables.DOCUMENT_COLUMNS)
    for name in root["properties"]:
        assert name in covered or name in exprs, name
    for name in root["properties"]["source"]["properties"]:
        assert f"source.{name}" in exprs.replace("source.sha256", "source.sha256"), name
    assert [r[0] for r in con.execute("DESCRIBE documents").fetchall()] == [c for c, _ in tables.columns("documents")]
    con.close()


def test_the_reader_types_follow_the_schema():
    cols = tables.reader_columns()
    assert set(cols) == set(schema()["properties"])
    assert cols["published"] == "VARCHAR"
    assert cols["entities"].startswith("STRUCT(") and cols["entities"].endswith(")[]")
    assert '"end" BIGINT' in cols["entities"] and '"value" DOUBLE' in cols["figures"]
    assert '"marked" BOOLEAN' in cols["policies"]


# -- one row per item -----------------------------------------------------------------------------
def test_every_item_is_one_row(db, corpus_records, corpus):
    texts = {d["doc_id"]: d["text"] for d in corpus}
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == len(corpus_records)
    for table in tables.ITEM_TABLES:
        n = sum(len(r[table]) for r in corpus_records.values())
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == n, table
        if table == "authors":
            continue
        rows = con.execute(f'SELECT doc_id, item, text, norm, start, "end" FROM {table}').fetchall()
        for doc_id, item, text, norm, start, end in rows:
            it = corpus_records[doc_id][table][item - 1]
            assert (text, norm, start, end) == (it.get("text", it.get("name")), it["norm"], it["start"], it["end"])
            assert texts[doc_id][start:end] == text
    con.close()


def test_gpe_rows_carry_province_and_city(db):
    from newsextract.corpus.linking import divisions

    d = divisions()
    rows = duckdb.connect(str(db), read_only=True).execute(
        "SELECT code, level, province, city, entity_id FROM entities WHERE label = 'GPE' AND code IS NOT NULL").fetchall()
    assert len(rows) > 500
    for code, level, province, city, entity_id in rows:
        assert entity_id == code
        name, div_level, parent_province, parent_city = d[code[:6]]
        assert province == (name if div_level == "province" else d[parent_province][0])
        if level == "city":
            assert city == name
        elif level in ("county", "township") and parent_city:  # 公主岭市 moved from 四平 to 长春
            assert city == d[parent_city][0], code


def test_start_and_end_dates_agree_with_the_value(db):
    rows = duckdb.connect(str(db), read_only=True).execute(
        "SELECT type, value, start_date, end_date FROM dates").fetchall()
    checked = 0
    for kind, value, start, end in rows:
        if kind not in ("date", "range") or value is None or "X" in value:
            assert start is None and end is None
            continue
        first, _, last = value.partition("/")
        last = last or first

        def bounds(part):
            y, *rest = map(int, part.split("-"))
            if len(rest) == 2:
                return (y, rest[0], rest[1]), (y, rest[0], rest[1])
            if len(rest) == 1:
                return (y, rest[0], 1), (y, rest[0], calendar.monthrange(y, rest[0])[1])
            return (y, 1, 1), (y, 12, 31)

        assert (start.year, start.month, start.day) == bounds(first)[0], value
        assert (end.year, end.month, end.day) == bounds(last)[1], value
        checked += 1
    assert checked > 300


def test_documents_have_their_place(db):
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT province, city FROM documents WHERE doc_id = 'nx-004'").fetchone() == ("安徽省", "阜阳市")
    assert con.execute("SELECT count(*) FROM documents WHERE province IS NOT NULL").fetchone()[0] > 120


# -- building again --------------------------------------------------------------------------------
def test_building_twice_gives_the_same_database(db, records_file, tmp_path):
    again = tmp_path / "again.duckdb"
    build([records_file], again, progress=False)
    build([records_file], again, progress=False)
    assert dump(again) == dump(db)


def test_building_in_parts_adds_and_replaces_by_doc_id(db, records_file, corpus_records, tmp_path):
    lines = records_file.read_text(encoding="utf-8").splitlines(keepends=True)
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text("".join(lines[:100]), encoding="utf-8")
    b.write_text("".join(lines[60:]), encoding="utf-8")
    parts = tmp_path / "parts.duckdb"
    assert build([a], parts, progress=False).records == 100
    s = build([b], parts, progress=False)
    assert (s.records, s.replaced, s.documents) == (len(lines) - 60, 40, len(lines))
    assert dump(parts) == dump(db)
    # a changed record replaces the old one's rows
    rec = json.loads(lines[0])
    rec["figures"] = rec["figures"][:1]
    changed = tmp_path / "changed.jsonl"
    changed.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    build([changed], parts, progress=False)
    n = duckdb.connect(str(parts), read_only=True).execute(
        "SELECT count(*) FROM figures WHERE doc_id = ?", [rec["doc_id"]]).fetchone()[0]
    assert n == 1


def test_a_failed_build_leaves_the_old_database_whole(db, records_file, tmp_path, monkeypatch):
    from newsextract.corpus import linking

    target = tmp_path / "kept.duckdb"
    build([records_file], target, progress=False)
    before = dump(target)

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(linking, "link", boom)
    with pytest.raises(KeyboardInterrupt):
        build([records_file], target, progress=False)
    assert dump(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.duckdb"]


def test_a_killed_build_leaves_a_whole_database(records_file, tmp_path):
    """SIGKILL in the middle of `db build`: the database opens and is the old one or the new one."""
    target = tmp_path / "k.duckdb"
    small = tmp_path / "small.jsonl"
    small.write_text(records_file.read_text(encoding="utf-8").splitlines(keepends=True)[0], encoding="utf-8")
    build([small], target, progress=False)
    big = tmp_path / "big.jsonl"
    with open(big, "w", encoding="utf-8") as fh:
        for i in range(40):
            for line in records_file.read_text(encoding="utf-8").splitlines():
                rec = json.loads(line)
                rec["doc_id"] = f"{rec['doc_id']}-{i}"
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    proc = subprocess.Popen([sys.executable, "-m", "newsextract", "db", "build", str(big), "-o", str(target),
                             "--no-progress"], stderr=subprocess.DEVNULL)
    time.sleep(2.5)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    n = duckdb.connect(str(target), read_only=True).execute("SELECT count(*) FROM documents").fetchone()[0]
    assert n in (1, 40 * 150 + 1)


# -- bad input ------------------------------------------------------------------------------------
def test_bad_lines_and_files_are_named_and_the_rest_is_loaded(records_file, tmp_path, capsys):
    lines = records_file.read_text(encoding="utf-8").splitlines(keepends=True)
    bad = tmp_path / "bad.jsonl"
    wrong = json.loads(lines[2])
    wrong["entities"][0]["start"] = "the first"
    bad.write_text(lines[0] + '{"doc_id": "x", "entities": [\n' + '{"no": "doc_id"}\n' + lines[1]
                   + json.dumps(wrong, ensure_ascii=False) + "\n", encoding="utf-8")
    text = tmp_path / "notes.jsonl"
    text.write_text("not json at all\n", encoding="utf-8")
    out = tmp_path / "bad.duckdb"
    status = main(["db", "build", str(bad), str(text), str(tmp_path / "missing.jsonl"), "-o", str(out), "--no-progress"])
    err = capsys.readouterr().err
    assert status == 1
    assert f"{bad}:2: malformed JSON line" in err
    assert f"{bad}:3: not a newsextract record" in err
    assert f"{text}:1: malformed JSON line" in err
    assert f"{bad}: record {wrong['doc_id']}: an item of entities lacks a field or has one of the wrong type" in err
    assert f"{bad}:5:" not in err  # that record is named once, not again as a bad line
    assert "missing.jsonl: no such file or directory" in err
    docs = [r[0] for r in query(out, "SELECT doc_id FROM documents ORDER BY doc_id")[1]]
    assert docs == sorted([json.loads(lines[0])["doc_id"], json.loads(lines[1])["doc_id"]])


def test_a_build_reads_the_schema_once_and_each_good_file_only_through_duckdb(records_file, tmp_path, monkeypatch):
    """The JSON Schema is read once per process, not per file and table;
    the lines that gave no record are counted from what DuckDB's reader
    read, so a file of good records (blank lines too) is not read again in
    Python, and a file with a bad line is, to name the line."""
    from newsextract import records
    from newsextract.corpus import database

    lines = records_file.read_text(encoding="utf-8").splitlines(keepends=True)
    files = []
    for n in range(3):
        f = tmp_path / f"part{n}.jsonl"
        f.write_text(lines[n] + "\n  \n" + lines[n + 3], encoding="utf-8")
        files.append(f)
    bad = tmp_path / "part3.jsonl"
    bad.write_text(lines[6] + "{not json\n" + lines[7], encoding="utf-8")
    files.append(bad)
    loads, reread = [], []
    real_schema, real_bad_lines = records.schema, database._bad_lines
    monkeypatch.setattr(records, "schema", lambda: loads.append(1) or real_schema())
    monkeypatch.setattr(database, "_bad_lines", lambda path, *a: reread.append(path) or real_bad_lines(path, *a))
    tables.schema.cache_clear()
    try:
        summary = build(files, tmp_path / "parts.duckdb", progress=False)
    finally:
        tables.schema.cache_clear()
    assert len(loads) == 1
    assert reread == [bad] and summary.problems == [f"{bad}:2: malformed JSON line: Expecting property name "
                                                    "enclosed in double quotes: line 1 column 2 (char 1)"]
    assert summary.records == 8 and summary.files == 4


def test_an_output_that_is_no_database_is_an_error_and_is_left_alone(records_file, tmp_path, capsys):
    other = tmp_path / "records-copy.jsonl"
    other.write_bytes(records_file.read_bytes())
    assert main(["db", "build", str(records_file), "-o", str(other), "--no-progress"]) == 2
    assert "not a DuckDB database" in capsys.readouterr().err
    assert other.read_bytes() == records_file.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records-copy.jsonl"]
    assert main(["db", "build", str(records_file), "-o", str(tmp_path / "no" / "c.duckdb")]) == 2
    assert "no such directory" in capsys.readouterr().err


# -- query --------------------------------------------------------------------------------------
def test_query_opens_the_database_read_only(db, capsys):
    before = dump(db)
    assert main(["db", "query", str(db), "DELETE FROM documents"]) == 1
    assert "read-only" in capsys.readouterr().err
    assert dump(db) == before
    assert main(["db", "query", str(db / "nothing"), "SELECT 1"]) == 2


def test_query_formats(db, capsys):
    sql = "SELECT doc_id, published, n_errors FROM documents ORDER BY doc_id LIMIT 3"
    assert main(["db", "query", str(db), sql, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["doc_id"] for r in rows] == ["nx-001", "nx-002", "nx-003"]
    assert rows[0]["published"] == "2024-03-19"
    assert main(["db", "query", str(db), sql, "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == ["doc_id,published,n_errors", "nx-001,2024-03-19,0"]
    assert main(["db", "query", str(db), sql]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["doc_id", "|", "published", "|", "n_errors"] and out[-1] == "(3 rows)"


# -- parquet ------------------------------------------------------------------------------------
def test_parquet_holds_the_same_rows_as_duckdb(db, records_file, tmp_path):
    out = tmp_path / "pq"
    assert main(["export", str(records_file), "--format", "parquet", "-o", str(out), "--no-progress"]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.parquet" for t in tables.TABLES)
    con = duckdb.connect(str(db), read_only=True)
    for t in tables.TABLES:
        from_db = sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall()))
        from_pq = sorted(map(repr, con.execute(f"SELECT * FROM read_parquet('{out / (t + '.parquet')}')").fetchall()))
        assert from_pq == from_db, t


def test_partitions_write_their_own_parquet_files(corpus_records, tmp_path):
    from newsextract.corpus import write_parquet

    recs = list(corpus_records.values())
    write_parquet(recs[:70], tmp_path, part="part-0")
    write_parquet(recs[70:], tmp_path, part="part-1")
    con = duckdb.connect()
    n = con.execute(f"SELECT count(*) FROM read_parquet('{tmp_path}/entities/*.parquet')").fetchone()[0]
    assert n == sum(len(r["entities"]) for r in recs)
    assert con.execute(f"SELECT count(DISTINCT doc_id) FROM '{tmp_path}/documents/*.parquet'").fetchone()[0] == len(recs)
