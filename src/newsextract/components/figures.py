"""Figures: numbers with a unit or measure word, scaled into `value`.

Units, their kinds and currencies come from rules/figures/units.tsv; words
that make a number a duration or a date (年, 个月, 日) from not_units.txt;
multipliers (万, 亿, 万亿) from scales.tsv. Chinese numerals go through cn2an.
"""
from __future__ import annotations

from decimal import Decimal

import regex

from .. import regexes, rules
from ..items import Item, items, text_of
from ..numbers import parse_number, to_json_number
from ..segment import jieba_dictionary
from ..spans import SpanIndex



# The groups _item reads, fetched in one call (FigureFinder._groups)
_GROUPS = ("pct", "numer", "fa", "num", "unit", "scale", "pc", "fb", "shared", "num2", "scale2", "neg", "approx",
           "approx2")

# No amount in a press release comes near this; larger "numbers" are codes or noise.
MAX_VALUE = Decimal(10) ** 30


class FigureFinder:
    """SpaCy component: adds `figure` items with `value`, `unit`, `kind`."""

    def __init__(self, nlp, name: str, *, units: str, not_units: str, scales: str, qualifiers: str, numbers: str,
                 per_units: str):
        grammar = rules.load_yaml(numbers)
        NUM, self.digits = grammar["number"], grammar["digits"]
        self.digit_set = frozenset(self.digits)
        self.indefinite = set(grammar["indefinite"])
        self.labels = regex.compile("|".join(grammar["labels"]))
        self.projects = grammar["projects"]
        self.project_before = regexes.compile("(?:" + "|".join(self.projects["before"]) + ")$")
        self.project_head = regex.compile(self.projects["head"])
        self.capacity_kinds = set(self.projects["capacity_kinds"])
        self.capacity_product = regex.compile(self.projects["capacity_product"])
        self.capacity_not_after = regexes.compile(self.projects["capacity_not_after"])
        self.scale_not_before = grammar["scale_not_before"]
        self.half, self.half_units = grammar["half"]["word"], set(grammar["half"]["units"])
        self.words = set(grammar["words"])
        self.not_counts = [(regex.compile(x["before"]), set(x["units"])) for x in grammar["not_counts"]]
        # the same by unit: a figure tries only the patterns of its own unit
        self.not_counts_of: dict[str, list] = {}
        for before, counted in self.not_counts:
            for u in counted:
                self.not_counts_of.setdefault(u, []).append(before)
        self.unit_words = {u: regex.compile(after) for u, after in grammar["unit_words"].items()}
        self.digits_only = set(grammar["digits_only"])
        places = grammar["place_names"]
        self.place_after = regex.compile(places["after"])
        self.place_free, self.place_never = set(places["free"]), set(places["never"])
        self.place_division = regex.compile(places["division"])
        self.place_own = regex.compile(places["own"])
        self.unit_contexts = {u: (regex.compile(c["after"]), regex.compile(c["before"]))
                              for u, c in grammar["unit_contexts"].items()}
        self.digit_by_digit = regexes.compile(grammar["grammar"]["digit_by_digit"])
        self.title_marks = (rules.characters("TITLE_OPEN"), rules.characters("TITLE_CLOSE"))
        composed = grammar["composed"]
        self.composed = set(composed["units"])
        part = "(?:" + NUM + ")(?:" + "|".join(composed["units"]) + ")"
        self.composition = regex.compile(part)
        self.composition_before = regex.compile(part + "$")
        self.units = {r["unit"]: r for r in rules.load_tsv(units)}
        per = rules.trie_pattern(rules.load_words(per_units))
        words = rules.load_words(qualifiers)
        self.before = regexes.compile("(?:" + rules.trie_pattern([w[::-1] for w in words]) + ")")
        self.not_units = set(rules.load_words(not_units))
        self.spaced = regex.compile(r"[ ]+(\p{Han}+)")
        self.scales = {r["scale"]: Decimal(r["factor"]) for r in rules.load_tsv(scales)}
        unit = rules.trie_pattern(list(self.units) + list(self.not_units))
        self.unit_regex = regex.compile(f"(?:{unit})(?:/(?:{per}))?")  # with a rate's base (千瓦时/元)
        scale = rules.trie_pattern(self.scales)
        g = grammar["grammar"]
        before, after_num, approx, frac = g["not_after"], g["after_number"], g["approx_inside"], g["fraction"]
        latin = [u for u in self.units if regex.match(r"\p{Latin}", u)]
        if latin:  # 4.5mg/L: a Latin unit may follow the number (5G, C919 stay codes)
            after_num = rf"(?:{after_num}|(?=(?:{rules.trie_pattern(latin)})(?![\p{{Latin}}\d])))"
        self.per_cent = g["per_cent"]  # 百分之十五 -> %, 千分之三 -> ‰
        self.zero = g["zero"]
        self.round_amount = regex.compile(g["round_amount"])
        self.round_approx = regex.compile(g["round_approx"])
        self.quotes = g["quotes"]
        self.bare_approx = regex.compile(g["bare_approx"])
        self.bare_approx_before = regex.compile(g["bare_approx_before"])
        self.dictionary = jieba_dictionary()  # the noun after a bare amount is a word of it
        self.contact = regex.compile(grammar["contact_labels"])
        self.contact_end = regex.compile(grammar["contact_end"])
        per_cent = "|".join(self.per_cent)
        # the number is read once: then either 分之 and a numerator (五分之一) or
        # the rest of a figure
        self.regex = regex.compile(
            rf"{before}(?:(?P<pc>{per_cent}){frac}(?P<pct>{NUM})"
            rf"|{g['slash_fraction']}"
            rf"|(?P<neg>{g['minus']})?(?P<num>{NUM})(?:{frac}(?P<numer>{NUM})"
            rf"|{after_num}(?P<approx>{approx})?(?:[ ](?=(?:{scale})(?:{unit})))?(?P<scale>{scale})?(?P<approx2>{approx})?"
            rf"(?:(?P<to>{g['range']})(?P<num2>{NUM})(?P<scale2>{scale})?)?(?:[ ]?(?P<unit>{unit}(?:/(?:{per}))?))?"
            rf"(?P<shared>(?:{g['list']})(?={NUM}(?:{scale})?(?:{unit})))?))"
            # a number ends where no numeral follows; a unit may be followed by one (700多位两岸)
            rf"(?(unit)|(?![{self.digits}]))"
        )
        # the groups by number: the regex module looks a group's name up at
        # every call, five times the cost of a number, and a match reads a dozen
        self._groups = tuple(self.regex.groupindex[n] for n in _GROUPS)
        gi = self.regex.groupindex
        self._unit_i, self._scale_i, self._shared_i = gi["unit"], gi["scale"], gi["shared"]

    def __call__(self, doc):
        found = items(doc)
        text = text_of(doc)
        contact = self._contact_spans(text)
        for m in self.regex.finditer(text):
            item = self._item(m, text)
            if item is not None and (self._in_slogan(text, item) or self._in_title(text, item)):
                continue
            if item is not None and contact and contact.covers(item.start):
                continue  # 地址:…研究院12层: a floor in a page's address line
            if item is not None:
                q = self.before.match(text[max(0, item.start - 4):item.start][::-1])
                inner = m.group(self._groups[12]) or m.group(self._groups[13])  # approx, approx2
                if q or inner:
                    item.attrs["qualifier"] = q.group()[::-1] if q else inner
                found.append(item)
        return doc

    def _contact_spans(self, text) -> SpanIndex | None:
        """Where a page's contact or copyright details run: from a label
        (地址:, 电话:, 版权所有) to the end of its line, sentence or clause."""
        spans, end = [], -1
        for m in self.contact.finditer(text):
            if end < m.end():  # labels in one clause share its end: one search each clause
                found = self.contact_end.search(text, m.end())
                end = found.start() if found else len(text)
            spans.append((m.start(), end))
        return SpanIndex(spans) if spans else None

    def _in_title(self, text, item, width=60) -> bool:
        """《天龙八部》, 《关于下达2024年1000万元资金的通知》: a number inside a
        title in book-title marks is part of the name (a policy's or a work's),
        not a figure."""
        opening, closing = self.title_marks
        before = text.rfind(opening, max(0, item.start - width), item.start)
        if before < 0 or text.find(closing, before, item.start) >= 0:
            return False
        after = text.find(closing, item.end, item.end + width)
        return after >= 0 and text.find(opening, item.end, after) < 0 and "\n" not in text[before:after]

    def _in_slogan(self, text, item, width=6) -> bool:
        """“三个着力”, “四个全面”: a count opening a short quoted label is part
        of the label's name, not a figure."""
        if item.start == 0 or text[item.start - 1] not in self.quotes["open"]:
            return False
        return any(c in self.quotes["close"] for c in text[item.end:item.end + width])

    def _item(self, m, text):
        pct, numer, fa, num, unit, scale, pc, fb, shared, num2, scale2, neg, approx, approx2 = m.group(*self._groups)  # one call
        UNIT, SCALE = self._unit_i, self._scale_i
        if pct:
            n = parse_number(pct)
            if n is None:
                return None
            return self._make(m.start(), m.end(), n, None, self.per_cent[pc])
        if numer or fa:
            # 五分之一, 1/5: the fraction's value, no unit
            a = parse_number(numer or fa)
            b = parse_number(num if numer else fb)
            if not a or not b or a >= b:
                return None  # 2/1, 0/5: a score or a code, not a part of a whole
            return self._make(m.start(), m.end(), a / b, None, "",
                              kind="fraction")
        if not num.strip(self.zero):
            return None  # 零件 is a word
        if self.digit_by_digit.match(num):
            return None  # 一三三组合, 唯一一个, 三四家
        if (not any(map(str.isdigit, num)) and self.digit_set.isdisjoint(num)
                and not (unit and self.round_amount.match(num))
                and not (unit and approx and self.round_approx.match(num))):
            return None  # 万家, 千方百计, 千亿目标: a multiplier alone is no number; 百亿元, 百余名 are
        if num in self.indefinite and not scale:
            return None  # the indefinite 一批, 一项
        if scale and text.startswith(tuple(self.scale_not_before.get(scale, ())), m.end(SCALE)):
            # 139个亿元以上项目: a count (个) before 亿元以上, not 个亿
            return self._make(m.start(), m.start(SCALE) + 1, parse_number(num), None, scale[0])
        end = m.end(UNIT) if unit else m.end()
        if unit and self.labels.match(text, m.start(UNIT)):
            return None  # 三次产业, 四个全面, 六个一: a fixed label, not a count
        if text[m.start():end] in self.words:
            return None  # 四处: a word written with a numeral
        if unit in self.digits_only and not num[0].isdigit():
            return None  # 张庄二村: a village's name
        if unit in self.not_counts_of and any(before.search(text, max(0, m.start() - 3), m.start())
                                              for before in self.not_counts_of[unit]):
            return None  # 周三起: from Wednesday on; 排名34位: a rank
        if unit in self.unit_words and self.unit_words[unit].match(text, m.end(UNIT)):
            return None  # 3项目, 80万起拍: the unit's character starts a word
        if unit and not num[0].isdigit() and self._starts_place_name(text, unit, m.end(UNIT)):
            return None  # 三元里, 五棵松, 三家店村: a place named with a numeral
        if unit in self.unit_contexts:
            after, before = self.unit_contexts[unit]
            if not (after.match(text, m.end(UNIT)) or before.search(text, max(0, m.start() - 6), m.start())):
                return None  # 两国关系, 中亚五国: no count of countries
        if unit in self.composed and (self.composition.match(text, end)
                                      or self.composition_before.search(text, max(0, m.start() - 4), m.start())):
            return None  # 一市三县, 三省一市: how a region is made up, not a count
        if scale:
            # 千瓦时 is a unit, not 千 × 瓦时 (and 千伏 not 千 × 伏): read the unit again from the scale's last character
            um = self.unit_regex.match(text, m.end(SCALE) - 1)
            if um and um.group().split("/")[0] in self.units and len(um.group()) > 1:
                scale, unit, end = scale[:-1] or None, um.group(), um.end()
                if scale and scale not in self.scales:
                    return None
        if unit and unit.split("/")[0] in self.not_units:
            return None  # a duration or a date
        if unit and (spaced := self.spaced.match(text, end)) and self._not_unit_start(unit + spaced.group(1)):
            return None  # 三 個 月: a duration written with spaces between the characters
        if shared:
            # 4.8和3.3个百分点: the first number takes the unit of the second
            nxt = self.regex.match(text, m.end())
            while nxt and nxt.group(self._shared_i) and (after := self.regex.match(text, nxt.end())):
                nxt = after  # 1.74个、3.22个、4.0个百分点: the unit of the last
            if nxt and nxt.group(UNIT) and nxt.group(UNIT) not in self.not_units:
                if unit is None or nxt.group(UNIT).startswith(unit):
                    unit = nxt.group(UNIT)
                end = m.start(self._shared_i)
            elif unit is None:
                return None  # 3和4月: no unit to share
            # else 4.3%及4月的8.4%: the number keeps its own unit
        if not unit and not scale and not (
                (approx or approx2) and self.bare_approx.fullmatch(num)
                and (before := self.bare_approx_before.match(text, m.end())) and before.group() in self.dictionary
                and not self._not_unit_start(text[m.end():m.end() + 4])):
            return None  # (8000余各国嘉宾: an amount with no unit)
        if self._in_project_name(text, m.start(), end, unit):
            return None  # 年产20万吨高端铝材项目: a number inside a project's name
        n = parse_number(num)
        if n is None and self.round_amount.match(num):
            n = self.scales[num[0]] * self.scales[num[1:]]  # 百亿: 100 × 10^8
        elif n is None and self.round_approx.match(num):
            n = self.scales[num]  # 百余名: 100
        if n is None:
            return None
        factor = self.scales.get(scale, Decimal(1)) if scale else Decimal(1)
        value = n * factor
        value_max = None
        if num2:
            n2 = parse_number(num2)
            if n2 is None:
                return None
            f2 = self.scales.get(scale2, factor) if scale2 else factor
            value_max = n2 * f2
            if scale2 and not scale:
                value = n * f2  # 3至5亿元: the scale after the second number applies to the first
            if value_max <= value:
                return None
        if unit in self.half_units and value_max is None and not scale and text.startswith(self.half, end):
            value, end = value + Decimal("0.5"), end + len(self.half)  # 5成半: 5.5 成
        if neg:
            if value_max is not None or not unit:
                return None  # -3至5 or a lone -1 (号-1): no signed amount
            value = -value  # 增速为-2.1%
        return self._make(m.start(), end, value, value_max, unit or "")

    def _not_unit_start(self, words: str) -> bool:
        return any(words.startswith(w) for w in self.not_units)

    def _starts_place_name(self, text, unit, end) -> bool:
        """Whether a Chinese numeral and its unit start a place's name: a
        character that ends place names follows (三元里, 二亩沟); after a
        measure word that counts (两家店, 三座桥) only with a division word
        after it (三家店村) or a division's own character (十八台镇)."""
        if unit in self.place_never or len(unit) > 1 or not self.place_after.match(text, end):
            return False
        counts = self.units.get(unit, {}).get("kind") in ("count", "people") and unit not in self.place_free
        return (not counts or bool(self.place_own.match(text, end))
                or bool(self.place_division.match(text, end + 1)))

    def _in_project_name(self, text, start, end, unit=None) -> bool:
        """Whether the number stands in a project's name: after 年产 (and the
        like), or as a capacity (a mass, power, energy or volume) right
        before its product (30万吨合成氨, 2万吨白酒), with 项目 (or another
        head) ahead in the same phrase."""
        if self.project_before.search(text, max(0, start - 4), start):
            return bool(self.project_head.match(text, end))
        if (unit is None or self.units.get(unit.split("/")[0], {}).get("kind") not in self.capacity_kinds
                or not self.capacity_product.match(text, end)
                or self.capacity_not_after.search(text, max(0, start - 4), start)):
            return False
        return bool(self.project_head.match(text, end))

    def _make(self, start, end, value, value_max, unit, kind=None):
        if value is None:
            return None
        if abs(value) >= MAX_VALUE or (value_max is not None and abs(value_max) >= MAX_VALUE):
            return None  # a run of thousands of digits is an identifier or noise, not an amount
        row = self.units.get(unit) or self.units.get(unit.split("/")[0], {})
        kind = kind or ("rate" if "/" in unit else row.get("kind") or "number")
        attrs = {"value": to_json_number(value), "unit": unit, "kind": kind}
        if value_max is not None:
            attrs["value_max"] = to_json_number(value_max)
        if row.get("currency"):
            attrs["currency"] = row["currency"]
        return Item("figure", start, end, stage="figures", attrs=attrs)
