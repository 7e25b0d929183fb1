"""What the stages find: character spans over the clean text, with attributes.

Stages write `Item`s to `doc._.items` rather than token spans: gold entities
often do not fall on jieba token boundaries (市委 inside 市委书记, 2023 inside
2023全省), and character spans keep them exact. The record builder maps them
back to the original text through the OffsetMap.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

KINDS = ("entity", "date", "figure", "policy", "person")

if not Doc.has_extension("items"):
    Doc.set_extension("items", default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)


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


# Where spaCy keeps `doc._.items` in doc.user_data: read there directly, since
# every stage asks for the list several times and `doc._` builds an object
# per access (tests/test_records.py checks that both are the same list).
ITEMS_KEY = ("._.", "items", None, None)


def items(doc: Doc) -> list[Item]:
    """The doc's item list (`doc._.items`), created on first use."""
    found = doc.user_data.get(ITEMS_KEY)
    if found is None:
        found = doc.user_data[ITEMS_KEY] = []
    return found


def of_kind(doc: Doc, kind: str, label: str | None = None) -> list[Item]:
    return [i for i in items(doc) if i.kind == kind and (label is None or i.label == label)]


def text_of(doc: Doc) -> str:
    """The doc's text, built once (spaCy joins the tokens on every `doc.text`)."""
    t = doc.user_data.get("newsextract.text")
    if t is None:
        t = doc.user_data["newsextract.text"] = doc.text
    return t


def set_tokens(doc: Doc, text: str, offsets: list[tuple[int, int, str]]) -> None:
    """Record the text and the tokens' (start, end, text) as the tokenizer
    made them (reading them back from spaCy's tokens costs a tenth of the run)."""
    doc.user_data["newsextract.text"] = text
    doc.user_data["newsextract.tokens"] = offsets


def tokens_of(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, text) of every token, built once per doc."""
    toks = doc.user_data.get("newsextract.tokens")
    if toks is None:
        toks = doc.user_data["newsextract.tokens"] = [(t.idx, t.idx + len(t.text), t.text) for t in doc]
    return toks


def boundaries_of(doc: Doc) -> set[int]:
    """Offsets where a token starts or ends."""
    b = doc.user_data.get("newsextract.bounds")
    if b is None:
        toks = tokens_of(doc)
        b = doc.user_data["newsextract.bounds"] = {s for s, _, _ in toks} | {e for _, e, _ in toks} | {len(text_of(doc))}
    return b
