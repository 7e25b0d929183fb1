"""Government and Party bodies (ORG) built from parts kept in rules/orgs/:
a place or an administrative prefix (省, 市, 民革) + body words (工信厅,
人民政府, 委), chained (工信部 + 中小企业局), and a list of central bodies
that stand alone (国务院, 国家统计局).
"""
from __future__ import annotations

import regex

from .. import rules
from ..items import Item, items, of_kind, text_of
from ..segment import jieba_dictionary

TERM = regex.compile(r"(?:[一二三四五六七八九十]{1,3}|\d{1,2})[届屆]$")


class BodyFinder:
    """SpaCy component: adds ORG items for government and Party bodies."""

    def __init__(self, nlp=None, name: str = "bodies", bodies: str = "orgs/bodies.txt",
                 central: str = "orgs/central.txt", prefixes: str = "orgs/prefixes.txt", min_tail_freq: int = 1000):
        self.bodies = set(rules.load_words(bodies))
        self.central = set(rules.load_words(central))
        self.prefixes = sorted(rules.load_words(prefixes), key=len, reverse=True)
        self.regex = regex.compile(rules.trie_pattern(self.bodies | self.central))
        self.words = jieba_dictionary()
        self.min_tail_freq = min_tail_freq

    def __call__(self, doc):
        text = text_of(doc)
        places = {i.end: i for i in of_kind(doc, "entity") if i.label == "GPE"}
        place_starts = {i.start for i in places.values()}
        bodies: list[list[int]] = []
        inside = set()  # a body word starting inside a place name is misread: 宜昌|市委 is 宜昌市|委
        for g in places.values():
            inside.update(range(g.start + 1, g.end))
        last = 0
        for m in self.regex.finditer(text, overlapped=True):
            s, e = m.span()
            if s < last or s in inside:
                continue
            tail = self.words.get(text[e - 1:e + 1])
            if tail and tail[0] >= self.min_tail_freq:
                continue  # 工信部门: the body word's last character starts a common word (部门)
            start = self._left(text, s, places)
            central = m.group() in self.central
            # A unit written right after a body belongs to it (工信部中小企业局,
            # 国家统计局济宁调查队), unless it names a body of its own
            # (党中央|国务院, 市委|市政府).
            if bodies and bodies[-1][1] == start and not central and (start == s or start in place_starts):
                bodies[-1][1] = e
                last = e
                continue
            if start == s and not central:
                continue  # 人民政府, 工信局 alone name no particular body
            bodies.append([start, e])
            last = e
        found = items(doc)
        for start, end in bodies:
            found.append(Item("entity", start, end, "ORG", "bodies", {}))
        return doc

    def _left(self, text: str, s: int, places: dict) -> int:
        """Start of the body whose body word starts at s: take a place name
        or an administrative prefix, a term number, 中共, right before it."""
        start = s
        for _ in range(3):
            if start in places:
                start = places[start].start
                continue
            m = TERM.search(text, max(0, start - 4), start)
            if m:
                start = m.start()
                continue
            for p in self.prefixes:
                if start - len(p) >= 0 and text.startswith(p, start - len(p)):
                    start -= len(p)
                    break
            else:
                break
        return start
