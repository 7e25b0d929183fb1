"""Where the time of one process goes: seconds per stage of the pipeline.

Times, over the corpus of throughput.py (corpora/ repeated, through
`Extractor.extract_many` as the benchmark does), the
normaliser, the tokenizer (jieba through spaCy), each pipeline component and
the record builder, by wrapping them in a loaded Extractor; "other" is the
rest of Extractor.extract. With --pyinstrument (pip install pyinstrument)
also writes a function-level profile of the same run.

    .venv/bin/python benchmarks/stages.py --min-mb 0.5 [--exclude ner] [--pyinstrument benchmarks/profile.txt]
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import corpus  # noqa: E402


class Timed:
    def __init__(self, name, fn, totals):
        self.name, self.fn, self.totals = name, fn, totals

    def __call__(self, *args, **kwargs):
        t = time.perf_counter()
        try:
            return self.fn(*args, **kwargs)
        finally:
            self.totals[self.name] += time.perf_counter() - t

    def pipe(self, docs, **kwargs):
        """A batch (Extractor.extract_documents), timed as a whole."""
        t = time.perf_counter()
        try:
            if hasattr(self.fn, "pipe"):
                return list(self.fn.pipe(docs, **kwargs))
            return [self.fn(d) for d in docs]
        finally:
            self.totals[self.name] += time.perf_counter() - t

    def __getattr__(self, name):
        return getattr(self.fn, name)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-mb", type=float, default=0.5)
    ap.add_argument("--config")
    ap.add_argument("--exclude", action="append", default=[], metavar="COMPONENT",
                    help="leave a component out (--exclude ner: the rule stages only)")
    ap.add_argument("--pyinstrument", metavar="OUT.txt", help="also write a pyinstrument profile here")
    a = ap.parse_args(argv)
    docs = corpus(a.min_mb)
    chars = sum(len(d["text"]) for d in docs)

    from newsextract import Extractor, records

    ex = Extractor(a.config, exclude=a.exclude, freeze_gc=True)
    ex.extract(docs[0]["text"])
    totals: dict[str, float] = defaultdict(float)
    ex.normalise = Timed("normalise", ex.normalise, totals)
    ex.nlp.tokenizer = Timed("tokenizer (jieba)", ex.nlp.tokenizer, totals)
    ex.nlp._components[:] = [(name, Timed(name, proc, totals)) for name, proc in ex.nlp._components]
    # extraction runs its own list of stages over a one-token Doc (Extractor.stages, _text_doc)
    ex.stages = [(name, Timed(name, proc, totals)) for name, proc in ex.stages]
    ex._text_doc = Timed("tokenizer (jieba)", ex._text_doc, totals)
    records.build = Timed("records.build", records.build, totals)

    profiler = None
    if a.pyinstrument:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.001)
        profiler.start()
    t = time.perf_counter()
    for _ in ex.extract_many({"text": d["text"], "doc_id": d["doc_id"]} for d in docs):
        pass
    total = time.perf_counter() - t
    if profiler:
        profiler.stop()
        Path(a.pyinstrument).write_text(profiler.output_text(unicode=True, color=False, show_all=False),
                                        encoding="utf-8")

    print(f"{len(docs)} documents, {chars:,} characters in {total:.1f} s ({chars / total:,.0f} chars/s)")
    totals["other (extract: published, items, ...)"] = total - sum(totals.values())
    for name, s in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"{name:42} {s:7.2f} s {100 * s / total:5.1f} %")


if __name__ == "__main__":
    main()
