"""Case tables: component tests as data, a new case is a new entry, not new code.

tests/cases/<component>/<topic>.yaml, <component> the stage the cases are
about (gazetteer, bodies, suffixed, people, ner, merge, ... as in
src/newsextract/components/; `pipeline` for the whole pipeline):

    stage: suffixed        # optional: the stage the cases run up to (default: the
                           # folder's name; `pipeline`: the whole pipeline, NER included)
    then: [merge]          # optional: stages run after it (default: the merge)
    cases:
      - text: 阜阳市委常委、副市长何向东出席会议。
        why: a place's Party committee is a body    # shown when the case fails
        ORG: [阜阳市委]                              # the texts of one label's entities, in order
      - text: 中国银行业协会发布报告。
        absent: {ORG: [中国银行]}                    # texts that must not be among them
        present: {GPE: [中国]}                       # texts that must be among them
      - text: 12月8日,全市召开会议。
        published: 2023-12-20                         # optional: the publication date given
        present: {dates: [{text: 12月8日, value: '2023-12-08'}]}  # an item, by the keys given

A case may also give `stage:`/`then:` of its own, and compare
  ORG, GPE, LOC, PERSON  entities of that label (a list, in order; [] = none),
  entities               every entity, as [text, label] pairs, in order,
  people                 people, each a name or {name: ..., title: ...} (title null: none),
  dates, figures, policies  items of that kind, each a text or {text: ..., value: ..., ...};
an item given as a mapping compares those keys, as a string its text (a
person's name); so do the items of `absent:` and `present:`. A `published:`
date is passed to the extraction (relative dates resolve against it). `titles: suffix` compares people's titles by the scorer's
rule (one ends the other). Every case also checks text[start:end] of every
item in the record (people's names and titles included).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent
LABELS = ("ORG", "GPE", "LOC", "PERSON")
KINDS = ("entities", "people", "dates", "figures", "policies")
CASE_KEYS = {"text", "why", "stage", "then", "published", "absent", "present", "titles", *LABELS, *KINDS}
FILE_KEYS = {"stage", "then", "cases"}


class CaseFileError(ValueError):
    """A case file that cannot be read, naming the file, the line and the problem."""


@dataclass
class Case:
    file: str                  # relative to tests/cases, e.g. "suffixed/orgs.yaml"
    line: int                  # the line of the case's `- text:`
    text: str
    stage: str                 # "pipeline" for the whole pipeline
    then: tuple
    expect: dict               # LABEL or kind -> expected list
    absent: dict = field(default_factory=dict)
    present: dict = field(default_factory=dict)
    why: str = ""
    titles: str = "exact"
    published: str | None = None

    @property
    def id(self) -> str:
        return f"{self.file}:{self.line}"


def _fail(path, line, problem):
    raise CaseFileError(f"{path}:{line}: {problem}")


def _load_file(path: Path, root: Path = ROOT) -> list[Case]:
    rel = path.relative_to(root).as_posix()
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        raise CaseFileError(f"{rel}: not YAML: {e}") from None
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        _fail(rel, 1, "expected a mapping with a list `cases:`")
    if unknown := set(data) - FILE_KEYS:
        _fail(rel, 1, f"unknown key(s) {sorted(unknown)} (known: {sorted(FILE_KEYS)})")
    stage = data.get("stage", path.parent.name)
    then = tuple(data.get("then", ("merge",)))
    nodes = next(v for k, v in root.value if k.value == "cases").value
    out = []
    for node, raw in zip(nodes, data["cases"]):
        line = node.start_mark.line + 1
        if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
            _fail(rel, line, "a case is a mapping with a `text:` string")
        if unknown := set(raw) - CASE_KEYS:
            _fail(rel, line, f"unknown key(s) {sorted(unknown)} (known: {sorted(CASE_KEYS)})")
        expect = {k: raw[k] for k in (*LABELS, *KINDS) if k in raw}
        for key in ("absent", "present"):
            for k in raw.get(key, {}):
                if k not in LABELS and k not in KINDS:
                    _fail(rel, line, f"{key}: {k!r} is no label or kind")
        if not (expect or raw.get("absent") or raw.get("present")):
            _fail(rel, line, "the case expects nothing (give a label, a kind, absent: or present:)")
        if raw.get("titles", "exact") not in ("exact", "suffix"):
            _fail(rel, line, "titles: is `exact` or `suffix`")
        out.append(Case(rel, line, raw["text"], raw.get("stage", stage), tuple(raw.get("then", then)), expect,
                        raw.get("absent", {}), raw.get("present", {}), raw.get("why", ""),
                        raw.get("titles", "exact"), _date(raw.get("published"))))
    return out


def _date(value):
    """YAML reads 2023-12-20 as a date: the extraction takes the ISO string."""
    return None if value is None else str(value)


def load_cases(root: Path = ROOT) -> list[Case]:
    """Every case of every tests/cases/**/*.yaml, in file and line order."""
    cases = []
    for path in sorted(root.rglob("*.yaml")):
        cases.extend(_load_file(path, root))
    return cases


# -- what a record gives for each key ------------------------------------------------

def got_items(record, key):
    """The record's items a key compares: dicts, with `text` (a person's: `name`)."""
    if key in LABELS:
        return [e for e in record["entities"] if e["label"] == key]
    return record[key]  # entities (all of them), people, dates, figures, policies


def _main(key):
    return "name" if key == "people" else "text"


def project(items, expected, key, titles="exact"):
    """The record's items in the shape the case gives them: a text (a name), a
    [text, label] pair (`entities`), or the keys of the expected mapping."""
    out = []
    for i, it in enumerate(items):
        want = expected[i] if i < len(expected) else None
        if key == "entities":  # every entity: [text, label]
            out.append([it["text"], it["label"]])
        elif isinstance(want, dict):
            got = {k: it.get(k) for k in want}
            if (key == "people" and titles == "suffix" and got.get("title") and want.get("title")
                    and (want["title"].endswith(got["title"]) or got["title"].endswith(want["title"]))):
                got["title"] = want["title"]  # the scorer's rule for titles
            out.append(got)
        else:
            out.append(it[_main(key)])
    return out


def texts_of(record, key):
    return [it[_main(key)] for it in got_items(record, key)]


def among(record, key, want):
    """Whether `want` (a text, or a mapping of the keys to compare) is among the record's items of `key`."""
    got = got_items(record, key)
    if isinstance(want, dict):
        return want in project(got, [want] * len(got), key)
    return want in texts_of(record, key)
