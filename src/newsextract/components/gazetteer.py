"""Places: administrative divisions (GPE, with division codes), countries
(GPE) and named regions, rivers and mountains (LOC), from rules/gazetteer/.

Full names (龙口市) are taken on token boundaries. Short names are where
the ambiguity is: a province's or city's short name (山东, 泰安) counts; a
county's (龙口, 肥城, 会同) only on token boundaries and when its full name
is in the document, or when its province or city is named there and
jieba's dictionary does not know the word as something common other than a
place (会同 "together with" is not the county).
Names that several divisions share (鼓楼区) get the code of the one whose
province or city the document names, and no code when none is named.

LOC: the names in locations.txt, and the words that jieba's dictionary tags
as place names and that end like a natural feature (feature_suffixes.txt:
赤水河, 高黎贡山, 柴达木盆地), on token boundaries, less the divisions and
not_locations.txt. A LOC takes a following extension (loc_extensions.tsv:
黄河|流域, 大别山|区). A name that is both a feature and a division (怒江,
衢江, 恒山) is the feature only before a word of feature_context.txt
(嫩江|沿岸) or next to another LOC in a list (怒江、澜沧江). The national
5A scenic areas (scenic_areas.txt, compiled from a public list) are LOCs
as the locations are, and the items of a list that ends in 等 and a kind
of site or water (麦积山、仙人崖|等景区) are LOCs too.
"""
from __future__ import annotations

import itertools
from bisect import bisect_right
from collections import Counter, defaultdict
from operator import itemgetter

import regex

from .. import cache, regexes, rules
from ..han import HAN, HAN_RUN, HAN_RUN_END
from ..items import Item, boundaries_of, items, text_of, token_end_at, token_start_at, tokens_of
from ..segment import jieba_dictionary

_START = itemgetter(0)

FEATURES_VERSION = "2"  # raise when Gazetteer._features derives differently


def autonomous_forms(rows, autonomous: dict) -> dict:
    """Form -> row for the autonomous counties and banners written as their
    short name and an ending (澜沧|县 for 澜沧拉祜族自治县, 道真|自治县):
    `autonomous` maps a kind (自治县) to its endings (rules/gazetteer/forms.yaml)."""
    names = {r["name"] for r in rows}
    out = {}
    for r in rows:
        for kind, endings in autonomous.items():
            if r["level"] == "county" and r["name"].endswith(kind):
                for short in r["short"].split("/"):
                    for ending in endings:
                        form = short + ending
                        if len(short) >= 2 and form not in names and form not in out:
                            out[form] = r
    return out


class Gazetteer:
    """SpaCy component: adds GPE and LOC entity items."""

    def __init__(self, nlp, name: str, *, divisions: str, countries: str, former: str, locations: str, scenic_areas: str,
                 max_common_freq: int, street_words: str, townships: str, villages: str, feature_suffixes: str,
                 not_locations: str, loc_extensions: str, feature_context: str, list_separators: str,
                 world_cities: str, gpe_aliases: str, new_areas: str, forms: str, region_abbreviations: str,
                 feature_names: str, transliteration: str):
        self.list_separators = rules.load_words(list_separators)
        self.rows = rules.load_tsv(divisions)
        f = rules.load_yaml(forms)
        self.autonomous, self.post_after_full, generic = f["autonomous"], f["post_after_full"], f["generic_end"]
        self.city_ending = f["city_abroad_ending"]
        self.former_word_tags = set(f.get("former_word_tags", ()))
        self.full_word_tags = set(f.get("full_word_tags", ()))
        self.full_ending = regexes.compile(rules.expand(f["full_ending"]))
        # 祖国最|南疆, 世界级|湾区: a region's short word used as a common noun
        self.generic_region_before = regex.compile(f["generic_region_before"] + "$") \
            if f.get("generic_region_before") else None
        self.by_code = {r["code"]: r for r in self.rows if r["code"]}
        self.full: dict[str, list[dict]] = defaultdict(list)
        self.short: dict[str, list[dict]] = defaultdict(list)
        for r in self.rows:
            if not (len(r["name"]) == 2 and r["name"].endswith(generic)):
                # 城区, 郊区, 矿区: generic words far more often than names
                self.full[r["name"]].append(r)
            for s in r["short"].split("/"):
                if len(s) >= 2 and s != r["name"] and not s.endswith(generic):
                    self.short[s].append(r)
        self._autonomous_forms()
        self.former = {r["old_name"]: r["new_name"] for r in rules.load_tsv(former)
                       if not (len(r["old_name"]) == 2 and r["old_name"].endswith(generic))}
        self.countries = {}
        for r in rules.load_tsv(countries):
            self.countries[r["name"]] = r
            if r["full_name"]:
                self.countries[r["full_name"]] = r
        self.cities = {r["name"]: r["country"] for r in rules.load_tsv(world_cities)}
        self.aliases = {r["alias"]: r for r in rules.load_tsv(gpe_aliases)}
        self.new_areas = frozenset(rules.load_words(new_areas))
        self.locations = set(rules.load_words(locations)) | set(rules.load_words(scenic_areas)) | self.new_areas
        self.townships, self.max_township = self._township_table(townships)
        v = rules.load_yaml(villages)
        self.township_suffix = regex.compile(v["township_suffix"])
        self.township = regex.compile(v["township"])
        self.not_town_words = frozenset(v["not_town_words"])
        self.not_town_before_tags = frozenset(v["not_town_before_tags"])
        self.village = regex.compile(v["pattern"])
        self.village_in_list = regex.compile(v["in_list"])
        self.common_freq = v["common_freq"]
        self.not_local = regex.compile(v["not_start"])
        self.function_tags = set(v["function_tags"])
        self.verb_tags = set(v["verb_tags"])

        self.street = regexes.compile(rules.trie_pattern(rules.load_words(street_words)))
        # a street in an address: a name, a street word, a house number (建国路|88号)
        number = f["house_number"]
        self.address = regex.compile("(" + f["street_name"] + "(?:" + rules.trie_pattern(rules.load_words(street_words))
                                     + "))" + number)
        # a quarter's name and a house number after a county-level division (朝阳区|芍药居|35号)
        self.quarter = regex.compile(f"({f['quarter_name']}){number}(?!{f['quarter_not_before']})")
        # descriptive words that are also divisions' full names (新老|城区 is no 老城区 of 洛阳)
        self.generic_full = frozenset(f["generic_full"])
        # a place's name as the issuer's code of a document number (雄安|发〔2021〕5号)
        self.document_code = regex.compile(f["document_code_after"])
        names = (set(self.full) | set(self.short) | set(self.former) | set(self.countries) | self.locations
                 | set(self.cities) | set(self.aliases))
        self.scanner = rules.Scanner(names)
        self.words = jieba_dictionary()
        self.features = self._features(feature_suffixes, not_locations, names, townships, feature_names)
        self.not_locations = frozenset(rules.load_words(not_locations))
        self.feature_scanner = rules.Scanner(self.features)
        divisions = set(self.full) | set(self.short) | set(self.former)
        # 怒江, 衢江, 恒山: a feature and a division; 中原 (also 中原区) stays a LOC
        self.feature_ends = rules.load_words(feature_suffixes)
        self.ambiguous = {n for n in self.locations if n in divisions and n.endswith(self.feature_ends)}
        self.name_dots, self.max_dotted = rules.characters("NAME_DOTS") + "·", 6  # 阿沛·|晋源
        self.feature_chars = {w for w in self.feature_ends if len(w) == 1}  # 河, 江, 山: 神定|河口 is 神定河 + 口
        ext = defaultdict(list)
        self.not_before = defaultdict(tuple)
        for r in rules.load_tsv(loc_extensions):
            ext[r["extension"]].append(tuple(a for a in r["after"].split("/") if a))
            self.not_before[r["extension"]] += tuple(a for a in (r["not_before"] or "").split("/") if a)
        self.extensions = dict(ext)
        # extensions that make a region of a division too (北京|及周边地区)
        self.division_extensions = {r["extension"] for r in rules.load_tsv(loc_extensions) if r.get("division") == "yes"}
        # regions named by province abbreviations (浙闽|地区, 江浙沪|地区)
        abbr = "".join(rules.load_words(region_abbreviations))
        low, high = f["region_abbreviations"]
        self.region_word = f["region_word"]
        self.region = regex.compile(f"[{regex.escape(abbr)}]{{{low},{high}}}{regex.escape(self.region_word)}")
        ends = "|".join(regex.escape(w) for w in f["route_words"])
        self.abbr_route = regex.compile(f"[{regex.escape(abbr)}]{{2,{high}}}(?:{ends})")  # 川藏|公路
        self.extension = regexes.compile(rules.trie_pattern(self.extensions))
        self.context = regex.compile(rules.trie_pattern(rules.load_words(feature_context)))
        self.max_common_freq = max_common_freq
        self.name_tags = tuple(f["name_tags"])
        self.port_word = f["port_word"]
        self.port_context = regex.compile(f["port_context"])
        self.port_name = regex.compile(f["port_name"])
        self.numbered_route = regex.compile(f["numbered_route"])  # 国道219线, 地铁3号线
        self.lettered_area = regex.compile(f["lettered_area"])  # 新城A区
        self.route_section = regex.compile(f["route_section"])  # 国道318线|波密至林芝段
        self.route_section_towns = tuple(f["route_section_towns"])
        self.route_between = regex.compile(f["route_between"])  # 甲镇至乙镇|一级公路
        # places listed before 等 and their kind (麦积山、仙人崖等景区)
        self.listed_sites = regex.compile(f["listed_sites"])
        self.listed_waters = regex.compile(f["listed_waters"])
        self.listed_item_max = f["listed_item_max"]
        self.listed_joins = tuple(f["listed_item_joins"])
        self.listed_first_stop_tags = frozenset(f["listed_first_stop_tags"])
        self.listed_first_stop_char_tags = frozenset(f["listed_first_stop_char_tags"])
        self.listed_char_verb_freq = f["listed_char_verb_freq"]
        self.listed_not_ends = tuple(f["listed_not_ends"])
        self.feature_after_town = regex.compile(rules.expand(f["feature_after_town"]))
        # states and provinces abroad after their country (美国|加利福尼亚州)
        low, high = f["foreign_division_length"]
        self.foreign_division = regex.compile(
            rf"(\p{{Han}}{{{low},{high}}}?)(?:{rules.trie_pattern(f['foreign_division_endings'])})")
        self.transliteration = frozenset("".join(rules.load_words(transliteration)))
        self.foreign_region = regex.compile(f["foreign_division_not_end"])
        self.native_of = frozenset(f["native_of"])
        self.region_word_keeps = frozenset(f["region_word_keeps"])
        self.foreign_bodies = {k: tuple(v) for k, v in f["foreign_division_bodies"].items()}
        self.home = f["home_country"]
        self._info: dict[str, tuple] = {}  # name -> _name_info(name)
        self._township_rows: dict[str, list | None] = {}  # name -> self.townships.get(name), remembered
        self._row_attrs: dict[int, dict] = {}  # id of a division row (held in self.rows) -> gpe_item's attributes

    def _autonomous_forms(self):
        """An autonomous county or banner written as its short name and an
        ending (澜沧县, 道真自治县; forms.yaml): full names of its row, where
        no other division has the name."""
        for form, r in autonomous_forms(self.rows, self.autonomous).items():
            if form not in self.full:
                self.full[form].append(r)

    @staticmethod
    def _township_table(name: str):
        """Township name -> [(county code, township code or 0), ...] as a
        memory-mapped trie of the table's 43,000 rows (cache.record_trie),
        and the longest name. Only names of three or more characters: two
        (丰镇, 新乡) collide with other names."""
        def rows():
            return ((r["name"], (int(r["county"]), int(r["code"] or 0)))
                    for r in rules.load_tsv(name) if len(r["name"]) >= 3)

        key = cache.digest(rules.path(name).read_bytes())
        longest = cache.marshalled("townships-longest", key, lambda: max((len(n) for n, _ in rows()), default=0))
        return cache.record_trie("townships", key, "<ii", rows), longest

    def _features(self, suffixes, stops, names, townships, feature_names) -> set[str]:
        """jieba's place words (ns) of three or more characters ending like a
        feature, and the waters and islands it tags as other names
        (feature_names.yaml: 雁栖湖 nr), less divisions, stop words, and a
        division followed by a feature name (新疆塔里木盆地 is 新疆 + 塔里木盆地)."""
        ends = rules.load_words(suffixes)
        stop = set(rules.load_words(stops))
        fn = rules.load_yaml(feature_names)
        surnames = set(rules.load_words(fn["surnames"]))
        name_tags, long_tags, name_ends = set(fn["tags"]), set(fn["long_tags"]), tuple(fn["ends"])

        def named_water(w, tag):
            if tag not in name_tags or not w.endswith(name_ends) or w[-2:] in self.words:
                return False  # 闯|江湖
            if len(w) == 3:
                return w[0] not in surnames  # 董玉河 is a person
            return tag in long_tags and len(w) <= fn["max_length"]

        def build():
            excluded = names | set(self.townships.keys())
            found = {w for w, (_, tag) in self.words.items()
                     if len(w) >= 3 and (tag == "ns" and w.endswith(ends) or named_water(w, tag))
                     and w not in excluded and w not in stop}
            known = found | self.locations
            return sorted(w for w in found
                          if not any(w[:k] in excluded and w[k:] in known for k in range(2, len(w) - 1)))

        # a pass over jieba's whole dictionary: cached, keyed by every input
        key = cache.digest(self.words.key, FEATURES_VERSION, "\n".join(ends), "\n".join(sorted(stop)), repr(fn),
                           "\n".join(sorted(surnames)),
                           "\n".join(sorted(names)), rules.path(townships).read_bytes(),
                           "\n".join(sorted(self.locations)))
        return set(cache.marshalled("gazetteer-features", key, build))

    def __call__(self, doc):
        text = text_of(doc)
        bounds = boundaries_of(doc)
        cands = [(s, e, text[s:e]) for s, e in self.scanner.finditer(text)]
        info = self._info
        # Context: provinces and cities named unambiguously in full.
        context = Counter()
        for _, _, name in cands:
            codes = (info.get(name) or self._name_info(name))[0]
            if codes:
                context.update(codes)
        found = items(doc)
        for s, e in self.feature_scanner.finditer(text):
            if s in bounds and e in bounds:
                cands.append((s, e, text[s:e]))
        cands.sort()
        # Sure LOCs, for the names that are both a feature and a division.
        sure = {(s, e) for s, e, name in cands if (info.get(name) or self._name_info(name))[3]}
        starts = {s for s, _, _ in cands}
        loc_ends = set()  # where a LOC found here ends
        token_start = token_start_at(doc)
        token_end = token_end_at(doc)
        # a division written right after its country in one token (中国内蒙古自治区)
        after_country = frozenset(e for s, e, name in cands if name in self.countries and s in bounds)
        for s, e, name in cands:
            _, county_short, river_short, _, ambiguous = info.get(name) or self._name_info(name)
            if county_short and self._after_name_dot(text, s):
                continue  # 阿沛·晋源: the second part of a dotted name (中新网·甘肃 stays)
            if (river_short and s in bounds and self.context.match(text, e)
                    and not any(context[r["code"]] for r in self.short[name])):
                found.append(self._extend(Item("entity", s, e, "LOC", "gazetteer", {"feature": True}), text))
                continue  # 沙河|入海口: a division's short name that is a river's too (not where 沙河市 is named)
            # (positional: a call with keywords costs more, and this is one per candidate)
            as_location = not (ambiguous and not self._feature_meant(s, e, text, sure))
            item = self._resolve(s, e, name, text, bounds, context, as_location, starts, token_start, token_end,
                                 after_country, loc_ends)
            if item is not None and self.document_code.match(text, item.end):
                continue  # 雄安|发〔2021〕5号: the issuer's code of a document number, no place
            if item is not None:
                if item.label == "GPE" and item.attrs.get("level") in ("province", "city"):
                    m = self.extension.match(text, item.end)
                    if m and m.group() in self.division_extensions:
                        item = Item("entity", item.start, m.end(), "LOC", "gazetteer", {})  # 黔西南州|及周边地区
                if item.label == "LOC":
                    item = self._extend(item, text)
                    loc_ends.add(item.end)  # a LOC right after it needs no token boundary (横琴前海|南沙)
                found.append(item)
        found.extend(self._townships(text, bounds, context, doc, found))
        self._ports(text, found, token_end)
        found.extend(self._named_ports(text, bounds, found, token_start))
        found.extend(self._numbered_routes(text, found))
        found.extend(self._route_ends(text, found))
        self._areas_of_cities(text, found)
        found.extend(self._foreign_divisions(text, found, bounds, token_end))
        found.extend(self._regions(text, bounds))
        found.extend(self._streets(text, bounds, found))
        found.extend(self._listed_sites(text, bounds, found, token_start))
        return doc

    def _listed_sites(self, text, bounds, found, token_start):
        """The places of a list that ends in 等 and their kind (麦积山、仙人崖|等景区,
        弥苴河、罗时江|等入湖河流): each item a LOC, where it is no division
        (婺源、三清山等景区: 婺源 stays a GPE) and no body (…博物馆), and, in a list
        of waters, ends in a feature's character (forms.yaml `listed_*`)."""
        out = []
        gpes = {(i.start, i.end) for i in found if i.label == "GPE"}
        gpe_at = {i.start: i.end for i in found if i.label == "GPE"}
        for waters, pattern in ((False, self.listed_sites), (True, self.listed_waters)):
            for m in pattern.finditer(text):
                for a, b in self._list_items(text, m.start(), bounds, token_start):
                    while gpe_at.get(a, b) < b:
                        a = gpe_at[a]  # 江苏|淮安|清风桥: the divisions it lies in stay GPEs
                    name = text[a:b]
                    if len(name) < 2:
                        continue
                    if ((a, b) in gpes or name in self.full or name in self.short or name in self.countries
                            or name.endswith(self.listed_not_ends) or (waters and not name.endswith(self.feature_ends))):
                        continue
                    out.append(Item("entity", a, b, "LOC", "gazetteer", {}))
        return out

    def _stops_list(self, piece: str) -> bool:
        """A token before a list's first item that is no part of it: a word
        of two or more characters jieba tags as a verb or function word, or
        does not know and starts with a function word's character (这是); a
        character tagged as a function word, or as a verb this frequent (是,
        not 弥: jieba's tags of single characters inside names are arbitrary)."""
        freq, tag = self.words.get(piece, (0, ""))
        if len(piece) > 1:
            if piece not in self.words:
                return self.words.get(piece[0], (0, ""))[1] in self.listed_first_stop_char_tags
            return tag in self.listed_first_stop_tags
        return tag in self.listed_first_stop_char_tags or (tag.startswith("v") and freq >= self.listed_char_verb_freq)

    def _list_items(self, text, end, bounds, token_start):
        """The items (start, end) of the list that ends at `end`, the last
        first: Han runs between list marks (、, and 和/及/与 inside a run);
        the first item starts at a token boundary after the last verb,
        preposition or function word before it (依托|药王谷). The segmenter
        may glue 等 to the last item (永安|江等入|湖河流), so the list's end
        needs no token boundary."""
        items = []
        while end > 0:
            k = end
            while k > 0 and HAN.match(text, k - 1) and text[k - 1] not in self.listed_joins and end - k <= self.listed_item_max:
                k -= 1
            if end - k <= self.listed_item_max and k > 0 and text[k - 1] in self.listed_joins:
                if end - k >= 2 and k in bounds:
                    items.append((k, end))
                end = k - 1
                continue
            # the first item: whole tokens back from its end, none a verb or function word,
            # to such a word or the start of the run of Han characters (not into a longer run)
            start, edge = end, False
            while start > k and start in token_start and token_start[start] >= k:
                t0 = token_start[start]
                if self._stops_list(text[t0:start]):
                    edge = True
                    break  # 依托|药王谷, 这是|药王谷 (抓好|弥|苴河: 弥, a rare verb, is the name's)
                start = t0
            edge = edge or (start == k and (k == 0 or not HAN.match(text, k - 1)))
            if edge and end - start >= 2 and self._first_item_named(text, start, end, token_start):
                items.append((start, end))
            break
        return items

    def _first_item_named(self, text, a, b, token_start) -> bool:
        """The first item of a list, whose left edge no list mark gives, holds a
        name: a word of two or more characters jieba does not know or tags as
        a name (麦积山 nr, 海龙|屯), single characters only (弥|苴|河), or a
        word and one character (药王|谷, 仙人|崖). Common words alone
        (串联|湿地|花卉|园) name no site."""
        pieces, end = [], b
        while end > a:
            start = token_start.get(end, a)
            pieces.append(text[max(a, start):end])
            end = start
        if any(len(p) > 1 and (p not in self.words or self.words.get(p)[1] in self.name_tags) for p in pieces):
            return True
        if all(len(p) == 1 for p in pieces):
            return True  # 弥|苴|河: a name jieba does not know, read a character at a time
        return len(pieces) == 2 and len(pieces[0]) == 1 and len(pieces[1]) > 1

    def _foreign_divisions(self, text, found, bounds, token_end):
        """A state, province or region abroad right after its country's name
        (美国|加利福尼亚州, 日本|福井县), and the next ones of a list after it
        (…州和|俄亥俄州): GPE with the country. Its name is characters of
        the transliteration table or words jieba tags as places or names or
        does not know (forms.yaml `foreign_division_*`)."""
        out = []
        taken = {i.start for i in found if i.kind == "entity"}
        anchors = [(i.end, i.attrs["country"]) for i in found
                   if i.kind == "entity" and i.label == "GPE" and i.attrs.get("country") not in (None, self.home)]
        while anchors:
            at, country = anchors.pop()
            m = self.foreign_division.match(text, at)
            if m is None or at in taken or not self._foreign_name(text, at, m.end(1), token_end):
                continue
            if self.foreign_region.search(m.group()) or m.group().endswith(self.foreign_bodies.get(country, ())):
                continue  # 科索沃|冲突地区: a region, no division; 日本|大藏省: a ministry
            taken.add(at)
            out.append(Item("entity", at, m.end(), "GPE", "gazetteer", {"country": country}))
            anchors.extend((p, country) for p in self._after_separator(text, m.end()))
        return out

    def _foreign_name(self, text, s, e, token_end) -> bool:
        """Characters s:e read as a foreign place's name: all of the
        transliteration table (加利福尼亚), or tokens each a word jieba tags
        as a place or a name or does not know (俄亥俄, 福井)."""
        name = text[s:e]
        if all(c in self.transliteration for c in name):
            return True
        p = s
        while p < e:
            q = min(token_end.get(p, p + 1), e)
            piece = text[p:q]
            tag = self.words.get(piece, (0, "x"))[1]
            if len(piece) < 2 or tag not in self.name_tags:
                return False
            p = q
        return True

    def _areas_of_cities(self, text, found):
        """A national new area written after its city or province (长沙|湘江新区,
        成都|天府新区): one LOC, the city no GPE of its own there."""
        upper = {i.end: i for i in found if i.kind == "entity" and i.label == "GPE"
                 and i.attrs.get("level") in ("province", "city")}
        for i in [i for i in found if i.kind == "entity" and i.label == "LOC" and text[i.start:i.end] in self.new_areas]:
            city = upper.get(i.start)
            if city is not None:
                found.remove(city)
                found.remove(i)
                found.append(Item("entity", city.start, i.end, "LOC", "gazetteer", {}))

    def _ports(self, text, found, token_end):
        """A port named by one or two places or a feature and the port word as
        a token of its own (宁波|舟山|港, 北部湾|港): one LOC in their place."""
        word = self.port_word
        places = [i for i in found if i.kind == "entity" and i.label in ("GPE", "LOC")
                  and i.attrs.get("level") not in ("township", "village")]
        by_end = {i.end: i for i in places}
        for i in places:
            if not text.startswith(word, i.end) or token_end.get(i.end) != i.end + len(word):
                continue
            parts = [i]
            if i.start in by_end:
                parts.insert(0, by_end[i.start])  # 宁波|舟山|港
            for p in parts:
                found.remove(p)
            found.append(Item("entity", parts[0].start, i.end + len(word), "LOC", "gazetteer", {}))

    def _named_ports(self, text, bounds, found, token_start):
        """A port named by a name jieba does not know (新田|港 where 新田 is no
        place found, 清澜港 one token its HMM made), on token boundaries, with
        the clause going on about a port's traffic (吞吐量, 集装箱, 航线:
        forms.yaml `port_context`): one LOC."""
        word = self.port_word
        taken = bytearray(len(text) + 1)
        for i in found:
            if i.kind == "entity":
                taken[i.start:i.end] = b"\x01" * (i.end - i.start)
        out = []
        for e in (m.end() for m in regex.finditer(regex.escape(word), text)):
            if e not in bounds or not self.port_context.match(text, e):
                continue
            s = token_start.get(e)
            if s is not None and s == e - len(word):
                s = token_start.get(s)  # 新田|港: the name is the token before
            if s is None or not self.port_name.fullmatch(text, s, e - len(word)) or any(taken[s:e]):
                continue
            name = text[s:e - len(word)]
            if name in self.words and self.words.get(name)[1] not in self.name_tags:
                continue  # 来|港, 抵达|港: a common word before the port word
            out.append(Item("entity", s, e, "LOC", "gazetteer", {}))
        return out

    def _numbered_routes(self, text, found):
        """Roads and rail lines named by number (国道219线, 省道301线, G318线,
        地铁3号线: forms.yaml `numbered_route`) and a new town's lettered
        quarters (新城A区, `lettered_area`): one LOC each, where no entity
        found so far overlaps it and no letter or digit goes on around it
        (AG318线 is a code, no road)."""
        taken = bytearray(len(text) + 1)
        for i in found:
            if i.kind == "entity":
                taken[i.start:i.end] = b"\x01" * (i.end - i.start)
        out = []
        for m in itertools.chain(self.numbered_route.finditer(text), self.lettered_area.finditer(text)):
            s, e = m.span()
            if any(taken[s:e]) or (s and text[s - 1].isascii() and text[s - 1].isalnum()):
                continue
            if e < len(text) and text[e].isascii() and text[e].isalnum():
                continue
            out.append(Item("entity", s, e, "LOC", "gazetteer", {}))
            sec = self.route_section.match(text, e) if m.re is self.numbered_route else None
            if sec:
                out += self._section_ends((sec.span(1), sec.span(2)), text, found)
        return out

    def _route_ends(self, text, found):
        """The places a road or railway joins, written before it (xx至yy一级公路):
        the end after 至, and the longest of two to four characters before
        至 that is a division or a town (_section_ends)."""
        out = []
        for m in self.route_between.finditer(text):
            z = m.start()
            for k in (4, 3, 2):
                if z - k >= 0 and self._section_end(text[z - k:z]) is not False:
                    out += self._section_ends(((z - k, z), m.span(1)), text, found)
                    break
        return out

    def _section_end(self, name):
        """The division row of a section's end (None: a town of the table
        written without 镇/乡; False: no place)."""
        rows = self.full.get(name) or self.short.get(name) or []
        if len(rows) == 1:
            return rows[0]
        if not rows and any(self.townships.get(name + t) for t in self.route_section_towns):
            return None
        return False

    def _section_ends(self, spans, text, found):
        """The ends of a route's section (国道318线|波密至林芝段) that are places:
        a division by its full or short name (one row), or a town of the
        township table written without its 镇 or 乡; what was found on them
        before (a river's LOC, 狮泉河) gives way."""
        out = []
        for a, b in spans:
            row = self._section_end(text[a:b])
            if row is False:
                continue
            item = (self.gpe_item(a, b, row) if row is not None
                    else Item("entity", a, b, "GPE", "gazetteer", {"level": "township"}))
            for i in [i for i in found if i.kind == "entity" and i.start < b and a < i.end]:
                found.remove(i)
            out.append(item)
        return out

    # township names looked up and remembered (_townships), then forgotten
    TOWNSHIPS_SEEN_MAX = 100_000

    def _name_info(self, name: str) -> tuple:
        """What the gazetteer's tables alone say of a name, worked out once
        per name (then a dict lookup per candidate): the codes it adds to
        the document's context (a division named unambiguously in full, or
        the short name of one province or city), whether it is only a
        county's short name, a division's short name written like a river's
        (沙河), a sure LOC, a name both a feature and a division."""
        rows, short = self.full.get(name, []) if name not in self.generic_full else [], self.short.get(name, [])
        if len(rows) == 1:  # (新老|城区: a descriptive word gives no context)
            r = rows[0]
            codes = tuple(c for c in (r["code"], r["province"], r["city"]) if c)
        elif short and all(r["level"] != "county" for r in short) and len(short) == 1:
            codes = tuple(c for c in (short[0]["code"], short[0]["province"]) if c)
        else:
            codes = ()
        county_short = name not in self.full and bool(short) and all(r["level"] == "county" for r in short)
        river_short = (name not in self.ambiguous and name.endswith(self.feature_ends)
                       and name not in self.locations and name in self.short)
        sure = (name in self.locations or name in self.features) and name not in self.ambiguous
        found = self._info[name] = (codes, county_short, river_short, sure, name in self.ambiguous)
        return found

    def _streets(self, text, bounds, found):
        """A street or road in an address: right after a division, a name
        and a street word (street_words.txt), then a house number
        (朝阳区|建国路|88号, 海淀区|中关村大街|1号): LOC; the division stays a
        GPE of its own. After a county-level division a quarter's name and
        a house number without a street word too (朝阳区|芍药居|35号). Without
        the number a street word after a place is left alone (人民路 as a
        common name, 广西|道路)."""
        out = []
        gpes = [i for i in found if i.label == "GPE" and i.kind == "entity" and i.end in bounds]
        ends = {i.end for i in gpes}
        counties = {i.end for i in gpes if i.attrs.get("level") == "county"}
        longer = {i.start for i in found if i.kind == "entity" and i.label in ("GPE", "LOC", "ORG")}
        for end in sorted(ends):
            m = self.address.match(text, end)
            if m is None and end in counties:
                m = self.quarter.match(text, end)  # 朝阳区|芍药居|35号: a quarter, no street word
            if m and not any(p in longer for p in range(end, m.end(1))):
                out.append(Item("entity", end, m.end(1), "LOC", "gazetteer", {"street": True}))
        return out

    def _regions(self, text, bounds):
        """A region named by two or more province abbreviations and 地区
        (浙闽地区, 江浙沪地区; LOC), and a road so named (川藏公路:
        forms.yaml `route_words`), on token boundaries, unless a division's
        name starts it (江苏地区, 辽宁地区: the province's, a GPE)."""
        out = []
        for m in itertools.chain(self.region.finditer(text), self.abbr_route.finditer(text)):
            s, e = m.span()
            name = m.group()[:-2]  # 地区, 公路
            if s not in bounds or (m.re is self.abbr_route and e not in bounds) or any(name[:k] in self.full or name[:k] in self.short or name[:k] in self.aliases
                                      for k in range(2, len(name) + 1)):
                continue
            out.append(Item("entity", s, e, "LOC", "gazetteer", {}))
        return out

    def _townships(self, text, bounds, context, doc, found):
        """Towns and subdistricts (孝丰镇, 递铺街道) from the township table, with
        the code where the county is named; towns the table lacks, right
        after their county or next in a list of towns (壶关县|大峡谷镇);
        villages (十八洞村) after a township or county or a verb of going, by
        the pattern in villages.yaml, and the next ones in a list (北社村、元村)."""
        out = []
        for m in self.township_suffix.finditer(text):
            e = m.end()
            for length in range(min(self.max_township, e), 2, -1):
                if e - length not in bounds:
                    continue  # a name starts on a token boundary (no slice, no lookup)
                name = text[e - length:e]
                rows = self._township_rows.get(name, False)
                if rows is False:  # looked up in the trie once per name (until the memory is full)
                    if len(self._township_rows) >= self.TOWNSHIPS_SEEN_MAX:
                        self._township_rows.clear()
                    rows = self._township_rows[name] = self.townships.get(name)
                if rows and self._ending_in_word(text, e - length, e, doc):
                    break  # 发展|乡村, 1—11月|城镇: the ending is part of a common word, no town
                if rows:
                    named = [r for r in rows if context[str(r[0])]]
                    row = named[0] if len(named) == 1 else (rows[0] if len(rows) == 1 else None)
                    attrs = {"level": "township"}
                    if row is not None:
                        county = self.by_code.get(str(row[0]))
                        if row[1]:
                            attrs["code"] = str(row[1])
                        if county:
                            attrs.update(county=county["name"])
                            for key in ("province", "city"):
                                parent = self.by_code.get(county[key])
                                if parent:
                                    attrs[key] = parent["name"]
                    out.append(Item("entity", e - length, e, "GPE", "gazetteer", attrs))
                    break
        tokens = tokens_of(doc)
        token_start = token_start_at(doc)
        token_end = token_end_at(doc)
        local = (token_start, token_end, tokens)
        taken = {i.start for i in out}  # where a place starts
        # towns the table lacks: after a county, or after a town and a list separator
        anchors = [i.end for i in found if i.label == "GPE" and i.attrs.get("level") == "county"]
        taken |= {i.start for i in found if i.label == "GPE"}  # 、|沈丘县冯营镇: the county's own
        anchors += [p for i in out for p in self._after_separator(text, i.end)]
        out += [Item("entity", a, b, "GPE", "gazetteer", {"level": "township"})
                for a, b in self._next_in_list(text, anchors, self.township, taken, local)]
        # where a division written in full starts (三桥镇, not the short 南平 of 南平头坞村)
        divisions = {i.start for i in list(found) + out
                     if i.label == "GPE" and self.full_ending.search(text, i.start, i.end)}
        villages = []
        for m in self.village.finditer(text, overlapped=True):  # 三桥镇|塘村村, not 三桥镇塘村|村
            a, b = m.span("v")
            if (not villages or a >= villages[-1][1]) and not any(p in divisions for p in range(a, b - 1)) \
                    and self._local_name(text, a, b, local):  # not over a town: 三桥镇|塘村村
                villages.append((a, b))
        anchors = [p for _, b in villages for p in self._after_separator(text, b)]
        seen = {a for a, _ in villages}
        villages += self._next_in_list(text, anchors, self.village_in_list, seen, local)  # the next villages of a list
        for a, b in villages:
            out.append(Item("entity", a, b, "GPE", "gazetteer", {"level": "village"}))
        # a list of town + village pairs: the next town after a village (店上镇绍良村、|集店镇常平村)
        anchors = [p for _, b in villages for p in self._after_separator(text, b)]
        taken |= {i.start for i in out}
        out += [Item("entity", a, b, "GPE", "gazetteer", {"level": "township"})
                for a, b in self._next_in_list(text, anchors, self.township, taken, local)
                if any(a2 == b for a2, _ in villages)]
        out += self._mentioned_again(text, bounds, out, taken | seen)
        out += self._townships_written_short(text, bounds, out, taken | seen | {i.start for i in out}, token_end)
        return out + self._features_after_towns(text, bounds, found + out, local)

    def _ending_in_word(self, text, a, e, doc) -> bool:
        """A town's ending read by the segmenter in a common word
        (villages.yaml `not_town_words`) that runs on past the name
        (发展|乡村), or that starts inside it after a function or time word
        (1—11月|城镇, 快于|城镇): the word, not a town of the table. 土|城镇
        stays a town."""
        tokens = tokens_of(doc)
        i = bisect_right(tokens, e - 1, key=_START) - 1  # the token holding the ending's last character
        if i < 0:
            return False
        t0, t1, _ = tokens[i]
        if text[t0:t1] not in self.not_town_words:
            return False
        return t1 > e or (t0 > a and self.words.get(text[a:t0], (0, ""))[1] in self.not_town_before_tags)

    def _townships_written_short(self, text, bounds, places, taken, token_end):
        """A town or township found in full is the same place where the
        document writes it again without its ending, as a word of its own
        (竹塘乡 … 在|竹塘|调研): two or more characters that jieba's dictionary
        does not know as a common word other than a place, and not followed
        by a word it does not know, where a longer name goes on (博鳌镇 …
        博鳌|一龄|生命养护中心, a body's name)."""
        names = {}
        for i in places:
            m = self.township_suffix.search(text, i.start, i.end) if i.attrs.get("level") == "township" else None
            short = text[i.start:m.start()] if m and m.end() == i.end else ""
            if len(short) >= 2 and not self.words.common(short, self.common_freq, ("ns",)):
                names.setdefault(short, i.attrs)
        out = []
        for a, b in (rules.find_words(names, text) if names else ()):
            if a not in taken and a in bounds and b in bounds and not (
                    HAN.match(text, b) and text[b:token_end.get(b, b)] not in self.words):
                taken.add(a)
                out.append(Item("entity", a, b, "GPE", "gazetteer", dict(names[text[a:b]])))
        return out

    def _features_after_towns(self, text, bounds, places, local):
        """A stream, river, lake or hill named right after its town or county
        (三桥镇|海洋溪): LOC, a feature, where its name reads as a local name,
        ends on a token boundary and holds no place found (琼中|经|五指山;
        forms.yaml `feature_after_town`)."""
        out = []
        starts = {i.start for i in places if i.kind == "entity"}
        for i in places:
            if i.kind != "entity" or i.label != "GPE" or i.attrs.get("level") not in ("township", "county"):
                continue
            m = self.feature_after_town.match(text, i.end)
            if m and m.end() in bounds and not any(p in starts for p in range(i.end, m.end())) \
                    and m.group() not in self.words and self._local_name(text, i.end, m.end(), local):
                out.append(Item("entity", i.end, m.end(), "LOC", "gazetteer", {"feature": True}))
        return out

    @staticmethod
    def _mentioned_again(text, bounds, places, taken):
        """A town or village found by its context (after its county or town,
        in a list) is the same place where its name stands again in the
        document on token boundaries (梅城镇南峰村 … 负责人,南峰村)."""
        names = {text[i.start:i.end]: i.attrs for i in places if "code" not in i.attrs}
        if not names:
            return []
        out = []
        for a, b in rules.find_words(names, text):
            if a not in taken and b in bounds and (a in bounds or not HAN.match(text, a - 1)):
                taken.add(a)
                out.append(Item("entity", a, b, "GPE", "gazetteer", dict(names[text[a:b]])))
        return out

    def _next_in_list(self, text, anchors, pattern, taken, local) -> list[tuple[int, int]]:
        """(start, end) of the names of `pattern` that start at an anchor (after
        a list separator), start no place of `taken` and read as a local name;
        each one found anchors the next (沈丘县冯营镇、|付井镇, 北社村、|元村)."""
        out = []
        while anchors:
            a = anchors.pop()
            m = pattern.match(text, a)
            if m and a not in taken and self._local_name(text, a, m.end(), local):
                taken.add(a)
                out.append((a, m.end()))
                anchors.extend(self._after_separator(text, m.end()))
        return out

    def _after_separator(self, text, end):
        return [end + len(sep) for sep in self.list_separators if text.startswith(sep, end)]

    def _local_name(self, text, s, e, local) -> bool:
        """A town's or village's name: not ending inside a common word
        (新型城镇|化), no verb of two or more characters (推动|强村) or function
        word (居民|和|农村) in it, its ending not swallowed by a common word
        (新|农村, 特色|小镇), not starting with a count or a determiner
        (两个|联系村, 各村). jieba's dictionary is read only here, for the
        tokens of a candidate."""
        token_start, token_end, tokens = local
        if self.not_local.match(text, s):
            return False
        i = bisect_right(tokens, e, key=_START) - 1  # the token e is inside of, if any
        if i >= 0 and tokens[i][0] < e < tokens[i][1] and \
                self.words.get(text[tokens[i][0]:tokens[i][1]], (0, ""))[0] >= self.common_freq:
            return False
        p = s
        while p < e:
            q = token_end.get(p, p + 1)
            tag = self.words.get(text[p:q], (0, ""))[1]
            if tag in (self.verb_tags if q - p > 1 else self.function_tags):
                return False
            p = q
        last = text[max(s, token_start.get(e, s)):e]
        return len(last) == 1 or not self.words.common(last, self.common_freq, ("ns",))

    def _pick(self, rows, context):
        if len(rows) == 1:
            return rows[0]
        scored = sorted(rows, key=lambda r: -(2 * context[r["city"]] + context[r["province"]]))
        best = scored[0]
        if context[best["city"]] or context[best["province"]]:
            second = scored[1]
            if (2 * context[best["city"]] + context[best["province"]]) > (2 * context[second["city"]] + context[second["province"]]):
                return best
        return None

    def known_place(self, name, s, e) -> Item | None:
        """The GPE item of characters s:e for a name known whole without the
        document's context (the merge asks it of the NER's names): a division
        written in full (its code where it has one row), a country, a former
        name, or the short name of one province or city; None otherwise."""
        if name in self.full:
            rows = self.full[name]
            return self.gpe_item(s, e, rows[0] if len(rows) == 1 else None)
        if name in self.countries:
            return self._country(s, e, name)
        if name in self.former:
            return self.gpe_item(s, e, None, current_name=self.former[name])
        upper = [r for r in self.short.get(name, []) if r["level"] != "county"]
        return self.gpe_item(s, e, upper[0]) if len(upper) == 1 else None

    def _country(self, s, e, name):
        return Item("entity", s, e, "GPE", "gazetteer", {"country": self.countries[name]["full_name"] or name})

    def gpe_item(self, s, e, row, **extra):
        """The GPE item of characters s:e with its division row's code and parents (row None: a place
        without a code); the merge makes the NER's places with it too, so both carry the same attributes."""
        if row is None:
            return Item("entity", s, e, "GPE", "gazetteer", dict(extra))
        made = self._row_attrs.get(id(row))  # a row's attributes worked out once, copied per item
        if made is None:
            made = {}
            if row["code"]:
                made["code"] = row["code"]
            made["level"] = row["level"]
            for key in ("province", "city"):
                parent = self.by_code.get(row[key])
                if parent:
                    made[key] = parent["name"]
            self._row_attrs[id(row)] = made
        return Item("entity", s, e, "GPE", "gazetteer", {**extra, **made} if extra else dict(made))

    def _unknown_after(self, text, e, token_end) -> bool:
        """A token of Han characters that jieba's dictionary does not know
        follows right after (乌兰|恰特, a theatre): with no province or city of
        the county named, the short name starts a longer name, not the county."""
        end = token_end.get(e)
        return end is not None and end - e >= 2 and HAN_RUN.fullmatch(text, e, end) is not None \
            and text[e:end] not in self.words

    def _in_common_word(self, text, s, e, token_end) -> bool:
        """The segmenter's token that starts with a short name runs on past
        it into no word of its own, and is a word jieba's dictionary knows
        and tags as no name (长治|久安 l): the name is a piece of
        it. A place before a common word stays (台湾|同胞, 吉林大学 nt), and
        before a word for its people (河南|开封|人: forms.yaml `native_of`)."""
        end = token_end.get(s)
        rest = text[e:end] if end is not None else ""
        return (end is not None and end > e and rest not in self.native_of and not (len(rest) >= 2 and self.words.common(rest, self.max_common_freq,
                                                                                           self.name_tags))
                and self.words.common(text[s:end], 1, self.name_tags))

    def _word_of_unnamed_city(self, text, s, e, token_end, rows, context) -> bool:
        """A city's short name that starts a longer token, a word jieba's
        dictionary knows and tags as no name (朝阳|产业 n, 日照|时间 n), where
        the document names neither the city in full nor its province: the
        word's own sense (the morning sun, sunshine). A province's name stays
        (台湾|同胞, 四川|火锅), as does a city before a word for its people
        (开封|人) or where the document names it (朝阳市 … 朝阳产业)."""
        end = token_end.get(s)
        if end is None or end <= e or text[e:end] in self.native_of:
            return False
        if any(r["level"] != "city" or context[r["code"]] or context[r["province"]] for r in rows):
            return False
        return self.words.common(text[s:end], 1, self.name_tags)

    def _region_word(self, text, s, e, token_end, name) -> bool:
        """A region's two-character name (no natural feature) that starts a
        token of one character more, a word jieba's dictionary knows and
        tags as no place (华南|虎 nz, 东北|虎 nr, 北极|熊 n, 东北|部 f): the
        region names a kind of thing or a direction, not a place. 江南春 (ns)
        stays, as do events named after the region (欧洲|杯,亚洲|杯赛:
        forms.yaml `region_word_keeps`) and longer names in a title
        (《岳阳楼|记》)."""
        end = token_end.get(s)
        if end != e + 1 or len(name) != 2 or name.endswith(self.feature_ends) or text[e] in self.region_word_keeps:
            return False  # 欧洲|杯: an event named after the region, the place inside its name
        word = text[s:end]
        return word in self.words and self.words.get(word, (0, ""))[1] != "ns"

    def _after_name_dot(self, text, s) -> bool:
        """A name dot before a county's short name, and before the dot Han
        characters that name no place (阿沛·晋源; not 中国·成都)."""
        if s < 2 or text[s - 1] not in self.name_dots:
            return False
        m = HAN_RUN_END.search(text, max(0, s - 1 - self.max_dotted), s - 1)
        return m is not None and not any(
            m.group()[k:] in self.full or m.group()[k:] in self.short or m.group()[k:] in self.countries
            for k in range(len(m.group()) - 1))

    def _tail_of_unknown(self, before: str) -> bool:
        """The word before a county's short name that starts with a feature's
        character (河口, 江口) is Han characters that jieba's dictionary does
        not know: the feature's name runs on into the county's (神定河|口).
        Other county names stay (美人谷|丹巴)."""
        return len(before) >= 2 and before not in self.words and HAN_RUN.fullmatch(before) is not None

    def _feature_meant(self, s, e, text, sure) -> bool:
        if self.context.match(text, e):
            return True
        for sep in self.list_separators:
            if text.startswith(sep, e) and any(a == e + len(sep) for a, _ in sure):
                return True
            if text.endswith(sep, 0, s) and any(b == s - len(sep) for _, b in sure):
                return True
        return False

    def _extend(self, item, text):
        m = self.extension.match(text, item.end)
        if m and self.not_before[m.group()] and text.startswith(self.not_before[m.group()], m.end()):
            return item  # 长治|地区生产总值
        afters = self.extensions[m.group()] if m else ()
        if m and any(not after or text[item.start:item.end].endswith(after) for after in afters):
            # a feature's own part (瓯江|口, 黄海|湿地: an extension for
            # features only) is a feature still, which may head a zone (瓯江口|新区)
            feature = bool(item.attrs.get("feature")) and all(afters)
            return Item("entity", item.start, m.end(), "LOC", "gazetteer", {"feature": True} if feature else {})
        return item

    def _resolve(self, s, e, name, text, bounds, context, as_location=True, starts=frozenset(), token_start=None,
                 token_end=None, after_country=frozenset(), loc_ends=frozenset()):
        if as_location and (name in self.locations or name in self.features):
            if s not in bounds and e not in bounds and s not in loc_ends:
                return None  # 县长江涛 is not 长江
            if s not in bounds and token_start and text[token_start.get(e, e):e] in self.not_locations:
                return None  # 中|南海 (the token 中南海, a metonym): the end of a word that is no LOC
            if self.township_suffix.match(text, e):
                return None  # 西柏坡|乡, 千岛湖|镇: the town named after the place
            if e not in bounds and token_end and self._region_word(text, s, e, token_end, name):
                return None  # 华南虎, 东北风: a word of the dictionary named after the region, no place
            if (len(name) == 2 and name in self.locations and self.generic_region_before is not None
                    and self.generic_region_before.search(text, max(0, s - 6), s)):
                return None  # 祖国最|南疆, 发展最好的|湾区: graded, a common noun
            # a natural feature may head a longer name (太湖|科学城); a region not (京津冀|开发区)
            return Item("entity", s, e, "LOC", "gazetteer", {"feature": name.endswith(self.feature_ends)})
        if name in self.features or (name in self.locations and name not in self.ambiguous):
            return None
        if name in self.full:
            if text.startswith(self.post_after_full, e) and e not in starts and name[:-1] in self.short:
                return self.gpe_item(s, e - 1, self._pick(self.full[name], context))  # 广东|省长
            if (s not in bounds and s not in after_country) or e not in bounds:
                return None  # 沿海城市 is not 海城市; 中国|内蒙古自治区 (one token) is
            rows = self.full[name]
            if name in self.generic_full and not any(context[r["city"]] or context[r["province"]] for r in rows):
                return None  # 新老|城区: a descriptive word, unless its city or province is named
            if len(name) == 2 and self.words.get(name[0], (0, ""))[1] in self.full_word_tags and not any(
                    (p := self.by_code.get(r[k])) and (p["name"] in text or (p["short"] and p["short"] in text))
                    for r in rows for k in ("province", "city")):
                return None  # 福利院|和|县敬老院: the conjunction and a prefix, not 和县 (its own name gives no context)
            return self.gpe_item(s, e, self._pick(rows, context))
        if name in self.aliases:  # 澳门特区, 台湾地区, 苏格兰
            a = self.aliases[name]
            rows = self.full.get(a["name"] or "", [])
            if rows:
                return self.gpe_item(s, e, rows[0], alias_of=a["name"])
            return Item("entity", s, e, "GPE", "gazetteer", {"country": a["country"]})
        if name in self.cities and name not in self.countries:  # a city abroad (里斯本, 波尔图市)
            if s not in bounds or e not in bounds:
                return None  # (jieba tags many as names of people: 柏林 nr; a person found there wins the merge)
            if text.startswith(self.city_ending, e):
                e += len(self.city_ending)
            return Item("entity", s, e, "GPE", "gazetteer", {"country": self.cities[name]})
        if name in self.former:
            new = self.former[name]
            rows = self.full.get(new, [])
            if len(name) == 2 and self.words.get(name[0], (0, ""))[1] in self.former_word_tags and not any(
                    context[r["province"]] or context[r["city"]] for r in rows):
                return None  # 同志任|县委书记: the verb and a prefix, not the former 任县
            return self.gpe_item(s, e, self._pick(rows, context) if rows else None, current_name=new)
        if name in self.countries:
            return self._country(s, e, name)
        rows = self.short[name]
        if self.street.match(text, e):
            return None
        upper = [r for r in rows if r["level"] != "county"]
        if upper and token_end and self._in_common_word(text, s, e, token_end):
            return None  # 长治久安 ("lasting stability"): a common word, no place
        if upper and token_end and self._word_of_unnamed_city(text, s, e, token_end, upper, context):
            return None  # 朝阳产业 ("sunrise industry"), 日照时间: a common word, its city not named
        if upper:
            row = self._pick(upper, context) if len(upper) > 1 else upper[0]
            kind = next((k for k in self.autonomous if row and row["name"].endswith(k)), None)
            ending = kind and next((x for x in self.autonomous[kind] if text.startswith(x, e)), None)
            if ending:
                e += len(ending)  # 湘西州, 凉山州: the usual short form of an autonomous prefecture
            return self.gpe_item(s, e, row)
        # A county's short name: on token boundaries, and a known place word
        # or a county of a province or city the document names.
        if s not in bounds or e not in bounds:
            return None
        if name[0] in self.feature_chars and token_start and s in token_start \
                and self._tail_of_unknown(text[token_start[s]:s]):
            return None  # 倭肯|河口, 神定|河口: a river's name jieba does not know and its mouth
        in_full = [r for r in rows if context[r["code"]]]
        if in_full:
            return self.gpe_item(s, e, in_full[0])
        freq, tag = self.words.get(name, (0, "ns"))
        if tag != "ns" and freq >= self.max_common_freq:
            return None
        named = [r for r in rows if context[r["city"]] or context[r["province"]]]
        if named:
            return self.gpe_item(s, e, self._pick(named, context) if len(named) > 1 else named[0])
        if tag == "ns" and len(rows) == 1 and freq < 5 * self.max_common_freq:
            if token_end and self._unknown_after(text, e, token_end):
                return None  # 内蒙古|乌兰|恰特: a county's name read in a longer one jieba does not know
            return self.gpe_item(s, e, rows[0])  # 新建, 古城: places in jieba's dictionary, but common words first
        return None
