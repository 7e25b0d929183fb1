"""Training the statistical NER with spaCy's own loop (`newsextract train`).

Training data: the project's corpora/ gold files (strings located in the
clean text, flat, longest first, nothing inside a policy title), and
optionally CLUENER2020 (name -> PERSON; government, organization, company ->
ORG; address -> GPE when the gazetteer knows the whole string as a place,
else LOC; scene -> LOC). The model reads characters (ner.cfg), so every gold
span aligns with its tokens.
"""
from __future__ import annotations

import json
import random
from importlib import resources
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from . import rules
from .normalise import Normaliser

LABELS = ("PERSON", "ORG", "GPE", "LOC")
CLUENER_MAP = {"name": "PERSON", "government": "ORG", "organization": "ORG", "company": "ORG",
               "scene": "LOC", "address": "ADDRESS"}


def default_config() -> Path:
    return Path(str(resources.files("newsextract"))) / "ner.cfg"


def gold_spans(clean: str, gold: dict, normalise: Normaliser) -> list[tuple[int, int, str]]:
    """Character spans of the gold strings in the clean text: every
    occurrence, longest first, none overlapping another or a policy title."""
    blocked = []
    for title in gold.get("POLICY", []):
        t = normalise(title).text.replace("《", "").replace("》", "")
        blocked += [(i, i + len(t)) for i in _find_all(clean, t)]
    cands = []
    for label in LABELS:
        for s in gold.get(label, []):
            t = normalise(s).text
            cands += [(i, i + len(t), label) for i in _find_all(clean, t)]
    kept: list[tuple[int, int, str]] = []
    for s, e, label in sorted(cands, key=lambda c: (-(c[1] - c[0]), c[0])):
        if any(s < b and a < e for a, b in blocked) or any(s < b and a < e for a, b, _ in kept):
            continue
        kept.append((s, e, label))
    return sorted(kept)


def _find_all(text: str, sub: str):
    if not sub:
        return
    i = text.find(sub)
    while i >= 0:
        yield i
        i = text.find(sub, i + 1)


def corpus_examples(corpora: Path, normalise: Normaliser) -> list[tuple[str, str, list]]:
    """(doc_id, clean text, spans) for every gold file in corpora/."""
    out = []
    for p in sorted(corpora.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        clean = normalise(d["text"]).text
        out.append((d["doc_id"], clean, gold_spans(clean, d["gold"], normalise)))
    return out


def cluener_examples(path: Path, normalise: Normaliser) -> list[tuple[str, str, list]]:
    """(id, text, spans) from CLUENER2020's train.json, labels mapped."""
    places = set()
    for r in rules.load_tsv("gazetteer/divisions.tsv"):
        places.add(r["name"])
        places.update(s for s in r["short"].split("/") if len(s) >= 2)
    places.update(r["name"] for r in rules.load_tsv("gazetteer/countries.tsv"))
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        d = json.loads(line)
        text = d["text"]
        if normalise(text).text != text:
            continue  # keep offsets simple: only texts the normaliser leaves alone
        spans = []
        for kind, ents in d.get("label", {}).items():
            label = CLUENER_MAP.get(kind)
            if not label:
                continue
            for name, positions in ents.items():
                for s, e in positions:
                    lab = label if label != "ADDRESS" else ("GPE" if name in places else "LOC")
                    spans.append((s, e + 1, lab))
        out.append((f"cluener-{n}", text, sorted(spans)))
    return out


def to_docbin(nlp, examples) -> DocBin:
    db = DocBin()
    for _, text, spans in examples:
        doc = nlp.make_doc(text)
        ents = []
        for s, e, label in spans:
            span = doc.char_span(s, e, label=label)
            if span is not None:
                ents.append(span)
        try:
            doc.ents = ents
        except ValueError:  # overlapping spans in the source data: drop the doc's entities
            doc.ents = spacy.util.filter_spans(ents)
        db.add(doc)
    return db


def is_held_out(doc_id: str, every: int = 5) -> bool:
    """The corpora documents kept out of training (for spaCy's dev score):
    every fifth by number, so the split is stable as the corpus grows."""
    digits = "".join(c for c in doc_id if c.isdigit())
    return bool(digits) and int(digits) % every == 0


def train(output: Path, corpora: Path, cluener: Path | None = None, config: Path | None = None,
          corpus_repeat: int = 1, max_epochs: int | None = None, seed: int = 0) -> Path:
    """Build the DocBins and run spaCy's training loop; returns the best model's path."""
    from spacy.cli.train import train as spacy_train

    normalise = Normaliser()
    nlp = spacy.blank("zh")  # the character tokenizer the model reads with
    examples = corpus_examples(corpora, normalise)
    train_ex = [x for x in examples if not is_held_out(x[0])] * corpus_repeat
    dev_ex = [x for x in examples if is_held_out(x[0])]
    if cluener:
        train_ex += cluener_examples(cluener / "train.json", normalise)
    random.Random(seed).shuffle(train_ex)
    output.mkdir(parents=True, exist_ok=True)
    data = output / "data"
    data.mkdir(exist_ok=True)
    to_docbin(nlp, train_ex).to_disk(data / "train.spacy")
    to_docbin(nlp, dev_ex).to_disk(data / "dev.spacy")
    overrides = {"paths.train": str(data / "train.spacy"), "paths.dev": str(data / "dev.spacy"),
                 "system.seed": seed}
    if max_epochs is not None:
        overrides["training.max_epochs"] = max_epochs
    spacy_train(config or default_config(), output, overrides=overrides)
    return output / "model-best"
