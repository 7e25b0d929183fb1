"""The local engine: the batch in this process, or in a pool of worker
processes, results written in input order.

The pipeline is loaded here before the output is opened, so that a config
that cannot be loaded leaves an existing output as it was; forked workers
inherit the loaded pipeline (`start_method`: fork on Linux, spawn
elsewhere). A worker that dies (killed, out of memory)
breaks the pool: it is rebuilt and each document that was in flight is
redone on its own, so the one that kills its worker is found and reported
and the others are kept. Ctrl-C and SIGTERM end the workers; `kill -9` of
the batch takes its workers with it (`worker.init_pool_worker`).
"""
from __future__ import annotations

import collections
import contextlib
import multiprocessing as mp
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Iterator

from ..reading import Document
from .session import Session, Summary, batch_inputs, describe
from .signals import GUARD
from .worker import (check_pipeline, extract_partition, extractor_for, init_pool_worker, load_pipeline, partitions, run_one,
                     run_partition)

# How many partitions per worker are submitted ahead of the one being written.
AHEAD = 2
# A batch gives up when this many documents in a row lose their worker.
MAX_DEATHS = 3


def run(paths: list[str], output: str | None, *, workers: int = 1, resume: bool = False,
        include_text: bool = False, config: str | None = None, exclude=(), progress: bool = True,
        err=None, user_dict: str | None = None) -> Summary:
    """Extract `paths` into `output` (a JSONL file; None or '-': stdout)
    with `workers` processes (with a `user_dict`: userdict.py). Raises InputError, SetupError or OutputError
    before the output is touched, Interrupted (with the summary) on Ctrl-C
    or SIGTERM, PipelineBroken when document after document fails."""
    err = err if err is not None else sys.stderr  # looked up now: tests and callers swap sys.stderr
    if workers < 1:
        raise ValueError(f"workers must be 1 or more, not {workers}")
    exclude = tuple(exclude)
    listing = batch_inputs(paths, output)
    check_pipeline(config, exclude, user_dict)
    user_dict = os.path.abspath(user_dict) if user_dict else None  # the same file wherever a worker starts
    load_pipeline(config, exclude, user_dict)  # here: forked workers inherit it
    session = Session(listing, output, resume=resume, progress=progress, err=err)
    try:
        with GUARD.installed_here():
            if workers > 1:
                run_pool(session.documents(), session.handle, workers=workers, config=config,
                         exclude=exclude, include_text=include_text, user_dict=user_dict)
            else:
                ex = extractor_for(config, exclude, user_dict)
                for part in partitions(session.documents()):
                    for doc, result in zip(part, extract_partition(ex, part, include_text)):
                        session.handle(doc, result)
    except KeyboardInterrupt as e:
        raise session.interrupted(e) from None
    finally:
        session.close()
    return session.summary


def start_method(platform: str | None = None) -> str:
    """How worker processes start, on `platform` (default sys.platform): the
    one rule for the batch's pool and `Extractor.extract_many`.

    fork on Linux: a forked worker inherits the loaded pipeline (about a
    second and a few hundred MB it need not load again; pages shared until
    written). spawn elsewhere: Windows has no fork, and on macOS a forked
    child of a process that has used the system's frameworks may crash
    (Python's own default there is spawn since 3.8); a spawned worker loads
    the pipeline from the same settings (config, exclude, user dictionary)."""
    platform = sys.platform if platform is None else platform
    return "fork" if platform.startswith("linux") else "spawn"


class _TrackedContext:
    """A multiprocessing context that remembers the processes it starts, so
    that a pool's workers can be ended at once (the executor has no public
    way to do it before Python 3.14)."""

    def __init__(self, ctx):
        self._ctx = ctx
        self.processes: list = []

    def Process(self, *args, **kwargs):  # noqa: N802 - the context's own name
        p = self._ctx.Process(*args, **kwargs)
        self.processes.append(p)
        return p

    def __getattr__(self, name):
        return getattr(self._ctx, name)


class WorkerPool:
    """A ProcessPoolExecutor of pipeline workers (`worker.init_pool_worker`:
    one Extractor of these settings each) and the processes it started: the
    batch's pool and extract_many's."""

    def __init__(self, workers: int, config, exclude, user_dict=None):
        self.context = _TrackedContext(mp.get_context(start_method()))
        self.executor = ProcessPoolExecutor(workers, mp_context=self.context, initializer=init_pool_worker,
                                            initargs=(config, tuple(exclude), user_dict))

    def submit(self, fn, *args):
        return self.executor.submit(fn, *args)

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True)

    def terminate(self) -> None:
        """Stop now: cancel what is queued, end the workers (SIGTERM, then SIGKILL)."""
        self.executor.shutdown(wait=False, cancel_futures=True)
        procs = self.context.processes
        for p in procs:
            with contextlib.suppress(Exception):
                p.terminate()
        deadline = time.monotonic() + 5
        for p in procs:
            with contextlib.suppress(Exception):
                p.join(max(0.0, deadline - time.monotonic()))
                if p.is_alive():
                    p.kill()
                    p.join(1)


def run_pool(docs: Iterator[Document], handle, *, workers: int, config, include_text: bool, exclude=(),
             user_dict=None) -> None:
    """Documents through `workers` processes, in partitions, results handled in input order."""
    pool = WorkerPool(workers, config, exclude, user_dict)
    pending: collections.deque = collections.deque()  # (part, future, pool)
    deaths = 0

    def rebuild():
        nonlocal pool
        pool.terminate()
        pool = WorkerPool(workers, config, exclude, user_dict)

    def alone(doc):
        """Redo one document after a worker died; the pool is rebuilt first if needed."""
        nonlocal deaths
        try:
            result = pool.submit(run_one, doc, include_text, config, exclude, user_dict).result()
        except BrokenProcessPool:
            rebuild()
            deaths += 1
            if deaths >= MAX_DEATHS:
                raise ChildProcessError(f"worker processes keep dying ({deaths} documents in a row); "
                                        f"last at {describe(doc)}") from None
            return "failure", "its worker process died while extracting it (killed, or out of memory); skipped"
        deaths = 0
        return result

    def submit(part):
        try:
            pending.append((part, pool.submit(run_partition, part, include_text, config, exclude, user_dict), pool))
        except BrokenProcessPool:  # a worker died since the last result: documents in flight are redone
            rebuild()
            pending.append((part, pool.submit(run_partition, part, include_text, config, exclude, user_dict), pool))

    def flush_one():
        part, fut, its_pool = pending.popleft()
        try:
            results = fut.result()
        except BrokenProcessPool:
            if its_pool is pool:
                rebuild()
            results = None
        for i, doc in enumerate(part):
            handle(doc, results[i] if results is not None else alone(doc))

    try:
        for part in partitions(docs):
            submit(part)
            while len(pending) >= AHEAD * workers or (pending and pending[0][1].done()):
                flush_one()
        while pending:
            flush_one()
    except BaseException:
        pool.terminate()
        raise
    pool.shutdown()
