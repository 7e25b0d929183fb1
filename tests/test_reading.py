"""Reading inputs: encodings, JSON and JSONL, directories, failures."""
import codecs
import json

import pytest

from newsextract.reading import Document, ReadFailure, decode, read_paths

from conftest import corpus_documents

SIMPLIFIED = next(d["text"] for d in corpus_documents() if d["doc_id"] == "nx-012")
TRADITIONAL = next(d["text"] for d in corpus_documents() if d["doc_id"] == "nx-019")


@pytest.mark.parametrize("text, encoding, expected", [
    (SIMPLIFIED, "utf-8", "utf-8"),
    (SIMPLIFIED, "utf-8-sig", "utf-8-sig"),
    (SIMPLIFIED, "gb18030", "gb18030"),
    (SIMPLIFIED, "gbk", "gb18030"),
    (TRADITIONAL, "big5", "big5"),
    (TRADITIONAL, "gb18030", "gb18030"),
    (TRADITIONAL, "utf-16", "utf-16"),
])
def test_encodings_are_detected(text, encoding, expected):
    data = text.encode(encoding, errors="ignore") if encoding != "big5" else text.encode("big5", errors="ignore")
    got, enc, warnings = decode(data)
    assert enc == expected
    assert got == data.decode(expected)
    assert warnings == []


def test_binary_and_broken_bytes_are_refused():
    with pytest.raises(ValueError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(ValueError, match="cannot decode"):
        decode(bytes(range(128, 256)) * 4)


def test_truncated_utf8_is_kept_with_a_warning():
    data = (SIMPLIFIED * 3).encode("utf-8")[:-1]
    text, enc, warnings = decode(data)
    assert enc == "utf-8" and text.endswith("\ufffd") and "replaced" in warnings[0]


def test_directory_walk_json_jsonl_and_failures(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_bytes(SIMPLIFIED.encode("gb18030"))
    (tmp_path / "sub" / "b.json").write_text(json.dumps({"doc_id": "B", "text": "省工信厅召开会议。", "published": "2023-08-17 09:40"}, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"text": "第一篇"}\n{bad json\n\n{"doc_id": "c3", "text": "第三篇", "title": "标题"}\n', encoding="utf-8")
    (tmp_path / "d.json").write_text('{"title": "没有正文"}', encoding="utf-8")
    (tmp_path / "e.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "ignored.csv").write_text("x", encoding="utf-8")
    got = list(read_paths([str(tmp_path), str(tmp_path / "missing.txt")]))
    docs = [g for g in got if isinstance(g, Document)]
    fails = [g for g in got if isinstance(g, ReadFailure)]
    assert [d.doc_id for d in docs] == ["a", "c:1", "c3", "B"]  # a given doc_id wins over the path
    assert docs[0].encoding == "gb18030" and docs[0].text == SIMPLIFIED
    assert docs[2].title == "标题" and docs[2].source()["line"] == 4
    assert docs[3].published == "2023-08-17"
    reasons = {f"{f.path.split('/')[-1]}:{f.line}": f.reason for f in fails}
    assert "malformed JSON line" in reasons["c.jsonl:2"]
    assert "no string field 'text'" in reasons["d.json:None"]
    assert "binary" in reasons["e.txt:None"]
    assert "no such file" in reasons["missing.txt:None"]


def test_sha256_is_of_the_bytes(tmp_path):
    import hashlib

    data = codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8")
    (tmp_path / "x.txt").write_bytes(data)
    doc = next(read_paths([str(tmp_path / "x.txt")]))
    assert doc.sha256 == hashlib.sha256(data).hexdigest() and doc.text == SIMPLIFIED
