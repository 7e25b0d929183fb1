"""What the stages find: character spans over the clean text, with attributes.

Stages write `Item`s to `doc._.items` rather than token spans: gold entities
often do not fall on jieba token boundaries (市委 inside 市委书记, 2023 inside
2023全省), and character spans keep them exact. The record builder maps them
back to the original text through the OffsetMap.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter

from spacy.tokens import Doc

KINDS = ("entity", "date", "figure", "policy", "work")


@dataclass
class Item:
    kind: str  # one of KINDS
    start: int  # clean-text offsets
    end: int
    label: str = ""  # PERSON/ORG/GPE/LOC for entities
    stage: str = ""
    attrs: dict = field(default_factory=dict)

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: "Item") -> bool:
        return self.start < other.end and other.start < self.end

    def inside(self, other: "Item") -> bool:
        return other.start <= self.start and self.end <= other.end


# -- the Doc extensions the stages share ------------------------------------------
# Each is declared as `doc._.NAME` (Doc.set_extension, at the end of this
# module) and kept in doc.user_data under "newsextract.NAME". The functions
# below read it there: every stage asks for the items several times, and
# `doc._` builds an object per access. components/__init__.py declares which
# of them each stage requires and assigns.
ITEMS = "newsextract.items"  # the items the stages found, created on first use
PUBLISHED = "newsextract.published"  # the publication date (ISO) relative dates resolve against
TEXT = "newsextract.clean_text"  # the doc's text, joined once
TOKENS = "newsextract.tokens"  # (start, end, text) of each token, as the tokenizer made them
BOUNDS = "newsextract.token_bounds"  # where a token starts or ends
ENDS_AT = "newsextract.token_end_at"  # token start -> its end
STARTS_AT = "newsextract.token_start_at"  # token end -> its start
COLUMNS = "newsextract.token_columns"  # the tokens' starts and ends, as two lists
_START, _END = itemgetter(0), itemgetter(1)


def items(doc: Doc) -> list[Item]:
    """The doc's item list (`doc._.items`), created on first use."""
    found = doc.user_data.get(ITEMS)
    if found is None:
        found = doc.user_data[ITEMS] = []
    return found


def of_kind(doc: Doc, kind: str, label: str | None = None) -> list[Item]:
    if label is None:
        return [i for i in items(doc) if i.kind == kind]
    return [i for i in items(doc) if i.label == label and i.kind == kind]


def text_of(doc: Doc) -> str:
    """The doc's text (`doc._.clean_text`), built once."""
    t = doc.user_data.get(TEXT)
    if t is None:
        t = doc.user_data[TEXT] = doc.text
    return t


def set_tokens(doc: Doc, text: str, offsets: list[tuple[int, int, str]],
               columns: tuple[list[int], list[int]] | None = None) -> None:
    """Record the text and the tokens' (start, end, text) as the tokenizer
    made them (reading them back from spaCy's tokens costs a tenth of the
    run); `columns`: their starts and ends as two lists, when the tokenizer
    has them (segment.token_offsets), else taken from the triples when asked."""
    doc.user_data[TEXT] = text
    doc.user_data[TOKENS] = offsets
    doc.user_data.pop(BOUNDS, None)
    doc.user_data.pop(ENDS_AT, None)
    doc.user_data.pop(STARTS_AT, None)
    if columns is None:
        doc.user_data.pop(COLUMNS, None)
    else:
        doc.user_data[COLUMNS] = columns


def token_columns(doc: Doc) -> tuple[list[int], list[int]]:
    """The tokens' starts and ends as two lists (ascending), built once per
    doc: the token maps and the stages that bisect token starts read them."""
    cols = doc.user_data.get(COLUMNS)
    if cols is None:
        toks = tokens_of(doc)
        cols = doc.user_data[COLUMNS] = (list(map(_START, toks)), list(map(_END, toks)))
    return cols


def _token_maps(doc: Doc) -> None:
    """The boundaries and both maps at once, from the tokens' start and end
    columns (the first stage, the gazetteer, reads all three)."""
    starts, ends = token_columns(doc)
    data = doc.user_data
    if BOUNDS not in data:  # (one a stage set itself stays)
        data[BOUNDS] = {*starts, *ends, len(text_of(doc))}
    if ENDS_AT not in data:
        data[ENDS_AT] = dict(zip(starts, ends))
    if STARTS_AT not in data:
        data[STARTS_AT] = dict(zip(ends, starts))


def tokens_of(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, text) of every token (`doc._.tokens`), built once per doc."""
    toks = doc.user_data.get(TOKENS)
    if toks is None:
        toks = doc.user_data[TOKENS] = [(t.idx, t.idx + len(t.text), t.text) for t in doc]
    return toks


def boundaries_of(doc: Doc) -> set[int]:
    """Offsets where a token starts or ends (`doc._.token_bounds`)."""
    b = doc.user_data.get(BOUNDS)
    if b is None:
        _token_maps(doc)
        b = doc.user_data[BOUNDS]
    return b


def token_end_at(doc: Doc) -> dict[int, int]:
    """Each token's start -> its end, built once per doc (several stages
    read it; not to be changed)."""
    m = doc.user_data.get(ENDS_AT)
    if m is None:
        _token_maps(doc)
        m = doc.user_data[ENDS_AT]
    return m


def token_start_at(doc: Doc) -> dict[int, int]:
    """Each token's end -> its start, built once per doc (not to be changed)."""
    m = doc.user_data.get(STARTS_AT)
    if m is None:
        _token_maps(doc)
        m = doc.user_data[STARTS_AT]
    return m


def published_of(doc: Doc) -> str | None:
    """The publication date given to the doc (`doc._.published`), or None."""
    return doc.user_data.get(PUBLISHED)


def _setter(key: str):
    def put(doc: Doc, value) -> None:
        doc.user_data[key] = value
    return put


for _name, _key, _get in (("items", ITEMS, items), ("published", PUBLISHED, published_of),
                          ("clean_text", TEXT, text_of), ("tokens", TOKENS, tokens_of),
                          ("token_bounds", BOUNDS, boundaries_of), ("token_end_at", ENDS_AT, token_end_at),
                          ("token_start_at", STARTS_AT, token_start_at), ("token_columns", COLUMNS, token_columns)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, getter=_get, setter=_setter(_key))
