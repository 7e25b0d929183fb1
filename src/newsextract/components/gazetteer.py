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
"""
from __future__ import annotations

from collections import Counter, defaultdict

import regex

from .. import rules
from ..items import Item, items, text_of, boundaries_of
from ..segment import jieba_dictionary



class Gazetteer:
    """SpaCy component: adds GPE and LOC entity items."""

    def __init__(self, nlp=None, name: str = "gazetteer", divisions: str = "gazetteer/divisions.tsv",
                 countries: str = "gazetteer/countries.tsv", former: str = "gazetteer/former_names.tsv",
                 locations: str = "gazetteer/locations.txt", max_common_freq: int = 100,
                 street_words: str = "gazetteer/street_words.txt", townships: str = "gazetteer/townships.tsv",
                 villages: str = "gazetteer/villages.yaml"):
        self.rows = rules.load_tsv(divisions)
        self.by_code = {r["code"]: r for r in self.rows if r["code"]}
        self.full: dict[str, list[dict]] = defaultdict(list)
        self.short: dict[str, list[dict]] = defaultdict(list)
        for r in self.rows:
            if not (len(r["name"]) == 2 and r["name"].endswith("区")):
                # 城区, 郊区, 矿区: generic words far more often than names
                self.full[r["name"]].append(r)
            for s in r["short"].split("/"):
                if len(s) >= 2 and s != r["name"] and not s.endswith("区"):
                    self.short[s].append(r)
        self.former = {r["old_name"]: r["new_name"] for r in rules.load_tsv(former)
                       if not (len(r["old_name"]) == 2 and r["old_name"].endswith("区"))}
        self.countries = {}
        for r in rules.load_tsv(countries):
            self.countries[r["name"]] = r
            if r["full_name"]:
                self.countries[r["full_name"]] = r
        self.locations = set(rules.load_words(locations))
        self.townships: dict[str, list[dict]] = defaultdict(list)
        for r in rules.load_tsv(townships):
            if len(r["name"]) >= 3:  # 丰镇, 新乡: two-character names collide with other names
                self.townships[r["name"]].append(r)
        self.township_suffix = regex.compile(r"镇|乡|街道|苏木")
        self.max_township = max(map(len, self.townships), default=0)
        v = rules.load_yaml(villages)
        self.village = regex.compile(v["pattern"])
        self.street = regex.compile(rules.trie_pattern(rules.load_words(street_words)))
        names = set(self.full) | set(self.short) | set(self.former) | set(self.countries) | self.locations
        self.scanner = rules.Scanner(names)
        self.words = jieba_dictionary()
        self.max_common_freq = max_common_freq

    def names(self):
        """Names worth keeping whole in segmentation (the tokenizer's user dict)."""
        return [n for n in list(self.full) + list(self.countries) + sorted(self.locations) if len(n) >= 2]

    def __call__(self, doc):
        text = text_of(doc)
        bounds = boundaries_of(doc)
        cands = []
        for s, e in self.scanner.finditer(text):
            cands.append((s, e, text[s:e]))
        # Context: provinces and cities named unambiguously in full.
        context = Counter()
        for s, e, name in cands:
            rows = self.full.get(name, [])
            if len(rows) == 1:
                r = rows[0]
                context.update(c for c in (r["code"], r["province"], r["city"]) if c)
            elif name in self.short and all(r["level"] != "county" for r in self.short[name]) and len(self.short[name]) == 1:
                r = self.short[name][0]
                context.update(c for c in (r["code"], r["province"]) if c)
        found = items(doc)
        for s, e, name in cands:
            item = self._resolve(s, e, name, text, bounds, context)
            if item is not None:
                found.append(item)
        found.extend(self._townships(text, bounds, context))
        return doc

    def _townships(self, text, bounds, context):
        """Towns and subdistricts (孝丰镇, 递铺街道) from the township table, with
        the code where the county is named; villages (十八洞村) after a
        township or county or a verb of going, by the pattern in villages.yaml."""
        out = []
        for m in self.township_suffix.finditer(text):
            e = m.end()
            for length in range(min(self.max_township, e), 2, -1):
                name = text[e - length:e]
                rows = self.townships.get(name)
                if rows and e - length in bounds:
                    named = [r for r in rows if context[r["county"]]]
                    row = named[0] if len(named) == 1 else (rows[0] if len(rows) == 1 else None)
                    attrs = {"level": "township"}
                    if row is not None:
                        county = self.by_code.get(row["county"])
                        if row["code"]:
                            attrs["code"] = row["code"]
                        if county:
                            attrs.update(county=county["name"])
                            for key in ("province", "city"):
                                parent = self.by_code.get(county[key])
                                if parent:
                                    attrs[key] = parent["name"]
                    out.append(Item("entity", e - length, e, "GPE", "gazetteer", attrs))
                    break
        for m in self.village.finditer(text):
            out.append(Item("entity", m.start("v"), m.end("v"), "GPE", "gazetteer", {"level": "village"}))
        return out

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

    def _gpe(self, s, e, row, **extra):
        attrs = dict(extra)
        if row is not None:
            if row["code"]:
                attrs["code"] = row["code"]
            attrs["level"] = row["level"]
            for key in ("province", "city"):
                parent = self.by_code.get(row[key])
                if parent:
                    attrs[key] = parent["name"]
        return Item("entity", s, e, "GPE", "gazetteer", attrs)

    def _resolve(self, s, e, name, text, bounds, context):
        if name in self.locations:
            return Item("entity", s, e, "LOC", "gazetteer", {})
        if name in self.full:
            if s not in bounds or e not in bounds:
                return None  # 沿海城市 is not 海城市
            rows = self.full[name]
            return self._gpe(s, e, self._pick(rows, context))
        if name in self.former:
            new = self.former[name]
            rows = self.full.get(new, [])
            return self._gpe(s, e, self._pick(rows, context) if rows else None, current_name=new)
        if name in self.countries:
            return Item("entity", s, e, "GPE", "gazetteer", {"country": self.countries[name]["full_name"] or name})
        rows = self.short[name]
        if self.street.match(text, e):
            return None
        upper = [r for r in rows if r["level"] != "county"]
        if upper:
            row = self._pick(upper, context) if len(upper) > 1 else upper[0]
            if row and text[e:e + 1] == "州" and row["name"].endswith("自治州"):
                e += 1  # 湘西州, 凉山州: the usual short form of an autonomous prefecture
            return self._gpe(s, e, row)
        # A county's short name: on token boundaries, and a known place word
        # or a county of a province or city the document names.
        if s not in bounds or e not in bounds:
            return None
        in_full = [r for r in rows if context[r["code"]]]
        if in_full:
            return self._gpe(s, e, in_full[0])
        freq, tag = self.words.get(name, (0, "ns"))
        if tag != "ns" and freq >= self.max_common_freq:
            return None
        named = [r for r in rows if context[r["city"]] or context[r["province"]]]
        if named:
            return self._gpe(s, e, self._pick(named, context) if len(named) > 1 else named[0])
        if tag == "ns" and len(rows) == 1 and freq < 5 * self.max_common_freq:
            return self._gpe(s, e, rows[0])  # 新建, 古城: places in jieba's dictionary, but common words first
        return None
