"""People and their posts: names next to post words (市委书记闫剑波,
闫剑波市长, 龙口市工信局党组副书记、副局长王斌), a post shared by a list of
names, names after group labels (市领导) and bylines (记者), which are not
posts, appointment texts (任命乌日娜为…), candidate notices (覃海燕，女，…),
and later mentions of a name found once. Word lists: rules/people/.

A name is a surname (surnames.txt) and one or two more characters; whether
the third character belongs to it is decided by the words that commonly
follow names (name_followers.txt). Names with no surname are taken where the
text marks them: foreign and minority names joined by a middle dot after a post
(托马斯·克莱因), Tibetan names (syllables.txt), and names in appointment texts.
"""
from __future__ import annotations

import regex

from .. import rules
from ..items import Item, items, of_kind, text_of

HAN = regex.compile(r"\p{Han}")
LIST_SEP = "、"


class PeopleFinder:
    """SpaCy component: adds `person` items (name, post span) and PERSON entities."""

    def __init__(self, nlp=None, name: str = "people", posts: str = "people/posts.txt",
                 surnames: str = "people/surnames.txt", followers: str = "people/name_followers.txt",
                 groups: str = "people/groups.txt", roles: str = "people/roles.txt",
                 units: str = "people/units.txt", bodies: str = "orgs/bodies.txt",
                 syllables: str = "people/syllables.txt", appointments: str = "people/appointments.txt",
                 not_name_ends: str = "people/not_name_ends.txt", not_names: str = "people/not_names.txt",
                 leaders: str = "people/leaders.txt", not_after_post: str = "people/not_after_post.txt",
                 patterns: str = "people/patterns.yaml"):
        pat = rules.load_yaml(patterns)
        dot = "[" + regex.escape(rules.characters("NAME_DOTS")) + "]"
        self.dotted = regex.compile(rf"\p{{Han}}{{1,6}}(?:{dot}\p{{Han}}{{1,6}})*{dot}(\p{{Han}}{{1,6}})")  # 热合曼·阿不力孜
        name = rf"(?:\p{{Han}}{{1,6}}(?:{dot}\p{{Han}}{{1,6}})+|\p{{Han}}{{2,4}}?)"  # a name where the text marks its ends
        self.conjunctions = pat["conjunctions"]
        self.clause_end = regex.compile(pat["clause_end"])
        self.posts = regex.compile(rules.trie_pattern(rules.load_words(posts)))
        self.surnames = set(rules.load_words(surnames))
        self.followers = regex.compile(rules.trie_pattern(rules.load_words(followers)))
        self.groups = regex.compile(rules.trie_pattern(rules.load_words(groups)))
        self.roles = regex.compile("(?:" + rules.trie_pattern(rules.load_words(roles)) + r")[:：]?\s*")
        self.post_words = set(rules.load_words(posts))
        self.body_before = regex.compile("(?:" + rules.trie_pattern(rules.load_words(bodies)) + ")$")
        admin = rules.characters("ADMIN")  # 市|一级巡视员, 镇级|总河长: the level of a post
        self.admin = set(admin)
        # a unit of a body written between the body and a post (统计处, 综合统计司)
        self.unit = regex.compile(r"\p{Han}{2,10}?(?:" + rules.trie_pattern(rules.load_words(units)) + r")")
        self.unit_max = 12
        self.syllables = set(rules.load_words(syllables))
        self.not_name_ends = set("".join(rules.load_words(not_name_ends)))
        self.not_names = regex.compile(rules.trie_pattern(rules.load_words(not_names)))
        self.not_after_post = regex.compile(rules.trie_pattern(rules.load_words(not_after_post)))
        self.leaders = regex.compile(rules.trie_pattern(rules.load_words(leaders)))
        self.level = regex.compile("[" + regex.escape(admin) + "]级$")  # 镇级|总河长
        pairs = [line.split() for line in rules.load_words(appointments)]
        self.appointed = [regex.compile(regex.escape(b).replace("：", "[：:]") + r"\s*(" + name + ")" + regex.escape(a))
                          for b, a in pairs]  # the text comes with full-width punctuation folded (： → :)
        self.appointed_line = regex.compile(r"(?m)^(" + name + ")(?:" + rules.alternation({a for _, a in pairs}) + ")")
        self.headings = regex.compile(r"(?m)^(?:" + rules.alternation({b.rstrip("：:") for b, _ in pairs}) + r")[：:][ \t]*\n")
        self.candidate = regex.compile(r"(?m)^(" + name + ")" + pat["candidate_after"])  # 覃海燕，女，土家族，…

    # -- names ------------------------------------------------------------------
    def _follows(self, text: str, i: int) -> bool:
        return bool(self.followers.match(text, i) or self.posts.match(text, i))

    def name_after(self, text: str, p: int, loose: bool = False) -> tuple[int, int] | None:
        """A name starting at p (one space before it is skipped), or None.
        `loose`: after a space in a byline a name may start like a follower word (记者 李沐阳 和丽萍)."""
        if text[p:p + 1] == " ":
            p += 1
        if (not loose and self._follows(text, p)) or self.not_names.match(text, p):
            return None
        if m := self.dotted.match(text, p):
            return p, self._cut(text, m.start(1), m.end())
        if (span := self._tibetan(text, p)) is not None:
            return span
        for sl in (2, 1):
            if text[p:p + sl] in self.surnames:
                break
        else:
            return None
        g = p + sl
        if g >= len(text) or not HAN.match(text[g]) or self.posts.match(text, g):
            return None
        if g + 1 < len(text) and HAN.match(text[g + 1]) and (not self._follows(text, g + 1) or (
                text[g + 1] in self.conjunctions and not HAN.match(text[g + 2:g + 3] or "和"))):
            return p, g + 2  # 李春和，: a conjunction before punctuation belongs to the name
        return p, g + 1

    def _cut(self, text: str, last: int, end: int) -> int:
        """End of a dotted name whose last part starts at `last`: before the
        first word that follows names (坎培·西萨万|率领)."""
        for i in range(last + 1, end):
            if self._follows(text, i):
                return i
        return end

    def _tibetan(self, text: str, p: int) -> tuple[int, int] | None:
        """A Tibetan name at p: two syllables (罗布次仁), or one before a
        word that follows names (旺堆|出席)."""
        if text[p:p + 2] not in self.syllables:
            return None
        if text[p + 2:p + 4] in self.syllables:
            return p, p + 4
        if not HAN.match(text[p + 2:p + 3] or "。") or self._follows(text, p + 2):
            return p, p + 2
        return None

    def name_before(self, text: str, q: int) -> tuple[int, int] | None:
        """A name ending at q (闫剑波|市长), or None."""
        if text[q - 1:q] in self.not_name_ends:
            return None  # 党支部|书记, 罗伊特林根市|市长
        for length in (3, 2, 4):
            s = q - length
            if s < 0 or not all(HAN.match(c) for c in text[s:q]):
                continue
            if any((m := self.not_names.match(text, k)) and m.end() > s for k in (s - 1, s) if k >= 0):
                continue  # 担任|产业教授
            if text[s] in self.surnames or (length >= 3 and text[s:s + 2] in self.surnames):
                if length == 4 and text[s:s + 2] not in self.surnames:
                    continue
                return s, q
        return None

    def names_list(self, text, p, seps=LIST_SEP):
        """Names separated by 、 (or by `seps`) starting at p: 孔凡萍、李建、张宏璞."""
        out = []
        span = self.name_after(text, p)
        while span:
            out.append(span)
            if text[span[1]:span[1] + 1] not in seps or span[1] >= len(text):
                break
            span = self.name_after(text, span[1] + 1, loose=text[span[1]] == " ")
        return out

    def names_before(self, text, q):
        """Names separated by 、 ending at q: 王秋实、宫秀丽、高志军|等市领导."""
        out = []
        while True:
            span = self.name_before(text, q)
            if not span:
                break
            out.append(span)
            if text[span[0] - 1:span[0]] != LIST_SEP:
                break
            q = span[0] - 1
        return out

    def _posts(self, text, orgs) -> list[tuple[int, int]]:
        """Post words, left to right, none starting inside a body's name
        (工业和信息化部|部长, not 工业和信息化|部部长)."""
        inside = set()
        for o in orgs.values():
            inside.update(range(o.start + 1, o.end))
        out, last = [], 0
        for m in self.posts.finditer(text, overlapped=True):
            if m.start() >= last and m.start() not in inside and not self.not_after_post.match(text, m.end()):
                out.append(m.span())
                last = m.end()
        return out

    def _unit_before(self, text, start, orgs) -> int | None:
        """Start of a body + unit before a post: 省统计局|工业统计处|处长."""
        for k in range(max(0, start - self.unit_max), start - 2):
            if k in orgs and self.unit.fullmatch(text, k, start) and not self.posts.search(text, k, start):
                return orgs[k].start
        return None

    def _post_after(self, text, p) -> tuple[int, int] | None:
        """The post written from p to the end of the clause, in appointment
        texts: 为|南充市教育局局长，; 因工作变动辞去|大连市副市长|职务."""
        end = m.start() if (m := self.clause_end.search(text, p)) else len(text)
        if (k := text.rfind("辞去", p, end)) >= 0:
            p = k + 2
        return (p, end) if 2 <= end - p <= 40 else None

    def _appointed(self, text):
        """(name, post) in appointment texts and candidate notices: 任命何永康为…,
        lines under a heading "任命：", 覃海燕，女，…现任…，."""
        for pattern in self.appointed:
            for m in pattern.finditer(text):
                if title := self._post_after(text, m.end()):
                    yield m.span(1), title
        for h in self.headings.finditer(text):
            pos = h.end()
            while m := self.appointed_line.match(text, pos):
                if title := self._post_after(text, m.end()):
                    yield m.span(1), title
                pos = text.find("\n", m.end()) + 1
                if pos == 0:
                    break
        for m in self.candidate.finditer(text):
            line_end = text.find("\n", m.end())
            k = text.find("现任", m.end(), line_end if line_end >= 0 else len(text))
            yield m.span(1), (self._post_after(text, k + 2) if k >= 0 else None)

    def _stands(self, text, s, e) -> bool:
        """Whether text[s:e] stands as a name: a word that follows names (or
        punctuation) comes next, or a full name opens a sentence or line."""
        if e >= len(text) or not HAN.match(text[e]) or self._follows(text, e):
            return True
        return e - s >= 3 and (s == 0 or not HAN.match(text[s - 1]))

    # -- component ----------------------------------------------------------------
    def __call__(self, doc):
        text = text_of(doc)
        orgs = {i.end: i for i in of_kind(doc, "entity") if i.label == "ORG"}
        org_starts = {i.start: i for i in orgs.values()}
        posts = self._posts(text, orgs)
        post_at_end = {e: s for s, e in posts}
        people: dict[tuple[int, int], dict] = {}

        taken = [(i.start, i.end) for i in of_kind(doc, "entity") if i.label != "PERSON"]

        def clashes(span, spans):
            """Whether span overlaps one of spans other than by holding a shorter one."""
            return any(a < span[1] and span[0] < b and not (span[0] <= a and b <= span[1] and b - a < span[1] - span[0])
                       for a, b in spans)

        def add(span, title=None, **attrs):
            if clashes(span, taken):
                return  # 宁德市|副市长: a place or a body, not a name (方桂林 holding 桂林 is a name)
            if title is not None:
                attrs["title_span"] = title
                if title[0] in org_starts:  # 龙口市工信局|党组副书记: the body the post belongs to
                    attrs["org_span"] = (title[0], org_starts[title[0]].end)
            if span not in people or ("title_span" in attrs and "title_span" not in people[span]):
                people[span] = attrs

        bodies_in_posts = []
        for s, e in posts:
            if text[e:e + 1] == LIST_SEP and self.posts.match(text, e + 1):
                continue  # not the last post of a run: 副书记、|市长
            start = s
            while True:  # walk back over the run: ORG, posts joined by 、
                if start in orgs:
                    start = orgs[start].start
                elif text[start - 1:start] == LIST_SEP and (start - 1) in post_at_end:
                    start = post_at_end[start - 1]
                elif (u := self._unit_before(text, start, orgs)) is not None:
                    start = u
                elif (b := self.body_before.search(text, max(0, start - 12), start)) is not None:
                    start = b.start()  # 政法委|书记: a body word the bodies stage left alone,
                    bodies_in_posts.append(b.span())  # an ORG all the same (bodies inside posts are ORG)
                else:
                    break
            if self.level.search(text, max(0, start - 2), start):
                start -= 2  # 镇级|总河长: the level of the post
            elif text[start - 1:start] in self.admin and (start < 2 or not HAN.match(text[start - 2])
                                                        or text[start - 2] in LIST_SEP):
                start -= 1  # 市|一级巡视员: the level of the post
            names = self.names_list(text, e)
            if names:
                for span in names:
                    add(span, (start, e))
                continue
            span = self.name_before(text, s)
            if span and span[1] == s and not any(o.start < span[1] and span[0] < o.end for o in orgs.values()):
                add(span, (s, e))
        for m in self.groups.finditer(text):
            for span in self.names_list(text, m.end()):
                add(span)
            if text[m.start() - 1:m.start()] == "等":  # 王秋实、宫秀丽等市领导
                for span in self.names_before(text, m.start() - 1):
                    add(span)
        for m in self.roles.finditer(text):  # bylines: 记者 郑松波 邵占坤
            role = (m.start(), m.start() + len(m.group().rstrip(":： \t\n")))
            for span in self.names_list(text, m.end(), seps=LIST_SEP + " "):
                add(span, role_span=role)
        for span, title in self._appointed(text):
            if not self.not_names.match(text, span[0]):
                add(span, title)
        for m in self.leaders.finditer(text):  # 以习近平新时代中国特色社会主义思想为指导
            add(m.span())
        found = items(doc)
        for s, e in set(bodies_in_posts):
            found.append(Item("entity", s, e, "ORG", "people", {}))
        names = {}
        chosen = {}  # one person entry per name: the first mention with a post, else the first mention
        for (s, e), attrs in sorted(people.items()):
            found.append(Item("entity", s, e, "PERSON", "people", {}))
            names.setdefault(text[s:e], (s, e))
            prev = chosen.get(text[s:e])
            if prev is None or ("title_span" in attrs and "title_span" not in prev[2]):
                chosen[text[s:e]] = (s, e, attrs)
        for s, e, attrs in chosen.values():
            found.append(Item("person", s, e, "PERSON", "people", attrs))
        # Later mentions of a name already found, where they stand as a name
        # and are not part of a longer name or entity.
        if names:
            for span in rules.Scanner(names).finditer(text):
                s, e = span
                if (span not in people and self._stands(text, s, e)
                        and not clashes(span, taken) and not any(a < e and s < b for a, b in people)):
                    found.append(Item("entity", s, e, "PERSON", "people", {"mention": True}))
        return doc
