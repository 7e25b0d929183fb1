"""Build rules/gazetteer/scenic_areas.txt: China's national 5A tourist
attractions (国家5A级旅游景区, the Ministry of Culture and Tourism's list) as
LOC names, from a public compilation of that list.

Source: github.com/yuanzhoucq/5a-express, `scenes.js` (one object per
attraction: "name", "province", "city"); licence MIT (the repository's
LICENSE). Give the file's path on the command line:

    git -C /work/.mirror/yuanzhoucq+5a-express/repo show HEAD:scenes.js > /tmp/scenes.js
    python scripts/build_scenic.py /tmp/scenes.js [--out rules/gazetteer/scenic_areas.txt]

GUIDELINES: "a scenic area or a venue is LOC", "a museum ... is ORG". For
each attraction the file lists
- the name as the list writes it, the full names of the divisions
  written before it left out (河北省承德市金山岭长城景区 -> 金山岭长城景区;
  a short name stays: 峨眉山景区);
- its core, the name without the scenic-area word after it (海螺沟景区 ->
  海螺沟, 那拉提草原 stays), which releases write alone;
and leaves out museums and memorial halls (ORG), names holding list marks
(夫子庙-秦淮河风光带景区: two places under one name),
and any core that is a division's full or short name (南湖, 南山), a
common word of jieba's dictionary (tagged as no name and at least
COMMON_FREQ frequent), or a two-character core jieba knows at all (千山,
龟峰: too easily part of other words). Python standard library and jieba.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import os
import re
import sys
from pathlib import Path

import jieba

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "rules" / "gazetteer" / "scenic_areas.txt"
DIVISIONS = ROOT / "rules" / "gazetteer" / "divisions.tsv"
SOURCE = "github.com/yuanzhoucq/5a-express, scenes.js (licence MIT)"
# the words after an attraction's name that make it a scenic area, longest first
SCENIC_WORDS = ("风景名胜区", "文化旅游景区", "生态旅游区", "文化旅游区", "风景旅游区", "休闲旅游区", "旅游度假区",
                "旅游景区", "风景区", "旅游区", "游览区", "景区")
ORG_ENDS = ("博物馆", "博物院", "科技馆", "纪念馆", "纪念馆景区")
LIST_MARKS = re.compile(r"[-－·・、及（）()]")
NAME_TAGS = {"ns", "nz", "nr", "nrt", "nt", "j", "x", "eng"}
COMMON_FREQ = 100
ENTRY = re.compile(r'"name":\s*"([^"]+)"')
# what a core must end in to be a place by itself (海螺|沟, 西溪|湿地, 周庄|古镇,
# 乐山|大佛): a feature word of feature_suffixes.txt, or one of these words or
# last characters of sites; 方特 and 长隆 (companies' brands), 中俄边境 and
# 采石矶文化 (a descriptive rest of the name) end in none
FEATURES = ROOT / "rules" / "gazetteer" / "feature_suffixes.txt"
SITE_WORDS = ("古镇", "古城", "故里", "大佛", "石窟", "石刻", "园林", "梯田", "雨林", "土楼", "碉楼", "长城", "天池",
              "古战场", "纪念地", "石阵", "岩画", "热海", "丹霞", "画廊", "瀑布", "峡谷", "喀斯特")
SITE_ENDS = "山江河湖海岛峰溪湾峡沟洞泉潭寺庙宫阁陵关渚屿坡岭淀池滩寨谷城堡巷园措错"  # 措, 错: Tibetan lakes (巴松措)


def divisions() -> tuple[set[str], set[str]]:
    """The divisions' full names, and their full and short names."""
    full, names = set(), set()
    with open(DIVISIONS, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            full.add(row["name"])
            names.update(s for s in (row["short"] or "").split("/") if s)
    return full, names | full


def jieba_words() -> dict[str, tuple[int, str]]:
    words = {}
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as fh:
        for line in fh:
            w, f, t = line.split()
            words[w] = (int(f), t)
    return words


def without_prefix(name: str, full: set[str]) -> str:
    """The name without the divisions' full names written before it
    (河北省承德市金山岭长城景区 -> 金山岭长城景区); short names stay (峨眉山景区)."""
    cut = True
    while cut:
        cut = False
        for k in range(min(len(name) - 3, 8), 1, -1):
            if name[:k] in full:
                name, cut = name[k:], True
                break
    return name


def entries(text: str, divisions: tuple[set[str], set[str]], words: dict) -> list[str]:
    full, places = divisions
    features = tuple(w for w in (line.split("#", 1)[0].strip() for line in FEATURES.read_text(encoding="utf-8").splitlines()) if w)
    out = []
    for m in ENTRY.finditer(text):
        name = without_prefix(m.group(1).strip(), full)
        if name.endswith(ORG_ENDS) or name in places or LIST_MARKS.search(name):
            continue
        out.append(name)
        core = next((name[:-len(w)] for w in SCENIC_WORDS if name.endswith(w) and len(name) > len(w)), None)
        if core is None or core in places or len(core) < 2:
            continue
        freq, tag = words.get(core, (0, ""))
        if core in words and (len(core) == 2 or tag == "nt" or (tag not in NAME_TAGS and freq >= COMMON_FREQ)):
            continue
        if not (core.endswith(features) or core.endswith(SITE_WORDS) or core[-1] in SITE_ENDS):
            continue
        out.append(core)
    return sorted(dict.fromkeys(out))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path, help="scenes.js of github.com/yuanzhoucq/5a-express")
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args(argv)
    try:
        raw = a.source.read_bytes()
    except OSError as exc:
        print(f"{a.source}: cannot read the source ({exc.strerror})", file=sys.stderr)
        return 1
    names = entries(raw.decode("utf-8"), divisions(), jieba_words())
    if not names:
        print(f"{a.source}: no \"name\" entries found", file=sys.stderr)
        return 1
    head = [
        "# National 5A tourist attractions (国家5A级旅游景区, the Ministry of Culture and",
        "# Tourism's list) as LOC names: each name as listed (divisions before it cut)",
        "# and its core without the scenic-area word (海螺沟景区 -> 海螺沟). Museums and",
        "# memorial halls are left out (ORG). Generated by scripts/build_scenic.py; do",
        "# not edit by hand (tests/test_scenic_build.py rebuilds it from the source).",
        f"# source: {SOURCE}",
        f"# source sha256: {hashlib.sha256(raw).hexdigest()}",
    ]
    a.out.write_text("\n".join(head + names) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
