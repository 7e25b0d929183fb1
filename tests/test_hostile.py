"""Hostile input: nothing crashes, nothing is lost, every offset holds.

- property tests (hypothesis) on `Extractor.extract` over any Unicode string;
- a fuzz run of the normaliser's offset map, with the inputs it found kept in
  tests/regressions/normalise.json;
- broken files of every kind through the batch command: each is named on
  stderr with its reason, the good ones give records, the exit status is 1;
- long documents split at paragraph boundaries, offsets kept, memory bounded
  (the 20 MB run is marked slow: `pytest -m slow`).
"""
from __future__ import annotations

import codecs
import gzip
import json
import os
import random
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import newsextract
from newsextract.batch import encode_record
from newsextract.cli import main
from newsextract.extractor import split_text
from newsextract.normalise import MAX_DELETE_PASSES, Normaliser
from newsextract.reading import Document, decode
from newsextract.records import schema

from conftest import corpus_documents

REGRESSIONS = Path(__file__).parent / "regressions"
VALIDATOR = jsonschema.validators.validator_for(schema())(schema())

# -- what a valid record is --------------------------------------------------------


def spans(record):
    """(field, text, start, end) of every span of a record, whatever the
    field: `text` or `name` with start/end, and each X with X_start/X_end."""
    for key, value in record.items():
        if key == "source":
            continue
        items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
        for it in items:
            if not isinstance(it, dict):
                continue
            if "start" in it and "end" in it:
                yield key, it.get("text", it.get("name")), it["start"], it["end"]
            for k in it:
                if k.endswith("_start") and f"{k[:-6]}_end" in it:
                    yield f"{key}.{k[:-6]}", it[k[:-6]], it[k], it[f"{k[:-6]}_end"]


def assert_valid(record: dict, original: str, *, errors=()):
    VALIDATOR.validate(record)
    assert record["errors"] == list(errors)
    for where, text, start, end in spans(record):
        assert 0 <= start <= end <= len(original), (where, start, end)
        assert original[start:end] == text, (where, text, start, end)
    assert json.loads(encode_record(record))["doc_id"] == record["doc_id"]  # writable as one JSON line


# -- Extractor.extract on any string -----------------------------------------------

FRAGMENTS = [
    "產(chǎn)", "業(yè)", "(gōng)", "(", ")", "（", "）", "《", "》", "〈", "〉", "“", "”", "‘", "?", "？", "\ufffd",
    "年", "月", "日", "万", "亿", "元", "%", "％", "１２３", "2023", "12", "0", ".", "．", "-", "~", "至", "—",
    "第", "十四五", "规划", "省", "市", "县", "委", "书记", "副市长", "局长", "王斌", "刘建军", "龍口市", "工信局",
    "有限公司", "研究院", "产业园", "印发", "通知", "《关于", "的意见》", "国务院", "山东省", "泰安", "同比增长",
    "千", "百", "零", "两", "〇", "9" * 40, "1e308", "第一季度", "上半年", "去年", "今年", "出席", "表示", "：", ":",
    "发布时间:", "来源：", "\n", "\n\n", "\r\n", " ", "\u3000", "\t", "\x00", "\x1b", "\x7f", "\u200b", "\u200e",
    "\u202e", "\ufeff", "\u0301", "𠀀", "😀", "\U0010ffff", "、", "，", "。", "；",
]
fragment = st.sampled_from(FRAGMENTS)
press_like = st.lists(st.one_of(fragment, fragment, fragment, st.text(max_size=4)), max_size=60).map("".join)
any_text = st.one_of(
    press_like,
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=120),  # astral planes, controls, unassigned
)


@settings(max_examples=250, deadline=None, database=None, print_blob=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=any_text)
@example(text="")
@example(text=" \n\t\u3000")
@example(text="\x00\x01\x02\x1b[31m\x7f")  # control characters
@example(text="𠀀𠀁𪚥😀\U0010ffff擴展B區")  # astral characters
@example(text="(chǎn)開頭(")  # lone pinyin parentheses
@example(text="產(chǎn")
@example(text="chǎn)業(yè")
@example(text="《关于印发《十四五规划的通知")  # unbalanced 《
@example(text="》》》《《《" * 50)
@example(text="9" * 4000 + "亿元")  # an extremely long number (JSON can still carry it)
@example(text="0." + "0" * 3000 + "1%")
@example(text="1" * 500 + "." + "5" * 500 + "%，增长" + "9" * 300 + "倍")
@example(text="二〇二三年十三月四十日至二〇二二年")
@example(text="第" * 300)
@example(text="\u202e王斌\u202c副市长")  # bidi controls
@example(text="国务院\x00")  # a NUL in a dictionary lookup (marisa-trie raised struct.error)
def test_any_string_gives_a_valid_record(extractor, text):
    assert_valid(extractor.extract(text), text)


@pytest.mark.parametrize("text", ["\ud800", "産\udfff(chǎn)业", "副市长\ud83d王斌出席"],
                         ids=["lone-high", "lone-low-in-annotation", "split-pair"])
def test_lone_surrogates_give_a_valid_record(extractor, text):
    """A Python str from JSON ("\\ud800") can hold them; OpenCC used to raise."""
    assert_valid(extractor.extract(text), text)


def test_a_number_of_thousands_of_digits_gives_a_serialisable_record(extractor):
    text = "投资" + "9" * 5000 + "亿元，副市长龚兵出席。"
    record = extractor.extract(text)
    assert_valid(record, text)
    assert json.loads(json.dumps(record, ensure_ascii=False)) == record  # every value survives JSON
    assert not any(2 < f["start"] < 5002 for f in record["figures"])  # no figure cut from inside the number
    assert [(p["name"], p["title"]) for p in record["people"]] == [("龚兵", "副市长")]  # the text after it is read


def test_the_batch_writes_a_record_with_an_unwritable_number():
    record = {"doc_id": "n", "figures": [{"text": "9" * 5000 + "亿元", "start": 0, "end": 5002, "value": 10 ** 5000},
                                         {"text": "3家", "start": 5003, "end": 5005, "value": 3}],
              "title": float("nan"), "errors": []}
    back = json.loads(encode_record(record))
    assert [f["text"] for f in back["figures"]] == ["3家"] and back["title"] is None
    assert "dropped" in back["errors"][0] and "0:5002" in back["errors"][0]


# -- the normaliser's offset map, fuzzed ----------------------------------------------

NORM_FRAGMENTS = [
    "產(chǎn)", "業(yè)", "(chǎn)", "(ǎ)", "(gōng)", "(", ")", "（", "）", "?", "？", "\ufffd", "“", "‘", "”", "xì)", "?xì)",
    "發", "後", "後來", "乾隆", "乾燥", "乾", "頭髮", "髮", "里", "裡", "著", "著作", "麼", "於", "臺", "瞭解", "鬆", "雲",
    "ＧＤＰ", "５．２％", "，", "\u3000", "𠀀", "😀", "\u200b", "\ufeff", "\ud800", "\udc00", "\x00", "\n", "\r\n",
    "工", "信", "a", "1", " ", "\u0301", "(泰安站)", "的",
]
norm_fragment = st.sampled_from(NORM_FRAGMENTS)
norm_text = st.one_of(
    st.lists(st.one_of(norm_fragment, norm_fragment, st.text(max_size=3)), max_size=40).map("".join),
    st.text(max_size=80),
    st.text(alphabet=st.characters(exclude_categories=()), max_size=40),  # lone surrogates included
)


@pytest.fixture(scope="module")
def norm():
    return Normaliser()


def check_offset_map(norm, original: str):
    """What holds for every input:
    - one source span per clean character, non-empty, inside the original;
    - spans monotone: a character's span starts and ends no earlier than the
      previous one's, and either is the same span (a run replaced as a whole)
      or starts at or after its end;
    - normalising the clean text changes nothing (when fewer deletions were
      stacked than the normaliser's passes);
    - a line of the clean text maps to a stretch of the original that
      normalises to exactly that line."""
    n = norm(original)
    assert len(n.offsets) == len(n.text)
    prev = None
    for i in range(len(n.text)):
        s, e = n.to_original(i, i + 1)
        assert 0 <= s < e <= len(original), (i, s, e)
        if prev is not None:
            assert s >= prev[0] and e >= prev[1], (i, prev, (s, e))
            assert (s, e) == prev or s >= prev[1], (i, prev, (s, e))
        prev = (s, e)
    assert n.to_original(len(n.text), len(n.text)) == (len(original), len(original))
    deletable = sum(original.count(c) for c in ")）?？\ufffd\u200b\u200c\u200d\ufeff")
    deletable += sum(0xD800 <= ord(c) <= 0xDFFF for c in original)
    if deletable < MAX_DELETE_PASSES:
        assert norm(n.text).text == n.text
    pos = 0
    for line in n.text.split("\n"):
        if line:
            s, e = n.to_original(pos, pos + len(line))
            assert norm(original[s:e]).text == line, (line, original[s:e])
        pos += len(line) + 1
    return n


@settings(max_examples=1500, deadline=None, database=None, print_blob=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(original=norm_text, data=st.data())
def test_offset_map_fuzz(norm, original, data):
    n = check_offset_map(norm, original)
    if n.text:
        # Any clean span: normalising its stretch of the original gives a
        # text of the same length whose map is the span's map, shifted. (The
        # characters may differ: OpenCC converts 乾 alone but not in 乾隆.)
        i = data.draw(st.integers(0, len(n.text) - 1), label="i")
        j = data.draw(st.integers(i + 1, len(n.text)), label="j")
        s, e = n.to_original(i, j)
        sub = norm(original[s:e])
        assert len(sub.text) == j - i
        assert [x + s for x in sub.offsets.starts] == n.offsets.starts[i:j]
        assert [x + s for x in sub.offsets.ends] == n.offsets.ends[i:j]


def regression_cases():
    return json.loads((REGRESSIONS / "normalise.json").read_text(encoding="ascii"))


@pytest.mark.parametrize("case", regression_cases(), ids=lambda c: c["found"][:20] + ":" + ascii(c["input"])[:24])
def test_normaliser_regressions(norm, case):
    n = check_offset_map(norm, case["input"])
    assert n.text == case["clean"], case["was"]


# -- broken files through the batch --------------------------------------------------

SIMPLIFIED = next(d["text"] for d in corpus_documents() if d["doc_id"] == "nx-012")
TRADITIONAL = next(d["text"] for d in corpus_documents() if d["doc_id"] == "nx-019")
OTHER = next(d["text"] for d in corpus_documents() if d["doc_id"] == "nx-001")


def test_decoding_of_broken_and_odd_bytes():
    mixed = OTHER.encode("utf-8") + b"\n" + SIMPLIFIED.encode("gb18030")
    text, enc, warnings = decode(mixed)
    assert text == OTHER + "\n" + SIMPLIFIED and enc == "utf-8+gb18030" and "mixed encodings" in warnings[0]
    by_line = b"\n".join(line.encode("utf-8" if i % 2 else "gb18030") for i, line in enumerate(OTHER.splitlines()))
    assert decode(by_line)[0] == "\n".join(OTHER.splitlines())
    for data, enc in [(SIMPLIFIED.encode("gb18030")[:-1], "gb18030"), (TRADITIONAL.encode("big5", "ignore")[:-1], "big5"),
                      (codecs.BOM_UTF8 + OTHER.encode("utf-8")[:-1], "utf-8-sig"), (OTHER.encode("utf-16")[:-1], "utf-16")]:
        text, got, warnings = decode(data)  # truncated downloads: kept, said
        assert got == enc and text.endswith("\ufffd") and "1 undecodable" in warnings[0]
    assert decode(OTHER.encode("utf-16-le")) == (OTHER, "utf-16-le", [])  # no BOM
    assert decode(TRADITIONAL.encode("utf-16-be")) == (TRADITIONAL, "utf-16-be", [])
    rnd = random.Random(7)
    for junk in [bytes(rnd.randrange(1, 256) for _ in range(3000)), "Café naïve".encode("latin-1") * 20]:
        with pytest.raises(ValueError, match="cannot decode as UTF-8, GB18030 or Big5"):
            decode(junk)
    for binary in [gzip.compress(OTHER.encode()), b"\x89PNG\r\n\x1a\n\x00\x00", b"abc\x00def"]:
        with pytest.raises(ValueError, match="binary file"):
            decode(binary)


@pytest.fixture()
def hostile_dir(tmp_path):
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "ok.txt").write_text(SIMPLIFIED, encoding="utf-8")
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (d / "gzip.txt").write_bytes(gzip.compress(OTHER.encode()))
    rnd = random.Random(1)
    (d / "random.txt").write_bytes(bytes(rnd.randrange(128, 256) for _ in range(2000)))
    (d / "truncated-utf8.txt").write_bytes(OTHER.encode("utf-8")[:-2])
    (d / "truncated-gbk.txt").write_bytes(SIMPLIFIED.encode("gb18030")[:-1])
    (d / "mixed.txt").write_bytes(OTHER.encode("utf-8") + b"\n" + SIMPLIFIED.encode("gb18030"))
    (d / "utf16.txt").write_bytes(TRADITIONAL.encode("utf-16-le"))
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_bytes(b" \r\n\n\t ")
    (d / "bignumber.txt").write_text("规模达" + "9" * 5000 + "亿元。", encoding="utf-8")
    (d / "empty.json").write_bytes(b"")
    (d / "broken.json").write_text('{"text": "市长出席", ', encoding="utf-8")
    (d / "deep.json").write_text("[" * 100_000, encoding="utf-8")
    (d / "bigint.json").write_text('{"text": "增长。", "n": ' + "1" * 5000 + "}", encoding="utf-8")
    (d / "gbk.json").write_bytes(json.dumps({"doc_id": "g", "text": "省工信厅召开会议。"}, ensure_ascii=False).encode("gb18030"))
    (d / "list.json").write_text(json.dumps([{"doc_id": "l1", "text": "副市长龚兵出席会议。"}, 3, {"title": "x"},
                                             {"text": ""}]), encoding="utf-8")
    (d / "sub" / "lines.jsonl").write_bytes(
        b'{"doc_id": "j1", "text": "\xe5\xb8\x82\xe9\x95\xbf\xe5\x88\x98\xe5\xbb\xba\xe5\x86\x9b\xe5\x87\xba\xe5\xb8\xad\xe3\x80\x82"}\n'
        b'{"doc_id": "j2", "text": \n'  # malformed
        b'[1, 2]\n'  # not an object
        b'\n'  # blank: skipped, still counted
        b'{"doc_id": "j5", "text": 5}\n'
        b'{"doc_id": "j6", "text": "\\ud800\\u526f\\u5e02\\u957f"}\n'  # a lone surrogate escape
        b'{"doc_id": "j7", "text": "   "}\n'
        b'\xff\xfe{"garbage\n'
        b'{"doc_id": "j9", "text": "2023\xe5\xb9\xb4"}'  # no newline at the end
    )
    (d / "crlf.jsonl").write_bytes('{"doc_id": "c1", "text": "省委书记出席。"}\r\n{"doc_id": "c2", "text": "增长5%。"}\r\n'
                                   .encode("utf-8"))
    (d / "link.txt").symlink_to(d / "gone.txt")  # broken symbolic link
    (d / "ignored.csv").write_text("not an input", encoding="utf-8")
    return d


# (file[:line], what stderr says about it): the bad inputs tried and what each gives.
EXPECTED_ERRORS = [
    ("binary.txt", "binary file (NUL bytes), not text"),
    ("gzip.txt", "binary file (NUL bytes), not text"),
    ("random.txt", "cannot decode as UTF-8, GB18030 or Big5"),
    ("empty.txt", "empty file (0 bytes)"),
    ("blank.txt", "no text: only whitespace"),
    ("empty.json", "empty file (0 bytes)"),
    ("broken.json", "malformed JSON: Expecting"),
    ("deep.json", "malformed JSON: nested too deeply"),
    ("bigint.json", "malformed JSON: Exceeds the limit (4300 digits)"),
    ("list.json", "item 2: expected a JSON object, got int"),
    ("list.json", "item 3: JSON object has no string field 'text'"),
    ("list.json", "item 4: 'text' is empty: nothing to extract"),
    ("sub/lines.jsonl:2", "malformed JSON line: Expecting value"),
    ("sub/lines.jsonl:3", "expected a JSON object, got list"),
    ("sub/lines.jsonl:5", "JSON object has no string field 'text'"),
    ("sub/lines.jsonl:7", "'text' is only whitespace"),
    ("sub/lines.jsonl:8", "malformed JSON line"),
    ("link.txt", "cannot read: broken symbolic link"),
    ("locked.txt", "cannot read: Permission denied"),
    ("sub/private", "cannot list directory: Permission denied"),
]


def test_every_bad_input_is_named_and_the_good_ones_are_extracted(hostile_dir, tmp_path, capsys, monkeypatch):
    (hostile_dir / "locked.txt").write_text("市长出席。", encoding="utf-8")
    (hostile_dir / "sub" / "private").mkdir()
    (hostile_dir / "sub" / "private" / "secret.txt").write_text("市长出席。", encoding="utf-8")
    # Root reads anything: make one file and one directory unreadable by hand.
    real_read_bytes, real_scandir = Path.read_bytes, os.scandir

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    def scandir(path="."):
        if str(path).endswith("private"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(os, "scandir", scandir)
    out = tmp_path / "out.jsonl"
    status = main(["extract", str(hostile_dir), "/dev/zero", str(tmp_path / "missing.txt"), "-o", str(out),
                   "--no-progress"])
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("newsextract: error: ")]
    for where, reason in EXPECTED_ERRORS:
        prefix = f"newsextract: error: {hostile_dir / where}"
        assert any(line.startswith(prefix) and reason in line for line in errors), (where, reason, errors)
    assert "newsextract: error: /dev/zero: cannot read: not a regular file" in err  # never read forever
    assert f"newsextract: error: {tmp_path / 'missing.txt'}: no such file or directory" in err
    assert len(errors) == len(EXPECTED_ERRORS) + 2 and status == 1
    assert f"{len(errors)} errors" in err.splitlines()[-1]

    records = {r["doc_id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert sorted(records) == sorted(["bignumber", "c1", "c2", "g", "j1", "j6", "j9", "l1", "mixed", "ok",
                                      "truncated-gbk", "truncated-utf8", "utf16"])
    assert records["mixed"]["source"]["encoding"] == "utf-8+gb18030" and "mixed encodings" in records["mixed"]["errors"][0]
    assert records["utf16"]["source"]["encoding"] == "utf-16-le" and records["utf16"]["people"]
    for name, enc in [("truncated-utf8", "utf-8"), ("truncated-gbk", "gb18030")]:
        assert records[name]["source"]["encoding"] == enc and "replaced by U+FFFD" in records[name]["errors"][0]
    assert records["g"]["source"]["encoding"] == "gb18030" and records["g"]["entities"]
    assert records["j9"]["dates"][0]["text"] == "2023年"
    assert [p["name"] for p in records["j1"]["people"]] == ["刘建军"]
    assert records["j6"]["source"]["line"] == 6
    # 5,000 nines are no amount: the figures stage refuses them, the record is written without it
    assert records["bignumber"]["figures"] == [] and records["bignumber"]["errors"] == []
    texts = {"ok": SIMPLIFIED, "mixed": OTHER + "\n" + SIMPLIFIED, "utf16": TRADITIONAL}
    for doc_id, text in texts.items():
        for where, got, start, end in spans(records[doc_id]):
            assert text[start:end] == got


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_file_is_reported(tmp_path, capsys):
    f = tmp_path / "locked.txt"
    f.write_text("市长出席。", encoding="utf-8")
    f.chmod(0)
    assert main(["extract", str(f), "-o", str(tmp_path / "o.jsonl"), "--no-progress"]) == 1
    assert f"{f}: cannot read: Permission denied" in capsys.readouterr().err


def test_stdin_json_lines_are_streamed_and_a_bad_line_named(monkeypatch, tmp_path, capsys):
    import io

    data = codecs.BOM_UTF8 + '{"doc_id": "s1", "text": "市长刘建军出席。"}\n{"text": \n{"doc_id": "s3", "text": "增长5%。"}\n'.encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    out = tmp_path / "o.jsonl"
    assert main(["extract", "-", "-o", str(out), "--no-progress"]) == 1
    assert "newsextract: error: <stdin>:2: malformed JSON line" in capsys.readouterr().err
    assert [json.loads(l)["doc_id"] for l in out.read_text(encoding="utf-8").splitlines()] == ["s1", "s3"]


def test_a_text_file_too_large_to_hold_is_refused(tmp_path, capsys, monkeypatch):
    import newsextract.reading as reading

    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 1000)
    (tmp_path / "big.txt").write_text("市长出席。" * 100, encoding="utf-8")
    assert main(["extract", str(tmp_path / "big.txt"), "-o", str(tmp_path / "o.jsonl"), "--no-progress"]) == 1
    assert "big.txt: too large: 0 MB, more than the 0 MB a .txt or .json file may have" in capsys.readouterr().err


def test_the_output_file_inside_the_input_directory_is_not_read_back(tmp_path, capsys):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("市长刘建军出席。", encoding="utf-8")
    out = d / "records.jsonl"
    assert main(["extract", str(d), "-o", str(out), "--include-text", "--no-progress"]) == 0
    assert main(["extract", str(d), "-o", str(out), "--include-text", "--resume", "--no-progress"]) == 0
    assert [json.loads(l)["doc_id"] for l in out.read_text(encoding="utf-8").splitlines()] == ["a"]


# -- long documents -------------------------------------------------------------------

def corpus_text(n_chars: int) -> str:
    texts = [d["text"] for d in corpus_documents()]
    parts, size, i = [], 0, 0
    while size < n_chars:
        t = texts[i % len(texts)]
        parts.append(t)
        size += len(t) + 2
        i += 1
    return "\n\n".join(parts)[:n_chars]


@settings(max_examples=300, deadline=None, database=None)
@given(text=st.text(alphabet=st.sampled_from("ab。 \n\u3000，"), max_size=300), limit=st.integers(1, 40))
def test_split_text_covers_the_text_in_bounded_chunks(text, limit):
    chunks = split_text(text, limit)
    assert chunks[0][0] == 0 and chunks[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(chunks, chunks[1:]))
    assert all(0 < e - s <= limit for s, e in chunks) or text == ""


def test_split_text_prefers_paragraphs_then_lines_then_sentences():
    paras = ["一" * 30 + "。" + "二" * 30, "三" * 50, "四" * 10]
    text = "\n\n".join(paras)
    assert [text[s:e] for s, e in split_text(text, 80)] == [paras[0] + "\n\n", paras[1] + "\n\n" + paras[2]]
    one_line = "甲" * 30 + "。" + "乙" * 30
    assert [one_line[s:e] for s, e in split_text(one_line, 40)] == ["甲" * 30 + "。", "乙" * 30]
    assert split_text("x" * 25, 10) == [(0, 10), (10, 20), (20, 25)]  # no break anywhere: at the limit


def test_a_long_document_is_extracted_in_chunks_with_its_offsets(extractor):
    text = "來源：龍口市人民政府\n產(chǎn)業(yè)發展。\n\n" + corpus_text(30_000)
    doc = Document(text=text, doc_id="long", sha256="0" * 64, published="2024-01-05")
    calls = []
    real_make_doc = extractor._text_doc

    def make_doc(t):
        calls.append(len(t))
        return real_make_doc(t)

    extractor._text_doc = make_doc
    try:
        record = extractor.extract_document(doc, chunk_chars=4000)
    finally:
        extractor._text_doc = real_make_doc
    assert len(calls) >= 8 and max(calls) <= 4000  # the pipeline only ever sees a chunk
    assert_valid(record, text)
    assert record["doc_id"] == "long" and record["published"] == "2024-01-05"
    assert record["source_org"]["text"] == "龍口市人民政府" and record["source_org"]["start"] == 3
    # The same as extracting each chunk on its own, offsets shifted.
    expected = {k: [] for k in ("entities", "dates", "figures", "policies", "people")}
    for s, e in split_text(text, 4000):
        part = extractor.extract_document(Document(text=text[s:e], doc_id="long", sha256="0" * 64,
                                                   published="2024-01-05", title=record["title"] or ""))
        for key in expected:
            expected[key] += [{k: v + s if k in ("start", "end") or k.endswith(("_start", "_end")) else v
                               for k, v in it.items()} for it in part[key]]
    for key in expected:
        assert record[key] == expected[key]
    # A document under the limit goes through whole.
    calls.clear()
    extractor._text_doc = make_doc
    try:
        extractor.extract(corpus_text(3000))
    finally:
        extractor._text_doc = real_make_doc
    assert len(calls) == 1


def test_chunked_extraction_needs_memory_for_a_chunk_not_the_document(extractor):
    """Transient memory (peak minus what is kept, the record) is that of one
    chunk: the same for a document three times as long."""
    def transient(n_chars):
        text = corpus_text(n_chars)
        tracemalloc.start()
        try:
            record = extractor.extract_document(Document(text=text, doc_id="m", sha256="0" * 64), chunk_chars=1500)
            current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert record["entities"]
        return peak - current

    extractor.extract(corpus_text(1500))  # warm caches
    small, large = transient(5000), transient(15000)
    assert large < 1.5 * small + 2**20, (small, large)


@pytest.mark.slow
def test_a_20_mb_document_in_bounded_memory(tmp_path):
    """`pytest -m slow`: 20 MB of UTF-8 (about 7 million characters) in one
    .txt file through the command line: one record, every offset right, peak
    RSS of the process bounded."""
    text = corpus_text(7_000_000)
    while len(text.encode("utf-8")) < 20 * 2**20:
        text += "\n\n" + corpus_text(200_000)
    src = tmp_path / "huge.txt"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "huge.jsonl"
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "newsextract", "extract", str(src), "-o", str(out), "--no-progress"],
                       capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"\n20 MB document: {len(text):,} characters, {seconds:.0f} s, peak RSS {peak_mb:.0f} MB")
    assert r.returncode == 0, r.stderr
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["doc_id"] == "huge" and record["errors"] == []
    n = 0
    for where, got, start, end in spans(record):
        assert text[start:end] == got
        n += 1
    assert n > 100_000 and record["figures"][-1]["end"] > len(text) - 200_000
    assert peak_mb < 400, peak_mb  # 1.5 GB when the record was held as dicts and encoded whole


def test_a_long_documents_record_is_kept_as_json_and_written_as_before(rules_only, tmp_path, monkeypatch):
    """With long_record (what the batch asks for), a long document's items
    are encoded piece by piece: the bytes written are those of the record
    as a dict, in a fraction of its memory (past SPOOL_BYTES, on disk; a
    worker sends it to the batch's parent pickled)."""
    import pickle

    from newsextract.batch import RecordWriter
    from newsextract.records import LongRecord

    monkeypatch.setattr(LongRecord, "SPOOL_BYTES", 50_000)  # the first record's JSON goes to disk

    text = "市长张\ud800三出席。\n\n" + corpus_text(30_000)  # a lone surrogate: the line is ASCII
    for doc_text, include_text in [(corpus_text(60_000), False), (text, True)]:
        doc = Document(text=doc_text, doc_id="long", sha256="0" * 64)
        as_dict = rules_only.extract_document(doc, include_text, chunk_chars=4000)
        long = rules_only.extract_document(doc, include_text, chunk_chars=4000, long_record=True)
        assert isinstance(long, LongRecord) and not isinstance(as_dict, LongRecord)
        assert b"".join(long.chunks()) == encode_record(as_dict)
        assert b"".join(pickle.loads(pickle.dumps(long)).chunks()) == encode_record(as_dict)
        assert long.to_dict() == json.loads(encode_record(as_dict))
        assert_valid(as_dict, doc_text)
        # a value JSON cannot carry is dropped, and errors (moved last) say so, as encode_record does
        bad = {"text": "九" * 40, "start": 3, "end": 43, "value": float("inf"), "unit": None}
        long.extend("figures", [bad])
        as_dict["figures"].append(bad)
        assert b"".join(long.chunks()) == encode_record(as_dict)
        assert "figures item '九九九" in long.to_dict()["errors"][-1]
        out = tmp_path / f"out-{include_text}.jsonl"
        with RecordWriter(str(out), resume=False) as writer:
            writer.write(long)
            writer.write(as_dict)
        first, second = out.read_bytes().splitlines(keepends=True)
        assert first == second == encode_record(as_dict)

    def memory(long_record):
        tracemalloc.start()
        try:
            record = rules_only.extract_document(Document(text=doc_text, doc_id="m", sha256="0" * 64),
                                                 chunk_chars=3000, long_record=long_record)
            assert record["entities"]
            return tracemalloc.get_traced_memory()  # (kept with the record, peak)
        finally:
            tracemalloc.stop()

    doc_text = corpus_text(90_000)
    (kept_json, peak_json), (kept_dicts, peak_dicts) = memory(True), memory(False)
    assert kept_json < 0.4 * kept_dicts and peak_json < 0.6 * peak_dicts, (kept_json, kept_dicts, peak_json, peak_dicts)


# -- linear work on any input ---------------------------------------------------------
# Each stage must cost what the length of its input costs. The work is
# counted, not timed: the lines of newsextract's own code that run (a loop
# over every earlier span, a search from the start of the text) and the
# calls of the stages' regular expressions with the characters they match
# (a pattern that reads a run to its end). At 4× the input the work must
# be about 4×, not 16×. Timings of the same inputs: benchmarks/hostile.py.

PACKAGE_DIR = os.path.dirname(newsextract.__file__)


class CountedPattern:
    """A compiled pattern that adds to `tally[0]` one per call and per match
    found, plus the characters each match covers."""

    def __init__(self, pattern, tally):
        self._pattern, self._tally = pattern, tally

    def _count(self, m):
        if m is not None:
            self._tally[0] += 1 + m.end() - m.start()
        return m

    def match(self, *a, **k):
        self._tally[0] += 1
        return self._count(self._pattern.match(*a, **k))

    def search(self, *a, **k):
        self._tally[0] += 1
        return self._count(self._pattern.search(*a, **k))

    def fullmatch(self, *a, **k):
        self._tally[0] += 1
        return self._count(self._pattern.fullmatch(*a, **k))

    def finditer(self, *a, **k):
        self._tally[0] += 1
        return (self._count(m) for m in self._pattern.finditer(*a, **k))

    def __getattr__(self, name):
        return getattr(self._pattern, name)


def _count_patterns(obj, tally, monkeypatch):
    """Swap every compiled pattern an object (a component, a module) holds,
    alone or in a list, for a counted one."""
    import regex

    for name, value in list(vars(obj).items()):
        if isinstance(value, regex.Pattern):
            monkeypatch.setattr(obj, name, CountedPattern(value, tally))
        elif isinstance(value, list) and value and all(isinstance(v, regex.Pattern) for v in value):
            monkeypatch.setattr(obj, name, [CountedPattern(v, tally) for v in value])


def traced(fn, tally):
    """fn(), adding to tally[0] one for each line of newsextract's code it runs."""
    def tracer(frame, event, arg):
        if not frame.f_code.co_filename.startswith(PACKAGE_DIR):
            return None
        tally[0] += 1
        return tracer

    sys.settrace(tracer)
    try:
        return fn()
    finally:
        sys.settrace(None)


def stage_work(nlp, text: str, monkeypatch) -> dict[str, int]:
    """The work of each pipeline stage on `text`: lines of newsextract's code
    run (traced) plus counted pattern work."""
    import importlib

    tally = [0]
    for _, proc in nlp.pipeline:
        _count_patterns(proc, tally, monkeypatch)
        _count_patterns(importlib.import_module(type(proc).__module__), tally, monkeypatch)

    work = {}
    with nlp.memory_zone():
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            tally[0] = 0
            doc = traced(lambda: proc(doc), tally)
            work[name] = tally[0]
    monkeypatch.undo()
    return work


HOSTILE = {
    "dotted names after posts": "市长张·",
    "policy titles": "《关于加强管理的通知》。",
    "a list of posts and names": "副市长王明、",
    "appointments without punctuation": "任命王明为副市长",
    "roster lines": "组  长:韩  正  市长\n",
    "names before 等 and a group label": "王明、伍继承、等领导、",
    "transliterated names before posts": "斯卡尔法罗总统",
}


@pytest.mark.parametrize("unit", HOSTILE.values(), ids=HOSTILE.keys())
def test_each_stage_works_in_linear_time_on_hostile_input(unit, rules_only, monkeypatch):
    reps = 1200 // len(unit)
    small = stage_work(rules_only.nlp, unit * reps, monkeypatch)
    large = stage_work(rules_only.nlp, unit * (4 * reps), monkeypatch)
    ratios = {name: large[name] / max(small[name], 1) for name in small}
    assert all(r <= 5 for r in ratios.values()), ratios


def test_each_stage_works_in_linear_time_on_long_documents(rules_only, monkeypatch):
    small = stage_work(rules_only.nlp, corpus_text(4_000), monkeypatch)
    large = stage_work(rules_only.nlp, corpus_text(16_000), monkeypatch)
    ratios = {name: large[name] / max(small[name], 1) for name in small}
    assert all(r <= 5 for r in ratios.values()), ratios


def test_the_merge_settles_many_statistical_names_in_linear_work(rules_only, monkeypatch):
    """The statistical NER's names (here `副市长王明、` repeated: a name at each)
    against as many rule entities: each is placed by bisection among the
    kept ones, not compared with all of them."""
    from newsextract.items import Item, items

    def work(reps):
        text = "副市长王明、" * reps
        doc = rules_only.nlp.make_doc(text)
        found = items(doc)
        for k in range(reps):
            s = 6 * k
            found.append(Item("entity", s, s + 3, "ORG", "bodies"))  # a rule entity on each post
            found.append(Item("entity", s + 3, s + 5, "PERSON", "ner"))  # a name in each gap
            found.append(Item("entity", s + 1, s + 4, "PERSON", "ner"))  # one across a rule entity
        tally = [0]
        traced(lambda: rules_only.nlp.get_pipe("merge")(doc), tally)  # the shipped merge
        kept = [(i.start, i.end, i.stage) for i in items(doc) if i.kind == "entity"]
        assert len(kept) == 2 * reps and sum(stage == "ner" for *_, stage in kept) == reps
        return tally[0]

    assert work(2000) <= 5 * work(500)
