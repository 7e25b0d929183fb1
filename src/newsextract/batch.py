"""Batch extraction: inputs -> JSONL, in one process or several, resumable.

Each record is written and flushed as soon as it is finished, in input
order, so a killed batch keeps every record written so far; `--resume`
drops a torn last line and skips the doc_ids already in the output.
"""
from __future__ import annotations

import json
import multiprocessing as mp
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from tqdm import tqdm

from .reading import SUFFIXES, Document, ReadFailure, read_paths

_worker_extractor = None
_worker_config = None


def _init_worker(config):
    """Load the pipeline once per process (a forked worker inherits a loaded one)."""
    global _worker_extractor, _worker_config
    if _worker_extractor is None or _worker_config != config:
        from .extractor import Extractor

        _worker_extractor, _worker_config = Extractor(config), config


def _work(args):
    doc, include_text = args
    return _worker_extractor.extract_document(doc, include_text)


@dataclass
class Summary:
    files: int = 0
    records: int = 0
    skipped: int = 0
    failures: int = 0
    chars: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        cps = self.chars / self.seconds if self.seconds else 0.0
        return (f"newsextract: {self.files} files, {self.records} records written, {self.skipped} skipped (resume), "
                f"{self.failures} errors, {self.chars} characters in {self.seconds:.1f} s ({cps:,.0f} chars/s)")


def count_documents(paths: Iterable[str]) -> tuple[int, int]:
    """(files, documents) without parsing: a quick first pass for the progress bar."""
    files = docs = 0
    for arg in paths:
        if arg == "-":
            return files, 0
        p = Path(arg)
        found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES) if p.is_dir() else [p]
        for f in found:
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


def done_ids(output: Path) -> set[str]:
    """doc_ids already in `output`; a torn last line (a killed writer) is cut off."""
    if not output.exists():
        return set()
    ids, good = set(), 0
    with open(output, "rb+") as fh:
        for line in fh:
            if not line.endswith(b"\n"):
                break
            try:
                ids.add(str(json.loads(line)["doc_id"]))
            except (ValueError, KeyError, TypeError):
                break
            good += len(line)
        fh.truncate(good)
    return ids


class RecordWriter:
    """Writes records as JSON lines to a file (or stdout), flushing each one.

    With `resume`, the file is kept: a torn last line is cut off and `done`
    holds the doc_ids already written, for the caller to skip."""

    def __init__(self, output: str | None, resume: bool = False):
        self.done: set[str] = set()
        self.count = 0
        if output and output != "-":
            path = Path(output)
            if not path.parent.exists():
                raise FileNotFoundError(f"output directory {path.parent} does not exist")
            if resume:
                self.done = done_ids(path)
            self.out = open(path, "a" if resume else "w", encoding="utf-8")
        else:
            self.out = sys.stdout

    def write(self, record: dict) -> None:
        self.out.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.out.flush()
        self.count += 1

    def close(self) -> None:
        if self.out is not sys.stdout:
            self.out.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def run(paths: list[str], output: str | None, *, workers: int = 1, resume: bool = False,
        include_text: bool = False, config: str | None = None, progress: bool = True,
        err=sys.stderr) -> Summary:
    summary = Summary()
    t0 = time.perf_counter()
    writer = RecordWriter(output, resume)
    skip = writer.done
    n_files, n_docs = count_documents(paths)
    summary.files = n_files
    bar = tqdm(total=n_docs or None, unit="doc", disable=not progress, file=err, dynamic_ncols=True,
               smoothing=0.1)

    def documents() -> Iterator[Document]:
        for item in read_paths(paths):
            if isinstance(item, ReadFailure):
                summary.failures += 1
                bar.write(f"newsextract: error: {item}", file=err)
                bar.update(1)
                continue
            if item.doc_id in skip:
                summary.skipped += 1
                bar.update(1)
                continue
            summary.chars += len(item.text)
            yield item

    try:
        if workers > 1:
            ctx = mp.get_context("spawn" if sys.platform == "darwin" else "fork")
            with ctx.Pool(workers, initializer=_init_worker, initargs=(config,)) as pool:
                results = pool.imap(_work, ((d, include_text) for d in documents()), chunksize=1)
                _write_all(results, writer, bar, summary)
        else:
            _init_worker(config)
            results = (_work((d, include_text)) for d in documents())
            _write_all(results, writer, bar, summary)
    finally:
        bar.close()
        writer.close()
        summary.seconds = time.perf_counter() - t0
    return summary


def _write_all(results, writer, bar, summary):
    for record in results:
        writer.write(record)
        summary.records += 1
        bar.update(1)
