"""Extraction on a Dask distributed cluster (the optional extra `newsextract[dask]`).

Two entry points:

- `extract_bag(bag)`: a `dask.bag` of texts, dicts with `text`, `Document`s or
  paths -> a bag of records (and `ReadFailure`s for inputs that could not be
  read), for programs that already work with Dask.
- `run_dask(paths, output, scheduler)`: what `newsextract extract ... --engine
  dask --scheduler ADDRESS` runs. The inputs are read here, on the client
  (so the files need not be visible to the workers), cut into partitions and
  submitted to the cluster; records are written through the same
  `RecordWriter` as the local engine, partition by partition as soon as a
  partition and all earlier ones are done, so the output holds the records of
  a local run in the same order, and `--resume` works the same way.

Each worker process loads the pipeline once, on its first task, and keeps it
for the tasks that follow. The workers need newsextract (and the same
`--config` file, if one is given) installed.
"""
from __future__ import annotations

import os
import sys
import threading
import uuid
from typing import Iterable, Iterator

from .reading import Document, ReadFailure, read_paths

__all__ = ["extract_bag", "run_dask", "is_failure", "ClusterError", "DASK_MISSING"]

DASK_MISSING = "the dask engine needs Dask: install newsextract[dask] (pip install 'newsextract[dask]')"

# Default partition size: about 1.5 s of work for one worker at ~35,000 chars/s.
PARTITION_CHARS = 50_000
PARTITION_DOCS = 200


class ClusterError(ConnectionError):
    """The scheduler cannot be reached, or the cluster could not run a partition
    (newsextract missing on a worker, a worker killed again and again)."""


_extractors: dict = {}
_lock = threading.Lock()


def _require_dask():
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as e:
        raise ImportError(DASK_MISSING) from e


def worker_extractor(config: str | None = None, exclude=(), user_dict: str | None = None):
    """The Extractor of this process for `config` without `exclude` (with
    `user_dict`), loaded on first use (once per worker process, also when the
    worker runs several threads)."""
    key = (config, tuple(exclude), user_dict)
    ex = _extractors.get(key)
    if ex is None:
        with _lock:
            ex = _extractors.get(key)
            if ex is None:
                from .extractor import Extractor

                ex = _extractors[key] = Extractor(config, exclude=exclude, freeze_gc=True, user_dict=user_dict)
    return ex


def load_pipeline(config: str | None = None, exclude=(), user_dict: str | None = None) -> None:
    """Load the pipeline in this (worker) process, if not loaded yet."""
    worker_extractor(config, exclude, user_dict)


def is_failure(item) -> bool:
    """True for the `ReadFailure`s that `extract_bag` yields for inputs that
    could not be read (or, rarely, extracted)."""
    return isinstance(item, ReadFailure)


def _documents(item, paths: bool) -> Iterator:
    """Documents, dicts, texts or failures for one bag item."""
    if isinstance(item, os.PathLike) or (paths and isinstance(item, str)):
        yield from read_paths([os.fspath(item)])
    elif isinstance(item, (str, Document)):
        yield item
    elif isinstance(item, dict):
        if isinstance(item.get("text"), str):
            yield item
        else:
            yield ReadFailure(str(item.get("doc_id") or "<dict>"), "JSON object has no string field 'text'")
    else:
        yield ReadFailure(repr(item)[:60], f"cannot extract from {type(item).__name__}")


def _extract_one(ex, doc, include_text: bool):
    """("record", record) or ("failure", reason), as the local engine's workers
    give them: an exception that escapes the extractor costs this document only."""
    try:
        return "record", next(ex.extract_many([doc], include_text))
    except Exception as e:  # noqa: BLE001
        return "failure", f"extraction failed: {type(e).__name__}: {e}"


def extract_partition(items: Iterable, include_text: bool = False, config: str | None = None,
                      paths: bool = False, exclude=(), user_dict: str | None = None) -> list:
    """Records (and `ReadFailure`s) for the items of one partition, in order.
    Runs on a worker; the pipeline is loaded once per worker process."""
    ex = worker_extractor(config, exclude, user_dict)
    out = []
    for item in items:
        for doc in _documents(item, paths):
            if isinstance(doc, ReadFailure):
                out.append(doc)
                continue
            kind, value = _extract_one(ex, doc, include_text)
            if kind == "record":
                out.append(value)
            else:
                where = doc.path if isinstance(doc, Document) and doc.path else "<text>"
                out.append(ReadFailure(where, value, doc.line if isinstance(doc, Document) else None))
    return out


def _extract_documents(docs: list[Document], include_text: bool, config: str | None,
                       exclude=(), user_dict: str | None = None) -> list[tuple[str, object]]:
    """What run_dask submits: (kind, record or reason) for each document of a partition."""
    from .batch import results_of

    ex = worker_extractor(config, exclude, user_dict)
    return results_of(ex, docs, include_text, lambda d: _extract_one(ex, d, include_text))


def extract_bag(bag, config: str | None = None, include_text: bool = False, paths: bool = False,
                exclude=(), user_dict: str | None = None):
    """A `dask.bag` of records for a bag of inputs, computed where the bag is
    computed (a `distributed.Client`, if one is active).

    Items may be texts (`str`), dicts with `text` (and `doc_id`, `published`,
    `title`, `url`), `newsextract.reading.Document`s, or paths (`pathlib.Path`
    or any `os.PathLike`; with `paths=True` plain strings are paths too) of
    .txt/.json/.jsonl files or directories, read on the worker. A record is
    the same as `Extractor(config, exclude=exclude, user_dict=user_dict).extract_many` gives
    (`user_dict`, as `config`, a path every worker can read). An input that cannot
    be read gives a `ReadFailure` (`is_failure(item)`) in its place instead
    of failing the computation: `bag.filter(is_failure)` lists them.
    """
    _require_dask()
    return bag.map_partitions(extract_partition, include_text=include_text, config=config, paths=paths,
                              exclude=tuple(exclude), user_dict=user_dict)


def _partitions(docs: Iterable[Document], max_chars: int, max_docs: int) -> Iterator[list[Document]]:
    part, size = [], 0
    for d in docs:
        part.append(d)
        size += len(d.text)
        if size >= max_chars or len(part) >= max_docs:
            yield part
            part, size = [], 0
    if part:
        yield part


def run_dask(paths: list[str], output: str | None, scheduler, *, resume: bool = False,
             include_text: bool = False, config: str | None = None, exclude=(), progress: bool = True,
             partition_chars: int = PARTITION_CHARS, err=None, user_dict: str | None = None):
    """The batch of `batch.run` on a Dask cluster: `scheduler` is an address
    (`tcp://HOST:PORT`) or a `distributed.Client`. Same output, same
    `resume`, same failure reports, interruption and summary as the local
    engine; returns its `batch.Summary`."""
    _require_dask()
    from distributed import Client, as_completed, fire_and_forget

    from .batch import _GUARD, Session

    err = err if err is not None else sys.stderr  # looked up now: tests and callers swap sys.stderr
    exclude = tuple(exclude)
    if exclude:
        from .pipeline import check_exclude

        check_exclude(config, exclude)
    session = Session(paths, output, resume=resume, progress=progress, err=err)
    own_client = not isinstance(scheduler, Client)
    client = None
    futures: dict = {}
    try:
        with _GUARD.installed_here():
            if own_client:
                try:
                    client = Client(scheduler)
                except (OSError, TimeoutError) as e:
                    raise ClusterError(f"cannot connect to the Dask scheduler at {scheduler}: {e}") from e
            else:
                client = scheduler
            nthreads = client.nthreads()
            threads = sum(nthreads.values()) or 1
            # Load the pipeline on every worker at once, rather than on each
            # worker's first partition (workers that join later do it then).
            fire_and_forget([client.submit(load_pipeline, config, exclude, user_dict, workers=[w], allow_other_workers=False,
                                           pure=False, key=f"newsextract-load-{uuid.uuid4().hex[:8]}")
                             for w in nthreads])
            # Partitions submitted and not yet written: enough to keep every
            # worker busy while an earlier partition is still running, bounded
            # so that a long batch does not pile up texts or records here.
            window = 2 * threads + 2
            parts = _partitions(session.documents(), partition_chars, PARTITION_DOCS)
            run_id = uuid.uuid4().hex[:8]
            done: dict[int, tuple] = {}
            index: dict[str, int] = {}
            submitted = written = 0
            ac = as_completed()

            def submit_more():
                nonlocal submitted
                while submitted - written < window:
                    part = next(parts, None)
                    if part is None:
                        return
                    fut = client.submit(_extract_documents, part, include_text, config, exclude, user_dict, pure=False, retries=1,
                                        key=f"newsextract-{run_id}-{submitted}")
                    index[fut.key] = submitted
                    futures[submitted] = (part, fut)
                    ac.add(fut)
                    submitted += 1

            submit_more()
            while not ac.is_empty():
                fut = next(ac)
                i = index.pop(fut.key)
                part, _ = futures.pop(i)
                try:
                    done[i] = (part, fut.result())
                except Exception as e:
                    raise ClusterError(
                        f"a partition failed on the cluster: {type(e).__name__}: {e} (is the same newsextract "
                        f"installed on every worker?); the records written so far are kept, --resume finishes "
                        f"the batch") from e
                finally:
                    fut.release()
                while written in done:  # in input order: every earlier partition is written
                    part, results = done.pop(written)
                    for doc, result in zip(part, results):
                        session.handle(doc, result)
                    written += 1
                submit_more()
    except KeyboardInterrupt as e:
        raise session.interrupted(e) from None
    finally:
        for _, fut in futures.values():
            fut.cancel()
        session.close()
        if own_client and client is not None:
            client.close()
    return session.summary
