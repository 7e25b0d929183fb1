"""Rule patterns compiled with the stdlib's re (regexes.compile) find what
the regex module finds with the same pattern."""
import re

import pytest
import regex

from newsextract import regexes


@pytest.mark.parametrize("pattern", [
    r"\p{Han}{2}",  # a Unicode property: re has none
    r"记者\s*",  # \s: the two modules' sets differ at a few characters
    r"\w+局", r"\d+", r"\b市长",
    r"(?i)ab",  # case folding
    r"(?r)\p{Han}*",  # regex's reverse matching
    r"[[:alpha:]]",  # a POSIX class, a nested set to re
    r"(?<name>x)",  # regex's named group syntax
])
def test_patterns_the_modules_read_differently_stay_with_regex(pattern):
    assert isinstance(regexes.compile(pattern), regex.Pattern)


@pytest.mark.parametrize("pattern", [
    "书记|市长|副市长", r"(?m)^(?:任命|免去)[：:][ \t]*\n", r"[局办委]{2,8}(?:分局|局)", r"\u00b7\·",
    r"(?:[(（][^()（）]{0,20}[)）])+$", r"a\\b",
])
def test_plain_patterns_go_to_re(pattern):
    assert isinstance(regexes.compile(pattern), re.Pattern)


def test_the_stages_patterns_find_the_same_in_re_and_regex(extractor):
    """Every pattern of the rule stages (and of the metadata reader) that
    went to re matches the same spans as regex compiled from it: finditer
    over each corpus text, and match and search from every position of one."""
    from conftest import corpus_documents

    texts = [extractor.normalise(d["text"]).text for d in corpus_documents()]
    checked = 0
    objects = []
    for name in ("people", "bodies", "suffixed", "gazetteer", "figures", "dates", "policies",
                 "policy_links"):
        stage = extractor.nlp.get_pipe(name)
        objects += [stage, getattr(stage, "extend_unit", None)]
    objects.append(extractor.metadata)
    for obj in objects:
        for pat in [v for v in vars(obj).values() if isinstance(v, re.Pattern)] if obj is not None else []:
            other = regex.compile(pat.pattern, pat.flags & (re.MULTILINE | re.DOTALL))
            for text in texts:
                assert [m.span() for m in pat.finditer(text)] == [m.span() for m in other.finditer(text)]
            text = texts[0]
            for p in range(len(text)):
                assert _span(pat.match(text, p)) == _span(other.match(text, p))
                assert _span(pat.search(text, max(0, p - 12), p)) == _span(other.search(text, max(0, p - 12), p))
            checked += 1
    assert checked >= 33


def _span(m):
    return m and m.span()


def test_finditer_at_finds_what_finditer_finds_when_the_starts_hold_every_match():
    """Tried at the starts of 第 only, a pattern that opens with a lookbehind
    gives the plain search's matches, overlapping candidates and a match
    running over a later start included; a start left out loses its match."""
    pattern = regex.compile(r"(?<=[依按]照)\p{Han}{1,4}?法(?=第)|第[一二三四五六七八九十]+条")
    text = "依照刑法第二条和第三条,按照安全生产法第十条第十一条的规定"
    expected = [m.group() for m in pattern.finditer(text)]
    starts = sorted({m.end() for m in regex.finditer("[依按]照", text)} | {m.start() for m in regex.finditer("第", text)})
    assert [m.group() for m in regexes.finditer_at(pattern, text, starts)] == expected
    assert expected == ["刑法", "第二条", "第三条", "安全生产法", "第十条", "第十一条"]
    missing = [s for s in starts if s != text.index("第三条")]
    assert [m.group() for m in regexes.finditer_at(pattern, text, missing)] == [e for e in expected if e != "第三条"]

