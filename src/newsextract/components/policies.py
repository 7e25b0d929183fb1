"""Policy documents: titles in 《》 whose head word names a policy (规划,
意见, 办法, 通知 …, rules/policies/heads.txt), unmarked notice titles
(关于…的通知, with the issuing body before 关于), and programmes commonly
named without marks (rules/policies/known.txt). Speech, report and book
titles in 《》 are kept as `work` items, not policies.
"""
from __future__ import annotations

import regex

from .. import rules
from ..items import Item, items, of_kind, text_of

TRAILING_BRACKETS = regex.compile(r"(?:[(（][^()（）]{0,20}[)）])+$")
MAX_TITLE = 100


class PolicyFinder:
    """SpaCy component: adds `policy` items (the title without 《》)."""

    def __init__(self, nlp=None, name: str = "policies", heads: str = "policies/heads.txt",
                 not_heads: str = "policies/not_heads.txt", known: str = "policies/known.txt"):
        self.heads = tuple(sorted(rules.load_words(heads), key=len, reverse=True))
        self.not_heads = tuple(rules.load_words(not_heads))
        self.known = regex.compile(rules.trie_pattern(rules.load_words(known)))
        head = rules.trie_pattern(self.heads)
        self.unmarked = regex.compile(rf"关于[^。，,；;:：\n《》“”]{{2,60}}?的(?:{head})(?![\p{{Han}}])")

    def is_policy(self, title: str) -> bool:
        core = TRAILING_BRACKETS.sub("", title).strip()
        if not core or core.endswith(self.not_heads):
            return False
        return core.endswith(self.heads)

    def marked(self, text: str):
        """(start, end) of every title inside 《》, nested marks kept inside."""
        i = 0
        while True:
            i = text.find("《", i)
            if i < 0:
                return
            depth, j = 0, i
            while j < len(text) and j - i <= MAX_TITLE:
                ch = text[j]
                if ch == "《":
                    depth += 1
                elif ch == "》":
                    depth -= 1
                    if depth == 0:
                        break
                elif ch == "\n":
                    break
                j += 1
            if j < len(text) and text[j] == "》" and depth == 0 and j > i + 1:
                yield i + 1, j
                i = j + 1
            else:
                i += 1

    def __call__(self, doc):
        text = text_of(doc)
        found = items(doc)
        spans = []
        for s, e in self.marked(text):
            title = text[s:e]
            if self.is_policy(title):
                spans.append((s, e))
                found.append(Item("policy", s, e, stage="policies", attrs={"marked": True}))
            else:
                found.append(Item("work", s, e, stage="policies", attrs={}))
        orgs = {i.end: i for i in of_kind(doc, "entity") if i.label == "ORG"}
        for m in self.unmarked.finditer(text):
            s, e = m.span()
            if any(a <= s and e <= b for a, b in spans) or text[s - 1:s] == "《":
                continue
            if s in orgs:  # the issuing body belongs to the title
                s = orgs[s].start
            found.append(Item("policy", s, e, stage="policies", attrs={"marked": False}))
        for m in self.known.finditer(text):
            if not any(a <= m.start() and m.end() <= b for a, b in spans):
                found.append(Item("policy", m.start(), m.end(), stage="policies", attrs={"marked": False}))
        return doc
