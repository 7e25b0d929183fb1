"""The one place where conflicts between stages are settled.

Policy:
1. Inside a policy title nothing else is kept (entities, dates, figures).
2. Entities are flat. Among the rule stages the longest span wins; at
   equal length the stage listed first in `priority` wins (people, bodies,
   suffix names, gazetteer). A span that crosses a kept one is dropped.
3. The statistical NER (stage "ner") then fills the gaps, label by label,
   with the checks in rules/ner/filters.yaml (`NerFilters`):
   - PERSON: kept where it overlaps no rule entity, or where all it overlaps
     are gazetteer places lying inside it (许|银川: the name wins). Rejected:
     one character or a common word (群众); a name that swallows the next
     or the previous word (薛原报|道, 会|上李强); a name overlapping a post word (市长李强 read as
     长李强) or a rule ORG (rules win); a list of names read as one (张华、李明,
     张华李明).
     A rule name that fails those checks gives way to a shorter NER name
     that begins where it begins (许红在 → 许红).
   - ORG: only when it ends like a body or an organisation (a suffix the
     rules know: 局, 委员会, 有限公司, 队), not with a post; it may take in
     the gazetteer places inside it (中国|队, 芬兰|农林部) and one shorter
     rule ORG (联合国|安理会), and replace a suffix name that ends with it
     but begins at a verb or function word (还有|联想集团).
   - LOC (and GPE from a user's model): a place the gazetteer knows whole
     becomes a GPE with its code; any other is a LOC only when a place word
     ends it (赤水河, 天安门广场); never over a rule entity.
   An entity holding list punctuation (、，|) is a list read as one: rejected.
   Longer NER spans are settled first; NER spans do not overlap each other.
4. A date wins over a figure it overlaps (三年 is not 3 年-units);
   figures inside an entity name (中国一重) are dropped; a name inside a
   figure's unit (3000澳门元) leaves it.
5. Overlapping dates, figures or policies: the longest wins.
6. A person's entry (post, body, role) rides on its name's entity item
   (people.py) and goes where the name goes: to the NER's name that
   corrects it (许红在 → 许红); it is gone with the name.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import attrgetter

import regex

from .. import rules
from ..han import HAN_RUN as HAN_NAME
from ..items import Item, items, text_of, token_end_at, token_start_at

NER_STAGE = "ner"


_START, _END, _LENGTH = attrgetter("start"), attrgetter("end"), attrgetter("length")


def _NO_RANK(_item) -> int:
    return 0


def _longest_first(cands, rank=_NO_RANK):
    """Longest first (then by rank, then leftmost), each kept unless it
    overlaps one kept before; the characters taken are marked in a bytearray,
    so each test is one C-level search instead of a loop over the kept."""
    kept = []
    if not cands:
        return kept
    taken = bytearray(max(map(_END, cands)) + 1)
    # the order (-length, rank, start) by stable sorts, least significant key first
    # (a reversed sort is stable too): no tuple built per item
    order = sorted(cands, key=_START)
    if rank is not _NO_RANK:
        order.sort(key=rank)
    order.sort(key=_LENGTH, reverse=True)
    find = taken.find
    for it in order:
        s, e = it.start, it.end
        if find(1, s, e) < 0:
            kept.append(it)
            taken[s:e] = b"\x01" * (e - s)
    return kept


def _marked(spans) -> bytearray:
    """The characters the spans cover, marked 1 (for overlap tests by `find`)."""
    marks = bytearray(max((i.end for i in spans), default=0) + 1)
    for i in spans:
        marks[i.start:i.end] = b"\x01" * i.length
    return marks


class _Flat:
    """Entities that do not overlap one another, in order of start (so also
    of end): the ones a span overlaps are found by bisection, not by a test
    against each of them."""

    def __init__(self, kept):
        self.items = sorted(kept, key=lambda i: i.start)
        self.starts = [i.start for i in self.items]
        self.ends = [i.end for i in self.items]

    def overlapping(self, it) -> list:
        lo = bisect_right(self.ends, it.start)
        return self.items[lo:bisect_left(self.starts, it.end, lo)]

    def replace(self, hit, it) -> None:
        """Remove `hit` (overlapping(it)) and add `it`, which then overlaps nothing."""
        lo = bisect_right(self.ends, it.start)
        hi = lo + len(hit)
        self.items[lo:hi], self.starts[lo:hi], self.ends[lo:hi] = [it], [it.start], [it.end]


def _words(names) -> tuple[str, ...]:
    out = []
    for name in names:
        out += rules.load_words(name)
    return tuple(out)


class NerFilters:
    """The checks an NER entity must pass (rules/ner/filters.yaml); each
    method answers for one span of the doc's clean text."""

    def __init__(self, path: str, gazetteer=None):
        from ..segment import jieba_dictionary

        data = rules.load_yaml(path)
        self.words = jieba_dictionary()
        self.name_tags = set(data.get("name_tags", []))
        self.common_freq = int(data.get("common_freq", 1000))
        self.verb_tags = set(data.get("verb_tags", []))
        self.verb_freq = int(data.get("verb_freq", self.common_freq))
        self.place_name_ends = tuple(data.get("place_name_ends", []))
        self.next_word_freq = int(data.get("next_word_freq", 500))
        self.not_names = set(_words(data.get("not_names", [])))
        self.followers = _words(data.get("followers", []))
        self.long_followers = tuple(w for w in self.followers if len(w) > 1)
        self.post_words = _words(data.get("posts", []))
        self.posts = rules.Scanner(self.post_words)
        self.surnames = set(rules.load_words(data["surnames"]))
        self.separators = tuple(data.get("separators", []))
        self.conjunctions = tuple(data.get("conjunctions", []))
        self.not_name_ends = tuple(_words(data.get("not_name_ends", [])))
        self.org_ends = frozenset(_words(data.get("org_ends", []))) | frozenset(data.get("org_extra_ends", []))
        self.org_end_max = max(map(len, self.org_ends), default=0)
        self.org_end_chars = frozenset(w[-1] for w in self.org_ends)  # what a body's name can end with
        # bodies of a kind, none in particular (各区|人民政府, 乡、|镇人民政府):
        # the bodies stage's own patterns
        kinds = rules.load_yaml(data["org_kind_patterns"]) if data.get("org_kind_patterns") else {}
        self.org_each = regex.compile(rules.expand(kinds["each"])) if kinds.get("each") else None
        self.org_kinds_before = regex.compile(rules.expand(kinds["kinds_before"])) if kinds.get("kinds_before") else None
        self.admin = frozenset(rules.characters("ADMIN"))
        self.org_each_char = kinds["each"][0] if kinds.get("each") else "\0"  # 各
        # a meeting is no body (甘肃省政协|月协商会): the bodies' and suffix stages' own pattern
        self.org_meeting = regex.compile("(?:" + kinds["meeting"] + ")$") if kinds.get("meeting") else None
        self.org_all = regex.compile(rules.expand(data["org_all"])) if data.get("org_all") else None
        self.org_bare_not = frozenset(data.get("org_bare_not", []))
        loc_bodies = sorted(_words(data.get("loc_bodies", [])), key=len, reverse=True)  # the longest first
        self.loc_bodies = regex.compile("|".join(map(regex.escape, loc_bodies))) if loc_bodies else None
        self.org_counted = regex.compile(rules.expand(data["org_counted_before"])) if data.get("org_counted_before") else None
        self.place_ends = frozenset(_words(data.get("place_ends", []))) | frozenset(data.get("place_extra_ends", []))
        self.division_ends = tuple(data.get("division_ends", []))
        self.counted = regex.compile(rules.expand(data["counted_divisions"])) if data.get("counted_divisions") else None
        self.parallel = regex.compile(data["parallel_phrase"]) if data.get("parallel_phrase") else None
        self.pair_ends = tuple(data.get("pair_ends", []))
        self.truncated = tuple(data.get("truncated", []))
        self.not_before = regex.compile(data["not_before"]) if data.get("not_before") else None
        self.second_not_tags = set(data.get("second_char_not_tags", []))
        self.particle_second_tags = set(data.get("particle_second_tags", []))
        self.abbreviations = set(_words(data.get("abbreviations", [])))
        self.list_joins = set(data.get("list_joins", []))
        self.list_first_stop_tags = set(data.get("list_first_stop_tags", []))
        self.list_place_ends = set(self.place_name_ends) | {w for w in self.place_ends if len(w) == 1}
        self.item_joins = tuple(data.get("list_item_joins", []))
        self.item_ends = tuple(data.get("list_item_ends", []))
        self.item_max = int(data.get("list_item_max", 0))
        self.item_place_ends = frozenset(self.place_ends) | frozenset(self.place_name_ends)
        # a list item: Han characters up to a list end (日本|和|欧洲)
        self.item_run = regex.compile("(?:(?!" + "|".join(map(regex.escape, self.item_ends)) + r")\p{Han})+") \
            if self.item_ends else HAN_NAME
        self.stop_tags = set(data.get("stop_tags", []))
        self.org_list_max = int(data.get("org_list_max", 12))
        # an ORG list item after a join: Han characters up to the next join or 等 (one
        # match instead of a test per character)
        stops = "".join(sorted({j for j in self.list_joins if len(j) == 1} | set(data.get("list_end", []))))
        self.org_list_run = regex.compile(rf"[\p{{Han}}--[{regex.escape(stops)}]]*", regex.V1)
        # before a join: Han characters back to the previous join (matched backwards)
        joins = "".join(sorted(j for j in self.list_joins if len(j) == 1))
        han = rf"[\p{{Han}}--[{regex.escape(joins)}]]" if joins else r"\p{Han}"
        self.org_list_back = regex.compile(rf"(?r){han}*", regex.V1)
        self.org_list_not_ends = tuple(data.get("org_list_not_ends", []))
        self.org_list_bare_not = frozenset(data.get("org_list_bare_not", []))
        self.org_list_first_not_tags = set(data.get("org_list_first_not_tags", []))
        self.org_list_cut_tags = set(data.get("org_list_cut_tags", []))
        self.person_list_max = int(data.get("person_list_max", 5))
        self.person_list_ends = tuple(data.get("person_list_ends", []))
        self.list_end = tuple(data.get("list_end", []))
        self.person_list_before = set(data.get("person_list_before", ""))
        self.person_list_word_freq = int(data.get("person_list_word_freq", 50))
        self.left_words = frozenset(_words(data.get("left_words", [])))
        self.anonymised = regex.compile(data["anonymised"]) if data.get("anonymised") else None
        self.verb_start_freq = int(data.get("verb_start_freq", self.next_word_freq))
        self.noun_modifier_tags = set(data.get("noun_modifier_tags", []))
        self.storm = regex.compile(data["named_storm"]) if data.get("named_storm") else None
        self.programme_words = tuple(data.get("programme_words", []))
        self.person_only_followers = tuple(data.get("person_only_followers", []))
        self.person_only_levels = frozenset(data.get("person_only_levels", []))
        self.admin = rules.characters("ADMIN")
        self.object_verbs = rules.characters("OBJECT_VERBS")
        self.party_prefixes = tuple(sorted(data.get("party_prefixes", []), key=len, reverse=True))
        self.gazetteer = gazetteer

    def common_word(self, name: str) -> bool:
        """One character, a listed non-name, or a word jieba knows as
        something other than a name, commonly."""
        if len(name) < 2 or name in self.not_names:
            return True
        freq, tag = self.words.get(name, (0, ""))
        return self.words.common(name, self.common_freq, self.name_tags) or tag in self.verb_tags and freq >= self.verb_freq

    def a_place(self, name: str) -> bool:
        """A place read as a name: it ends in a crossing, water or facility
        word (梅源渡, 吉港), or the gazetteer knows it whole."""
        return name.endswith(self.place_name_ends) or place_of(self.gazetteer, name, 0, len(name)) is not None

    def place_read_as_name(self, text: str, it: Item) -> Item | None:
        """A LOC for a name of three or more Han characters that ends in a
        crossing or water word (梅源渡, 海洋溪), else None."""
        name = text[it.start:it.end]
        if (len(name) >= 3 and name.endswith(self.place_name_ends) and all("\u4e00" <= c <= "\u9fff" for c in name)
                and not self.swallows_previous_word(text, it.start, it.end)):
            return Item("entity", it.start, it.end, "LOC", NER_STAGE, {})
        return None

    def swallows_next_word(self, text: str, s: int, e: int) -> bool:
        """The name's last character starts a word that goes on after it
        (薛原报|道, 罗干今|天): that word's, not the name's."""
        if e - s <= 2:
            return False
        if text.startswith(self.long_followers, e - 1):
            return True
        if self.anonymised is not None and self.anonymised.search(text, s, e):
            return True  # 李某|致: an anonymised name ends after its 某
        if e - s == 3 and text[e - 1] in self.object_verbs and HAN_NAME.match(text, e):
            return True  # 王君致|欢迎辞: a verb before its object (rules/characters.yaml OBJECT_VERBS)
        one, two = self.words.get(text[e - 1]), self.words.get(text[e - 1:e + 1])
        if one and two and one[1] == two[1] == "v" and two[0] >= self.verb_start_freq:
            return True  # 张伟致|辞: a verb of one character starting a verb word
        return any(self.words.get(text[e - 1:e + k], (0, ""))[0] >= self.next_word_freq for k in (1, 2, 3))

    def swallows_previous_word(self, text: str, s: int, e: int) -> bool:
        """The name's first character ends a word begun before it (会上|李强
        read as 上李强)."""
        return e - s > 2 and any(self.words.get(text[s - k:s + 1], (0, ""))[0] >= self.next_word_freq
                                 for k in (1, 2, 3) if s - k >= 0)

    def in_post(self, text: str, s: int, e: int) -> bool:
        """A post word overlaps the name (长李强 in 市长李强, 金部长)."""
        lo = max(0, s - 8)
        return any(a + lo < e and s < b + lo for a, b in self.posts.finditer(text[lo:e + 8]))

    def not_a_name(self, name: str) -> bool:
        """Characters no name has (page noise: 褒埧诮煌ㄤ), an end no name has
        (文化司, 官员和), or a common word with one more character (官员和)."""
        if not all("\u4e00" <= c <= "\u9fff" or c == "·" for c in name):
            return True
        if name.endswith(self.not_name_ends):
            return True
        return len(name) == 3 and self.common_word(name[:2])

    @staticmethod
    def _ends_in(name: str, ends: frozenset) -> bool:
        """One of `ends` ends the name, and the name is longer than it."""
        return any(name[-k:] in ends for k in range(1, len(name)))

    def has_separator(self, name: str) -> bool:
        return any(sep in name for sep in self.separators)

    def _name_from(self, part: str) -> bool:
        return 2 <= len(part) <= 3 and (part[:1] in self.surnames or part[:2] in self.surnames)

    def list_of_names(self, name: str) -> bool:
        """List punctuation inside (张华、李明), or two names from surnames
        joined by a conjunction (张华和李明; 陈和生 is one name)."""
        if self.has_separator(name):
            return True
        return any(name[k] in self.conjunctions and self._name_from(name[:k]) and self._name_from(name[k + 1:])
                   for k in range(2, len(name) - 2))

    def two_places(self, name: str) -> bool:
        """Two provinces' abbreviations side by side (甘青合作, 川渝): no name."""
        return len(name) == 2 and name[0] in self.abbreviations and name[1] in self.abbreviations

    def function_second(self, name: str) -> bool:
        """A surname and a character jieba tags as a preposition, conjunction
        or particle (吴|于2002年): no two-character name."""
        tag = self.words.get(name[1], (0, ""))[1] if len(name) > 1 else ""
        # 党的十|九大: no name of any length has the particle 的, 地 or 得 second
        return (len(name) == 2 and tag in self.second_not_tags) or tag in self.particle_second_tags

    def person(self, text: str, it: Item) -> bool:
        name = text[it.start:it.end]
        if self.not_before is not None and self.not_before.match(text, it.end):
            return False  # 鲁政|发〔2014〕20号: a document number's issuer code
        return not (self.common_word(name) or self.a_place(name) or self.not_a_name(name) or self.list_of_names(name)
                    or self.function_second(name) or self.two_places(name) or self.a_storm(text, it.start, it.end)
                    or (bool(self.noun_modifier_tags) and self.tag_before(text, it.start) in self.noun_modifier_tags)
                    or (bool(self.truncated) and text.startswith(self.truncated, it.end))
                    or self.swallows_next_word(text, it.start, it.end)
                    or self.swallows_previous_word(text, it.start, it.end) or self.in_post(text, it.start, it.end))

    def a_storm(self, text: str, s: int, e: int) -> bool:
        """A name in quotation marks next to a storm word is the storm's
        (受“莫兰蒂”台风影响, 台风“山竹”), no person's."""
        if self.storm is None:
            return False
        return any(m.span("name") == (s, e) for m in self.storm.finditer(text, max(0, s - 8), min(len(text), e + 8)))

    def tag_before(self, text: str, s: int) -> str:
        """jieba's tag of the longest word of its dictionary that ends at s
        ("" for none)."""
        for k in (4, 3, 2, 1):
            found = self.words.get(text[max(0, s - k):s]) if s - k >= 0 else None
            if found is not None:
                return found[1]
        return ""

    def after_a_stop_word(self, text: str, s: int) -> bool:
        """The longest word of jieba's dictionary that ends at s is a verb or
        a function word (stop_tags)."""
        return self.tag_before(text, s) in self.stop_tags

    def org(self, text: str, it: Item) -> bool:
        """Ends like a body, and not with a post word (农工党市委会主委)."""
        name = text[it.start:it.end]
        if name in self.org_bare_not or name.endswith(self.org_list_not_ends) or (
                self.org_meeting is not None and self.org_meeting.search(name)):
            return False  # 人民法院|聚焦: the courts in general; …月协商会, …工作会议: meetings
        if self.org_all is not None and self.org_all.search(name):
            return False  # 四川全省法院: every court of the province, none in particular
        return self._ends_in(name, self.org_ends) and not name.endswith(self.post_words) and not self.of_a_kind(text, it.start)

    def of_a_kind(self, text: str, start: int) -> bool:
        """A body starting here names none in particular: after 各 (and a
        list of administrative characters) or with it, an administrative
        character after a list of division kinds (各省、自治区、直辖|市人民政府),
        or after a count (19个|乡镇卫生院)."""
        if self.org_each is not None and (self.org_each.search(text, max(0, start - 9), start)
                                          or text.startswith(self.org_each_char, start)):
            return True  # 各|开发区管委会, 各镇人民政府
        if self.org_counted is not None and self.org_counted.search(text, max(0, start - 8), start):
            return True  # 19个|乡镇卫生院: a count of bodies of a kind
        return (self.org_kinds_before is not None and text[start:start + 1] in self.admin
                and self.org_kinds_before.search(text, max(0, start - 4), start) is not None)

    def place(self, text: str, it: Item) -> Item | None:
        """The place as a GPE (the gazetteer knows it, or a division word
        ends it) or LOC (a place word ends it), or None."""
        name = text[it.start:it.end]
        gpe = place_of(self.gazetteer, name, it.start, it.end)
        if gpe is not None:
            return gpe
        if (self.counted is not None and self.counted.search(name)) or (
                self.parallel is not None and self.parallel.match(name)):
            return None  # 百县千镇万村, 金山银山: a slogan
        if len(name) == 2 and name.endswith(self.pair_ends):
            return None  # 吉港: 吉林 and 香港, two places
        if self._ends_in(name, self.place_ends):
            return Item("entity", it.start, it.end, "LOC", NER_STAGE, {})
        if len(name) > 2 and name.endswith(self.division_ends):
            return Item("entity", it.start, it.end, "GPE", NER_STAGE, {})
        return None


def place_of(gazetteer, name: str, s: int, e: int) -> Item | None:
    """A GPE item of stage "ner" for a name the gazetteer knows whole as a
    division (one row, or its code left out), a former name or a country."""
    item = gazetteer.known_place(name, s, e) if gazetteer is not None else None
    if item is None:
        return None
    item.stage = NER_STAGE
    return item


class Merger:
    def __init__(self, nlp, name: str, *, priority: list[str], ner_labels: list[str], ner_may_swallow_places: bool,
                 ner_filters: str):
        self.priority = {s: n for n, s in enumerate(priority)}
        self.ner_labels = set(ner_labels)
        self.ner_may_swallow = ner_may_swallow_places
        gazetteer = nlp.get_pipe("gazetteer") if nlp is not None and "gazetteer" in nlp.pipe_names else None
        self.filters = NerFilters(ner_filters, gazetteer) if ner_filters else None

    def _ner_passes(self, text: str, it: Item, starts=None) -> Item | None:
        """The NER entity as it may join (a place resolved), or None."""
        if self.filters is None:
            return it
        if self.filters.has_separator(text[it.start:it.end]):
            return None  # a list read as one (人社厅|应急厅|司法厅, 张华、李明)
        if it.label == "PERSON":
            return it if self.filters.person(text, it) else self.filters.place_read_as_name(text, it)
        if it.label == "ORG":
            if starts is not None and it.start not in starts:
                return None  # 各开发|区管委会: a body begins where a word of jieba's does
            return it if self.filters.org(text, it) else None
        return self.filters.place(text, it)

    def _may_replace(self, it: Item, hit: list[Item]) -> bool:
        """A PERSON or ORG from the NER may take in the shorter gazetteer
        places that lie inside it (许|银川, 中国|队), and a shorter rule
        entity of its own label (贾亚拉|莉达: the rules cut foreign names
        short; 联合国|安理会); it still has to pass its checks."""
        if not self.ner_may_swallow or it.label not in ("PERSON", "ORG"):
            return False
        if sum(k.label == "ORG" for k in hit) > 1:
            return False  # 党中央国务院: two bodies side by side, not one
        return all(k.inside(it) and k.length < it.length and (k.stage == "gazetteer" or k.label == it.label)
                   for k in hit)

    def _corrects(self, it: Item, hit: list[Item], text: str) -> bool:
        """A PERSON from the NER may replace a longer rule name that begins
        where it begins and fails the checks a name must pass (王瑞接|见,
        许红在: the rule took the next word's first character)."""
        if self.filters is None or it.label != "PERSON" or len(hit) != 1:
            return False
        k = hit[0]
        return (k.label == "PERSON" and k.start == it.start and k.end > it.end
                and not self.filters.person(text, k))

    def _narrows(self, it: Item, hit: list[Item], text: str) -> bool:
        """An ORG from the NER may replace a suffix name that ends where it
        ends and begins before it, after a verb or function word (还有|联想集团,
        早年求学|东南大学): the suffix stage guessed where the name begins."""
        return (it.label == "ORG" and len(hit) == 1 and hit[0].stage == "suffixed" and hit[0].label == "ORG"
                and hit[0].end == it.end and hit[0].start < it.start and self.filters is not None
                and self.filters.after_a_stop_word(text, it.start))

    @staticmethod
    def _known_names(ents: list[Item], ner: list[Item], text: str) -> list[Item]:
        """An NER name that is a name the rules found in the document and one
        character more (岑浩辉|明日, 岑浩辉明 read as one) is cut to that name;
        one of two characters, each the first of a name the rules found, is
        two people's surnames (汪辜会谈: 汪道涵 and 辜振甫), no name."""
        known: dict[str, list[Item]] = {}
        for i in ents:
            if i.label == "PERSON" and i.length >= 2:
                known.setdefault(text[i.start:i.end], []).append(i)
        if not known:
            return ner
        firsts = {}
        for name in known:
            firsts.setdefault(name[0], set()).add(name)
        out = []
        for it in ner:
            if it.label == "PERSON" and it.length == 2 and text[it.start] != text[it.start + 1] and \
                    firsts.get(text[it.start]) and firsts.get(text[it.start + 1]):
                continue  # 汪辜会谈: the surnames of two people the document names (汪道涵, 辜振甫)
            if it.label == "PERSON" and it.length >= 3 and any(
                    not k.overlaps(it) for k in known.get(text[it.start:it.end - 1], ())):
                it = Item(it.kind, it.start, it.end - 1, it.label, it.stage, dict(it.attrs))  # found elsewhere whole
            out.append(it)
        return out

    def _add_ner(self, ents: list[Item], ner: list[Item], text: str, starts=None) -> list[Item]:
        flat = _Flat(ents)
        ner = self._known_names(ents, ner, text)
        for it in sorted(ner, key=lambda i: (-i.length, i.start)):
            hit = flat.overlapping(it)
            if any(k.stage == NER_STAGE for k in hit):
                continue  # NER spans do not overlap each other: the longer was settled first
            if hit and not (self._may_replace(it, hit) or self._corrects(it, hit, text) or self._narrows(it, hit, text)):
                continue
            it = self._ner_passes(text, it, starts)
            if it is not None:
                flat.replace(hit, it)
                for k in hit:
                    if k.label == "PERSON" == it.label and k.start == it.start and "person" in k.attrs:
                        it.attrs = {**it.attrs, "person": k.attrs["person"]}  # the corrected name's entry
        return flat.items

    def _list_items(self, text: str, seed: Item):
        """The items of the list a seed stands in, each (start, end): runs of
        Han characters between list joins, or between a join and a list end,
        of up to `item_max` characters, walking out from the seed each way."""
        f = self.filters
        out = []
        pos = seed.end  # rightwards: a join, then an item ending at a join or a list end
        while text.startswith(f.item_joins, pos):
            s = pos + 1
            m = f.item_run.match(text, s, s + f.item_max + 1)
            if m is None or m.end() - s > f.item_max or not (
                    text.startswith(f.item_joins, m.end()) or text.startswith(f.item_ends, m.end())):
                break
            out.append((s, m.end()))
            pos = m.end()
        pos = seed.start  # leftwards: a join before, and one before the item too
        while pos > 0 and text.endswith(f.item_joins, 0, pos):
            e = pos - 1
            s = e
            while s > 0 and e - s <= f.item_max and f.item_run.match(text, s - 1, s):
                s -= 1
            if s == e or e - s > f.item_max or not text.endswith(f.item_joins, 0, s):
                break
            out.append((s, e))
            pos = s
        return out

    def _list_places(self, ents: list[Item], text: str) -> list[Item]:
        """Places of several kinds listed with a LOC (石燕湖、昭山、东风水库、
        九郎山、三界碑、复兴湖等): an item that ends in a place word is a LOC,
        unless the gazetteer knows it whole or an entity other than a place
        inside it overlaps it (昭山 stays the GPE it was); only in a list
        whose other items are at least half places."""
        f = self.filters
        seeds = [i for i in ents if i.label == "LOC" and (text.startswith(f.item_joins, i.end)
                                                          or text.endswith(f.item_joins, 0, i.start))]
        if not seeds or not f.item_joins:
            return ents
        flat = _Flat(ents)
        gpe_ends = {i.start: i.end for i in ents if i.label == "GPE"}
        place_spans = {(i.start, i.end) for i in ents if i.label in ("GPE", "LOC")}
        for seed in seeds:
            listed = self._list_items(text, seed)
            placed = sum((s, e) in place_spans or f._ends_in(text[s:e], f.item_place_ends) for s, e in listed)
            if 2 * placed < len(listed):
                continue  # a list of works, not of places (…园区、口岸建设、楼体综合改造项目、现代农业示范园区)
            for s, e in listed:
                while s in gpe_ends and gpe_ends[s] < e:
                    s = gpe_ends[s]  # 山东|潍坊|柳疃桥: the places it lies in stay GPEs
                name = text[s:e]
                if len(name) < 2:
                    continue
                if not f._ends_in(name, f.item_place_ends) or place_of(f.gazetteer, name, s, e) is not None:
                    continue
                it = Item("entity", s, e, "LOC", seed.stage, {})
                hit = flat.overlapping(it)
                if any(k.label not in ("LOC", "GPE") or not k.inside(it)
                       or ((k.start, k.end) == (s, e) and not (k.label == "GPE" and name[-1] in f.list_place_ends))
                       for k in hit):
                    continue  # a county's short name ending like a feature is the feature here (石燕湖、昭山、东风水库)
                flat.replace(hit, it)
        return flat.items

    def _list_siblings(self, ents: list[Item], text: str) -> list[Item]:
        """Places listed side by side, of one length and one last place
        character (梅源渡、柳月渡、枫林渡和花溪渡): the neighbours of a LOC
        are LOCs too, over shorter places inside them (花溪 in 花溪渡) but not
        over one that ends where they end (对|泸山 is no place)."""
        joins, ends = self.filters.list_joins, self.filters.list_place_ends
        seeds = [i for i in ents if i.label == "LOC" and i.length >= 3 and text[i.end - 1] in ends]
        if not seeds:
            return ents
        flat = _Flat(ents)
        for seed in seeds:
            n, last = seed.length, text[seed.end - 1]
            for step in (1, -1):
                pos = seed.end if step == 1 else seed.start - 1  # where the join stands
                while 0 <= pos < len(text) and text[pos] in joins:
                    s, e = (pos + 1, pos + 1 + n) if step == 1 else (pos - n, pos)
                    if (s < 0 or e > len(text) or text[e - 1] != last or not HAN_NAME.fullmatch(text, s, e)
                            or self.filters.words.get(text[s], (0, ""))[1] in self.filters.list_first_stop_tags):
                        break
                    if step == 1 and e < len(text) and text[e] not in joins and HAN_NAME.match(text, e):
                        break  # the name goes on: no list item
                    it = Item("entity", s, e, "LOC", seed.stage, {})
                    hit = flat.overlapping(it)
                    if any(k.label not in ("LOC", "GPE") or not k.inside(it) or k.end == e for k in hit):
                        break  # 对|泸山, 於|長江: a known place with a word before it
                    flat.replace(hit, it)
                    pos = e if step == 1 else s - 1
        return flat.items

    def _org_item(self, text: str, s: int, e: int, token_start: dict) -> int | None:
        """Start of the body named by a list item that ends at e and begins
        at s, or later after a verb (邀请|经济局); None when it names no body:
        its end is no body's or is a post's or a meeting's (四中全会), its
        first word is an adverb, idiom, number or function word (紧密结合|…,
        伊斯兰教经|学院 is cut by one)."""
        f, start = self.filters, e
        if not any(text[e - k:e] in f.org_ends for k in range(1, min(f.org_end_max, e - s - 1) + 1)):
            return None  # no body's end at e: no start from s on makes a body (what `org` asks last)
        while start > s and start not in token_start:
            start -= 1  # 卫生健康局|及 where jieba reads 局及 as one token
        while start > s:
            k = token_start.get(start)
            if k is None or k < s or not HAN_NAME.fullmatch(text, k, start):
                break
            piece = text[k:start]
            tag = f.words.get(piece, (0, ""))[1]
            if len(piece) == 1 and tag not in f.org_list_cut_tags and (piece in f.left_words or tag in f.stop_tags):
                return None  # 伊斯兰教经|学院, 中|储粮…: a character inside a name
            if piece in f.left_words or (len(piece) == 1 and tag in f.org_list_cut_tags):
                break  # 邀请|经济局, 在|国家防灾减灾救灾委员会办公室
            start = k
        if text[start:e] in f.org_ends and (start > s or s == 0 or text[s - 1] not in f.list_joins):
            return None  # (区、市)|党委和政府, …工作协调|委员会: a body word alone begins no list of bodies
        if text[start:e] in f.org_list_bare_not:
            return None  # 县委和|人民政府: a government written bare is none in particular
        if e - start < (2 if start == s else 3) or not HAN_NAME.fullmatch(text, start, e) or text.endswith(f.org_list_not_ends, start, e):
            return None
        first = text[start:next((j for j in range(start + 1, e + 1) if token_start.get(j) == start), e)]
        if f.words.get(first, (0, ""))[1] in f.org_list_first_not_tags:
            return None
        it = Item("entity", start, e, "ORG", NER_STAGE, {})
        return start if f.org(text, it) else None

    def _org_list_siblings(self, ents: list[Item], text: str, token_start: dict) -> list[Item]:
        """Bodies listed side by side (经济局、旅游局、治安警察局及邮电局): the
        neighbours of an ORG, joined by list marks, are ORGs too when each is
        a run of Han characters that ends, at a token's end, like a body (a
        body word or an organisation's suffix, not a post) and starts with no
        verb or function word (组织我市宣传部、商务局: 我 starts none). After
        the ORG the longest such run is taken (市发改委、工信局|相关负责人,
        四川省森林消防总队凉山支队)."""
        f = self.filters
        joins, most = f.list_joins, f.org_list_max
        seeds = [i for i in ents if i.label == "ORG"]
        if not seeds:
            return ents
        flat = _Flat(ents)
        for seed in seeds:
            pos = seed.end  # rightwards: the longest item after each join, up to the next join or 等, that ends like a body
            while pos < len(text) and text[pos] in joins:
                e = f.org_list_run.match(text, pos + 1, pos + most + 1).end()
                end = next((j for j in range(e, pos + 2, -1)
                            if (j in token_start or j == e) and text[j - 1] in f.org_end_chars
                            and self._org_item(text, pos + 1, j, token_start) == pos + 1), None)
                if end is None or not self._take(flat, Item("entity", pos + 1, end, "ORG", seed.stage, {})):
                    break
                pos = end
            pos = seed.start - 1  # leftwards: the item before each join, back to a verb or the previous join
            while pos > 0 and text[pos] in joins:
                s = f.org_list_back.match(text, max(0, pos - most), pos).start()
                start = self._org_item(text, s, pos, token_start)
                if start is None or not self._take(flat, Item("entity", start, pos, "ORG", seed.stage, {})):
                    break
                if start > s:
                    break  # the list began at this item (邀请|经济局)
                pos = start - 1
        return flat.items

    def _person_list_siblings(self, ents: list[Item], text: str, token_start: dict) -> list[Item]:
        """Names listed side by side with a name (白玛朗杰、洛桑久美、金世洵、
        索朗仁增): an item between list marks next to a PERSON is a PERSON
        too when it is two to `person_list_max` Han characters (a middle dot
        allowed), passes the checks an NER name must pass, is no word and
        holds no common word of jieba's (冰雪, 解放军|驻澳门, 总经理|范云军),
        and begins with a surname where the name beside it is the NER's or
        it is a two-character word of jieba's dictionary (扎西 is none). The last item may end before 和, 及 or 等
        (阿沛·晋源|和秘书长…)."""
        f = self.filters
        most = f.person_list_max
        seeds = [i for i in ents if i.label == "PERSON"]
        if not seeds:
            return ents
        flat = _Flat(ents)
        for seed in seeds:
            pos = seed.end
            while pos + 1 < len(text) and text[pos] == "、":
                e = pos + 1
                while e < len(text) and (HAN_NAME.match(text, e) or text[e] == "·") and text[e] != "、":
                    e += 1
                e = next((j for j in range(pos + 3, min(e, pos + 2 + most)) if text[j] in f.person_list_ends
                          and (text[j] in f.list_end or HAN_NAME.match(text, j + 1))), e)  # 那顺孟和, is one name
                if not self._listed_name(text, pos + 1, e, token_start, flat, seed.stage):
                    break
                pos = e
            pos = seed.start - 1
            while pos > 0 and text[pos] == "、":
                s = pos
                while s > 0 and (HAN_NAME.match(text, s - 1) or text[s - 1] == "·") and pos - s <= most:
                    s -= 1
                if not self._listed_name(text, s, pos, token_start, flat, seed.stage):
                    break
                pos = s - 1
        return flat.items

    def _listed_name(self, text, s, e, token_start, flat, stage) -> bool:
        f = self.filters
        if not 2 <= e - s <= f.person_list_max or not HAN_NAME.match(text, s) or text[e - 1] == "·":
            return False
        if s > 0 and text[s - 1] not in f.person_list_before and not HAN_NAME.match(text, s - 1):
            return False  # 王|  新树、: a name broken by spaces
        if f.words.get(text[e - 1], (0, ""))[1] in f.second_not_tags:
            return False  # 曾秀君|以11秒37: a preposition after the name
        if text[s] not in f.surnames and text[s:s + 2] not in f.surnames and (
                stage == NER_STAGE or (e - s == 2 and text[s:e] in f.words)):
            return False  # 侯月、是焦枝、新焦 (railway lines the NER read as names): a surname first
        it = Item("entity", s, e, "PERSON", stage, {})
        hit = flat.overlapping(it)
        if any(not ((k.stage == NER_STAGE and k.label == "PERSON" and k.start == s)
                    or (k.stage == "gazetteer" and k.inside(it))) for k in hit) or not f.person(text, it):
            return False  # only the NER's name cut short (索朗仁|增) or a place inside (阿沛·|晋源) may give way
        if f.words.common(text[s:e], f.person_list_word_freq, f.name_tags):
            return False  # 康养、冰雪等: a word, not a name
        k = e
        while k > s:  # no common word inside (解放军|驻澳门)
            j = token_start.get(k)
            if j is None:
                k -= 1
                continue
            word = text[max(j, s):k]
            if len(word) >= 2 and f.words.common(word, f.common_freq, f.name_tags):
                return False
            k = max(j, s)
        flat.replace(hit, it)
        return True

    def _party_prefixed(self, ents: list[Item], text: str) -> list[Item]:
        """An ORG written right after the Party's prefix takes it in
        (中共|雄安新区工作委员会, 中共|蓝田县委): the prefix is part of the
        body's name, whichever stage found the rest; a place inside the
        prefix (中国 of 中国共产党) gives way, another ORG does not."""
        grown = {}
        for n, it in enumerate(ents):
            if it.label != "ORG":
                continue
            for p in self.filters.party_prefixes:
                a = it.start - len(p)
                if a >= 0 and text.startswith(p, a) and not any(
                        k.label == "ORG" and k.start < it.start and k.end > a for k in ents):
                    grown[n] = Item(it.kind, a, it.end, it.label, it.stage, dict(it.attrs))
                    break
        if not grown:
            return ents
        spans = [(g.start, g.end) for g in grown.values()]
        return [grown.get(n, it) for n, it in enumerate(ents)
                if n in grown or not any(a <= it.start and it.end <= b for a, b in spans)]

    @staticmethod
    def _country_prefixed(ents: list[Item]) -> list[Item]:
        """An ORG of the NER written right after a country takes it in
        (日本|三泽精机株式会社, as the rules read 日本三泽精机株式会社 and LAC
        reads 美国联邦贸易委员会): the longest name."""
        countries = {it.end: n for n, it in enumerate(ents) if it.label == "GPE" and "country" in it.attrs}
        if not countries:
            return ents
        drop, out = set(), list(ents)
        for n, it in enumerate(ents):
            c = countries.get(it.start)
            if it.label == "ORG" and it.stage == NER_STAGE and c is not None:
                drop.add(c)
                out[n] = Item(it.kind, ents[c].start, it.end, it.label, it.stage, dict(it.attrs))
        return [it for n, it in enumerate(out) if n not in drop]

    def _programmes(self, ents: list[Item], text: str) -> list[Item]:
        """A place name written right after a body (an outlet) and before a
        reporter or programme word is the outlet's programme, no place
        (央视|海峡两岸|记者: CCTV-4's programme)."""
        words = self.filters.programme_words
        if not words:
            return ents
        org_ends = {e.end for e in ents if e.label == "ORG"}
        return [e for e in ents if not (e.label == "LOC" and e.start in org_ends and text.startswith(words, e.end))]

    def _administered(self, ents: list[Item], text: str) -> list[Item]:
        """A named place (LOC) written right before its administration's word
        (布达拉宫|管理处, 小浪底水库|管理局: rules/orgs/zone_bodies.txt, as the
        suffix stage reads after the zones it finds) is one ORG with it,
        where no other entity starts at the word."""
        f = self.filters
        if not f.loc_bodies:
            return ents
        starts = {e.start for e in ents}
        out = []
        for e in ents:
            m = f.loc_bodies.match(text, e.end) if e.label == "LOC" else None
            if m is not None and e.end not in starts:
                e = Item(e.kind, e.start, m.end(), "ORG", "merge", {})
            out.append(e)
        return out

    def _addressed(self, ents: list[Item], text: str) -> list[Item]:
        """A county's short name right before a word only people take
        (乌兰|同志) is a PERSON: filters.yaml person_only_followers."""
        f = self.filters
        if not f.person_only_followers:
            return ents
        return [Item(e.kind, e.start, e.end, "PERSON", "merge", {}) if (
            e.label == "GPE" and e.attrs.get("level") in f.person_only_levels and e.end - e.start >= 2
            and text[e.end - 1] not in f.admin and text.startswith(f.person_only_followers, e.end))
            else e for e in ents]

    @staticmethod
    def _take(flat: _Flat, it: Item) -> bool:
        """Put `it` in `flat` over the places inside it; False (and nothing
        changed) when another entity overlaps it."""
        hit = flat.overlapping(it)
        if any(k.label != "GPE" or not k.inside(it) for k in hit):
            return bool(hit) and all(k.label == "ORG" and k.start == it.start and k.end == it.end for k in hit)
        flat.replace(hit, it)
        return True

    def __call__(self, doc):
        found = items(doc)
        by_kind = {}
        for it in found:
            by_kind.setdefault(it.kind, []).append(it)
        policies = _longest_first(by_kind.get("policy", []))
        in_policy = _marked(policies).find

        def outside(kind):  # the items of a kind no policy title holds (the test inlined: one per item)
            return [i for i in by_kind.get(kind, []) if in_policy(1, i.start, i.end) < 0] if policies \
                else by_kind.get(kind, [])

        cands = outside("entity")
        ents = _longest_first([i for i in cands if i.stage != NER_STAGE],
                              lambda i: self.priority.get(i.stage, len(self.priority)))
        ner = [i for i in cands if i.stage == NER_STAGE and i.label in self.ner_labels]
        if ner:
            ents = self._country_prefixed(self._add_ner(ents, ner, text_of(doc), token_end_at(doc)))
        if self.filters is not None:
            ents = self._list_siblings(ents, text_of(doc))
            ents = self._list_places(ents, text_of(doc))
            ents = self._org_list_siblings(ents, text_of(doc), token_start_at(doc))
            ents = self._person_list_siblings(ents, text_of(doc), token_start_at(doc))
            ents = self._administered(ents, text_of(doc))
            ents = self._party_prefixed(ents, text_of(doc))
            ents = self._programmes(ents, text_of(doc))
            ents = self._addressed(ents, text_of(doc))
        dates = _longest_first(outside("date"))
        named = [e for e in ents if e.label != "PERSON"]
        taken, in_names = _marked(dates), _marked(named)

        def clear(i):  # no date, and no name reaching beyond it (3000澳门元 keeps 澳门 inside)
            if taken.find(1, i.start, i.end) >= 0:
                return False
            return in_names.find(1, i.start, i.end) < 0 or not any(
                e.start < i.end and i.start < e.end and (e.start <= i.start or e.end > i.end) for e in named)

        figures = _longest_first([i for i in outside("figure") if clear(i)])
        works = outside("work")
        merged = ents + dates + figures + policies + works
        merged.sort(key=lambda i: (i.start, i.end, i.kind))
        doc._.items = merged
        return doc
