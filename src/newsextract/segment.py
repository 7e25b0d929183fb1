"""Segmentation: jieba through spaCy's Chinese tokenizer, with a user
dictionary generated from rules/ so that gazetteer names, body words and
posts stay whole tokens.

The segmenter is rjieba (jieba-rs: the same dictionary and HMM, in Rust,
about 50 times faster) when it is installed, with one correction that makes
its tokens jieba's: runs of letters, digits and `-_.` that jieba's HMM
splits (2024-03-19, COVID-19) are split the same way; and a run of one
character where two routes score alike (长长长: 长|长长 or 长长|长) is
segmented by jieba itself. tests/test_segment.py checks that both give the
same tokens on every corpus document; without rjieba, jieba itself is used. Each pipeline gets its own instance, so the
user words never leak into other code that uses the global jieba.
"""
from __future__ import annotations

import functools
import importlib.util
import itertools
import logging
import os
import re
from pathlib import Path

import regex
import spacy
from spacy.lang.zh import ChineseTokenizer
from spacy.tokens import Doc

from . import cache, rules
from .items import set_tokens
from .startup import submodule_only

# Frequency given to user words: high enough that jieba keeps them whole.
USER_WORD_FREQ = 2000


def jieba_dict_path() -> Path:
    """jieba's dict.txt, found without importing jieba (a third of a second)."""
    return Path(importlib.util.find_spec("jieba").origin).parent / "dict.txt"


class Dictionary:
    """jieba's dictionary as word -> (frequency, part-of-speech tag), several
    stages look words up in it. Kept in the user's cache as a MARISA trie
    that is memory-mapped, not loaded (cache.record_trie): ready at once,
    where a dict of its 350,000 words took 0.4 s to build at every start; a
    lookup costs about a microsecond."""

    FORMAT = "<iB"  # frequency, index into the tag list
    # Words looked up are remembered (a dict lookup, not the trie's), up to
    # this many; then the memory starts again.
    SEEN_MAX = 200_000

    def __init__(self, trie, tags: list[str], key: str = ""):
        self.trie, self.tags = trie, tags
        self.key = key  # names the dict.txt it came from, for data derived from it
        self._seen: dict[str, tuple[int, str] | None] = {}

    def get(self, word: str, default=None):
        try:
            found = self._seen[word]
        except KeyError:
            if len(self._seen) >= self.SEEN_MAX:
                self._seen.clear()
            rows = self.trie.get(word)
            found = self._seen[word] = None if rows is None else (rows[0][0], self.tags[rows[0][1]])
        return default if found is None else found

    def __contains__(self, word: str) -> bool:
        try:  # remembered as `get` remembers it (the stages ask for the same words again and again)
            return self._seen[word] is not None
        except KeyError:
            return self.get(word) is not None

    def common(self, word: str, min_freq: int, not_tags=()) -> bool:
        """A common word: one the dictionary knows at least `min_freq` times,
        tagged other than `not_tags` (the name tags, for the stages that ask
        whether a span reads as a word rather than a name or place)."""
        found = self.get(word)
        return found is not None and found[0] >= min_freq and found[1] not in not_tags

    def __len__(self) -> int:
        return len(self.trie)

    def items(self):
        tags = self.tags
        return ((w, (f, tags[t])) for w, (f, t) in self.trie.iteritems())


def parse_dict(path: Path) -> dict[str, tuple[int, str]]:
    """jieba's dict.txt as word -> (frequency, tag)."""
    words = {}
    with open(path, "rb") as fh:
        for line in fh:
            parts = line.decode("utf-8").split()
            if len(parts) == 3:
                words[parts[0]] = (int(parts[1]), parts[2])
    return words


@functools.lru_cache(maxsize=1)
def jieba_dictionary() -> Dictionary:
    """jieba's own dictionary (see Dictionary), parsed once per installed
    dict.txt and cached; without a usable cache, parsed in memory."""
    path = jieba_dict_path()
    key = cache.digest(path.read_bytes())
    parsed = functools.cache(lambda: parse_dict(path))
    tags = cache.marshalled("jieba-tags", key, lambda: sorted({t for _, t in parsed().values()}))
    index = {t: i for i, t in enumerate(tags)}
    trie = cache.record_trie("jieba-dict", key, Dictionary.FORMAT,
                             lambda: ((w, (f, index[t])) for w, (f, t) in parsed().items()))
    return Dictionary(trie, tags, key)


def user_words(word_lists, word_tables) -> list[str]:
    """The words the segmenter keeps whole: the entries of rules/ word lists
    (two characters or more) and the `name` column of rules/ tables, as
    config.cfg names them ([nlp.tokenizer] word_lists, word_tables)."""
    words = []
    for name in word_lists:
        words.extend(w for w in rules.load_words(name) if len(w) >= 2)
    for name in word_tables:
        words.extend(row["name"] for row in rules.load_tsv(name))
    return sorted(set(words))


def make_jieba(words, freq: int = USER_WORD_FREQ, extra=()):
    """A jieba tokenizer of our own with the user words. An explicit
    frequency spares jieba segmenting every word to suggest one. `extra`:
    a user dictionary's (word, frequency or None, tag or None), added after."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    for w in words:
        tk.add_word(w, freq=max(freq, tk.FREQ.get(w, 0)))
    for w, f, tag in extra:
        tk.add_word(w, freq=max(f or 0, freq, tk.FREQ.get(w, 0)), tag=tag)
    return tk


# A token of two or more letters, digits and +#&._%- is one jieba may have
# split with its HMM's skip pattern, HMM_SKIP (jieba.finalseg.re_skip; a
# test checks it is still jieba's). SPLIT_RUN finds those it splits into
# more than themselves (2024-03-19, 1-8), not those it matches whole (2024,
# 12.5%: nine in ten, which need no split).
HMM_SKIP = regex.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
SPLIT_RUN = regex.compile(r"(?![a-zA-Z0-9]+(?:\.\d+)?%?\Z)[a-zA-Z0-9+#&._%\-]{2,}")


TOTAL_FILLER = "\ue000\ue001"

# Characters jieba-rs reads as Han and jieba does not (jieba's Han is
# U+4E00–U+9FD5): CJK Extension A, the last of the unified block, the
# compatibility ideographs and the supplementary planes' ideographs. jieba
# makes each of them a token of its own; jieba-rs segments them with the
# words around them and glued runs of them (and `.𠀀`) into one token.
NOT_JIEBA_HAN = re.compile("[\u3400-\u4DBF\u9FD6-\u9FFF\uF900-\uFAFF\U00020000-\U0002FA1F]")

# jieba's blocks (jieba.re_han_default): the runs of text it segments each on
# its own, so that a block can be handed to jieba and the rest to jieba-rs.
JIEBA_BLOCK = re.compile("[\u4E00-\u9FD5a-zA-Z0-9+#&._%\\-]+")
# Three or more of one Han character. Where a repeat of it is a word (长长),
# routes through the run that take the same words in another order (长长|长,
# 长|长长) score alike but for rounding, which jieba and jieba-rs do
# differently: they pick different routes. (The stdlib's re: three times
# faster than regex on this back-reference.)
ONE_CHARACTER_RUN = re.compile(r"([\u4E00-\u9FD5])\1\1+")
# Longer than any word of jieba's dictionary (16 characters)
MAX_REPEAT = 32


class RustJieba:
    """rjieba with jieba's `cut` interface and jieba's tokens."""

    def __init__(self, words, freq: int = USER_WORD_FREQ, extra=()):
        # rjieba's package builds a default segmenter we never use (startup.py)
        self.seg = submodule_only("rjieba", "rjieba").Jieba()
        self.words = jieba_dictionary()
        # for jieba itself, made at the first run of one character that needs it
        self.user_words, self.extra, self._jieba = words, extra, None
        self.repeated_user_words = {w for w in itertools.chain(words, (e[0] for e in extra))
                                    if len(w) > 1 and w == w[0] * len(w)}
        replaced = 0
        for w in words:
            old = self.words.get(w, (0,))[0]
            self.seg.add_word(w, max(freq, old), None)
            replaced += old
        if extra:  # a user dictionary's words, added after ours (make_jieba)
            added = {w: max(freq, self.words.get(w, (0,))[0]) for w in words}
            for w, f, tag in extra:
                old = added.get(w) or self.words.get(w, (0,))[0]
                added[w] = max(f or 0, freq, old)
                self.seg.add_word(w, added[w], tag)
                replaced += old
        # jieba adds a re-added word's whole frequency to its total, jieba-rs
        # only the difference; a word that cannot occur in text (private-use
        # characters) makes the totals, and so every probability, the same.
        if replaced:
            self.seg.add_word(TOTAL_FILLER, replaced, None)

    def cut(self, text: str, cut_all: bool = False) -> list[str]:
        """jieba's tokens of the text, as a list with no empty token."""
        if NOT_JIEBA_HAN.search(text) is None:
            return self._cut(text)
        # each such character a token, the text between them segmented on its
        # own: jieba's blocks end at them too, so its tokens are the same
        out, prev = [], 0
        for m in NOT_JIEBA_HAN.finditer(text):
            if m.start() > prev:
                out += self._cut(text[prev:m.start()])
            out.append(m.group())
            prev = m.end()
        if prev < len(text):
            out += self._cut(text[prev:])
        return out

    def _cut(self, text: str) -> list[str]:
        if ONE_CHARACTER_RUN.search(text) is None:
            return self._rust_cut(text)
        out, prev = [], 0
        for start, end in self.tie_blocks(text):
            if start > prev:
                out += self._rust_cut(text[prev:start])
            out += filter(None, self.jieba().cut(text[start:end]))
            prev = end
        if prev < len(text):
            out += self._rust_cut(text[prev:])
        return out

    def tie_blocks(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each jieba block holding a run of one character
        that a repeat of it, a word, can cross by routes scoring alike."""
        runs = [m.start() for m in ONE_CHARACTER_RUN.finditer(text) if self._repeat_is_word(m.group(1), len(m.group()))]
        if not runs:
            return []
        out, at = [], 0
        for b in JIEBA_BLOCK.finditer(text):
            while at < len(runs) and runs[at] < b.start():
                at += 1
            if at == len(runs):
                break
            if runs[at] < b.end():
                out.append(b.span())
        return out

    def _repeat_is_word(self, ch: str, run: int) -> bool:
        """Is a repeat of `ch` shorter than the run a word? (Only then can
        two routes take the same words in another order.)"""
        for n in range(2, min(run, MAX_REPEAT + 1)):
            w = ch * n
            if self.words.get(w, (0,))[0] or w in self.repeated_user_words:
                return True
        return False

    def jieba(self):
        """jieba itself with the same words (make_jieba), made when first needed."""
        if self._jieba is None:
            self._jieba = make_jieba(self.user_words, extra=self.extra)
        return self._jieba

    def _rust_cut(self, text: str) -> list[str]:
        tokens = self.seg.cut(text)
        if "" in tokens:
            tokens = list(filter(None, tokens))
        # only ASCII tokens can be runs to re-split; they are found at C speed
        out, prev = [], 0
        for i in itertools.compress(range(len(tokens)), map(str.isascii, tokens)):
            tok = tokens[i]
            if len(tok) > 1 and SPLIT_RUN.fullmatch(tok) and not self.words.get(tok, (0,))[0]:  # (one character: never)
                out += tokens[prev:i]
                out.extend(x for x in HMM_SKIP.split(tok) if x)
                prev = i + 1
        if not prev:
            return tokens
        out += tokens[prev:]
        return out


def make_segmenter(words, prefer_rust: bool = True, extra=()):
    """rjieba when installed (and wanted), else jieba. `extra`: a user
    dictionary's (word, frequency or None, tag or None)."""
    if prefer_rust:
        try:
            return RustJieba(words, extra=extra)
        except ImportError:
            pass
    return make_jieba(words, extra=extra)


def user_dict_words(path: str) -> list[tuple[str, int | None, str | None]]:
    """A user dictionary's words (userdict.py) for the segmenter, in the
    clean form the segmenter reads."""
    from . import userdict

    return [(e.clean, e.freq, e.tag) for e in userdict.load(path)]


def align(tokens: list[str]) -> tuple[list[str], list[bool], list[tuple[int, int, str]]]:
    """What `spacy.util.get_words_and_spaces(tokens, text)` gives for tokens
    that cover the text exactly (spaCy's own searches the rest of the text
    for every word, quadratic in a long document): whitespace runs become one
    token, except that a space right after a word becomes its trailing space;
    and each word's (start, end, text) in the text (`offsets`), a word's
    trailing space read off the gap before the next word."""
    offs = offsets(tokens)
    words = [w for _, _, w in offs]
    # a word has a trailing space where the next one starts past its end
    nexts = [s for s, _, _ in offs[1:]]
    nexts.append(sum(map(len, tokens)))
    spaces = [n != e for (_, e, _), n in zip(offs, nexts)]
    return words, spaces, offs


def offsets(tokens: list[str]) -> list[tuple[int, int, str]]:
    """The words' (start, end, text), what `align` and the one-token Doc
    carry: every token but whitespace is a word where it stands; only a run
    of whitespace tokens is one word (less a space right after a word)."""
    return token_offsets(tokens)[0]


def token_offsets(tokens: list[str]) -> tuple[list[tuple[int, int, str]], tuple[list[int], list[int]]]:
    """`offsets(tokens)`, and the words' starts and ends as two lists
    (items.token_columns), which the stages would otherwise take apart from
    the triples again. Python steps only at whitespace runs (a token is all
    whitespace or none: jieba splits at whitespace)."""
    ends = list(itertools.accumulate(map(len, tokens)))
    starts = [0, *ends[:-1]] if ends else []
    out = list(zip(starts, ends, tokens))
    blanks = list(itertools.compress(range(len(tokens)), map(str.isspace, tokens)))
    if not blanks:
        return out, (starts, ends)
    words: list[tuple[int, int, str]] = []
    word_starts: list[int] = []  # the columns, taken along by slices
    word_ends: list[int] = []
    prev = j = 0
    while j < len(blanks):
        i = k = blanks[j]
        while j + 1 < len(blanks) and blanks[j + 1] == k + 1:  # a run of whitespace tokens
            j += 1
            k += 1
        words += out[prev:i]
        word_starts += starts[prev:i]
        word_ends += ends[prev:i]
        start, gap = out[i][0], "".join(tokens[i:k + 1])
        if words and gap[0] == " ":  # a space right after a word is its trailing space
            start, gap = start + 1, gap[1:]
        if gap:
            words.append((start, ends[k], gap))
            word_starts.append(start)
            word_ends.append(ends[k])
        prev, j = k + 1, j + 1
    words += out[prev:]
    word_starts += starts[prev:]
    word_ends += ends[prev:]
    return words, (word_starts, word_ends)


class JiebaTokenizer(ChineseTokenizer):
    """spaCy's Chinese tokenizer with our segmenter and a linear alignment."""

    def _tokens(self, text: str) -> list[str]:
        """The segmenter's tokens, none empty (RustJieba's are not: only
        jieba's own generator is filtered)."""
        tokens = self.jieba_seg.cut(text, cut_all=False)
        return tokens if isinstance(self.jieba_seg, RustJieba) else list(filter(None, tokens))

    def __call__(self, text: str) -> Doc:
        tokens = self._tokens(text)
        if "".join(tokens) == text:
            words, spaces, offsets = align(tokens)
            doc = Doc(self.vocab, words=words, spaces=spaces)
            set_tokens(doc, text, offsets)
        else:  # not expected from jieba; spaCy's alignment copes
            words, spaces = spacy.util.get_words_and_spaces(tokens, text)
            doc = Doc(self.vocab, words=words, spaces=spaces)
        return doc

    def text_doc(self, text: str) -> Doc:
        """A Doc of one spaCy token, the whole text (so `doc.text` holds),
        carrying the jieba tokens' offsets (items.tokens_of): what the
        Extractor's stages read. Building spaCy's tokens (a lexeme for each
        new word) was a tenth of the run; the Doc for spaCy users
        (`Extractor.doc`, `nlp(text)`, doc.ents) is `__call__`'s."""
        tokens = self._tokens(text)
        if "".join(tokens) != text:
            return self(text)
        doc = Doc(self.vocab, words=[text], spaces=[False]) if text else Doc(self.vocab)
        set_tokens(doc, text, *token_offsets(tokens))
        return doc


@spacy.registry.tokenizers("newsextract.JiebaTokenizer.v1")
def create_tokenizer(word_lists: list[str], word_tables: list[str], rust: bool, user_file: str):
    """`word_lists`, `word_tables`: the rules/ files whose words are kept
    whole (user_words); `rust`: rjieba where it is installed; `user_file`: a
    user dictionary in jieba's format (userdict.py) whose words are kept whole too."""
    extra = user_dict_words(user_file) if user_file else []
    words = user_words(word_lists, word_tables)

    def factory(nlp):
        # Built as "char" and switched, so that spaCy does not also load the
        # global jieba; segmentation goes through our own instance.
        tok = JiebaTokenizer(nlp.vocab, segmenter="char")
        tok.segmenter = "jieba"
        tok.user_words = words  # what the segmenter keeps whole (tests compare the segmenters with them)
        tok.jieba_seg = make_segmenter(words, prefer_rust=rust, extra=extra)
        return tok

    return factory
