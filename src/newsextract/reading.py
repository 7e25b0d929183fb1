"""Reading inputs: .txt files in any of the encodings Chinese sites use,
.json and .jsonl files of objects with `text`, directories, and stdin.

A file that cannot be read yields a `ReadFailure` naming the file (and line)
and the reason, so that a batch reports it and goes on with the others.
"""
from __future__ import annotations

import codecs
import datetime as dt
import functools
import hashlib
import itertools
import json
import os
import stat
import sys
import unicodedata
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


def text_document(text: str, doc_id: str | None = None, published: str | None = None,
                  title: str | None = None, url: str | None = None) -> Document:
    """A Document for a text given in a program (no file): its doc_id is
    `sha256-` and the start of its SHA-256 unless given."""
    digest = sha256(text.encode("utf-8", errors="surrogatepass"))
    return Document(text=text, doc_id=doc_id or f"sha256-{digest[:16]}", sha256=digest,
                    published=published, title=title, url=url)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc

    try:
        return opencc.OpenCC("t2s").convert
    except Exception:
        return opencc.OpenCC("t2s.json").convert


def simplified(text: str) -> str:
    """`text` in simplified characters (OpenCC t2s), character for character."""
    return _t2s()(text)


def iso_date(value) -> dt.date | None:
    """The date an ISO date string states ('2024-01-05', also with a time
    after it: only the first ten characters are read), or None. The one
    parser of given dates: inputs' `published`, the Extractor's, the date stage's."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


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
    ValueError with the reason when the bytes are not text in UTF-8, UTF-16,
    GB18030/GBK or Big5.

    A few undecodable bytes (a truncated download) are replaced by U+FFFD and
    said in the warnings; a file whose lines come in different encodings (a
    UTF-8 header on a GBK body) is decoded line by line, also with a warning."""
    if data.startswith(codecs.BOM_UTF8):
        return _lenient_or_fail(data, "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _lenient_or_fail(data, "utf-16")
    if b"\x00" in data:
        got = _utf16_without_bom(data)
        if got is not None:
            return got
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
    best = max(decoded, key=lambda e: _common_share(decoded[e])) if decoded else None
    if best is not None and _common_share(decoded[best]) >= GOOD_SHARE:
        return decoded[best], best, []
    mixed = _by_line(data)
    if mixed is not None:
        return mixed
    if best is not None:
        return decoded[best], best, []
    # Mostly one encoding with a few broken bytes (a truncated download): keep it, say so.
    lenient = []
    for enc in ("utf-8", "gb18030", "big5"):
        text = data.decode(enc, errors="replace")
        bad = text.count("\ufffd")
        if bad <= max(1, MAX_REPLACED * len(text)):
            lenient.append((_common_share(text), -bad, enc, text))
    if lenient:
        _, bad, enc, text = max(lenient, key=lambda c: c[:2])
        return text, enc, [f"{-bad} undecodable byte sequence(s) replaced by U+FFFD"]
    bad = data.decode("utf-8", errors="replace").count("\ufffd")
    raise ValueError(f"cannot decode as UTF-8, GB18030 or Big5 ({bad} invalid UTF-8 sequences "
                     f"in {len(data)} bytes): not Chinese text, or binary")


# Share of common Han characters above which a GB18030/Big5 decoding is taken
# as right (right decodings of press releases score 0.96-1.0, wrong ones < 0.8).
GOOD_SHARE = 0.9


def _lenient_or_fail(data: bytes, enc: str) -> tuple[str, str, list[str]]:
    """Decode with a BOM's encoding; a few bad bytes (truncated) are replaced."""
    try:
        return data.decode(enc), enc, []
    except UnicodeDecodeError as e:
        first = e.start
    text = data.decode(enc, errors="replace")
    bad = text.count("\ufffd") - data.decode(enc, errors="ignore").count("\ufffd")
    if bad <= max(1, MAX_REPLACED * len(text)):
        return text, enc, [f"{bad} undecodable byte sequence(s) replaced by U+FFFD"]
    raise ValueError(f"invalid {enc} at byte {first} ({bad} undecodable sequences)")


def _utf16_without_bom(data: bytes) -> tuple[str, str, list[str]] | None:
    """UTF-16 without a BOM (Windows exports), when one byte order gives
    plausible text: no control characters, private-use or unassigned code
    points, and Han characters that are mostly common ones."""
    if len(data) % 2:
        return None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if any(unicodedata.category(c) in ("Cc", "Co", "Cn") and c not in "\t\n\r\x0c" for c in text):
            continue
        if any("\u4e00" <= c <= "\u9fff" for c in text) and _common_share(text) < GOOD_SHARE:
            continue
        return text, enc, []
    return None


def _by_line(data: bytes) -> tuple[str, str, list[str]] | None:
    """A file whose lines are in different encodings, decoded line by line
    (each line in the encoding that reads it best: most common Han characters,
    fewest broken bytes); None when the file is not such a mix."""
    parts, used, bad = [], {}, 0
    for line in data.splitlines(keepends=True):
        if line.isascii():
            parts.append(line.decode("ascii"))
            continue
        best = None
        for strict in (True, False):
            for enc in ("utf-8", "gb18030", "big5"):
                try:
                    text = line.decode(enc, errors="strict" if strict else "replace")
                except UnicodeDecodeError:
                    continue
                n_bad = 0 if strict else text.count("\ufffd")
                score = _common_share(text) - LINE_BAD_PENALTY * n_bad
                if best is None or score > best[0]:
                    best = (score, enc, text, n_bad)
        _, enc, text, n_bad = best
        parts.append(text)
        bad += n_bad
        if not n_bad:
            used[enc] = used.get(enc, 0) + 1
    if len(used) < 2:
        return None
    text = "".join(parts)
    if bad > max(1, MAX_REPLACED * len(text)):
        return None
    counts = ", ".join(f"{n} in {enc}" for enc, n in used.items())
    warnings = [f"mixed encodings: lines decoded one by one ({counts})"]
    if bad:
        warnings.append(f"{bad} undecodable byte sequence(s) replaced by U+FFFD")
    return text, "+".join(used), warnings


# What one broken byte sequence costs a line's decoding, against the share of
# common Han characters (0-1) that the decoding gives.
LINE_BAD_PENALTY = 0.2


def _published(value) -> tuple[str | None, list[str]]:
    if value in (None, ""):
        return None, []
    date = iso_date(value)
    if date is None:
        return None, [f"published {str(value).strip()!r} is not an ISO date; ignored"]
    return date.isoformat(), []


def from_object(obj, *, path: str | None, default_id: str, raw: bytes, line: int | None = None,
                encoding: str = "utf-8", item: int | None = None, warnings: list[str] | None = None) -> Input:
    where = path or "<stdin>"
    at = f"item {item}: " if item is not None else ""
    if not isinstance(obj, dict):
        return ReadFailure(where, f"{at}expected a JSON object, got {type(obj).__name__}", line)
    text = obj.get("text")
    if not isinstance(text, str):
        return ReadFailure(where, f"{at}JSON object has no string field 'text'", line)
    if not text or text.isspace():
        return ReadFailure(where, f"{at}'text' is {'empty' if not text else 'only whitespace'}: nothing to extract", line)
    published, errors = _published(obj.get("published"))
    title = obj.get("title")
    return Document(
        text=text, doc_id=str(obj.get("doc_id") or default_id), sha256=sha256(raw), path=path,
        encoding=encoding, line=line, published=published, title=title if isinstance(title, str) else None,
        url=obj.get("url") if isinstance(obj.get("url"), str) else None, errors=[*(warnings or []), *errors],
    )


# Errors json.loads raises on bad input: JSONDecodeError (a ValueError), a
# ValueError for integers of more than 4300 digits, RecursionError for deep nesting.
_JSON_ERRORS = (ValueError, RecursionError)


def _json_error(e: Exception) -> str:
    return "nested too deeply" if isinstance(e, RecursionError) else str(e)


def _json_text(data: bytes, bom: bool = True) -> tuple[str, str, list[str]]:
    """The text of JSON bytes: UTF-8 (with or without BOM), else the encodings
    `decode` knows; ValueError when it is not text."""
    try:
        return data.decode("utf-8-sig" if bom else "utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    text, enc, warnings = decode(data)
    return text, enc, warnings


def read_jsonl(lines: Iterable[bytes], path: str | None, doc_id: str) -> Iterator[Input]:
    """Documents from JSON lines, streamed (a file of any size in bounded
    memory); a bad line is a ReadFailure with its number, the others go on."""
    where = path or "<stdin>"
    n = 0
    for chunk in lines:
        for raw in chunk.splitlines():  # as bytes.splitlines: \n, \r\n and \r end a line
            n += 1
            if not raw.strip():
                continue
            try:
                text, enc, warnings = _json_text(raw, bom=n == 1)
            except ValueError as e:
                yield ReadFailure(where, f"malformed JSON line: not text ({e})", n)
                continue
            try:
                obj = json.loads(text)
            except _JSON_ERRORS as e:
                yield ReadFailure(where, f"malformed JSON line: {_json_error(e)}", n)
                continue
            yield from_object(obj, path=path, default_id=f"{doc_id}:{n}", raw=raw, line=n, encoding=enc,
                              warnings=warnings)


def read_bytes(data: bytes, path: str | None, doc_id: str, suffix: str) -> Iterator[Input]:
    where = path or "<stdin>"
    if suffix == ".jsonl":
        yield from read_jsonl([data], path, doc_id)
        return
    if not data:
        yield ReadFailure(where, "empty file (0 bytes)" if path else "empty input")
        return
    if suffix == ".json":
        try:
            text, enc, warnings = _json_text(data)
            obj = json.loads(text)
        except _JSON_ERRORS as e:
            yield ReadFailure(where, f"malformed JSON: {_json_error(e)}")
            return
        if isinstance(obj, list):
            if not obj:
                yield ReadFailure(where, "empty JSON list: no documents")
            for n, o in enumerate(obj, 1):
                try:
                    raw = json.dumps(o, ensure_ascii=False, sort_keys=True).encode("utf-8", errors="surrogatepass")
                except _JSON_ERRORS as e:  # an integer too long to write back
                    yield ReadFailure(where, f"item {n}: {_json_error(e)}")
                    continue
                yield from_object(o, path=path, default_id=f"{doc_id}:{n}", raw=raw, line=None, encoding=enc,
                                  item=n, warnings=warnings)
        else:
            yield from_object(obj, path=path, default_id=doc_id, raw=data, encoding=enc, warnings=warnings)
        return
    try:
        text, enc, warnings = decode(data)
    except ValueError as e:
        yield ReadFailure(where, str(e))
        return
    if text.isspace():
        yield ReadFailure(where, f"no text: only whitespace ({len(data)} bytes)")
        return
    yield Document(text=text, doc_id=doc_id, sha256=sha256(data), path=path, encoding=enc, errors=warnings)


# A .txt or .json file is read whole: above this size it is refused (a
# document that large is split into paragraphs when extracted, but the file
# must fit in memory several times over). JSON lines files are streamed and
# may be of any size.
MAX_FILE_BYTES = 256 * 2**20


def walk(root: Path) -> Iterator[Path | ReadFailure]:
    """The input files under a directory (.txt, .json, .jsonl, at any depth,
    in sorted order), and a ReadFailure for each subdirectory that cannot be
    listed. Symbolic links to files are followed, links to directories are
    not (no loops); a broken link is listed, so that reading it reports it."""
    found: list[tuple[Path, Path | ReadFailure]] = []

    def failed(e: OSError):
        where = Path(e.filename) if e.filename else root
        found.append((where, ReadFailure(str(where), f"cannot list directory: {e.strerror or e}")))

    for dirpath, dirnames, filenames in os.walk(root, onerror=failed):
        base = Path(dirpath)
        for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            f = base / name
            if f.suffix.lower() in SUFFIXES and (f.is_file() or (f.is_symlink() and not f.exists())):
                found.append((f, f))
    found.sort(key=lambda pair: pair[0])
    return (item for _, item in found)


def _same_file(a: Path, skip: list[Path]) -> bool:
    try:
        return any(a.samefile(x) for x in skip)
    except OSError:
        return False


@dataclass
class InputFile:
    """One file to read (`path` None: stdin) and the doc_id it gives."""
    path: Path | None
    doc_id: str


@dataclass
class Listing:
    """The inputs of a batch, listed once (directories walked once): the
    files to read, in order, with the ReadFailures of what could not be
    listed in their place; `missing` names the arguments that do not exist."""
    items: list[InputFile | ReadFailure]
    missing: list[str]

    @property
    def files(self) -> list[InputFile]:
        return [x for x in self.items if isinstance(x, InputFile)]


def list_inputs(paths: Iterable[str], skip: Iterable[str] = ()) -> Listing:
    """The files named or under the directories of `paths` ('-': stdin),
    without the files in `skip` (the output being written)."""
    skip_paths = [Path(x) for x in skip if x and x != "-" and Path(x).exists()]
    items: list[InputFile | ReadFailure] = []
    missing: list[str] = []
    for arg in paths:
        if arg == "-":
            items.append(InputFile(None, "stdin"))
            continue
        p = Path(arg)
        if p.is_dir():
            for f in walk(p):
                if isinstance(f, ReadFailure):
                    items.append(f)
                elif not (skip_paths and _same_file(f, skip_paths)):
                    items.append(InputFile(f, f.relative_to(p).with_suffix("").as_posix()))
        elif p.exists():
            if not (skip_paths and _same_file(p, skip_paths)):
                items.append(InputFile(p, p.stem))
        else:
            why = f"broken symbolic link (to {os.readlink(p)})" if p.is_symlink() else "no such file or directory"
            items.append(ReadFailure(arg, why))
            missing.append(arg)
    return Listing(items, missing)


def read_listed(listing: Listing) -> Iterator[Input]:
    """Documents (or failures) of listed inputs, in order."""
    for item in listing.items:
        if isinstance(item, ReadFailure):
            yield item
        elif item.path is None:
            yield from _read_stdin()
        else:
            yield from _read_file(item.path, item.doc_id)


def read_paths(paths: Iterable[str], skip: Iterable[str] = ()) -> Iterator[Input]:
    """Documents (or failures) from files, directories (walked recursively,
    in sorted order) and '-' for stdin (JSON lines when it starts with '{',
    else one text). Files that are one of `skip` (the output being
    written) are skipped."""
    return read_listed(list_inputs(paths, skip))


def _read_stdin() -> Iterator[Input]:
    buf = sys.stdin.buffer
    head = []
    for line in buf:  # up to the first line that is not blank
        head.append(line)
        if line.strip():
            break
    first = b"".join(head).lstrip()
    if first.startswith(codecs.BOM_UTF8):
        first = first[len(codecs.BOM_UTF8):]
    if first[:1] == b"{":
        yield from read_jsonl(itertools.chain(head, buf), None, "stdin")
    else:
        yield from read_bytes(b"".join(head) + buf.read(), None, "stdin", ".txt")


def _read_file(f: Path, doc_id: str) -> Iterator[Input]:
    where = str(f)
    try:
        st = f.stat()
    except OSError as e:
        if f.is_symlink():
            yield ReadFailure(where, f"cannot read: broken symbolic link (to {os.readlink(f)})")
        else:
            yield ReadFailure(where, f"cannot read: {e.strerror or e}")
        return
    if not stat.S_ISREG(st.st_mode):
        yield ReadFailure(where, "cannot read: not a regular file (a device, pipe or socket)")
        return
    suffix = f.suffix.lower() if f.suffix.lower() in SUFFIXES else ".txt"
    try:
        if suffix == ".jsonl":
            if st.st_size == 0:
                yield ReadFailure(where, "empty file (0 bytes)")
                return
            with open(f, "rb") as fh:
                yield from read_jsonl(fh, where, doc_id)
            return
        if st.st_size > MAX_FILE_BYTES:
            yield ReadFailure(where, f"too large: {st.st_size / 2**20:.0f} MB, more than the "
                                     f"{MAX_FILE_BYTES // 2**20} MB a .txt or .json file may have "
                                     f"(give it as JSON lines, one document a line)")
            return
        data = f.read_bytes()
    except OSError as e:
        yield ReadFailure(where, f"cannot read: {e.strerror or e}")
        return
    yield from read_bytes(data, where, doc_id, suffix)
