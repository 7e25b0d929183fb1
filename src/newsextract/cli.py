"""The command line: `newsextract extract|eval`."""
from __future__ import annotations

import argparse
import json
import sys

from . import __version__


def cmd_extract(a) -> int:
    from .batch import run

    if a.engine == "dask" and not a.scheduler:
        print("newsextract: error: --engine dask needs --scheduler ADDRESS (tcp://HOST:PORT)", file=sys.stderr)
        return 2
    try:
        if a.engine == "dask":
            from .distributed import run_dask

            summary = run_dask(a.paths, a.output, a.scheduler, resume=a.resume, include_text=a.include_text,
                               config=a.config, progress=not a.no_progress)
        else:
            summary = run(a.paths, a.output, workers=max(1, a.workers), resume=a.resume,
                          include_text=a.include_text, config=a.config, progress=not a.no_progress)
    except FileNotFoundError as e:
        print(f"newsextract: error: {e}", file=sys.stderr)
        return 2
    except (ImportError, ConnectionError) as e:  # --engine dask: Dask not installed, scheduler unreachable
        print(f"newsextract: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"\nnewsextract: interrupted; every record written so far is kept. "
              f"Run the same command with --resume to finish.", file=sys.stderr)
        return 130
    print(summary.line(), file=sys.stderr)
    return 1 if summary.failures else 0


def cmd_eval(a) -> int:
    from .evaluate import format_table, load_gold, load_records, score

    table, missing = score(load_gold(a.gold_dir), load_records(a.records))
    if missing:
        print(f"warning: {len(missing)} gold documents have no record: {', '.join(missing[:5])}", file=sys.stderr)
    print(json.dumps(table, ensure_ascii=False) if a.json else format_table(table))
    return 0


def cmd_train(a) -> int:
    from pathlib import Path

    from .training import train

    best = train(Path(a.output), Path(a.corpora), Path(a.cluener) if a.cluener else None,
                 Path(a.config) if a.config else None, corpus_repeat=a.corpus_repeat, max_epochs=a.max_epochs,
                 seed=a.seed)
    print(f"newsextract: best model in {best}; set [components.ner] model to it in the pipeline config",
          file=sys.stderr)
    return 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="newsextract", description=__doc__.splitlines()[0])
    ap.add_argument("--version", action="version", version=f"newsextract {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="extract records from files, directories or '-' (stdin) to JSONL")
    ex.add_argument("paths", nargs="+", metavar="PATH", help=".txt/.json/.jsonl files, directories, or - for stdin")
    ex.add_argument("-o", "--output", default="-", help="JSONL output file (default: stdout)")
    ex.add_argument("-w", "--workers", type=int, default=1, help="worker processes (default 1)")
    ex.add_argument("--resume", action="store_true", help="append, skipping doc_ids already in the output")
    ex.add_argument("--include-text", action="store_true", help="put the original text into each record")
    ex.add_argument("--config", help="a spaCy config file for the pipeline (default: the packaged config.cfg)")
    ex.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    ex.add_argument("--engine", choices=("local", "dask"), default="local",
                    help="local processes (default) or a Dask distributed cluster (needs newsextract[dask])")
    ex.add_argument("--scheduler", metavar="ADDRESS",
                    help="the Dask scheduler, tcp://HOST:PORT (with --engine dask; --workers is then the cluster's)")
    ex.set_defaults(func=cmd_extract)

    ev = sub.add_parser("eval", help="precision, recall and F1 of records against a folder of gold files")
    ev.add_argument("gold_dir")
    ev.add_argument("records")
    ev.add_argument("--json", action="store_true", help="print the table as JSON")
    ev.set_defaults(func=cmd_eval)

    tr = sub.add_parser("train", help="train the statistical NER with spaCy's training loop")
    tr.add_argument("--corpora", default="corpora", help="folder of gold files (default corpora/)")
    tr.add_argument("--cluener", help="folder of CLUENER2020 (train.json) to add to the training data")
    tr.add_argument("--config", help="spaCy training config (default: the packaged ner.cfg)")
    tr.add_argument("-o", "--output", required=True, help="output folder (model-best, model-last, data)")
    tr.add_argument("--corpus-repeat", type=int, default=1, help="repeat the corpora/ examples N times")
    tr.add_argument("--max-epochs", type=int, help="override [training] max_epochs")
    tr.add_argument("--seed", type=int, default=0)
    tr.set_defaults(func=cmd_train)
    return ap


def main(argv=None) -> int:
    a = parser().parse_args(argv)
    return a.func(a)


if __name__ == "__main__":
    sys.exit(main())
