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
        for nul in ("孝丰镇\x00", "\x00", "孝\x00丰镇"):  # marisa-trie itself raises struct.error
            assert trie.get(nul) is None and nul not in trie and trie.get(nul, "-") == "-"
        assert "孝丰镇" in trie
    assert list(tmp_path.glob("r-k.marisa"))


def test_writing_a_new_file_prunes_the_older_ones_of_its_kind(tmp_path, monkeypatch):
    """Each edit of a rules file makes a new key: the cache keeps the file
    just written and the newest KEEP - 1 others of its kind, drops an earlier
    release's format and dead writers' temporary files, and leaves the other
    kinds alone (townships-longest is not a townships file)."""
    import os
    import time

    monkeypatch.setenv("NEWSEXTRACT_CACHE", str(tmp_path))
    now = time.time()

    def aged(name, age_s, data=b"x"):
        p = tmp_path / name
        p.write_bytes(data)
        os.utime(p, (now - age_s, now - age_s))
        return p

    keys = [cache.digest(f"edit {i}") for i in range(5)]
    for age, key in enumerate(keys):
        aged(f"townships-{key}.marisa", 100 * (age + 1))
    earlier_format = aged(f"townships-{keys[0]}.marshal", 50)
    dead_tmp = aged(f"townships-{keys[1]}.marisa.4242.tmp", 2 * cache.STALE_TMP_S)
    live_tmp = aged(f"townships-{keys[2]}.marisa.4243.tmp", 10)
    other_kinds = [aged(f"townships-longest-{keys[4]}.marshal", 10_000), aged("notes.txt", 10_000)]

    new = cache.digest("edit 5")
    trie = cache.record_trie("townships", new, "<ii", lambda: [("孝丰镇", (330523, 330523105))])
    assert trie.get("孝丰镇") == [(330523, 330523105)]
    kept = sorted(p.name for p in tmp_path.glob("townships-*.marisa"))
    assert kept == sorted(f"townships-{k}.marisa" for k in (new, keys[0], keys[1]))
    assert cache.KEEP == 3
    assert not earlier_format.exists() and not dead_tmp.exists()
    assert live_tmp.exists() and all(p.exists() for p in other_kinds)

    # Reading a cached file prunes nothing; a marshal kind is pruned the same way.
    assert cache.record_trie("townships", new, "<ii", lambda: []).get("孝丰镇") == [(330523, 330523105)]
    assert sorted(p.name for p in tmp_path.glob("townships-*.marisa")) == kept
    for age, key in enumerate(keys):
        aged(f"gazetteer-features-{key}.marshal", 100 * (age + 1))
    assert cache.marshalled("gazetteer-features", new, lambda: {"路"}) == {"路"}
    assert len(list(tmp_path.glob("gazetteer-features-*.marshal"))) == 3
