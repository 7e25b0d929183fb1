#!/usr/bin/env python3
"""Compile the place-name gazetteer in rules/gazetteer/ from third-party dictionaries.

Why this exists: the extractor needs a small, reviewable, deterministic list of
Chinese administrative divisions (with GB/T 2260 codes and short names), former
names and countries.  The upstream data (JioNLP's dictionary, modood's NBS code
tables) is large and awkwardly shaped, and is not shipped in this repository.
This script turns it into plain TSV files and records exactly which inputs
(sha256) produced them, so the files can be regenerated and checked for drift
(tests/test_gazetteer_build.py).  Same inputs -> byte-identical outputs.

Usage:
    python scripts/build_gazetteer.py \\
        --jionlp /path/to/admin_divisions_jionlp \\
        --modood /path/to/admin_divisions_modood \\
        --out rules/gazetteer
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

# Names that are administrative placeholders, not places.
PLACEHOLDER_NAMES = frozenset(
    {
        "市辖区",
        "县",
        "省直辖县级行政区划",
        "自治区直辖县级行政区划",
        "省直辖行政区划",
        "市直辖行政区划",
    }
)

# Spelling slips in china_location_change.txt whose target is spelled correctly
# in JioNLP's own china_location.txt (and in the official lists).  Applied to
# new_name only; every application is reported on stderr and in SOURCES.md.
CHANGE_LOG_NEW_NAME_FIXES = {
    "云岗区": "云冈区",  # 山西省大同市, 140214
    "大菁山县": "大箐山县",  # 黑龙江省伊春市, 230725
    "玉环区": "玉环市",  # 浙江省台州市, 331083 (玉环县 became a county-level city in 2017)
}

CANONICAL_COMMAND = (
    "python scripts/build_gazetteer.py"
    " --jionlp $SHARED/data/admin_divisions_jionlp"
    " --modood $SHARED/data/admin_divisions_modood"
    " --out rules/gazetteer"
)

DIVISIONS_HEADER = ("code", "name", "short", "level", "province", "city")
FORMER_HEADER = ("old_name", "new_name", "date")
COUNTRIES_HEADER = ("name", "full_name", "continent")
CITIES_HEADER = ("name", "country")

CODE_RE = re.compile(r"^\d{6}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def log(msg: str) -> None:
    print(msg, file=sys.stderr)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_lines(data: bytes) -> list[str]:
    text = data.decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


class Inputs:
    """Reads input files once and remembers their sha256 for SOURCES.md."""

    def __init__(self) -> None:
        self.hashes: list[tuple[str, int, str]] = []  # (label, bytes, sha256)

    def read(self, path: Path, label: str) -> bytes:
        data = path.read_bytes()
        self.hashes.append((label, len(data), sha256_bytes(data)))
        return data


@dataclass
class Division:
    code: str
    name: str
    short: str
    level: str
    province: str
    city: str

    def row(self) -> tuple[str, ...]:
        return (self.code, self.name, self.short, self.level, self.province, self.city)


# ---------------------------------------------------------------- divisions


def parse_china_location(lines: list[str]) -> list[Division]:
    out: list[Division] = []
    prov_code = ""
    city_code = ""  # '' while directly under the province
    for lineno, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        depth = len(raw) - len(raw.lstrip("\t"))
        if depth >= 3:
            continue
        fields = [f.strip() for f in raw.lstrip("\t").split("\t")]
        name = fields[0]
        code = fields[1] if len(fields) > 1 else ""
        short = fields[2] if len(fields) > 2 else ""
        if code and not CODE_RE.match(code):
            raise SystemExit(f"china_location.txt:{lineno}: bad code {code!r}")
        if short == name:
            short = ""
        if depth == 0:
            if not code:
                raise SystemExit(f"china_location.txt:{lineno}: province without code")
            prov_code, city_code = code, ""
            out.append(Division(code, name, short, "province", "", ""))
        elif depth == 1:
            # Placeholders (省直辖行政区划) and the pseudo-city that repeats a
            # municipality / SAR (上海市 310000 under 上海市 310000): their
            # children hang directly under the province.
            if name in PLACEHOLDER_NAMES or not code or code == prov_code:
                city_code = ""
                continue
            city_code = code
            out.append(Division(code, name, short, "city", prov_code, ""))
        else:  # depth 2
            if name in PLACEHOLDER_NAMES:
                continue
            # HK/MO districts repeat the SAR code: they have no code of their own.
            if code in (prov_code, city_code):
                code = ""
            out.append(Division(code, name, short, "county", prov_code, city_code))
    return out


TOWNSHIPS_HEADER = ("name", "county", "code")


def parse_townships(lines: list[str], modood_streets: dict[tuple[str, str], str]) -> list[tuple[str, str, str]]:
    """Towns, townships and subdistricts (JioNLP depth 3) under their county's
    code; the 9-digit code from modood's streets.csv where county and name agree."""
    out = set()
    county = ""
    for raw in lines:
        if not raw.strip():
            continue
        depth = len(raw) - len(raw.lstrip("\t"))
        fields = [f.strip() for f in raw.lstrip("\t").split("\t")]
        if depth == 2:
            county = fields[1] if len(fields) > 1 and CODE_RE.match(fields[1]) else ""
        elif depth == 3 and county and len(fields[0]) >= 2:
            out.add((fields[0], county, modood_streets.get((county, fields[0]), "")))
    return sorted(out, key=lambda r: (r[1], r[0]))


def read_modood_streets(inputs: Inputs, modood: Path) -> dict[tuple[str, str], str]:
    data = inputs.read(modood / "streets.csv", "admin_divisions_modood/streets.csv")
    rows = csv.DictReader(io.StringIO(data.decode("utf-8")))
    return {(r["areaCode"], r["name"]): r["code"] for r in rows}


def read_modood(inputs: Inputs, modood: Path) -> dict[str, tuple[str, str]]:
    """code (6 digits) -> (name, province code) for non-placeholder modood units."""
    codes: dict[str, tuple[str, str]] = {}
    for fname, width in (("provinces.csv", 2), ("cities.csv", 4), ("areas.csv", 6)):
        data = inputs.read(modood / fname, f"admin_divisions_modood/{fname}")
        reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
        for rec in reader:
            code, name = rec["code"].strip(), rec["name"].strip()
            if len(code) != width or not code.isdigit():
                raise SystemExit(f"{fname}: bad code {code!r}")
            if name in PLACEHOLDER_NAMES:
                continue
            full = code.ljust(6, "0")
            codes[full] = (name, full[:2] + "0000")
    return codes


def fix_duplicate_codes(divs: list[Division], modood: dict[str, tuple[str, str]]) -> list[str]:
    """Resolve codes that JioNLP gives to two divisions, using modood by name.

    Returns human-readable notes.  Fails if a duplicate cannot be resolved.
    """
    notes: list[str] = []
    by_code: dict[str, list[Division]] = {}
    for d in divs:
        if d.code:
            by_code.setdefault(d.code, []).append(d)
    used = set(by_code)
    by_name: dict[tuple[str, str], list[str]] = {}
    for code, (name, prov) in modood.items():
        by_name.setdefault((name, prov), []).append(code)
    for code in sorted(c for c, ds in by_code.items() if len(ds) > 1):
        for d in by_code[code]:
            cands = by_name.get((d.name, d.province), [])
            if len(cands) == 1 and cands[0] != code and cands[0] not in used:
                notes.append(
                    f"duplicate code {code} in JioNLP: {d.name} -> {cands[0]} (from modood, matched by name)"
                )
                d.code = cands[0]
                used.add(cands[0])
    seen: dict[str, str] = {}
    for d in divs:
        if d.code:
            if d.code in seen:
                raise SystemExit(
                    f"unresolved duplicate code {d.code}: {seen[d.code]} / {d.name}"
                )
            seen[d.code] = d.name
    return notes


def sort_divisions(divs: list[Division]) -> list[Division]:
    coded = sorted((d for d in divs if d.code), key=lambda d: d.code)
    uncoded = sorted((d for d in divs if not d.code), key=lambda d: (d.name, d.province, d.city, d.short))
    return coded + uncoded


def cross_check(divs: list[Division], modood: dict[str, tuple[str, str]]) -> dict[str, object]:
    jcodes = {d.code: d for d in divs if d.code}
    only_j = sorted(set(jcodes) - set(modood))
    only_m = sorted(set(modood) - set(jcodes))
    hmt = ("71", "81", "82")
    only_j_mainland = [c for c in only_j if c[:2] not in hmt]
    name_diff = sorted(c for c in set(jcodes) & set(modood) if jcodes[c].name != modood[c][0])
    # Same name in the same province, but a different code in each source:
    # usually JioNLP keeping a pre-reform code for a renamed/reparented unit.
    m_only_by_name: dict[tuple[str, str], list[str]] = {}
    for c in only_m:
        m_only_by_name.setdefault((modood[c][0], modood[c][1]), []).append(c)
    code_differs = []
    for c in only_j:
        mc = m_only_by_name.get((jcodes[c].name, jcodes[c].province), [])
        if len(mc) == 1:
            code_differs.append((jcodes[c].name, c, mc[0]))
    return {
        "jionlp_codes": len(jcodes),
        "modood_codes": len(modood),
        "only_jionlp": only_j,
        "only_jionlp_mainland": only_j_mainland,
        "only_modood": only_m,
        "name_differs": name_diff,
        "code_differs": code_differs,
        "jionlp": jcodes,
        "modood": modood,
    }


# ------------------------------------------------------------ former names


def parse_changes(lines: list[str], current_names: set[str]) -> tuple[list[tuple[str, str, str]], list[str]]:
    notes: list[str] = []
    rows: set[tuple[str, str, str]] = set()
    skipped_same = 0
    for lineno, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        if raw.count("=>") != 1:
            raise SystemExit(f"china_location_change.txt:{lineno}: expected one '=>'")
        left, right = raw.split("=>")
        lf = [f.strip() for f in left.split("\t")]
        rf = [f.strip() for f in right.split("\t")]
        date = lf[0]
        if not DATE_RE.match(date):
            raise SystemExit(f"china_location_change.txt:{lineno}: bad date {date!r}")
        # left: date, approval, prov, prov_short, city, city_short[, county, county_short]
        old_names = lf[2::2]  # full names: prov, city[, county]
        if len(lf) not in (6, 8) or len(rf) != len(old_names):
            raise SystemExit(f"china_location_change.txt:{lineno}: unexpected shape")
        old, new = old_names[-1], rf[-1]
        if new in CHANGE_LOG_NEW_NAME_FIXES:
            fixed = CHANGE_LOG_NEW_NAME_FIXES[new]
            notes.append(
                f"change log line {lineno}: new name {new} corrected to {fixed} "
                "(the spelling used in china_location.txt)"
            )
            new = fixed
        if old == new:
            skipped_same += 1
            continue
        if new not in current_names:
            notes.append(f"change log line {lineno}: new name {new} not in divisions.tsv")
        rows.add((old, new, date))
    notes.append(
        f"change log: {skipped_same} line(s) skipped where the name is unchanged at the most "
        "specific level (only the parent changed)"
    )
    return sorted(rows, key=lambda r: (r[2], r[0], r[1])), notes


# ---------------------------------------------------------------- countries


def parse_world_cities(lines: list[str], countries: set[str]) -> list[tuple[str, str]]:
    """Capitals and major cities abroad (the third and fourth columns of
    world_location.txt), in source order; China's row (its cities are
    divisions) and names that are also a country's are left out."""
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for raw in lines:
        fields = [f.strip() for f in raw.strip().split("\t")]
        if len(fields) < 3 or fields[0] == "中国":
            continue
        for name in [fields[2]] + (fields[3].split("/") if len(fields) > 3 else []):
            name = name.strip()
            if len(name) >= 2 and name not in seen and name not in countries:
                seen.add(name)
                rows.append((name, fields[0]))
    return rows


def parse_world(lines: list[str]) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    continent = ""
    for lineno, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line:
            continue
        if "\t" not in line and line.endswith((":", "：")):
            continent = line[:-1].strip()
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) < 2 or not continent:
            raise SystemExit(f"world_location.txt:{lineno}: unexpected line {raw!r}")
        name, full = fields[0], fields[1]
        if name in seen:
            continue
        seen.add(name)
        rows.append((name, full, continent))
    if "中国" not in seen:
        rows.insert(0, ("中国", "中华人民共和国", "亚洲"))
    return rows


# ------------------------------------------------------------------ writing


def tsv(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    buf = [("\t".join(header))]
    for r in rows:
        for f in r:
            if "\t" in f or "\n" in f or "\r" in f:
                raise SystemExit(f"field with tab/newline: {f!r}")
        buf.append("\t".join(r))
    return "\n".join(buf) + "\n"


def write_text(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def provenance_commit(data: bytes) -> str:
    m = re.search(r"commit \*\*([0-9a-f]{40})\*\*", data.decode("utf-8", "replace"))
    return m.group(1) if m else "unknown (see the input's PROVENANCE.md)"


def sources_md(
    counts: dict[str, int],
    n_former: int,
    n_countries: int,
    n_cities: int,
    inputs: Inputs,
    commits: dict[str, str],
    check: dict[str, object],
    notes: list[str],
) -> str:
    hash_rows = "\n".join(f"| {label} | {size} | `{digest}` |" for label, size, digest in inputs.hashes)
    notes_md = "\n".join(f"- {n}" for n in notes) or "- none"
    jc, mc = check["jionlp"], check["modood"]
    code_diff_md = "\n".join(
        f"| {name} | {jcode} | {mcode} |" for name, jcode, mcode in check["code_differs"]
    )
    name_diff_md = "\n".join(f"| {c} | {jc[c].name} | {mc[c][0]} |" for c in check["name_differs"])
    return f"""# rules/gazetteer — sources

Generated by `scripts/build_gazetteer.py`; do not edit by hand.
`tests/test_gazetteer_build.py` rebuilds these files from the inputs (when available) and fails
if they differ byte for byte.

## Files

| file | content | built from |
|---|---|---|
| `divisions.tsv` | `code, name, short, level, province, city`: one row per province ({counts['province']}), prefecture-level city ({counts['city']}) and county-level division ({counts['county']}). `province`/`city` are parent codes (`''` when not applicable; counties directly under a province or municipality have `city` = `''`). `short` is JioNLP's short name (`''` if equal to the name); a `/` separates alternatives (克州/克孜勒苏). Sorted by code; rows without a code (HK/MO/TW districts) last, sorted by name. | JioNLP `china_location.txt` (depth 0–2); modood only to resolve duplicate codes (see notes) |
| `former_names.tsv` | `old_name, new_name, date`: {n_former} renames/mergers, old and new full names at the most specific level given, de-duplicated, sorted by date. Names are not qualified by parent, so generic old names (城区, 郊区, 矿区, 桥东区…) are ambiguous. | JioNLP `china_location_change.txt` |
| `countries.tsv` | `name, full_name, continent`: {n_countries} countries in source order (中国 included). | JioNLP `world_location.txt` |
| `world_cities.tsv` | `name, country`: {n_cities} capitals and major cities abroad (the capital and city columns of the source; China's row and names equal to a country's left out). | JioNLP `world_location.txt` |
| `townships.tsv` | `name, county, code`: towns, townships and subdistricts (JioNLP depth 3) with their county's code, and the 9-digit code where modood's `streets.csv` has the same name under the same county. Sorted by county, name. | JioNLP `china_location.txt` (depth 3), modood `streets.csv` |

Placeholders (`{'`, `'.join(sorted(PLACEHOLDER_NAMES))}`) are skipped, as are the pseudo-cities that repeat a
municipality's or SAR's own code (上海市 310000 under 上海市). HK/MO districts carry the SAR code in
JioNLP; they get an empty code here. Villages (depth 4) are not compiled.

## Other compiled lists

Not built by this script; each has its own script, which reads its source from a path given on the
command line, and a test that rebuilds the file from that source when it is available.

| file | content | built from | script, test |
|---|---|---|---|
| `scenic_areas.txt` | the national 5A tourist attractions (the Ministry of Culture and Tourism's list, 359 entries in the source) as LOC names: each name as listed, the full names of divisions before it cut, and its core without the scenic-area word (海螺沟景区, 海螺沟) where the core ends like a site; museums and memorial halls (ORG), names of two places joined by marks, divisions' names and common words of jieba's dictionary left out | github.com/yuanzhoucq/5a-express, commit 89319fa8e1dd82ff4e94a10658ff230fa4b739ae, `scenes.js`; licence MIT (the repository's LICENSE); the facts are official public information | `scripts/build_scenic.py`, `tests/test_scenic_build.py` (`NEWSEXTRACT_SCENIC_SOURCE` = the path of `scenes.js`) |

## Inputs

| input | bytes | sha256 |
|---|---|---|
{hash_rows}

- JioNLP: github.com/dongrixinyu/JioNLP, commit {commits['jionlp']}, `jionlp/dictionary/`. Licence: Apache-2.0 (Copyright dongrixinyu).
- modood: github.com/modood/Administrative-divisions-of-China, commit {commits['modood']}, `dist/`. Licence: WTFPL (LICENSE) / MIT (package.json).
- The facts (names, GB/T 2260 codes) are official public information. Attribution: see `NOTICE` at the repository root.

## Regenerate

```
{CANONICAL_COMMAND}
```

`$SHARED` is the shared data checkout (`/work/shared` in the build workspace). Python standard library only.

## Cross-check against modood (informational)

Codes compared after dropping placeholders on both sides; modood has no HK/MO/TW.

- codes in divisions.tsv: {check['jionlp_codes']}; in modood provinces/cities/areas: {check['modood_codes']}
- in JioNLP but not in modood: {len(check['only_jionlp'])} ({len(check['only_jionlp_mainland'])} outside HK/MO/TW)
- in modood but not in JioNLP: {len(check['only_modood'])}
- same code, different name: {len(check['name_differs'])}
- same name (same province), different code: {len(check['code_differs'])} — mostly JioNLP keeping the
  pre-reform code of a renamed or reparented unit; divisions.tsv keeps JioNLP's code.

| name | JioNLP code | modood code |
|---|---|---|
{code_diff_md}

| code | JioNLP name | modood name |
|---|---|---|
{name_diff_md}

## Build notes

{notes_md}
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jionlp", required=True, type=Path, help="directory with china_location.zip etc.")
    ap.add_argument("--modood", required=True, type=Path, help="directory with provinces/cities/areas.csv")
    ap.add_argument("--out", required=True, type=Path, help="output directory (e.g. rules/gazetteer)")
    args = ap.parse_args(argv)

    inputs = Inputs()
    jdir, mdir = args.jionlp, args.modood

    prov_j = inputs.read(jdir / "PROVENANCE.md", "admin_divisions_jionlp/PROVENANCE.md")
    zdata = inputs.read(jdir / "china_location.zip", "admin_divisions_jionlp/china_location.zip")
    with zipfile.ZipFile(io.BytesIO(zdata)) as zf:
        member = zf.read("china_location.txt")
    inputs.hashes.append(
        ("china_location.zip → china_location.txt (member)", len(member), sha256_bytes(member))
    )
    change = inputs.read(jdir / "china_location_change.txt", "admin_divisions_jionlp/china_location_change.txt")
    world = inputs.read(jdir / "world_location.txt", "admin_divisions_jionlp/world_location.txt")
    prov_m = inputs.read(mdir / "PROVENANCE.md", "admin_divisions_modood/PROVENANCE.md")
    modood = read_modood(inputs, mdir)

    divs = parse_china_location(decode_lines(member))
    townships = parse_townships(decode_lines(member), read_modood_streets(inputs, mdir))
    log(f"townships: {len(townships)} ({sum(bool(t[2]) for t in townships)} with a code from modood)")
    notes = fix_duplicate_codes(divs, modood)
    divs = sort_divisions(divs)
    counts = {lvl: sum(d.level == lvl for d in divs) for lvl in ("province", "city", "county")}

    check = cross_check(divs, modood)
    log(f"divisions: {counts}")
    log(
        f"cross-check: {len(check['only_jionlp'])} codes in JioNLP missing in modood "
        f"({len(check['only_jionlp_mainland'])} outside HK/MO/TW); "
        f"{len(check['only_modood'])} codes in modood missing in JioNLP; "
        f"{len(check['name_differs'])} same code with different name; "
        f"{len(check['code_differs'])} same name with different code"
    )
    jc, mc = check["jionlp"], check["modood"]
    for c in check["only_jionlp_mainland"]:
        log(f"  only JioNLP: {c} {jc[c].name}")
    for c in check["only_modood"]:
        log(f"  only modood: {c} {mc[c][0]}")
    for c in check["name_differs"]:
        log(f"  name differs: {c} JioNLP {jc[c].name} / modood {mc[c][0]}")

    current_names = {d.name for d in divs}
    former, change_notes = parse_changes(decode_lines(change), current_names)
    notes.extend(change_notes)
    countries = parse_world(decode_lines(world))
    cities = parse_world_cities(decode_lines(world), {c[0] for c in countries} | {c[1] for c in countries})
    for n in notes:
        log(f"note: {n}")

    commits = {"jionlp": provenance_commit(prov_j), "modood": provenance_commit(prov_m)}

    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    write_text(out / "divisions.tsv", tsv(DIVISIONS_HEADER, [d.row() for d in divs]))
    write_text(out / "former_names.tsv", tsv(FORMER_HEADER, former))
    write_text(out / "countries.tsv", tsv(COUNTRIES_HEADER, countries))
    write_text(out / "townships.tsv", tsv(TOWNSHIPS_HEADER, townships))
    write_text(out / "world_cities.tsv", tsv(CITIES_HEADER, cities))
    write_text(
        out / "SOURCES.md",
        sources_md(counts, len(former), len(countries), len(cities), inputs, commits, check, notes),
    )
    log(f"wrote {out}/{{divisions.tsv,former_names.tsv,countries.tsv,townships.tsv,world_cities.tsv,SOURCES.md}}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
