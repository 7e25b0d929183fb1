"""Policy documents: titles in 《》 whose head word names a policy (规划,
意见, 办法, 通知 …, rules/policies/heads.txt), unmarked notice titles
(关于…的通知, with the issuing body before 关于), names without marks that
start with a place and end with a specific head (湖南省…三年行动计划,
rules/policies/unmarked_heads.txt), laws named in full without marks
(中华人民共和国种子法); the patterns in rules/policies/patterns.yaml, and programmes commonly named without
marks (rules/policies/known.txt). Speech, report and book titles in 《》 are
kept as `work` items, not policies. A title broken by one line break is
taken whole (its `norm` has no break).

A draft is a policy (《…条例草案》, 《…办法(征求意见稿)》: the draft words are
set aside before the head is looked up); a draft's bracket after a name
without marks is left out of it. A notice title the sentence runs on from
(…关于…的意见|精神) is taken when no title ends the clause, and all the bodies
written before 关于 are its issuers (中共中央、国务院关于…). Strategies and
programmes of works (乡村振兴战略, “千万工程”) name no document.
"""
from __future__ import annotations

import bisect
import re
from itertools import chain

import regex

from .. import regexes, rules
from ..items import Item, items, of_kind, text_of
from ..spans import SpanIndex

TRAILING_BRACKETS = regex.compile(r"(?:[(（][^()（）]{0,20}[)）])+$")
MAX_TITLE = 100
# A name without marks runs this many characters (at least, at most) from its anchor to its head
NAMED_BEFORE_HEAD = (2, 40)


class PolicyFinder:
    """SpaCy component: adds `policy` items (the title without 《》)."""

    def __init__(self, nlp, name: str, *, heads: str, not_heads: str, known: str, unmarked_heads: str,
                 unmarked_stops: str, personnel: str, patterns: str):
        self.heads = tuple(sorted(rules.load_words(heads), key=len, reverse=True))
        self.not_heads = tuple(rules.load_words(not_heads))
        self.known = regexes.compile(rules.trie_pattern(rules.load_words(known)))
        head = rules.trie_pattern(self.heads)
        # a notice title (关于印发…的通知) may run on into the sentence; other 关于 titles end at a non-Han character
        grammar = rules.load_yaml(patterns)
        self.open, self.close = rules.characters("TITLE_OPEN"), rules.characters("TITLE_CLOSE")
        O, C = regex.escape(self.open), regex.escape(self.close)
        self.title_marks = re.compile(f"[{re.escape(self.open)}{re.escape(self.close)}\n]")  # marked(): mark to mark
        verbs, about, of = grammar["notice_verbs"], grammar["about"], grammar["of"]
        def body(lazy):
            return rf"(?P<verb>{verbs})?{about}(?P<issuing>{verbs})?(?:[^。，,；;:：\n{O}{C}]|{O}[^{O}{C}\n]{{1,80}}{C}){{2,100}}{lazy}{of}(?:{head})"
        self.unmarked = regex.compile(rf"{body('?')}(?(issuing)|(?![\p{{Han}}]))")
        # a title the sentence runs on from (…关于加快发展现代农业的意见|精神, …的决定|要求):
        # the longest in the clause, so that …的规划|和建设的意见|精神 is read whole
        followers = rules.trie_pattern(grammar["title_followers"])
        self.unmarked_in_sentence = regex.compile(rf"{body('')}(?=(?:{followers}))")
        self.issuer_joins = tuple(grammar["issuer_joins"])
        strong_heads = rules.load_words(unmarked_heads)
        strong = rules.trie_pattern(strong_heads)
        more = rules.trie_pattern(grammar["head_continuations"])  # 发展规划|纲要
        lo, hi = NAMED_BEFORE_HEAD
        self.named = regex.compile(
            rf"[^，。、；：！？,;:!?\n{O}{C}\s]{{{lo},{hi}}}?(?:{strong})(?:{more})?(?:[(（][^()（）\n]{{1,20}}[)）])?")
        self.strong_heads = rules.Scanner(strong_heads, overlapping=True)  # where a head can end a name (_named)
        self.named_stops = regexes.compile(rules.trie_pattern(rules.load_words(unmarked_stops)))
        self.laws = regex.compile(grammar["law"])
        self.law_openings = regex.compile("|".join(map(regex.escape, grammar["law_openings"])))
        clause = grammar["law_clause"]
        self.law_clause_after = re.compile("|".join(map(re.escape, clause["after"])))
        self.law_clause_head, self.law_clause_reach = clause["head"], tuple(clause["reach"])
        self.short_names = regex.compile(grammar["short_names"])
        self.quoted = regex.compile(grammar["quoted"].replace("QUOTED", rules.trie_pattern(grammar["quoted_heads"])))
        self.personnel = regexes.compile(rules.trie_pattern(rules.load_words(personnel)))
        self.anchor = regex.compile(grammar["anchor"])
        self.anchor_labels = set(grammar["anchor_labels"])
        self.draft = regex.compile(grammar["draft"])
        self.unmarked_draft = regex.compile(grammar["unmarked_draft"])
        self.short_form_open = tuple(grammar["short_form_open"])
        self.short_form_close = tuple(grammar["short_form_close"])
        self.short_form_min = grammar["short_form_min"]

    def is_policy(self, title: str) -> bool:
        core = self.draft.sub("", TRAILING_BRACKETS.sub("", title).strip())  # 拨款条例草案: a draft of a policy is one
        if not core or core.endswith(self.not_heads) or core in self.heads or self.personnel.search(core):
            return False  # 《条例》 alone names no document; 关于任命…的决定 is a personnel decision
        return core.endswith(self.heads)

    def marked(self, text: str):
        """(start, end) of every title inside 《》, nested marks kept inside."""
        i = 0
        while True:
            i = text.find(self.open, i)
            if i < 0:
                return
            depth, j, end = 0, i, min(len(text), i + MAX_TITLE + 1)
            while True:  # from mark to mark (or line break), not character by character
                m = self.title_marks.search(text, j, end)
                if m is None:
                    j = end
                    break
                j = m.start()
                ch = text[j]
                if ch == self.open:
                    depth += 1
                elif ch == self.close:
                    depth -= 1
                    if depth == 0:
                        break
                elif text[j - 1:j] == "\n" or "\n" in text[i:j - 1]:
                    break  # one line break inside a title is a wrapped line; two end it
                j += 1
            if j < len(text) and text[j] == self.close and depth == 0 and j > i + 1:
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
        titles = SpanIndex(spans)
        whole = list(self.unmarked.finditer(text))
        ended = SpanIndex(m.span() for m in whole)  # titles that end the clause are taken first
        for m in whole + [m for m in self.unmarked_in_sentence.finditer(text) if not ended.overlaps(*m.span())]:
            s, e = m.span()
            if titles.contains(s, e) or text[s - 1:s] == self.open or self.personnel.search(m.group()):
                continue
            if s in orgs:  # the issuing body belongs to the title: 天津市人民政府办公厅(印发)关于…
                s = orgs[s].start
                while text[s - 1:s] in self.issuer_joins and (s - 1) in orgs:
                    s = orgs[s - 1].start  # all the issuers: 中共中央、国务院关于…
            elif m.group("verb"):
                s = m.end("verb")
            found.append(Item("policy", s, e, stage="policies", attrs={"marked": False}))
        anchors = ([g.start for g in of_kind(doc, "entity") if g.label in self.anchor_labels]
                   + [m.start() for m in self.anchor.finditer(text)])
        self._take_unmarked(text, self._named(text, anchors), titles, spans, found)
        self._take_unmarked(text, ((m, m.end()) for m in self.find_laws(text)), SpanIndex(spans), spans, found)
        spans = SpanIndex(spans)
        titles = SpanIndex((i.start, i.end) for i in found if i.kind in ("policy", "work"))
        for m in chain(self.known.finditer(text), self.short_names.finditer(text), self.quoted.finditer(text)):
            if not spans.contains(m.start(), m.end()) and not titles.contains(m.start(), m.end()):
                found.append(Item("policy", m.start(), m.end(), stage="policies", attrs={"marked": False}))
        self._short_forms(text, found)
        return doc

    def find_laws(self, text: str):
        """What `self.laws.finditer(text)` finds, tried only where a law
        can start: at the start or end of one of its openings, and at a
        clause's start (the text's too) with the clause form's head in reach."""
        starts = {p for m in self.law_openings.finditer(text, overlapped=True) for p in m.span()}
        heads = [m.start() for m in re.finditer(re.escape(self.law_clause_head), text)]
        if heads:
            lo, hi = self.law_clause_reach
            for p in chain((0,), (m.end() for m in self.law_clause_after.finditer(text))):
                i = bisect.bisect_left(heads, p + lo)
                if i < len(heads) and heads[i] <= p + hi:
                    starts.add(p)
        return regexes.finditer_at(self.laws, text, sorted(starts))

    def _short_forms(self, text, found):
        """A title named again from its quoted nickname on (竹塘乡产业发展
        “12222”工程规划 … “12222”工程规划): each repetition outside the
        policies found is the policy too."""
        taken = [i for i in found if i.kind == "policy"]
        tails = set()
        for i in taken:
            title = text[i.start:i.end]
            k = min((j for j in map(title.find, self.short_form_open, [1] * len(self.short_form_open)) if j > 0),
                    default=-1)
            close = min((j for j in map(title.find, self.short_form_close, [k + 1] * len(self.short_form_close))
                         if j > 0), default=-1) if k > 0 else -1
            if close > 0 and len(title) - close - 1 >= self.short_form_min:
                tails.add(title[k:])
        if not tails:
            return
        spans = SpanIndex((i.start, i.end) for i in taken)
        for m in regex.finditer(rules.trie_pattern(tails), text):  # one pass, the longest tail at each place
            if not spans.overlaps(m.start(), m.end()):
                found.append(Item("policy", m.start(), m.end(), stage="policies", attrs={"marked": False}))

    def _named(self, text, anchors):
        """(match, end of the name) of the names without marks that start at
        an anchor (湖南省国家先进制造业集群培育提升三年行动计划, 2017年国民经济和社会发展计划);
        a draft's bracket is no part of the name (…2011年工作要点|(草案)).
        `named` is tried only at an anchor with a head at the distance its
        name allows (most anchors, every place and year, have none)."""
        heads = [s for s, _ in self.strong_heads.finditer(text)]
        lo, hi = NAMED_BEFORE_HEAD
        for a in sorted(set(anchors)):
            i = bisect.bisect_left(heads, a + lo)
            if i == len(heads) or heads[i] > a + hi:
                continue
            m = self.named.match(text, a)
            if m and not self.named_stops.search(m.group()):
                d = self.unmarked_draft.search(m.group())
                yield m, (m.start() + d.start() if d else m.end())

    def _take_unmarked(self, text, matches, covered, spans, found):
        """The unmarked names of `matches` (match, end), left to right, that
        no title of `covered` holds the start of, that start after the last
        one taken ends and that no 《 opens: policies (names, then laws such
        as 中华人民共和国种子法 without book-title marks)."""
        reach = -1
        for m, end in matches:
            if not covered.covers(m.start()) and reach <= m.start() and text[m.start() - 1:m.start()] != self.open:
                reach = max(reach, m.end())
                spans.append(m.span())
                found.append(Item("policy", m.start(), end, stage="policies", attrs={"marked": False}))
