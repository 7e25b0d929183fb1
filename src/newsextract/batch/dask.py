"""The Dask engine (the optional extra `newsextract[dask]`).

Two entry points:

- `extract_bag(bag)`: a `dask.bag` of texts, dicts with `text`, `Document`s or
  paths -> a bag of records (and `ReadFailure`s for inputs that could not be
  read or extracted), for programs that already work with Dask.
- `run_dask(paths, output, scheduler)`: what `newsextract extract ... --engine
  dask` runs, on the cluster at `scheduler`, or without one on a
  `LocalCluster` of `workers` processes started here. The inputs are read
  here, on the client (so the files need not be visible to the workers), cut
  into partitions and submitted to the cluster; records are written through
  the local engine's `Session`, partition by partition as soon as a
  partition and all earlier ones are done, so the output holds the records
  of a local run in the same order, and `--resume` works the same way.

The workers run the same worker module as the local engine
(`batch.worker`): each worker process loads the pipeline once and keeps it.
The workers need newsextract (and the same `--config` and `--user-dict` files, if
given) installed.
"""
from __future__ import annotations

import logging
import os
import sys
import uuid
from typing import Iterable, Iterator

from ..reading import Document, ReadFailure, read_paths, text_document
from .session import Session, Summary, batch_inputs
from .signals import GUARD
from .worker import check_pipeline, extract_partition, extractor_for, load_pipeline, partitions, run_partition

__all__ = ["extract_bag", "run_dask", "is_failure", "ClusterError", "DASK_MISSING", "load_pipeline"]

DASK_MISSING = "the dask engine needs Dask: install newsextract[dask] (from a clone: pip install -e '.[dask]')"

# Default partition size: about 1.5 s of work for one worker at ~35,000 chars/s
# (larger than the local engine's, worker.PARTITION_*: a round trip to the
# cluster costs more than one to a local process).
PARTITION_CHARS = 50_000
PARTITION_DOCS = 200


class ClusterError(ConnectionError):
    """The scheduler cannot be reached, or the cluster could not run a partition
    (newsextract missing on a worker, a worker killed again and again)."""


def _require_dask():
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as e:
        raise ImportError(DASK_MISSING) from e


def is_failure(item) -> bool:
    """True for the `ReadFailure`s that `extract_bag` yields for inputs that
    could not be read (or, rarely, extracted)."""
    return isinstance(item, ReadFailure)


def _bag_documents(item, paths: bool) -> Iterator[Document | ReadFailure]:
    """Documents (or failures) for one bag item."""
    if isinstance(item, os.PathLike) or (paths and isinstance(item, str)):
        yield from read_paths([os.fspath(item)])
    elif isinstance(item, Document):
        yield item
    elif isinstance(item, str):
        yield text_document(item)
    elif isinstance(item, dict):
        if isinstance(item.get("text"), str):
            yield text_document(item["text"], item.get("doc_id"), item.get("published"), item.get("title"),
                                item.get("url"))
        else:
            yield ReadFailure(str(item.get("doc_id") or "<dict>"), "JSON object has no string field 'text'")
    else:
        yield ReadFailure(repr(item)[:60], f"cannot extract from {type(item).__name__}")


def extract_bag_partition(items: Iterable, include_text: bool = False, config: str | None = None,
                      paths: bool = False, exclude=(), user_dict: str | None = None) -> list:
    """Records (and `ReadFailure`s) for the items of one bag partition, in
    order. Runs on a worker, with the worker module's Extractor and partitions."""
    ex = extractor_for(config, exclude, user_dict)
    out: list = []
    docs: list[Document] = []

    def flush():
        for part in partitions(docs):
            for doc, (kind, value) in zip(part, extract_partition(ex, part, include_text, encode=False)):
                out.append(value if kind == "record" else ReadFailure(doc.path or "<text>", value, doc.line))
        docs.clear()

    for item in items:
        for doc in _bag_documents(item, paths):
            if isinstance(doc, ReadFailure):
                flush()
                out.append(doc)
            else:
                docs.append(doc)
    flush()
    return out


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
    return bag.map_partitions(extract_bag_partition, include_text=include_text, config=config, paths=paths,
                              exclude=tuple(exclude), user_dict=user_dict)


def _connect(scheduler, workers: int | None):
    """(client, cluster started here or None, whether the client is ours)."""
    from distributed import Client, LocalCluster

    if isinstance(scheduler, Client):
        return scheduler, None, False
    if scheduler is None:
        try:
            cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True, host="127.0.0.1",
                                   dashboard_address=None, silence_logs=logging.ERROR)
        except Exception as e:  # noqa: BLE001 - ports, process limits: said in one line
            raise ClusterError(f"cannot start a Dask LocalCluster of {workers or 1} workers here: "
                               f"{type(e).__name__}: {e}") from e
        return Client(cluster), cluster, True
    try:
        return Client(scheduler), None, True
    except (OSError, TimeoutError) as e:
        raise ClusterError(f"cannot connect to the Dask scheduler at {scheduler}: {e}") from e


def _load_everywhere(client, config, exclude, user_dict=None) -> None:
    """Load the pipeline on every worker and wait for it: a config that no
    worker can load (or newsextract missing there) is an error before any
    output is touched. Workers that join later load it on their first partition."""
    nthreads = client.nthreads()
    futures = [client.submit(load_pipeline, config, exclude, user_dict, workers=[w], allow_other_workers=False, pure=False,
                             key=f"newsextract-load-{uuid.uuid4().hex[:8]}") for w in nthreads]
    try:
        client.gather(futures)
    except Exception as e:  # noqa: BLE001 - SetupError from a worker, or newsextract not importable there
        raise ClusterError(f"the cluster's workers cannot load the pipeline: {type(e).__name__}: {e} (is the same "
                           f"newsextract, and the --config and --user-dict files, on every worker?)") from e


def run_dask(paths: list[str], output: str | None, scheduler=None, *, workers: int | None = None,
             resume: bool = False, include_text: bool = False, config: str | None = None, exclude=(),
             progress: bool = True, partition_chars: int = PARTITION_CHARS, err=None,
             user_dict: str | None = None) -> Summary:
    """The batch of `batch.run` on a Dask cluster: `scheduler` is an address
    (`tcp://HOST:PORT`), a `distributed.Client`, or None for a `LocalCluster`
    of `workers` processes (one thread each) on this machine. Same output,
    same `resume`, same failure reports, interruption and summary as the
    local engine; the output is opened only once the workers have loaded the
    pipeline."""
    _require_dask()
    from distributed import as_completed

    err = err if err is not None else sys.stderr  # looked up now: tests and callers swap sys.stderr
    exclude = tuple(exclude)
    listing = batch_inputs(paths, output)
    check_pipeline(config, exclude, user_dict)
    user_dict = os.path.abspath(user_dict) if user_dict else None  # workers on this machine start elsewhere
    futures: dict = {}
    client = cluster = None
    own_client = False
    try:
        with GUARD.installed_here():
            client, cluster, own_client = _connect(scheduler, workers)
            _load_everywhere(client, config, exclude, user_dict)
            session = Session(listing, output, resume=resume, progress=progress, err=err)
            try:
                threads = sum(client.nthreads().values()) or 1
                # Partitions submitted and not yet written: enough to keep every
                # worker busy while an earlier partition is still running, bounded
                # so that a long batch does not pile up texts or records here.
                window = 2 * threads + 2
                parts = partitions(session.documents(), PARTITION_DOCS, partition_chars)
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
                        fut = client.submit(run_partition, part, include_text, config, exclude, user_dict, pure=False,
                                            retries=1,
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
                session.close()
    finally:
        for _, fut in futures.values():
            fut.cancel()
        if own_client and client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    return session.summary
