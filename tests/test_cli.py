"""The batch command line: JSONL out, failures reported, resume, workers, eval."""
import json
import shutil
import subprocess
import sys

import pytest

from newsextract.cli import main

from conftest import CORPORA


@pytest.fixture()
def inputs(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for p in sorted(CORPORA.glob("*.json"))[:6]:
        shutil.copy(p, d / p.name)
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


def test_console_script_and_eval(tmp_path):
    out = tmp_path / "r.jsonl"
    from pathlib import Path

    exe = Path(sys.executable).with_name("newsextract")
    if not exe.exists():
        exe = shutil.which("newsextract") or pytest.fail("the console script newsextract is not installed")
    r = subprocess.run([exe, "extract", str(CORPORA), "-o", str(out)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "chars/s" in r.stderr.splitlines()[-1]
    assert "doc/s" in r.stderr  # the progress bar
    r = subprocess.run([exe, "eval", str(CORPORA), str(out)], capture_output=True, text=True, check=True)
    rows = {l.split()[0]: l.split() for l in r.stdout.splitlines()[1:]}
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
