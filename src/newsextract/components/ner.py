"""The statistical NER stage: entities from a trained spaCy pipeline.

The rule stages cover what has a shape (bodies from parts, names next to
posts); names without one (南山铝业, 波音) need a trained model. This
component runs any spaCy pipeline that sets `doc.ents` over the clean text
and adds its entities, with labels mapped to PERSON/ORG/GPE/LOC, as items of
stage "ner"; the merge decides between them and the rule stages. With no
model configured (`model = ""`) it adds nothing.
"""
from __future__ import annotations

from pathlib import Path

import spacy

from ..items import Item, items, text_of

DEFAULT_LABELS = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC"}


class StatisticalNER:
    def __init__(self, nlp=None, name: str = "ner", model: str = "", labels: dict | None = None):
        self.labels = dict(labels or DEFAULT_LABELS)
        self.model = None
        if model:
            path = Path(model)
            if not path.is_absolute():
                path = Path(__file__).resolve().parents[1] / path  # relative to the package
            self.model = spacy.load(path)

    def __call__(self, doc):
        if self.model is None:
            return doc
        found = items(doc)
        for ent in self.model(text_of(doc)).ents:
            label = self.labels.get(ent.label_)
            if label:
                found.append(Item("entity", ent.start_char, ent.end_char, label, "ner", {}))
        return doc
