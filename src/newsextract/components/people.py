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

from bisect import bisect_left, bisect_right

import regex

from .. import regexes, rules
from ..han import HAN
from ..items import Item, items, of_kind, text_of, token_columns, tokens_of
from ..segment import jieba_dictionary
from ..spans import SpanIndex

LIST_SEP = "、"
# At most this many parts in a name joined by middle dots (the longest in
# our texts has three: 奥古斯托·桑托斯·席尔瓦). The bound keeps a run of
# dotted words (市长张·市长张·…) from being read to its end at every post.
MAX_DOTTED_PARTS = 5


class PeopleFinder:
    """SpaCy component: adds `person` items (name, post span) and PERSON entities."""

    def __init__(self, nlp, name: str, *, posts: str, surnames: str, followers: str, groups: str, roles: str,
                 units: str, bodies: str, syllables: str, appointments: str, not_name_ends: str, not_names: str,
                 leaders: str, not_after_post: str, patterns: str, head_bodies: str, transliteration: str,
                 left_words: str):
        pat = rules.load_yaml(patterns)
        dot = "[" + regex.escape(rules.characters("NAME_DOTS")) + "]"
        more = MAX_DOTTED_PARTS - 1
        self.dot = regexes.compile(dot)
        self.dotted_end = regex.compile(rf"(?:{dot}\p{{Han}}{{1,6}}){{1,{more}}}$")  # 简|·迪安·米勒|教授
        self.first_part_stop_tags = set(pat["first_part_stop_tags"])
        self.dotted = regexes.compile(rf"\p{{Han}}{{1,6}}(?:{dot}\p{{Han}}{{1,6}}){{0,{more - 1}}}{dot}(\p{{Han}}{{1,6}})")  # 热合曼·阿不力孜
        name = rf"(?:\p{{Han}}{{1,6}}(?:{dot}\p{{Han}}{{1,6}}){{1,{more}}}|\p{{Han}}{{2,4}}?)"  # a name where the text marks its ends
        self.conjunctions = pat["conjunctions"]
        self.post_joins = frozenset(pat["post_joins"])
        self.name_end_marks = set(pat["name_end_marks"])
        self.fourth_stop_tags = set(pat["fourth_stop_tags"])
        self.common_freq = pat["common_word"]["min_freq"]
        self.cross_freq = pat["common_word"]["cross_freq"]
        self.verb_after_freq = pat["common_word"]["verb_after_freq"]
        self.object_verbs = rules.characters("OBJECT_VERBS")
        self.anonymised = regexes.compile(pat["anonymised"])
        # a time word right after a name's second character ends the name (鲁宾|上周)
        self.time_tags = frozenset(pat.get("time_word", {}).get("tags", ()))
        self.body_head_tags = frozenset(pat.get("body_head_tags", ()))
        self.time_freq = int(pat.get("time_word", {}).get("min_freq", 0))
        self.max_spaces = pat["max_spaces"]
        self.group_lead_max = pat["group_lead_max"]
        self.group_list_end = pat["group_list_end"]
        self.padding = regexes.compile(pat["name_padding"])
        self.padded_stop_tags = set(pat["padded_stop_tags"])
        # what a teaser link or a cut headline ends with: a name just before it is cut
        # (the list the NER checks use, rules/ner/filters.yaml truncated)
        self.truncated = tuple(rules.load_yaml("ner/filters.yaml")["truncated"])
        self.transliterating = set("".join(rules.load_words(transliteration)))
        self.foreign_max = pat["foreign_max"]
        self.foreign_min_before = pat["foreign_min_before"]
        chars = regex.escape("".join(sorted(self.transliterating)))
        self.foreign = regexes.compile(f"[{chars}]{{2,{pat['foreign_max']}}}")  # 赛夫丁, 英拉: a foreign name after a post
        self.verbs = rules.Scanner(rules.load_words(left_words))
        self.common_surnames = pat["common_word"]["common_surnames"]
        self.rare_word_freq = pat["common_word"]["rare_word_freq"]
        self.verb_tags = set(pat["common_word"]["verb_tags"])
        self.surname_rank = {c: i for i, c in enumerate(rules.load_words(surnames))}
        self.words = jieba_dictionary()
        # the dictionary's tags that begin with a name tag (nr: nr, nrfg, nrt)
        self.name_tags = frozenset(t for t in self.words.tags if t.startswith(tuple(pat["common_word"]["name_tags"])))
        self.clause_end = regex.compile(pat["clause_end"])  # finditer(overlapped=True): regex only
        self.named_as = regexes.compile(pat["named_as"])
        self.list_skip = pat["list_skip"]
        self.function_chars = set(pat["function_chars"])
        self.function_tags = set(pat["function_tags"])
        self.post_brackets = pat["post_brackets"]
        self.named_as_window = pat["named_as_window"]
        # words no post holds: a verb before it (会见|国家开发投资集团董事长) ends what came before
        self.not_in_post = regex.compile(rules.trie_pattern(pat["not_in_post"]))
        # words before a post that no name before it holds (第二位新任|发言人, 日本新任驻华|大使)
        self.post_lead = regexes.compile(pat["post_lead"])
        self.word_before_freq = pat["word_before_freq"]
        self.foreign_posts = set(pat["foreign_posts"])
        self.takes_post_ahead = regexes.compile(rules.trie_pattern(pat["takes_post"]))
        self.takes_post = regex.compile(rf"(?:{rules.trie_pattern(pat['list_skip'])})?(?:{rules.trie_pattern(pat['takes_post'])})$")
        post_words = rules.trie_pattern(rules.load_words(posts))
        self.posts = regex.compile(post_words)  # searched over windows, where regex is the faster
        self.post_at = regexes.compile(post_words)  # the same, matched at one place (re's calls cost less)
        self.post_scanner = rules.Scanner(rules.load_words(posts), overlapping=True)  # the same matches, at C speed
        self.surnames = set(rules.load_words(surnames))
        follower_words = rules.trie_pattern(rules.load_words(followers))
        self.followers = regexes.compile(follower_words)
        self.follows_at = regexes.compile(f"(?:{follower_words})|(?:{post_words})")  # either, in one call
        self.groups = regexes.compile(rules.trie_pattern(rules.load_words(groups)))
        self.roles = regexes.compile("(?:" + rules.trie_pattern(rules.load_words(roles)) + r")[:：]?\s*")
        self.latin_name = regexes.compile(pat["latin_name"])
        self.latin_brackets = pat["latin_brackets"]
        self.body_before = regexes.compile("(?:" + rules.trie_pattern(rules.load_words(bodies)) + ")$")
        # bodies named without a place whose last character starts a post (外交部|长)
        self.head_body = regexes.compile("(?:" + rules.trie_pattern(rules.load_words(head_bodies)) + ")$")
        admin = rules.characters("ADMIN")  # 市|一级巡视员, 镇级|总河长: the level of a post
        self.admin = set(admin)
        # a unit of a body written between the body and a post (统计处, 综合统计司)
        self.unit = regexes.compile(r"\p{Han}{2,10}?(?:" + rules.trie_pattern(rules.load_words(units)) + r")")
        self.unit_max = 12
        self.syllables = set(rules.load_words(syllables))
        self.not_name_ends = set("".join(rules.load_words(not_name_ends)))
        self.not_names = regexes.compile(rules.trie_pattern(rules.load_words(not_names)))
        self.not_after_post = regexes.compile(rules.trie_pattern(rules.load_words(not_after_post)))
        self.leaders = regexes.compile(rules.trie_pattern(rules.load_words(leaders)))
        self.level = regexes.compile("[" + regex.escape(admin) + "]级$")  # 镇级|总河长
        pairs = [line.split() for line in rules.load_words(appointments)]
        listed = f"{name}(?:{LIST_SEP}{name})*"  # 任命张国清、李晓红为: a post given to a list of names
        self.appointed = [regexes.compile(regex.escape(b).replace("：", "[：:]") + r"\s*(" + listed + ")" + regex.escape(a))
                          for b, a in pairs]  # the text comes with full-width punctuation folded (： → :)
        # what each of those patterns begins with, and what a heading or a candidate line
        # holds: a text without it is not searched (most texts hold none)
        self.appointed_leads = [b.split("：")[0] for b, _ in pairs]
        self.heading_words = tuple({b.rstrip("：:") for b, _ in pairs})
        self.candidate_mark = regexes.compile(pat["candidate_after"])
        self.appointed_line = regexes.compile(r"(?m)^(" + name + ")(?:" + rules.alternation({a for _, a in pairs}) + ")")
        self.headings = regex.compile(r"(?m)^(?:" + rules.alternation({b.rstrip("：:") for b, _ in pairs}) + r")[：:][ \t]*\n")
        self.candidate = regexes.compile(r"(?m)^(" + name + ")" + pat["candidate_after"])  # 覃海燕，女，土家族，…
        ro = pat["roster"]  # 组  长：韩  正    国务院副总理: a list of members laid out as a table
        self.post_label = regexes.compile(rf"(?m)^[ \t\u00A0]*({ro['post_label']}):[ \t\u00A0]*")  # 副组长：李明华、王立新
        self.roster_line = regexes.compile(rf"(?m)^[ \t]*(?:{ro['label']})?({rules.expand(ro['name'])})(?:{ro['gap']})"
                                           r"(\S(?:[^\n]*\S)?)[ \t\u00A0]*$")  # greedy: linear on a line of spaces
        self.roster_post_max = ro["post_max"]
        self.roster_min = ro["min_lines"]

    # -- names ------------------------------------------------------------------
    def _crossed(self, text: str, tokens, starts, s: int, e: int) -> bool:
        """Whether the name's first or last character belongs to a common word
        of jieba's segmentation that goes on beyond it (新任|驻华大使 read as
        任驻华, 部门|新设 as 门新设, 任职宣|布): a word of the dictionary at
        least `cross_freq` frequent that starts before the name or ends after it."""
        for p in (s, e):
            i = bisect_right(starts, p) - 1
            if i >= 0:
                a, b, _ = tokens[i]
                if a < p < b and (self.words.get(text[a:b]) or (0,))[0] >= self.cross_freq:
                    return True
        return False

    def _follows(self, text: str, i: int) -> bool:
        return self.follows_at.match(text, i) is not None

    def name_after(self, text: str, p: int, loose: bool = False) -> tuple[int, int] | None:
        """A name starting at p (up to `max_spaces` spaces before it are skipped:
        副院长   田昌兵 in a table of speakers), or None.
        `loose`: after a space in a byline a name may start like a follower word (记者 李沐阳 和丽萍)."""
        k = 0
        while text[p:p + 1] == " " and k < self.max_spaces:
            p, k = p + 1, k + 1
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
        if sl == 1 and (span := self._padded(text, p)) is not None:
            return span  # 部长刘  强，: a two-character name padded to the width of three
        if g >= len(text) or not HAN.match(text[g]) or self.post_at.match(text, g):
            return None
        if m := self.anonymised.match(text, g):
            return p, m.end()  # 王某|致辞, 李某某: an anonymised name ends there
        if g + 1 < len(text) and HAN.match(text[g + 1]) and not self._verb_follows(text, g + 1) \
                and not self._time_word(text, g + 1) and (
                not self._follows(text, g + 1) or (
                text[g + 1] in self.conjunctions and not HAN.match(text[g + 2:g + 3] or "和"))):
            if self._fourth(text, g + 2):
                return p, g + 3  # 巴音朝鲁|在, 范徐丽泰|；: a fourth character before a follower or punctuation
            span = (p, g + 2)  # 李春和，: a conjunction before punctuation belongs to the name
        else:
            span = (p, g + 1)
        if self._common_word(text, *span) or (
                self.words.get(text[p], (0, ""))[1] in self.function_tags
                and self._common(text[p + 1:span[1]], self.rare_word_freq)):
            return None  # 法官|展开调查; 行政长官|于|行政会议: a preposition before a word
        return span

    def _padded(self, text: str, p: int) -> tuple[int, int] | None:
        """A surname at p, `name_padding` spaces and one Han character that
        ends there (before a character that is not Han or a word that follows
        names), starting no post nor follower word: 刘  强，, 张  勇主持."""
        m = self.padding.match(text, p + 1)
        if m is None:
            return None
        g = m.end()
        if not HAN.match(text[g:g + 1] or "。") or self._follows(text, g) or self.not_names.match(text, g) \
                or text[g] in self.not_name_ends or (self.words.get(text[g]) or (0, ""))[1] in self.padded_stop_tags:
            return None
        if g + 1 < len(text) and HAN.match(text[g + 1]) and not self._follows(text, g + 1):
            return None
        return p, g + 1

    def _time_word(self, text: str, i: int) -> bool:
        """Whether a frequent time word of two characters starts at i
        (上周, 今天, 日前: jieba's tags of `time_word`): the name ends before it."""
        found = self.words.get(text[i:i + 2]) if self.time_tags else None
        return bool(found) and found[1] in self.time_tags and found[0] >= self.time_freq

    def _verb_follows(self, text: str, i: int) -> bool:
        """Whether a verb of one character at i starts a verb word with the
        next (致|辞, 致|函, 发|表): the name ends before it (张伟|致辞)."""
        if text[i] in self.object_verbs and HAN.match(text[i + 1:i + 2] or "。"):
            return True  # 王君|致欢迎辞: a verb before its object (rules/characters.yaml OBJECT_VERBS)
        one, two = self.words.get(text[i]), self.words.get(text[i:i + 2])
        return bool(one and two) and one[1] == "v" and two[1] == "v" and two[0] >= self.verb_after_freq

    def _common_word(self, text: str, s: int, e: int) -> bool:
        """Whether text[s:e] reads as a common word rather than a name: the
        whole of a two-character candidate (公布, 宣传), or the part after the
        first character of a longer one (和|政府) or its first two characters
        (展开|调) is a frequent jieba word
        not tagged as a name or place (和平 in 杜和平 is tagged nz), after a
        character that is not among the most common surnames."""
        if self.surname_rank.get(text[s], len(self.surname_rank)) < self.common_surnames:
            return False  # 陈全国, 高峰: after a common surname, a word is a given name
        if e - s == 2:
            return self._common(text[s:e], self.rare_word_freq) or (
                self.words.get(text[s:e]) or (0, ""))[1] in self.verb_tags  # 副县长|商定, 管护|站长: a word
        return any(self._common(p) for p in (text[s + 1:e], text[s:s + 2]))

    def _common(self, word: str, freq: int | None = None) -> bool:
        return self.words.common(word, freq or self.common_freq, self.name_tags)

    def _foreign(self, text: str, p: int) -> tuple[int, int] | None:
        """A transliterated foreign name right after a post (赛夫丁|一行,
        英拉|邀请): two to six characters of rules/people/transliteration.txt,
        no word of jieba's dictionary, before a word that follows names, a
        verb of rules/orgs/left_words.txt or a character that is not Han."""
        m = self.foreign.match(text, p)
        if m is None or text[p:m.end()] in self.words or self.not_names.match(text, p):
            return None
        for e in range(m.end(), p + 1, -1):  # the longest run that stands as a name
            if e >= len(text) or not HAN.match(text[e]) or self._follows(text, e) or self._verb_at(text, e):
                return (p, e) if text[p:e] not in self.words else None
        return None

    def _foreign_before(self, text: str, q: int) -> tuple[int, int] | None:
        """A transliterated name right before a post (对|斯卡尔法罗|总统,
        拉特纳亚克|议长): a run of `foreign_min_before` to `foreign_max`
        characters of rules/people/transliteration.txt ending at q, after a
        word (_after_word), no word of jieba's dictionary other than a name
        (塞尔维亚|总统 is a country; 阿拉法特 is a name) nor ending in a place
        of three or more characters."""
        s = q
        while s > 0 and q - s < self.foreign_max and text[s - 1] in self.transliterating:
            s -= 1
        while q - s >= self.foreign_min_before and not self._after_word(text, s):
            s += 1
        if q - s < self.foreign_min_before or self.not_names.match(text, s):
            return None
        if (w := self.words.get(text[s:q])) is not None and not w[1].startswith("nr"):
            return None  # 塞尔维亚|总统: a word (a place), not a name; 阿拉法特 (nrt) is one
        if any((self.words.get(text[k:q]) or (0, ""))[1].startswith("ns") for k in range(s + 1, q - 2)):
            return None  # 南斯拉夫联盟|…: the end of the run is a place of three or more characters
        return s, q

    def _verb_at(self, text: str, e: int) -> bool:
        """Whether a verb of rules/orgs/left_words.txt starts at e (邀请)."""
        return any(a == 0 for a, _ in self.verbs.finditer(text[e:e + 4]))

    def _place_word(self, word: str) -> bool:
        """Whether a word is a frequent jieba word not tagged as a person's
        name: a place word (王国, 共和国) before a foreign post, not a name."""
        found = self.words.get(word)
        return bool(found) and found[0] >= self.common_freq and not found[1].startswith("nr")

    def _fourth(self, text: str, i: int) -> bool:
        """Whether text[i] is the fourth character of a name (Mongolian and
        other four-character names, 范徐丽泰): a Han character that starts no
        follower word, no post and ends no name, followed by a follower word
        or by a character that is not Han."""
        if i < len(text) and text[i] in self.conjunctions and text[i + 1:i + 2] and text[i + 1] in self.name_end_marks:
            return True  # 那顺孟和，: a conjunction before punctuation ends the name (as 李春和，)
        if i >= len(text) or not HAN.match(text[i]) or self._follows(text, i) or text[i] in self.not_name_ends:
            return False
        if (self.words.get(text[i]) or (0, ""))[1] in self.fourth_stop_tags:
            return False  # 龙海波|正和, 总书记殷切嘱|托: an adverb or a verb, not part of a name
        if i + 1 >= len(text) or text[i + 1] in self.name_end_marks:
            return True
        f = self.followers.match(text, i + 1) or self.post_at.match(text, i + 1)
        # 巴音朝鲁|在; not 黄鹏飞|工作 (a word of its own before a one-character follower)
        return f is not None and (len(f.group()) > 1 or text[i:i + 2] not in self.words)

    def _cut(self, text: str, last: int, end: int) -> int:
        """End of a dotted name whose last part starts at `last`: before the
        first word that follows names (坎培·西萨万|率领) or a common word that
        ends the part (帕巴拉·格列朗杰|委托: a word of jieba's dictionary at
        least `cross_freq` frequent, not tagged as a name)."""
        for i in range(last + 1, end):
            if self._follows(text, i) or (end - i >= 2 and self._common(text[i:end], self.cross_freq)):
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
        if text[q - 1:q] in self.not_name_ends or text[q - 1:q] in self.post_joins:
            return None  # 党支部|书记, 罗伊特林根市|市长, 副首相兼|外交大臣
        if self.dot.search(text, max(0, q - 7), q) and text[q - 1] not in self.conjunctions \
                and (span := self._dotted_before(text, q)):
            return span  # 约翰·史密斯|教授; not 阿沛·晋美和|秘书长
        # a compound surname four characters back gives a name of four (欧阳晓明|同志, not 阳晓明)
        for length in (4, 3, 2) if q >= 4 and len(text[q - 4:q - 2]) == 2 and text[q - 4:q - 2] in self.surnames \
                else (3, 2, 4):
            s = q - length
            if s < 0 or not all(HAN.match(c) for c in text[s:q]):
                continue
            if any((m := self.not_names.match(text, k)) and m.end() > s for k in (s - 1, s) if k >= 0):
                continue  # 担任|产业教授
            if text[s] in self.surnames or (length >= 3 and text[s:s + 2] in self.surnames):
                if length == 4 and text[s:s + 2] not in self.surnames:
                    continue
                if self._common_word(text, s, q):
                    continue  # 公布|新闻发言人, 党委和政府|新闻发言人
                if self.post_lead.search(text, max(0, s - 1), q):
                    continue  # 位新任|发言人, 任驻华|大使: what leads into the post, not a name
                if length == 2 and not self._starts_word(text, s):
                    continue  # 塞|韦莱首相: the end of a longer name, not a name
                if length == 3 and text[s] in self.function_chars and text[s + 1] in self.surnames \
                        and HAN.match(text[s - 1:s] or "。"):
                    continue  # 张伟和|李强|书记, 会议由|韩涛: a conjunction or preposition before a name
                return s, q
        return None

    def _dotted_before(self, text: str, q: int) -> tuple[int, int] | None:
        """A name joined by middle dots ending at q (约翰·史密斯|教授): its first
        part is the longest word of jieba's dictionary tagged as a name that
        ends at the first dot (约翰), else the shortest run before the dot
        that starts after a word (授予|简·迪安·米勒, 欢迎|热合曼·阿不力孜) and
        not with a verb, preposition or other function word."""
        m = self.dotted_end.search(text, max(0, q - 8 * MAX_DOTTED_PARTS), q)
        if m is None:
            return None
        d = m.start()
        for k in range(4, 1, -1):
            if d - k >= 0 and (self.words.get(text[d - k:d]) or (0, ""))[1] in self.name_tags:
                return d - k, q
        for k in range(1, 7):  # the shortest run after a word: 授予|简, 欢迎|热合曼
            s = d - k
            if s < 0 or not HAN.match(text[s]):
                return None
            if self._after_word(text, s) and (k == 1 or text[s:d] not in self.words) \
                    and (self.words.get(text[s]) or (0, ""))[1] not in self.first_part_stop_tags:
                return s, q
        return None

    def _after_word(self, text: str, s: int) -> bool:
        """Whether a word ends right before s, by a stricter test than
        _starts_word's (the first part of a transliterated name has no
        surname to go by): no Han character, a frequent character of its own
        that transliterates no name (的, 了), or a word of two characters at
        least `cross_freq` frequent (授予, 欢迎; not 力克 in 阿布力克|木)."""
        if s == 0 or not HAN.match(text[s - 1]):
            return True
        if text[s - 1] not in self.transliterating and (self.words.get(text[s - 1]) or (0,))[0] >= self.word_before_freq:
            return True
        return s >= 2 and (self.words.get(text[s - 2:s]) or (0,))[0] >= self.cross_freq

    def _starts_word(self, text, s) -> bool:
        """Whether a word can start at s: what comes before is no Han
        character, a word of its own (了, 由, 对, 见), or ends a word of two
        characters (欢迎|王毅外长); not the middle of a name (塞|韦莱首相)."""
        if s == 0 or not HAN.match(text[s - 1]):
            return True
        if (self.words.get(text[s - 1]) or (0, ""))[0] >= self.word_before_freq:
            return True
        return s >= 2 and text[s - 2:s] in self.words

    def names_list(self, text, p, seps=LIST_SEP, shared_post=False):
        """Names separated by 、 (or by `seps`) starting at p: 孔凡萍、李建、张宏璞;
        the last one may follow 和 (孔凡萍、李建和张宏璞) when it stands as a
        name and no post of its own follows it. Under a `shared_post`, an item
        after two names may be a name no surname marks (_bounded_item)."""
        out = []
        span = self.name_after(text, p)
        while span:
            out.append(span)
            end = span[1]
            for word in self.list_skip:  # 李强同志、王芳
                if text.startswith(word, end) and text[end + len(word):end + len(word) + 1] in seps:
                    end += len(word)
            if text[end:end + 1] in self.conjunctions and end + 1 < len(text):
                last = self.name_after(text, end + 1)  # 张伟、李强和王芳: the last name after 和
                if last and not self.post_at.match(text, last[1]) and (
                        last[1] >= len(text) or not HAN.match(text[last[1]]) or self.followers.match(text, last[1])):
                    out.append(last)
                break
            if text[end:end + 1] not in seps or end >= len(text):
                break
            span = self.name_after(text, end + 1, loose=text[end] == " ")
            if span and not self._ends_item(text, span[1]):
                span = None  # 主任刘国洪、|海域海|岛司司长高忠文: the next item has a post of its own
            if span is None and shared_post and len(out) >= 2:
                span = self._bounded_item(text, end + 1, seps)  # 李素芝、白玛朗杰、|洛桑久美|、金世洵
        return out

    def _ends_item(self, text, e) -> bool:
        """Whether a name in a list ends at e: a list mark, a conjunction,
        punctuation or a word that follows names comes next, not more of a word."""
        return e >= len(text) or not HAN.match(text[e]) or text[e] in self.conjunctions \
            or text[e] in LIST_SEP or bool(self.followers.match(text, e))

    def _bounded_item(self, text, p, seps) -> tuple[int, int] | None:
        """An item of a list of names under one post that no name rule reads
        (a name without a listed surname): two to four Han characters between
        list marks, neither a post, a body word nor a common word."""
        k = p
        while k < len(text) and k - p <= 4 and HAN.match(text[k]):
            k += 1
        if not 2 <= k - p <= 4 or text[k:k + 1] not in seps:
            return None
        item = text[p:k]
        if self.posts.search(text, p, k) or self.not_names.match(text, p) or self._common(item) \
                or self.body_before.search(text, p, k) or self.followers.match(text, p) \
                or item[-1] in self.not_name_ends or item[-1] in self.admin \
                or (len(item) > 2 and (self._common(item[-2:]) or self._common(item[:2]))):
            return None  # 各乡镇, 市直部门: words, not a name
        return p, k

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

    def _names_before_group(self, text, q):
        """Names separated by 、 ending at q before 等 and a group label
        (段某某、伍继承、义洁等县领导): names as names_before reads them, and
        items of two or three Han characters between list marks that no name
        rule reads (a rare surname, a given name that is a word), neither a
        post, a body nor a word of names_before's exclusions, where the list
        holds a name read the usual way."""
        out, read = [], False
        while q > 0:
            span = self.name_before(text, q)
            if span and (span[0] == 0 or not HAN.match(text[span[0] - 1]) or text[span[0] - 1] == LIST_SEP):
                read = True
            else:
                j = text.rfind(LIST_SEP, max(0, q - 4), q)
                item = text[j + 1:q]
                if j < 0 or not 2 <= len(item) <= 3 or not all(HAN.match(c) for c in item) \
                        or self.posts.search(item) or self.body_before.search(item) or self.not_names.match(item) \
                        or item[-1] in self.not_name_ends or item[-1] in self.admin:
                    break
                span = (j + 1, q)
            out.append(span)
            if text[span[0] - 1:span[0]] != LIST_SEP:
                break
            q = span[0] - 1
        return out if read else []

    def _posts(self, text, orgs, heads=None) -> list[tuple[int, int]]:
        """Post words, left to right, none starting inside a body's name
        (工业和信息化部|部长, not 工业和信息化|部部长), except a post whose first
        character ends the body (外交部|长: the body's head, ORG 外交部 and the
        post 外交部长); `heads` gets such a post's start -> the body's span."""
        inside = set()
        for o in orgs.values():
            inside.update(range(o.start + 1, o.end))
        out, last = [], 0
        for s, e in self.post_scanner.finditer(text):
            if s < last or self.not_after_post.match(text, e):
                continue
            head = None
            if e - s >= 2 and (o := orgs.get(s + 1)) is not None and o.start < s:
                head = (o.start, s + 1)  # 葡萄牙外交部|长, the body found by the bodies stage
            elif s not in inside and e - s >= 2 and (m := self.head_body.search(text, max(0, s - 12), s + 1)) \
                    and m.start() < s:
                head = m.span()  # 外交部|长, a central body no stage has taken
            if head is None and s in inside:
                continue
            if head is not None and heads is not None:
                heads[s] = head
            out.append((s, e))
            last = e
        return out

    def _unit_before(self, text, start, orgs) -> int | None:
        """Start of a body + unit before a post: 省统计局|工业统计处|处长."""
        for k in range(max(0, start - self.unit_max), start - 2):
            if k in orgs and self.unit.fullmatch(text, k, start) and not self.posts.search(text, k, start):
                return orgs[k].start
        return None

    def _clauses(self, text) -> tuple[list[int], list[int]]:
        """Where a clause can end (clause_end matches) and where 辞去 stands,
        each found once per text (searching from every appointment made a
        text of appointments without punctuation quadratic)."""
        ends = [m.start() for m in self.clause_end.finditer(text, overlapped=True)]
        quits, k = [], text.find("辞去")
        while k >= 0:
            quits.append(k)
            k = text.find("辞去", k + 2)
        return ends, quits

    def _post_after(self, text, p, clauses) -> tuple[int, int] | None:
        """The post written from p to the end of the clause, in appointment
        texts: 为|南充市教育局局长，; 因工作变动辞去|大连市副市长|职务."""
        ends, quits = clauses
        i = bisect_left(ends, p)
        end = ends[i] if i < len(ends) else len(text)
        j = bisect_right(quits, end - 2) - 1  # the last 辞去 in [p, end)
        if j >= 0 and quits[j] >= p:
            p = quits[j] + 2
        return (p, end) if 2 <= end - p <= 40 else None

    def _appointed(self, text):
        """(name, post) in appointment texts and candidate notices: 任命何永康为…,
        lines under a heading "任命：", 覃海燕，女，…现任…，."""
        clauses = None

        def post_after(p):
            nonlocal clauses
            clauses = clauses or self._clauses(text)
            return self._post_after(text, p, clauses)

        for pattern, lead in zip(self.appointed, self.appointed_leads):
            if lead not in text:
                continue
            for m in pattern.finditer(text):
                if title := post_after(m.end()):
                    s = m.start(1)
                    for part in m.group(1).split(LIST_SEP):
                        yield (s, s + len(part)), title
                        s += len(part) + 1
        headed = any(w in text for w in self.heading_words)
        for h in (self.headings.finditer(text) if headed else ()):
            pos = h.end()
            while m := self.appointed_line.match(text, pos):
                if title := post_after(m.end()):
                    yield m.span(1), title
                pos = text.find("\n", m.end()) + 1
                if pos == 0:
                    break
        for m in (self.candidate.finditer(text) if self.candidate_mark.search(text) else ()):
            line_end = text.find("\n", m.end())
            k = text.find("现任", m.end(), line_end if line_end >= 0 else len(text))
            yield m.span(1), (post_after(k + 2) if k >= 0 else None)

    def _roster(self, text):
        """(name, post) on the lines of a roster (组  长：韩  正    国务院副总理,
        李建国    市财政局局长): a name that starts with a surname (or is dotted or
        Tibetan), a gap of spaces and a post holding a post word, up to the
        line's end; none unless the text has `roster_min` such lines."""
        if " " not in text and "\t" not in text and "\u00a0" not in text:
            return []
        found = []
        for m in self.roster_line.finditer(text):
            (s, e), post = m.span(1), m.span(2)
            name = "".join(text[s:e].split())
            if post[1] - post[0] > self.roster_post_max or not self.posts.search(text, *post) \
                    or self.not_names.match(name) or self.posts.search(name) or self.groups.search(name):
                continue
            if not (self.dot.search(name) or name[:2] in self.syllables
                    or (name[0] in self.surnames and len(name) <= 3) or name[:2] in self.surnames):
                continue
            if self._common_word(name, 0, len(name)):
                continue  # 公布  市长名单: a word, not a name
            found.append(((s, e), post))
        return found if len(found) >= self.roster_min else []

    def _labelled(self, text):
        """(name, post) on lines that open with a post word and a colon and
        go on with names to the line's end (组  长：张建国, 副组长：李明华、王立新):
        the label is each name's post."""
        if ":" not in text:
            return
        for m in self.post_label.finditer(text):
            label = "".join(m.group(1).split())
            if not self.post_at.fullmatch(label):
                continue
            names = self.names_list(text, m.end())
            if names and text[names[-1][1]:names[-1][1] + 1] in ("", "\n", "。", "；", ";"):
                for span in names:
                    yield span, m.span(1)

    def _before_new_post(self, text, span) -> tuple[int, int]:
        """A three-character name whose last character starts a verb of
        taking a post that a post follows in the clause ends before it:
        副部长杜平|任江北区委书记, 副市长王建|兼任市公安局局长."""
        s, e = span
        if e - s == 3 and (m := self.takes_post_ahead.match(text, e - 1)):
            end = self.clause_end.search(text, m.end())
            if self.posts.search(text, m.end(), end.start() if end else len(text)):
                return s, e - 1
        return span

    def _takes_post(self, text, start) -> tuple[int, int] | None:
        """The name before a verb of taking a post that stands right before
        the post's start: 张建华(同志)任|中共长沙县委书记, 李明当选为|市政协主席."""
        m = self.takes_post.search(text, max(0, start - 8), start)
        if m is None or self.post_lead.search(text, max(0, m.start() - 1), m.end()):
            return None  # 第二位新任|发言人: 新任 is no verb after a name
        return self.name_before(text, m.start())

    def _named_as(self, text, start, e) -> int | None:
        """Where 为 stands before a post that ends a clause (张永春为|行政法务司司长，),
        within `named_as_window` characters; None when there is none."""
        if not self.clause_end.match(text, e) and e < len(text):
            return None
        m = self.named_as.search(text, max(0, start - self.named_as_window), start)
        return m.start() if m else None

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
        heads: dict[int, tuple[int, int]] = {}
        countries = {i.end: i.start for i in of_kind(doc, "entity", "GPE") if "country" in i.attrs}
        posts = self._posts(text, orgs, heads)
        post_at_end = {e: s for s, e in posts}
        people: dict[tuple[int, int], dict] = {}

        taken = SpanIndex((i.start, i.end) for i in of_kind(doc, "entity") if i.label != "PERSON")
        org_spans = SpanIndex((o.start, o.end) for o in orgs.values())

        tokens = tokens_of(doc)
        token_starts = token_columns(doc)[0]

        def add(span, title=None, **attrs):
            if taken.clashes(*span):
                return  # 宁德市|副市长: a place or a body, not a name (方桂林 holding 桂林 is a name)
            if self._crossed(text, tokens, token_starts, *span):
                return  # 新任|驻华大使, 多谢|何议员: a word goes on over the name's end
            j = span[1]
            while j < len(text) and j - span[1] <= 2 and HAN.match(text[j]):
                j += 1
            if text.startswith(self.truncated, j):
                return  # 副主席阿不|都...: a teaser link cut the name short
            if title is not None:
                attrs["title_span"] = title
                if title[0] in org_starts:  # 龙口市工信局|党组副书记: the body the post belongs to
                    attrs["org_span"] = (title[0], org_starts[title[0]].end)
            if span not in people or ("title_span" in attrs and "title_span" not in people[span]):
                people[span] = attrs

        for span, title in self._roster(text):  # first: a roster's post beats a heading's label (副组长:)
            add(span, title)
        for span, title in self._labelled(text):  # 副组长：李明华、王立新: the label, where no post follows
            add(span, title)
        bodies_in_posts = []
        for s, e in posts:
            if text[e:e + 1] in self.post_joins and self.post_at.match(text, e + 1):
                continue  # not the last post of a run: 副书记、|市长
            start = s
            if s in heads:  # 外交部|长: the body whose head the post is
                start = heads[s][0]
                if (s + 1) not in orgs:
                    if (c := countries.get(start)) is not None:
                        start = c  # 葡萄牙|外交部|长: the country's ministry
                    bodies_in_posts.append((start, s + 1))
            while True:  # walk back over the run: ORG, posts joined by 、
                if start in orgs:
                    start = orgs[start].start
                elif text[start - 1:start] in self.post_joins and (start - 1) in post_at_end:
                    start = post_at_end[start - 1]  # 副书记、|市长; 副主席兼|外交大臣
                elif (u := self._unit_before(text, start, orgs)) is not None:
                    start = u
                elif (b := self.body_before.search(text, max(0, start - 12), start)) is not None:
                    start = b.start()  # 政法委|书记: a body word the bodies stage left alone,
                    if (self.words.get(text[max(0, b.start() - 2):b.start()]) or (0, ""))[1] not in self.body_head_tags:
                        bodies_in_posts.append(b.span())  # an ORG all the same (bodies inside posts are ORG),
                    # not the end of a longer name the rules missed (科技基金行政|委员会委员, 联络|办公室主任:
                    # a noun right before it)
                else:
                    break
            if self.level.search(text, max(0, start - 2), start):
                start -= 2  # 镇级|总河长: the level of the post
            elif text[start - 1:start] in self.admin and (start < 2 or not HAN.match(text[start - 2])
                                                        or text[start - 2] in LIST_SEP):
                start -= 1  # 市|一级巡视员: the level of the post
            if (cut := [m for m in self.not_in_post.finditer(text, max(0, start - 2), s) if m.end() > start]):
                start = cut[-1].end()  # 长春会见|国家开发投资集团党组书记, 担|任县政府办公室: the verb is no post
            if text[start - 1:start] == self.post_brackets[0] and text[e:e + 1] == self.post_brackets[1]:
                if span := self.name_before(text, start - 1):
                    add(span, (start, e))  # 张伟(市委书记): the post in brackets after the name
                    continue
            names = [self._before_new_post(text, span) for span in self.names_list(text, e, shared_post=True)]
            if len(names) == 1 and (f := self._foreign(text, e)) is not None and f[0] == names[0][0] < names[0][1] < f[1]:
                names = [f]  # 主席|斯特罗耶夫|和: a transliterated name runs on past the three characters a surname gives
            if names and text[s:e] in self.foreign_posts and not self._ends_item(text, names[0][1]):
                names = []  # 首相|费莱蒂|塞韦莱: a transliterated name runs on past a surname's three characters
            if names:
                for span in names:
                    add(span, (start, e))
                continue
            if (m := self.latin_name.match(text, e + (text[e:e + 1] == " "))) is not None:
                add(m.span(), (start, e))  # 总理 António Costa: a foreign official's name in Latin script
                continue
            if (span := self._foreign(text, e)) is not None:
                add(span, (start, e))  # 外交部长|赛夫丁|一行, 总理|英拉|邀请: transliterated
                continue
            span = self.name_before(text, s)
            if (f := self._foreign_before(text, s)) is not None and (span is None or f[0] < span[0]):
                span = f  # 对|斯卡尔法罗|总统: a transliterated name before the post
            if span and text[s:e] in self.foreign_posts and self._place_word(text[span[0]:span[1]]):
                span = None  # 东加王国|首相: a country's word, not a name, even after a common surname
            if span and span[1] == s and not org_spans.overlaps(*span):
                add(span, (s, e))
            elif (k := self._named_as(text, start, e)) is not None and (span := self.name_before(text, k)):
                add(span, (k + 1, e))  # 张永春为行政法务司司长，: the post given after 为
            elif (span := self._takes_post(text, start)) is not None and not SpanIndex(people).overlaps(*span):
                add(span, (start, e))  # 张建华同志任|中共长沙县委书记: the post taken after the name
        for m in self.groups.finditer(text):
            for span in self.names_list(text, m.end()):
                add(span)
            end = self.group_list_end
            k = text.rfind(end, max(0, m.start() - self.group_lead_max - len(end)), m.start())
            if k >= 0 and all(HAN.match(c) for c in text[k + len(end):m.start()]):  # 王秋实、宫秀丽等(县四大家)领导
                for span in self._names_before_group(text, k):
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
        open_, close = self.latin_brackets
        for s, e in list(people):  # 安东尼奥·科斯塔(António Costa): the original spelling in brackets
            if text[e:e + 1] == open_ and (m := self.latin_name.match(text, e + 1)) and text[m.end():m.end() + 1] == close:
                add(m.span())
        found = items(doc)
        for s, e in set(bodies_in_posts):
            found.append(Item("entity", s, e, "ORG", "people", {}))
        names = {}
        chosen = {}  # one person entry per name: the first mention with a post, else the first mention
        for (s, e), attrs in sorted(people.items()):
            names.setdefault(text[s:e], (s, e))
            prev = chosen.get(text[s:e])
            if prev is None or ("title_span" in attrs and "title_span" not in people[prev]):
                chosen[text[s:e]] = (s, e)
        for name in [n for n, span in chosen.items() if "title_span" in people[span]]:
            if (last := self.dot.split(name)[-1]) != name and last in chosen:
                del chosen[last]  # 席尔瓦 after 葡萄牙外交部长奥古斯托·桑托斯·席尔瓦: the same person, one entry
        chosen_spans = set(chosen.values())
        for span, attrs in sorted(people.items()):
            # one item per mention; the person's entry (post, body, role) rides on its chosen mention
            found.append(Item("entity", *span, "PERSON", "people", {"person": attrs} if span in chosen_spans else {}))
        # Later mentions of a name already found, where they stand as a name
        # and are not part of a longer name or entity.
        if names:
            named = SpanIndex(people)
            for span in rules.find_words(names, text):
                s, e = span
                if (span not in people and self._stands(text, s, e)
                        and not taken.clashes(s, e) and not named.overlaps(s, e)):
                    found.append(Item("entity", s, e, "PERSON", "people", {"mention": True}))
        return doc
