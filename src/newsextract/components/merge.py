"""The one place where conflicts between stages are settled.

Policy:
1. Inside a policy title nothing else is kept (entities, dates, figures).
2. Entities are flat. Among the rule stages the longest span wins; at
   equal length the stage listed first in `priority` wins (people, bodies,
   suffix names, gazetteer). A span that crosses a kept one is dropped.
   The statistical NER then fills the gaps: its span is kept where it
   overlaps no rule entity, or where all it overlaps are gazetteer places
   lying inside it (郑州|航空港经济综合实验区: the NER's longer name wins and
   the place inside goes, as the guidelines want names flat).
3. A date wins over a figure it overlaps (三年 is not 3 年-units);
   figures inside an entity name (中国一重) are dropped.
4. Overlapping dates, figures or policies: the longest wins.
5. A person's entry rides on its name's entity: it goes where the name goes.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from ..items import items

DEFAULT_PRIORITY = ("people", "bodies", "suffixed", "gazetteer")
NER_STAGE = "ner"


def _longest_first(cands, rank=lambda i: 0):
    """Longest first (then by rank, then leftmost), each kept unless it
    overlaps one kept before; the characters taken are marked in a bytearray,
    so each test is one C-level search instead of a loop over the kept."""
    kept = []
    if not cands:
        return kept
    taken = bytearray(max(i.end for i in cands) + 1)
    for it in sorted(cands, key=lambda i: (-i.length, rank(i), i.start)):
        if taken.find(1, it.start, it.end) < 0:
            kept.append(it)
            taken[it.start:it.end] = b"\x01" * it.length
    return kept


def _marked(spans) -> bytearray:
    """The characters the spans cover, marked 1 (for overlap tests by `find`)."""
    marks = bytearray(max((i.end for i in spans), default=0) + 1)
    for i in spans:
        marks[i.start:i.end] = b"\x01" * i.length
    return marks


class _Flat:
    """Entities that do not overlap one another, in order of start (so also
    of end): the ones a span overlaps are found by bisection, not by a test
    against each of them."""

    def __init__(self, kept):
        self.items = sorted(kept, key=lambda i: i.start)
        self.starts = [i.start for i in self.items]
        self.ends = [i.end for i in self.items]

    def overlapping(self, it) -> list:
        lo = bisect_right(self.ends, it.start)
        return self.items[lo:bisect_left(self.starts, it.end, lo)]

    def replace(self, hit, it) -> None:
        """Remove `hit` (overlapping(it)) and add `it`, which then overlaps nothing."""
        lo = bisect_right(self.ends, it.start)
        hi = lo + len(hit)
        self.items[lo:hi], self.starts[lo:hi], self.ends[lo:hi] = [it], [it.start], [it.end]


def _keep_people(ents, cands) -> None:
    """A person's entry (post, body, role) rides on its name's entity item
    (people.py) and goes where the name goes. Where another stage's name of
    the same span won (a user dictionary's PERSON), the entry goes over to it."""
    entries = {(i.start, i.end): i.attrs["person"] for i in cands if "person" in i.attrs}
    if entries:
        for e in ents:
            if e.label == "PERSON" and "person" not in e.attrs and (e.start, e.end) in entries:
                e.attrs = {**e.attrs, "person": entries[(e.start, e.end)]}


class Merger:
    def __init__(self, nlp=None, name: str = "merge", priority: list[str] | None = None,
                 ner_labels: list[str] | None = None, ner_may_swallow_places: bool = True):
        self.priority = {s: n for n, s in enumerate(priority or DEFAULT_PRIORITY)}
        self.ner_labels = set(ner_labels or ("PERSON", "ORG", "GPE", "LOC"))
        self.ner_may_swallow = ner_may_swallow_places

    def __call__(self, doc):
        found = items(doc)
        by_kind = {}
        for it in found:
            by_kind.setdefault(it.kind, []).append(it)
        policies = _longest_first(by_kind.get("policy", []))
        in_policies = _marked(policies)

        def outside_policies(it):
            return in_policies.find(1, it.start, it.end) < 0

        cands = [i for i in by_kind.get("entity", []) if outside_policies(i)]
        ents = _longest_first([i for i in cands if i.stage != NER_STAGE],
                              lambda i: self.priority.get(i.stage, len(self.priority)))
        ner = [i for i in cands if i.stage == NER_STAGE and i.label in self.ner_labels]
        flat = _Flat(ents)
        for it in sorted(ner, key=lambda i: (-i.length, i.start)):
            hit = flat.overlapping(it)
            if not hit or (self.ner_may_swallow and all(
                    k.stage == "gazetteer" and k.inside(it) and k.length < it.length for k in hit)):
                flat.replace(hit, it)
        ents = flat.items
        dates = _longest_first([i for i in by_kind.get("date", []) if outside_policies(i)])
        taken = _marked([*dates, *(e for e in ents if e.label != "PERSON")])
        figures = _longest_first([
            i for i in by_kind.get("figure", [])
            if outside_policies(i) and taken.find(1, i.start, i.end) < 0
        ])
        _keep_people(ents, cands)
        works = [w for w in by_kind.get("work", []) if outside_policies(w)]
        merged = ents + dates + figures + policies + works
        merged.sort(key=lambda i: (i.start, i.end, i.kind))
        doc._.items = merged
        return doc
