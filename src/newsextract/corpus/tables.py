"""The corpus tables: one row per document and one row per item, their columns
derived from the record's JSON Schema so that the two cannot drift apart.

Every field an item has in the schema is a column of its table (a field the
schema adds is a column at the next build); the columns that are not in a
record (the linked ids, the dates' start_date/end_date, the documents' place)
are listed here. tests/test_corpus.py checks schema and tables against each
other.
"""
from __future__ import annotations

import functools

from .. import records

# record field -> table; the table of a record's items has the field's name
ITEM_TABLES = ("entities", "dates", "figures", "policies", "people", "works", "authors")
# columns filled by linking.py, placed after doc_id and item
ID_COLUMNS = {
    "entities": ("entity_id",),
    "policies": ("policy_id",),
    "people": ("person_id", "org_id"),
}
# one row per linked id: (table, what it links)
LINK_TABLES = ("bodies", "persons", "policy_docs")
# documents: what each column is made of (an SQL expression over the staged record)
DOCUMENT_COLUMNS = (
    ("doc_id", "VARCHAR", "doc_id"),
    ("title", "VARCHAR", "title"),
    ("published", "DATE", "TRY_CAST(published AS DATE)"),
    ("url", "VARCHAR", "source.url"),
    ("source_path", "VARCHAR", "source.path"),
    ("source_line", "BIGINT", "source.line"),
    ("source_encoding", "VARCHAR", "source.encoding"),
    ("source_sha256", "VARCHAR", "source.sha256"),
    ("source_org", "VARCHAR", "source_org.norm"),
    ("n_chars", "BIGINT", "length(text)"),
    ("n_errors", "BIGINT", "len(errors)"),
    ("errors", "VARCHAR[]", "errors"),
    # the document's place (linking.py): the division its GPEs name most
    ("province", "VARCHAR", "NULL"),
    ("city", "VARCHAR", "NULL"),
    ("county", "VARCHAR", "NULL"),
    ("place_code", "VARCHAR", "NULL"),
)
# record fields that are not in the documents table, and why
DOCUMENT_LEFT_OUT = {
    "schema": "always newsextract/1",
    "text": "only with --include-text; its length is n_chars",
    # the item arrays are tables of their own
}
# columns of an item table computed from its fields (not in the record)
DERIVED = {
    "dates": (("start_date", "DATE"), ("end_date", "DATE")),
    "people": (("text", "VARCHAR"),),
}


@functools.lru_cache(maxsize=1)
def schema() -> dict:
    """The record's JSON Schema (records.schema), read once per process: a
    build asks for it per table and per file. Not to be changed."""
    return records.schema()


def _resolve(node: dict, root: dict) -> dict:
    ref = node.get("$ref") if isinstance(node, dict) else None
    if ref:
        target = root
        for part in ref.lstrip("#/").split("/"):
            target = target[part]
        return target
    return node


def _object_properties(node: dict, root: dict) -> dict:
    """The properties of an object node, those of its allOf $refs first
    (`"text": true` in an item means: as the referenced span has it)."""
    node = _resolve(node, root)
    props: dict = {}
    for part in node.get("allOf", []):
        props.update(_object_properties(part, root))
    for name, sub in node.get("properties", {}).items():
        if sub is True and name in props:
            continue
        props[name] = sub
    return props


def duck_type(node, root: dict) -> str:
    """The DuckDB type of a JSON Schema node."""
    node = _resolve(node, root)
    if "oneOf" in node:  # null or a span
        alts = [_resolve(a, root) for a in node["oneOf"] if _resolve(a, root).get("type") != "null"]
        return duck_type(alts[0], root)
    kind = node.get("type")
    if isinstance(kind, list):
        kind = next(k for k in kind if k != "null")
    if kind is None and ("properties" in node or "allOf" in node):
        kind = "object"
    if kind == "object":
        fields = ", ".join(f'"{n}" {duck_type(p, root)}' for n, p in _object_properties(node, root).items())
        return f"STRUCT({fields})"
    if kind == "array":
        return duck_type(node["items"], root) + "[]"
    return {"integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN"}.get(kind, "VARCHAR")


def reader_columns() -> dict[str, str]:
    """Field -> DuckDB type of every top-level field of a record: the `columns`
    DuckDB's JSON reader is given, so that it reads every file alike."""
    root = schema()
    return {name: duck_type(node, root) for name, node in root["properties"].items()}


def item_fields(field: str) -> dict[str, str]:
    """Field -> DuckDB type of one item of a record's array `field`."""
    root = schema()
    items = root["properties"][field]["items"]
    return {name: duck_type(node, root) for name, node in _object_properties(items, root).items()}


def item_required(field: str) -> list[str]:
    """The fields every item of array `field` must have, not null (offsets, text, label…)."""
    root = schema()
    node = _resolve(root["properties"][field]["items"], root)
    req = list(node.get("required", []))
    for part in node.get("allOf", []):
        req += _resolve(part, root).get("required", [])
    props = _object_properties(node, root)

    def nullable(p) -> bool:
        p = _resolve(p, root) if isinstance(p, dict) else {}
        kind = p.get("type")
        return (isinstance(kind, list) and "null" in kind) or None in p.get("enum", ())

    return [c for c in dict.fromkeys(req) if not nullable(props.get(c))]


def columns(table: str) -> list[tuple[str, str]]:
    """(column, DuckDB type) of a table, in order."""
    if table == "documents":
        return [(c, t) for c, t, _ in DOCUMENT_COLUMNS]
    if table in ITEM_TABLES:
        cols = [("doc_id", "VARCHAR"), ("item", "INTEGER")]
        cols += [(c, "VARCHAR") for c in ID_COLUMNS.get(table, ())]
        cols += list(item_fields(table).items())
        cols += list(DERIVED.get(table, ()))
        return cols
    if table in LINK_TABLES:
        return [("id", "VARCHAR"), ("name", "VARCHAR"), ("aliases", "VARCHAR[]"),
                ("n_docs", "BIGINT"), ("n_mentions", "BIGINT")]
    raise KeyError(table)


TABLES = ("documents",) + ITEM_TABLES + LINK_TABLES


def q(name: str) -> str:
    """A quoted identifier ("end" is an SQL keyword)."""
    return '"' + name.replace('"', '""') + '"'


def create_sql(table: str) -> str:
    return f"CREATE TABLE IF NOT EXISTS {table} (" + ", ".join(f"{q(c)} {t}" for c, t in columns(table)) + ")"


# first and last day of an ISO date, month or year (XXXX years have none)
_FIRST = ("CASE WHEN regexp_full_match({p}, '\\d{{4}}-\\d{{2}}-\\d{{2}}') THEN TRY_CAST({p} AS DATE) "
          "WHEN regexp_full_match({p}, '\\d{{4}}-\\d{{2}}') THEN TRY_CAST({p} || '-01' AS DATE) "
          "WHEN regexp_full_match({p}, '\\d{{4}}') THEN TRY_CAST({p} || '-01-01' AS DATE) END")
_LAST = ("CASE WHEN regexp_full_match({p}, '\\d{{4}}-\\d{{2}}-\\d{{2}}') THEN TRY_CAST({p} AS DATE) "
         "WHEN regexp_full_match({p}, '\\d{{4}}-\\d{{2}}') THEN last_day(TRY_CAST({p} || '-01' AS DATE)) "
         "WHEN regexp_full_match({p}, '\\d{{4}}') THEN TRY_CAST({p} || '-12-31' AS DATE) END")


def _derived_sql(table: str, column: str) -> str:
    if table == "dates":
        first = "split_part(e.value, '/', 1)"
        last = "CASE WHEN contains(e.value, '/') THEN split_part(e.value, '/', 2) ELSE e.value END"
        expr = (_FIRST.format(p=first) if column == "start_date" else _LAST.format(p=last))
        return f"CASE WHEN e.type IN ('date', 'range') THEN {expr} END"
    if table == "people" and column == "text":
        return "e.name"
    raise KeyError((table, column))


def insert_sql(table: str, stage: str = "stage") -> str:
    """INSERT … SELECT that flattens table's rows out of the staged records."""
    if table == "documents":
        names = ", ".join(q(c) for c, _, _ in DOCUMENT_COLUMNS)
        exprs = ", ".join(e for _, _, e in DOCUMENT_COLUMNS)
        return f"INSERT INTO documents ({names}) SELECT {exprs} FROM {stage}"
    names, exprs = ["doc_id", "item"], ["doc_id", "i"]
    for c in ID_COLUMNS.get(table, ()):
        names.append(c)
        exprs.append("NULL")
    for c in item_fields(table):
        names.append(c)
        exprs.append(f"e.{q(c)}")
    for c, _ in DERIVED.get(table, ()):
        names.append(c)
        exprs.append(_derived_sql(table, c))
    return (f"INSERT INTO {table} ({', '.join(q(n) for n in names)}) SELECT {', '.join(exprs)} FROM "
            f"(SELECT doc_id, unnest({table}) AS e, generate_subscripts({table}, 1) AS i FROM {stage})")
