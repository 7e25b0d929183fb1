"""A queryable corpus: records flattened into DuckDB tables and Parquet files,
with one id per body, person, policy and place across documents.

- tables.py: the tables and their columns, derived from the record's JSON Schema;
- database.py: `db build` (bulk load through DuckDB's JSON reader, atomic) and
  `db query` (read-only);
- linking.py: the cross-document ids (bodies, people, policies, places);
- parquet.py: the same tables as Parquet files.
"""
from __future__ import annotations

from .database import build, query
from .parquet import write_parquet

__all__ = ["build", "query", "write_parquet"]
