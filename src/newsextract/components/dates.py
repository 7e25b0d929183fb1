"""Dates: calendar expressions normalised to ISO values.

Patterns live in rules/dates/patterns.yaml; each pattern's name selects a
builder here that turns its groups into a value. Relative expressions are
resolved against the publication date when it is known; otherwise the unknown
part stays as XXXX. Each date has a `type`:

- date, range: calendar expressions, with a `value` (2023-12-08, 2021/2025);
- relative: bare relative words (今年, 上月, 昨天): `value` null, as the
  annotation guidelines do not count them as dates, and `resolved` holding
  what they stand for when the publication date is known;
- vague: 日前, 近年来, 目前: `value` null;
- duration: 七年, 三年来, 14个工作日: `value` null, `duration` in ISO 8601.
"""
from __future__ import annotations

import datetime as dt

import regex

from .. import regexes, rules
from ..items import Item, items, text_of
from ..numbers import parse_number
from ..reading import iso_date

XXXX = "XXXX"

# zero written as ○ or 0 among Chinese numerals (二○○四, 一九九0): rules/characters.yaml
_ZEROS = str.maketrans(rules.characters("ZERO_FORMS"), rules.characters("ZERO") * len(rules.characters("ZERO_FORMS")))


def _num(s: str | None) -> int | None:
    if s is None:
        return None
    if not s.isascii():
        s = s.translate(_ZEROS)
    n = parse_number(s)
    return int(n) if n is not None else None


def _published(doc) -> dt.date | None:
    return iso_date(doc._.published)


def _date_value(y, mo, d=None) -> str:
    """'2023-12-08' / '2023-12' / 'XXXX-12'; ValueError for 13月 or 2月30日."""
    ys = f"{y:04d}" if isinstance(y, int) else y
    if not (1 <= mo <= 12) or (d is not None and not (1 <= d <= 31)):
        raise ValueError("invalid date")
    if d is None:
        return f"{ys}-{mo:02d}"
    if isinstance(y, int):
        dt.date(y, mo, d)
    return f"{ys}-{mo:02d}-{d:02d}"


def _valid(value: str) -> bool:
    """Whether each full date of a value exists (2019-02-29 does not)."""
    try:
        for v in value.split("/"):
            if len(v) == 10 and v[:4].isdigit():
                dt.date.fromisoformat(v)
    except ValueError:
        return False
    return True


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


class DateFinder:
    """SpaCy component: adds `date` items with value, granularity and type."""

    OPENS_MAX = 100_000  # two-character openings remembered (finditer), then forgotten

    def __init__(self, nlp, name: str, *, patterns: str):
        data = rules.load_yaml(patterns)
        parts = data["parts"]

        def expand(p: str) -> str:
            for _ in range(3):
                p = regex.sub(r"\{([A-Z][A-Z0-9]*)\}", lambda m: parts.get(m.group(1), m.group()), p)
            return p

        self.names = list(data["patterns"])
        self.starts = regex.compile(data["starts"])
        self._opens: dict[str, bool] = {}  # two characters -> can a date begin with them (finditer)
        self.regex = regex.compile("|".join(f"(?P<p_{n}>{expand(p)})" for n, p in data["patterns"].items()))
        # each pattern's name, builder and group number: which one matched is read from m.regs
        self.kinds = [(n, getattr(self, "_" + n), self.regex.groupindex[f"p_{n}"]) for n in self.names]
        self.relative_years = data["relative_years"]
        self.text_years = set(data["text_years"])
        self.relative_months = data["relative_months"]
        self.relative_days = data["relative_days"]
        self.duration_units = data["duration_units"]
        self.periods = data["periods"]
        self.period_prefix = data["period_prefix"]
        self.quarter = data["quarter"]
        self.year_parts = data["year_parts"]
        self.period_digits = str.maketrans(data["period_digits"])
        self.relative_suffixes = data["relative_suffixes"]
        context = data["context"]
        self.yearless = set(context["yearless"])
        self.monthless = set(context["monthless"])
        self.published_days = set(context["published_days"])
        self.days_before = set(data["day_words"]["before"])
        self.days_after = set(data["day_words"]["after"])
        self.with_year = set(self.names) - self.yearless - set(context["not_dates"])
        self.sentence_end = regexes.compile(context["sentence_end"])
        self.title_max = context["title_max"]
        self.title_lines = context["title_lines"]
        self.title_window = context["title_window"]
        self.last_year_after = context["last_year_after_days"]
        self.deadline = regex.compile(context["deadline"])
        self.since_before = regex.compile(context["since"]["before"])
        self.since_after = regex.compile(context["since"]["after"])
        self.title_years = regex.compile(context["title_year"])

    def __call__(self, doc):
        pub = _published(doc)
        found = items(doc)
        text = text_of(doc)
        title_year = self._title_year(text)
        if pub and title_year and int(title_year) >= pub.year:
            title_year = None  # the publication's year unless the headline names an earlier one
        year_at = None  # (year, end) of the last date that wrote its year
        month_at = None  # (year, month) of the last date that named a month
        for m in self.finditer(text):
            regs = m.regs
            kind, build, group = next(k for k in self.kinds if regs[k[2]][0] >= 0)
            try:
                attrs = build(m, pub)
            except (ValueError, TypeError, KeyError):
                continue
            if attrs is None:  # the builder rejected the match
                continue
            word = m.group("rel")
            if word in self.text_years and attrs.get("value"):
                value = self._from_text_year(attrs["value"], word, year_at)
                if value is None:
                    continue  # 同年2月29日 in a year without one
                attrs["value"] = value
            s, e = regs[group]
            value = attrs.get("value")
            if value and kind in self.yearless and not (pub and kind in self.published_days):
                year = None
                if year_at and not self.sentence_end.search(text, year_at[1], s):
                    year = year_at[0]  # 2023年12月和1—12月: the year written earlier in the sentence
                elif title_year and (pub is None or value[:10] > pub.isoformat()):
                    # 2019年1月大事记 … 2日; with a publication date, only for a
                    # date its year would put after it (2021年12月大事记 published
                    # in January: 12月1日 is December 2021)
                    year = title_year
                elif pub and attrs.get("granularity") == "day" and self._last_year(value, pub, text, e):
                    year = str(pub.year - 1)  # 12月26日 in a release of 1 January
                if kind in self.monthless and month_at:
                    y = year or month_at[0]
                    days = [m.group("d")] + ([m.group("d2")] if "d2" in m.re.groupindex and m.group("d2") else [])
                    try:  # 6月16日起…，17日; 22日至24日
                        value = "/".join(_date_value(int(y) if y.isdigit() else y, month_at[1], _num(d)) for d in days)
                    except ValueError:
                        continue  # 2月10日…30日: no such day in the month just named
                elif year and _valid(resolved := "/".join(year + v[4:] for v in value.split("/"))):
                    value = resolved  # (2月29日 keeps XXXX in a year without one)
                attrs["value"] = value
            if value:
                if kind in self.with_year and len({v[:4] for v in value.split("/")}) == 1:
                    year_at = (value[:4], e)  # one year written (not 2021年至2025年)
                if attrs.get("granularity") in ("day", "month") and value[5:7].isdigit() \
                        and not self._since(text, s, e):
                    last = value.split("/")[-1]
                    month_at = (last[:4], int(last[5:7]))
            attrs.setdefault("type", "range" if "/" in (value or "") else "date")
            attrs["pattern"] = kind
            found.append(Item("date", s, e, stage="dates", attrs=attrs))
        return doc

    def _since(self, text: str, start: int, end: int) -> bool:
        """Whether the date opens a 自…以来 clause (自去年8月…以来): the
        story's days are not in its month, so it names no month for a bare
        day after it."""
        return bool(self.since_before.search(text, max(0, start - 2), start)) and bool(
            self.since_after.match(text, end))

    def _from_text_year(self, value: str, word: str, year_at) -> str | None:
        """A value whose year 同年, 当年, 次年 or 翌年 counts from the year the
        text last wrote (2019年5月开工,同年12月竣工: 2019-12); without one, 同年
        and 当年 keep the publication's, 次年 and 翌年 have none (XXXX)."""
        off = self.relative_years[word]
        if year_at:
            year = f"{int(year_at[0]) + off:04d}"
        elif off:
            year = XXXX
        else:
            return value
        value = "/".join(year + v[4:] for v in value.split("/"))
        return value if _valid(value) else None

    def _last_year(self, value: str, pub: dt.date, text: str, end: int) -> bool:
        """Whether a day its publication year would put far after the
        publication (12月26日 published on 1 January) is last year's; a
        deadline (12月31日前) stays ahead."""
        try:
            day = dt.date.fromisoformat(value.split("/")[0])
        except ValueError:
            return False
        return (day - pub).days > self.last_year_after and not self.deadline.match(text, end)

    def _title_year(self, text: str) -> str | None:
        """The year the headline or a dated line above the body names
        (2019年1月大事记; 网站 / 新闻 / 2020年1月至3月住宅楼价指数), when the
        short lines before the first sentence name exactly one."""
        years = set()
        lines = [x.strip() for x in text[:self.title_window].split("\n")]
        for line in [x for x in lines if x][:self.title_lines]:
            if len(line) > self.title_max or self.sentence_end.search(line):
                break  # a headline is a short line that ends no sentence; the body starts here
            years |= {m.group("y") for m in self.title_years.finditer(line)}
        else:
            if len([x for x in lines if x]) <= 1:
                return None  # a text of one line has no headline
        return years.pop() if len(years) == 1 else None

    def finditer(self, text: str):
        """What `self.regex.finditer(text)` finds, trying the patterns only
        where a date can start, and only where its first two characters can
        begin a date (most places `starts` finds, 上 目 同 一 现, begin none)."""
        pos = 0
        opens = self._opens
        for c in self.starts.finditer(text):
            at = c.start()
            if at < pos:
                continue
            head = text[at:at + 2]
            can = opens.get(head)
            if can is None:
                if len(opens) >= self.OPENS_MAX:
                    opens.clear()
                # a match at `at` runs through `head` or ends inside it: the
                # patterns matched partially on `head` alone find it (no
                # pattern looks behind for a character it needs)
                can = opens[head] = self.regex.match(head, partial=True) is not None
            if not can:
                continue
            m = self.regex.match(text, at)
            if m is not None and m.end() > m.start():
                pos = m.end()
                yield m

    # -- helpers ----------------------------------------------------------------
    @staticmethod
    def _v(value, granularity):
        return {"value": value, "granularity": granularity}

    def _pub_year(self, pub):
        return pub.year if pub else XXXX

    def _rel_year(self, m, pub):
        off = self.relative_years[m.group("rel")]
        return pub.year + off if pub else XXXX

    def _months(self, y, m):
        m1, m2 = _num(m.group("m")), _num(m.group("m2"))
        if m2 <= m1:
            return None
        return self._v(_date_value(y, m1) + "/" + _date_value(y, m2), "month")

    def _period_value(self, y, m):
        if m.group("nmonths"):
            first, last = 1, _num(m.group("nmonths"))
        elif m.group("q2"):  # 一至三季度
            first = self.periods[m.group("q1").translate(self.period_digits) + self.quarter][0]
            last = self.periods[m.group("q2").translate(self.period_digits) + self.quarter][1]
            if last <= first:
                return None
        else:
            key = m.group("period").lstrip(self.period_prefix).translate(self.period_digits)
            first, last = self.periods[key]
        return self._v(_date_value(y, first) + "/" + _date_value(y, last), "month")

    def _day_range(self, y, m):
        mo = _num(m.group("m"))
        mo2 = _num(m.group("m2")) or mo
        return self._v(_date_value(y, mo, _num(m.group("d"))) + "/" + _date_value(y, mo2, _num(m.group("d2"))), "day")

    # -- value builders, one per pattern name -------------------------------------
    def _year(self, m, pub):
        y = _num(m.group("y"))
        return self._v(str(y), "year") if y >= 1000 else None

    _year_in_name = _year

    def _ymd(self, m, pub):
        return self._v(_date_value(_num(m.group("y")), _num(m.group("m")), _num(m.group("d"))), "day")

    _ymd_numeric = _dmy_numeric = _ymd_header = _ymd

    def _ymd_range(self, m, pub):
        return self._day_range(_num(m.group("y")), m)

    def _ymd_to_ymd(self, m, pub):
        first = _date_value(_num(m.group("y")), _num(m.group("m")), _num(m.group("d")))
        last = _date_value(_num(m.group("y2")), _num(m.group("m2")), _num(m.group("d2")))
        return self._v(first + "/" + last, "day") if last > first else None

    def _ym_to_ym(self, m, pub):
        first = _date_value(_num(m.group("y")), _num(m.group("m")))
        last = _date_value(_num(m.group("y2")), _num(m.group("m2")))
        return self._v(first + "/" + last, "month") if last > first else None

    def _year_range(self, m, pub):
        y1, y2 = _num(m.group("y")), _num(m.group("y2"))
        return self._v(f"{y1}/{y2}", "year") if y2 > y1 else None

    def _span_year(self, m, pub):
        """2023-24年度, 2023/2024学年: a year and the next."""
        y1, y2 = _num(m.group("y")), m.group("y2")
        y2 = int(y2) if len(y2) == 4 else y1 // 100 * 100 + int(y2)
        return self._v(f"{y1}/{y2}", "year") if y2 == y1 + 1 else None

    def _year_end(self, m, pub):
        # 2021年末, 2025年底: December; 2023年初: January
        return self._v(_date_value(_num(m.group("y")), self.year_parts[m.group("ypart")]), "month")

    def _ym(self, m, pub):
        return self._v(_date_value(_num(m.group("y")), _num(m.group("m"))), "month")

    def _ym_range(self, m, pub):
        return self._months(_num(m.group("y")), m)

    def _y_period(self, m, pub):
        return self._period_value(_num(m.group("y")), m)

    def _rel_period(self, m, pub):
        return self._period_value(self._rel_year(m, pub), m)

    def _period(self, m, pub):
        return self._period_value(self._pub_year(pub), m)

    def _rel_month(self, m, pub):
        return self._v(_date_value(self._rel_year(m, pub), _num(m.group("m"))), "month")

    def _rel_year_end(self, m, pub):
        """今年年底, 去年年初: a part of a bare relative year, value null as
        the word alone (annotated releases leave them out), `resolved` the
        month the part names (December, January) when the publication date
        gives the year; after a word that counts from the year the text
        wrote (当年年底), a date."""
        month = self.year_parts[m.group("ypart")]
        if m.group("rel") in self.text_years:  # 当年年底: the year the text wrote (__call__)
            return self._v(_date_value(self._rel_year(m, pub), month), "month")
        out = {"value": None, "granularity": "month", "type": "relative"}
        if pub:
            out["resolved"] = _date_value(self._rel_year(m, pub), month)
        return out

    def _rel_month_part(self, m, pub):
        """本月中旬: the month, when the publication date gives it."""
        if not pub:
            return {"value": None, "granularity": "month", "type": "relative"}
        return self._v(_date_value(*_shift_month(pub.year, pub.month, self.relative_months[m.group("relm")])),
                       "month")

    def _rel_md_range(self, m, pub):
        return self._day_range(self._rel_year(m, pub), m)

    def _rel_md(self, m, pub):
        return self._v(_date_value(self._rel_year(m, pub), _num(m.group("m")), _num(m.group("d"))), "day")

    def _rel_month_range(self, m, pub):
        return self._months(self._rel_year(m, pub), m)

    def _md(self, m, pub):
        return self._v(_date_value(self._pub_year(pub), _num(m.group("m")), _num(m.group("d"))), "day")

    _md_list = _md

    def _md_range(self, m, pub):
        return self._day_range(self._pub_year(pub), m)

    def _month(self, m, pub):
        return self._v(_date_value(self._pub_year(pub), _num(m.group("m"))), "month")

    def _month_range(self, m, pub):
        return self._months(self._pub_year(pub), m)

    def _today_day(self, m, pub):
        """今(23)日, 昨(17)日: the day of the publication month, or of the
        month before or after where the day has passed it (昨(31)日 published
        on the 1st)."""
        d = _num(m.group("d"))
        if not pub:
            return self._v(f"{XXXX}-XX-{d:02d}", "day")
        y, mo = pub.year, pub.month
        word = m.group("relday2")
        if word in self.days_before and d > pub.day:
            y, mo = _shift_month(y, mo, -1)
        elif word in self.days_after and d < pub.day:
            y, mo = _shift_month(y, mo, 1)
        return self._v(_date_value(y, mo, d), "day")

    def _day(self, m, pub):
        """8日: the day of the publication month."""
        d = _num(m.group("d"))
        if not pub:
            return self._v(f"{XXXX}-XX-{d:02d}", "day")
        return self._v(_date_value(pub.year, pub.month, d), "day")

    def _bare_day_range(self, m, pub):
        """22日至24日: days of the publication month (or of the month just named)."""
        return self._month_days(m, pub, 0)

    def _rel_month_day(self, m, pub):
        d = _num(m.group("d"))
        if not pub:
            return self._v(f"{XXXX}-XX-{d:02d}", "day")
        y, mo = _shift_month(pub.year, pub.month, self.relative_months[m.group("relm")])
        return self._v(_date_value(y, mo, d), "day")

    def _rel_month_day_range(self, m, pub):
        """本月18日至19日: two days of the month the word names."""
        return self._month_days(m, pub, self.relative_months[m.group("relm")])

    def _month_days(self, m, pub, months: int):
        """Days d to d2 of the publication month shifted by `months`."""
        d, d2 = _num(m.group("d")), _num(m.group("d2"))
        if d2 <= d:
            return None
        if not pub:
            return self._v(f"{XXXX}-XX-{d:02d}/{XXXX}-XX-{d2:02d}", "day")
        y, mo = _shift_month(pub.year, pub.month, months)
        return self._v(_date_value(y, mo, d) + "/" + _date_value(y, mo, d2), "day")

    def _relative_day(self, m, pub):
        out = {"value": None, "granularity": "day", "type": "relative"}
        if pub:
            out["resolved"] = (pub + dt.timedelta(days=self.relative_days[m.group("relday")])).isoformat()
        return out

    def _relative_word(self, m, pub):
        word = m.group("relword")
        for suffix in self.relative_suffixes:  # 今年以来, 去年同期
            word = word.removesuffix(suffix)
        key = word
        if key in self.relative_years:
            out = {"value": None, "granularity": "year", "type": "relative"}
            if pub:
                out["resolved"] = str(pub.year + self.relative_years[key])
        else:
            out = {"value": None, "granularity": "month", "type": "relative"}
            if pub:
                out["resolved"] = _date_value(*_shift_month(pub.year, pub.month, self.relative_months[key]))
        return out

    def _vague(self, m, pub):
        return {"value": None, "granularity": None, "type": "vague"}

    def _duration(self, m, pub):
        n = _num(m.group("n"))
        if not n:
            return None
        unit = self.duration_units[m.group("dunit")]
        iso = f"PT{n}H" if unit == "H" else f"P{n}{unit}"
        return {"value": None, "granularity": None, "type": "duration", "duration": iso}

    _duration_days = _days_of_activity = _year_as_duration = _duration  # 连续29日, 十日访欧, 已有2000年历史
