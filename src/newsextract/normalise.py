"""The clean text later stages see, and the OffsetMap back to the original.

Press releases arrive with traditional characters, inline pinyin annotations,
full-width forms and mojibake. Every stage works on one clean simplified text;
the OffsetMap is the single place that knows how the clean text relates to the
original, so every span found anywhere can be reported in original offsets.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import regex

from . import rules


class OffsetMap:
    """For each character of the clean text, the [start, end) of its source in
    the original text. Steps that delete characters simply drop entries; steps
    that replace a run by a run of another length map every new character to
    the whole old run."""

    __slots__ = ("_starts", "_ends", "original_length", "_n")

    def __init__(self, starts: list[int], ends: list[int], original_length: int):
        self._starts = starts
        self._ends = ends
        self.original_length = original_length
        self._n = len(starts)

    @classmethod
    def identity(cls, n: int) -> "OffsetMap":
        """The map of a text the normaliser left as it was (most texts): no
        lists until something asks for them (two lists of a million ints
        for a million characters were a third of the normaliser's time)."""
        omap = cls.__new__(cls)
        omap._starts = omap._ends = None
        omap.original_length = omap._n = n
        return omap

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = list(range(self._n))
        return self._starts

    @property
    def ends(self) -> list[int]:
        if self._ends is None:
            self._ends = list(range(1, self._n + 1))
        return self._ends

    def __len__(self) -> int:
        return self._n

    @property
    def is_identity(self) -> bool:
        """A map made as the identity and not changed since: each clean
        offset is the original one (records.build maps nothing then)."""
        return self._starts is None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the clean span [start, end)."""
        if self._starts is None:  # the identity, its lists not made
            if end <= start:
                pos = start if start < self._n else self.original_length
                return pos, pos
            return start, end
        if end <= start:
            pos = self.starts[start] if start < self._n else self.original_length
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def apply(self, text: str, edits: list[tuple[int, int, str]]) -> tuple[str, "OffsetMap"]:
        """Apply sorted, non-overlapping (start, end, replacement) edits to the
        clean text this map belongs to; return the new text and its map."""
        if not edits:
            return text, self
        parts, starts, ends, pos = [], [], [], 0
        for s, e, repl in edits:
            parts.append(text[pos:s])
            starts.extend(self.starts[pos:s])
            ends.extend(self.ends[pos:s])
            parts.append(repl)
            if len(repl) == e - s:
                starts.extend(self.starts[s:e])
                ends.extend(self.ends[s:e])
            elif repl:
                lo = self.starts[s] if s < e else (self.starts[s] if s < len(self.starts) else self.original_length)
                hi = self.ends[e - 1] if s < e else lo
                starts.extend([lo] * len(repl))
                ends.extend([hi] * len(repl))
            pos = e
        parts.append(text[pos:])
        starts.extend(self.starts[pos:])
        ends.extend(self.ends[pos:])
        return "".join(parts), OffsetMap(starts, ends, self.original_length)


# An inline pinyin annotation (產(chǎn)), as rules/normalise.yaml defines it: the
# normaliser deletes these, and scoring, the exports and the review page strip
# gold and reviewed strings with the same pattern.
PINYIN = regex.compile(rules.load_yaml("normalise.yaml")["pinyin_annotation"])


@dataclass
class Normalised:
    original: str
    text: str
    offsets: OffsetMap

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.to_original(start, end)


_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20
# The same fold as a replacement of each full-width character the text
# holds (a press release has a few dozen of half a dozen kinds): four times
# faster than str.translate, which looks every character up, and a third
# faster than substituting each occurrence.
_FULLWIDTH_CHARS = re.compile("[\uFF01-\uFF5E\u3000]")
_FULLWIDTH_STR = {chr(a): chr(b) for a, b in _FULLWIDTH.items()}


def _fold_fullwidth(text: str) -> str:
    for c in set(_FULLWIDTH_CHARS.findall(text)):
        text = text.replace(c, _FULLWIDTH_STR[c])
    return text
# A Python str can hold lone surrogates (JSON "\\ud800", surrogateescape'd
# bytes); they are not text and OpenCC cannot take them: deleted like mojibake.
_LONE_SURROGATE = r"[\uD800-\uDFFF]"
# Deletion passes until nothing matches; each pass only ever shortens the text,
# and real texts need one or two.
MAX_DELETE_PASSES = 16


class Normaliser:
    """Fold full-width forms, drop mojibake and pinyin annotations, convert
    traditional to simplified (OpenCC), keeping the OffsetMap."""

    def __init__(self, config: dict | None = None):
        import opencc

        cfg = dict(rules.load_yaml("normalise.yaml"))
        cfg.update(config or {})
        self.fold_fullwidth = bool(cfg.get("fold_fullwidth", True))
        self.lookalikes = _lookalike_table(cfg.get("lookalikes") or {}, cfg.get("fold_compatibility_ideographs", False))
        # translated only where one occurs (most texts have none)
        self.has_lookalike = re.compile("[" + "".join(map(re.escape, map(chr, sorted(self.lookalikes)))) + "]").search \
            if self.lookalikes else None
        # the look-alikes of rules/characters.yaml NAME_DOTS; · itself needs no folding
        dots = ((cfg["name_dots"] or "") if "name_dots" in cfg else rules.characters("NAME_DOTS")).replace("·", "")
        self.name_dots = regex.compile(rf"(?<=\p{{Han}})[{regex.escape(dots)}](?=\p{{Han}})") if dots else None
        self.has_name_dot = re.compile(f"[{re.escape(dots)}]").search if dots else None  # most texts have none
        deletions = [cfg["pinyin_annotation"], *cfg.get("mojibake", []), _LONE_SURROGATE]
        pattern = "|".join(f"(?:{p})" for p in deletions)
        own_patterns = not config or not ({"pinyin_annotation", "mojibake"} & set(config))
        starts = cfg.get("deletion_starts") if own_patterns or "deletion_starts" in config else None
        if starts:  # a lookahead the regex engine scans for quickly
            pattern = f"(?=(?:{starts}|{_LONE_SURROGATE}))(?:{pattern})"
        self.delete = regex.compile(pattern, regex.V1)
        # where a deletion can start, found by the stdlib's re where it reads
        # the pattern (it scans for a set of characters four times faster)
        self.delete_starts = _scanner(f"{starts}|{_LONE_SURROGATE}") if starts else None
        conf = cfg.get("opencc_config", "t2s")
        try:
            self._cc = opencc.OpenCC(conf)
        except Exception:  # older bindings want the file name
            self._cc = opencc.OpenCC(conf + ".json")

    def __call__(self, original: str) -> Normalised:
        text = original
        omap = OffsetMap.identity(len(text))
        if self.fold_fullwidth:
            text = _fold_fullwidth(text)  # one to one: the map is unchanged
        if self.lookalikes and self.has_lookalike(text):
            text = text.translate(self.lookalikes)  # one to one too: 广州巿 -> 广州市
        if self.name_dots is not None and self.has_name_dot(text):
            text = self.name_dots.sub("·", text)  # one to one: 科斯塔‧席尔瓦 -> 科斯塔·席尔瓦
        # Deleting can bring a deletable run into its context (產\ufffd(chǎn):
        # the annotation follows a Han character once U+FFFD is gone), so
        # delete until nothing matches: the clean text then has nothing left
        # to delete, and normalising it again changes nothing.
        for _ in range(MAX_DELETE_PASSES):
            edits = [(m.start(), m.end(), "") for m in self._deletions(text)]
            if not edits:
                break
            text, omap = omap.apply(text, edits)
        text, omap = self._simplify(text, omap)
        return Normalised(original, text, omap)

    def _deletions(self, text: str):
        """What `self.delete.finditer(text)` finds (but empty matches),
        trying the patterns only where one can start."""
        if self.delete_starts is None:
            yield from (m for m in self.delete.finditer(text) if m.end() > m.start())
            return
        pos = 0
        for c in self.delete_starts.finditer(text):
            if c.start() < pos:
                continue
            m = self.delete.match(text, c.start())
            if m is not None and m.end() > m.start():
                pos = m.end()
                yield m

    def _simplify(self, text: str, omap: OffsetMap) -> tuple[str, OffsetMap]:
        converted = self._cc.convert(text)
        if len(converted) == len(text):
            return converted, omap
        # Rare phrase conversions change length: align line by line, and
        # inside a line that changed length, character by character.
        edits, pos = [], 0
        for line in text.splitlines(keepends=True):
            new = self._cc.convert(line)
            if new != line:
                if len(new) == len(line):
                    edits.append((pos, pos + len(line), new))
                else:
                    for i, ch in enumerate(line):
                        c = self._cc.convert(ch)
                        if c != ch:
                            edits.append((pos + i, pos + i + 1, c))
            pos += len(line)
        return omap.apply(text, edits)


def _scanner(pattern: str):
    """`pattern` compiled by the stdlib's re where it reads it, else by regex."""
    try:
        return re.compile(pattern)
    except re.error:
        return regex.compile(pattern)


def _lookalike_table(pairs: dict, compatibility: bool) -> dict[int, str]:
    """A str.translate table of one-to-one folds: `pairs` from normalise.yaml,
    and with `compatibility` the Kangxi radicals and CJK compatibility
    ideographs whose NFKC form is one other character."""
    table = {}
    if compatibility:
        import unicodedata

        for block in (range(0x2F00, 0x2FE0), range(0xF900, 0xFB00)):
            for cp in block:
                folded = unicodedata.normalize("NFKC", chr(cp))
                if len(folded) == 1 and folded != chr(cp):
                    table[cp] = folded
    table.update({ord(a): b for a, b in pairs.items() if len(a) == 1 and len(b) == 1})
    return table


@functools.lru_cache(maxsize=4)
def default_normaliser() -> Normaliser:
    return Normaliser()
