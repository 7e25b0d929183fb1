"""cache.py: derived data kept between runs, never stale, never required."""
from __future__ import annotations

from newsextract import cache


def test_marshalled_builds_once_per_key(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSEXTRACT_CACHE", str(tmp_path))
    calls = []

    def build():
        calls.append(1)
        return {"怒江": (1, "ns")}

    key = cache.digest("inputs", b"\x00\x01")
    assert cache.marshalled("t", key, build) == {"怒江": (1, "ns")}
    assert cache.marshalled("t", key, build) == {"怒江": (1, "ns")}
    assert len(calls) == 1
    assert cache.marshalled("t", cache.digest("other inputs"), build) == {"怒江": (1, "ns")}
    assert len(calls) == 2  # new inputs, new key: never the old data


def test_a_damaged_or_unwritable_cache_is_rebuilt_around(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSEXTRACT_CACHE", str(tmp_path))
    key = cache.digest("x")
    cache.marshalled("t", key, lambda: [1, 2])
    (tmp_path / f"t-{key}.marshal").write_bytes(b"\xff broken")
    assert cache.marshalled("t", key, lambda: [3]) == [3]
    (tmp_path / "f").write_text("a file, not a folder")
    monkeypatch.setenv("NEWSEXTRACT_CACHE", str(tmp_path / "f" / "cache"))
    assert cache.marshalled("t", key, lambda: [4]) == [4]
    assert cache.record_trie("r", key, "<i", lambda: [("甲", (1,))]).get("甲") == [(1,)]


def test_record_trie_is_mapped_from_the_cache_the_second_time(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSEXTRACT_CACHE", str(tmp_path))
    rows = [("孝丰镇", (330523, 330523105)), ("城关镇", (1, 2)), ("城关镇", (3, 4))]
    first = cache.record_trie("r", "k", "<ii", lambda: iter(rows))
    again = cache.record_trie("r", "k", "<ii", lambda: [])  # not built: read
    for trie in (first, again):
        assert trie.get("孝丰镇") == [(330523, 330523105)]
        assert sorted(trie.get("城关镇")) == [(1, 2), (3, 4)]
        assert trie.get("北京") is None
    assert list(tmp_path.glob("r-k.marisa"))
