"""numbers.parse_number, and the numeral table generated from cn2an."""
from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from newsextract import numbers

REPO = Path(__file__).resolve().parents[1]


def test_the_numeral_table_is_what_cn2an_gives_now(tmp_path):
    """Generated data drifted from its source: rerun scripts/build_numerals.py."""
    out = tmp_path / "numerals.tsv"
    subprocess.run([sys.executable, str(REPO / "scripts/build_numerals.py"), "--out", str(out)], check=True)
    assert out.read_bytes() == (REPO / "rules/numbers/numerals.tsv").read_bytes()


@pytest.mark.parametrize("text,value", [
    ("三", 3), ("十", 10), ("十五", 15), ("四十二", 42), ("一百零一", 101), ("九百九十九", 999),
    ("两千", 2000), ("三千五百万", 35000000), ("十二点六", Decimal("12.6")), ("一亿", 100000000),
    ("二〇二四", 2024), ("1,234.5", Decimal("1234.5")), ("3541.07万", 35410700), ("", None), ("多个", None),
])
def test_parse_number(text, value):
    got = numbers.parse_number(text)
    assert got == (None if value is None else Decimal(value))


def test_table_numerals_and_cn2an_agree():
    """A numeral in the table and one cn2an reads give the same values."""
    convert = numbers.cn2an_converter()
    for numeral in ("三", "十五", "六十八", "一百一十", "九百零九"):
        assert numbers.numerals()[numeral] == convert(numeral, "smart")
