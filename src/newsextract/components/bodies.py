"""Government and Party bodies (ORG) built from parts kept in rules/orgs/:
a place or an administrative prefix (省, 市, 民革) + body words (工信厅,
人民政府, 委), chained (工信部 + 中小企业局), and a list of central bodies
that stand alone (国务院, 国家统计局).

Also ORG here:
- a division's full name written before a body word it shares a character
  with (阜阳市|委 when segmentation reads 阜阳|市委常委 and the gazetteer
  finds no place): the full names of divisions come from the gazetteer's
  table;
- a body with its term number and the Party or CPPCC prefix
  (中国共产党上饶市第六届委员会, 政协遵义市第五届委员会常务委员会);
- a unit written after a body and before a post (省统计局|工业统计处|处长,
  市生态环境局|龙泉分局|局长): `UnitExtender`, used by the suffix names too;
- a unit named with its own head's post right after it (外国人管理司|司长,
  太湖局|局长, 口岸办|主任), back to a verb, a post or punctuation;
- missions abroad (德国|驻华大使馆, 福建省|驻新加坡经贸代表处);
- courts, procuratorates and police after a county's or city's short name
  (新田|法院, 海淀|检察院);
- the source body named in a dateline (来源：常州日报).
A body word after 各 names no particular body (各开发区管委会, 各镇人民政府),
nor one after a list of division kinds (乡、镇人民政府, 直辖|市人民政府).
"""
from __future__ import annotations

import regex

from .. import regexes, rules
from ..items import Item, items, of_kind, text_of, token_end_at, token_start_at
from ..han import HAN, HAN_RUN
from ..segment import jieba_dictionary
from .gazetteer import autonomous_forms

SOURCE_PART = regexes.compile(r"[^、，,；;]+")  # the bodies a dateline's source lists


def swallowed_tail(text: str, e: int, token_end: dict, words, min_freq: int) -> bool:
    """A name ending at `e` whose last character starts a common word with
    the next one (工信部|门: 部门, 协商报|告: 报告), unless a word of its own
    follows (人大|会议, 三峡大学|科技处): a name cut inside a word. Bodies
    and suffix names both ask it (config.cfg [components.bodies] min_tail_freq)."""
    after = text[e:token_end.get(e, e)]
    if len(after) >= 2 and after in words:
        return False
    word = text[e - 1:e + 1]
    return len(word) == 2 and words.get(word, (0, ""))[0] >= min_freq


class UnitExtender:
    """The end of a unit written right after a body that ends at `end` and
    followed by a post (工业统计处|处长, 龙泉分局|局长, 人力资源部|部长);
    `end` itself where there is none. Patterns: rules/orgs/patterns.yaml."""

    def __init__(self, patterns: dict, posts_re):
        self.unit = regexes.compile(patterns["unit"])
        self.stops = regexes.compile(patterns["unit_stops"])
        self.posts = posts_re

    def __call__(self, text: str, end: int) -> int:
        m = self.unit.match(text, end)
        if not m or self.stops.search(m.group()) or not self.posts.match(text, m.end()):
            return end
        return m.end()


class _TokenTags:
    """Whether the token starting at a position has one of `tags` in jieba's
    dictionary; each position looked up once."""

    def __init__(self, text, token_end, words, tags):
        self.text, self.token_end, self.words, self.tags, self.seen = text, token_end, words, tags, {}

    def __call__(self, p: int) -> bool:
        if p not in self.seen:
            e = self.token_end.get(p)
            self.seen[p] = e is not None and self.words.get(self.text[p:e], (0, ""))[1] in self.tags
        return self.seen[p]


class BodyFinder:
    """SpaCy component: adds ORG items for government and Party bodies."""

    def __init__(self, nlp, name: str, *, bodies: str, central: str, prefixes: str, min_tail_freq: int,
                 divisions: str, posts: str, unit_posts: str, source: str, known: str, patterns: str,
                 named: tuple, abbreviations: str, forms: str, bureau_morphemes: str, dateline: str,
                 left_words: str, left_stops: str, sar_bare: str):
        pat = rules.load_yaml(patterns)
        self.headed = regex.compile(pat["headed_unit"])
        self.headed_max = pat["headed_max"]
        self.headed_join = regexes.compile(pat["bureau_join"])
        self.left_words = set(rules.load_words(left_words))
        self.left_stops = set(rules.load_words(left_stops))
        self.term = regexes.compile(pat["term"])
        self.national = tuple(pat["national"])
        self.state_word = pat["state_word"]
        self.outlet_part = regexes.compile(pat["outlet_part"])
        self.site_part = regexes.compile(pat["site_part"])
        self.admin = rules.characters("ADMIN")
        self.each = regexes.compile(rules.expand(pat["each"]))
        self.kinds_before = regexes.compile(rules.expand(pat["kinds_before"]))
        self.doc_number = regexes.compile(pat["doc_number"])
        self.not_chained = set(pat["not_chained"])
        self.mission = regexes.compile(pat["mission"])
        self.attached_end = regexes.compile(pat["attached_end"] + "$")
        self.attached_stops = regexes.compile(pat["attached_stops"])
        self.attached_max = pat["attached_max"]
        self.slogan = regexes.compile(pat["slogan_verb"] + "$")
        self.abbreviations = set(rules.load_words(abbreviations))
        self.village_prefix = pat["village_prefix"]
        self.field_chars = frozenset("".join(rules.load_words(bureau_morphemes)))
        chars = regex.escape("".join(rules.load_words(bureau_morphemes)))
        self.bureau = regexes.compile(f"[{chars}]{{2,8}}(?:{pat['bureau_join']}[{chars}]{{2,8}})?(?:{pat['bureau_end']})") \
            if chars else None
        self.abbreviated = set(pat["abbreviated_bodies"])
        self.unit_words = set(pat["attached_last"])
        self.max_unit_freq = pat["attached_max_freq"]
        self.not_tags = set(pat["attached_not_tags"])
        self.bodies = set(rules.load_words(bodies))
        self.central = set(rules.load_words(central)) | set(rules.load_words(known))
        for name in named:  # the central government, Hong Kong and Macau, media (sources in each file)
            self.central.update(rules.load_words(name))
        # a paper's or magazine's publishing house (求是杂志|社, 人民日报|社) is the body too
        house = pat["house"]
        self.houses = {w + house["word"] for w in self.central if w.endswith(tuple(house["of"]))}
        self.central.update(self.houses)
        self.prefixes = sorted(rules.load_words(prefixes), key=len, reverse=True)
        # the prefixes by their last character, longest first: those that can end at a position
        self.prefixes_ending = {}
        for p in self.prefixes:
            self.prefixes_ending.setdefault(p[-1], []).append(p)
        self.scanner = rules.Scanner(self.bodies | self.central, overlapping=True)
        # Hong Kong and Macau bodies whose bare names are common words (卫生局):
        # bodies of their own only in a text naming Hong Kong or Macau
        self.sar_words = set(rules.load_words(sar_bare))
        self.sar_scanner = rules.Scanner(self.sar_words, overlapping=True)
        self.sar_context = regexes.compile(pat["sar_context"])
        self.words = jieba_dictionary()
        self.min_tail_freq = min_tail_freq
        # full names of divisions ending in an administrative character (阜阳市, 太和县)
        rows = rules.load_tsv(divisions)
        names = {r["name"] for r in rows} | set(autonomous_forms(rows, rules.load_yaml(forms)["autonomous"]))
        self.divisions = {n for n in names if len(n) >= 3 and n[-1] in self.admin}  # 澜沧县 too
        levels = set(pat["short_place_levels"])
        self.short_places = {r["short"] for r in rows if r["level"] in levels and len(r["short"] or "") >= 2}
        self.short_place_bodies = set(pat["short_place_bodies"])
        self.max_division = max(map(len, self.divisions), default=0)
        self.posts = regex.compile(rules.trie_pattern(set(rules.load_words(posts)) | set(rules.load_words(unit_posts))))
        self.extend_unit = UnitExtender(pat, self.posts)
        src = rules.load_yaml(source)
        self.source = regexes.compile(rules.load_yaml(dateline)["source_org"])  # 来源: …, as the record's source_org
        self.not_source = regexes.compile(src["not"])

    def __call__(self, doc):
        text = text_of(doc)
        token_ends = token_start_at(doc)
        token_starts = token_end_at(doc)
        # whether a verb, adverb or function word starts at a position: no attached
        # unit runs over one (looked up only where a unit is tried)
        verbs = _TokenTags(text, token_starts, self.words, self.not_tags)
        gpes = of_kind(doc, "entity", "GPE")
        places = {i.end: i for i in gpes}
        # a named zone heads a body too (兰州新区|经济发展局); a natural feature not
        places.update({i.end: i for i in of_kind(doc, "entity", "LOC") if not i.attrs.get("feature")})
        place_starts = {i.start for i in places.values()}
        bodies: list[list[int]] = []
        inside = set()  # a body word starting inside a place name is misread: 宜昌|市委 is 宜昌市|委
        for g in places.values():
            inside.update(range(g.start + 1, g.end))
        last = 0
        words = self.scanner.finditer(text)
        known = {s for s, _ in words}
        # local departments written short that no list holds (区|科工信局, 县|文广旅体局)
        words += [m.span() for m in (self.bureau.finditer(text) if self.bureau else ()) if m.start() not in known
                  and self._unit_token(text[m.end() - 2:m.end()])]  # not 发展|大局
        sar = self.sar_context.search(text) is not None
        if sar:  # 财政局, 卫生局 in a Macau release, not the end of a longer name (海南国际经济|发展局)
            seen = set(words)
            words += [w for w in self.sar_scanner.finditer(text)
                      if w not in seen and self._stands_apart(text, w[0], places, token_ends, verbs)]
        for s, e in sorted(words):
            word = text[s:e]
            if s < last or s in inside:
                continue
            if word in self.houses and self.posts.match(text, e - 1):
                continue  # 澳门日报|社长: the paper and its head's post
            # a word of its own after the body word (人大|会议) does not break it; a
            # leftover character (工信部|门) does
            if swallowed_tail(text, e, token_starts, self.words, self.min_tail_freq):
                continue  # 工信部门: the body word's last character starts a common word (部门)
            start = self._left(text, s, places, national=word.startswith(self.national))
            if start == s and word in self.short_place_bodies:
                start = self._short_place(text, s, places, token_ends, verbs)  # 新田|法院
            if bodies and bodies[-1][0] < start < bodies[-1][1] <= s:
                start = bodies[-1][1]  # 省军区|党委: no prefix taken from inside the body before (区|党委)
            if word in self.abbreviated and start > 0 and text[start - 1] in self.abbreviations and (
                    start == s or self.term.search(text, start, s)):
                start -= 1  # 粤|人大, 粤|十四届人大
            central = word in self.central
            # A unit written right after a body belongs to it (工信部中小企业局,
            # 国家统计局济宁调查队), unless it names a body of its own
            # (党中央|国务院, 市委|市政府).
            if (bodies and bodies[-1][1] == start and not central and (start == s or start in place_starts)
                    and word not in self.not_chained):
                bodies[-1][1] = last = self._attached(text, e, token_ends, verbs)
                continue
            if start == s and not central and not (sar and word in self.sar_words):
                continue  # 人民政府, 工信局 alone name no particular body (but 财政局 in a Macau text)
            if self.each.search(text, max(0, start - 9), start) or self.doc_number.match(text, e) or (
                    text[start] in self.admin and self.kinds_before.search(text, max(0, start - 4), start)):
                last = e
                continue  # 各开发区管委会, 各镇人民政府: every such body, none in particular
            last = self._attached(text, e, token_ends, verbs)
            if central and last == e and (m := self.outlet_part.match(text, e)):
                last = m.end()  # 央视新闻|频道, 中评社|APP: an outlet's channel or app is the outlet's
            elif last == e and (m := self.site_part.match(text, e)) and m.end() in token_ends and not swallowed_tail(
                    text, m.end(), token_starts, self.words, self.min_tail_freq):  # not 澳门日报|社长
                last = m.end()  # 省政府|门户网站, 贵州日报|报刊社: the body's website or publisher
            bodies.append([start, last])
        found = items(doc)
        ends = {}
        for start, end in bodies:
            end = self.extend_unit(text, end)
            found.append(Item("entity", start, end, "ORG", "bodies", {}))
            ends[end] = start
        for start, end in self._headed_units(text, ends, places, token_ends):
            found.append(Item("entity", start, end, "ORG", "bodies", {}))
        for m in self.mission.finditer(text):
            g = places.get(m.start())
            if g is not None:
                found.append(Item("entity", g.start, self.extend_unit(text, m.end()), "ORG", "bodies", {}))
        m = self.source.search(text)
        if m and not self.not_source.search(m.group("v")):
            a, b = m.span("v")
            if text[a] == "《" and text[b - 1] == "》":
                a, b = a + 1, b - 1  # 来源:《鄂尔多斯日报》: the paper, not its marks
            for part in SOURCE_PART.finditer(text, a, b):  # 中共湖南省委台办、湖南省政府台办: two bodies
                found.append(Item("entity", part.start(), part.end(), "ORG", "bodies", {"source": True}))
        return doc

    def _headed_units(self, text: str, bodies: dict, places: dict, token_ends: dict):
        """Units named with their own head's post right after them
        (外国人管理司|司长, 海南国际经济发展局|局长, 太湖局|局长, 口岸办|主任):
        (start, end) of each that no body found already ends at. The name
        reaches back over whole tokens, through a place or body written
        before it, to punctuation, a post, a verb or function word (各|局局长
        names none)."""
        for m in self.headed.finditer(text):
            end = m.end()
            if end in bodies:
                continue  # 市公安局|局长, 国台办新闻局|局长: the body found it
            start = token_ends.get(end, end - 1)  # 综合司 may be one token
            if start < end - 1 and (self.posts.match(text, start) or not HAN_RUN.fullmatch(text, start, end)):
                start = end - 1
            while start > 0 and end - start <= self.headed_max:
                if start in bodies:
                    start = bodies[start]
                    break  # 国家移民管理局|外国人管理司
                if start in places:
                    start = places[start].start  # 海南|国际经济发展局, 祁连山国家公园|青海省|管理局
                    continue
                k = token_ends.get(start)
                if k is None or not HAN_RUN.fullmatch(text, k, start):
                    break
                piece = text[k:start]
                tag = self.words.get(piece, (0, ""))[1]
                if piece in self.left_stops and tag not in self.not_tags and piece not in self.left_words:
                    start = end  # 新加坡企业|发展局: a noun that starts no name (企业) stands inside this one
                    break
                if self.headed_join.fullmatch(piece) and self._field_before(text, k, token_ends):
                    start = end  # 农业与|农村发展部: two fields joined in one name, its start not known
                    break
                if piece in self.left_words or piece in self.left_stops or self.posts.fullmatch(piece) or (
                        len(piece) == 1 and tag in self.not_tags):
                    break
                start = k
            if end - 1 - start >= 2 and end - start <= self.headed_max:
                yield start, end

    def _field_before(self, text: str, k: int, token_ends: dict) -> bool:
        """Whether the token ending at k is a field a department is named for,
        of two or more characters of bureau_morphemes.txt (农业|与: 农业与农村发展部),
        not a name (王建|和|综合司) or a body (外交部|和)."""
        j = token_ends.get(k)
        return j is not None and k - j >= 2 and all(c in self.field_chars for c in text[j:k])

    def _stands_apart(self, text: str, s: int, places: dict, token_ends: dict, verbs) -> bool:
        """Whether a body's name can begin at s: after no Han character, a
        place, a body word, list marks, or a verb or function word (由|卫生局,
        和|财政局); not after a noun that may begin the same name
        (海南国际经济|发展局)."""
        if s == 0 or not HAN.match(text[s - 1]) or s in places:
            return True
        k = token_ends.get(s)  # the token ending at s
        if k is None:
            return False
        piece = text[k:s]
        return (piece in self.left_words or piece in self.bodies or piece in self.central
                or piece in self.sar_words or verbs(k))

    def _short_place(self, text: str, s: int, places: dict, token_ends: dict, verbs) -> int:
        """Start of a county's or city's short name written right before a
        court, procuratorate or police body at s (新田|法院, 海淀|检察院),
        where the name stands apart; s itself where there is none."""
        for k in (4, 3, 2):
            a = s - k
            if a >= 0 and text[a:s] in self.short_places and self._stands_apart(text, a, places, token_ends, verbs):
                return a
        return s

    def _attached(self, text: str, end: int, token_ends: dict, verbs) -> int:
        """The end of a unit written right after a body ending at `end` that
        belongs to its name though no post follows (市委|全面依法治市委员会办公室,
        省公安厅|扫黑办): the longest run ending in a unit word
        (patterns.yaml `attached_end`) at the end of a token that is a unit
        word itself, a name, or a rare word (not 开局, 大局, 会议室), starting
        with no post and holding no stop word; `end` itself where there is none."""
        if self.posts.match(text, end):
            return end  # 省委|常委, 市委|书记
        best = end
        for j in range(end + 1, min(len(text), end + self.attached_max) + 1):
            if not HAN.match(text[j - 1]) or verbs(j - 1):
                break
            unit = text[end:j]
            if (j in token_ends and self.attached_end.search(unit) and not self.attached_stops.search(unit)
                    and self._unit_token(text[max(end, token_ends[j]):j])):
                best = j
        return best

    def _unit_token(self, last: str) -> bool:
        """A unit's last word: a unit word, a body word, a name (nt, j), an
        unknown word or a rare noun; not a common word (大局, 会议室)."""
        if last in self.unit_words or last in self.bodies or last in self.central:
            return True
        freq, tag = self.words.get(last, (0, "nt"))
        return tag in ("nt", "j") or (tag == "n" and freq < self.max_unit_freq)

    @staticmethod
    def _village(text: str, start: int, places: dict) -> int:
        """A village's name before 村 (妙源|村党支部, 中庄村|村委会): two to
        four characters standing after punctuation, a space or a place."""
        for k in (2, 3, 4):
            a = start - k
            if a < 0:
                break
            if not HAN_RUN.fullmatch(text[a:start]):
                break
            if a == 0 or a in places or not HAN.match(text[a - 1]):
                return a
        return start

    def _division(self, text: str, end: int) -> int | None:
        """Start of a division's full name ending at `end` (阜阳市), if any."""
        for k in range(min(self.max_division, end), 2, -1):
            if text[end - k:end] in self.divisions:
                return end - k
        return None

    def _left(self, text: str, s: int, places: dict, national: bool = False) -> int:
        """Start of the body whose body word starts at s: take a place name
        or an administrative prefix, a term number, 中共, right before it; a
        national body (全国人大) takes a place or a term number but no
        administrative prefix (澳区|全国人大代表)."""
        start = s
        admin = False  # one administrative character at most: 赣州|市委 is not 州 + 市委
        for _ in range(4):
            if national:  # a place or a term number, no administrative prefix (澳区|全国人大)
                if start in places:
                    start = places[start].start
                    continue
                m = self.term.search(text, max(0, start - 5), start)
                if not m:
                    return start
                start = m.start()
                continue
            if start in places:
                start = places[start].start
                continue
            k = start - len(self.state_word)
            if k > 0 and k in places and text.startswith(self.state_word, k):
                start = places[k].start  # 中国|国家|商务部: the country, 国家, the ministry
                continue
            m = self.term.search(text, max(0, start - 5), start)
            if m:
                start = m.start()
                continue
            for p in self.prefixes_ending.get(text[start - 1], ()) if start else ():
                if start - len(p) >= 0 and text.startswith(p, start - len(p)):
                    if len(p) == 1 and p in self.admin:
                        d = self._division(text, start)
                        if d is not None:
                            start = d  # 阜阳市|委
                            break
                        if admin or self.slogan.search(text, max(0, start - 2), start - 1):
                            continue  # 依法治|市委员会: the 市 of a slogan
                        admin = True
                    start -= len(p)
                    if p == self.village_prefix:
                        start = self._village(text, start, places)
                    break
            else:
                break
        return start
