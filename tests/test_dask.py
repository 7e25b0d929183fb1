"""The Dask engine on a real cluster: a scheduler and two worker processes on
loopback; the records must be exactly those of a local run."""
import json
import shutil
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")
import dask.bag as db  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

from newsextract.cli import main  # noqa: E402
from newsextract.distributed import extract_bag, is_failure, run_dask  # noqa: E402
from newsextract.reading import ReadFailure, read_paths  # noqa: E402

from conftest import BROKEN_INPUTS, CORPORA, error_lines  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1", scheduler_port=0,
                      dashboard_address=None, silence_logs=40) as c:
        yield c


@pytest.fixture(scope="module")
def client(cluster):
    with Client(cluster) as c:
        yield c


@pytest.fixture()
def inputs(input_dir):
    return input_dir(4, broken=True)


def local_run(inputs, out):
    """The local engine, one process (batch.run with stderr looked up now)."""
    from newsextract.batch import run

    return run([str(inputs)], str(out), progress=False, err=sys.stderr)


def test_dask_engine_writes_the_records_of_a_local_run(inputs, tmp_path, cluster, client, capsys):
    local, remote = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert local_run(inputs, local).failures == 2
    capsys.readouterr()
    assert main(["extract", str(inputs), "-o", str(remote), "--no-progress",
                 "--engine", "dask", "--scheduler", cluster.scheduler_address]) == 1
    err = capsys.readouterr().err
    assert remote.read_bytes() == local.read_bytes()
    assert len(remote.read_bytes().splitlines()) == 5
    # The failures are reported as the local engine reports them.
    assert error_lines(err) == ["newsextract: error: " + BROKEN_INPUTS[name][1].format(path=inputs / name)
                                for name in ("image.txt", "mixed.jsonl")]
    assert "6 files, 5 records written, 0 skipped (resume), 2 errors" in err

    # Each worker loaded the pipeline once and keeps it for the next batch.
    def loaded():
        from newsextract.batch.worker import loaded_extractors

        return loaded_extractors()

    deadline = time.monotonic() + 120  # the run may end before the other worker has loaded it
    while not all(client.run(loaded).values()) and time.monotonic() < deadline:
        time.sleep(0.5)
    before = client.run(loaded)
    assert len(before) == 2 and all(len(ids) == 1 for ids in before.values())
    assert main(["extract", str(inputs), "-o", str(tmp_path / "again.jsonl"), "--no-progress",
                 "--engine", "dask", "--scheduler", cluster.scheduler_address]) == 1
    assert client.run(loaded) == before
    assert (tmp_path / "again.jsonl").read_bytes() == local.read_bytes()


def test_resume_with_the_dask_engine(inputs, tmp_path, client, capsys):
    full = tmp_path / "full.jsonl"
    assert local_run(inputs, full).failures == 2
    part = tmp_path / "part.jsonl"
    data = full.read_bytes().splitlines(keepends=True)
    part.write_bytes(b"".join(data[:2]) + data[2][: len(data[2]) // 2])  # a torn last line
    # One document a partition: five partitions over two workers, written in input order.
    summary = run_dask([str(inputs)], str(part), client, resume=True, progress=False, partition_chars=1)
    assert part.read_bytes() == full.read_bytes()
    assert (summary.records, summary.skipped, summary.failures) == (3, 2, 2)


def test_extract_bag_of_texts_dicts_and_paths(inputs, client, extractor):
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(CORPORA.glob("*.json"))[4:7]]
    items = texts + [{"doc_id": "d1", "text": "副市长龚兵出席会议。", "published": "2024-01-05"}]
    got = extract_bag(db.from_sequence(items, npartitions=2)).compute(scheduler=client)
    assert got == list(extractor.extract_many(items))

    files = [inputs / "nx-001.json", Path(inputs / "image.txt"), inputs / "missing.txt"]
    got = extract_bag(db.from_sequence(files, npartitions=3)).compute(scheduler=client)
    assert got[0] == extractor.extract_document(next(read_paths([str(files[0])])))
    assert [is_failure(x) for x in got] == [False, True, True]
    assert isinstance(got[1], ReadFailure) and "binary file" in str(got[1])
    assert "no such file" in str(got[2])

    # Plain strings as paths, with include_text.
    got = extract_bag(db.from_sequence([str(inputs)], npartitions=1), paths=True, include_text=True).compute(scheduler=client)
    assert [x["doc_id"] for x in got if not is_failure(x)] == ["m1", "nx-001", "nx-002", "nx-003", "nx-004"]
    assert sum(map(is_failure, got)) == 2 and all("text" in x for x in got if not is_failure(x))


def test_without_a_scheduler_the_dask_engine_starts_a_local_cluster_of_workers(inputs, tmp_path, cli):
    """`--engine dask --workers 2` with no --scheduler: a LocalCluster of two
    processes here, the records of a local run; --workers with a --scheduler
    is refused, not ignored."""
    local, remote = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert local_run(inputs, local).failures == 2
    status, _, err = cli("extract", inputs, "-o", remote, "--no-progress", "--engine", "dask", "--workers", "2")
    assert status == 1, err
    assert remote.read_bytes() == local.read_bytes()
    assert "6 files, 5 records written" in err
    status, _, err = cli("extract", inputs, "-o", tmp_path / "x.jsonl", "--engine", "dask", "--workers", "2",
                         "--scheduler", "tcp://127.0.0.1:1")
    assert status == 2 and "--workers does not apply to a cluster at --scheduler" in err
    assert not (tmp_path / "x.jsonl").exists()


def test_dask_engine_without_dask_says_what_to_install(inputs, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    assert main(["extract", str(inputs), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1", "--no-progress"]) == 2
    assert "install newsextract[dask]" in capsys.readouterr().err


def test_a_config_the_workers_cannot_load_fails_before_the_output_is_touched(inputs, tmp_path, cluster, capsys):
    """The config exists here but is not a pipeline the workers can build:
    the workers' error is reported, the existing output kept as it was."""
    bad = tmp_path / "bad.cfg"
    bad.write_text("[nlp]\nlang = \"zh\"\npipeline = [\"nope\"]\n\n[components]\n\n[components.nope]\n"
                   "factory = \"no_such_factory\"\n", encoding="utf-8")
    out = tmp_path / "r.jsonl"
    out.write_bytes(b'{"doc_id": "earlier", "errors": []}\n')
    assert main(["extract", str(inputs), "-o", str(out), "--no-progress", "--config", str(bad),
                 "--engine", "dask", "--scheduler", cluster.scheduler_address]) == 2
    err = capsys.readouterr().err
    assert "the cluster's workers cannot load the pipeline" in err and "no_such_factory" in err
    assert out.read_bytes() == b'{"doc_id": "earlier", "errors": []}\n'


def test_exclude_ner_on_the_cluster_gives_the_rule_stages_records(inputs, tmp_path, cluster, client, extractor,
                                                                 rules_only):
    from newsextract.batch import run

    shutil.copy(CORPORA / "nx-029.json", inputs)  # a name only the NER finds (林佩仪)
    local, remote = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    run([str(inputs)], str(local), exclude=["ner"], progress=False, err=sys.stderr)
    assert main(["extract", str(inputs), "-o", str(remote), "--no-progress", "--exclude", "ner",
                 "--engine", "dask", "--scheduler", cluster.scheduler_address]) == 1
    assert remote.read_bytes() == local.read_bytes()
    names = {e["text"] for line in local.read_text(encoding="utf-8").splitlines() for e in json.loads(line)["entities"]}
    assert "周海峰" in names and "林佩仪" not in names

    texts = [json.loads((CORPORA / f"nx-{n}.json").read_text(encoding="utf-8"))["text"] for n in ("001", "029", "139")]
    got = extract_bag(db.from_sequence(texts, npartitions=2), exclude=["ner"]).compute(scheduler=client)
    assert got == list(rules_only.extract_many(texts))
    full = list(extractor.extract_many(texts))
    assert [sum(e["stage"] == "ner" for e in r["entities"]) for r in full] == [0, 1, 1]
    assert not any(e["stage"] == "ner" for r in got for e in r["entities"])
