"""Speed of newsextract against bare jieba.lcut, in one run on one corpus.

Builds a corpus of at least --min-mb MB (UTF-8) by repeating the texts of
corpora/ (each copy a separate document), then times, each in a fresh
process so that start-up and peak RSS belong to that run alone:

- jieba:        bare `jieba.lcut` over every document (after jieba.initialize());
- no-ner:       `Extractor.extract_many` over every document (the library's
                batch call: 16 documents through the pipeline at a time), with
                the `ner` component left out (`Extractor(exclude=["ner"])`,
                `newsextract extract --exclude ner`; one process);
- full:         `Extractor.extract_many` with the full config (one process);
- workers-1/2:  `batch.run(..., workers=N)` over the corpus as one JSONL file
                (what `newsextract extract corpus.jsonl --workers N` does),
                end to end (pipeline loading included) and in the steady state
                (first record to last);
- startup:      `newsextract extract one.json` from process start to the first
                record on stdout; the full run also reports import, load and
                first-record times measured inside the process.

Characters per second are wall-clock; CPU seconds are reported too, since a
shared machine slows the wall clock of whichever run it happens to overlap.
With --repeat N every run is repeated N times (interleaved): the table shows
the best of each, and the ratios of each round (whose runs are minutes
apart, not spread over the whole benchmark) are kept too; the targets are
judged on the median round. Prints a table and writes everything to --out
(JSON).

    .venv/bin/python benchmarks/throughput.py --min-mb 2 --repeat 5 --out benchmarks/results.json
"""
from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MB = 1e6

# Targets of the speed issues #7 and #20 (same run, same corpus, this machine).
TARGETS = {
    "full_x_jieba": 0.6,
    "no_ner_x_jieba": 0.9,
    "workers2_x_workers1": 1.7,
    "startup_s": 2.0,
    "peak_rss_mb_per_worker": 400,
}


# -- the corpus ---------------------------------------------------------------------
def corpus(min_mb: float) -> list[dict]:
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted((ROOT / "corpora").glob("*.json"))]
    docs, size, copy = [], 0, 0
    while size < min_mb * MB:
        for n, t in enumerate(texts):
            docs.append({"doc_id": f"c{copy:03d}-{n:02d}", "text": t})
            size += len(t.encode("utf-8"))
        copy += 1
    return docs


def _rss_mb(who) -> int:
    return round(resource.getrusage(who).ru_maxrss / 1024)  # KiB on Linux


def _cpu_s(who) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


# -- the runs, each in its own process ----------------------------------------------
def phase_jieba(docs, _config):
    import jieba

    jieba.setLogLevel(60)
    t = time.perf_counter()
    jieba.initialize()
    init_s = time.perf_counter() - t
    c, t = time.process_time(), time.perf_counter()
    for d in docs:
        jieba.lcut(d["text"])
    return {"seconds": time.perf_counter() - t, "cpu_s": time.process_time() - c, "load_s": init_s,
            "peak_rss_mb": _rss_mb(resource.RUSAGE_SELF)}


def phase_extract(docs, config, exclude=()):
    t0 = time.perf_counter()
    from newsextract import Extractor

    t1 = time.perf_counter()
    ex = Extractor(config, exclude=exclude, freeze_gc=True)
    t2 = time.perf_counter()
    ex.extract(docs[0]["text"], docs[0]["doc_id"])
    t3 = time.perf_counter()
    c, t = time.process_time(), time.perf_counter()
    for _ in ex.extract_many({"text": d["text"], "doc_id": d["doc_id"]} for d in docs):
        pass
    return {"seconds": time.perf_counter() - t, "cpu_s": time.process_time() - c, "import_s": t1 - t0,
            "load_s": t2 - t1, "first_record_s": t3 - t2, "import_to_first_record_s": t3 - t0,
            "peak_rss_mb": _rss_mb(resource.RUSAGE_SELF)}


def phase_batch(workers, jsonl, out):
    from newsextract import batch

    stamps = []
    write = batch.RecordWriter.write

    def timed_write(self, record):
        write(self, record)
        stamps.append(time.perf_counter())

    batch.RecordWriter.write = timed_write
    c = _cpu_s(resource.RUSAGE_SELF)
    t = time.perf_counter()
    with open(os.devnull, "w") as devnull:
        summary = batch.run([str(jsonl)], str(out), workers=workers, progress=False, err=devnull)
    seconds = time.perf_counter() - t
    res = {"seconds": seconds, "chars": summary.chars, "records": summary.records,
           "cpu_s": _cpu_s(resource.RUSAGE_SELF) - c + _cpu_s(resource.RUSAGE_CHILDREN),
           "peak_rss_mb": _rss_mb(resource.RUSAGE_SELF), "peak_rss_mb_worker": _rss_mb(resource.RUSAGE_CHILDREN)}
    if len(stamps) > 1:
        res["first_record_s"] = stamps[0] - t
        res["steady_seconds"] = stamps[-1] - stamps[0]
    if workers == 1:
        res["peak_rss_mb_worker"] = res["peak_rss_mb"]
    return res


def phase(argv):
    """Run one measurement in this process and print its result as JSON."""
    name, corpus_path, config = argv[0], Path(argv[1]), (argv[2] or None)
    if name.startswith("workers-"):
        res = phase_batch(int(name.split("-")[1]), corpus_path, Path(argv[3]))
    else:
        docs = [json.loads(line) for line in corpus_path.read_text(encoding="utf-8").splitlines()]
        exclude = [c for c in argv[3:4] if c]  # extract: the component left out, if any
        res = phase_jieba(docs, config) if name == "jieba" else phase_extract(docs, config, exclude)
    print(json.dumps(res))


def run_phase(name, corpus_path, config="", *extra) -> dict:
    out = subprocess.run([sys.executable, __file__, "--phase", name, str(corpus_path), str(config or ""), *extra],
                         capture_output=True, text=True, cwd=ROOT)
    if out.returncode:
        sys.exit(f"benchmark run {name} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def cli_startup(one_doc: Path) -> dict:
    """Wall time from starting `newsextract extract ONE` to its first record on stdout."""
    exe = Path(sys.executable).with_name("newsextract")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "newsextract"]
    t = time.perf_counter()
    p = subprocess.Popen(cmd + ["extract", str(one_doc), "--no-progress"], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, cwd=ROOT)
    line = p.stdout.readline()
    first = time.perf_counter() - t
    p.wait()
    if not line:
        sys.exit("benchmark: the CLI wrote no record")
    return {"cli_first_record_s": first}


def _pressure() -> float | None:
    try:
        for line in Path("/proc/pressure/cpu").read_text().splitlines():
            if line.startswith("some"):
                return float(line.split("avg60=")[1].split()[0])
    except (OSError, IndexError, ValueError):
        return None


def best(runs: list[dict], key="seconds") -> dict:
    return min(runs, key=lambda r: r[key])


# -- the report ---------------------------------------------------------------------
def table(r: dict) -> str:
    rows = [("run", "chars/s", "× jieba", "CPU chars/s", "start-up s", "peak RSS MB")]
    j = r["runs"]["jieba"]
    for key, label in (("jieba", "bare jieba.lcut"), ("no_ner", "newsextract without NER"),
                       ("full", "newsextract full"), ("workers_1", "--workers 1 (end to end)"),
                       ("workers_2", "--workers 2 (end to end)")):
        x = r["runs"][key]
        start = x.get("import_to_first_record_s", x.get("first_record_s", x.get("load_s")))
        rss = x.get("peak_rss_mb_worker", x["peak_rss_mb"])
        rows.append((label, f"{x['chars_per_s']:,}", f"{x['chars_per_s'] / j['chars_per_s']:.2f}",
                     f"{x['cpu_chars_per_s']:,}" if not key.startswith("workers") else "", f"{start:.1f}" if start is not None else "",
                     f"{rss}" + (" per worker" if key == "workers_2" else "")))
    w1, w2 = r["runs"]["workers_1"], r["runs"]["workers_2"]
    if "steady_chars_per_s" in w1 and "steady_chars_per_s" in w2:
        for x, label in ((w1, "--workers 1 (steady state)"), (w2, "--workers 2 (steady state)")):
            rows.append((label, f"{x['steady_chars_per_s']:,}", f"{x['steady_chars_per_s'] / j['chars_per_s']:.2f}",
                         "", "", ""))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths)) + " |" for row in rows]
    lines.insert(1, "| " + " | ".join("-" * w for w in widths) + " |")
    s = r["startup"]
    lines.append("")
    lines.append(f"start-up: `newsextract extract ONE.json` to the first record {s['cli_first_record_s']:.2f} s; "
                 f"in process: import {s['import_s']:.2f} s + load {s['load_s']:.2f} s + first record "
                 f"{s['first_record_s']:.2f} s")
    lines.append(f"--workers 2 / --workers 1: {r['ratios']['workers2_x_workers1']:.2f}× end to end, "
                 + (f"{r['ratios']['workers2_x_workers1_steady']:.2f}× steady state"
                    if "workers2_x_workers1_steady" in r["ratios"] else "steady state not measured"))
    lines.append("")
    lines.append("round | full/jieba | no NER/jieba | workers 2/1 | CLI start-up s")
    for i, x in enumerate(r["rounds"], 1):
        lines.append(f"{i} | {x['full_x_jieba']:.2f} | {x['no_ner_x_jieba']:.2f} | "
                     f"{x['workers2_x_workers1']:.2f} | {x['startup_s']:.2f}")
    m = r["median_round"]
    lines.append(f"median | {m['full_x_jieba']:.2f} | {m['no_ner_x_jieba']:.2f} | "
                 f"{m['workers2_x_workers1']:.2f} | {m['startup_s']:.2f}")
    lines.append("")
    for k, v in r["targets"].items():
        lines.append(f"target {k}: {v['target']} -> {v['measured']} {'met' if v['met'] else 'NOT met'}")
    return "\n".join(lines)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--phase"]:
        return phase(argv[1:])
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-mb", type=float, default=2.0, help="corpus size in MB of UTF-8 text (default 2)")
    ap.add_argument("--repeat", type=int, default=1, help="repeat every run N times, keep the best (default 1)")
    ap.add_argument("--config", help="the full pipeline's config (default: the packaged config.cfg)")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results.json"))
    a = ap.parse_args(argv)

    # Byte-compiled first, as an installed package is: with an editable
    # install and PYTHONDONTWRITEBYTECODE set (as on the machine these
    # numbers were taken on), every start would compile the package's
    # modules again, about 0.2 s.
    compileall.compile_dir(str(ROOT / "src" / "newsextract"), quiet=1)
    docs = corpus(a.min_mb)
    chars = sum(len(d["text"]) for d in docs)
    nbytes = sum(len(d["text"].encode("utf-8")) for d in docs)
    pressure0, load0 = _pressure(), os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="nx-bench-") as tmp:
        tmp = Path(tmp)
        jsonl = tmp / "corpus.jsonl"
        jsonl.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
        one = tmp / "one.json"
        one.write_text(json.dumps(docs[0], ensure_ascii=False), encoding="utf-8")
        raw: dict[str, list] = {k: [] for k in ("jieba", "no_ner", "full", "workers_1", "workers_2", "cli")}
        identical = []
        for i in range(a.repeat):
            print(f"round {i + 1}/{a.repeat}: jieba", end="", flush=True, file=sys.stderr)
            raw["jieba"].append(run_phase("jieba", jsonl))
            print(", without NER", end="", flush=True, file=sys.stderr)
            raw["no_ner"].append(run_phase("extract", jsonl, a.config or "", "ner"))
            print(", full", end="", flush=True, file=sys.stderr)
            raw["full"].append(run_phase("extract", jsonl, a.config or ""))
            print(", --workers 1", end="", flush=True, file=sys.stderr)
            raw["workers_1"].append(run_phase("workers-1", jsonl, a.config or "", tmp / "w1.jsonl"))
            print(", --workers 2", end="", flush=True, file=sys.stderr)
            raw["workers_2"].append(run_phase("workers-2", jsonl, a.config or "", tmp / "w2.jsonl"))
            print(", CLI start-up", file=sys.stderr)
            raw["cli"].append(cli_startup(one))
            w1, w2 = ((tmp / f).read_bytes().splitlines() for f in ("w1.jsonl", "w2.jsonl"))
            differ = [json.loads(x)["doc_id"] for x, y in zip(w1, w2) if x != y] + (["(count)"] if len(w1) != len(w2) else [])
            identical.append(differ[:5])
            if differ:
                print(f"benchmark: warning: --workers 2 wrote other records than --workers 1 ({len(differ)}, "
                      f"e.g. {differ[:3]}; was the code edited during the run?)", file=sys.stderr)

    runs = {}
    for key in ("jieba", "no_ner", "full", "workers_1", "workers_2"):
        x = dict(best(raw[key]))
        x["chars_per_s"] = round(chars / x["seconds"])
        x["cpu_chars_per_s"] = round(chars / x["cpu_s"])
        if "steady_seconds" in x:
            x["steady_chars_per_s"] = round(chars / x["steady_seconds"])  # approx.: all but the first record
        runs[key] = {k: (round(v, 3) if isinstance(v, float) else v) for k, v in x.items()}
    full = best(raw["full"], "import_to_first_record_s")
    startup = {"cli_first_record_s": round(min(c["cli_first_record_s"] for c in raw["cli"]), 3),
               **{k: round(full[k], 3) for k in ("import_s", "load_s", "first_record_s", "import_to_first_record_s")}}
    jc = runs["jieba"]["chars_per_s"]
    ratios = {"full_x_jieba": round(runs["full"]["chars_per_s"] / jc, 3),
              "no_ner_x_jieba": round(runs["no_ner"]["chars_per_s"] / jc, 3),
              "full_x_jieba_cpu": round(runs["full"]["cpu_chars_per_s"] / runs["jieba"]["cpu_chars_per_s"], 3),
              "no_ner_x_jieba_cpu": round(runs["no_ner"]["cpu_chars_per_s"] / runs["jieba"]["cpu_chars_per_s"], 3),
              "workers2_x_workers1": round(runs["workers_2"]["chars_per_s"] / runs["workers_1"]["chars_per_s"], 3)}
    if "steady_chars_per_s" in runs["workers_1"] and "steady_chars_per_s" in runs["workers_2"]:
        ratios["workers2_x_workers1_steady"] = round(
            runs["workers_2"]["steady_chars_per_s"] / runs["workers_1"]["steady_chars_per_s"], 3)
    # The machine's speed drifts between runs (other tenants): phases of one
    # round ran within a minute of each other, so each round's ratios compare
    # like with like; the targets are judged on the median round.
    rounds = []
    for i in range(a.repeat):
        cps = {k: round(chars / raw[k][i]["seconds"]) for k in ("jieba", "no_ner", "full", "workers_1", "workers_2")}
        rounds.append({"chars_per_s": cps,
                       "full_x_jieba": round(cps["full"] / cps["jieba"], 3),
                       "no_ner_x_jieba": round(cps["no_ner"] / cps["jieba"], 3),
                       "workers2_x_workers1": round(cps["workers_2"] / cps["workers_1"], 3),
                       # CPU time: what a loaded machine's wall clock hides (another process's turn)
                       "full_x_jieba_cpu": round(raw["jieba"][i]["cpu_s"] / raw["full"][i]["cpu_s"], 3),
                       "no_ner_x_jieba_cpu": round(raw["jieba"][i]["cpu_s"] / raw["no_ner"][i]["cpu_s"], 3),
                       "startup_s": round(raw["cli"][i]["cli_first_record_s"], 3),
                       "import_to_first_record_s": round(raw["full"][i]["import_to_first_record_s"], 3)})
    median = {k: round(statistics.median(r[k] for r in rounds), 3)
              for k in ("full_x_jieba", "no_ner_x_jieba", "workers2_x_workers1", "startup_s",
                        "import_to_first_record_s", "full_x_jieba_cpu", "no_ner_x_jieba_cpu")}
    rss = max(runs["full"]["peak_rss_mb"], runs["workers_2"]["peak_rss_mb_worker"])
    measured = {"full_x_jieba": median["full_x_jieba"], "no_ner_x_jieba": median["no_ner_x_jieba"],
                "workers2_x_workers1": median["workers2_x_workers1"], "startup_s": median["startup_s"],
                "peak_rss_mb_per_worker": rss}
    targets = {k: {"target": (f"<= {t}" if k in ("startup_s", "peak_rss_mb_per_worker") else f">= {t}"),
                   "measured": measured[k],
                   "met": measured[k] <= t if k in ("startup_s", "peak_rss_mb_per_worker") else measured[k] >= t}
               for k, t in TARGETS.items()}
    import jieba
    import spacy

    result = {
        "corpus": {"documents": len(docs), "characters": chars, "bytes_utf8": nbytes,
                   "built_from": "corpora/*.json, repeated"},
        "repeat": a.repeat, "workers_2_records_identical_to_workers_1": not any(identical),
        "workers_2_differing_doc_ids": [d for d in identical if d], "runs": runs, "startup": startup, "ratios": ratios,
        "rounds": rounds, "median_round": median, "targets": targets,
        "machine": {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
                    "jieba": jieba.__version__, "spacy": spacy.__version__,
                    "loadavg_before": [round(x, 2) for x in load0], "loadavg_after": [round(x, 2) for x in os.getloadavg()],
                    "cpu_pressure_avg60_before": pressure0, "cpu_pressure_avg60_after": _pressure()},
        "command": "python benchmarks/throughput.py " + " ".join(argv),
    }
    Path(a.out).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"corpus: {len(docs)} documents, {chars:,} characters, {nbytes / MB:.2f} MB UTF-8; "
          f"best of {a.repeat}; load average before {load0[0]:.2f}")
    print(table(result))
    print("CPU time, per round: full/jieba " + ", ".join(str(r["full_x_jieba_cpu"]) for r in rounds)
          + f" (median {median['full_x_jieba_cpu']}); without NER/jieba "
          + ", ".join(str(r["no_ner_x_jieba_cpu"]) for r in rounds) + f" (median {median['no_ner_x_jieba_cpu']})")
    print(f"written to {a.out}")


if __name__ == "__main__":
    main()
