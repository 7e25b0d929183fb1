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
