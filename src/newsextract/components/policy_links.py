"""What the text says about each policy: its issuing body (省政府印发《…》,
or the body before 关于 in a notice title), its document number
(国办发〔2024〕1号) and the date it was issued (a date in the same
sentence before the title). Runs after the merge, on the items that stay.
Patterns: rules/policies/context.yaml.
"""
from __future__ import annotations

import regex

from .. import rules
from ..items import of_kind, text_of

SENTENCE_END = regex.compile(r"[。！？!?\n]")


class PolicyLinker:
    def __init__(self, nlp=None, name: str = "policy_links", context: str = "policies/context.yaml"):
        cfg = rules.load_yaml(context)
        self.number = regex.compile(cfg["doc_number"])
        self.number_window = cfg["number_window"]
        self.issuer_window = cfg["issuer_window"]
        verbs = rules.trie_pattern(cfg["issue_verbs"])
        self.verb_before = regex.compile(rf"(?:{verbs})了?\s*[《]?$")
        self.notice_issuer = regex.compile(r"([^关]{2,40}?)(?:印发|转发)?关于")

    def __call__(self, doc):
        text = text_of(doc)
        orgs = of_kind(doc, "entity", "ORG")
        dates = [d for d in of_kind(doc, "date") if d.attrs.get("value")]
        for p in of_kind(doc, "policy"):
            start = p.start - 1 if text[p.start - 1:p.start] == "《" else p.start
            # issuer: the body written at the start of a notice title (the
            # guidelines keep it in the title), or a body + verb right before it
            lead = self.notice_issuer.match(text, p.start, p.end)
            if lead:
                p.attrs["issuer_span"] = lead.span(1)
            else:
                for o in reversed(orgs):
                    if o.end <= start and start - o.end <= self.issuer_window:
                        between = text[o.end:start]
                        if self.verb_before.search(between) and not SENTENCE_END.search(between):
                            p.attrs["issuer_span"] = (o.start, o.end)
                        break
            issued_here = bool(self.verb_before.search(text[max(0, start - self.issuer_window):start]))
            m = self.number.search(text, p.end, min(len(text), p.end + self.number_window))
            if m and not regex.search(r"《", text[p.end:m.start()]):
                p.attrs["number_span"] = m.span()
            sent_start = max((x.end() for x in SENTENCE_END.finditer(text, 0, start)), default=0)
            before = [d for d in dates if sent_start <= d.start and d.end <= start]
            if before and issued_here:
                d = before[-1]
                p.attrs["issued"] = d.attrs["value"]
        return doc
