"""The policies stage's scans: patterns tried only where a match can start
find what the plain search finds."""
from conftest import corpus_documents


def test_laws_are_tried_only_where_one_can_start_and_found_as_the_plain_search_finds_them(extractor):
    """rules/policies/patterns.yaml `law_openings` must hold every place a
    law can start: on every corpus text, and on laws written next to one
    another and to their openings, the policies stage's scan gives exactly
    the matches of `law`'s own finditer."""
    finder = extractor.nlp.get_pipe("policies")
    texts = [extractor.normalise(d["text"]).text for d in corpus_documents()]
    texts += ["依照中华人民共和国刑法第二条", "根据依据刑法第三条", "违反中华人民共和国道路交通安全法第九十条",
              "适用治安管理处罚法第五条和中华人民共和国种子法", "按照本办法第三条", "对照触犯刑法第一百条",
              "网络安全法施行以来", "会议指出,打击不法赌博法生效后;数据安全法正式实施后", "。、个人信息保护法颁布\n反垄断法生效",
              # a clause-start law's head at the end of its reach, and one character past it
              "，" + "甲" * 12 + "法生效后", "，" + "甲" * 13 + "法生效后"]
    n = 0
    for text in texts:
        expected = [m.span() for m in finder.laws.finditer(text)]
        assert [m.span() for m in finder.find_laws(text)] == expected, text[:40]
        n += len(expected)
    assert n > 5  # laws met: one in the corpus, the rest written here


def test_unmarked_names_are_tried_only_at_anchors_with_a_head_in_reach_and_found_as_at_every_anchor(extractor):
    """_named skips an anchor with no head of unmarked_heads.txt 2 to 40
    characters after it: with every position of every corpus text as an
    anchor, it gives the names that trying `named` at each gives."""
    finder = extractor.nlp.get_pipe("policies")
    texts = [extractor.normalise(d["text"]).text for d in corpus_documents()]
    texts += ["湖南省国家先进制造业集群培育提升三年行动计划", "2017年国民经济和社会发展计划", "全国实施方案和工作方案",
              "浙江省" + "农" * 37 + "行动计划", "浙江省" + "农" * 38 + "行动计划"]
    n = 0
    for text in texts:
        anchors = range(len(text))
        expected = [m.span() for a in anchors if (m := finder.named.match(text, a))
                    and not finder.named_stops.search(m.group())]
        assert [m.span() for m, _ in finder._named(text, anchors)] == expected, text[:40]
        n += len(expected)
    assert n > 100
