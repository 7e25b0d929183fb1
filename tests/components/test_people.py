"""People: the post-word scanner against the trie regex. The constructions
themselves are case files: tests/cases/people/."""
import regex


def test_post_words_are_found_by_the_scanner_as_by_the_overlapped_trie_regex(extractor):
    """The post-word scan (Aho-Corasick) finds what the trie regex read with
    overlapped=True finds: the longest post word at each position."""
    from conftest import corpus_documents

    people = extractor.nlp.get_pipe("people")
    posts = regex.compile(people.posts.pattern)  # the stage's may be re's, which has no overlapped=
    texts = [extractor.normalise(d["text"]).text for d in corpus_documents()]
    for text in texts + ["副市长、市长副市长书记" * 30, "市长张·" * 100, "党组副书记、副局长王斌"]:
        assert people.post_scanner.finditer(text) == [m.span() for m in posts.finditer(text, overlapped=True)]


def test_group_leader_and_byline_words_are_found_as_their_patterns_find_them(extractor):
    """The whole-text scans for group words (等市领导), leaders' names and
    bylines' roles (记者 郑松波) find, on every corpus text and on bylines
    written next to one another, what the trie pattern's finditer finds:
    the automaton's leftmost-longest words, and the role pattern tried only
    where a role word starts."""
    from conftest import corpus_documents

    from newsextract import rules

    people = extractor.nlp.get_pipe("people")
    words = {name: regex.compile(rules.trie_pattern(rules.load_words(f"people/{name}.txt")))
             for name in ("groups", "leaders")}
    texts = [extractor.normalise(d["text"]).text for d in corpus_documents()]
    texts += ["记者 郑松波 邵占坤 通讯员:王明", "责任编辑:李华 编辑 张三", "见习记者记者刘洋", "王秋实、宫秀丽等市领导"]
    n = 0
    for text in texts:
        for name, pattern in words.items():
            assert getattr(people, name).finditer(text) == [m.span() for m in pattern.finditer(text)], (name, text[:40])
        roles = [m.span() for m in people.roles.finditer(text)]
        assert [m.span() for m in people.role_matches(text)] == roles
        n += len(roles)
    assert n > 20
