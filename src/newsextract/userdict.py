"""A user dictionary in jieba's format, with an optional entity label.

One entry a line, as `jieba.load_userdict` reads it: the word, then an
optional frequency (an integer) and an optional part-of-speech tag
(lowercase letters); newsextract adds an optional last column, the label
(ORG, GPE, LOC or PERSON) of a name to find as an entity:

    南山铝业 nt ORG
    龙口 2000 ns GPE
    王斌 PERSON
    云计算 5

Blank lines and lines starting with '#' are skipped. The words are kept whole
in segmentation (segment.py); the labelled ones are found as entities by the
`user_dict` stage (components/user_entities.py). Words are matched in the
clean text the stages read, so they are normalised like it (traditional
characters become simplified: 龍口 finds 龍口 and 龙口).
"""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

LABELS = ("ORG", "GPE", "LOC", "PERSON")
_FREQ = re.compile(r"[0-9]+")
_TAG = re.compile(r"[a-z]+")
FORMAT = "word [frequency] [tag] [label]"


class UserDictError(ValueError):
    """A user dictionary that cannot be read; the message names the file (and line)."""


@dataclass(frozen=True)
class Entry:
    word: str  # as written in the file
    clean: str  # normalised as the text the stages read
    freq: int | None
    tag: str | None
    label: str | None
    line: int


def parse_line(fields: list[str], where: str) -> tuple[str, int | None, str | None, str | None]:
    """(word, frequency, tag, label) of one line's whitespace-separated fields."""
    word, rest = fields[0], fields[1:]
    freq = tag = label = None
    if rest and rest[-1] in LABELS:
        label = rest.pop()
    if rest and _TAG.fullmatch(rest[-1]):
        tag = rest.pop()
    if rest and _FREQ.fullmatch(rest[-1]):
        freq = int(rest.pop())
    if rest:
        bad = rest[-1]
        if bad in LABELS:
            hint = f"the label {bad} must be the last column"
        elif bad.isascii() and bad.isalpha() and bad.isupper():
            hint = f"unknown label {bad!r} (one of {', '.join(LABELS)})"
        elif len(fields) > 4 or not (bad.isascii() and bad.isalnum()):
            hint = f"{len(fields)} columns; a word has no spaces"
        else:
            hint = f"{bad!r} is not a frequency (digits), a tag (lowercase letters) or a label ({', '.join(LABELS)})"
        raise UserDictError(f"{where}: {hint}; expected {FORMAT}")
    return word, freq, tag, label


@functools.lru_cache(maxsize=8)
def _load(name: str, path: str, stamp: tuple) -> tuple[Entry, ...]:
    from .normalise import default_normaliser

    normalise = default_normaliser()
    entries: dict[str, Entry] = {}
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        raise UserDictError(f"{name}: cannot read the user dictionary: {e.strerror or e}") from None
    for n, line in enumerate(raw.split(b"\n"), 1):
        where = f"{name}:{n}"
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as e:
            raise UserDictError(f"{where}: not UTF-8 (byte {e.start + 1} of the line); "
                                f"save the user dictionary as UTF-8") from None
        if n == 1:
            text = text.removeprefix("\ufeff")
        fields = text.split()
        if not fields or fields[0].startswith("#"):
            continue
        word, freq, tag, label = parse_line(fields, where)
        clean = normalise(word).text.strip()
        if not clean:
            raise UserDictError(f"{where}: the word {word!r} is nothing once normalised (only spaces or annotations)")
        if clean in entries:  # a later line replaces an earlier one, as in jieba
            del entries[clean]
        entries[clean] = Entry(word, clean, freq, tag, label, n)
    return tuple(entries.values())


def load(path: str | os.PathLike) -> tuple[Entry, ...]:
    """The entries of a user dictionary, one per (normalised) word, in file
    order; UserDictError naming the file and line for anything it cannot
    read. Parsed once per file version (path, size, modification time)."""
    p = os.fspath(path)
    try:
        st = os.stat(p)
    except OSError as e:
        raise UserDictError(f"{p}: cannot read the user dictionary: {e.strerror or e}") from None
    if not os.path.isfile(p):
        raise UserDictError(f"{p}: the user dictionary is not a file")
    return _load(p, os.path.abspath(p), (st.st_size, st.st_mtime_ns))
