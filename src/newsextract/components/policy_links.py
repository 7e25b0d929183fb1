"""What the text says about each policy: its issuing body (省政府印发《…》,
or the body before 关于 in a notice title), its document number
(国办发〔2024〕1号) and the date it was issued (a date in the same
sentence before the title). Runs after the merge, on the items that stay.
Patterns: rules/policies/context.yaml.

Each question is a bisection over lists made once per text (sentence ends,
the bodies and dates in order of their ends), not a search from the start
of the text for each policy.
"""
from __future__ import annotations

from bisect import bisect_right

import regex

from .. import regexes, rules
from ..items import of_kind, text_of


class PolicyLinker:
    def __init__(self, nlp, name: str, *, context: str):
        cfg = rules.load_yaml(context)
        self.number = regex.compile(cfg["doc_number"])
        self.number_window = cfg["number_window"]
        self.issuer_window = cfg["issuer_window"]
        verbs = rules.trie_pattern(cfg["issue_verbs"])
        self.open = rules.characters("TITLE_OPEN")  # 省政府印发《…》: the issuer stands before it
        self.verb_before = regex.compile(rf"(?:{verbs}){cfg['verb_after']}(?:{regex.escape(self.open)})?$")
        self.sentence_end = regexes.compile(cfg["sentence_end"])
        self.notice_issuer = regex.compile(cfg["notice_issuer"])

    def __call__(self, doc):
        text = text_of(doc)
        policies = of_kind(doc, "policy")
        if not policies:
            return doc
        orgs = _by_end(of_kind(doc, "entity", "ORG"))
        org_ends = [o.end for o in orgs]
        dates = _by_end([d for d in of_kind(doc, "date") if d.attrs.get("value")])
        date_ends = [d.end for d in dates]
        sentence_ends = [m.end() for m in self.sentence_end.finditer(text)]
        for p in policies:
            start = p.start - 1 if text[p.start - 1:p.start] == self.open else p.start
            # issuer: the body written at the start of a notice title (the
            # guidelines keep it in the title), or a body + verb right before it
            lead = self.notice_issuer.match(text, p.start, p.end)
            if lead:
                p.attrs["issuer_span"] = lead.span(1)
            else:  # the last body ending at most issuer_window before the title
                i = bisect_right(org_ends, start) - 1
                if i >= 0 and start - orgs[i].end <= self.issuer_window:
                    o = orgs[i]
                    between = text[o.end:start]
                    if self.verb_before.search(between) and not self.sentence_end.search(between):
                        p.attrs["issuer_span"] = (o.start, o.end)
            issued_here = bool(self.verb_before.search(text[max(0, start - self.issuer_window):start]))
            m = self.number.search(text, p.end, min(len(text), p.end + self.number_window))
            if m and self.open not in text[p.end:m.start()]:
                p.attrs["number_span"] = m.span()
            i = bisect_right(sentence_ends, start) - 1
            sent_start = sentence_ends[i] if i >= 0 else 0
            i = bisect_right(date_ends, start) - 1  # the last date of the sentence before the title
            if i >= 0 and sent_start <= dates[i].start and issued_here:
                p.attrs["issued"] = dates[i].attrs["value"]
        return doc


def _by_end(found: list) -> list:
    """Items in order of their ends, and in the list's order among equal
    ends, so that a bisection finds the last one listed that ends by a
    position, as a search back through the list did. The merged items are
    flat and sorted, so for them this is the list's own order."""
    order = sorted(range(len(found)), key=lambda k: (found[k].end, k))
    return [found[k] for k in order]
