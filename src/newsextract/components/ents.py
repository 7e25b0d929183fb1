"""doc.ents from the entity items, for spaCy users (displacy, `for ent in
doc.ents`); the records are built from the items and do not read them.

The stages write character spans (items.py), and a name does not always
fall on jieba's token boundaries (市委 inside the token 市委书记). Rather than
stretch or shrink such a name to the tokens around it, the tokens it cuts
are split at its boundaries (spaCy's retokenizer), so that every entity is
exactly the span the record gives, over the clean text.
"""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Span
from spacy.util import filter_spans

from ..items import items, set_tokens, text_of, tokens_of

ENTITY = "entity"


def split_at(doc, cuts) -> list[tuple[int, int, str]]:
    """Split every token that one of the character offsets `cuts` falls
    inside; the tokens' (start, end, text) afterwards."""
    toks = tokens_of(doc)
    starts = [s for s, _, _ in toks]
    inside: dict[int, list[int]] = {}
    for c in set(cuts):
        i = bisect_right(starts, c) - 1
        if i >= 0 and toks[i][0] < c < toks[i][1]:
            inside.setdefault(i, []).append(c)
    if not inside:
        return toks
    new, prev = [], 0
    with doc.retokenize() as retokenizer:
        for i in sorted(inside):
            start, end, text = toks[i]
            points = [start, *sorted(inside[i]), end]
            pieces = [(a, b, text[a - start:b - start]) for a, b in zip(points, points[1:])]
            tok = doc[i]
            # no parser: each piece is its own head
            retokenizer.split(tok, [t for _, _, t in pieces], heads=[(tok, k) for k in range(len(pieces))])
            new += toks[prev:i]
            new += pieces
            prev = i + 1
    new += toks[prev:]
    set_tokens(doc, text_of(doc), new)  # the text stays; its tokens are these now
    return new


def set_ents(doc):
    """Set doc.ents to the doc's entity items (PERSON, ORG, GPE, LOC), splitting
    tokens where a name does not start or end on a token boundary."""
    ents = [i for i in items(doc) if i.kind == ENTITY and i.end > i.start]
    toks = split_at(doc, [b for it in ents for b in (it.start, it.end)])
    first = {s: n for n, (s, _, _) in enumerate(toks)}
    after = {e: n + 1 for n, (_, e, _) in enumerate(toks)}
    spans = [Span(doc, first[it.start], after[it.end], label=it.label) for it in ents
             if it.start in first and it.end in after]
    doc.ents = filter_spans(spans)
    return doc


class EntitySetter:
    """The pipeline's last stage: doc.ents from the merged entity items."""

    def __init__(self, nlp, name: str):
        self.name = name

    def __call__(self, doc):
        return set_ents(doc)
