"""The README's worked questions on corpora/: each `db query` prints what the
README shows, on a database built from the corpus' records."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsextract.cli import main
from newsextract.corpus.database import build, format_rows, query

README = Path(__file__).resolve().parents[1] / "README.md"
QUESTION = re.compile(r'```sh\nnewsextract db query corpus\.duckdb "\n(.*?)"\n```\n\n```text\n(.*?)```', re.S)
QUICK = re.compile(r'newsextract db query corpus\.duckdb "([^"\n]+)"')


@pytest.fixture(scope="module")
def db(corpus_records, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("readme")
    src = tmp / "records.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in corpus_records.values()), encoding="utf-8")
    build([src], tmp / "corpus.duckdb", progress=False)
    return tmp / "corpus.duckdb"


def test_the_readme_has_five_worked_questions():
    assert len(QUESTION.findall(README.read_text(encoding="utf-8"))) == 5


@pytest.mark.parametrize("n", range(5))
def test_each_question_prints_what_the_readme_shows(db, n):
    sql, shown = QUESTION.findall(README.read_text(encoding="utf-8"))[n]
    assert format_rows(*query(db, sql)) == shown


def test_the_one_line_queries_run(db, capsys):
    for sql in QUICK.findall(README.read_text(encoding="utf-8")):
        if "read_parquet" in sql or sql == "SQL":  # the synopsis
            continue
        assert main(["db", "query", str(db), sql]) == 0, sql
        assert re.search(r"\n\(\d+ rows?\)$", capsys.readouterr().out.strip())
