"""What every engine shares: the inputs (listed once), the output writer
and `--resume`, the progress bar, the summary, and what becomes of each
result, which the engine hands back in input order.

What a batch over thousands of scraped files meets, and what it does:

- an input that cannot be read (binary, undecodable, empty, malformed JSON,
  unreadable) is a `ReadFailure`: one line on stderr, the batch goes on, the
  exit status is 1;
- a document whose extraction fails, or whose worker process dies, is
  reported the same way; `MAX_FAILED_IN_A_ROW` such documents in a row stop
  the batch (`PipelineBroken`): the pipeline itself is broken;
- a named input that does not exist is reported and the batch goes on;
  when no input holds a file to read, the batch stops before the output is
  touched (`InputError`).
"""
from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from tqdm import tqdm

from ..extractor import EXTRACTION_FAILED
from ..reading import SUFFIXES, Document, Listing, ReadFailure, list_inputs, read_listed
from .output import RecordWriter
from .signals import Interrupted

# This many documents in a row whose extraction failed stop the batch.
MAX_FAILED_IN_A_ROW = 20


@dataclass
class Summary:
    files: int = 0
    records: int = 0
    skipped: int = 0
    failures: int = 0
    chars: int = 0
    seconds: float = 0.0
    interrupted: bool = False


class InputError(ValueError):
    """The inputs cannot make a batch (a named path does not exist, nothing
    to read); `status` is the exit status the command line gives."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


class PipelineBroken(RuntimeError):
    """Document after document fails to extract: the batch stops."""

    def __init__(self, message: str, summary: Summary):
        super().__init__(message)
        self.summary = summary


def describe(doc: Document) -> str:
    """Where a document came from, for messages: path[:line] (doc_id …)."""
    where = doc.path or "<stdin>"
    if doc.line is not None:
        where += f":{doc.line}"
    return f"{where} (doc_id {doc.doc_id})"


def batch_inputs(paths: list[str], output: str | None) -> Listing:
    """The inputs of a batch writing to `output`, listed once; InputError
    when there is no file to read (the paths do not exist, or hold no
    .txt/.json/.jsonl file)."""
    listing = list_inputs(paths, skip=[output] if output and output != "-" else [])
    if listing.files:
        return listing  # a missing one among them is reported in its place, and the batch goes on
    if listing.missing:
        raise InputError(f"{', '.join(listing.missing)}: no such file or directory", 2)
    if listing.items:  # only directories that cannot be listed
        raise InputError(f"nothing to extract: {'; '.join(map(str, listing.items))}", 1)
    others = sorted({f.suffix.lower() or f.name for p in paths for f in _all_files(Path(p))})
    found = f" (only {', '.join(others)} files, which are not read)" if others else ""
    raise InputError(f"nothing to extract in {', '.join(paths)}: no "
                     f"{', '.join(SUFFIXES[:-1])} or {SUFFIXES[-1]} file{found}", 1)


def _all_files(root: Path) -> Iterator[Path]:
    if root.is_file():
        yield root
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            yield Path(dirpath) / name


def count_documents(listing: Listing) -> int | None:
    """Documents in the listed files without parsing them (a JSON lines file
    counts its lines), for the progress bar; None when stdin is among them."""
    n = 0
    for item in listing.items:
        if isinstance(item, ReadFailure):
            n += 1
        elif item.path is None:
            return None
        elif item.path.suffix.lower() == ".jsonl":
            try:
                with open(item.path, "rb") as fh:
                    n += sum(1 for line in fh if line.strip())
            except OSError:
                n += 1
        else:
            n += 1
    return n


class Session:
    """One batch over listed inputs: opens the output (so an engine creates
    it only once it can produce records), reads the documents, and writes or
    reports each result."""

    def __init__(self, listing: Listing, output: str | None, *, resume: bool, progress: bool, err):
        self.err, self.output = err, output
        self.summary = Summary(files=len([f for f in listing.files if f.path is not None]))
        self.t0 = time.perf_counter()
        self.listing = listing
        self.failed_in_a_row = 0
        self.writer = RecordWriter(output, resume)
        for note in self.writer.notes:
            print(f"newsextract: note: {note}", file=err)
        total = count_documents(listing) if progress else None
        self.bar = tqdm(total=total or None, unit="doc", disable=not progress, file=err, dynamic_ncols=True,
                        smoothing=0.1)

    def documents(self) -> Iterator[Document]:
        """The documents to extract: read failures reported, those already
        in the output (`--resume`) skipped."""
        summary, bar = self.summary, self.bar
        for item in read_listed(self.listing):
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
            self.failed_in_a_row = 0
        else:
            self.summary.failures += 1
            self.bar.write(f"newsextract: error: {describe(doc)}: {value}", file=self.err)
            if str(value).startswith(EXTRACTION_FAILED):
                self.failed_in_a_row += 1
                if self.failed_in_a_row >= MAX_FAILED_IN_A_ROW:
                    raise PipelineBroken(
                        f"{self.failed_in_a_row} documents in a row failed to extract (the last: {describe(doc)}: "
                        f"{value}): the pipeline itself is broken, so the batch stopped", self.summary)
        self.bar.update(1)

    def interrupted(self, e: BaseException) -> Interrupted:
        self.summary.interrupted = True
        return Interrupted(getattr(e, "signum", signal.SIGINT), self.summary, self.output)

    def close(self) -> None:
        self.bar.close()
        self.writer.close()
        self.summary.seconds = time.perf_counter() - self.t0
