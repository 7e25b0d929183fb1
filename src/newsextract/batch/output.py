"""The output file: records as JSON lines, each written whole and flushed
as soon as it is finished, so that a killed batch keeps every record
written so far.

- every record is written under an exclusive lock (`flock`) in one piece, so
  that other processes appending to the same file never interleave with it,
  and a torn last line left by a killed writer is cut before the next one;
- a signal that arrives while a line is being written takes effect once it
  is written (`signals.GUARD`);
- with `resume`, the file is kept: a torn last line is cut and the doc_ids
  already written are skipped by the caller.
"""
from __future__ import annotations

import collections
import contextlib
import json
import os
import stat
import sys
from pathlib import Path

from ..records import LongRecord, writable
from .signals import GUARD

try:
    import fcntl
except ImportError:  # not POSIX: one writer per file, no lock
    fcntl = None

# Output files open in this process: a forked worker closes its copies
# (`close_inherited_outputs`), so that only the batch holds the file and its lock.
_OUTPUT_FDS: set[int] = set()


def close_inherited_outputs() -> None:
    """In a forked worker: close the output files the parent had open."""
    for fd in list(_OUTPUT_FDS):
        with contextlib.suppress(OSError):
            os.close(fd)
    _OUTPUT_FDS.clear()


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
        record = writable(record)
        line = json.dumps(record, ensure_ascii=False, allow_nan=False)
    try:
        data = line.encode("utf-8")
    except UnicodeEncodeError:
        data = json.dumps(record, ensure_ascii=True, allow_nan=False).encode("ascii")
    return data + b"\n"


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
            with GUARD.critical(), self._locked():
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
