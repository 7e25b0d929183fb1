"""Loads the data in rules/ (patterns, word lists, gazetteers) once per process.

Language knowledge lives in rules/ as YAML/TSV/TXT so that it can be read,
reviewed and extended without touching code; this module is the one place that
knows where those files are.
"""
from __future__ import annotations

import csv
import functools
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
    Aho-Corasick in C: on the gazetteer's 7,000 names, 30 times faster than
    the regex, and nothing to compile at start-up."""

    def __init__(self, words):
        import ahocorasick

        self.automaton = ahocorasick.Automaton()
        for w in set(words):
            if w:
                self.automaton.add_word(w, len(w))
        self.empty = len(self.automaton) == 0
        if not self.empty:
            self.automaton.make_automaton()

    def finditer(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each match, left to right."""
        if self.empty:
            return []
        return [(end + 1 - n, end + 1) for end, n in self.automaton.iter_long(text)]
