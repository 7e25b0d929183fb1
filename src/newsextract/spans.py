"""Questions about a set of character spans answered by bisection, so that
a stage asking one for each of its candidates stays linear in the text
(an `any()` over every earlier span made a page of names quadratic).

Spans are (start, end) pairs, end exclusive, and may overlap one another.
"""
from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from operator import itemgetter
from typing import Iterable


class SpanIndex:
    """A fixed set of spans, sorted by start, with the largest end among
    each prefix (`reach`): whether any span overlaps, holds or covers a
    given one is one bisection."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        pairs = sorted(spans)
        self.starts = list(map(itemgetter(0), pairs))  # the columns at C speed
        self.ends = list(map(itemgetter(1), pairs))
        self.reach = list(itertools.accumulate(self.ends, max))

    def __len__(self) -> int:
        return len(self.starts)

    def _reach_before(self, i: int) -> int:
        """The largest end among the first i spans (-1 if none)."""
        return self.reach[i - 1] if i > 0 else -1

    def overlaps(self, s: int, e: int) -> bool:
        """Whether a span (a, b) has a < e and s < b."""
        return self._reach_before(bisect_left(self.starts, e)) > s

    def contains(self, s: int, e: int) -> bool:
        """Whether a span (a, b) has a <= s and e <= b."""
        return self._reach_before(bisect_right(self.starts, s)) >= e

    def covers(self, x: int) -> bool:
        """Whether a span (a, b) has a <= x < b."""
        return self._reach_before(bisect_right(self.starts, x)) > x

    def clashes(self, s: int, e: int) -> bool:
        """Whether a span overlaps (s, e) other than by lying inside it and
        being shorter: one that starts before s and reaches past it, or one
        that starts in [s, e) and ends after e or is (s, e) itself."""
        i = bisect_left(self.starts, s)
        if self._reach_before(i) > s:
            return True
        for k in range(i, bisect_left(self.starts, e)):
            b = self.ends[k]
            if b > e or (b == e and self.starts[k] == s):
                return True
        return False
