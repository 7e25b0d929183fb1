"""The library entry point: `Extractor().extract(text)` -> record.

Loading (the spaCy pipeline, jieba's dictionary, the rules) happens once per
Extractor; extraction is then a pure function of the text and its metadata.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import traceback
from typing import Iterable, Iterator

from . import pipeline, records
from .items import items
from .metadata import Metadata
from .normalise import Normaliser
from .reading import Document
from .records import SCHEMA_ID

__all__ = ["Extractor", "SCHEMA_ID"]


class Extractor:
    """Loads the pipeline once; `extract` turns one text into one record."""

    def __init__(self, config: str | None = None):
        self.nlp = pipeline.build(config)
        self.normalise = Normaliser()
        self.metadata = Metadata()

    # -- public API ---------------------------------------------------------------
    def extract(self, text: str, doc_id: str | None = None, published: str | None = None, *,
                title: str | None = None, url: str | None = None, include_text: bool = False) -> dict:
        """The record of one text. `published` (ISO date) resolves relative dates."""
        raw = text.encode("utf-8", errors="surrogatepass")
        digest = hashlib.sha256(raw).hexdigest()
        doc = Document(text=text, doc_id=doc_id or f"sha256-{digest[:16]}", sha256=digest,
                       published=published, title=title, url=url)
        return self.extract_document(doc, include_text=include_text)

    def extract_document(self, document: Document, include_text: bool = False) -> dict:
        errors = list(document.errors)
        norm = self.normalise(document.text)
        published = _iso_date(document.published) or self.metadata.published(norm.text)
        found = []
        try:
            doc = self.nlp.make_doc(norm.text)
            doc._.published = published
            for _, proc in self.nlp.pipeline:
                doc = proc(doc)
            found = items(doc)
        except Exception as e:  # a bug must not cost the batch: report it in the record
            errors.append(f"extraction failed: {type(e).__name__}: {e} "
                          f"({traceback.extract_tb(e.__traceback__)[-1].name})")
        src = self.metadata.source_org(norm.text)
        return records.build(
            norm, found, doc_id=document.doc_id, source=document.source(), published=published,
            title=document.title if document.title is not None else self.metadata.headline(document.text),
            errors=errors, include_text=include_text, source_org=src,
        )

    def extract_many(self, inputs: Iterable, include_text: bool = False) -> Iterator[dict]:
        """Records for texts, dicts with `text` (and doc_id, published, title,
        url) or `Document`s, streamed in order."""
        for obj in inputs:
            if isinstance(obj, Document):
                yield self.extract_document(obj, include_text)
            elif isinstance(obj, str):
                yield self.extract(obj, include_text=include_text)
            elif isinstance(obj, dict):
                yield self.extract(obj["text"], obj.get("doc_id"), obj.get("published"), title=obj.get("title"),
                                   url=obj.get("url"), include_text=include_text)
            else:
                raise TypeError(f"cannot extract from {type(obj).__name__}")


def _iso_date(value) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return None
