"""Doc -> record: the one place where items become JSON, with every offset
mapped back to the original text through the OffsetMap."""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from .items import Item
from .normalise import Normalised

SCHEMA_ID = "newsextract/1"
ENTITY_ATTRS = ("code", "level", "province", "city", "county", "country", "current_name")
FIGURE_ATTRS = ("kind", "currency", "value_max", "qualifier")
DATE_ATTRS = ("resolved", "duration")


def schema() -> dict:
    """The record format as a JSON Schema (schema/record.schema.json)."""
    with resources.files("newsextract").joinpath("schema/record.schema.json").open(encoding="utf-8") as fh:
        return json.load(fh)


def load_records(path: str | Path) -> list[dict]:
    """The records of a JSONL file, in file order (review and export keep
    the order the batch wrote; eval keys them by doc_id). OSError or
    ValueError naming the file (and line) when it cannot be read as records."""
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"records file {path} does not exist")
    if p.is_dir():
        raise IsADirectoryError(f"records file {path} is a directory: give the JSONL file that `extract -o` wrote")
    out = []
    with open(p, "rb") as fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                rec = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as e:
                raise ValueError(f"{path}:{n}: not UTF-8 (byte {e.start} of the line): not a records file") from None
            except (ValueError, RecursionError) as e:
                raise ValueError(f"{path}:{n}: malformed JSON line: {e}") from None
            if not isinstance(rec, dict) or "doc_id" not in rec:
                raise ValueError(f"{path}:{n}: not a newsextract record")
            out.append(rec)
    return out


def _span(norm: Normalised, it_start: int, it_end: int) -> dict:
    start, end = norm.to_original(it_start, it_end)
    return {"text": norm.original[start:end], "norm": norm.text[it_start:it_end], "start": start, "end": end}


def _attached(norm: Normalised, rec: dict, key: str, span) -> None:
    """Add an attached span (a post's body, a policy's issuer) as key, key_start, key_end."""
    t = _span(norm, *span)
    rec.update({key: t["text"], f"{key}_norm": t["norm"], f"{key}_start": t["start"], f"{key}_end": t["end"]})


def build(norm: Normalised, found: list[Item], *, doc_id: str, source: dict, published: str | None,
          title: str | None, errors: list[str], include_text: bool = False,
          source_org: tuple[int, int] | None = None) -> dict:
    entities, dates, figures, policies, people, works = [], [], [], [], [], []
    for it in found:
        base = _span(norm, it.start, it.end)
        if it.kind == "entity":
            rec = {**base, "label": it.label, "stage": it.stage}
            rec.update({k: it.attrs[k] for k in ENTITY_ATTRS if k in it.attrs})
            entities.append(rec)
        elif it.kind == "date":
            rec = {**base, "value": it.attrs.get("value"), "granularity": it.attrs.get("granularity"),
                   "type": it.attrs.get("type", "date")}
            rec.update({k: it.attrs[k] for k in DATE_ATTRS if k in it.attrs})
            dates.append(rec)
        elif it.kind == "figure":
            rec = {**base, "value": it.attrs["value"], "unit": it.attrs["unit"]}
            rec.update({k: it.attrs[k] for k in FIGURE_ATTRS if k in it.attrs})
            figures.append(rec)
        elif it.kind == "policy":
            rec = {**base, "norm": "".join(base["norm"].split()), "marked": bool(it.attrs.get("marked"))}
            if it.attrs.get("issuer_span"):
                _attached(norm, rec, "issuer", it.attrs["issuer_span"])
            if it.attrs.get("number_span"):
                _attached(norm, rec, "number", it.attrs["number_span"])
            if it.attrs.get("issued"):
                rec["issued"] = it.attrs["issued"]
            policies.append(rec)
        elif it.kind == "work":
            works.append(base)
        elif it.kind == "person":
            rec = {"name": base["text"], "norm": base["norm"], "start": base["start"], "end": base["end"],
                   "title": None}
            if it.attrs.get("title_span"):
                _attached(norm, rec, "title", it.attrs["title_span"])
            if it.attrs.get("org_span"):
                _attached(norm, rec, "org", it.attrs["org_span"])
            if it.attrs.get("role_span"):
                _attached(norm, rec, "role", it.attrs["role_span"])
            people.append(rec)
    record = {
        "schema": SCHEMA_ID,
        "doc_id": doc_id,
        "source": source,
        "published": published,
        "title": title,
        "entities": entities,
        "dates": dates,
        "figures": figures,
        "policies": policies,
        "people": people,
        "works": works,
        "source_org": _span(norm, *source_org) if source_org else None,
        "authors": [{"name": p["name"], "role": p["role"]} for p in people if p.get("role")],
        "errors": errors,
    }
    if include_text:
        record["text"] = norm.original
    return record
