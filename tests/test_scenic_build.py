"""rules/gazetteer/scenic_areas.txt, built by scripts/build_scenic.py from a
public list of the national 5A scenic areas (see rules/gazetteer/SOURCES.md)."""

from __future__ import annotations

import csv
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCENIC = REPO / "rules" / "gazetteer" / "scenic_areas.txt"
SCRIPT = REPO / "scripts" / "build_scenic.py"
# scenes.js of github.com/yuanzhoucq/5a-express (SOURCES.md says how to get it)
SOURCE_ENV = "NEWSEXTRACT_SCENIC_SOURCE"


def _names() -> list[str]:
    return [line for line in SCENIC.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def test_scenic_areas_match_their_source(tmp_path: Path) -> None:
    """The compiled list drifted from its source: rebuild and compare byte for byte."""
    source = os.environ.get(SOURCE_ENV)
    if not source or not Path(source).is_file():
        pytest.skip(f"set {SOURCE_ENV} to the path of the source's scenes.js (rules/gazetteer/SOURCES.md)")
    head = SCENIC.read_text(encoding="utf-8").splitlines()[:8]
    digest = hashlib.sha256(Path(source).read_bytes()).hexdigest()
    assert f"# source sha256: {digest}" in head, "the source is not the file the list was built from"
    out = tmp_path / "scenic_areas.txt"
    proc = subprocess.run([sys.executable, str(SCRIPT), source, "--out", str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == SCENIC.read_bytes(), (
        "rules/gazetteer/scenic_areas.txt differs from a fresh build; rerun scripts/build_scenic.py")


def test_build_refuses_a_file_without_entries(tmp_path: Path) -> None:
    bad = tmp_path / "scenes.js"
    bad.write_text("module.exports = {scenes: []}\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, str(SCRIPT), str(bad), "--out", str(tmp_path / "out.txt")],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert str(bad) in proc.stderr and "no \"name\" entries" in proc.stderr
    assert not (tmp_path / "out.txt").exists()


def test_build_keeps_names_and_cores_and_leaves_out_museums_and_divisions(tmp_path: Path) -> None:
    src = tmp_path / "scenes.js"
    src.write_text("\n".join(f'{{"name": "{n}", "province": "x"}},' for n in (
        "河北省承德市金山岭长城景区", "海螺沟景区", "南湖景区", "秦始皇兵马俑博物馆", "方特旅游区",
        "夫子庙-秦淮河风光带景区")), encoding="utf-8")
    out = tmp_path / "out.txt"
    proc = subprocess.run([sys.executable, str(SCRIPT), str(src), "--out", str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    names = [line for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    # divisions' full names cut before a name; the core where it ends like a site;
    # 南湖 (南湖区), a museum (ORG), 方特 (a brand) and a name of two places are none
    assert names == sorted(["金山岭长城景区", "金山岭长城", "海螺沟景区", "海螺沟", "南湖景区", "方特旅游区"])


def test_committed_list_holds_no_division_and_no_museum() -> None:
    names = _names()
    assert len(names) > 400
    with open(REPO / "rules" / "gazetteer" / "divisions.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    divisions = {r["name"] for r in rows} | {s for r in rows for s in (r["short"] or "").split("/") if s}
    assert not [n for n in names if n in divisions]
    assert not [n for n in names if n.endswith(("博物馆", "博物院", "纪念馆"))]
