"""The command line: `newsextract extract|eval|train|review|export|db`."""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import signal
import sys

from . import __version__


def cmd_extract(a) -> int:
    from .batch import InputError, PipelineBroken, SetupError, run

    if a.engine == "dask" and a.scheduler and a.workers is not None:
        print("newsextract: error: --workers does not apply to a cluster at --scheduler (its workers are its own); "
              "without --scheduler, --engine dask starts --workers processes on this machine", file=sys.stderr)
        return 2
    try:
        if a.engine == "dask":
            from .distributed import run_dask

            summary = run_dask(a.paths, a.output, a.scheduler, workers=a.workers, resume=a.resume,
                               include_text=a.include_text, config=a.config, exclude=a.exclude,
                               progress=not a.no_progress, user_dict=a.user_dict)
        else:
            summary = run(a.paths, a.output, workers=a.workers or 1, resume=a.resume, include_text=a.include_text,
                          config=a.config, exclude=a.exclude, progress=not a.no_progress, user_dict=a.user_dict)
    except BrokenPipeError:  # stdout's reader went away (| head): stop quietly
        quiet_broken_pipe()
        return 141
    except InputError as e:  # a named input missing, nothing to read: the output is not touched
        print(f"newsextract: error: {e}{_untouched(a)}", file=sys.stderr)
        return e.status
    except SetupError as e:  # a bad --config, --exclude or --user-dict: the output is not touched
        option = f"--{e.option}: " if e.option else ""
        print(f"newsextract: error: {option}{e}{_untouched(a)}", file=sys.stderr)
        return 2
    except PipelineBroken as e:
        print(f"newsextract: error: {e}. The records written so far are kept: fix the cause (newsextract needs "
              f"spaCy 3.8; `pip install -e .` installs it) and run the same command with --resume:\n"
              f"  {resume_command(a)}", file=sys.stderr)
        print(summary_line(e.summary), file=sys.stderr)
        return 2
    except OSError as e:  # output directory missing, output not writable, disk full, workers dying
        print(f"newsextract: error: {e}", file=sys.stderr)
        return 2
    except (ImportError, ConnectionError) as e:  # --engine dask: Dask not installed, scheduler unreachable
        print(f"newsextract: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as e:  # Ctrl-C or SIGTERM: no torn line; say how to resume
        print(interrupted_message(e, a), file=sys.stderr)
        return 128 + getattr(e, "signum", 2)
    print(summary_line(summary), file=sys.stderr)
    return 1 if summary.failures else 0


def _untouched(a) -> str:
    return f"; {a.output} was not touched" if a.output not in (None, "-") and os.path.exists(a.output) else ""


def summary_line(summary) -> str:
    """The closing line of `extract`."""
    cps = summary.chars / summary.seconds if summary.seconds else 0.0
    return (f"newsextract: {summary.files} files, {summary.records} records written, {summary.skipped} skipped "
            f"(resume), {summary.failures} errors, {summary.chars} characters in {summary.seconds:.1f} s "
            f"({cps:,.0f} chars/s)")


def resume_command(args) -> str:
    """The command line that finishes an interrupted `newsextract extract`."""
    cmd = ["newsextract", "extract", *args.paths, "-o", args.output]
    if getattr(args, "workers", None) and args.workers > 1:
        cmd += ["--workers", str(args.workers)]
    if getattr(args, "include_text", False):
        cmd.append("--include-text")
    if getattr(args, "config", None):
        cmd += ["--config", args.config]
    for name in getattr(args, "exclude", None) or ():
        cmd += ["--exclude", name]
    if getattr(args, "user_dict", None):
        cmd += ["--user-dict", args.user_dict]
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


def cmd_eval(a) -> int:
    from .evaluate import errors_by_document, format_table, load_gold, records_by_id, score

    try:
        golds = load_gold(a.gold_dir)
        records = records_by_id(a.records)
    except (OSError, ValueError) as e:
        print(f"newsextract: error: {e}", file=sys.stderr)
        return 2
    table, missing = score(golds, records)
    if missing:
        print(f"warning: {len(missing)} gold documents have no record: {', '.join(missing[:5])}", file=sys.stderr)
    try:
        if a.show_errors:
            for doc_id, label, kind, text in errors_by_document(golds, records):
                print(f"{doc_id}\t{label}\t{kind}\t{text}")
        print(json.dumps(table, ensure_ascii=False) if a.json else format_table(table))
        sys.stdout.flush()
    except BrokenPipeError:  # `| head`: the reader went away before the end
        quiet_broken_pipe()
        print("newsextract: error: the output was closed before all of it was written (a `| head`?)",
              file=sys.stderr)
        return 2
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


def _prepared(a):
    """Records of a.records with their texts (from a.inputs where they lack
    one), or an exit status when none can be used."""
    from .export import prepare
    from .records import load_records

    try:
        records = load_records(a.records)
    except (OSError, ValueError) as e:
        print(f"newsextract: error: {e}", file=sys.stderr)
        return None, 2
    ready, problems = prepare(records, a.inputs)
    for p in problems:
        print(f"newsextract: {p}", file=sys.stderr)
    if records and not ready:
        print("newsextract: error: no record with its text", file=sys.stderr)
        return None, 2
    return ready, 1 if len(ready) < len(records) else 0


def cmd_review(a) -> int:
    from .review import write_page

    records, status = _prepared(a)
    if records is None:
        return status
    try:
        out = write_page(records, a.output, title=a.title)
    except OSError as e:
        print(f"newsextract: error: {e}", file=sys.stderr)
        return 2
    print(f"newsextract: {len(records)} documents in {out}", file=sys.stderr)
    return status


def cmd_export(a) -> int:
    from .export import write

    if a.format != "doccano" and (a.offsets or a.flat):
        print("newsextract: error: --offsets and --flat are options of --format doccano", file=sys.stderr)
        return 2
    if a.format == "parquet":
        return cmd_export_parquet(a)
    records, status = _prepared(a)
    if records is None:
        return status
    try:
        summary = write(records, a.format, a.output, offsets=a.offsets or "utf16", flat=a.flat)
        print(f"newsextract: {summary}", file=sys.stderr)
    except OSError as e:
        print(f"newsextract: error: {e}", file=sys.stderr)
        return 2
    return status


def _build_problems(summary) -> None:
    for p in summary.problems:
        print(f"newsextract: {p}", file=sys.stderr)


def cmd_export_parquet(a) -> int:
    """export --format parquet: the corpus tables (as `db build` makes them) as Parquet files."""
    from .corpus.parquet import export_parquet

    out = a.output or "parquet"
    try:
        written, summary = export_parquet([a.records], out, progress=not a.no_progress)
    except OSError as e:
        print(f"newsextract: error: {e}", file=sys.stderr)
        return 2
    _build_problems(summary)
    if not summary.files:
        print("newsextract: error: no records file could be read", file=sys.stderr)
        return 2
    print(f"newsextract: {summary.records} records as {len(written)} Parquet tables in {out}/", file=sys.stderr)
    return 1 if summary.problems else 0


def cmd_db_build(a) -> int:
    from .corpus.database import build

    try:
        summary = build(a.records, a.output, progress=not a.no_progress)
    except (OSError, ValueError) as e:  # no such folder, -o not a database, disk full
        print(f"newsextract: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"newsextract: interrupted; {a.output} is as it was before this build", file=sys.stderr)
        return 130
    _build_problems(summary)
    print(summary.line(a.output), file=sys.stderr)
    if not summary.files and a.records:
        return 2
    return 1 if summary.problems else 0


def cmd_db_query(a) -> int:
    import duckdb

    from .corpus.database import format_rows, query

    try:
        names, rows = query(a.database, a.sql)
    except FileNotFoundError as e:
        print(f"newsextract: error: {e}", file=sys.stderr)
        return 2
    except duckdb.Error as e:
        print(f"newsextract: error: {a.database}: {e}", file=sys.stderr)
        return 1
    try:
        sys.stdout.write(format_rows(names, rows, a.format))
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_broken_pipe()
        return 141
    return 0


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"{n}: needs at least 1 worker process")
    return n


def _records_with_texts(p: argparse.ArgumentParser) -> None:
    """The records and where their texts come from (`_prepared`): review's and export's arguments."""
    p.add_argument("records", help="records (JSONL) made with --include-text, or give --inputs")
    p.add_argument("--inputs", nargs="+", metavar="PATH", help="the inputs the records were made from, for their texts")


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="newsextract", description=__doc__.splitlines()[0])
    ap.add_argument("--version", action="version", version=f"newsextract {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="extract records from files, directories or '-' (stdin) to JSONL")
    ex.add_argument("paths", nargs="+", metavar="PATH", help=".txt/.json/.jsonl files, directories, or - for stdin")
    ex.add_argument("-o", "--output", default="-", help="JSONL output file (default: stdout)")
    ex.add_argument("-w", "--workers", type=_positive, metavar="N",
                    help="worker processes (default 1); with --engine dask and no --scheduler, the processes "
                         "of the LocalCluster started on this machine")
    ex.add_argument("--resume", action="store_true", help="append, skipping doc_ids already in the output")
    ex.add_argument("--include-text", action="store_true", help="put the original text into each record")
    ex.add_argument("--config", help="a spaCy config file for the pipeline (default: the packaged config.cfg)")
    ex.add_argument("--exclude", action="append", default=[], metavar="COMPONENT",
                    help="leave a pipeline component out; --exclude ner runs the rule stages only "
                         "(about 1.25x faster, without the names only the statistical NER finds)")
    ex.add_argument("--user-dict", metavar="PATH",
                    help="a user dictionary in jieba's format (word [frequency] [tag]) with an optional label "
                         "column (ORG, GPE, LOC, PERSON): its words kept whole, its labelled names found as entities")
    ex.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    ex.add_argument("--engine", choices=("local", "dask"), default="local",
                    help="local processes (default) or a Dask distributed cluster (needs newsextract[dask])")
    ex.add_argument("--scheduler", metavar="ADDRESS",
                    help="the Dask scheduler, tcp://HOST:PORT (with --engine dask; without it, a LocalCluster of "
                         "--workers processes on this machine)")
    ex.set_defaults(func=cmd_extract)

    ev = sub.add_parser("eval", help="precision, recall and F1 of records against a folder of gold files")
    ev.add_argument("gold_dir")
    ev.add_argument("records")
    ev.add_argument("--json", action="store_true", help="print the table as JSON")
    ev.add_argument("--show-errors", action="store_true",
                    help="first list the missed and spurious strings of each document (tab-separated)")
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

    rv = sub.add_parser("review", help="one self-contained HTML page to check, correct and export records")
    _records_with_texts(rv)
    rv.add_argument("-o", "--output", default="review.html", help="the HTML file (default review.html)")
    rv.add_argument("--title", help="the page's title")
    rv.set_defaults(func=cmd_review)

    xp = sub.add_parser("export", help="records as gold files, doccano JSONL, Label Studio tasks or Parquet tables")
    _records_with_texts(xp)
    xp.add_argument("--format", required=True, choices=("gold", "doccano", "labelstudio", "parquet"))
    xp.add_argument("-o", "--output", help="gold: a folder (default gold/); parquet: a folder (default parquet/); "
                                           "else a file (default stdout)")
    xp.add_argument("--no-progress", action="store_true", help="parquet: no progress bar on stderr")
    xp.add_argument("--offsets", choices=("utf16", "codepoints"),
                    help="doccano: offsets in UTF-16 code units as doccano counts them (default), or in code points")
    xp.add_argument("--flat", action="store_true",
                    help="doccano: no overlapping spans (a post loses to the names inside it), "
                         "for projects that do not allow overlaps")
    xp.set_defaults(func=cmd_export)

    dbp = sub.add_parser("db", help="the records as a DuckDB database: build it, query it")
    dbs = dbp.add_subparsers(dest="db_command", required=True)
    bd = dbs.add_parser("build", help="load records (JSONL files or folders) into a DuckDB database, "
                                      "adding or replacing by doc_id, and link bodies, people and policies")
    bd.add_argument("records", nargs="+", metavar="RECORDS", help="JSONL files of records, or folders of them")
    bd.add_argument("-o", "--output", required=True, help="the database file (corpus.duckdb)")
    bd.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    bd.set_defaults(func=cmd_db_build)
    dq = dbs.add_parser("query", help="run SQL over a database opened read-only")
    dq.add_argument("database")
    dq.add_argument("sql")
    dq.add_argument("--format", choices=("table", "csv", "json"), default="table")
    dq.set_defaults(func=cmd_db_query)
    return ap


def main(argv=None) -> int:
    a = parser().parse_args(argv)
    return a.func(a)


if __name__ == "__main__":
    sys.exit(main())
