"""The batch command line: JSONL out, failures reported, resume, workers, eval."""
import json
import shutil
import subprocess
import sys

import pytest

from newsextract.cli import main

from conftest import CORPORA, error_lines, newsextract_command


@pytest.fixture()
def inputs(input_dir):
    d = input_dir(6)
    doc = json.loads((CORPORA / "nx-019.json").read_text(encoding="utf-8"))
    (d / "big5.txt").write_bytes(doc["text"].encode("big5", errors="ignore"))
    return d


def lines(path):
    return path.read_text(encoding="utf-8").splitlines()


def test_bad_inputs_are_reported_and_the_batch_goes_on(inputs, tmp_path, capsys):
    (inputs / "broken.json").write_text("{not json", encoding="utf-8")
    (inputs / "image.txt").write_bytes(b"\x89PNG\x00\x00\x00")
    (inputs / "mixed.jsonl").write_text('{"doc_id": "m1", "text": "市长刘建军出席。"}\n[1, 2]\n', encoding="utf-8")
    out = tmp_path / "records.jsonl"
    status = main(["extract", str(inputs), "-o", str(out), "--no-progress"])
    err = capsys.readouterr().err
    assert status == 1
    assert f"{inputs / 'broken.json'}: malformed JSON" in err
    assert f"{inputs / 'image.txt'}: binary file" in err
    assert f"{inputs / 'mixed.jsonl'}:2: expected a JSON object" in err
    ids = [json.loads(l)["doc_id"] for l in lines(out)]
    assert ids == ["big5", "m1", "nx-001", "nx-002", "nx-003", "nx-004", "nx-005", "nx-006"]
    assert "10 files, 8 records written, 0 skipped (resume), 3 errors" in err
    big5 = json.loads(lines(out)[0])
    assert big5["source"]["encoding"] == "big5" and big5["people"]


def test_include_text_and_stdin(tmp_path, monkeypatch, capsys):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("副市长龚兵出席会议。".encode("utf-8"))))
    out = tmp_path / "o.jsonl"
    assert main(["extract", "-", "-o", str(out), "--include-text", "--no-progress"]) == 0
    rec = json.loads(lines(out)[0])
    assert rec["doc_id"] == "stdin" and rec["text"] == "副市长龚兵出席会议。"
    assert [(p["name"], p["title"]) for p in rec["people"]] == [("龚兵", "副市长")]


def test_resume_after_a_kill_gives_the_uninterrupted_output(inputs, tmp_path):
    full = tmp_path / "full.jsonl"
    assert main(["extract", str(inputs), "-o", str(full), "--no-progress"]) == 0
    part = tmp_path / "part.jsonl"
    data = full.read_bytes().splitlines(keepends=True)
    part.write_bytes(b"".join(data[:3]) + data[3][: len(data[3]) // 2])  # a torn last line
    assert main(["extract", str(inputs), "-o", str(part), "--resume", "--no-progress"]) == 0
    assert part.read_bytes() == full.read_bytes()


def test_two_workers_write_the_same_records(inputs, tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["extract", str(inputs), "-o", str(one), "--no-progress"]) == 0
    assert main(["extract", str(inputs), "-o", str(two), "--workers", "2", "--no-progress"]) == 0
    assert one.read_bytes() == two.read_bytes()


def test_missing_output_directory_is_a_clear_error(inputs, tmp_path, capsys):
    assert main(["extract", str(inputs), "-o", str(tmp_path / "nope" / "r.jsonl"), "--no-progress"]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_console_script_and_eval(tmp_path, cli):
    out = tmp_path / "r.jsonl"
    status, _, err = cli("extract", CORPORA, "-o", out)
    assert status == 0, err
    assert "chars/s" in err.splitlines()[-1]
    assert "doc/s" in err  # the progress bar
    status, stdout, _ = cli("eval", CORPORA, out)
    assert status == 0
    rows = {l.split()[0]: l.split() for l in stdout.splitlines()[1:]}
    assert set(rows) >= {"PERSON", "ORG", "GPE", "LOC", "DATE+value", "FIGURE+value", "POLICY", "PERSON_TITLE", "ALL"}
    assert float(rows["ALL"][3]) >= 0.6


def test_exclude_ner_runs_the_rule_stages_in_every_engine_process(inputs, tmp_path, capsys, extractor, rules_only):
    from newsextract.reading import read_paths

    shutil.copy(CORPORA / "nx-029.json", inputs)  # a name only the NER finds (林佩仪)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["extract", str(inputs), "-o", str(one), "--exclude", "ner", "--no-progress"]) == 0
    assert main(["extract", str(inputs), "-o", str(two), "--exclude", "ner", "--workers", "2", "--no-progress"]) == 0
    assert one.read_bytes() == two.read_bytes()
    expected = [rules_only.extract_document(d) for d in read_paths([str(inputs)])]
    assert [json.loads(l) for l in lines(one)] == expected
    assert not any(e["stage"] == "ner" for r in expected for e in r["entities"])
    assert any(e["stage"] == "ner" for d in read_paths([str(inputs)]) for e in extractor.extract_document(d)["entities"])

    capsys.readouterr()
    assert main(["extract", str(inputs), "-o", str(tmp_path / "x.jsonl"), "--exclude", "NER", "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "newsextract: error: --exclude: cannot exclude NER: the pipeline's components are" in err
    assert not (tmp_path / "x.jsonl").exists()


# -- a document whose extraction fails ------------------------------------------------

# The real command with a fault put into the pipeline first: the date stage
# raises on a text with POISON in it, or spaCy lacks Language.memory_zone
# (spaCy 3.7, which the code cannot run on).
FAULTY = """
import sys
import spacy.language
from newsextract.components.dates import DateFinder
from newsextract.cli import main

real = DateFinder.__call__
def poisoned(self, doc):
    if "POISON" in doc.text:
        raise RuntimeError("poisoned text")
    return real(self, doc)
DateFinder.__call__ = poisoned
if sys.argv[1] == "no-memory-zone":
    del spacy.language.Language.memory_zone
sys.exit(main(sys.argv[2:]))
"""


def faulty(fault, *args):
    r = subprocess.run([sys.executable, "-c", FAULTY, fault, *map(str, args)], capture_output=True, text=True,
                       timeout=300)
    assert "Traceback" not in r.stderr, r.stderr
    return r.returncode, r.stderr


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_failed_extraction_is_an_error_named_on_stderr_and_not_a_record(tmp_path, workers):
    src = tmp_path / "in.jsonl"
    texts = [("a", "市长刘建军出席。"), ("b", "POISON 2024年1月5日副市长龚兵主持。"), ("c", "增长5%。")]
    src.write_text("".join(json.dumps({"doc_id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in texts),
                   encoding="utf-8")
    out = tmp_path / "out.jsonl"
    status, err = faulty("poison", "extract", src, "-o", out, "--no-progress", "--workers", workers)
    assert status == 1, err
    assert f"newsextract: error: {src}:2 (doc_id b): extraction failed: RuntimeError: poisoned text" in err
    assert "1 files, 2 records written, 0 skipped (resume), 1 errors" in err.splitlines()[-1]
    assert [json.loads(l)["doc_id"] for l in lines(out)] == ["a", "c"]


def test_twenty_failed_extractions_in_a_row_stop_the_batch_and_resume_finishes_it(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"doc_id": f"d{i}", "text": f"市长刘建军第{i}次出席。"}, ensure_ascii=False) + "\n"
                           for i in range(30)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    status, err = faulty("no-memory-zone", "extract", src, "-o", out, "--no-progress")
    assert status == 2, err
    assert len(error_lines(err)) == 21  # twenty documents named, then the stop
    assert "extraction failed: AttributeError" in error_lines(err)[0]
    assert "20 documents in a row failed to extract" in err and "the pipeline itself is broken" in err
    assert "spaCy 3.8" in err and "--resume" in err
    assert out.read_bytes() == b""
    status, err = faulty("none", "extract", src, "-o", out, "--no-progress", "--resume")
    assert status == 0, err
    assert [json.loads(l)["doc_id"] for l in lines(out)] == [f"d{i}" for i in range(30)]


# -- failures before any record: the output is not touched --------------------------------

EARLIER = b'{"doc_id": "earlier", "errors": []}\n'


@pytest.mark.parametrize("case", ["config", "exclude", "missing-input", "no-scheduler", "empty-folder",
                                  "html-only", "workers-0", "workers-negative"])
def test_what_fails_before_the_first_record_leaves_the_output_as_it_was(case, tmp_path, cli, input_dir):
    inputs = input_dir(2)
    out = tmp_path / "records.jsonl"
    out.write_bytes(EARLIER)
    env = None
    args = ["extract", inputs, "-o", out, "--no-progress"]
    if case == "config":
        args += ["--config", tmp_path / "nope.cfg"]
        want, message = 2, f"--config: cannot read the pipeline config {tmp_path / 'nope.cfg'}"
    elif case == "exclude":
        args += ["--exclude", "NER"]
        want, message = 2, "--exclude: cannot exclude NER: the pipeline's components are gazetteer, bodies"
    elif case == "missing-input":
        args[1] = tmp_path / "typo"  # among existing inputs it is reported and the batch goes on (test_hostile)
        want, message = 2, f"{tmp_path / 'typo'}: no such file or directory"
    elif case == "no-scheduler":
        args += ["--engine", "dask", "--scheduler", "tcp://127.0.0.1:1"]
        env = {"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}
        want, message = 2, "cannot connect to the Dask scheduler at tcp://127.0.0.1:1"
    elif case in ("empty-folder", "html-only"):
        empty = tmp_path / "empty"
        empty.mkdir()
        if case == "html-only":
            (empty / "page.html").write_text("<p>市长刘建军出席。</p>", encoding="utf-8")
            (empty / "notes.md").write_text("市长刘建军出席。", encoding="utf-8")
        args[1] = empty
        want = 1
        message = f"nothing to extract in {empty}: no .txt, .json or .jsonl file"
        if case == "html-only":
            message += " (only .html, .md files, which are not read)"
    else:
        args += ["--workers", "0" if case == "workers-0" else "-3"]
        want, message = 2, "needs at least 1 worker process"
    status, _, err = cli(*args, env=env)
    assert status == want, err
    assert message in err
    assert out.read_bytes() == EARLIER


# -- eval -------------------------------------------------------------------------------

@pytest.mark.parametrize("case", ["gold-missing", "gold-empty", "gold-file", "records-missing", "records-folder",
                                  "records-not-utf8"])
def test_eval_with_wrong_paths_says_what_is_wrong(case, tmp_path, cli):
    gold, records = CORPORA, tmp_path / "r.jsonl"
    records.write_text('{"doc_id": "nx-001", "entities": []}\n', encoding="utf-8")
    if case == "gold-missing":
        gold, message = tmp_path / "nope", f"gold folder {tmp_path / 'nope'} does not exist"
    elif case == "gold-empty":
        gold = tmp_path / "empty"
        gold.mkdir()
        message = f"no gold files (*.json) in {gold}"
    elif case == "gold-file":
        gold, message = CORPORA / "nx-001.json", "is a file: give the folder of gold files"
    elif case == "records-missing":
        records, message = tmp_path / "nope.jsonl", f"records file {tmp_path / 'nope.jsonl'} does not exist"
    elif case == "records-folder":
        records, message = tmp_path, f"records file {tmp_path} is a directory"
    else:
        records.write_bytes('{"doc_id": "nx-001", "title": "市长"}\n'.encode("gb18030"))
        message = f"{records}:1: not UTF-8"
    status, stdout, err = cli("eval", gold, records)
    assert status == 2 and stdout == ""
    assert f"newsextract: error: " in err and message in err


def test_eval_show_errors_lists_misses_and_spurious_items_per_document(tmp_path, cli):
    gold = json.loads((CORPORA / "nx-001.json").read_text(encoding="utf-8"))
    people = gold["gold"]["PERSON"]
    assert len(people) >= 2
    record = {"doc_id": "nx-001", "entities": [{"text": p, "label": "PERSON"} for p in people[1:]]
              + [{"text": "张三丰", "label": "PERSON"}]}
    golds = tmp_path / "gold"
    golds.mkdir()
    shutil.copy(CORPORA / "nx-001.json", golds)
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    status, stdout, _ = cli("eval", golds, records, "--show-errors")
    assert status == 0
    errors = [l.split("\t") for l in stdout.splitlines() if "\t" in l]
    assert ["nx-001", "PERSON", "missed", people[0]] in errors
    assert ["nx-001", "PERSON", "spurious", "张三丰"] in errors
    assert not any(e[1] == "PERSON" and e[3] in people[1:] for e in errors)
    assert any(e[1] == "ORG" and e[2] == "missed" for e in errors)  # no ORG was given
    table = {l.split()[0]: l.split() for l in stdout.splitlines() if "\t" not in l}
    assert table["PERSON"][4:] == [str(len(people) - 1), str(len(people)), str(len(people))]


def test_eval_shows_the_misses_and_spurious_items_its_counts_leave():
    """--show-errors lists what the scoring match itself left over: per
    document and label, missed = gold - tp and spurious = pred - tp. A
    post matches a longer or shorter one (the body before it is optional),
    so which gold post takes which predicted one decides the count: 副局长
    and 党组书记、局长 given 局长 and 常务副局长 match both when 党组书记、局长
    goes first and one when 副局长 does."""
    from newsextract.evaluate import ERROR_LABELS, errors_by_document, gold_sets, match, record_sets

    names = ["王建国", "李明华", "张志强", "刘海燕", "陈立新", "杨晓东", "赵文斌", "黄丽娟", "周国平", "吴建华"]
    gold = {"PERSON": names, "PERSON_TITLE": [], "POLICY": ["关于加强安全生产工作的意见",
                                                           "山东省人民政府关于加强安全生产工作的意见"]}
    people = []
    for n in names:
        gold["PERSON_TITLE"] += [{"name": n, "title": "副局长"}, {"name": n, "title": "党组书记、局长"}]
        people += [{"name": n, "title": "局长"}, {"name": n, "title": "常务副局长"}]
    golds = {"d1": {"doc_id": "d1", "gold": gold}}
    records = {"d1": {"doc_id": "d1", "people": people, "entities": [{"text": "王建国", "label": "PERSON"}],
                      "policies": [{"text": "关于加强安全生产工作的意见"}]}}
    shown = errors_by_document(golds, records)
    gs, ps = gold_sets(gold), record_sets(records["d1"])
    for lab in ERROR_LABELS:
        m = match(gs, ps, lab)
        assert sum(1 for e in shown if e[1] == lab and e[2] == "missed") == m.gold - m.tp, lab
        assert sum(1 for e in shown if e[1] == lab and e[2] == "spurious") == m.pred - m.tp, lab
    assert ("d1", "PERSON", "missed", "李明华") in shown and ("d1", "PERSON", "spurious", "王建国") not in shown
    assert [e for e in shown if e[1] == "POLICY"] == [("d1", "POLICY", "missed", "山东省人民政府关于加强安全生产工作的意见")]


def test_eval_into_a_closed_pipe_is_a_clear_error(tmp_path):
    records = tmp_path / "r.jsonl"
    records.write_text('{"doc_id": "nx-001", "entities": []}\n', encoding="utf-8")  # every gold item missed
    p = subprocess.Popen(newsextract_command() + ["eval", str(CORPORA), str(records), "--show-errors", "--json"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.readline()
    p.stdout.close()  # `| head -1`
    err = p.stderr.read().decode()
    p.stderr.close()
    assert p.wait(timeout=120) == 2
    assert "Traceback" not in err and "newsextract: error: the output was closed" in err
