"""Batch extraction: inputs -> JSONL, in one process or several, resumable.

Each record is written and flushed as soon as it is finished, in input
order, so a killed batch keeps every record written so far; `--resume`
drops a torn last line and skips the doc_ids already in the output.

What a batch over thousands of scraped files meets, and what it does:

- an input that cannot be read (binary, undecodable, empty, malformed JSON,
  unreadable) is a `ReadFailure`: one line on stderr, the batch goes on, the
  exit status is 1;
- a document whose extraction raises outside the pipeline's own guard, or
  whose worker process dies (killed, out of memory), is reported the same
  way; the worker pool is rebuilt and the other documents are redone;
- every record is written under an exclusive lock (`flock`) in one piece, so
  that other processes appending to the same file never interleave with it,
  and a torn last line left by a killed writer is cut before the next one;
- Ctrl-C (SIGINT) or SIGTERM never tears a line: a signal that arrives while
  a line is being written takes effect once it is written; the records in
  flight are abandoned, the workers terminated, and the caller told how to
  resume (`Interrupted`, `interrupted_message`);
- `kill -9` leaves at most a torn last line, which `--resume` cuts and redoes;
  pool workers die with their parent.
"""
from __future__ import annotations

import collections
import contextlib
import json
import multiprocessing as mp
import os
import shlex
import signal
import stat
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from tqdm import tqdm

from .reading import Document, ReadFailure, read_paths, walk
from .records import LongRecord

try:
    import fcntl
except ImportError:  # not POSIX: one writer per file, no lock
    fcntl = None

_worker_extractor = None
_worker_config = None
# Output files open in this process: a forked worker closes its copies, so
# that only the batch itself holds the file (and its lock).
_OUTPUT_FDS: set[int] = set()


def _init_worker(config, exclude=()):
    """Load the pipeline once per process (a forked worker inherits a loaded one)."""
    global _worker_extractor, _worker_config
    if _worker_extractor is None or _worker_config != (config, tuple(exclude)):
        from .extractor import Extractor

        _worker_extractor = Extractor(config, exclude=exclude, freeze_gc=True)
        _worker_config = (config, tuple(exclude))


def _init_pool_worker(config, exclude=()):
    """A pool worker: Ctrl-C is the parent's to handle (a terminal sends it to
    the whole process group), SIGTERM ends the worker at once, and the worker
    dies with its parent, so that `kill -9` of a batch leaves no orphans."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    for fd in list(_OUTPUT_FDS):
        with contextlib.suppress(OSError):
            os.close(fd)
    _OUTPUT_FDS.clear()
    _die_with_parent()
    _init_worker(config, exclude)


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


def _work(args):
    """("record", record) or ("failure", reason): an exception that escapes
    the extractor costs this document, not the batch."""
    doc, include_text = args
    try:
        return "record", _worker_extractor.extract_document(doc, include_text, long_record=True)
    except Exception as e:  # noqa: BLE001
        return "failure", f"extraction failed: {type(e).__name__}: {e}"


@dataclass
class Summary:
    files: int = 0
    records: int = 0
    skipped: int = 0
    failures: int = 0
    chars: int = 0
    seconds: float = 0.0
    interrupted: bool = False

    def line(self) -> str:
        cps = self.chars / self.seconds if self.seconds else 0.0
        return (f"newsextract: {self.files} files, {self.records} records written, {self.skipped} skipped (resume), "
                f"{self.failures} errors, {self.chars} characters in {self.seconds:.1f} s ({cps:,.0f} chars/s)")


class Interrupted(KeyboardInterrupt):
    """A batch stopped by SIGINT (Ctrl-C) or SIGTERM; every record written
    before it is whole. `summary` tells how far it got."""

    def __init__(self, signum: int = signal.SIGINT, summary: Summary | None = None, output: str | None = None):
        super().__init__(signum)
        self.signum = int(signum)
        self.summary = summary
        self.output = output


def count_documents(paths: Iterable[str], exclude: Iterable[str] = ()) -> tuple[int, int]:
    """(files, documents) without parsing: a quick first pass for the progress bar."""
    files = docs = 0
    skip = {os.path.realpath(x) for x in exclude if x and x != "-"}
    for arg in paths:
        if arg == "-":
            return files, 0
        p = Path(arg)
        found = [f for f in walk(p) if isinstance(f, Path)] if p.is_dir() else [p]
        for f in found:
            if skip and os.path.realpath(f) in skip:
                continue
            files += 1
            if f.suffix.lower() == ".jsonl":
                try:
                    with open(f, "rb") as fh:
                        docs += sum(1 for line in fh if line.strip())
                except OSError:
                    docs += 1
            else:
                docs += 1
    return files, docs


# -- the output file ---------------------------------------------------------------

class OutputError(OSError):
    """The output cannot be opened or written; the message says which and why."""


def encode_record(record: dict) -> bytes:
    """The record as one JSON line in UTF-8. A lone surrogate in a text (a
    JSON input with "\\ud800") is written as a \\u escape; an item whose
    value JSON cannot carry (an integer of thousands of digits, infinity) is
    dropped, and the record's `errors` say so."""
    try:
        line = json.dumps(record, ensure_ascii=False, allow_nan=False)
    except (ValueError, TypeError, RecursionError):
        record = _writable(record)
        line = json.dumps(record, ensure_ascii=False, allow_nan=False)
    try:
        data = line.encode("utf-8")
    except UnicodeEncodeError:
        data = json.dumps(record, ensure_ascii=True, allow_nan=False).encode("ascii")
    return data + b"\n"


def _writable(record: dict) -> dict:
    def ok(value) -> str | None:
        try:
            json.dumps(value, allow_nan=False)
            return None
        except (ValueError, TypeError, RecursionError) as e:
            return f"{type(e).__name__}: {str(e)[:80]}"

    out, notes = {}, []
    for key, value in record.items():
        if key == "errors":
            continue
        if isinstance(value, list):
            kept = []
            for it in value:
                why = ok(it)
                if why is None:
                    kept.append(it)
                else:
                    where = f" at {it.get('start')}:{it.get('end')}" if isinstance(it, dict) else ""
                    text = str(it.get("text") if isinstance(it, dict) else it)
                    text = text if len(text) <= 30 else text[:30] + "…"
                    notes.append(f"{key} item {text!r}{where} dropped: its value cannot be written as JSON ({why})")
            out[key] = kept
        else:
            why = ok(value)
            if why is not None:
                notes.append(f"{key} dropped: it cannot be written as JSON ({why})")
                value = None
            out[key] = value
    out["errors"] = [e for e in record.get("errors", []) if ok(e) is None] + notes
    return out


def scan_output(fh) -> tuple[collections.Counter, int, list[int]]:
    """(doc_id counts, length of the whole lines, numbers of lines that are not
    records) of an output file opened for reading in binary."""
    fh.seek(0)
    counts, good, bad = collections.Counter(), 0, []
    for n, line in enumerate(fh, 1):
        if not line.endswith(b"\n"):
            break  # a torn last line: a writer killed while writing it
        try:
            counts[str(json.loads(line)["doc_id"])] += 1
        except (ValueError, KeyError, TypeError, RecursionError):
            bad.append(n)
        good += len(line)
    return counts, good, bad


def done_ids(output: Path) -> set[str]:
    """doc_ids already in `output`; a torn last line (a killed writer) is cut off."""
    if not output.exists():
        return set()
    with RecordWriter(str(output), resume=True) as w:
        return set(w.done)


class RecordWriter:
    """Writes records as JSON lines to a file (or stdout), flushing each one.

    Each line is written whole under an exclusive `flock` on the file, so
    several processes may append to one file; a torn last line left by a
    killed writer is cut before the next line is appended. With `resume`, the
    file is kept: a torn last line is cut off and `done` holds the doc_ids
    already written (`already_written` counts repeated doc_ids), for the
    caller to skip. Without it, the file is emptied."""

    def __init__(self, output: str | None, resume: bool = False):
        self.done: set[str] = set()
        self.remaining: collections.Counter = collections.Counter()
        self.count = 0
        self.notes: list[str] = []
        self.path: Path | None = None
        self._regular = False
        if output and output != "-":
            path = Path(output)
            if not path.parent.exists():
                raise FileNotFoundError(f"output directory {path.parent} does not exist")
            if path.is_dir():
                raise OutputError(f"output {path} is a directory, not a file")
            try:
                # Unbuffered, O_APPEND: each line goes out in write() calls made
                # under the lock, and nothing is left in a buffer to fail later.
                self.out = open(path, "a+b", buffering=0)
            except OSError as e:
                raise OutputError(f"cannot open output {path}: {e.strerror or e}") from None
            self.path = path
            _OUTPUT_FDS.add(self.out.fileno())
            try:
                self._regular = stat.S_ISREG(os.fstat(self.out.fileno()).st_mode)
                if self._regular:
                    with self._locked():
                        if resume:
                            with open(path, "rb") as fh:
                                self.remaining, good, bad = scan_output(fh)
                            size = os.fstat(self.out.fileno()).st_size
                            if good < size:
                                os.ftruncate(self.out.fileno(), good)
                                self.notes.append(f"{path}: a torn last line ({size - good} bytes, a batch killed "
                                                  f"while writing it) was cut; its record is redone")
                            for n in bad[:5]:
                                self.notes.append(f"{path}:{n}: not a record; left as it is")
                        else:
                            os.ftruncate(self.out.fileno(), 0)
            except OSError as e:
                self.close()
                raise OutputError(f"cannot use output {path}: {e.strerror or e}") from None
            self.done = set(self.remaining)
        else:
            self.out = getattr(sys.stdout, "buffer", None) or _TextSink(sys.stdout)

    def already_written(self, doc_id: str) -> bool:
        """True (once per copy in the output) when a record with this doc_id
        was written by an earlier run: a doc_id that occurs twice in the input
        and once in the output is redone the second time."""
        if self.remaining.get(doc_id, 0) > 0:
            self.remaining[doc_id] -= 1
            return True
        return False

    @contextlib.contextmanager
    def _locked(self):
        if fcntl is None or self.path is None:
            yield
            return
        fcntl.flock(self.out.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(self.out.fileno(), fcntl.LOCK_UN)

    def _cut_torn_tail(self) -> None:
        """Under the lock: a file that does not end with a newline holds the
        torn line of a writer that died holding the lock; cut it."""
        fd = self.out.fileno()
        size = os.fstat(fd).st_size
        if size == 0 or os.pread(fd, 1, size - 1) == b"\n":
            return
        pos, cut = size, 0
        while pos > 0:
            start = max(0, pos - 65536)
            i = os.pread(fd, pos - start, start).rfind(b"\n")
            if i != -1:
                cut = start + i + 1
                break
            pos = start
        os.ftruncate(fd, cut)

    def write(self, record: dict | bytes | LongRecord) -> None:
        """One record (or its line from `encode_record`, or a long document's
        record, written in pieces), whole or not at all."""
        data = record if isinstance(record, (bytes, LongRecord)) else encode_record(record)
        parts = data.chunks() if isinstance(data, LongRecord) else (data,)
        try:
            with _GUARD.critical(), self._locked():
                if self._regular and fcntl is not None:
                    self._cut_torn_tail()
                if self.path is None:
                    for part in parts:
                        self.out.write(part)
                    self.out.flush()
                else:
                    for part in parts:
                        view = memoryview(part)
                        while view:
                            view = view[os.write(self.out.fileno(), view):]
        except OSError as e:
            if isinstance(e, BrokenPipeError) or self.path is None:
                raise
            raise OutputError(f"cannot write {self.path}: {e.strerror or e}; the records before this one are "
                              f"kept: fix the cause and run the same command with --resume") from None
        self.count += 1

    def close(self) -> None:
        if self.path is not None and not self.out.closed:
            _OUTPUT_FDS.discard(self.out.fileno())
            self.out.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class _TextSink:
    """stdout replaced by a text stream (tests, notebooks): bytes in, text out."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, data: bytes) -> None:
        self.stream.write(data.decode("utf-8"))

    def flush(self) -> None:
        self.stream.flush()


class _SignalGuard:
    """SIGINT and SIGTERM raise `Interrupted` in the main thread, except inside
    `critical()` (a line being written), where they wait until it is done."""

    def __init__(self):
        self.depth = 0
        self.pending: int | None = None
        self.installed = False
        self._old = {}

    def handler(self, signum, frame):
        if self.depth:
            self.pending = signum
            return
        raise Interrupted(signum)

    @contextlib.contextmanager
    def critical(self):
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1
            if not self.depth and self.pending is not None:
                signum, self.pending = self.pending, None
                raise Interrupted(signum)

    @contextlib.contextmanager
    def installed_here(self):
        """Install the handlers for the duration (main thread only; elsewhere a no-op)."""
        if threading.current_thread() is not threading.main_thread() or self.installed:
            yield
            return
        for s in (signal.SIGINT, signal.SIGTERM):
            self._old[s] = signal.signal(s, self.handler)
        self.installed = True
        try:
            yield
        finally:
            for s, old in self._old.items():
                signal.signal(s, old)
            self._old.clear()
            self.installed = False
            self.pending = None


_GUARD = _SignalGuard()


# -- the batch ---------------------------------------------------------------------

class Session:
    """What every engine (local processes, Dask) shares: the output writer
    and `--resume`, the summary, the progress bar, the documents still to
    do, and what becomes of each result, which the engine hands back in
    input order."""

    def __init__(self, paths: list[str], output: str | None, *, resume: bool, progress: bool, err):
        self.err, self.output = err, output
        self.summary = Summary()
        self.t0 = time.perf_counter()
        self.writer = RecordWriter(output, resume)
        for note in self.writer.notes:
            print(f"newsextract: note: {note}", file=err)
        self.paths = paths
        self.exclude = [output] if self.writer.path is not None else []
        n_files, n_docs = count_documents(paths, self.exclude)
        self.summary.files = n_files
        self.bar = tqdm(total=n_docs or None, unit="doc", disable=not progress, file=err, dynamic_ncols=True,
                        smoothing=0.1)

    def documents(self) -> Iterator[Document]:
        """The documents to extract: read failures reported, those already
        in the output (`--resume`) skipped."""
        summary, bar = self.summary, self.bar
        for item in read_paths(self.paths, exclude=self.exclude):
            if isinstance(item, ReadFailure):
                summary.failures += 1
                bar.write(f"newsextract: error: {item}", file=self.err)
                bar.update(1)
                continue
            if self.writer.already_written(item.doc_id):
                summary.skipped += 1
                bar.update(1)
                continue
            summary.chars += len(item.text)
            yield item

    def handle(self, doc: Document, result) -> None:
        """One result, ("record", record) or ("failure", reason)."""
        kind, value = result
        if kind == "record":
            self.writer.write(value)
            self.summary.records += 1
        else:
            self.summary.failures += 1
            self.bar.write(f"newsextract: error: {_where(doc)}: {value}", file=self.err)
        self.bar.update(1)

    def interrupted(self, e: BaseException) -> "Interrupted":
        self.summary.interrupted = True
        return Interrupted(getattr(e, "signum", signal.SIGINT), self.summary, self.output)

    def close(self) -> None:
        self.bar.close()
        self.writer.close()
        self.summary.seconds = time.perf_counter() - self.t0


def run(paths: list[str], output: str | None, *, workers: int = 1, resume: bool = False,
        include_text: bool = False, config: str | None = None, exclude=(), progress: bool = True,
        err=None) -> Summary:
    err = err if err is not None else sys.stderr  # looked up now: tests and callers swap sys.stderr
    if exclude:
        from .pipeline import check_exclude

        check_exclude(config, exclude)
    session = Session(paths, output, resume=resume, progress=progress, err=err)
    try:
        with _GUARD.installed_here():
            if workers > 1:
                _run_pool(session.documents(), session.handle, workers=workers, config=config,
                          exclude=exclude, include_text=include_text)
            else:
                _init_worker(config, exclude)
                for chunk in _chunks(session.documents()):
                    for doc, result in zip(chunk, _work_chunk((chunk, include_text))):
                        session.handle(doc, result)
    except KeyboardInterrupt as e:
        raise session.interrupted(e) from None
    finally:
        session.close()
    return session.summary


def _where(doc: Document) -> str:
    where = doc.path or "<stdin>"
    if doc.line is not None:
        where += f":{doc.line}"
    return f"{where} (doc_id {doc.doc_id})"


# How many chunks per worker are submitted ahead of the one being written.
AHEAD = 2
# Documents go to the workers in chunks of up to this many documents or
# characters: one round trip per chunk instead of per document keeps the
# parent's share of the CPU small (it shares the cores with the workers).
CHUNK_DOCS = 16
CHUNK_CHARS = 20_000
# A batch gives up when this many documents in a row lose their worker.
MAX_DEATHS = 3


def _work_chunk(args):
    """The results of `_work` for each document of a chunk, in order, the
    pipeline running over the chunk as one batch (`extract_documents`)."""
    docs, include_text = args
    return results_of(_worker_extractor, docs, include_text, lambda doc: _work((doc, include_text)))


def results_of(extractor, docs: list[Document], include_text: bool, one) -> list[tuple[str, object]]:
    """("record", the record as its JSON line) for each document, extracted
    together; should that fail, `one(doc)` gives each document's result on
    its own. Encoded here, in the worker: the parent, which shares the cores
    with the workers, then only writes bytes."""
    try:
        return [("record", r if isinstance(r, LongRecord) else encode_record(r))
                for r in extractor.extract_documents(docs, include_text, long_record=True)]
    except Exception:  # noqa: BLE001
        return [one(doc) for doc in docs]


def _chunks(docs: Iterator[Document], max_docs: int = CHUNK_DOCS, max_chars: int = CHUNK_CHARS):
    chunk, size = [], 0
    for doc in docs:
        chunk.append(doc)
        size += len(doc.text)
        if len(chunk) >= max_docs or size >= max_chars:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _run_pool(docs: Iterator[Document], handle, *, workers: int, config, include_text: bool,
              exclude=()) -> None:
    """Documents through `workers` processes, in chunks, results handled in
    input order.

    A worker that dies (killed, out of memory) breaks the pool: it is rebuilt,
    and each document of the chunks that were in flight is redone on its own,
    so the one that kills its worker is found and reported, and the others
    are kept."""
    ctx = mp.get_context("spawn" if sys.platform == "darwin" else "fork")

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_pool_worker,
                                   initargs=(config, tuple(exclude)))

    pool = new_pool()
    pending: collections.deque = collections.deque()  # (chunk, future, pool)
    deaths = 0

    def alone(doc):
        """Redo one document after a worker died; the pool is rebuilt first if needed."""
        nonlocal pool, deaths
        try:
            result = pool.submit(_work, (doc, include_text)).result()
        except BrokenProcessPool:
            _terminate(pool)
            pool = new_pool()
            deaths += 1
            if deaths >= MAX_DEATHS:
                raise ChildProcessError(f"worker processes keep dying ({deaths} documents in a row); "
                                        f"last at {_where(doc)}") from None
            return "failure", "its worker process died while extracting it (killed, or out of memory); skipped"
        deaths = 0
        return result

    def submit(chunk):
        nonlocal pool
        try:
            pending.append((chunk, pool.submit(_work_chunk, (chunk, include_text)), pool))
        except BrokenProcessPool:  # a worker died since the last result: documents in flight are redone
            _terminate(pool)
            pool = new_pool()
            pending.append((chunk, pool.submit(_work_chunk, (chunk, include_text)), pool))

    def flush_one():
        nonlocal pool
        chunk, fut, its_pool = pending.popleft()
        try:
            results = fut.result()
        except BrokenProcessPool:
            if its_pool is pool:
                _terminate(pool)
                pool = new_pool()
            results = None
        for i, doc in enumerate(chunk):
            handle(doc, results[i] if results is not None else alone(doc))

    try:
        for chunk in _chunks(docs):
            submit(chunk)
            while len(pending) >= AHEAD * workers or (pending and pending[0][1].done()):
                flush_one()
        while pending:
            flush_one()
    except BaseException:
        _terminate(pool)
        raise
    pool.shutdown(wait=True)


def _terminate(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: cancel what is queued, end the workers (SIGTERM, then SIGKILL)."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
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


# -- what to tell the user ---------------------------------------------------------

def resume_command(args) -> str:
    """The command line that finishes an interrupted `newsextract extract`."""
    cmd = ["newsextract", "extract", *args.paths, "-o", args.output]
    if getattr(args, "workers", 1) and args.workers > 1:
        cmd += ["--workers", str(args.workers)]
    if getattr(args, "include_text", False):
        cmd.append("--include-text")
    if getattr(args, "config", None):
        cmd += ["--config", args.config]
    for name in getattr(args, "exclude", None) or ():
        cmd += ["--exclude", name]
    if getattr(args, "engine", "local") not in (None, "local"):
        cmd += ["--engine", args.engine]
    if getattr(args, "scheduler", None):
        cmd += ["--scheduler", args.scheduler]
    if getattr(args, "no_progress", False):
        cmd.append("--no-progress")
    cmd.append("--resume")
    return shlex.join(cmd)


def interrupted_message(exc: BaseException, args) -> str:
    signum = getattr(exc, "signum", signal.SIGINT)
    what = "interrupted" if signum == signal.SIGINT else f"stopped by {signal.Signals(signum).name}"
    summary = getattr(exc, "summary", None)
    n = f"{summary.records} records" if summary is not None else "the records"
    output = getattr(args, "output", None)
    if output in (None, "-"):
        return (f"\nnewsextract: {what}; {n} went to stdout. To be able to resume a long batch, write it "
                f"to a file (-o OUT.jsonl) and run the same command with --resume after an interruption.")
    return (f"\nnewsextract: {what}; {n} written in this run are kept in {output}, every line whole "
            f"(the documents in flight were abandoned). To finish, run the same command with --resume:\n"
            f"  {resume_command(args)}")


def quiet_broken_pipe() -> None:
    """stdout's reader went away (`| head`): no more output, no traceback at exit."""
    with contextlib.suppress(Exception):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
