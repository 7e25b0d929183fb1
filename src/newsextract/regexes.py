"""Rule patterns compiled with the standard library's `re` where it reads
them exactly as the `regex` module does: a call of `re` costs about a third
of one of `regex` on a word alternation (0.25 against 0.7 µs a `match`), and
the rule stages make some hundred thousand such calls per megabyte.

Only patterns with nothing the two modules read differently go to `re`:
no Unicode properties (\\p{Han}), no class shorthands or word boundaries
(\\s, \\w, \\d, \\b: their Unicode sets differ between the modules at a few
characters), no case folding and no `regex`-only syntax or flags (re fails
to compile those). Everything else, and any pattern a caller passes
`regex`-only arguments to (overlapped=, partial=), stays with `regex`.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

import regex

# escapes whose character sets differ between re and regex or that re lacks,
# inline flags other than m and s, and nested sets ([[:alpha:]], V1's [[a]--[b]])
_DIFFERENT = re.compile(r"\\[^\\.^$|?*+()\[\]{}\-/:'\"&~#%@!<>=,;`untrfv \u0080-\U0010ffff]|\(\?(?![:!=]|<[=!]|P[<=]|[ms]+\))|\[\[")


def compile(pattern: str, flags: int = 0):
    """`pattern` compiled by `re` when it means the same there, else by `regex`."""
    if flags & ~(re.MULTILINE | re.DOTALL) == 0 and not _DIFFERENT.search(_without_escaped_backslashes(pattern)):
        try:
            return re.compile(pattern, flags)
        except re.error:
            pass
    return regex.compile(pattern, flags)


def finditer_at(pattern, text: str, starts: Iterable[int]) -> Iterator:
    """What `pattern.finditer(text)` finds, for a pattern that matches no
    empty string, trying it only at `starts` (ascending), which must hold
    every place where a match can start. A pattern that opens with a
    lookbehind or an alternation gives the engine no literal to scan for:
    its own search tries it at every character, where a cheap scan for the
    few places a match can start and a `match` at each costs a fraction."""
    pos = 0
    match = pattern.match
    for at in starts:
        if at < pos:
            continue
        m = match(text, at)
        if m is not None and m.end() > m.start():
            pos = m.end()
            yield m


def _without_escaped_backslashes(pattern: str) -> str:
    return pattern.replace("\\\\", "")
