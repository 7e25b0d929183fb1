"""Tests for rules/gazetteer (built by scripts/build_gazetteer.py)."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GAZ = REPO / "rules" / "gazetteer"
SCRIPT = REPO / "scripts" / "build_gazetteer.py"
GENERATED = ("divisions.tsv", "former_names.tsv", "countries.tsv", "townships.tsv", "world_cities.tsv", "SOURCES.md")
DIVISIONS_HEADER = ["code", "name", "short", "level", "province", "city"]


def _shared_dir() -> Path:
    env = os.environ.get("NEWSEXTRACT_SHARED")
    return Path(env) if env else REPO.parent / "shared"


def test_generated_gazetteer_matches_sources(tmp_path: Path) -> None:
    """Generated data drifted from its source: rebuild and compare byte for byte."""
    shared = _shared_dir()
    jionlp = shared / "data" / "admin_divisions_jionlp"
    modood = shared / "data" / "admin_divisions_modood"
    if not (jionlp.is_dir() and modood.is_dir()):
        pytest.skip(
            f"gazetteer inputs not found: need {jionlp} and {modood} "
            "(set NEWSEXTRACT_SHARED to the shared data checkout)"
        )
    out = tmp_path / "gazetteer"
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--jionlp", str(jionlp), "--modood", str(modood), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    for name in GENERATED:
        built = (out / name).read_bytes()
        committed = (GAZ / name).read_bytes()
        assert built == committed, (
            f"rules/gazetteer/{name} differs from a fresh build; "
            "rerun scripts/build_gazetteer.py (see rules/gazetteer/SOURCES.md)"
        )


def _divisions() -> tuple[list[str], list[dict[str, str]]]:
    text = (GAZ / "divisions.tsv").read_text(encoding="utf-8")
    reader = csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    rows = [dict(zip(header, r, strict=True)) for r in reader]
    return header, rows


def test_committed_divisions() -> None:
    header, rows = _divisions()
    assert header == DIVISIONS_HEADER
    assert rows

    codes = [r["code"] for r in rows if r["code"]]
    assert len(codes) == len(set(codes)), "duplicate codes in divisions.tsv"

    by_name: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        assert r["level"] in {"province", "city", "county"}, r
        by_name.setdefault(r["name"], []).append(r)

    (shandong,) = by_name["山东省"]
    assert shandong["code"] == "370000"
    assert shandong["level"] == "province"

    (longkou,) = by_name["龙口市"]
    assert longkou == {
        "code": "370681",
        "name": "龙口市",
        "short": "龙口",
        "level": "county",
        "province": "370000",
        "city": "370600",
    }

    (yantai,) = by_name["烟台市"]
    assert yantai["level"] == "city"
    assert yantai["province"] == "370000"

    provinces = {r["code"] for r in rows if r["level"] == "province"}
    for r in rows:
        if r["level"] == "county":
            assert r["province"] in provinces, r
