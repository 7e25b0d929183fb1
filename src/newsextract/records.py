"""Doc -> record: the one place where items become JSON, with every offset
mapped back to the original text through the OffsetMap."""
from __future__ import annotations

import json
import tempfile
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


# an attached span's keys (_attached), made once
_ATTACHED_KEYS = {key: (key, f"{key}_norm", f"{key}_start", f"{key}_end") for key in ("title", "org", "role", "issuer",
                                                                                     "number")}


def _attached(norm: Normalised, rec: dict, key: str, span) -> None:
    """Add an attached span (a post's body, a policy's issuer) as key, key_start, key_end."""
    it_start, it_end = span
    start, end = norm.offsets.to_original(it_start, it_end)
    k_text, k_norm, k_start, k_end = _ATTACHED_KEYS.get(key) or (key, f"{key}_norm", f"{key}_start", f"{key}_end")
    rec[k_text] = norm.original[start:end]
    rec[k_norm] = norm.text[it_start:it_end]
    rec[k_start] = start
    rec[k_end] = end


def _person(norm: Normalised, base: dict, attrs: dict) -> dict:
    """A person's entry: the name, its post, the body the post belongs to, a byline's role."""
    rec = {"name": base["text"], "norm": base["norm"], "start": base["start"], "end": base["end"], "title": None}
    if attrs.get("title_span"):
        _attached(norm, rec, "title", attrs["title_span"])
    if attrs.get("org_span"):
        _attached(norm, rec, "org", attrs["org_span"])
    if attrs.get("role_span"):
        _attached(norm, rec, "role", attrs["role_span"])
    return rec


def build(norm: Normalised, found: list[Item], *, doc_id: str, source: dict, published: str | None,
          title: str | None, errors: list[str], include_text: bool = False,
          source_org: tuple[int, int] | None = None) -> dict:
    entities, dates, figures, policies, people, works = [], [], [], [], [], []
    original, clean, to_original = norm.original, norm.text, norm.offsets.to_original
    identity = norm.offsets.is_identity  # the clean text is the original's characters: no mapping
    for it in found:
        start, end = it.start, it.end
        if not identity or end <= start:
            start, end = to_original(start, end)  # _span, inlined: once per item
        kind, attrs = it.kind, it.attrs
        if kind == "entity":  # the entity's dict made at once (no copy of a base dict): the commonest item
            rec = {"text": original[start:end], "norm": clean[it.start:it.end], "start": start, "end": end,
                   "label": it.label, "stage": it.stage}
            if attrs:
                for k in ENTITY_ATTRS:
                    if k in attrs:
                        rec[k] = attrs[k]
                if "person" in attrs:  # a name with its person's entry (people.py)
                    people.append(_person(norm, rec, attrs["person"]))
            entities.append(rec)
            continue
        base = {"text": original[start:end], "norm": clean[it.start:it.end], "start": start, "end": end}
        if kind == "date":
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


class LongRecord:
    """The record of a document extracted in pieces (a file of many MB,
    `Extractor._extract_chunked`), filled piece by piece.

    With `encoded`, each piece's items are written as JSON as soon as the
    piece is done, and only those bytes are kept, in a temporary file once
    they pass SPOOL_BYTES: the record of a 20 MB file as dicts took about
    110 bytes a character (1.5 GB), its JSON takes about 13, and a text
    dense with names several times that.
    `chunks()` gives the bytes of its JSON line, the same bytes
    `batch.encode_record` writes for the same record as a dict (an item JSON
    cannot carry is dropped and named in `errors`; a lone surrogate anywhere
    makes the line ASCII with \\u escapes). Without `encoded` the items are
    kept as they are and `to_dict()` is the record as before.
    """

    SPOOL_BYTES = 32 * 2**20

    def __init__(self, fields: dict, encoded: bool = True):
        self.encoded = encoded
        self.fields = {k: ([] if isinstance(v, list) else v) for k, v in fields.items()}
        self._spool = None  # the encoded items; each list holds (offset, length) of its parts
        self.lists = {k for k, v in fields.items() if isinstance(v, list) and k != "errors"}
        self.dropped: dict[str, list[str]] = {}  # per list: items JSON cannot carry
        self.ascii = False  # a lone surrogate was met: the line is written with \u escapes

    def __getitem__(self, key):
        return self.fields[key]

    def __setitem__(self, key, value) -> None:
        self.fields[key] = value

    def get(self, key, default=None):
        return self.fields.get(key, default)

    def extend(self, key: str, values) -> None:
        """Add items to the list `key` (encoded now, with `encoded`)."""
        if not self.encoded or key not in self.lists:
            self.fields[key].extend(values)
            return
        parts = [p for p in (self._encode_item(key, v) for v in values) if p is not None]
        if parts:
            self._store(key, b", ".join(parts))

    def _store(self, key: str, part: bytes) -> None:
        if self._spool is None:
            self._spool = tempfile.SpooledTemporaryFile(max_size=self.SPOOL_BYTES)
        self._spool.seek(0, 2)
        self.fields[key].append((self._spool.tell(), len(part)))
        self._spool.write(part)

    def _parts(self, key: str):
        for offset, length in self.fields[key]:
            self._spool.seek(offset)
            yield self._spool.read(length)

    def __getstate__(self):
        """Sent to another process (a batch worker's result): the parts as bytes."""
        state = dict(self.__dict__, _spool=None)
        state["fields"] = {k: (list(self._parts(k)) if k in self.lists and self.encoded else v)
                           for k, v in self.fields.items()}
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        if self.encoded:
            for key in self.lists:
                parts, self.fields[key] = self.fields[key], []
                for part in parts:
                    self._store(key, part)

    def _encode_item(self, key: str, value) -> bytes | None:
        line, why = _dumps(value)
        if why is not None:
            self.dropped.setdefault(key, []).append(_item_dropped(key, value, why))
            return None
        return self._utf8(line)

    def _utf8(self, line: str) -> bytes:
        try:
            return line.encode("utf-8")
        except UnicodeEncodeError:
            self.ascii = True
            return line.encode("utf-8", "surrogatepass")

    def to_dict(self) -> dict:
        """The record as a dict (decoded from its JSON when encoded)."""
        if not self.encoded:
            return dict(self.fields)
        return json.loads(b"".join(self.chunks()).decode("utf-8", "surrogatepass"))

    def chunks(self):
        """The record's JSON line (ending in a newline), in pieces of bytes."""
        fields = self.fields
        # the other fields first: a surrogate there makes it all ASCII
        head = {k: _dumps(v) for k, v in fields.items() if k not in self.lists}
        if any(why for _, why in head.values()) or any(self.dropped.values()):
            # what JSON cannot carry dropped as encode_record drops it (errors last, with the notes);
            # the lists' dropped items are named where the items were encoded
            fields = writable({k: ([] if k in self.lists else v) for k, v in fields.items()}, self.dropped)
            head = {k: _dumps(v) for k, v in fields.items() if k not in self.lists}
        head = {k: self._utf8(line) for k, (line, _) in head.items()}
        order = list(fields)
        yield b"{"
        for n, key in enumerate(order):
            start = (b", " if n else b"") + json.dumps(key).encode() + b": "
            if key in self.lists:
                yield start + b"["
                for k, part in enumerate(self._parts(key)):
                    yield self._ascii(part) if k == 0 else b", " + self._ascii(part)
                yield b"]"
            else:
                yield start + self._ascii(head[key])
        yield b"}\n"

    def _ascii(self, part: bytes) -> bytes:
        """`part` as written: with \\u escapes when the line must be ASCII."""
        if not self.ascii:
            return part
        values = json.loads("[" + part.decode("utf-8", "surrogatepass") + "]")
        return ", ".join(json.dumps(v, ensure_ascii=True, allow_nan=False) for v in values).encode("ascii")


def _dumps(value) -> tuple[str, str | None]:
    """(JSON of value, None), or ("", why JSON cannot carry it)."""
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False), None
    except (ValueError, TypeError, RecursionError) as e:
        return "", f"{type(e).__name__}: {str(e)[:80]}"


def writable(record: dict, dropped: dict[str, list[str]] | None = None) -> dict:
    """The record without what JSON cannot carry (an integer of thousands of
    digits, infinity, NaN): such a list item is dropped, such a field made
    null, and `errors` (moved last) name each. `dropped`: notes of list
    items dropped before (LongRecord drops them as it encodes them), named
    at their list's place. The one rule for batch.encode_record and
    LongRecord, so that both write the same line."""
    out, notes = {}, []
    for key, value in record.items():
        if key == "errors":
            continue
        if isinstance(value, list):
            notes += (dropped or {}).get(key, [])
            kept = []
            for it in value:
                why = _dumps(it)[1]
                if why is None:
                    kept.append(it)
                else:
                    notes.append(_item_dropped(key, it, why))
            out[key] = kept
        else:
            why = _dumps(value)[1]
            if why is not None:
                notes.append(f"{key} dropped: it cannot be written as JSON ({why})")
                value = None
            out[key] = value
    out["errors"] = [e for e in record.get("errors", []) if _dumps(e)[1] is None] + notes
    return out


def _item_dropped(key: str, item, why: str) -> str:
    """The note in `errors` for an item of list `key` dropped because JSON cannot carry it."""
    where = f" at {item.get('start')}:{item.get('end')}" if isinstance(item, dict) else ""
    text = str(item.get("text") if isinstance(item, dict) else item)
    text = text if len(text) <= 30 else text[:30] + "…"
    return f"{key} item {text!r}{where} dropped: its value cannot be written as JSON ({why})"
