"""What every engine runs where the documents are extracted (the batch's own
process, the local pool's workers, Dask workers): one Extractor per
process, documents in partitions so that the pipeline runs over several at once,
and the per-document fallback that keeps a failure to the document that
meets it.

A result is ("record", the record) or ("failure", reason). A document whose
extraction failed (the Extractor puts `extraction failed: …` in its
errors) is a failure, not a record: it is named on stderr, and `--resume`
redoes it once the cause is fixed.
"""
from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import threading
import time
from typing import Iterable, Iterator

from ..extractor import EXTRACTION_FAILED
from ..reading import Document
from ..records import LongRecord
from .output import close_inherited_outputs, encode_record

# Documents are extracted in partitions of up to this many documents or
# characters: the pipeline runs over a part together (the NER batches
# them), and the local pool makes one round trip per part, which keeps the
# parent's share of the CPU small (it shares the cores with the workers).
PARTITION_DOCS = 16
PARTITION_CHARS = 20_000

_extractors: dict = {}
_lock = threading.Lock()


class SetupError(Exception):
    """The pipeline cannot be loaded as asked; `option` names the setting
    at fault ("config", "exclude", "user-dict") when it is one."""

    def __init__(self, message: str, option: str | None = None):
        super().__init__(message)
        self.option = option


def check_pipeline(config: str | None, exclude=(), user_dict: str | None = None) -> None:
    """SetupError when the config cannot be read, `exclude` names a
    component it does not have or the user dictionary cannot be read:
    checked before any output is touched."""
    from ..pipeline import check_exclude
    from ..userdict import UserDictError, load

    try:
        check_exclude(config, ())
    except Exception as e:  # noqa: BLE001 - spaCy raises OSError, ConfigValidationError, …
        raise SetupError(f"cannot read the pipeline config {config or '(packaged)'}: {e}", "config") from None
    try:
        check_exclude(config, exclude)
    except ValueError as e:  # names no component of the pipeline
        raise SetupError(str(e), "exclude") from None
    if user_dict:
        try:
            load(user_dict)
        except UserDictError as e:  # names the file and line
            raise SetupError(str(e), "user-dict") from None


def extractor_for(config: str | None = None, exclude=(), user_dict: str | None = None):
    """This process's Extractor for `config` without `exclude` (with
    `user_dict`), loaded on first use (once per process, also when a Dask
    worker runs several threads)."""
    key = (config, tuple(exclude), user_dict)
    ex = _extractors.get(key)
    if ex is None:
        with _lock:
            ex = _extractors.get(key)
            if ex is None:
                from ..extractor import Extractor

                ex = _extractors[key] = Extractor(config, exclude=tuple(exclude), freeze_gc=True, user_dict=user_dict)
    return ex


def load_pipeline(config: str | None = None, exclude=(), user_dict: str | None = None) -> None:
    """Load the pipeline in this process, if not loaded yet; SetupError if it cannot be."""
    try:
        extractor_for(config, exclude, user_dict)
    except Exception as e:  # noqa: BLE001
        raise SetupError(f"cannot load the pipeline{f' of {config}' if config else ''}: "
                         f"{type(e).__name__}: {e}", "config") from None


def loaded_extractors() -> list[int]:
    """The ids of the Extractors loaded in this process (one per config)."""
    return [id(e) for e in _extractors.values()]


def failure_of(record: dict) -> str | None:
    """The reason a record's extraction failed, or None."""
    for e in record.get("errors", ()):
        if isinstance(e, str) and e.startswith(EXTRACTION_FAILED):
            return e
    return None


def _result(record: dict, encode: bool) -> tuple[str, object]:
    why = failure_of(record)
    if why is not None:
        return "failure", why
    # Encoded in the worker: the parent, which shares the cores, then only writes bytes
    # (a long document's LongRecord is encoded already, piece by piece).
    if encode and not isinstance(record, LongRecord):
        record = encode_record(record)
    return "record", record


def extract_one(extractor, doc: Document, include_text: bool, encode: bool = True) -> tuple[str, object]:
    """The result of one document: an exception that escapes the extractor
    costs this document only."""
    try:
        record = extractor.extract_document(doc, include_text, long_record=encode)
    except Exception as e:  # noqa: BLE001
        return "failure", f"{EXTRACTION_FAILED}: {type(e).__name__}: {e}"
    return _result(record, encode)


def extract_partition(extractor, docs: list[Document], include_text: bool, encode: bool = True) -> list[tuple[str, object]]:
    """The results of a part of documents, extracted together; should that
    fail, each document is extracted on its own (`extract_one`)."""
    try:
        records = extractor.extract_documents(docs, include_text, long_record=encode)
    except Exception:  # noqa: BLE001 - redone one by one, where the error is reported
        return [extract_one(extractor, d, include_text, encode) for d in docs]
    return [_result(r, encode) for r in records]


def run_partition(docs: list[Document], include_text: bool, config: str | None = None, exclude=(),
                  user_dict: str | None = None, encode: bool = True) -> list[tuple[str, object]]:
    """What an engine sends to a worker: `extract_partition` with this process's Extractor."""
    return extract_partition(extractor_for(config, exclude, user_dict), docs, include_text, encode)


def run_documents(docs: list[Document], include_text: bool, config: str | None = None, exclude=(),
                  user_dict: str | None = None) -> list[dict]:
    """What `Extractor.extract_many` sends to a worker: the records, as
    `extract_documents` gives them (a failed extraction is a record whose
    errors say so)."""
    return extractor_for(config, exclude, user_dict).extract_documents(docs, include_text)


@contextlib.contextmanager
def lent(extractor):
    """While a pool runs: `extractor` is this process's Extractor for its
    settings (unless one is loaded already), so that forked workers use the
    pipeline it loaded instead of loading one."""
    key = extractor.settings
    added = _extractors.setdefault(key, extractor) is extractor
    try:
        yield
    finally:
        if added and _extractors.get(key) is extractor:
            del _extractors[key]


def run_one(doc: Document, include_text: bool, config: str | None = None, exclude=(),
            user_dict: str | None = None) -> tuple[str, object]:
    """One document alone (redone after its worker died)."""
    return extract_one(extractor_for(config, exclude, user_dict), doc, include_text)


def partitions(docs: Iterable, max_docs: int = PARTITION_DOCS, max_chars: int = PARTITION_CHARS) -> Iterator[list]:
    """Documents in partitions of up to `max_docs` documents or `max_chars` characters, in order."""
    part, size = [], 0
    for doc in docs:
        part.append(doc)
        size += len(doc.text)
        if len(part) >= max_docs or size >= max_chars:
            yield part
            part, size = [], 0
    if part:
        yield part


# -- a local pool's worker process --------------------------------------------------

def init_pool_worker(config, exclude=(), user_dict=None) -> None:
    """A pool worker: Ctrl-C is the parent's to handle (a terminal sends it to
    the whole process part), SIGTERM ends the worker at once, and the worker
    dies with its parent, so that `kill -9` of a batch leaves no orphans. A
    forked worker inherits the parent's loaded pipeline."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    close_inherited_outputs()
    _die_with_parent()
    extractor_for(config, exclude, user_dict)
    gc.freeze()  # a process that exists to extract (Extractor's freeze_gc), the inherited pipeline too


def _die_with_parent() -> None:
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            PR_SET_PDEATHSIG = 1
            if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL) == 0:
                if os.getppid() != parent:  # the parent died before prctl
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass

    def watch():
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="newsextract-parent-watch", daemon=True).start()
