"""Extraction on a Dask cluster: `extract_bag` and `run_dask`, kept under
this name for programs that import `newsextract.distributed`; the engine
lives in `newsextract.batch.dask`."""
from __future__ import annotations

from .batch.dask import DASK_MISSING, ClusterError, extract_bag, is_failure, load_pipeline, run_dask

__all__ = ["extract_bag", "run_dask", "is_failure", "ClusterError", "DASK_MISSING",
           "load_pipeline"]
