"""The library interface."""
import json

import pytest

from newsextract import Extractor
from newsextract.reading import Document


def test_extract_and_extract_many(extractor):
    assert isinstance(extractor, Extractor)
    rec = extractor.extract("12月8日,副市长龚兵出席会议。", doc_id="a", published="2023-12-10")
    assert rec["schema"] == "newsextract/1" and rec["doc_id"] == "a" and rec["published"] == "2023-12-10"
    assert [(d["text"], d["value"]) for d in rec["dates"]] == [("12月8日", "2023-12-08")]
    json.dumps(rec)  # JSON-serialisable
    many = list(extractor.extract_many([
        "市长刘建军主持会议。",
        {"doc_id": "b", "text": "增长7.0%。", "published": "2018-05-15"},
        Document(text="省工信厅召开会议。", doc_id="c", sha256="0" * 64),
    ]))
    assert [r["doc_id"] for r in many][1:] == ["b", "c"]
    assert many[0]["doc_id"].startswith("sha256-")
    assert many[1]["figures"][0]["value"] == 7
    assert [e["text"] for e in many[2]["entities"]] == ["省工信厅"]


def test_empty_and_odd_text_give_valid_records(extractor):
    for text in ["", " ", "《", "(chǎn)", "\x00\x01", "1" * 500, "。" * 50]:
        rec = extractor.extract(text)
        assert rec["errors"] == []
        for key in ("entities", "dates", "figures", "policies"):
            for it in rec[key]:
                assert text[it["start"]:it["end"]] == it["text"]


def test_documents_extracted_together_give_the_records_extracted_one_by_one(extractor, corpus):
    """extract_documents runs the pipeline over a batch (the NER reads the
    batch's windows at once): the records must not depend on the company."""
    docs = [Document(text=d["text"], doc_id=d["doc_id"], sha256="0" * 64, published=d.get("published"))
            for d in corpus]
    together = []
    for i in range(0, len(docs), 16):
        together += extractor.extract_documents(docs[i:i + 16])
    alone = [extractor.extract_document(d) for d in docs]
    assert together == alone
    assert sum(1 for r in alone for e in r["entities"] if e["stage"] == "ner") > 0  # the NER took part


def test_a_failing_batch_is_redone_document_by_document(extractor, monkeypatch):
    docs = [Document(text=t, doc_id=str(i), sha256="0" * 64) for i, t in enumerate(["市长刘建军主持会议。", "增长7.0%。"])]
    ner = extractor.nlp.get_pipe("ner")

    def broken(_docs, batch_size=64):
        raise RuntimeError("a bug in a batch")
        yield

    monkeypatch.setattr(ner, "pipe", broken)
    records = extractor.extract_documents(docs)
    assert [r["doc_id"] for r in records] == ["0", "1"]
    assert records[0]["entities"][0]["text"] == "刘建军" and records[0]["errors"] == []


def test_a_long_batch_does_not_grow_the_vocabulary(extractor, corpus):
    """Each batch's new strings and lexemes are freed (spaCy memory zones):
    a batch over years of releases keeps its memory."""
    texts = [d["text"] for d in corpus[:40]]
    list(extractor.extract_many(texts))
    size = len(extractor.nlp.vocab.strings)
    list(extractor.extract_many([t + f"（第{i}稿）" for i, t in enumerate(texts * 3)]))
    extractor.extract("又一篇新的文字，新词汇三千五百二十一个")
    assert len(extractor.nlp.vocab.strings) == size


def test_the_rule_stages_alone_give_the_records_less_the_ner_names(rules_only, corpus, corpus_records):
    """`exclude=["ner"]` leaves the statistical NER out. The NER only fills
    gaps between rule entities, or takes in shorter rule entities inside its
    own (merge.py), so the rule stages alone give the same record wherever no
    NER entity stands."""
    assert "ner" not in rules_only.nlp.pipe_names and "merge" in rules_only.nlp.pipe_names

    def away_from(spans, found):
        return [x for x in found if not any(x["start"] < e and s < x["end"] for s, e in spans)]

    ner_names = 0
    for d in corpus:
        full = corpus_records[d["doc_id"]]
        got = rules_only.extract(d["text"], d["doc_id"], d.get("published"))
        spans = [(e["start"], e["end"]) for e in full["entities"] if e["stage"] == "ner"]
        ner_names += len(spans)
        for key, value in full.items():
            if key in ("entities", "dates", "figures", "people"):
                assert away_from(spans, got[key]) == away_from(spans, value), (d["doc_id"], key)
            else:
                assert got[key] == value, (d["doc_id"], key)
    assert ner_names > 0


def test_excluding_a_component_the_pipeline_lacks_names_those_it_has():
    with pytest.raises(ValueError, match=r"cannot exclude nre: the pipeline's components are gazetteer, .*ner"):
        Extractor(exclude=["nre"])


def test_extract_many_batches_and_processes_give_the_same_records(extractor, corpus, corpus_records):
    """As spaCy's `pipe`: batch_size and n_process change how the work is
    done, not the records nor their order."""
    inputs = [{"doc_id": d["doc_id"], "text": d["text"], "published": d.get("published")} for d in corpus[:60]]
    expected = [corpus_records[d["doc_id"]] for d in corpus[:60]]
    assert list(extractor.extract_many(inputs, batch_size=7)) == expected
    assert list(extractor.extract_many(inputs, batch_size=1)) == expected
    assert list(extractor.extract_many(inputs, batch_size=5, n_process=2)) == expected
    # Stopping early leaves no worker behind and the next call works.
    first = next(iter(extractor.extract_many(inputs, batch_size=3, n_process=2)))
    assert first == expected[0]
    for bad in (0, -2, 1.5):
        with pytest.raises(ValueError, match="n_process"):
            list(extractor.extract_many(inputs, n_process=bad))
    with pytest.raises(ValueError, match="batch_size"):
        list(extractor.extract_many(inputs, batch_size=0))


def test_workers_loaded_anew_use_the_extractors_settings(monkeypatch, tmp_path, corpus):
    """Where workers do not inherit the pipeline (spawn: macOS, Windows) they
    load one with the Extractor's config, exclude and user_dict."""
    from newsextract.batch import local

    udict = tmp_path / "u.dict"
    udict.write_text("星河数科 ORG\n", encoding="utf-8")
    ex = Extractor(exclude=["ner"], user_dict=udict)
    texts = ["星河数科与市委书记韩立新签约。"] + [d["text"] for d in corpus[:10]]
    expected = list(ex.extract_many(texts))
    assert ("星河数科", "user_dict") in [(e["text"], e["stage"]) for e in expected[0]["entities"]]
    monkeypatch.setattr(local, "start_method", lambda platform=None: "spawn")
    assert list(ex.extract_many(texts, batch_size=4, n_process=2)) == expected


def test_extract_many_reports_a_bad_input_after_the_records_before_it(extractor):
    got = []
    with pytest.raises(TypeError, match="cannot extract from int"):
        for rec in extractor.extract_many(["市长刘建军主持会议。", "增长7.0%。", 42, "不会到这里。"], n_process=2):
            got.append(rec)
    assert len(got) == 2
