"""Names made of a head and a suffix: companies, universities, associations,
service centres (ORG: 河北捷通网业公司) and named zones and parks (LOC:
聚成国际物流产业园). The suffixes are data in rules/; the head is taken
leftwards token by token until a function word, a verb that stands before
names (rules/orgs/left_stops.txt) or punctuation.
"""
from __future__ import annotations

import bisect

import regex

from .. import rules
from ..items import Item, items

HAN = regex.compile(r"^[\p{Han}A-Za-z0-9]+$")


class SuffixNameFinder:
    """SpaCy component: adds ORG and LOC items for head + suffix names."""

    def __init__(self, nlp=None, name: str = "suffixed", org_suffixes: str = "orgs/suffixes.txt",
                 loc_suffixes: str = "gazetteer/zone_suffixes.txt", stops: str = "orgs/left_stops.txt",
                 posts: str = "people/posts.txt", max_head: int = 14):
        self.labels = {w: "ORG" for w in rules.load_words(org_suffixes)}
        self.labels.update({w: "LOC" for w in rules.load_words(loc_suffixes)})
        self.stops = set(rules.load_words(stops)) | set(rules.load_words(posts))
        self.regex = regex.compile(rules.trie_pattern(self.labels))
        self.max_head = max_head

    def __call__(self, doc):
        text = doc.text
        starts = [t.idx for t in doc]
        tokens = [(t.idx, t.idx + len(t.text), t.text) for t in doc]
        found = items(doc)
        last_end = 0
        for m in self.regex.finditer(text):
            s, e = m.span()
            start = self._head_start(text, s, tokens, starts, last_end)
            if s - start < 2:
                continue
            found.append(Item("entity", start, e, self.labels[m.group()], "suffixed", {}))
            last_end = e
        return doc

    def _head_start(self, text, s, tokens, starts, floor) -> int:
        start = s
        k = bisect.bisect_left(starts, s) - 1  # the token that starts before s
        while k >= 0 and s - tokens[k][0] <= self.max_head:
            t0, t1, word = tokens[k]
            if t0 < floor:
                break
            piece = text[t0:min(t1, start)]
            if piece in self.stops or not HAN.match(piece):
                break
            start = t0
            k -= 1
        return start
