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
    for numeral in ("三", "十五", "六十八", "一百一十", "九百零九", "三千零五", "两千三百", "十二点六", "零点五"):
        assert Decimal(numbers.numerals()[numeral]) == Decimal(str(convert(numeral, "smart")))
    for numeral in ("百", "千亿", "万亿"):
        assert numbers.numerals()[numeral] == ""
        with pytest.raises(ValueError):
            convert(numeral, "smart")


@pytest.mark.parametrize("text,value", [
    ("两", 2), ("两千", 2000), ("两百五十", 250), ("九千九百九十九", 9999), ("一千零二", 1002),
    ("十二点六", Decimal("12.6")), ("九十九点九", Decimal("99.9")),
    ("百", None), ("千亿", None), ("百万", None),
])
def test_the_numerals_releases_write_most_are_read_without_cn2an(monkeypatch, text, value):
    """cn2an's set-up (compiling its patterns) is paid once per process at
    the first numeral the table lacks; these are in the table."""
    def no_cn2an():
        raise AssertionError(f"cn2an asked to read {text}")

    monkeypatch.setattr(numbers, "cn2an_converter", no_cn2an)
    got = numbers.parse_number(text)
    assert got == (None if value is None else Decimal(value))


def test_a_numeral_outside_the_table_goes_to_cn2an():
    assert "二十三万" not in numbers.numerals()
    assert numbers.parse_number("二十三万") == 230000
    assert numbers.parse_number("五十五点一五") == Decimal("55.15")
