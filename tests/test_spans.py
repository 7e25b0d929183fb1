"""SpanIndex answers as the loops over every span it replaced did."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsextract.spans import SpanIndex

span = st.tuples(st.integers(0, 30), st.integers(0, 8)).map(lambda p: (p[0], p[0] + p[1]))


@settings(max_examples=400, deadline=None)
@given(spans=st.lists(span, max_size=12), query=span)
def test_span_index_agrees_with_a_loop_over_every_span(spans, query):
    index = SpanIndex(spans)
    s, e = query
    assert index.overlaps(s, e) == any(a < e and s < b for a, b in spans)
    assert index.contains(s, e) == any(a <= s and e <= b for a, b in spans)
    assert index.covers(s) == any(a <= s < b for a, b in spans)
    assert index.clashes(s, e) == any(a < e and s < b and not (s <= a and b <= e and b - a < e - s)
                                      for a, b in spans)


def test_a_name_holding_a_shorter_place_does_not_clash():
    index = SpanIndex([(1, 3), (10, 13)])  # 方|桂林| and 宁德市
    assert not index.clashes(0, 3)  # 方桂林 holds 桂林
    assert index.clashes(10, 13)  # the place itself
    assert index.clashes(12, 15)  # across its end
    assert not index.overlaps(3, 10) and index.overlaps(2, 4) and index.contains(11, 13)
