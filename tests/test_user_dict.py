"""A user dictionary as jieba.load_userdict reads it, plus a label column:
its words stay whole, its labelled names become entities (merged by the one
policy), a bad file is named with its line, and every engine uses it."""
import json
import subprocess
import sys

import pytest

from newsextract import Extractor, segment, userdict
from newsextract.userdict import UserDictError

from conftest import corpus_documents

USER_DICT = """\ufeff# names of our own field
鸿蒙智联 nz
星河數科 5 nt ORG
长安链 LOC
王强 PERSON
中信 ORG
龙口市 GPE
南山铝业 ORG
赵一鸣 3 nr PERSON
"""
TEXT = ("星河數科新能源與鸿蒙智联科技公司在长安链数据平台签约，王强出席。王强化工作安排，"
        "中信银行、南山铝业股份有限公司、龍口市和赵一鸣参加。")


@pytest.fixture(scope="module")
def dict_path(tmp_path_factory):
    p = tmp_path_factory.mktemp("ud") / "user.dict"
    p.write_text(USER_DICT, encoding="utf-8")
    return p


@pytest.fixture(scope="module")
def with_dict(dict_path):
    return Extractor(exclude=["ner"], user_dict=dict_path)


def ents(rec):
    return [(e["text"], e["label"], e["stage"]) for e in rec["entities"]]


def test_the_file_reads_as_jieba_reads_it_plus_labels(dict_path):
    entries = userdict.load(dict_path)
    assert [(e.word, e.clean, e.freq, e.tag, e.label) for e in entries][:3] == [
        ("鸿蒙智联", "鸿蒙智联", None, "nz", None), ("星河數科", "星河数科", 5, "nt", "ORG"),
        ("长安链", "长安链", None, None, "LOC")]
    assert [e.line for e in entries] == [2, 3, 4, 5, 6, 7, 8, 9]


def test_its_words_stay_whole_with_rjieba_and_with_jieba(dict_path, extractor):
    extra = segment.user_dict_words(str(dict_path))
    words = extractor.nlp.tokenizer.user_words
    plain, rj, jb = segment.RustJieba(words), segment.RustJieba(words, extra=extra), segment.make_jieba(words, extra=extra)
    for word in ("鸿蒙智联", "星河数科", "长安链"):
        assert word not in plain.cut(TEXT.replace("星河數科", "星河数科"))  # jieba alone splits them
    clean = "星河数科新能源与鸿蒙智联科技公司在长安链数据平台签约"
    assert rj.cut(clean)[:6] == ["星河数科", "新能源", "与", "鸿蒙智联", "科技", "公司"] and "长安链" in rj.cut(clean)
    for doc in corpus_documents()[:40] + [{"text": clean}]:  # the fallback gives the same tokens
        assert rj.cut(doc["text"]) == jb.lcut(doc["text"])


def test_labelled_names_are_entities_where_they_stand_as_words(with_dict, rules_only):
    rec = with_dict.extract(TEXT)
    got = ents(rec)
    # traditional in the text and the file; whole, the bodies stage knows it too (same label: its item stays)
    assert ("星河數科", "ORG") in [(t, lab) for t, lab, _ in got]
    assert ("长安链", "LOC", "user_dict") in got and ("赵一鸣", "PERSON", "user_dict") in got
    assert got.count(("王强", "PERSON", "user_dict")) == 1  # not in 王|强化
    assert not any(t == "中信" for t, _, _ in got)  # inside the word 中信银行
    for e in rec["entities"]:
        assert TEXT[e["start"]:e["end"]] == e["text"]
    # The merge's policy: the longer rule name wins (南山铝业 inside a company
    # name); the same name with the same label stays the rule stage's item (its code).
    assert ("南山铝业股份有限公司", "ORG", "suffixed") in got
    place = next(e for e in rec["entities"] if e["text"] == "龍口市")
    assert place["stage"] == "gazetteer" and place["code"]
    # Without the dictionary: none of the user's names.
    assert not [e for e in ents(rules_only.extract(TEXT)) if e[2] == "user_dict"]
    assert ("星河數科", "ORG") not in [(t, lab) for t, lab, _ in ents(rules_only.extract(TEXT))]


def test_the_users_label_wins_at_equal_length(tmp_path, rules_only):
    p = tmp_path / "relabel.txt"
    p.write_text("龙口市工信局 LOC\n", encoding="utf-8")
    text = "龙口市工信局召开会议。"
    assert ents(rules_only.extract(text))[0] == ("龙口市工信局", "ORG", "bodies")
    assert ents(Extractor(exclude=["ner"], user_dict=p).extract(text))[0] == ("龙口市工信局", "LOC", "user_dict")


@pytest.mark.parametrize("content, message", [
    (b"ok\n\xb9\xfa\xbc\xd2 ORG\n", ":2: not UTF-8"),
    ("王斌 PER\n".encode(), ":1: unknown label 'PER' (one of ORG, GPE, LOC, PERSON)"),
    ("王斌 PERSON 5\n".encode(), ":1: the label PERSON must be the last column"),
    ("南山铝业 nt\n龙口 12x GPE\n".encode(), ":2: '12x' is not a frequency"),
    ("\n\n南山 铝业 ORG\n".encode(), ":3: 3 columns; a word has no spaces"),
    ("\u200b ORG\n".encode(), ":1: the word '\\u200b' is nothing once normalised"),
])
def test_a_bad_file_is_named_with_its_line(tmp_path, content, message):
    p = tmp_path / "bad.dict"
    p.write_bytes(content)
    with pytest.raises(UserDictError) as info:
        Extractor(exclude=["ner"], user_dict=p)
    assert str(info.value).startswith(f"{p}{message}")


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(UserDictError, match=r"nothere\.dict: cannot read the user dictionary: No such file"):
        Extractor(user_dict=tmp_path / "nothere.dict")
    with pytest.raises(UserDictError, match="is not a file"):
        userdict.load(tmp_path)


def test_doc_ents_and_nlp_carry_the_users_names(with_dict):
    doc = with_dict.doc(TEXT)
    assert ("星河数科", "ORG") in [(e.text, e.label_) for e in doc.ents]
    assert "user_dict" in with_dict.nlp.pipe_names
    assert with_dict.nlp.pipe_names.index("user_dict") < with_dict.nlp.pipe_names.index("merge")


# -- the command line, its worker processes and Dask workers ---------------------------
@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    d = tmp_path_factory.mktemp("ud-in")
    docs = [{"doc_id": f"u{i}", "text": t} for i, t in enumerate([
        TEXT, "星河數科董事長王强表示，长安链已接入全市平台。", "市委书记韩立新会见赵一鸣一行。",
        *[doc["text"] for doc in corpus_documents()[:5]]])]
    (d / "docs.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in docs), encoding="utf-8")
    return d / "docs.jsonl"


def extract_cli(*args):
    return subprocess.run([sys.executable, "-m", "newsextract", "extract", *map(str, args), "--no-progress"],
                          capture_output=True, text=True, encoding="utf-8")


def test_the_command_line_flag_reaches_every_worker(inputs, dict_path, tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    p = extract_cli(inputs, "-o", one, "--user-dict", dict_path, "--exclude", "ner")
    assert p.returncode == 0, p.stderr
    p = extract_cli(inputs, "-o", two, "--user-dict", dict_path, "--exclude", "ner", "--workers", "2")
    assert p.returncode == 0, p.stderr
    assert one.read_bytes() == two.read_bytes()
    recs = [json.loads(line) for line in one.read_text(encoding="utf-8").splitlines()]
    ex = Extractor(exclude=["ner"], user_dict=dict_path)
    expected = [ex.extract(json.loads(l)["text"], json.loads(l)["doc_id"])
                for l in inputs.read_text(encoding="utf-8").splitlines()]
    assert [{**r, "source": None} for r in recs] == [{**r, "source": None} for r in expected]
    assert ("星河數科", "user_dict") in [(e["text"], e["stage"]) for e in recs[1]["entities"]]


def test_a_bad_dictionary_stops_the_command_before_the_output_is_touched(inputs, tmp_path):
    bad = tmp_path / "bad.dict"
    bad.write_text("南山铝业 ORG\n王斌 PER\n", encoding="utf-8")
    out = tmp_path / "records.jsonl"
    out.write_text('{"doc_id": "kept"}\n', encoding="utf-8")
    p = extract_cli(inputs, "-o", out, "--user-dict", bad)
    assert p.returncode == 2
    assert f"--user-dict: {bad}:2: unknown label 'PER'" in p.stderr and "Traceback" not in p.stderr
    assert out.read_text(encoding="utf-8") == '{"doc_id": "kept"}\n'
    p = extract_cli(inputs, "-o", out, "--user-dict", tmp_path / "missing.dict")
    assert p.returncode == 2 and "missing.dict: cannot read the user dictionary" in p.stderr


def test_dask_workers_load_the_dictionary(inputs, dict_path, tmp_path):
    pytest.importorskip("distributed")
    from distributed import LocalCluster

    from newsextract.distributed import run_dask

    local, remote = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert extract_cli(inputs, "-o", local, "--user-dict", dict_path, "--exclude", "ner").returncode == 0
    with LocalCluster(n_workers=1, processes=True, threads_per_worker=1, host="127.0.0.1", scheduler_port=0,
                      dashboard_address=None, silence_logs=40) as cluster:
        summary = run_dask([str(inputs)], str(remote), cluster.scheduler_address, exclude=("ner",),
                           user_dict=str(dict_path), progress=False)
    assert summary.records == 8 and remote.read_bytes() == local.read_bytes()
