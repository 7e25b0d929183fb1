"""Failures: a batch killed halfway, interrupted, sharing its output file, or
losing a worker never loses or duplicates a record.

The batch runs as a real process (`python -m newsextract extract`) over a
directory of ~60 corpus documents; each test stops it in the middle and
compares the finished output byte for byte with an uninterrupted run.
"""
from __future__ import annotations

import contextlib
import json
import os
import shlex
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from newsextract.batch import RecordWriter, encode_record, worker
from newsextract.cli import main, parser, resume_command

from conftest import corpus_documents

N_DOCS = 240  # enough that a fast pipeline is still running when the tests interrupt it


@pytest.fixture(scope="module")
def batch_dir(tmp_path_factory):
    """N_DOCS documents (copies of the shorter corpus texts, distinct doc_ids), one
    JSONL file with a duplicate doc_id among them."""
    d = tmp_path_factory.mktemp("batch") / "in"
    d.mkdir()
    docs = sorted(corpus_documents(), key=lambda x: len(x["text"]))[:20]
    for i in range(N_DOCS - 2):
        doc = docs[i % len(docs)]
        (d / f"d{i:03d}.json").write_text(json.dumps({"doc_id": f"doc-{i:03d}", "text": doc["text"],
                                                      "published": doc.get("published")}, ensure_ascii=False),
                                          encoding="utf-8")
    (d / "z.jsonl").write_text(
        json.dumps({"doc_id": "twice", "text": docs[0]["text"]}, ensure_ascii=False) + "\n"
        + json.dumps({"doc_id": "twice", "text": docs[1]["text"]}, ensure_ascii=False) + "\n", encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def reference(batch_dir, tmp_path_factory):
    """The output of an uninterrupted run."""
    out = tmp_path_factory.mktemp("ref") / "full.jsonl"
    r = subprocess.run(command(batch_dir, out), capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    data = out.read_bytes()
    assert len(data.splitlines()) == N_DOCS
    return data


def command(batch_dir, out, *extra):
    return [sys.executable, "-m", "newsextract", "extract", str(batch_dir), "-o", str(out), "--no-progress", *extra]


def start(cmd) -> subprocess.Popen:
    """The batch in a session of its own, so that its workers can be found and
    cleaned up, and a terminal's Ctrl-C (to the whole group) imitated."""
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def wait_for_lines(proc, out: Path, n: int, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if out.exists() and out.read_bytes().count(b"\n") >= n:
            return
        if proc.poll() is not None:
            pytest.fail(f"the batch ended before writing {n} lines: {proc.stderr.read()}")
        time.sleep(0.02)
    pytest.fail(f"no {n} lines in {timeout} s")


def group_alive(pgid: int) -> list[int]:
    """Live (not zombie) processes of a process part: from /proc on Linux
    (a container's init may leave the dead unreaped), else by killpg."""
    if not Path("/proc/self/stat").exists():
        try:
            os.killpg(pgid, 0)
            return [pgid]
        except ProcessLookupError:
            return []
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] not in "ZX":
            alive.append(int(stat.parent.name))
    return alive


def group_gone(pgid: int, timeout: float = 15) -> bool:
    """True once no process of the part is left (the workers died too)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not group_alive(pgid):
            return True
        time.sleep(0.05)
    return False


@contextlib.contextmanager
def batch(cmd):
    proc = start(cmd)
    try:
        yield proc
    finally:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)  # the part started above, if anything is left
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def whole_lines(data: bytes) -> list[dict]:
    assert data.endswith(b"\n")
    return [json.loads(line) for line in data.splitlines()]


def lines_in(out: Path) -> int:
    return out.read_bytes().count(b"\n") if out.exists() else 0


def interrupt(cmd, out: Path, sig: int, *, to_group: bool = False, after: int = 8) -> str:
    """Run the batch until `after` more lines are written, send `sig`, and
    check a clean stop: exit status 128 + sig, no traceback, no process left,
    every line whole. Returns the resume command it printed."""
    before = lines_in(out)
    with batch(cmd) as proc:
        wait_for_lines(proc, out, before + after)
        (os.killpg if to_group else os.kill)(proc.pid, sig)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 128 + sig, err
        assert group_gone(proc.pid), "worker processes left behind"
    assert "Traceback" not in err and "Exception" not in err, err
    assert ("interrupted" if sig == signal.SIGINT else f"stopped by {signal.Signals(sig).name}") in err
    resume = err.strip().splitlines()[-1].strip()
    assert resume.startswith("newsextract extract ") and resume.endswith(" --resume"), err
    whole_lines(out.read_bytes())  # no torn line
    return resume


def kill_9(cmd, out: Path, *, after: int = 8) -> None:
    """`kill -9` of the batch itself once `after` more lines are written; its
    workers must die with it. Then a torn line, as if killed mid-write."""
    before = lines_in(out)
    with batch(cmd) as proc:
        wait_for_lines(proc, out, before + after)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert group_gone(proc.pid), "worker processes outlived the killed batch"
    with open(out, "ab") as fh:
        fh.write(b'{"schema": "newsextract/1", "doc_id": "doc-0')


def as_run(resume: str) -> list[str]:
    """The printed resume command, run with this interpreter."""
    return [sys.executable, "-m", "newsextract", *shlex.split(resume)[1:]]


def test_ctrl_c_sigterm_and_kill_9_then_resume_give_the_uninterrupted_output(batch_dir, reference, tmp_path):
    """One process: Ctrl-C, then SIGTERM on the resumed run, then kill -9 on
    the next (leaving a torn line), then a last --resume: the output is
    byte for byte that of an uninterrupted run."""
    out = tmp_path / "out.jsonl"
    resume = interrupt(command(batch_dir, out), out, signal.SIGINT)
    assert reference.startswith(out.read_bytes())
    resume = interrupt(as_run(resume), out, signal.SIGTERM)
    assert reference.startswith(out.read_bytes())
    kill_9(as_run(resume), out)
    written = out.read_bytes()
    n = written.count(b"\n")
    assert reference.startswith(written[: written.rfind(b"\n") + 1]) and 24 <= n < N_DOCS
    r = subprocess.run(as_run(resume), capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "torn last line" in r.stderr and f"{n} skipped (resume)" in r.stderr
    assert out.read_bytes() == reference  # every record once, in order, no torn line


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(x) for x in path.read_text().split()] if path.exists() else []


def test_two_workers_ctrl_c_kill_9_and_a_dead_worker_lose_nothing(batch_dir, reference, tmp_path):
    """--workers 2: a terminal's Ctrl-C (to the whole process group), then
    kill -9 of the resumed batch (its workers die with it), then a resumed run
    during which the system kills a worker (out of memory): the pool is
    rebuilt, the documents in flight are redone, the output is complete."""
    out = tmp_path / "out.jsonl"
    resume = interrupt(command(batch_dir, out, "--workers", "2"), out, signal.SIGINT, to_group=True)
    assert "--workers 2" in resume and reference.startswith(out.read_bytes())
    kill_9(as_run(resume), out)
    if not Path("/proc/self/task").exists():
        pytest.skip("needs Linux /proc to find the workers")
    before = lines_in(out)
    with batch(as_run(resume)) as proc:
        wait_for_lines(proc, out, before + 4)
        workers = children(proc.pid)
        assert workers, "no worker processes found"
        os.kill(workers[0], signal.SIGKILL)
        _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert out.read_bytes() == reference


def _poisoned_one(doc, *args, _real=worker.run_one):
    if doc.doc_id == "poison":
        os.kill(os.getpid(), signal.SIGKILL)
    return _real(doc, *args)


def _poisoned_partition(docs, *args, _real=worker.run_partition):
    if any(d.doc_id == "poison" for d in docs):
        os.kill(os.getpid(), signal.SIGKILL)
    return _real(docs, *args)


def test_a_document_that_kills_its_worker_is_reported_and_the_others_kept(tmp_path, monkeypatch):
    """A document on which the worker process dies every time (a crash in C
    code, the OOM killer): named on stderr, the batch goes on, every other
    record is written in order."""
    import io

    from newsextract.batch import local, run

    monkeypatch.setattr(local, "run_one", _poisoned_one)  # forked workers inherit the patched module
    monkeypatch.setattr(local, "run_partition", _poisoned_partition)
    d = tmp_path / "in"
    d.mkdir()
    names = ["a", "b", "poison", "c", "d", "e", "f"]
    for name in names:
        (d / f"{name}.txt").write_text(f"{name}: 市长刘建军出席会议。", encoding="utf-8")
    out, err = tmp_path / "out.jsonl", io.StringIO()
    summary = run([str(d)], str(out), workers=2, progress=False, err=err)
    assert summary.failures == 1 and summary.records == 6
    assert f"{d / 'poison.txt'} (doc_id poison): its worker process died while extracting it" in err.getvalue()
    assert [json.loads(l)["doc_id"] for l in out.read_text(encoding="utf-8").splitlines()] == [
        n for n in names if n != "poison"]


def test_a_resumed_batch_redoes_a_repeated_doc_id_it_had_not_written(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"doc_id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in
                           [("a", "市长刘建军出席。"), ("b", "增长5%。"), ("a", "副市长龚兵主持。")]), encoding="utf-8")
    full, part = tmp_path / "full.jsonl", tmp_path / "part.jsonl"
    assert main(["extract", str(src), "-o", str(full), "--no-progress"]) == 0
    part.write_bytes(b"".join(full.read_bytes().splitlines(keepends=True)[:2]))  # killed after two records
    assert main(["extract", str(src), "-o", str(part), "--resume", "--no-progress"]) == 0
    assert part.read_bytes() == full.read_bytes()
    assert "2 skipped (resume)" in capsys.readouterr().err


def test_resume_keeps_a_foreign_line_and_says_so(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text("市长刘建军出席。", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"not json at all\n")
    assert main(["extract", str(src), "-o", str(out), "--resume", "--no-progress"]) == 0
    assert f"{out}:1: not a record; left as it is" in capsys.readouterr().err
    lines = out.read_bytes().splitlines()
    assert lines[0] == b"not json at all" and json.loads(lines[1])["doc_id"] == "a"


APPENDER = textwrap.dedent("""
    import sys
    from newsextract.batch import RecordWriter
    name, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with RecordWriter(out, resume=True) as w:
        for i in range(n):
            w.write({"doc_id": f"{name}-{i}", "pad": name * (2000 + 97 * (i % 50)), "errors": []})  # 20-68 kB
""")


def test_concurrent_appenders_write_only_whole_lines(tmp_path):
    """Two processes append big records (larger than a pipe or stdio buffer)
    to one file at the same time: every line is one whole record."""
    out = tmp_path / "shared.jsonl"
    script = tmp_path / "appender.py"
    script.write_text(APPENDER, encoding="utf-8")
    procs = [subprocess.Popen([sys.executable, str(script), name, str(out), "200"]) for name in ("A" * 10, "B" * 10)]
    for p in procs:
        assert p.wait(timeout=120) == 0
    records = whole_lines(out.read_bytes())
    assert len(records) == 400
    for name in ("A" * 10, "B" * 10):
        mine = [r for r in records if r["doc_id"].startswith(name)]
        assert [r["doc_id"] for r in mine] == [f"{name}-{i}" for i in range(200)]
        assert all(set(r["pad"]) == set(name) for r in mine)


def test_a_writer_cuts_the_torn_line_of_a_writer_that_died(tmp_path, capsys):
    out = tmp_path / "shared.jsonl"
    with RecordWriter(str(out)) as w:
        w.write({"doc_id": "one", "errors": []})
        with open(out, "ab") as fh:  # another writer of the file is killed mid-line
            fh.write(b'{"doc_id": "dead", "ent')
        w.write({"doc_id": "two", "errors": []})
    with open(out, "ab") as fh:
        fh.write(b'{"doc_id": "dead2", "ent')
    with RecordWriter(str(out), resume=True) as w:  # resuming: cut, and said
        assert w.done == {"one", "two"} and "torn last line" in w.notes[0]
    assert [r["doc_id"] for r in whole_lines(out.read_bytes())] == ["one", "two"]
    with RecordWriter(str(out)):  # without --resume the file is emptied
        pass
    assert out.read_bytes() == b""


def test_output_failures_are_clear_errors(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text("市长刘建军出席。", encoding="utf-8")
    assert main(["extract", str(src), "-o", str(tmp_path / "nope" / "r.jsonl"), "--no-progress"]) == 2
    assert "output directory" in capsys.readouterr().err
    assert main(["extract", str(src), "-o", str(tmp_path), "--no-progress"]) == 2
    assert "is a directory" in capsys.readouterr().err
    if Path("/dev/full").exists():  # a full disk
        assert main(["extract", str(src), "-o", "/dev/full", "--no-progress"]) == 2
        err = capsys.readouterr().err
        assert "cannot write /dev/full: No space left on device" in err and "--resume" in err


def test_a_closed_stdout_ends_the_batch_quietly(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(3):
        (d / f"{i}.txt").write_text("市长刘建军出席会议。" * 2000, encoding="utf-8")
    p = subprocess.Popen([sys.executable, "-m", "newsextract", "extract", str(d), "--include-text", "--no-progress"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.readline()
    p.stdout.close()  # `| head -1`
    err = p.stderr.read().decode()
    p.stderr.close()
    assert p.wait(timeout=120) == 141 and "Traceback" not in err, err


def test_lone_surrogates_are_written_as_escapes():
    line = encode_record({"doc_id": "s\ud800", "entities": [{"text": "\udfff"}], "errors": []})
    assert line.isascii() and json.loads(line)["doc_id"] == "s\ud800"


def test_the_resume_command_repeats_the_options():
    a = parser().parse_args(["extract", "in dir", "x.jsonl", "-o", "out.jsonl", "--workers", "2", "--include-text",
                             "--exclude", "ner"])
    assert resume_command(a) == ("newsextract extract 'in dir' x.jsonl -o out.jsonl --workers 2 --include-text "
                                 "--exclude ner --resume")
