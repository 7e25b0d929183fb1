"""The library interface."""
import json

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
