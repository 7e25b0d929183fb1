"""The clean text and the OffsetMap back to the original."""
import pytest

from newsextract.normalise import Normaliser, OffsetMap


@pytest.fixture(scope="module")
def norm():
    return Normaliser()


@pytest.mark.parametrize("original, clean", [
    ("產(chǎn)業(yè)集群", "产业集群"),                       # pinyin annotations go, traditional -> simplified
    ("会议暨数字化转型服务行(泰安站)在泰安召开", "会议暨数字化转型服务行(泰安站)在泰安召开"),  # Chinese in parentheses stays
    ("发(fā)展(zhǎn)", "发展"),
    ("ＧＤＰ增长５．２％，", "GDP增长5.2%,"),                 # full-width forms fold
    ("龍口市工業和信息化局", "龙口市工业和信息化局"),
    ("“?十四五”规划", "“十四五”规划"),                        # stray ? after an opening quote
    ("创新驱动?“双轮”", "创新驱动“双轮”"),
    ("数字\ufffd经济", "数字经济"),                            # U+FFFD
    ("燃?xì)饧八a", "燃饧八a"),                              # an annotation whose "(" was eaten
    ("是这样吗?我们认为", "是这样吗?我们认为"),               # a real question mark stays
    ("2019年(含)以前", "2019年(含)以前"),
])
def test_clean_text(norm, original, clean):
    assert norm(original).text == clean


@pytest.mark.parametrize("original", [
    "產(chǎn)業(yè)發(fā)展(泰安站)ＡＢＣ，“?十四五”\ufffd",
    "乾隆皇帝的頭髮與後來的發展",
    "",
    "(chǎn)開頭的括號",
    "𠀀𠀁擴展B區字符產(chǎn)業(yè)",
])
def test_every_clean_character_maps_into_the_original(norm, original):
    n = norm(original)
    assert len(n.offsets) == len(n.text)
    prev_end = 0
    for i, ch in enumerate(n.text):
        s, e = n.to_original(i, i + 1)
        assert 0 <= s < e <= len(original)
        assert s >= prev_end or s == n.to_original(i - 1, i)[0]  # monotone
        prev_end = e


def test_span_over_annotated_word_includes_inner_annotation_only(norm):
    original = "推動產(chǎn)業(yè)發展"
    n = norm(original)
    i = n.text.index("产业")
    s, e = n.to_original(i, i + 2)
    assert original[s:e] == "產(chǎn)業"


def test_offset_map_apply_replacement_of_other_length():
    m = OffsetMap.identity(5)
    text, m2 = m.apply("abcde", [(1, 3, "X"), (4, 5, "")])
    assert text == "aXd"
    assert m2.to_original(1, 2) == (1, 3)
    assert m2.to_original(0, 3) == (0, 4)
    assert m2.to_original(3, 3) == (5, 5)


def test_the_deletion_starts_cover_every_deletion_pattern():
    """rules/normalise.yaml's deletion_starts must hold the first character
    of every deletion: the fast pattern deletes what the plain one does."""
    import json
    from pathlib import Path

    from newsextract.normalise import Normaliser
    from newsextract import rules

    cfg = dict(rules.load_yaml("normalise.yaml"))
    fast = Normaliser()
    plain = Normaliser({"deletion_starts": ""})
    assert fast.delete.pattern != plain.delete.pattern
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"]
             for p in sorted((Path(__file__).parents[1] / "corpora").glob("*.json"))]
    texts += ["產(chǎn)業(yè)", "产\ufffd(chǎn)业", "?chǎn)业", "“?中国", "中国?“", "a\u200bb\ufeffc", "x\ud800y",
              "(泰安站)", "(chǎn)", "中(zhōng)\u200b国"]
    for t in texts:
        assert fast(t).text == plain(t).text, t[:30]
    assert cfg["deletion_starts"].startswith("[")


def test_pinyin_annotations_are_one_pattern_for_normaliser_scoring_and_exports(norm):
    """The normaliser, the scorer's folding and the gold export strip the same
    annotations, after any Han character (〇, 𠀀 of the supplementary planes too)."""
    from newsextract.evaluate import fold
    from newsextract.export import _clean

    text = "二〇(líng)二四年 𠀀(qiū)村 產(chǎn)業 (泰安站)"
    clean = norm(text).text
    assert clean == "二〇二四年 𠀀村 产业 (泰安站)"
    assert _clean(text) == "二〇二四年 𠀀村 產業 (泰安站)"
    assert fold(text) == fold(clean) == "二〇二四年𠀀村产业(泰安站)"


def test_a_bullet_that_starts_a_line_is_not_folded():
    n = Normaliser()
    assert n("  • 政策解读\n").text == "  • 政策解读\n"
    assert n("横琴.澳门青年").text == "横琴.澳门青年"  # a full stop between places is a list mark
    assert n("五‧一假期").text == "五·一假期"
