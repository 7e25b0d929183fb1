"""Batch extraction: inputs -> JSONL, in one process, several, or on a Dask
cluster; resumable.

    output.py   RecordWriter, encode_record: the output file's protocol
    signals.py  Ctrl-C and SIGTERM never tear a line (Interrupted)
    session.py  Session, Summary: inputs listed once, results written or reported
    worker.py   one Extractor per process, partitions of documents, the per-document fallback
    local.py    the local engine: this process or a process pool (`run`)
    dask.py     the Dask engine (`run_dask`, `extract_bag`; needs newsextract[dask])
"""
from __future__ import annotations

from .local import run
from .output import OutputError, RecordWriter, encode_record, scan_output
from .session import InputError, PipelineBroken, Session, Summary
from .signals import Interrupted
from .worker import SetupError

__all__ = ["run", "RecordWriter", "OutputError", "encode_record", "scan_output", "Session", "Summary",
           "InputError", "PipelineBroken", "Interrupted", "SetupError"]
