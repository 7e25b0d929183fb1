"""Segmentation: jieba through spaCy's Chinese tokenizer, with a user
dictionary generated from rules/ so that gazetteer names, body words and
posts stay whole tokens.

Each pipeline gets its own `jieba.Tokenizer`, so the user words never leak
into other code that uses the global jieba.
"""
from __future__ import annotations

import functools
import logging

import jieba
import spacy
from spacy.lang.zh import ChineseTokenizer

from . import rules

jieba.setLogLevel(logging.WARNING)

# Word lists whose entries become user words, and the gazetteer table.
# Frequency given to user words: high enough that jieba keeps them whole.
USER_WORD_FREQ = 2000
USER_WORD_LISTS = ("orgs/bodies.txt", "orgs/central.txt", "people/posts.txt", "gazetteer/locations.txt")


@functools.lru_cache(maxsize=1)
def jieba_dictionary() -> dict[str, tuple[int, str]]:
    """jieba's own dictionary as word -> (frequency, part-of-speech tag)."""
    words = {}
    with jieba.dt.get_dict_file() as fh:
        for line in fh:
            parts = line.decode("utf-8").split()
            if len(parts) == 3:
                words[parts[0]] = (int(parts[1]), parts[2])
    return words


def user_words() -> list[str]:
    words = []
    for name in USER_WORD_LISTS:
        words.extend(w for w in rules.load_words(name) if len(w) >= 2)
    for row in rules.load_tsv("gazetteer/divisions.tsv"):
        words.append(row["name"])
    return sorted(set(words))


def make_jieba(words, freq: int = USER_WORD_FREQ) -> jieba.Tokenizer:
    """A jieba tokenizer of our own with the user words. An explicit
    frequency spares jieba segmenting every word to suggest one."""
    tk = jieba.Tokenizer()
    tk.initialize()
    for w in words:
        tk.add_word(w, freq=max(freq, tk.FREQ.get(w, 0)))
    return tk


@spacy.registry.tokenizers("newsextract.JiebaTokenizer.v1")
def create_tokenizer(user_dict: bool = True):
    def factory(nlp):
        # Built as "char" and switched, so that spaCy does not also load the
        # global jieba; segmentation goes through our own instance.
        tok = ChineseTokenizer(nlp.vocab, segmenter="char")
        tok.segmenter = "jieba"
        tok.jieba_seg = make_jieba(user_words() if user_dict else [])
        return tok

    return factory
