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
