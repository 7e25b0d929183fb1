"""Builds the spaCy pipeline from config.cfg, once per process."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import spacy
from spacy.util import load_config

from . import components  # registers the factories
from . import segment  # noqa: F401  (registers the tokenizer)


def default_config_path() -> Path:
    return Path(str(resources.files("newsextract"))) / "config.cfg"


def _config(config_path, overrides=None):
    return load_config(config_path or default_config_path(), overrides=overrides or {}, interpolate=False)


def check_exclude(config_path: str | Path | None, exclude, config=None) -> list[str]:
    """`exclude` as a list; ValueError naming the components there are if it
    names one the pipeline does not have (checked before a batch starts its workers)."""
    names = (config or _config(config_path))["nlp"]["pipeline"]
    unknown = [name for name in exclude if name not in names]
    if unknown:
        raise ValueError(f"cannot exclude {', '.join(unknown)}: the pipeline's components are {', '.join(names)}")
    return list(exclude)


def build(config_path: str | Path | None = None, overrides: dict | None = None, exclude=()):
    """The pipeline of the config, without the components named in `exclude`
    (`exclude=["ner"]`: the rule stages only)."""
    config = _config(config_path, overrides)
    exclude = check_exclude(config_path, exclude, config)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True, exclude=exclude)
    components.check_order(nlp)  # a stage after one whose items it reads: an error naming both
    # No stage reads the tokens' lexical attributes (like_num, shape, …): the
    # stages work on the text and the token offsets. Not computing them makes
    # a new word's lexeme cheap, which matters because the Extractor frees
    # each batch's new strings and lexemes (spaCy's memory zones), so that a
    # long batch does not grow the vocabulary without end.
    nlp.vocab.lex_attr_getters = {}
    return nlp
