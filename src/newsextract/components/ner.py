"""The statistical NER stage: entities from a trained spaCy pipeline.

The rule stages cover what has a shape (bodies from parts, names next to
posts); names without one (南山铝业, 波音) need a trained model. This
component runs any spaCy pipeline that sets `doc.ents` over the clean text
and adds its entities, with labels mapped to PERSON/ORG/GPE/LOC, as items of
stage "ner"; the merge decides between them and the rule stages. With no
model configured (`model = ""`) it adds nothing.

The model costs far more per character than every rule stage together. With
a `gate` (rules/ner/gate.yaml) it reads only windows where a name the rules
missed can stand: next to a cue word, not covered by a rule entity, with a
surname or a middle dot at hand. That is right when only its PERSON spans are
used (config.cfg); with `gate = ""` it reads the whole text.
"""
from __future__ import annotations

import bisect
from pathlib import Path

import spacy

from .. import rules
from ..items import Item, items, text_of

DEFAULT_LABELS = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC"}
DOT = "·"
SEPARATOR = "\n\n\n\n"


class Gate:
    """The windows of a text worth reading for names the rules missed."""

    def __init__(self, path: str):
        data = rules.load_yaml(path)
        after = list(data.get("after", []))
        before = list(data.get("before", []))
        for name in data.get("after_lists", []):
            after += rules.load_words(name)
        for name in data.get("before_lists", []):
            before += rules.load_words(name)
        self.after = rules.Scanner(after)
        self.before = rules.Scanner(before)
        self.surnames = set(rules.load_words(data["surnames"]))
        self.name_max = int(data.get("name_max", 4))
        self.dotted_max = int(data.get("dotted_max", 14))
        self.margin = int(data.get("margin", 8))

    def _surname_at(self, text: str, i: int) -> bool:
        return text[i:i + 1] in self.surnames or text[i:i + 2] in self.surnames

    def windows(self, text: str, covered: bytearray) -> list[tuple[int, int]]:
        """Merged (start, end) spans to read, margins included."""
        n = len(text)
        cores = []
        for _, e in self.after.finditer(text):
            p = e + 1 if text[e:e + 1] == " " else e
            if p < n and not covered[p]:
                if DOT in text[p + 1:p + self.dotted_max]:
                    cores.append((p, min(n, p + self.dotted_max)))
                elif self._surname_at(text, p):
                    cores.append((p, min(n, p + self.name_max)))
        for s, _ in self.before.finditer(text):
            q = s - 1 if s and text[s - 1] == " " else s
            if q > 0 and not covered[q - 1]:
                lo = max(0, q - self.dotted_max)
                if DOT in text[lo:q - 1]:
                    cores.append((lo, q))
                elif any(self._surname_at(text, q - k) for k in range(2, self.name_max + 1) if q - k >= 0):
                    cores.append((max(0, q - self.name_max), q))
        spans = []
        for s, e in sorted(cores):
            s, e = max(0, s - self.margin), min(n, e + self.margin)
            if spans and s <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(e, spans[-1][1]))
            else:
                spans.append((s, e))
        return spans


class StatisticalNER:
    def __init__(self, nlp=None, name: str = "ner", model: str = "", labels: dict | None = None,
                 gate: str = ""):
        self.labels = dict(labels or DEFAULT_LABELS)
        self.model = None
        if model:
            path = Path(model)
            if not path.is_absolute():
                path = Path(__file__).resolve().parents[1] / path  # relative to the package
            self.model = spacy.load(path)
        self.gate = Gate(gate) if gate else None

    def __call__(self, doc):
        return self._run([doc])[0] if self.model is not None else doc

    def pipe(self, docs, batch_size: int = 64):
        """The docs with their entities, the model reading the windows of
        `batch_size` docs in one batch (spaCy calls this from `nlp.pipe`)."""
        if self.model is None:
            yield from docs
            return
        batch = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    def _run(self, docs):
        jobs = []  # (doc, windows, starts, joined)
        for doc in docs:
            text = text_of(doc)
            if self.gate is None:
                windows = [(0, len(text))]
            else:
                covered = bytearray(len(text))
                for it in items(doc):
                    if it.kind in ("entity", "policy"):
                        covered[it.start:it.end] = b"\x01" * it.length
                windows = self.gate.windows(text, covered)
            if not windows:
                continue
            # One text per doc for the model: its windows joined by line
            # breaks (one document costs the model far less than many).
            starts, parts, at = [], [], 0
            for s, e in windows:
                starts.append((at, s))
                parts.append(text[s:e])
                at += e - s + len(SEPARATOR)
            jobs.append((doc, windows, starts, SEPARATOR.join(parts)))
        parsed = self.model.pipe([j[3] for j in jobs], batch_size=len(jobs) or 1)
        for (doc, windows, starts, _), piece in zip(jobs, parsed):
            found = items(doc)
            for ent in piece.ents:
                label = self.labels.get(ent.label_)
                if not label:
                    continue
                i = bisect.bisect_right(starts, (ent.start_char, len(text_of(doc)))) - 1
                at, s = starts[i]
                if ent.end_char <= at + windows[i][1] - windows[i][0]:  # inside one window
                    found.append(Item("entity", s + ent.start_char - at, s + ent.end_char - at, label, "ner", {}))
        return docs
