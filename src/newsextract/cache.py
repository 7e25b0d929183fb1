"""Data derived from installed files, kept between runs in the user's cache
(~/.cache/newsextract, or $NEWSEXTRACT_CACHE) so that start-up reads it
instead of deriving it again. Every file is named by a key of what it was
derived from, so a changed source is a new file, never stale data; a cache
that cannot be read or written is skipped and the data derived in memory.
Writing a new file prunes the older ones of its kind (`prune`), so that
editing the rules does not grow the cache without end."""
from __future__ import annotations

import functools
import hashlib
import marshal
import os
import re
import time
from pathlib import Path
from typing import Callable


def cache_dir() -> Path:
    base = os.environ.get("NEWSEXTRACT_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "newsextract")
    return Path(base)


def digest(*parts: str | bytes) -> str:
    """A short key for the content `parts`."""
    h = hashlib.blake2b(digest_size=10)
    for p in parts:
        h.update(p.encode("utf-8") if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()


def write_atomic(path: Path, write: Callable[[Path], object]) -> bool:
    """`write(temporary path)`, then the file renamed to `path`, so that a
    reader never sees half a file; False when it cannot be written."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write(tmp)
        os.replace(tmp, path)
        return True
    except (OSError, RuntimeError):  # marisa-trie reports a failed save as RuntimeError
        return False


# Files of one kind kept: the one just written and the newest others, which
# another install sharing the cache (a second virtualenv, an older release)
# may still read; the rest is rebuilt should it be needed again.
KEEP = 3
# A temporary file this old was left by a writer that died.
STALE_TMP_S = 3600


def prune(stem: str, kept: Path) -> None:
    """Remove the files of kind `stem` that `kept`, just written, replaces:
    those in another format (another suffix: an earlier release's), all but
    the newest KEEP - 1 others, and temporary files left by dead writers."""
    own = re.compile(rf"{re.escape(stem)}-[0-9a-f][0-9a-f-]*(\.[a-z]+)(\.\d+\.tmp)?")
    now, others = time.time(), []
    try:
        for p in kept.parent.iterdir():
            m = own.fullmatch(p.name)
            if not m or p == kept:
                continue
            age = now - p.stat().st_mtime
            if m.group(2):
                if age > STALE_TMP_S:
                    p.unlink(missing_ok=True)
            elif m.group(1) != kept.suffix:
                p.unlink(missing_ok=True)
            else:
                others.append((age, p))
        for _, p in sorted(others)[KEEP - 1:]:
            p.unlink(missing_ok=True)
    except OSError:  # another process pruning at the same time, a read-only cache: left as it is
        pass


def marshalled(stem: str, key: str, build: Callable[[], object]):
    """`build()`, stored as marshal data under `stem` and `key` (marshal takes
    str, bytes, numbers, and tuples, lists, sets and dicts of them)."""
    path = cache_dir() / f"{stem}-{key}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    data = build()
    if write_atomic(path, lambda tmp: tmp.write_bytes(marshal.dumps(data))):
        prune(stem, path)
    return data


@functools.lru_cache(maxsize=1)
def _record_trie_class():
    """Made at first use: marisa_trie is imported only when a trie is needed."""
    import marisa_trie

    class RecordTrie(marisa_trie.RecordTrie):
        """marisa-trie's RecordTrie, which raises struct.error when asked for
        a key with a NUL character (marisa-trie 1.4): no key has one, so the
        answer is "not there" (text may hold NULs: tests/test_hostile.py)."""

        def get(self, key, default=None):
            return default if "\x00" in key else super().get(key, default)

        def __contains__(self, key) -> bool:
            return "\x00" not in key and super().__contains__(key)

    return RecordTrie


def record_trie(stem: str, key: str, fmt: str, build: Callable[[], object]):
    """A MARISA RecordTrie (key -> tuples packed by `fmt`) of the pairs
    `build()` gives, memory-mapped from the cache: ready at once and shared
    between processes, where a dict of the same rows is built anew by each."""
    RecordTrie = _record_trie_class()
    path = cache_dir() / f"{stem}-{key}.marisa"
    try:
        return RecordTrie(fmt).mmap(str(path))
    except (OSError, RuntimeError, ValueError):
        pass
    trie = RecordTrie(fmt, build())
    if write_atomic(path, lambda tmp: trie.save(str(tmp))):
        prune(stem, path)
    return trie
