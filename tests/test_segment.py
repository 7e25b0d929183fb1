"""rjieba stands in for jieba only where it gives jieba's tokens: the issue's
condition for using it. Checked on every corpus document with the
pipeline's user words, and on the cases where jieba-rs differs on its own."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsextract import segment

from conftest import corpus_documents

rjieba = pytest.importorskip("rjieba")


@pytest.fixture(scope="module")
def both(extractor):
    words = extractor.nlp.tokenizer.user_words  # the words config.cfg has the segmenter keep whole
    return segment.make_jieba(words), segment.RustJieba(words)


def test_rjieba_segments_every_corpus_document_as_jieba_does(both):
    jb, rj = both
    docs = corpus_documents()
    assert len(docs) >= 150
    for doc in docs:
        assert list(rj.cut(doc["text"])) == list(jb.cut(doc["text"])), doc["doc_id"]


@pytest.mark.parametrize("text", [
    "2024-03-19 09:12发布",            # jieba-rs keeps 2024-03-19 whole; jieba splits it
    "COVID-19疫情防控和x86_64服务器",
    "联系电话：0717-6223312，网址http://www.gov.cn/a_b.html",
    "第1.2.3版《实施方案》",
])
def test_runs_of_digits_and_letters_are_split_like_jieba(both, text):
    jb, rj = both
    assert list(rj.cut(text)) == list(jb.cut(text))


def test_user_words_and_jieba_total_agree(both):
    """Re-added dictionary words (北京市, 有限公司) change jieba's total
    differently from jieba-rs's; the filler keeps the probabilities equal.
    石川一成 and 全才全能 were split differently before it."""
    jb, rj = both
    for text in ("日本知名学者石川一成先生曾撰文说", "因为她与刘易斯一样全才全能。"):
        assert list(rj.cut(text)) == list(jb.cut(text))


def test_without_rjieba_the_pipeline_falls_back_to_jieba(monkeypatch):
    import importlib.util
    import sys

    real_find_spec = importlib.util.find_spec

    def no_rjieba(name, *args, **kwargs):
        return None if name.split(".")[0] == "rjieba" else real_find_spec(name, *args, **kwargs)

    for name in ("rjieba", "rjieba.rjieba"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.setattr(importlib.util, "find_spec", no_rjieba)
    seg = segment.make_segmenter(["龙口市普惠中小企业服务中心"])
    assert not isinstance(seg, segment.RustJieba)
    assert "龙口市普惠中小企业服务中心" in list(seg.cut("龙口市普惠中小企业服务中心成立"))


@pytest.mark.parametrize("text", [
    "市委书记 闫剑波出席", "  开头两个空格", "结尾有空格 ", "两个  空格\n\n换行\u3000全角空格 \n 混合",
    "a b  c", "\n", " ", "",
])
def test_words_and_spaces_are_spacys(text):
    import jieba as jb
    from spacy.util import get_words_and_spaces

    tokens = [t for t in jb.lcut(text) if t]
    assert segment.align(tokens)[:2] == get_words_and_spaces(tokens, text)


def test_words_and_spaces_are_spacys_on_every_corpus_document(both):
    from spacy.util import get_words_and_spaces

    _, rj = both
    for doc in corpus_documents():
        tokens = [t for t in rj.cut(doc["text"]) if t]
        assert segment.align(tokens)[:2] == get_words_and_spaces(tokens, doc["text"]), doc["doc_id"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(["市长", "a", "。", " ", "  ", "\n", " \n", "\u3000", "\t"]), max_size=12))
def test_the_offsets_text_doc_records_are_aligns(tokens):
    """segment.offsets, what text_doc records, gives align's (start, end,
    word) on runs of spaces, newlines and words in any order: spaCy's words
    and spaces (align derives its spaces from these offsets), each at its
    place in the text."""
    from spacy.util import get_words_and_spaces

    text = "".join(tokens)
    assert segment.offsets(tokens) == segment.align(tokens)[2]
    assert segment.align(tokens)[:2] == get_words_and_spaces(tokens, text)
    assert all(text[s:e] == w for s, e, w in segment.offsets(tokens))
    words, (starts, ends) = segment.token_offsets(tokens)  # the columns text_doc records with them
    assert words == segment.offsets(tokens)
    assert (starts, ends) == ([s for s, _, _ in words], [e for _, e, _ in words])


def test_the_hmm_skip_pattern_is_still_jiebas():
    import jieba.finalseg

    assert segment.HMM_SKIP.pattern == jieba.finalseg.re_skip.pattern


def test_the_dictionary_cache_gives_what_the_parse_gives(tmp_path, monkeypatch):
    parsed = segment.parse_dict(segment.jieba_dict_path())
    sample = list(parsed)[::997] + ["北京", "不是一个词", ""]

    def same(d):
        assert len(d) == len(parsed) > 300_000 and d.get("北京")[1] == "ns"
        for w in sample:
            assert d.get(w) == parsed.get(w) and (w in d) == (w in parsed), w

    monkeypatch.setenv("NEWSEXTRACT_CACHE", str(tmp_path / "cache"))
    (tmp_path / "cache").mkdir()
    earlier = tmp_path / "cache" / "jieba-dict-5071852-1795930726.marshal"  # the earlier format
    earlier.write_bytes(b"\0" * 100)
    segment.jieba_dictionary.cache_clear()
    try:
        same(segment.jieba_dictionary())  # parses, writes the cache
        assert list((tmp_path / "cache").glob("jieba-dict-*.marisa"))
        assert not earlier.exists()
        segment.jieba_dictionary.cache_clear()
        same(segment.jieba_dictionary())  # reads it
        (tmp_path / "file").write_text("not a folder")
        monkeypatch.setenv("NEWSEXTRACT_CACHE", str(tmp_path / "file" / "cache"))  # cannot be made
        segment.jieba_dictionary.cache_clear()
        same(segment.jieba_dictionary())
    finally:
        segment.jieba_dictionary.cache_clear()


def test_the_tokens_recorded_by_the_tokenizer_are_spacys(extractor):
    from newsextract.items import text_of, tokens_of

    for d in corpus_documents()[:40] + [{"text": "两个  空格\n\n换行\u3000全角 \n 混合 "}, {"text": ""}]:
        doc = extractor.nlp.make_doc(d["text"])
        assert tokens_of(doc) == [(t.idx, t.idx + len(t.text), t.text) for t in doc]
        assert text_of(doc) == doc.text == d["text"]
        # what the Extractor's stages get: the same text and offsets, one spaCy token
        light = extractor.nlp.tokenizer.text_doc(d["text"])
        assert len(light) == min(1, len(d["text"])) and light.text == text_of(light) == d["text"]
        assert tokens_of(light) == tokens_of(doc)


# Characters jieba does not read as Han (Extension A, U+9FD6–U+9FFF, the
# compatibility ideographs, the supplementary planes), each its own token.
ASTRAL = "𠀀𠀁𪚥𫠝𬺰\U0002F800"
OTHER_HAN = "㐀㐁鿖鿿豈"


@pytest.mark.parametrize("text", [
    "𠀀𠀁𠀂",                      # a run: three tokens, not one
    "𠀀" * 2000,                   # a long run
    ".𠀀", "𠀀.", "a.𠀀b", "2024.𠀀年",  # jieba's word characters next to one
    "市长𠀀出席。", "《𠀀》，𠀀；𠀀", "𠀀 𠀁\n𠀂",  # punctuation and spaces next to them
    "㐀㐁中国", "鿕鿖鿿", "豈更車", "张𪚥三出席会议，𫠝", "😀😁测试",
])
def test_characters_jieba_does_not_read_as_han_are_tokens_of_their_own(both, text):
    jb, rj = both
    assert rj.cut(text) == list(jb.cut(text))


# derandomize: the same 300 examples at every run.
@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from(ASTRAL + OTHER_HAN + "中国人民市长出席会议张三.。，、《》 \n-a1"), max_size=60))
def test_mixed_astral_text_segments_as_jieba_does(both, text):
    jb, rj = both
    assert rj.cut(text) == list(jb.cut(text))


@pytest.fixture(scope="module")
def tied():
    """Whether two routes score exactly alike depends on the dictionary's
    total, which every word added to the rules' word lists moves: three
    words of no use elsewhere make a total where they do (without the
    fallback, rjieba gave 长长|长|1 where jieba gives 长|长长|1)."""
    words = ["甲乙0号", "甲乙1号", "甲乙2号"]
    return segment.make_jieba(words), segment.RustJieba(words)


# Where a repeat of the character is a word (长长, 天天, 南南南), routes
# through a run that take the same words in another order (长长|长 and
# 长|长长) score alike but for rounding, and jieba-rs rounds otherwise.
@pytest.mark.parametrize("text", [
    "长长长1", "多多多的", "夜夜夜1", "太太太太太1", "头头头头头的", "南南南南南1",
    "他说：长长长1年，天天天1次。",          # two runs, each in a block of its own
    "𠀀长长长1𠀁", "a长长长长.5%", "长长长 长长长",
])
def test_a_tie_between_routes_through_a_run_of_one_character_segments_as_jieba_does(tied, text):
    jb, rj = tied
    assert rj.cut(text) == list(jb.cut(text))


def test_only_the_block_holding_a_run_that_can_tie_goes_to_jieba(both, monkeypatch):
    """jieba itself segments only jieba's block (the run of Han, letters,
    digits and +#&._%- between other characters) around such a run; runs
    whose repeats are no word (国国国, 议议议), two of a kind (哈哈) and digits
    (000) stay with rjieba."""
    jb, rj = both
    handed = []

    class Spy:
        def cut(self, text):
            handed.append(text)
            return jb.cut(text)

    monkeypatch.setattr(rj, "jieba", Spy)
    text = "市政府召开会议，长长长1年。国国国议议议，哈哈，共000元；天天天。"
    assert rj.cut(text) == list(jb.cut(text))
    assert handed == ["长长长1年", "天天天"]
    handed.clear()
    assert rj.cut("国国国议议议，哈哈，共000元") == list(jb.cut("国国国议议议，哈哈，共000元"))
    assert handed == []


def test_a_repeat_in_the_user_words_also_sends_its_runs_to_jieba(both):
    """A repeated word jieba's dictionary lacks (国国), from the user words
    or a user dictionary, makes a run of its character a possible tie too."""
    jb, rj = both
    assert rj.tie_blocks("国国国1") == []
    with_word = segment.RustJieba(rj.user_words, extra=[("国国", None, None)])
    assert with_word.tie_blocks("他国国国1。") == [(0, 5)]
    reference = segment.make_jieba(rj.user_words, extra=[("国国", None, None)])
    for text in ("他国国国1。", "国国国国国1"):
        assert with_word.cut(text) == list(reference.cut(text))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from("长天多南国议哈的1a.，𠀀 "), max_size=40))
def test_text_with_runs_of_one_character_segments_as_jieba_does(tied, text):
    jb, rj = tied
    assert rj.cut(text) == list(jb.cut(text))


def test_the_words_kept_whole_come_from_the_config(tmp_path):
    """--config can change the rules files of the segmenter's user words
    ([nlp.tokenizer] word_lists, word_tables): without them 省工信厅 is
    segmented as jieba alone does it (省工|信厅)."""
    from newsextract import pipeline

    shipped = pipeline.build()
    assert "龙口市" in shipped.tokenizer.user_words and "工信局" in shipped.tokenizer.user_words
    bare = pipeline.build(overrides={"nlp.tokenizer.word_lists": [], "nlp.tokenizer.word_tables": []})
    assert bare.tokenizer.user_words == []
    text = "省工信厅副厅长王斌"
    assert [t.text for t in shipped(text)][:2] == ["省", "工信厅"]
    assert [t.text for t in bare(text)][:2] == ["省工", "信厅"]


def test_a_common_word_is_frequent_and_not_tagged_as_a_name():
    """Dictionary.common, the test the people, merge, suffix and gazetteer
    stages make before reading a span as a name or place."""
    words = segment.jieba_dictionary()
    names = ("nr", "nrfg", "nrt", "nz")
    assert words.common("政府", 1000, names)  # a noun, 20,000 times and more
    assert words.common("宣传", 1000, names)
    assert not words.common("宣传", 100_000, names)  # not that common
    assert not words.common("和平", 1000, names)  # tagged nz: 杜和平 is a name
    assert words.common("北京", 1000, names) and not words.common("北京", 1000, ("ns",))
    assert not words.common("汪道涵", 1000, ())  # rare: 25 times
    assert not words.common("鿏鿏鿏", 0)  # not in the dictionary at all
