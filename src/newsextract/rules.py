"""Loads the data in rules/ (patterns, word lists, gazetteers) once per process.

Language knowledge lives in rules/ as YAML/TSV/TXT so that it can be read,
reviewed and extended without touching code; this module is the one place that
knows where those files are.
"""
from __future__ import annotations

import csv
import functools
import re
from importlib import resources
from pathlib import Path

import yaml


def rules_dir() -> Path:
    """The rules/ folder: inside the installed package, or at the repo root."""
    packaged = Path(str(resources.files("newsextract"))) / "rules"
    if packaged.is_dir():
        return packaged
    repo = Path(__file__).resolve().parents[2] / "rules"
    if repo.is_dir():
        return repo
    raise FileNotFoundError("newsextract: cannot find the rules/ folder")


def path(name: str) -> Path:
    return rules_dir() / name


@functools.lru_cache(maxsize=None)
def load_yaml(name: str):
    with open(path(name), encoding="utf-8") as fh:
        # libyaml's loader where PyYAML has it: the same data, ten times faster
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@functools.lru_cache(maxsize=None)
def load_words(name: str) -> tuple[str, ...]:
    """A word list: one entry per line, '#' starts a comment, order kept."""
    out = []
    with open(path(name), encoding="utf-8") as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip()
            if line:
                out.append(line)
    return tuple(dict.fromkeys(out))


@functools.lru_cache(maxsize=None)
def load_tsv(name: str) -> tuple[dict, ...]:
    """A TSV table with a header row; '#' lines are comments."""
    with open(path(name), encoding="utf-8", newline="") as fh:
        rows = csv.reader((line for line in fh if line.strip() and not line.startswith("#")),
                          delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(rows, [])
        # as csv.DictReader gives them (missing cells None), in half the time
        return tuple(dict(zip(header, row + [None] * (len(header) - len(row)))) for row in rows)


@functools.lru_cache(maxsize=None)
def characters(name: str) -> str:
    """A set of characters several stages name (rules/characters.yaml:
    NAME_DOTS, ADMIN), as a string of the characters."""
    return load_yaml("characters.yaml")[name]


_CHARACTERS = re.compile(r"\{([A-Z][A-Z_]*)\}")


def expand(pattern: str) -> str:
    r"""A pattern of rules/ with each {NAME} of rules/characters.yaml replaced
    by its characters, escaped for use inside a character class
    ([\p{Han}{NAME_DOTS}]); other braces ({2,4}) are left alone."""
    import regex

    names = load_yaml("characters.yaml")
    return _CHARACTERS.sub(lambda m: regex.escape(names[m.group(1)]) if m.group(1) in names else m.group(), pattern)


def alternation(words) -> str:
    """A regex alternation of literal words, longest first (so 副市长 beats 市长)."""
    import regex

    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def trie_pattern(words) -> str:
    """A regex matching any of `words`, built as a trie so that long lists
    (thousands of names) match in time independent of the list's length.
    Longer words are preferred where one is a prefix of another."""
    import regex

    trie: dict = {}
    for w in set(words):
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node) -> str:
        end = "" in node
        branches = [regex.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return build(trie)


class Scanner:
    """The leftmost-longest matches of a word list, as
    `regex.compile(trie_pattern(words)).finditer` finds them, by
    Aho-Corasick in Rust (ahocorasick-rs): on the gazetteer's 7,000 names
    about 500 times faster than the regex (pyahocorasick, tried first, was
    15 times slower than this: its trie searches a node's children one by
    one, and the root has thousands)."""

    # Up to this many words (the names of one document), `str.find` per word
    # beats building an automaton (about 0.1 ms each).
    SMALL = 16
    # Up to this many words the automaton is a DFA: it scans a third to two
    # fifths faster than the default NFA (post words 5.4 -> 3.2 ms, feature
    # names 4.6 -> 2.9 ms per 0.5 MB; measured) for 12 MB more in all; the
    # gazetteer's 8,000 names scan no faster so and take 20 MB, people's
    # 2,600 verbs (scanned in four-character slices) gain nothing for 5 MB.
    DFA_MAX = 1500

    def __init__(self, words, overlapping: bool = False, small: int = SMALL):
        words = sorted({w for w in words if w})
        self.words = words
        self.empty = not words
        self.overlapping = overlapping
        self.small = words if len(words) <= small and not overlapping else None
        if not self.empty and self.small is None:
            import ahocorasick_rs

            kind = ahocorasick_rs.MatchKind.Standard if overlapping else ahocorasick_rs.MatchKind.LeftmostLongest
            dfa = ahocorasick_rs.Implementation.DFA if len(words) <= self.DFA_MAX else None
            self.automaton = ahocorasick_rs.AhoCorasick(words, matchkind=kind, implementation=dfa)

    def finditer(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each match, left to right. A scanner made with
        `overlapping=True` gives instead the longest match at each position
        where one starts, as `finditer(text, overlapped=True)` of the trie
        regex does."""
        if self.empty:
            return []
        if self.small is not None:
            return self._find_each(text)
        try:
            found = self.automaton.find_matches_as_indexes(text, overlapping=self.overlapping)
        except UnicodeEncodeError:  # a lone surrogate: one placeholder character in its place
            found = self.automaton.find_matches_as_indexes(_SURROGATE.sub("\ufffd", text),
                                                           overlapping=self.overlapping)
        if not self.overlapping:
            return [(s, e) for _, s, e in found]
        longest: dict[int, int] = {}
        for _, s, e in found:
            if e > longest.get(s, -1):
                longest[s] = e
        return sorted(longest.items())

    def _find_each(self, text: str) -> list[tuple[int, int]]:
        """Leftmost-longest from every occurrence of every word: the first
        start, its longest word, then on from its end."""
        found = []
        for w in self.small:
            i = text.find(w)
            while i >= 0:
                found.append((i, -len(w)))
                i = text.find(w, i + 1)
        found.sort()
        out, pos = [], 0
        for s, minus in found:
            if s >= pos:
                pos = s - minus
                out.append((s, pos))
        return out


def find_words(words, text: str) -> list[tuple[int, int]]:
    """`Scanner(words).finditer(text)` for words looked for in one text
    only (the names one document gave): `str.find` per word while that
    costs less than building the automaton. Building costs about 4 µs a
    word, a find about 1 µs a word per 600 characters (measured): finds up
    to FIND_EACH_MAX words times characters."""
    words = {w for w in words if w}
    return Scanner(words, small=len(words) if len(words) * len(text) <= FIND_EACH_MAX else Scanner.SMALL).finditer(text)


FIND_EACH_MAX = 200_000

_SURROGATE = re.compile("[\ud800-\udfff]")
