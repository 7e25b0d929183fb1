"""Numbers as written in Chinese text -> exact values (cn2an for numerals).

Shared by the dates and figures stages. Arabic numbers are parsed with
Decimal so that 3541.07万 is exactly 35410700, not 35410700.000000004.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

import cn2an

_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


def parse_number(s: str) -> Decimal | None:
    """'1,234.5' -> 1234.5; '三百二十五' -> 325; '两千' -> 2000; None if not a number."""
    s = s.strip().replace(",", "").replace("，", "")
    if not s:
        return None
    try:
        return Decimal(s)
    except InvalidOperation:
        pass
    try:
        return Decimal(str(cn2an.cn2an(s, "smart")))
    except Exception:
        pass
    # Digit-by-digit numerals without 十/百 (二〇二三)
    if all(ch in "〇零一二三四五六七八九" for ch in s):
        return Decimal(s.translate(_DIGITS))
    return None


def to_json_number(d: Decimal):
    """An int when integral, else a float rounded to the digits written."""
    if d == d.to_integral_value():
        return int(d)
    return float(d)
