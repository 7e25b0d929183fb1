"""The names of a user dictionary (userdict.py) with a label, found as
entities: what a user knows that the rules do not (a company, a person, a
place of their own field).

A name counts where it stands as a word: where the segmentation, which keeps
the dictionary's words whole, starts and ends a token at its edges (王强 in
王强出席, not in 王强化). Its entities go to the merge like any rule stage's
and are settled by the one policy there (longest span first; at equal length
`config.cfg` ranks this stage first: the user's label beats the rules'). A
name a rule stage found with the same label is left to that stage's item,
which carries more (a place's division code).
"""
from __future__ import annotations

from ..items import Item, boundaries_of, items, text_of
from ..rules import Scanner

STAGE = "user_dict"


class UserEntityFinder:
    def __init__(self, nlp, name: str, *, path: str):
        from .. import userdict

        self.name = name
        self.labels = {e.clean: e.label for e in userdict.load(path) if e.label} if path else {}
        # overlapping: a match that does not stand as a word hides none that starts inside it
        self.scanner = Scanner(self.labels, overlapping=True)

    def __call__(self, doc):
        if self.scanner.empty:
            return doc
        text = text_of(doc)
        bounds = boundaries_of(doc)
        found = items(doc)
        # A name a rule stage found already, same place and label, is left to
        # it: its item carries more (a place's division code).
        known = {(i.start, i.end, i.label) for i in found if i.kind == "entity"}
        for start, end in self.scanner.finditer(text):
            label = self.labels[text[start:end]]
            if start in bounds and end in bounds and (start, end, label) not in known:
                found.append(Item("entity", start, end, label, self.name))
        return doc


def add_to(nlp, path: str) -> None:
    """Put the stage into a built pipeline, before the first stage that reads
    its items (components/__init__.py): the statistical NER, whose gate then
    knows these names are taken, else the merge."""
    from . import STAGES

    readers = [n for n in nlp.pipe_names if STAGE in getattr(STAGES.get(nlp.get_pipe_meta(n).factory), "reads", ())]
    before = readers[0] if readers else None
    nlp.add_pipe("newsextract_user_entities", name=STAGE, config={"path": str(path)},
                 **({"before": before} if before else {}))
