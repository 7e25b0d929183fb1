"""Names made of a head and a suffix: companies, universities, associations,
service centres (ORG: 河北捷通网业公司) and named zones and parks (LOC:
聚成国际物流产业园). The suffixes are data in rules/; the head is taken
leftwards token by token until punctuation, a word from
rules/orgs/left_stops.txt, a verb, adverb or function word that starts no
name (rules/orgs/left_words.txt, from jieba's dictionary: 邀请|商务部研究院;
not right before the suffix, 精密|制造|有限公司), a place name (names start with their place:
江苏|澄润新材料股份有限公司), or a verb standing before a proper name
(走进|南康家具产业园: a verb in jieba's dictionary followed by a word the
dictionary does not know or by a place).
For LOC a natural feature found by the gazetteer counts as a place (太湖|
科学城, 泾河|新城), and a town before a named zone or scenic
area is left out as a GPE of its own (江湾镇|篁岭景区), and a place joined to
a zone's name by a middle dot is the zone's (中国·赣州新能源汽车产业园).
"""
from __future__ import annotations

import bisect

import regex

from .. import regexes, rules
from ..items import (Item, boundaries_of, items, of_kind, text_of, token_columns, token_end_at, token_start_at,
                     tokens_of)
from ..segment import jieba_dictionary
from ..han import HAN_RUN
from .bodies import UnitExtender, swallowed_tail

NAME_TOKEN = regexes.compile(r"^(?:[\p{Han}A-Za-z0-9]+|[(（]|[)）])$")


class SuffixNameFinder:
    """SpaCy component: adds ORG and LOC items for head + suffix names."""

    def __init__(self, nlp, name: str, *, org_suffixes: str, loc_suffixes: str, stops: str, posts: str,
                 max_head: int, stop_tags: tuple, name_tags: tuple, zone_bodies: str, brands: str,
                 unit_posts: str, patterns: str, max_name_freq: int, loc_stops: str, industries: str,
                 max_brand: int, max_brand_freq: int, min_tail_freq: int, verbal_tags: tuple,
                 brand_not_tags: tuple, place_apart: str, loc_lead_tags: tuple, loc_verb_tags: tuple,
                 loc_glue_tags: tuple, loc_glue_rest_tags: tuple, loc_routes: str, loc_common_freq: int,
                 loc_tail_tags: tuple, loc_kinds: str, left_words: str, venues: str, loc_partners: str,
                 loc_action_tags: tuple, loc_partner_joins: tuple, loc_partner_own: str, loc_areas: str, loc_toponyms: str,
                 loc_cooperation: tuple, loc_cooperation_tags: tuple):
        pat = rules.load_yaml(patterns)
        self.numbered = regexes.compile(pat["numbered"])  # 9个工作组: a counted kind, no name
        self.org_head_stop_tags = frozenset(pat.get("head_stop_tags", ()))  # 这个|出版社, 我校|上中学
        self.unnamed = regexes.compile(pat["unnamed"])
        self.meeting = regex.compile(pat["meeting"] + "$")
        self.meeting_reach = 2
        self.company = regexes.compile(pat["company"])
        self.proper_head = regexes.compile(pat["proper_head"])  # 中国科学技术|交流中心, not 国际|交流中心
        self.state_headed = regexes.compile(pat["state_headed"])  # 国家…委员会 only
        self.state_head, self.state_office = pat["state_head"], pat["state_office"]
        self.name_headed = regexes.compile(pat["name_headed"])  # 固县|林场: a name jieba knows heads it
        self.proper_head_lead = regexes.compile(rules.expand(pat["proper_head_lead"]))
        self.legal = regex.compile(pat["legal"])
        self.generic_company = regexes.compile(pat["generic_company"])
        self.parent = regexes.compile(pat["parent"])  # 中国科学院|大连化学物理研究所
        self.branch = regexes.compile(pat["branch"])  # …湖南有限公司|长沙分公司
        self.group_word, self.company_word = pat["group_word"], pat["company_word"]
        self.town = regexes.compile(pat["town"])
        # ad-hoc bodies: a team named by its task (事故调查组, 工作领导小组)
        self.ad_hoc = regexes.compile(pat["ad_hoc"] + "$")
        self.ad_hoc_generic = regexes.compile(pat["ad_hoc_generic"])
        self.ad_hoc_kind = regexes.compile(pat["ad_hoc_kind"])
        self.ad_hoc_task = regexes.compile(pat["ad_hoc_task"])
        self.event_code = regexes.compile(pat["event_code"] + "$")
        self.division_full = regexes.compile(pat["division_full"])
        self.place_apart = set(rules.load_words(place_apart))
        self.labels = {w: "ORG" for w in rules.load_words(org_suffixes)}
        self.labels.update({w: "LOC" for w in rules.load_words(loc_suffixes)})
        # buildings that are a venue where an event is held in them (香格里拉大酒店|举行)
        ven = rules.load_yaml(venues)
        self.venue_heads = set(ven["heads"]) - set(self.labels)
        self.venue_after = regexes.compile(ven["after"])
        self.venue_lead = ven["lead"]
        self.labels.update({w: "LOC" for w in self.venue_heads})
        self.stops = set(rules.load_words(stops)) | set(rules.load_words(posts))
        # verbs, adverbs and function words that start no name (邀请|商务部研究院), though
        # a company's trade may end in one (精密|制造|有限公司)
        self.left_words = set(rules.load_words(left_words))
        self.list_marks = "、和与及"  # what may stand before a 字号 written alone (二亩沟煤业、阳泉煤业)
        self.admin = rules.characters("ADMIN")
        self.regex = regexes.compile(rules.trie_pattern(self.labels))
        self.scanner = rules.Scanner(self.labels)  # the matches of self.regex, by Aho-Corasick
        self.max_head = max_head
        self.words = jieba_dictionary()
        self.stop_tags = set(stop_tags)
        self.name_tags = set(name_tags)
        self.max_name_freq = max_name_freq
        # words that start no zone's or facility's name (呼兰河两岸|建设|优质水稻示范带)
        self.loc_stops = set(rules.load_words(loc_stops))
        # a zone's administration is an ORG (丽水经济技术开发区|管理委员会)
        self.zone_bodies = regexes.compile(rules.trie_pattern(rules.load_words(zone_bodies)))
        # a group's name written before a subsidiary's place (国网|浏阳市供电公司)
        self.brands = regexes.compile("(?:" + rules.trie_pattern(rules.load_words(brands)) + ")$")
        self.posts = regexes.compile(rules.trie_pattern(set(rules.load_words(posts)) | set(rules.load_words(unit_posts))))
        self.extend_unit = UnitExtender(pat, self.posts)
        # companies without their legal form: place or group + 字号 + trade (苏州|超邦|涂料)
        self.trade = regexes.compile(rules.trie_pattern(rules.load_words(industries)))
        self.max_brand, self.max_brand_freq = max_brand, max_brand_freq
        self.group = regex.compile(pat["group"])
        self.place_trade = regexes.compile(pat["place_trade"])
        self.place_trade_levels = set(pat["place_trade_levels"])
        self.min_tail_freq, self.verbal_tags = min_tail_freq, set(verbal_tags)
        self.brand_not_tags = set(brand_not_tags)
        # a place's name does not start with a preposition glued to it by the
        # segmenter (从|玉科大草原), nor take in a word that ends in a verb
        # (高度重视|川藏铁路, 充分肯定|哲蚌寺)
        self.loc_lead_tags, self.loc_verb_tags = set(loc_lead_tags), set(loc_verb_tags)
        # an unknown word of a function word and function words, verbs or adjectives is no name (再|到, 两|大)
        self.loc_glue_tags, self.loc_glue_rest = set(loc_glue_tags), set(loc_glue_tags) | set(loc_glue_rest_tags)
        self.routes = set(rules.load_words(loc_routes))  # 川藏|铁路, not 厦门|铁路
        self.loc_common_freq = loc_common_freq
        self.loc_action_tags = frozenset(loc_action_tags)  # 大力|发展 (nz, ending in a vn) is no name
        self.loc_tail_tags = set(loc_tail_tags)  # 科技城|等: an unknown word ending in a function word
        self.zone_kinds = set(rules.load_words(loc_kinds))  # 临空, 涉台: a kind of zone, no name
        self.dots = rules.characters("NAME_DOTS")  # 中国·X产业园: a place joined by a dot
        # 中马|钦州产业园区: China's and a partner country's short forms before a zone's place
        self.partners = regex.compile(regex.escape(loc_partner_own) + "["
                                      + regex.escape("".join(rules.load_words(loc_partners))) + "]{1,2}$")
        self.partner_joins = tuple(loc_partner_joins)  # 中国与|葡语国家形象展示馆
        self.cooperation = tuple(loc_cooperation)  # 粤澳|合作|中医药科技产业园
        self.cooperation_tags = frozenset(loc_cooperation_tags)
        # a zone's named area right after it (…自由贸易试验区|合肥片区): one LOC
        areas = rules.load_yaml(loc_areas)
        self.area_of = tuple(areas["of"])
        self.area = regex.compile(areas["area"])
        self.parks_in = tuple(areas["parks_in"])  # 浒墅开发区|阳山工业园: one LOC
        self.parks = tuple(areas["parks"])
        # a village-style name before a facility's suffix (王家沟|水库): a proper name
        toponyms = rules.load_yaml(loc_toponyms)
        self.toponym_head = regexes.compile(toponyms["head"])
        self.not_head = regexes.compile(toponyms["not_head"])  # 四大|林区, 省直|林区: no name

    def __call__(self, doc):
        text = text_of(doc)
        tokens = tokens_of(doc)
        starts = token_columns(doc)[0]
        gpes = of_kind(doc, "entity", "GPE")
        places = {i.start for i in gpes}
        # A named feature heads a LOC too: 太湖|科学城, 泾河|新城
        loc_places = places | {i.start for i in of_kind(doc, "entity", "LOC") if i.attrs.get("feature")}
        # the characters inside those places after their first (瓯江|口: 口 a token of its own)
        inside = frozenset(p for i in [*gpes, *of_kind(doc, "entity", "LOC")] if i.start in loc_places
                           for p in range(i.start + 1, i.end))
        counties = {i.start: i.end for i in gpes if self.town.search(text[i.start:i.end])}
        uppers = {i.start for i in gpes if i.attrs.get("level") == "city"}  # 杭州|钱塘新区
        countries = {i.end: i.start for i in gpes if "country" in i.attrs}  # 中国|与
        named_locs = {}  # start -> end of the zones and facilities found here
        named_ends = {}  # end -> item of the zones and facilities found here
        # divisions written in full, which stand apart before a facility or scenic area
        divisions = {i.start: i.end for i in gpes if self.division_full.search(text, i.start, i.end)}
        divisions_or_counties = {**divisions, **counties}
        known_locs = {i.end: i.start for i in of_kind(doc, "entity", "LOC") if not i.attrs.get("feature")}
        known_starts = set(known_locs.values())
        found = items(doc)
        place_ends = {i.end: i.start for i in gpes}
        earlier_orgs = of_kind(doc, "entity", "ORG")
        org_ends = {i.end: i.start for i in earlier_orgs}
        companies = []
        token_at = token_end_at(doc)
        bounds = boundaries_of(doc)
        token_back = token_start_at(doc)
        for s, e in self.scanner.finditer(text):
            word = text[s:e]
            label = self.labels[word]
            loc = label == "LOC"
            if word in self.venue_heads and (not self.venue_after.match(text, e) or s in org_ends):
                continue  # 东方国际大酒店|增资: a hotel is a venue where an event is held in it; 市委|礼堂 a body's
            start = self._head_start(text, s, tokens, starts, loc_places if loc else places, strict=loc,
                                     suffix=word if loc else None, inside=inside if loc else frozenset())
            if loc:
                start = self._partners_cooperating(text, start, tokens, starts)  # 粤澳|合作|中医药科技产业园
            if loc and len(word) > 1 and s - start < 2 and (inner := self._facility_of(s, named_ends)):
                found.remove(inner)  # 客运码头|直升机场: no head of its own, the named place's facility
                found.append(Item("entity", inner.start, e, label, "suffixed", {}))
                named_ends[e] = found[-1]
                continue
            if s - start < 2 or self.numbered.match(text, start):
                continue
            if not loc and len(word) == 1 and (e not in bounds or self._generic_end(text[token_back.get(e, s):e])):
                group = self._group_before(text, start, token_back.get(e, s), org_ends)
                if group is None or e not in bounds:
                    continue  # 郑州新建|厂房: a one-character suffix ends a word; not 二期|工厂, 投资|设厂
                start = group  # 玄峰集团|红云|酒厂: a group's plant, named by its own 字号
            if not loc and (self._swallowed(text, e, token_at) or self._verbal(text, start, s, tokens, starts, places)
                            or self._split(text, s, e) or self._body_acts(text, start, s, org_ends, tokens, starts)):
                continue  # 协商报|告; 强化|专班, 迅速派出|工作组; 协商|会: no name before the suffix
            if not loc and self.proper_head.search(word) and not self._led(text, start) and not any(
                    p in loc_places or p in known_starts for p in range(start, s)):
                named = self._named_run(text, start, s, tokens, starts) if self.name_headed.search(word) else s
                if s - named < 2:
                    continue  # 推进国际|交流中心建设: a kind of centre, not a named one
                start = named  # 固县|林场: a word jieba tags as a name heads it
            if not loc and self.state_headed.search(word):
                k = text.find(self.state_head, start, s)
                if k < 0 or s - k <= len(self.state_head) + 1 or any(
                        i.start <= k and e <= i.end for i in earlier_orgs):
                    continue  # 专家|委员会: a committee not named as the state's; 国家减灾委员会办公室 known
                start = k  # 成立国家|语言文字工作|委员会
                if text.startswith(self.state_office, e):
                    e += len(self.state_office)  # 国家减灾委员会|办公室: its office is the body named
            if not loc:
                start = self._own_company(text, start, s, word)
                start = self._before_head(text, start, place_ends, org_ends)
                if self.branch.search(word) and start in org_ends and self.company.search(text, org_ends[start], start):
                    start = org_ends[start]  # …湖南有限公司|长沙分公司: the branch of the company before it
                if self.unnamed.search(text, max(0, start - 1), s):
                    continue  # 某医用设备公司, 北区某中学: a body the text does not name
                if self.company.search(word) and self.generic_company.fullmatch(text, start, s):
                    continue  # 上市|公司, 控股|子公司: a kind of company, not a named one
                if self.ad_hoc.search(word):
                    start = self._task_verb(text, start, tokens, starts)  # 省|推进…|领导小组办公室
                    m = self.event_code.search(text, max(0, s - 24), s)
                    if m:  # 吕梁|“7·23”较大瓦斯爆炸事故调查组: the event's code and place
                        start = self._before_head(text, m.start(), place_ends, org_ends)
                    elif self.ad_hoc_generic.fullmatch(text, start, s) and (
                            t := self.ad_hoc_task.search(text, max(0, start - 6), start)):
                        start = t.start()  # 成立|事故处置工作领导小组: the task names the team
                    elif self.ad_hoc_generic.fullmatch(text, start, s) or self.ad_hoc_kind.search(text, start, s):
                        continue  # 成立|事故调查组, 工作领导小组, 三级|驻村工作队: a kind of team, not a named one
            whole = self._word_ending_at(text, s, e, tokens, starts) if loc and len(word) == 1 else None
            if loc and len(word) == 1 and whole is None and (s not in bounds or s in place_ends):
                continue  # 田寺|光雄: one character inside a word jieba does not know; 沙溪镇|寺|登村
            if loc and self.not_head.fullmatch(text, start, s):
                continue  # 四大|林区, 省直|林区: a count or class of places, no name
            if loc and not (self._proper(text, start, s, tokens, starts, loc_places)
                            or self.toponym_head.fullmatch(text, start, s)
                            or (whole is not None and self.words.get(whole, (0, ""))[1] in self.name_tags)):
                inner = self._facility_of(s, named_ends) if len(word) > 1 else None
                if inner is None:
                    continue  # 国家级经济技术开发区 is a kind of zone, not a named one; 白马寺 (nr) is a name
                found.remove(inner)  # 常平温泉小镇|休闲旅游综合体: the named place's facility, one LOC
                start = inner.start
            if loc and ((e not in bounds and (len(word) == 1 or self._inside_word(text, e, tokens, starts)))
                        or self._body_follows(text, e)):
                continue  # 木寺|昌人, 铁路局: inside a word; 厦门铁路|公安处: a body's name
            if loc and word in self.routes and place_ends.get(s) == start:
                continue  # 厦门|铁路: one place names no route
            if loc and start not in places and start in place_ends and start in loc_places:
                start = place_ends[start]  # 兰州市|黄河|奇遇创智产业园: a feature's name inside, the place before it
            if loc and known_locs.get(e, -1) > start and not self.zone_bodies.match(text, e):
                continue  # the gazetteer knows the zone's name: 国家对|西咸新区
            apart = counties if word not in self.place_apart else divisions_or_counties
            if loc and start in apart and s - apart[start] >= 2 and not start < named_locs.get(start, s + 1) <= s:
                if self._proper(text, apart[start], s, tokens, starts, loc_places):
                    start = apart[start]  # 江湾镇|篁岭景区, 郓城县|李清浮桥: the division is a GPE of its own
                elif self._common_words(text, apart[start], s, tokens, starts):
                    continue  # 红庙镇|高标准农田高效节水示范区: a town's zone of no name
                elif text[apart[start]:s] not in self.words:
                    start = apart[start]  # 江湾镇|篁|岭|景区: single characters jieba does not join
            if (loc and word not in self.place_apart and start in places and start in place_ends
                    and place_ends[start] in uppers):
                start = place_ends[start]  # 杭州|钱塘|新区: the city a zone's place lies in, in its name
            if loc and start > 0 and text[start - 1] in self.dots and start - 1 in place_ends:
                start = place_ends[start - 1]  # 中国·赣州新能源汽车产业园: the place before the dot is the name's
            if loc and start in places:
                m = self.partners.search(text, max(0, start - 3), start)
                if m and m.start() in bounds:
                    start = m.start()  # 中马|钦州产业园区, 中新|天津生态城: the countries that built it
                elif start in countries:
                    start = self._countries_before(text, start, countries)  # 中国—马来西亚|钦州产业园区
            elif loc:
                start = self._partner_before(text, start, countries)  # 中国与|葡语国家形象展示馆
            if loc:
                z = self.zone_bodies.match(text, e)
                if z:  # 东湖高新区|管委会: the zone's administration
                    start = self._before_head(text, start, place_ends, {})
                    found.append(Item("entity", start, self.extend_unit(text, z.end()), "ORG", "suffixed", {}))
                    continue
            else:
                e = self.extend_unit(text, e)
                org_ends[e] = start
            found.append(Item("entity", start, e, label, "suffixed", {}))
            if loc:
                named_locs[start] = max(e, named_locs.get(start, e))
                named_ends[e] = found[-1]  # 常平温泉小镇|休闲旅游综合体: a facility of it may follow
            if not loc and self.company.search(word):
                companies.append((start, e))
        self._zone_areas(text, bounds, found)
        self._venues_after_place(text, gpes, tokens, starts, found)
        self._short_names(text, companies, place_ends, found)
        self._trade_names(text, gpes, found, token_at, token_start_at(doc))
        return doc

    def _zone_areas(self, text, bounds, found):
        """A zone divided into areas and the name of one right after it
        (中国（安徽）自由贸易试验区|合肥片区, 大熊猫国家公园|四川片区) are one
        LOC, whichever stage found the zone (rules/gazetteer/zone_areas.yaml),
        and so are a development zone and a park right after it (…开发区|…工业园)."""
        for i in [i for i in found if i.kind == "entity" and i.label == "LOC"]:
            if not text.endswith(self.area_of, i.start, i.end):
                continue
            m = self.area.match(text, i.end)
            if m and m.end() in bounds:
                found.append(Item("entity", i.start, m.end(), "LOC", "suffixed", {}))
        locs = {i.start: i for i in found if i.kind == "entity" and i.label == "LOC"}
        for i in list(locs.values()):
            j = locs.get(i.end)
            if (j is not None and i in found and j in found and text.endswith(self.parks_in, i.start, i.end)
                    and text.endswith(self.parks, j.start, j.end)):
                found.remove(i)
                found.remove(j)
                found.append(Item("entity", i.start, j.end, "LOC", "suffixed", {}))  # 开发区|工业园

    def _venues_after_place(self, text, gpes, tokens, starts, found):
        """A venue written as a place and a name of its own where an event is
        held (在|内蒙古|乌兰恰特|举行): the name's words are all words jieba
        does not know or tags as names, one at least unknown to it, and no
        body or place starts among them; place and name are one LOC."""
        taken = {i.start for i in found if i.kind == "entity"}
        for g in gpes:
            if not text.startswith(self.venue_lead, g.start - len(self.venue_lead)):
                continue
            k = bisect.bisect_left(starts, g.end)
            if k >= len(tokens) or tokens[k][0] != g.end:
                continue
            end, unknown = g.end, False
            while k < len(tokens) and end - g.end < 8 and not self.venue_after.match(text, end):
                t0, t1, _ = tokens[k]
                piece = text[t0:t1]
                freq, tag = self.words.get(piece, (0, "x"))
                if t0 in taken or not HAN_RUN.fullmatch(piece) or (piece in self.words and (
                        tag not in self.name_tags or freq >= self.max_name_freq)):
                    break
                unknown = unknown or piece not in self.words
                end, k = t1, k + 1
            if unknown and end - g.end >= 2 and self.venue_after.match(text, end):
                found.append(Item("entity", g.start, end, "LOC", "suffixed", {"venue": True}))

    def _trade_names(self, text, gpes, found, token_at, token_ends):
        """A company written without its legal form: a place (or places, 江苏南通)
        or a group's name (内蒙古兴业集团), a 字号 of two to `max_brand`
        characters that jieba's dictionary does not know (or knows as a rare
        word), and a trade word from rules/orgs/industries.txt: 苏州|超邦|涂料,
        江苏南通|城欣|市政工程, 山东黄金集团|阿尔哈达|矿业. The grammar of
        names set by the 企业名称登记管理规定."""
        starts = {}
        for g in sorted(gpes, key=lambda i: i.start):
            starts[g.end] = starts.pop(g.start, g.start)  # a chain of places: 江苏|南通
        place_starts = {g.start for g in gpes}
        # characters inside a zone, region or body already found: no 字号 there
        # (兰西城市群|建设, 陕西省商务厅|数据)
        in_loc = bytearray(len(text) + 1)
        for i in found:
            if i.label in ("LOC", "ORG"):
                in_loc[i.start:i.end] = b"\x01" * (i.end - i.start)
        for i in list(found):
            if i.label == "ORG" and self.group.search(text, i.start, i.end):
                starts.setdefault(i.end, i.start)
        # a city or county with a trade of its own right after it (阳泉|煤业, 大同|煤业)
        local = {g.end for g in gpes if g.attrs.get("level") in self.place_trade_levels}
        for a, start in starts.items():
            m = self.place_trade.match(text, a) if a in local else None
            if m and (m.end() in token_ends or m.end() == len(text)) and not in_loc[a]:
                found.append(Item("entity", start, m.end(), "ORG", "suffixed", {"trade": True}))
                continue
            b, pieces = a, []  # the 字号: whole tokens after the place or group
            while b in token_at and b - a < self.max_brand and b not in place_starts and not in_loc[b]:
                pieces.append(text[b:token_at[b]])
                b = token_at[b]
                m = self.trade.match(text, b)
                if m and b - a >= 2 and (m.end() in token_ends or m.end() == len(text)):
                    if all(map(self._brand_piece, pieces)):
                        found.append(Item("entity", start, m.end(), "ORG", "suffixed", {"trade": True}))
                    break
        self._brand_trades(text, token_at, token_ends, place_starts, in_loc, found)

    def _brand_trades(self, text, token_at, token_ends, place_starts, in_loc, found):
        """A company written as its 字号 alone and a trade of its own
        (patterns.yaml place_trade: 二亩沟|煤业): tokens of two or three
        characters in all that jieba's dictionary does not know or knows as
        rare words (not 有色, 黄金, 当地), standing apart: after no Han
        character, a list mark or a verb or function word of left_words.txt."""
        token_start = token_ends  # a token's end -> its start
        for m in self.place_trade.finditer(text):
            a = k = m.start()
            if (m.end() not in token_ends and m.end() != len(text)) or in_loc[a]:
                continue
            while k in token_start and a - token_start[k] <= 3 and not in_loc[token_start[k]] \
                    and self._brand_piece(text[token_start[k]:k]):
                k = token_start[k]  # 二亩|沟: the 字号's tokens
            if a - k not in (2, 3) or k in place_starts:
                continue
            if k > 0 and HAN_RUN.match(text, k - 1) and text[k - 1] not in self.list_marks and \
                    text[token_start.get(k, k):k] not in self.left_words:
                continue  # 发展有色|矿业: the 字号 must stand apart
            found.append(Item("entity", k, m.end(), "ORG", "suffixed", {"trade": True}))

    def _brand_piece(self, piece: str) -> bool:
        """A token of a 字号: a word jieba's dictionary does not know or knows
        as a rare one (城欣, 白音, 科利; not 现代, 石油, 黄金), or a single
        character that is no function word (福尔|程, 泓|博, 晟|迈; not 在, 与, 等).
        jieba's tags of single characters inside names are arbitrary (泓 q, 迈 v),
        those of function words are not."""
        if not HAN_RUN.fullmatch(piece) or piece in self.stops:
            return False  # nor a post or a word that ends a name's head (埃及|副总理|兼农业)
        freq, tag = self.words.get(piece, (0, "x"))
        if len(piece) == 1:
            return tag not in self.brand_not_tags
        return freq < self.max_brand_freq

    def _short_names(self, text, companies, place_ends, found):
        """A company named in full is often written later by its short name,
        the start of its own name without place and legal suffix
        (江西赣铜新材料科技有限公司 … 赣铜新材, 青海锂源新材料有限公司 …
        青海锂源): the longest such start of four or more characters found
        elsewhere, outside the full names."""
        if not companies:
            return
        spans = sorted(companies)
        starts = [a for a, _ in spans]
        shorts = set()
        for start, end in spans:
            name = self.legal.sub("", text[start:end])
            forms = [name]
            for pe, ps in place_ends.items():
                if ps == start and pe - start < len(name):
                    forms.append(name[pe - start:])  # without its place: 赣铜新材
            for form in forms:
                shorts.update(form[:k] for k in range(4, len(form) + 1) if form[:k] not in self.words)
        # one pass for all: the leftmost-longest start of a name outside the full names
        for a, b in rules.find_words(shorts, text):
            if not self._within(a, b, spans, starts):
                found.append(Item("entity", a, b, "ORG", "suffixed", {"short": True}))

    @staticmethod
    def _within(a, b, spans, starts) -> bool:
        i = bisect.bisect_right(starts, a) - 1
        return i >= 0 and spans[i][1] >= b
    def _group_before(self, text, start, s, org_ends):
        """Start of a group whose name ends in the head with a 字号 of two or
        more characters after it (玄峰集团|红云|酒厂), or None."""
        for p in range(start + 1, s - 1):
            if p in org_ends and self.parent.search(text, org_ends[p], p) and text[p - len(self.group_word):p] == self.group_word:
                return org_ends[p]
        return None

    def _own_company(self, text, start, s, word) -> int:
        """A company's name starts after another company's legal form in its
        head (…股份有限公司|由|赫瑞特投资管理|有限公司; a branch's does not:
        …有限公司|长沙分公司), and after a one-character function word the
        segmenter glued to its first word (由赫瑞特)."""
        if not self.company.search(word) or self.branch.search(word):
            return start
        cut = text.rfind(self.company_word, start, s)
        if cut < 0:
            return start
        start = cut + len(self.company_word)
        if text[start:start + 1] in self.stops and s - start > 2:
            start += 1
        return start

    def _before_head(self, text, start, place_ends, org_ends) -> int:
        """A company's or institute's name reaches back over places written
        before its own (佛山市|顺德区|华凯厨卫电器有限公司), a group's name
        (国网|湖北省电力有限公司) and the academy or university it belongs to
        (中国科学院|青海|盐湖研究所)."""
        for _ in range(4):
            if start in place_ends:
                start = place_ends[start]
                continue
            if start in org_ends and self.parent.search(text, org_ends[start], start):
                start = org_ends[start]
                continue
            m = self.brands.search(text, max(0, start - 8), start)
            if m:
                start = m.start()
                continue
            break
        return start

    def _inside_word(self, text, e, tokens, starts) -> bool:
        """The suffix ends inside a word of jieba's dictionary (铁路局, 机场路),
        not inside a run the segmenter glued for want of a word (科技城等) or
        before a word of its own (铁路|沿线)."""
        k = bisect.bisect_left(starts, e) - 1
        if k < 0 or tokens[k][1] <= e or text[tokens[k][0]:tokens[k][1]] not in self.words:
            return False
        rest = text[e:tokens[k][1]]
        return len(rest) < 2 or rest not in self.words

    def _generic_end(self, word: str) -> bool:
        """The word a one-character suffix ends is the kind itself, no name's
        end: a common word (工厂: at least min_tail_freq in jieba's
        dictionary), or a verb and its object (设|厂, 建|厂, 出|厂)."""
        if len(word) < 2:
            return False
        return (self.words.get(word, (0, ""))[0] >= self.min_tail_freq
                or (len(word) == 2 and self.words.get(word[0], (0, ""))[1] == "v"))

    def _body_follows(self, text, e) -> bool:
        """An organisation's suffix right after a place's name (厦门铁路|公安处,
        机场|集团): the place names the body, no LOC of its own."""
        m = self.regex.match(text, e)
        return m is not None and self.labels.get(m.group()) == "ORG"

    def _swallowed(self, text, e, token_at) -> bool:
        """The suffix's last character starts a common word that is no suffix
        or post of its own (协商报|告: 报告; not 日报|社, 总商会|长), and no
        word of its own or post follows (三峡大学|科技处, 科技大学|校长)."""
        if self.posts.match(text, e):
            return False  # 大学|校长: a post follows
        word = text[e - 1:e + 1]
        return (swallowed_tail(text, e, token_at, self.words, self.min_tail_freq)
                and not self.regex.match(word) and not self.posts.match(word))  # 总商会|长: its head's post

    def _split(self, text, s, e) -> bool:
        """The suffix ends a meeting's name (专题协商会: 协商|会 read as
        协|商会; not 温州商会, 国际法学会): patterns.yaml `meeting`."""
        return bool(self.meeting.search(text, max(0, s - self.meeting_reach), e))

    def _body_acts(self, text, start, s, org_ends, tokens, starts) -> bool:
        """A body found already, then only verbs before the suffix
        (国家煤矿安全监察局|派出|工作组): the body's act, no name."""
        return any(start <= org_ends.get(p, -1) and self._verbal(text, p, s, tokens, starts, ())
                   for p in range(start + 2, s))

    def _verbal(self, text, start, s, tokens, starts, places) -> bool:
        """A head made only of verbs, adverbs and function words, a verb among
        them (强化, 迅速派出, 即综合): a description, no name (高速|集团 and
        建工|集团 hold no verb)."""
        k = bisect.bisect_left(starts, start)
        verb = False
        while k < len(tokens) and tokens[k][0] < s:
            t0, t1, _ = tokens[k]
            tag = self.words.get(text[t0:min(t1, s)], (0, "x"))[1]
            if tag not in self.verbal_tags or t0 in places:  # 保定 (v) is a place
                return False
            verb = verb or tag == "v"
            k += 1
        return verb

    def _named_run(self, text, start, s, tokens, starts) -> int:
        """Start of the run of words jieba's dictionary tags as names that
        ends at s (中条林局|固县|林场 gives 固县), single characters among them
        (黄龙|岭|林场), or s when no name is in it."""
        k = bisect.bisect_left(starts, s) - 1
        run, named = s, s
        while k >= 0 and tokens[k][0] >= start and tokens[k][1] == run:
            t0, t1, _ = tokens[k]
            if self.words.get(text[t0:t1], (0, "x"))[1] in self.name_tags:
                named = t0
            elif t1 - t0 > 1:
                break
            run = t0
            k -= 1
        return named

    def _task_verb(self, text, start, tokens, starts) -> int:
        """Start of a team's name whose task begins with a verb, written right
        after an administrative prefix that stands apart (省|推进长江经济带发展|
        领导小组办公室): the head's walk stopped at the verb."""
        i = bisect.bisect_left(starts, start) - 1
        if i < 0 or tokens[i][1] != start:
            return start
        t0 = tokens[i][0]
        if text[t0:start] in self.left_words and t0 >= 1 and text[t0 - 1] in self.admin and (
                t0 == 1 or not HAN_RUN.match(text, t0 - 2) or text[t0 - 2] in self.list_marks):
            return t0 - 1
        return start

    def _led(self, text, start) -> bool:
        """Whether a head starts with 国家 or an administrative prefix that is
        a word of its own (省|大湾区…, not 区域|…): patterns.yaml proper_head_lead."""
        m = self.proper_head_lead.match(text, start)
        return m is not None and (len(m.group()) > 1 or text[start:start + 2] not in self.words)

    def _word_ending_at(self, text, s, e, tokens, starts):
        """The word of jieba's dictionary that holds the suffix's start and
        ends with it (白马|寺 in the token 白马寺), or None."""
        k = bisect.bisect_right(starts, s) - 1
        if k < 0 or tokens[k][0] == s or tokens[k][1] != e:
            return None
        word = text[tokens[k][0]:e]
        return word if word in self.words else None

    def _proper(self, text, start, s, tokens, starts, places) -> bool:
        """Whether a head holds a proper name: a place, or a word that jieba's
        dictionary does not know or tags as a name."""
        if start in places:
            return True  # a place, also where it starts inside a token (优大|南昌)
        k = bisect.bisect_left(starts, start)
        if k > 0 and tokens[k - 1][1] > start and text[tokens[k - 1][0]:tokens[k - 1][1]] not in self.words:
            return True  # a part of a word jieba does not know (从|玉: 玉科大草原)
        while k < len(tokens) and tokens[k][0] < s:
            t0, t1, _ = tokens[k]
            piece = text[t0:min(t1, s)]
            freq, tag = self.words.get(piece, (0, "x"))
            if t0 in places or (tag in self.name_tags and (len(piece) == 1 or freq < self.max_name_freq)
                                and piece not in self.zone_kinds and not self._acting(piece)):
                return True  # 城市 (ns, but among jieba's most frequent words) names no place; 临空 no zone
            k += 1
        return False

    @staticmethod
    def _facility_of(s, named_ends):
        """The zone or facility found right before a suffix of two or more
        characters whose head holds no name (氹仔客运码头|直升机场): the named
        place's facility is one LOC with it. Not across words: between them
        verbs (西咸新区|召开|产业园区) read like modifiers (休闲|旅游|综合体).
        The item found before, or None."""
        inner = named_ends.get(s)
        return inner if inner is not None and inner.label == "LOC" else None

    def _partner_before(self, text, start, countries) -> int:
        """A country's name and a joining word right before a zone's or
        venue's name that starts with no place (中国与|葡语国家形象展示馆,
        中国—|东盟…): the countries' facility, the country in its name."""
        for join in self.partner_joins:
            if text.startswith(join, start - len(join)) and start - len(join) in countries:
                return countries[start - len(join)]
        return start

    def _partners_cooperating(self, text, start, tokens, starts) -> int:
        """Two places' short forms and a word of cooperation right before a
        zone's head (粤澳|合作|中医药科技产业园, 深港|合作|…): the partners and
        their cooperation are in the zone's name (the X与Y合作区 grammar).
        The partners: one token of two characters that jieba tags as a place
        or an abbreviation (深港 ns), or does not know and whose characters it
        tags so (粤澳: 粤 j, 澳 j), or China's and a partner's short forms
        (中新)."""
        for word in self.cooperation:
            a = start - len(word)
            if a < 2 or not text.startswith(word, a):
                continue
            k = bisect.bisect_left(starts, a) - 1
            if k < 0 or tokens[k][1] != a or tokens[k][1] - tokens[k][0] != 2:
                continue
            piece = text[tokens[k][0]:a]
            tag = self.words.get(piece, (0, ""))[1]
            if tag in self.cooperation_tags or self.partners.fullmatch(piece) or (
                    piece not in self.words and all(self.words.get(c, (0, ""))[1] in self.cooperation_tags for c in piece)):
                return tokens[k][0]  # 深港 (ns); 粤澳, unknown, two abbreviations (j)
        return start

    def _countries_before(self, text, start, countries) -> int:
        """Two countries joined by a dash or a name dot right before a
        zone's place (中国—马来西亚|钦州产业园区, 中国·新加坡|苏州工业园区): the
        countries that built it, in its name as their short forms are
        (中马钦州产业园区). Not 与, a sentence's conjunction there (中国与新加坡|
        苏州工业园区合作)."""
        second = countries[start]
        for join in (*(j for j in self.partner_joins if not HAN_RUN.fullmatch(j)), *self.dots):
            if text.startswith(join, second - len(join)) and second - len(join) in countries:
                return countries[second - len(join)]
        return start

    def _acting(self, piece: str) -> bool:
        """A word of three or more characters that jieba's dictionary tags as
        a name but that ends in a verb or verbal noun (大力发展 nz: 发展 vn)
        is a phrase, no name."""
        return len(piece) >= 3 and self.words.get(piece[-2:], (0, ""))[1] in self.loc_action_tags

    def _common_words(self, text, a, b, tokens, starts) -> bool:
        """The characters a:b are whole words of jieba's dictionary of two or
        more characters each (高标准|农田|高效|节水), no name's pieces."""
        k = bisect.bisect_left(starts, a)
        if k >= len(tokens) or tokens[k][0] != a:
            return False
        while k < len(tokens) and tokens[k][1] <= b:
            t0, t1, _ = tokens[k]
            if t1 - t0 < 2 or text[t0:t1] not in self.words:
                return False
            if t1 == b:
                return True
            k += 1
        return False

    def _rare_name(self, piece: str) -> bool:
        """A word jieba's dictionary tags as a name and knows rarely (青兰, 宝丰;
        not 智慧 or 海洋, common words it happens to tag as names)."""
        freq, tag = self.words.get(piece, (0, "x"))
        return tag in self.name_tags and freq < self.loc_common_freq

    def _common(self, piece: str) -> bool:
        """A word of jieba's dictionary that is no name and is common
        (部署, 证明, 国家): before a proper name it starts no place's name."""
        return self.words.common(piece, self.loc_common_freq, self.name_tags)

    def _glued(self, piece: str) -> bool:
        """A token that starts no place's name, though jieba's dictionary does
        not know it or tags it as a name: an unknown word that begins with a
        preposition (从玉) or ends in a function word (城等) or is a function word or numeral followed by function
        words, verbs or adjectives (再到, 两大; not 盛乐, 盛 a verb), or a
        longer word ending in a verb (高度重视, 充分肯定)."""
        if piece not in self.words and len(piece) > 1 and self.words.get(piece[-1], (0, ""))[1] in self.loc_tail_tags:
            return True  # 城等: a word and a function word after it
        if piece not in self.words and (self.words.get(piece[0], (0, ""))[1] in self.loc_lead_tags or (
                self.words.get(piece[0], (0, ""))[1] in self.loc_glue_tags
                and all(self.words.get(c, (0, ""))[1] in self.loc_glue_rest for c in piece[1:]))):
            return True
        return len(piece) >= 3 and self.words.get(piece[-2:], (0, ""))[1] in self.loc_verb_tags

    def _head_start(self, text, s, tokens, starts, places, strict=False, suffix=None, inside=frozenset()) -> int:
        start = s
        named = False  # a LOC's head starts with a known name
        bracket = None  # where a ")" was passed: 台湾川奇光电科技(扬州)|有限公司
        k = bisect.bisect_left(starts, s) - 1  # the token that starts before s
        while k >= 0 and s - tokens[k][0] <= self.max_head:
            t0, t1, word = tokens[k]
            piece = text[t0:min(t1, start)]
            if piece in self.stops or not NAME_TOKEN.match(piece) or (start < s and piece in self.left_words):
                break
            if not strict and t0 not in places and self.words.get(piece, (0, ""))[1] in self.org_head_stop_tags:
                break  # 这个|出版社, 该国|海岸集团: a pronoun starts no name, even right before the suffix
            if piece in ")）":
                bracket = start
            elif piece in "(（":
                if bracket is None:
                    break
                bracket = None
            elif strict and (piece in self.loc_stops or (suffix and len(piece) > len(suffix) and piece.endswith(suffix))):
                break  # 建设|…示范带; 电气化铁路|拉林铁路: the kind written before the name
            elif strict and t0 in inside:
                pass  # 瓯江|口|新区: the end of a place found already (口, q), part of the name
            elif strict and start == s and self.partners.fullmatch(piece):
                pass  # 中白|工业园: China's and a partner's short forms (中 a locality word) name the zone
            elif strict and t0 not in places and self._glued(piece):
                if piece not in self.words and self.words.get(piece[0], (0, ""))[1] in self.loc_lead_tags:
                    start = t0 + 1  # 从|玉科大草原
                break
            elif strict and named and t0 not in places and self._common(piece):
                break  # 部署|青兰铁路, 证明|宝丰清凉寺: a common word before a known name (国际|陆港区 stays)
            elif strict and t0 not in places and any(p in places for p in range(t0 + 1, t0 + len(piece))):
                start = next(p for p in range(t0 + 1, t0 + len(piece)) if p in places)
                break  # 优大|南昌 in the token 优大南: the name starts with its place
            elif (bracket is None and (start < s or strict) and not (strict and t0 in places)
                  and self.words.get(piece, (0, ""))[1] in self.stop_tags):  # 包头 (v) is a place: 包头|高新区
                nxt = text[tokens[k + 1][0]:min(tokens[k + 1][1], s)]
                if strict or start in places or nxt not in self.words:
                    break
            start = t0
            if start in places and bracket is None:
                break
            # the head now starts with a place or a word jieba's dictionary knows as a rare name (青兰, 宝丰)
            named = strict and (t0 in places or (len(piece) > 1 and piece in self.words and self._rare_name(piece)))
            k -= 1
        return bracket if bracket is not None else start
