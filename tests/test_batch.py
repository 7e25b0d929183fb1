"""The batch package's promises that no output shows: inputs walked once,
metadata read once per document, one worker module for every engine."""
import io
import json
import os

import pytest

from newsextract.batch import run


def test_a_batch_walks_its_input_directories_once(input_dir, tmp_path, monkeypatch):
    d = input_dir(3)
    (d / "sub").mkdir()
    (d / "sub" / "a.txt").write_text("副市长龚兵出席会议。", encoding="utf-8")
    walks = []
    real = os.walk

    def counting(top, *args, **kwargs):
        walks.append(str(top))
        return real(top, *args, **kwargs)

    monkeypatch.setattr(os, "walk", counting)
    out = tmp_path / "out.jsonl"
    summary = run([str(d)], str(out), progress=True, err=io.StringIO())  # the bar counts the documents too
    assert walks == [str(d)]
    assert summary.records == 4 and len(out.read_text(encoding="utf-8").splitlines()) == 4


def test_the_extractor_reads_each_documents_metadata_once_before_the_pipeline(extractor, monkeypatch):
    calls = []
    for name in ("published", "headline", "source_org"):
        real = getattr(extractor.metadata, name)

        def counted(text, *args, _real=real, _name=name):
            calls.append(_name)
            return _real(text, *args)

        monkeypatch.setattr(extractor.metadata, name, counted)
    real_make_doc = extractor._text_doc  # the Doc the stages read (segment.JiebaTokenizer.text_doc)

    def make_doc(text):
        calls.append("pipeline")
        return real_make_doc(text)

    monkeypatch.setattr(extractor, "_text_doc", make_doc)
    texts = ["常州市召开推进会\n发布时间：2024-03-19 来源：常州市工信局\n副市长龚兵出席会议。", "市长刘建军出席。"]
    records = extractor.extract_documents([extractor_doc(t) for t in texts])
    # read once per document, all of it before the pipeline runs
    assert sorted(calls) == sorted(["published", "headline", "source_org", "pipeline"] * 2)
    assert calls[-2:] == ["pipeline", "pipeline"]
    assert records[0]["title"] == "常州市召开推进会" and records[0]["published"] == "2024-03-19"
    assert records[0]["source_org"]["text"] == "常州市工信局"
    calls.clear()
    extractor.extract(texts[0], published="2024-03-01")  # a given date: the text's is not looked for
    assert calls == ["headline", "source_org", "pipeline"]


def extractor_doc(text):
    from newsextract.reading import text_document

    return text_document(text)


@pytest.mark.parametrize("platform, method", [("linux", "fork"), ("darwin", "spawn"), ("win32", "spawn"),
                                              ("cygwin", "spawn"), ("freebsd14", "spawn")])
def test_workers_are_forked_on_linux_only(platform, method):
    """One start-method rule for the batch's pool and extract_many's: fork
    where workers may inherit the loaded pipeline safely, spawn where fork
    is missing (Windows) or unsafe (macOS)."""
    import multiprocessing as mp

    from newsextract.batch import local

    assert local.start_method(platform) == method
    assert local.start_method() in mp.get_all_start_methods()  # this machine can start what it asks for


def test_extract_many_and_the_batch_share_one_pool(monkeypatch, extractor):
    """extract_many's processes are the batch's WorkerPool, started by the
    one rule, and give the records of one process."""
    from newsextract.batch import local

    texts = ["市长刘建军主持会议。", "全市生产总值增长7.0%。", "国务院印发《关于加强安全生产工作的意见》。"]
    methods = []
    real = local.start_method
    monkeypatch.setattr(local, "start_method", lambda platform=None: methods.append(real(platform)) or methods[-1])
    assert list(extractor.extract_many(texts, batch_size=1, n_process=2)) == list(extractor.extract_many(texts))
    assert methods == [real()]


def test_local_and_dask_engines_run_the_same_worker_functions():
    from newsextract.batch import dask, local, worker

    for name in ("partitions", "run_partition", "extract_partition", "extractor_for", "check_pipeline"):
        if hasattr(local, name):
            assert getattr(local, name) is getattr(worker, name)
        if hasattr(dask, name):
            assert getattr(dask, name) is getattr(worker, name)
    assert local.run_partition is dask.run_partition is worker.run_partition
    assert local.partitions is dask.partitions is worker.partitions
