"""Names made of a head and a suffix: companies, universities, associations,
service centres (ORG: 河北捷通网业公司) and named zones and parks (LOC:
聚成国际物流产业园). The suffixes are data in rules/; the head is taken
leftwards token by token until punctuation, a word from
rules/orgs/left_stops.txt, a place name (names start with their place:
江苏|澄润新材料股份有限公司), or a verb standing before a proper name
(走进|南康家具产业园: a verb in jieba's dictionary followed by a word the
dictionary does not know or by a place).
For LOC a natural feature found by the gazetteer counts as a place (太湖|
科学城, 泾河|新城), and a town before a named zone or scenic
area is left out as a GPE of its own (江湾镇|篁岭景区).
"""
from __future__ import annotations

import bisect

import regex

from .. import rules
from ..items import Item, items, of_kind, text_of, tokens_of
from ..segment import jieba_dictionary

TOWN = regex.compile(r"(?:镇|乡|街道)$")
HAN = regex.compile(r"^(?:[\p{Han}A-Za-z0-9]+|[(（]|[)）])$")


class SuffixNameFinder:
    """SpaCy component: adds ORG and LOC items for head + suffix names."""

    def __init__(self, nlp=None, name: str = "suffixed", org_suffixes: str = "orgs/suffixes.txt",
                 loc_suffixes: str = "gazetteer/zone_suffixes.txt", stops: str = "orgs/left_stops.txt",
                 posts: str = "people/posts.txt", max_head: int = 14,
                 stop_tags: tuple = ("v", "p", "c", "d", "r", "u", "m", "q"),
                 name_tags: tuple = ("x", "ns", "nz", "nr", "nrt", "nt", "j", "eng")):
        self.labels = {w: "ORG" for w in rules.load_words(org_suffixes)}
        self.labels.update({w: "LOC" for w in rules.load_words(loc_suffixes)})
        self.stops = set(rules.load_words(stops)) | set(rules.load_words(posts))
        self.regex = regex.compile(rules.trie_pattern(self.labels))
        self.max_head = max_head
        self.words = jieba_dictionary()
        self.stop_tags = set(stop_tags)
        self.name_tags = set(name_tags)

    def __call__(self, doc):
        text = text_of(doc)
        tokens = tokens_of(doc)
        starts = [t[0] for t in tokens]
        gpes = of_kind(doc, "entity", "GPE")
        places = {i.start for i in gpes}
        # A named feature heads a LOC too: 太湖|科学城, 泾河|新城
        loc_places = places | {i.start for i in of_kind(doc, "entity", "LOC") if i.attrs.get("feature")}
        counties = {i.start: i.end for i in gpes if TOWN.search(text[i.start:i.end])}
        found = items(doc)
        for m in self.regex.finditer(text):
            s, e = m.span()
            label = self.labels[m.group()]
            loc = label == "LOC"
            start = self._head_start(text, s, tokens, starts, loc_places if loc else places, strict=loc)
            if s - start < 2:
                continue
            if loc and not self._proper(text, start, s, tokens, starts, loc_places):
                continue  # 国家级经济技术开发区 is a kind of zone, not a named one
            if loc and start in counties and s - counties[start] >= 2 and (
                    text[counties[start]:s] not in self.words
                    or self._proper(text, counties[start], s, tokens, starts, loc_places)):
                start = counties[start]  # 江湾镇|篁岭景区: the town is a GPE of its own
            found.append(Item("entity", start, e, label, "suffixed", {}))
        return doc

    def _proper(self, text, start, s, tokens, starts, places) -> bool:
        """Whether a head holds a proper name: a place, or a word that jieba's
        dictionary does not know or tags as a name."""
        k = bisect.bisect_left(starts, start)
        while k < len(tokens) and tokens[k][0] < s:
            t0, t1, _ = tokens[k]
            piece = text[t0:min(t1, s)]
            if t0 in places or self.words.get(piece, (0, "x"))[1] in self.name_tags:
                return True
            k += 1
        return False

    def _head_start(self, text, s, tokens, starts, places, strict=False) -> int:
        start = s
        bracket = None  # where a ")" was passed: 台湾川奇光电科技(扬州)|有限公司
        k = bisect.bisect_left(starts, s) - 1  # the token that starts before s
        while k >= 0 and s - tokens[k][0] <= self.max_head:
            t0, t1, word = tokens[k]
            piece = text[t0:min(t1, start)]
            if piece in self.stops or not HAN.match(piece):
                break
            if piece in ")）":
                bracket = start
            elif piece in "(（":
                if bracket is None:
                    break
                bracket = None
            elif bracket is None and (start < s or strict) and self.words.get(piece, (0, ""))[1] in self.stop_tags:
                nxt = text[tokens[k + 1][0]:min(tokens[k + 1][1], s)]
                if strict or start in places or nxt not in self.words:
                    break
            start = t0
            if start in places and bracket is None:
                break
            k -= 1
        return bracket if bracket is not None else start
