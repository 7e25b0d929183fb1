"""rules.Scanner must find what the trie regex it replaced finds: the
leftmost-longest names, left to right."""
from __future__ import annotations

import regex

from conftest import corpus_documents
from newsextract import rules


def test_scanner_finds_what_the_trie_regex_finds_on_every_corpus_document(extractor):
    g = extractor.nlp.get_pipe("gazetteer")
    names = set(g.full) | set(g.short) | set(g.former) | set(g.countries) | g.locations
    trie = regex.compile(rules.trie_pattern(names))
    scanner = rules.Scanner(names)
    total = 0
    for doc in corpus_documents():
        text = doc["text"]
        expected = [m.span() for m in trie.finditer(text)]
        assert list(scanner.finditer(text)) == expected, doc["doc_id"]
        total += len(expected)
    assert total > 1000


def test_scanner_prefers_the_longest_name_and_does_not_overlap():
    s = rules.Scanner(["北京", "北京市", "京市", "市海淀区", "海淀区"])
    text = "北京市海淀区，北京"
    assert [text[a:b] for a, b in s.finditer(text)] == ["北京市", "海淀区", "北京"]


def test_an_empty_scanner_finds_nothing():
    assert list(rules.Scanner([]).finditer("北京市")) == []


def test_scanner_offsets_are_characters_whatever_the_text_holds():
    s = rules.Scanner(["北京", "北京市"])
    for text, want in [("😀北京市", [(1, 4)]), ("a\ud800北京市", [(2, 5)]), ("\x00北京", [(1, 3)]),
                       ("ｘ北京，北京市", [(1, 3), (4, 7)])]:
        assert s.finditer(text) == want, repr(text)


def test_an_overlapping_scanner_finds_what_the_overlapped_trie_regex_finds(extractor):
    b = extractor.nlp.get_pipe("bodies")
    words = b.bodies | b.central
    trie = regex.compile(rules.trie_pattern(words))
    scanner = rules.Scanner(words, overlapping=True)
    total = 0
    for doc in corpus_documents():
        text = doc["text"]
        expected = [m.span() for m in trie.finditer(text, overlapped=True)]
        assert scanner.finditer(text) == expected, doc["doc_id"]
        total += len(expected)
    assert total > 1000
    s = rules.Scanner(["市委", "市委书记", "委书", "书记"], overlapping=True)
    assert s.finditer("市委书记来了") == [(0, 4), (1, 3), (2, 4)]


def test_a_small_scanner_finds_what_the_automaton_finds(extractor):
    import random

    g = extractor.nlp.get_pipe("gazetteer")
    names = sorted(set(g.full) | set(g.short) | g.locations)
    rng = random.Random(7)
    docs = corpus_documents()
    for k in (1, 2, 5, 16):
        for doc in docs[::7]:
            text = doc["text"]
            # names of the document itself, and names that overlap (北京, 北京市, 京市)
            words = [text[a:b] for a, b in rules.Scanner(names).finditer(text)][:k // 2 + 1] + rng.sample(names, 2)
            words += [w[1:] for w in words if len(w) > 2]
            words = list(dict.fromkeys(words))[:k]
            small, automaton = rules.Scanner(words), rules.Scanner(words, small=0)
            assert small.small is not None and automaton.small is None
            assert small.finditer(text) == automaton.finditer(text), (doc["doc_id"], words)


def test_shared_character_sets_are_written_once():
    """The name dots and the administrative characters live in
    rules/characters.yaml; no other rule file or module writes the sets (or
    most of one) again: a run of three dots, of five administrative characters
    (a bullet and a dot as separators, •·, are another matter)."""
    root = rules.rules_dir().parent
    sets = {name: regex.compile("[" + regex.escape(rules.characters(name)) + "]{%d,}" % least)
            for name, least in (("NAME_DOTS", 3), ("ADMIN", 5))}
    written = []
    for folder, pattern in ((rules.rules_dir(), "**/*"), (root / "src" / "newsextract", "**/*.py"),
                            (root / "src" / "newsextract", "*.cfg")):
        for path in folder.glob(pattern):
            if path.is_file() and path.name != "characters.yaml" and path.suffix in (".py", ".cfg", ".yaml", ".txt"):
                text = path.read_text(encoding="utf-8")
                written += [(path.name, name) for name, run in sets.items() if run.search(text)]
    assert written == []


def test_rule_patterns_name_the_shared_character_sets():
    assert rules.expand(r"[\p{Han}{NAME_DOTS}]{2,4}") == r"[\p{Han}" + regex.escape(rules.characters("NAME_DOTS")) + "]{2,4}"
    each = regex.compile(rules.expand(rules.load_yaml("orgs/patterns.yaml")["each"]))
    assert each.search("各旗县") and each.search("各村") and not each.search("各部门")
    assert rules.expand("{BEFORE}{2}") == "{BEFORE}{2}"  # only the names of rules/characters.yaml


def test_words_of_one_text_are_found_as_the_automaton_finds_them(extractor):
    """rules.find_words, for the names one document gave (str.find per word
    up to rules.FIND_EACH_MAX words times characters, else the automaton),
    finds what the automaton finds: dozens of each document's own names,
    overlapping ones among them, on long and short corpus texts."""
    import random

    g = extractor.nlp.get_pipe("gazetteer")
    names = sorted(set(g.full) | set(g.short) | g.locations)
    rng = random.Random(11)
    found = 0
    for doc in corpus_documents()[::5]:
        text = doc["text"]
        own = [text[a:b] for a, b in rules.Scanner(names).finditer(text)]
        words = list(dict.fromkeys(own + [w[1:] for w in own if len(w) > 2] + rng.sample(names, 20)))
        for k in (24, 64, len(words)):
            expected = rules.Scanner(words[:k], small=0).finditer(text)
            assert rules.find_words(words[:k], text) == expected, (doc["doc_id"], k)
            found += len(expected)
    assert found > 500
    long_text = "".join(d["text"] for d in corpus_documents()[:40])  # past FIND_EACH_MAX: the automaton
    assert len(names[:100]) * len(long_text) > rules.FIND_EACH_MAX
    assert rules.find_words(names[:100], long_text) == rules.Scanner(names[:100], small=0).finditer(long_text)


def test_the_stages_dfa_scanners_find_what_the_default_automaton_finds(extractor):
    """A scanner of up to Scanner.DFA_MAX words is a DFA (it scans faster):
    every such scanner of the rule stages finds, on every corpus text, what
    the default automaton of the same words and match kind finds."""
    import ahocorasick_rs

    texts = [extractor.normalise(d["text"]).text for d in corpus_documents()]
    scanners = [(name, key, s) for name, pipe in extractor.nlp.pipeline for key, s in vars(pipe).items()
                if isinstance(s, rules.Scanner) and s.small is None and not s.empty]
    dfas = [(name, key, s) for name, key, s in scanners if len(s.words) <= rules.Scanner.DFA_MAX]
    assert len(dfas) >= 4 and any(len(s.words) > rules.Scanner.DFA_MAX for _, _, s in scanners)
    for name, key, s in dfas:
        kind = ahocorasick_rs.MatchKind.Standard if s.overlapping else ahocorasick_rs.MatchKind.LeftmostLongest
        default = ahocorasick_rs.AhoCorasick(s.words, matchkind=kind)
        for text in texts:
            assert s.automaton.find_matches_as_indexes(text, overlapping=s.overlapping) == \
                default.find_matches_as_indexes(text, overlapping=s.overlapping), (name, key)
