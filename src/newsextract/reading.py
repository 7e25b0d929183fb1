"""Reading inputs: .txt files in any of the encodings Chinese sites use,
.json and .jsonl files of objects with `text`, directories, and stdin.

A file that cannot be read yields a `ReadFailure` naming the file (and line)
and the reason, so that a batch reports it and goes on with the others.
"""
from __future__ import annotations

import codecs
import functools
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Union

SUFFIXES = (".txt", ".json", ".jsonl")
# Share of undecodable characters above which a text file is refused.
MAX_REPLACED = 0.005


@dataclass
class Document:
    text: str
    doc_id: str
    sha256: str
    path: str | None = None
    encoding: str | None = None
    line: int | None = None
    published: str | None = None
    title: str | None = None
    url: str | None = None
    errors: list[str] = field(default_factory=list)

    def source(self) -> dict:
        src = {"path": self.path, "encoding": self.encoding, "sha256": self.sha256}
        if self.line is not None:
            src["line"] = self.line
        if self.url is not None:
            src["url"] = self.url
        return src


@dataclass
class ReadFailure:
    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


Input = Union[Document, ReadFailure]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc

    try:
        return opencc.OpenCC("t2s").convert
    except Exception:
        return opencc.OpenCC("t2s.json").convert


def _common_share(text: str) -> float:
    """Share of Han characters that are among the ~3,750 most common ones
    (GB2312 level 1) once simplified: high for a right decoding, low for
    GB18030 bytes read as Big5 or the reverse."""
    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return 0.0
    common = 0
    for c in _t2s()("".join(han)):
        try:
            b = c.encode("gb2312")
        except UnicodeEncodeError:
            continue
        common += 0xB0 <= b[0] <= 0xD7
    return common / len(han)


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """(text, encoding, warnings) for the bytes of a text file; raises
    ValueError with the reason when the bytes are not text in UTF-8, UTF-16
    (with BOM), GB18030/GBK or Big5."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, "utf-8-sig"), "utf-8-sig", []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16"), "utf-16", []
    if b"\x00" in data:
        raise ValueError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    decoded = {}
    for enc in ("gb18030", "big5"):
        try:
            decoded[enc] = data.decode(enc)
        except UnicodeDecodeError:
            pass
    if decoded:
        enc = max(decoded, key=lambda e: _common_share(decoded[e]))
        return decoded[enc], enc, []
    # Mostly UTF-8 with a few broken bytes (a truncated download): keep it, say so.
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(1, MAX_REPLACED * len(text)):
        return text, "utf-8", [f"{bad} undecodable byte sequence(s) replaced by U+FFFD"]
    raise ValueError("cannot decode as UTF-8, GB18030 or Big5")


def _strict(data: bytes, enc: str) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as e:
        raise ValueError(f"invalid {enc} at byte {e.start}") from None


def _published(value) -> tuple[str | None, list[str]]:
    if value in (None, ""):
        return None, []
    import datetime as dt

    s = str(value).strip()
    try:
        return dt.date.fromisoformat(s[:10]).isoformat(), []
    except ValueError:
        return None, [f"published {s!r} is not an ISO date; ignored"]


def from_object(obj, *, path: str | None, default_id: str, raw: bytes, line: int | None = None,
                encoding: str = "utf-8") -> Input:
    where = path or "<stdin>"
    if not isinstance(obj, dict):
        return ReadFailure(where, f"expected a JSON object, got {type(obj).__name__}", line)
    text = obj.get("text")
    if not isinstance(text, str):
        return ReadFailure(where, "JSON object has no string field 'text'", line)
    published, errors = _published(obj.get("published"))
    title = obj.get("title")
    return Document(
        text=text, doc_id=str(obj.get("doc_id") or default_id), sha256=sha256(raw), path=path,
        encoding=encoding, line=line, published=published, title=title if isinstance(title, str) else None,
        url=obj.get("url") if isinstance(obj.get("url"), str) else None, errors=errors,
    )


def read_bytes(data: bytes, path: str | None, doc_id: str, suffix: str) -> Iterator[Input]:
    where = path or "<stdin>"
    if suffix == ".jsonl":
        for n, raw in enumerate(data.splitlines(), 1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw.decode("utf-8-sig" if n == 1 else "utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as e:
                yield ReadFailure(where, f"malformed JSON line: {e}", n)
                continue
            yield from_object(obj, path=path, default_id=f"{doc_id}:{n}", raw=raw, line=n)
        return
    if suffix == ".json":
        try:
            obj = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            yield ReadFailure(where, f"malformed JSON: {e}")
            return
        if isinstance(obj, list):
            for n, o in enumerate(obj, 1):
                raw = json.dumps(o, ensure_ascii=False, sort_keys=True).encode("utf-8")
                yield from_object(o, path=path, default_id=f"{doc_id}:{n}", raw=raw, line=None)
        else:
            yield from_object(obj, path=path, default_id=doc_id, raw=data)
        return
    try:
        text, enc, warnings = decode(data)
    except ValueError as e:
        yield ReadFailure(where, str(e))
        return
    yield Document(text=text, doc_id=doc_id, sha256=sha256(data), path=path, encoding=enc, errors=warnings)


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)


def read_paths(paths: Iterable[str]) -> Iterator[Input]:
    """Documents (or failures) from files, directories (walked recursively,
    in sorted order) and '-' for stdin (JSON lines when it starts with '{',
    else one text)."""
    for arg in paths:
        if arg == "-":
            data = sys.stdin.buffer.read()
            suffix = ".jsonl" if data.lstrip()[:1] == b"{" else ".txt"
            yield from read_bytes(data, None, "stdin", suffix)
            continue
        p = Path(arg)
        if p.is_dir():
            for f in _files(p):
                rel = f.relative_to(p).with_suffix("").as_posix()
                yield from _read_file(f, rel)
        elif p.exists():
            yield from _read_file(p, p.stem)
        else:
            yield ReadFailure(arg, "no such file or directory")


def _read_file(f: Path, doc_id: str) -> Iterator[Input]:
    try:
        data = f.read_bytes()
    except OSError as e:
        yield ReadFailure(str(f), f"cannot read: {e.strerror or e}")
        return
    suffix = f.suffix.lower() if f.suffix.lower() in SUFFIXES else ".txt"
    yield from read_bytes(data, str(f), doc_id, suffix)
