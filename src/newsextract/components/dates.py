"""Dates: calendar expressions normalised to ISO values.

Patterns live in rules/dates/patterns.yaml; each pattern's name selects a
builder here that turns its groups into a value. Relative expressions are
resolved against the publication date when it is known; otherwise the unknown
part stays as XXXX.
"""
from __future__ import annotations

import datetime as dt

import regex

from .. import rules
from ..items import Item, items, text_of
from ..numbers import parse_number

XXXX = "XXXX"


def _num(s: str | None) -> int | None:
    if s is None:
        return None
    n = parse_number(s)
    return int(n) if n is not None else None


def _published(doc) -> dt.date | None:
    p = doc._.published
    if not p:
        return None
    try:
        return dt.date.fromisoformat(str(p)[:10])
    except ValueError:
        return None


class DateFinder:
    """SpaCy component: adds `date` items with `value` and `granularity`."""

    def __init__(self, nlp=None, name: str = "dates", patterns: str = "dates/patterns.yaml"):
        data = rules.load_yaml(patterns)
        parts = data["parts"]
        # parts may refer to other parts ({PERIOD} inside nothing yet, but allow it)
        def expand(p: str) -> str:
            for _ in range(3):
                p = regex.sub(r"\{([A-Z][A-Z0-9]*)\}", lambda m: parts.get(m.group(1), m.group()), p)
            return p

        alts = [f"(?P<p_{name}>{expand(p)})" for name, p in data["patterns"].items()]
        self.names = list(data["patterns"])
        self.regex = regex.compile("|".join(alts), regex.V0)
        self.relative_years = data["relative_years"]
        self.relative_days = data["relative_days"]
        self.periods = data["periods"]

    def __call__(self, doc):
        pub = _published(doc)
        found = items(doc)
        for m in self.regex.finditer(text_of(doc)):
            kind = next(n for n in self.names if m.group(f"p_{n}") is not None)
            try:
                value, gran = getattr(self, "_" + kind)(m, pub)
            except (ValueError, TypeError):
                continue
            if value is False:  # the builder rejected the match (invalid month, ...)
                continue
            s, e = m.span(f"p_{kind}")
            found.append(Item("date", s, e, stage="dates", attrs={"value": value, "granularity": gran, "pattern": kind}))
        return doc

    # -- value builders: (value, granularity) ---------------------------------
    @staticmethod
    def _ymd_str(y, mo, d) -> str:
        ys = f"{y:04d}" if isinstance(y, int) else y
        if not (1 <= mo <= 12) or (d is not None and not (1 <= d <= 31)):
            raise ValueError("invalid date")
        if d is None:
            return f"{ys}-{mo:02d}"
        if isinstance(y, int):
            dt.date(y, mo, d)  # raises on 2月30日
        return f"{ys}-{mo:02d}-{d:02d}"

    def _year(self, m, pub):
        return str(_num(m.group("y"))).zfill(4), "year"

    _year_in_name = _year

    def _pub_year(self, pub):
        return pub.year if pub else XXXX

    def _rel_year(self, m, pub):
        off = self.relative_years[m.group("rel")]
        return pub.year + off if pub else XXXX

    def _ymd(self, m, pub):
        return self._ymd_str(_num(m.group("y")), _num(m.group("m")), _num(m.group("d"))), "day"

    _ymd_numeric = _dmy_numeric = _ymd

    def _ymd_range(self, m, pub):
        y, mo = _num(m.group("y")), _num(m.group("m"))
        mo2 = _num(m.group("m2")) or mo
        return self._ymd_str(y, mo, _num(m.group("d"))) + "/" + self._ymd_str(y, mo2, _num(m.group("d2"))), "day"

    def _year_range(self, m, pub):
        y1, y2 = _num(m.group("y")), _num(m.group("y2"))
        if y2 <= y1:
            return False, None
        return f"{y1}/{y2}", "year"

    def _ym(self, m, pub):
        return self._ymd_str(_num(m.group("y")), _num(m.group("m")), None), "month"

    def _ym_range(self, m, pub):
        y = _num(m.group("y"))
        return self._months(y, m)

    def _months(self, y, m):
        m1, m2 = _num(m.group("m")), _num(m.group("m2"))
        if m2 <= m1:
            return False, None
        return self._ymd_str(y, m1, None) + "/" + self._ymd_str(y, m2, None), "month"

    def _period_value(self, y, m):
        period = m.group("period")
        if m.group("nmonths"):
            last = _num(m.group("nmonths"))
            first = 1
        else:
            key = period.lstrip("第").replace("1", "一").replace("2", "二").replace("3", "三").replace("4", "四")
            first, last = self.periods[key]
        return self._ymd_str(y, first, None) + "/" + self._ymd_str(y, last, None), "month"

    def _y_period(self, m, pub):
        return self._period_value(_num(m.group("y")), m)

    def _rel_period(self, m, pub):
        return self._period_value(self._rel_year(m, pub), m)

    def _period(self, m, pub):
        return self._period_value(self._pub_year(pub), m)

    def _rel_month(self, m, pub):
        return self._ymd_str(self._rel_year(m, pub), _num(m.group("m")), None), "month"

    def _rel_month_range(self, m, pub):
        return self._months(self._rel_year(m, pub), m)

    def _md(self, m, pub):
        return self._ymd_str(self._pub_year(pub), _num(m.group("m")), _num(m.group("d"))), "day"

    def _md_range(self, m, pub):
        y, mo = self._pub_year(pub), _num(m.group("m"))
        mo2 = _num(m.group("m2")) or mo
        return self._ymd_str(y, mo, _num(m.group("d"))) + "/" + self._ymd_str(y, mo2, _num(m.group("d2"))), "day"

    def _month(self, m, pub):
        return self._ymd_str(self._pub_year(pub), _num(m.group("m")), None), "month"

    def _month_range(self, m, pub):
        return self._months(self._pub_year(pub), m)

    def _today_day(self, m, pub):
        if not pub:
            return f"{XXXX}-XX-{_num(m.group('d')):02d}", "day"
        return self._ymd_str(pub.year, pub.month, _num(m.group("d"))), "day"

    def _relative_day(self, m, pub):
        if not pub:
            return None, "day"
        d = pub + dt.timedelta(days=self.relative_days[m.group("relday")])
        return d.isoformat(), "day"

