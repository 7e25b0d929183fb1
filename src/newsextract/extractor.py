"""The library entry point: `Extractor().extract(text)` -> record.

Loading (the spaCy pipeline, jieba's dictionary, the rules) happens once per
Extractor; extraction is then a pure function of the text and its metadata.
"""
from __future__ import annotations

import gc
import os
import traceback
from typing import Iterable, Iterator, NamedTuple

import regex

from . import pipeline, records
from .items import items
from .metadata import Metadata
from .normalise import Normaliser
from .reading import Document, iso_date
from .reading import text_document as _as_document
from .records import SCHEMA_ID

__all__ = ["Extractor", "SCHEMA_ID"]

# How a record's errors begin when the pipeline failed on its text (the
# batch counts such a document as failed, not as a record).
EXTRACTION_FAILED = "extraction failed"

# The young generation's collection threshold of a process that extracts
# (Extractor(freeze_gc=True)); Python's default is 700.
GC_YOUNG_THRESHOLD = 10_000


class Extractor:
    """Loads the pipeline once; `extract` turns one text into one record."""

    def __init__(self, config: str | None = None, *, exclude=(), freeze_gc: bool = False,
                 user_dict: str | os.PathLike | None = None):
        """`config`: a pipeline config file (default: the packaged config.cfg);
        `exclude`: components left out (`["ner"]`: the rule stages only, about
        1.4× faster, without the names only the statistical NER finds);
        `user_dict`: a user dictionary in jieba's format with an optional
        label column (userdict.py): its words are kept whole, its labelled
        names found as entities (stage `user_dict`). A file it cannot read
        raises userdict.UserDictError naming the file and line."""
        self.settings = (config, tuple(exclude), os.fspath(user_dict) if user_dict else None)
        overrides = {}
        if user_dict:
            from . import userdict

            userdict.load(user_dict)  # a bad file fails here, before the pipeline loads
            overrides["nlp.tokenizer.user_file"] = os.fspath(user_dict)
        self.nlp = pipeline.build(config, overrides=overrides, exclude=exclude)
        if user_dict:
            from .components.user_entities import add_to

            add_to(self.nlp, os.fspath(user_dict))
        # The stages a record needs: all but `ents`, which sets doc.ents for
        # spaCy users (`doc`, `nlp(text)`) and costs a few per cent.
        self.stages = [(name, proc) for name, proc in self.nlp.pipeline if name != "ents"]
        # ... and no stage reads spaCy's tokens, only the text and the jieba
        # tokens' offsets: a Doc of one token carries them (segment.JiebaTokenizer).
        self._text_doc = getattr(self.nlp.tokenizer, "text_doc", self.nlp.make_doc)
        self.normalise = Normaliser()
        self.metadata = Metadata()
        if freeze_gc:
            # Python's collector would otherwise walk the loaded dictionaries
            # (millions of objects) again and again; freezing them makes
            # extraction a quarter faster (measured, benchmarks/). It is
            # process-wide, so only processes that exist to extract (the
            # batch, its workers, Dask workers) ask for it.
            gc.freeze()
            # ... and a document's short-lived objects (items, matches,
            # tuples) would set off a young collection every 700 net
            # allocations, over a hundred a megabyte of text: every 10,000
            # instead (3-4 % of the run, measured; process-wide too).
            gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])

    # -- public API ---------------------------------------------------------------
    def extract(self, text: str, doc_id: str | None = None, published: str | None = None, *,
                title: str | None = None, url: str | None = None, include_text: bool = False) -> dict:
        """The record of one text. `published` (ISO date) resolves relative dates."""
        return self.extract_document(_as_document(text, doc_id, published, title, url), include_text=include_text)

    # A document longer than this (characters) is split at paragraph boundaries
    # and extracted chunk by chunk, in memory bounded by the chunk size; the
    # offsets of the chunks' items are shifted back into the whole text.
    # Measured (2 cores, with the NER model): peak RSS about 0.75 GB with
    # 20,000-character chunks, 1.4 GB with 50,000, 2.4 GB with 100,000; spaCy
    # refuses texts over 1,000,000 characters.
    chunk_chars = 50_000

    def doc(self, text: str, published: str | None = None):
        """The spaCy Doc the pipeline makes of a raw text, for spaCy habits
        (`doc.ents`, `displacy.render(doc, style="ent")`). It is the Doc of
        the clean text (normalise.py: simplified characters, pinyin
        annotations and mojibake removed), which is what the stages read:
        `doc.text` is that text, `doc.ents` the record's entities over it at
        exactly their characters (tokens a name cuts are split), `doc._.items`
        every item with clean-text offsets. `extract` gives the same items
        with offsets into the original text. (`Extractor().nlp(text)` runs
        the same stages on a text taken as already clean.)"""
        norm = self.normalise(text)
        doc = self.nlp.make_doc(norm.text)
        given = iso_date(published)
        doc._.published = given.isoformat() if given else self.metadata.published(norm.text)
        for _, proc in self.nlp.pipeline:
            doc = proc(doc)
        if "ents" not in self.nlp.pipe_names:  # a config of the user's without the stage
            from .components.ents import set_ents

            set_ents(doc)
        return doc

    def extract_document(self, document: Document, include_text: bool = False, *,
                         chunk_chars: int | None = None, long_record: bool = False) -> dict:
        """The record of one document. `long_record`: a document longer than
        `chunk_chars` gives a `records.LongRecord` (its items kept as JSON,
        in bounded memory), which the batch writes as it is."""
        limit = chunk_chars or self.chunk_chars
        if len(document.text) > limit:
            record = self._extract_chunked(document, include_text, limit, encoded=long_record)
            return record if long_record else record.to_dict()
        norm, meta, errors = self._prepare(document)
        found = []
        try:
            with self.nlp.memory_zone():  # this document's new strings are freed after it
                doc = self._text_doc(norm.text)
                doc._.published = meta.published
                for _, proc in self.stages:
                    doc = proc(doc)
                found = items(doc)
        except Exception as e:  # a bug must not cost the batch: report it in the record
            errors.append(f"{EXTRACTION_FAILED}: {type(e).__name__}: {e} "
                          f"({traceback.extract_tb(e.__traceback__)[-1].name})")
        return self._record(document, norm, meta, errors, found, include_text)

    def extract_documents(self, documents: list[Document], include_text: bool = False, *,
                          long_record: bool = False) -> list[dict]:
        """The records of several documents, in order. The pipeline runs over
        them together, so that a stage with a `pipe` method (the statistical
        NER) handles them in one batch: a third of its time on short texts.
        Should the batch fail, each document is extracted on its own, so that
        a bug costs only the document that meets it."""
        short = [d for d in documents if len(d.text) <= self.chunk_chars]
        done: dict[int, dict] = {}
        if len(short) > 1:
            try:
                prepared = [self._prepare(d) for d in short]
                with self.nlp.memory_zone():  # the batch's new strings are freed after it
                    docs = []
                    for norm, meta, _ in prepared:
                        doc = self._text_doc(norm.text)
                        doc._.published = meta.published
                        docs.append(doc)
                    for _, proc in self.stages:
                        docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
                    found = [items(doc) for doc in docs]
                for d, (norm, meta, errors), its in zip(short, prepared, found):
                    done[id(d)] = self._record(d, norm, meta, errors, its, include_text)
            except Exception:  # noqa: BLE001 - redone one by one below, where the error is reported
                done = {}
        return [done[id(d)] if id(d) in done else self.extract_document(d, include_text, long_record=long_record)
                for d in documents]

    def _prepare(self, document: Document):
        """(clean text, metadata, errors): the metadata read once, before the pipeline."""
        errors = list(document.errors)
        norm = self.normalise(document.text)
        given = iso_date(document.published)
        meta = _Meta(
            published=given.isoformat() if given else self.metadata.published(norm.text),
            title=document.title if document.title is not None else self.metadata.headline(document.text, norm),
            source_org=self.metadata.source_org(norm.text),
        )
        return norm, meta, errors

    def _record(self, document: Document, norm, meta: "_Meta", errors, found, include_text: bool) -> dict:
        return records.build(
            norm, found, doc_id=document.doc_id, source=document.source(), published=meta.published,
            title=meta.title, errors=errors, include_text=include_text, source_org=meta.source_org,
        )

    def _extract_chunked(self, document: Document, include_text: bool, limit: int,
                         encoded: bool = False) -> records.LongRecord:
        """One record for a long document, built from its paragraph chunks.
        Each chunk is extracted on its own (items do not span chunks; a later
        mention is linked only within its chunk); the publication date and
        headline come from the start of the whole text. `encoded`: each
        chunk's items are kept only as JSON (records.LongRecord)."""
        text = document.text
        title = document.title if document.title is not None else self.metadata.headline(text[:limit])
        given = iso_date(document.published)
        published = given.isoformat() if given else None
        merged: records.LongRecord | None = None
        errors = list(document.errors)
        for start, end in split_text(text, limit):
            part = Document(text=text[start:end], doc_id=document.doc_id, sha256=document.sha256,
                            path=document.path, encoding=document.encoding, line=document.line,
                            published=published, title=title if title is not None else "", url=document.url)
            rec = self.extract_document(part, include_text=False, chunk_chars=limit)
            if merged is None:
                published = rec["published"]  # found at the top of the first chunk, if not given
                merged = records.LongRecord(rec, encoded=encoded)
            for key, value in rec.items():
                if key == "errors":
                    errors.extend(e for e in value if e not in errors)
                elif isinstance(value, list):
                    merged.extend(key, (_shifted(v, start) for v in value))
                elif isinstance(value, dict) and "start" in value and merged.get(key) is None:
                    merged[key] = _shifted(value, start)  # the first chunk that has one (source_org)
                elif merged.get(key) is None and value is not None and key != "title":
                    merged[key] = value
        merged["title"] = title
        merged["errors"] = errors
        if include_text:
            merged["text"] = text
        return merged

    def extract_many(self, inputs: Iterable, include_text: bool = False, *, batch_size: int | None = None,
                     n_process: int = 1) -> Iterator[dict]:
        """Records for texts, dicts with `text` (and doc_id, published, title,
        url) or `Document`s, streamed in input order.

        As spaCy's `Language.pipe`: `batch_size` documents go through the
        pipeline together (default `Extractor.batch_size`, 16), and
        `n_process` processes share the work (-1: one per CPU). The records
        are the same, in the same order, however many processes. The
        processes are the batch's (batch.local.WorkerPool, started as
        batch.local.start_method says), each with a pipeline of this
        Extractor's settings (config, exclude, user_dict): on Linux a forked
        copy of this one, elsewhere loaded anew. A worker process that dies
        (killed, out of memory) raises
        concurrent.futures.process.BrokenProcessPool."""
        size = self.batch_size if batch_size is None else batch_size
        if not isinstance(size, int) or size < 1:
            raise ValueError(f"batch_size must be a positive integer, not {batch_size!r}")
        processes = _process_count(n_process)
        batches = _batches(inputs, size)
        if processes == 1:
            for batch in batches:
                yield from self.extract_documents(batch, include_text)
        else:
            yield from _in_processes(self, batches, include_text, processes)

    # Documents extracted together by extract_many (see extract_documents).
    batch_size = 16


def _batches(inputs: Iterable, size: int) -> Iterator[list[Document]]:
    """Lists of `size` Documents from extract_many's inputs; on an input of
    another type, the documents before it first, then TypeError."""
    batch: list[Document] = []
    for obj in inputs:
        if isinstance(obj, Document):
            batch.append(obj)
        elif isinstance(obj, str):
            batch.append(_as_document(obj))
        elif isinstance(obj, dict):
            batch.append(_as_document(obj["text"], obj.get("doc_id"), obj.get("published"),
                                      obj.get("title"), obj.get("url")))
        else:
            if batch:
                yield batch
            raise TypeError(f"cannot extract from {type(obj).__name__}")
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _process_count(n_process: int) -> int:
    if not isinstance(n_process, int) or isinstance(n_process, bool) or n_process == 0 or n_process < -1:
        raise ValueError(f"n_process must be a positive integer or -1 (one per CPU), not {n_process!r}")
    return (os.cpu_count() or 1) if n_process == -1 else n_process


# -- extract_many over several processes ---------------------------------------------
def _in_processes(ex: Extractor, batches: Iterator[list[Document]], include_text: bool,
                  processes: int) -> Iterator[dict]:
    """extract_documents over `processes` worker processes (the batch's
    pool, batch.local.WorkerPool), results in order, at most two batches per
    process in flight."""
    import collections

    from .batch import local, worker

    config, exclude, user_dict = ex.settings
    pending: collections.deque = collections.deque()
    with worker.lent(ex):  # forked workers extract with this Extractor's pipeline
        pool = local.WorkerPool(processes, config, exclude, user_dict)
        try:
            while True:
                try:
                    batch = next(batches)
                except StopIteration:
                    break
                except Exception:  # an input of a wrong type: the records before it first
                    while pending:
                        yield from pending.popleft().result()
                    raise
                pending.append(pool.submit(worker.run_documents, batch, include_text, config, exclude, user_dict))
                while len(pending) >= 2 * processes:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        except BaseException:  # stopped early (the generator closed, Ctrl-C), or a worker died
            pool.terminate()
            raise
        pool.shutdown()


class _Meta(NamedTuple):
    """What the text says about itself (metadata.py), or the input gave."""
    published: str | None
    title: str | None
    source_org: tuple[int, int] | None


_PARAGRAPH_BREAK = regex.compile(r"\n[ \t\r\f\v\u3000]*\n")
_SENTENCE_ENDS = "。！？!?；;"
_SPACES = " \t\u3000，,、"


def split_text(text: str, limit: int) -> list[tuple[int, int]]:
    """[start, end) spans that cover `text`, each at most `limit` characters.
    A chunk ends after the last blank line in the second half of its window,
    else after a line break, a sentence end, a space or comma there, and only
    in a run of `limit // 2` characters with none of these, at the limit."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    spans, pos, n = [], 0, len(text)
    while n - pos > limit:
        lo, hi = pos + limit // 2, pos + limit
        cut = None
        for m in _PARAGRAPH_BREAK.finditer(text, lo, hi):
            cut = m.end()
        if cut is None:
            i = text.rfind("\n", lo, hi)
            if i == -1:
                i = max(text.rfind(c, lo, hi) for c in _SENTENCE_ENDS)
            if i == -1:
                i = max(text.rfind(c, lo, hi) for c in _SPACES)
            cut = i + 1 if i != -1 else hi
        spans.append((pos, cut))
        pos = cut
    spans.append((pos, n))
    return spans


def _shifted(item, offset: int):
    """An item of a chunk's record with its offsets (start, end, title_start, …) moved by `offset`."""
    if not isinstance(item, dict) or not offset:
        return item
    return {k: (v + offset if isinstance(v, int) and not isinstance(v, bool)
                and (k in ("start", "end") or k.endswith(("_start", "_end"))) else v)
            for k, v in item.items()}
