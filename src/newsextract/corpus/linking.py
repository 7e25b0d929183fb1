"""Cross-document ids: one id per body, person, policy and place.

Records name the same body many ways: 工业和信息化部 and 工信部; 省工信厅 in a
Shandong release is 山东省工业和信息化厅; 國務院 is 国务院. Linking works on
the distinct forms in the database (not on every row): each form, with the
place of the document it stands in, is resolved in Python, and the ids go
back to the rows by joins, each table rewritten once.

- Places: a GPE's id is its division code. A document's place (documents.
  province/city/county) is the division its GPEs and place-named bodies point
  to most (more than half of them at each level).
- Bodies: the place prefix is read (full or short division names, or a level
  prefix 省/市/县/区 resolved by the document's place), the rest expanded by
  rules/linking/bodies.tsv; the id is the canonical name (with @code when
  several divisions share the place's name). A relative form the document's
  place cannot resolve stays an id of that document alone (name@doc_id).
- People: a name and the place of the post (the division of the body the
  post belongs to, the document's division at the post's level for 副省长 or
  县长, 中央 for national bodies and posts, the company for a company's
  posts). The same name with posts in two places gives two ids; a name seen
  without a post joins the one posted id of that name that fits the
  document's province, if there is exactly one.
- Policies: forms that share a 文号, or a title once the issuer, 印发《…》的通知
  and 《》 are taken off, are one policy (union-find); titles that name no
  place (关于…的意见) count only within one province.
"""
from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from typing import NamedTuple

from .. import rules
from ..reading import simplified
from . import tables

_PATTERNS = rules.load_yaml("linking/patterns.yaml")
# level prefixes of a relative body name, longest first, and the level they point to
RELATIVE = tuple((p, level) for p, level in _PATTERNS["relative"])
_PARTY = re.compile(_PATTERNS["party"])
_PAREN_TAIL = re.compile(r"[(（][^()（）]*[)）]$")
_SESSION = re.compile(_PATTERNS["session"])
_CPPCC = re.compile(_PATTERNS["cppcc"])
_WRAPPER = re.compile(_PATTERNS["wrapper"])
# the place of national bodies and posts, the prefix of the nearest …市, the
# suffix of Hong Kong's and Macau's names and the word their governments drop
CENTRAL = _PATTERNS["central_place"]
NEAREST_CITY = _PATTERNS["nearest_city"]
SAR = _PATTERNS["sar"]
_PARTY_COMMITTEE = tuple(_PATTERNS["party_committee"])


# -- data ------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=None)
def divisions() -> dict:
    """code -> (name, level, province code, city code) of every division."""
    out = {}
    for r in rules.load_tsv("gazetteer/divisions.tsv"):
        if r["code"]:
            out[r["code"]] = (r["name"], r["level"], r["province"] or None, r["city"] or None)
    return out


@functools.lru_cache(maxsize=None)
def place_names() -> dict[str, tuple[str, ...]]:
    """Full and short division names -> the codes they may stand for.

    From the gazetteer's own table (rules/gazetteer/divisions.tsv), but
    without its `generic_end` filter (forms.yaml): the gazetteer scans free
    text, where 高新区 or 城区 alone is a generic word, while a name here is
    read inside a body's name, after a place that picks its code or in the
    document's place (`_pick`): 合肥高新区管委会 is 合肥高新技术产业开发区
    管理委员会. With the filter, 3 bodies and the county of 2 releases lost
    such links in the baseline database."""
    names: dict[str, list[str]] = defaultdict(list)
    for r in rules.load_tsv("gazetteer/divisions.tsv"):
        if not r["code"]:
            continue
        names[r["name"]].append(r["code"])
        for short in (r["short"] or "").split("/"):
            if len(short) >= 2:
                names[short].append(r["code"])
    return {k: tuple(dict.fromkeys(v)) for k, v in names.items()}


@functools.lru_cache(maxsize=None)
def shared_names() -> frozenset:
    """Full names that several divisions share (朝阳区): their bodies' ids carry the code."""
    c = Counter(v[0] for v in divisions().values())
    return frozenset(n for n, k in c.items() if k > 1)


@functools.lru_cache(maxsize=None)
def aliases() -> tuple[dict, dict, tuple[str, ...]]:
    """(central form -> full name, local form -> full form, body words longest first)."""
    central, local = {}, {}
    for r in rules.load_tsv("linking/bodies.tsv"):
        (central if r["scope"] == "central" else local)[r["form"]] = r["canonical"]
    words = set(local) | set(local.values()) | set(rules.load_words("orgs/bodies.txt"))
    return central, local, tuple(sorted(words, key=len, reverse=True))


@functools.lru_cache(maxsize=None)
def central_bodies() -> frozenset:
    central, _, _ = aliases()
    return frozenset(rules.load_words("orgs/central.txt")) | frozenset(central) | frozenset(central.values())


def province_of(code: str | None) -> str | None:
    return code[:2] + "0000" if code and len(code) >= 6 and code[:2] + "0000" in divisions() else None


def place_name(code: str) -> str:
    return divisions()[code][0]


# -- places ------------------------------------------------------------------------------------
def _pick(codes: tuple[str, ...], parent: str | None, ctx: tuple) -> str | None:
    """The code a place name stands for: one under the place just read, else
    one in the document's place, else the only one."""
    if len(codes) == 1:
        return codes[0]
    for anchor in (parent,) + tuple(c for c in ctx if c):
        if anchor:
            head = anchor[:2] if anchor.endswith("0000") else anchor[:4] if anchor.endswith("00") else anchor
            inside = [c for c in codes if c.startswith(head)]
            if len(inside) == 1:
                return inside[0]
    return None


def read_places(s: str, ctx: tuple = ()) -> tuple[str | None, str]:
    """(most specific division code, the rest) of the place names s starts with:
    山东省济南市工信局 -> ('370100', '工信局'). ctx: the document's (province, city, county)."""
    names = place_names()
    code, rest = None, s
    while rest:
        found = None
        for n in range(min(len(rest), 12), 1, -1):
            codes = names.get(rest[:n])
            if codes:
                picked = _pick(codes, code, ctx)
                if picked:
                    found = (picked, n)
                    break
        if not found:
            break
        new, n = found
        if code and not _under(new, code):
            break
        code, rest = new, rest[n:]
    return code, rest


def _under(child: str, parent: str) -> bool:
    d = divisions()
    p = d.get(child)
    return bool(p) and (p[2] == parent or p[3] == parent or child == parent)


# -- bodies ------------------------------------------------------------------------------------
def _expand(core: str) -> tuple[str, bool]:
    """(the core with its short form expanded, whether it starts with a body word)."""
    _, local, words = aliases()
    best = ""
    for w in words:
        if core.startswith(w):
            best = w
            break
    if not best:
        return core, False
    return local.get(best, best) + core[len(best):], True


def _relative(prefix_level: str, prefix: str, ctx: tuple) -> str | None:
    """The document's division a level prefix (省, 市, 县, …) points to."""
    province, city, county = ctx
    d = divisions()
    if prefix == NEAREST_CITY:  # a county-level city, a city, a municipality
        for code in (county, city, province):
            if code and d[code][0].endswith(NEAREST_CITY):
                return code
        return None
    if prefix_level == "province":
        target = province
    elif prefix_level == "city":
        target = city
    elif prefix_level == "county":
        target = county
        if target is None and prefix == SAR["prefix"] and province and d[province][0].endswith(SAR["suffix"]):
            target = province  # 区政府 (特区政府) in a Hong Kong or Macau release
    else:  # townships and villages: not among a document's places
        return None
    if not target:
        return None
    return target if d[target][0].endswith(prefix) else None


class Body(NamedTuple):
    id: str
    name: str            # the canonical name
    code: str | None     # the division of a local government body
    kind: str            # central, local (a government body of a place), own (this document's), other


def resolve_body(norm: str, ctx: tuple = (None, None, None)) -> Body:
    """The id of a body's name as written in a document with place
    ctx = (province, city, county codes). A body of kind "own" (a relative
    form the place cannot resolve) is one document's: `link` gives it the
    id name@doc_id."""
    s = _SESSION.sub("", simplified(norm).replace(" ", ""))
    m = _CPPCC.match(s)
    if m:  # 政协盐城市第九届委员会常务委员会 -> 盐城市政协常务委员会
        s = m.group(1) + _PATTERNS["cppcc_short"] + (m.group(2) or "")
    central, _, _ = aliases()
    if s in central:
        return Body(central[s], central[s], None, "central")
    party = _PARTY.match(s)
    body = s[party.end():] if party else s
    code, core = read_places(body, ctx)
    relative = False
    if code is None:
        for prefix, level in RELATIVE:
            if body.startswith(prefix) and _expand(body[len(prefix):])[1]:
                relative = True
                code = _relative(level, prefix, ctx)
                core = body[len(prefix):]
                break
    if code is None:
        if s in central_bodies():
            return Body(s, s, None, "central")
        if relative or _expand(body)[1] or body.startswith(tuple(p for p, _ in RELATIVE)):
            # 县委 in a release whose county is not known, 管委会 with no place at all:
            # this document's own
            return Body(s, s, None, "own")
        for form, full in central.items():  # 工信部办公厅
            if s.startswith(form) and len(s) > len(form) and _expand(s[len(form):])[1]:
                return Body(full + s[len(form):], full + s[len(form):], None, "central")
        return Body(s, s, None, "other")
    expanded, is_body = _expand(core)
    full, short = _PARTY_COMMITTEE
    if party and expanded.startswith(full):
        expanded = short + expanded[len(full):]
    if not is_body:
        # a place name before a word that is no government body (山东大学): as written,
        # but a relative prefix resolved is written out (市图书馆 -> 济南市图书馆)
        name = (place_name(code) + core) if relative else s
        return Body(name, name, None, "other")
    if place_name(code).endswith(SAR["suffix"]) and expanded.startswith(SAR["drop"]):
        expanded = expanded[len(SAR["drop"]):]  # 香港特别行政区政府: no 人民
    name = place_name(code) + expanded
    return Body(name + _code_tag(code), name, code, "local")


_resolve_cached = functools.lru_cache(maxsize=200_000)(resolve_body)


def _code_tag(code: str) -> str:
    """'@code' after a place whose name several divisions share (朝阳区), else ''."""
    return f"@{code}" if place_name(code) in shared_names() else ""


# -- people ------------------------------------------------------------------------------------
_POST_LEVEL = tuple((word, level) for word, level in _PATTERNS["post_levels"])


def post_place(title: str | None, org: Body | None, ctx: tuple) -> str | None:
    """Where a person's post is: a division code, CENTRAL (中央), a non-government body's
    id (a company's chairman), or None (no post, or a post of no known place)."""
    t = simplified(title) if title else ""
    if org and org.kind == "central":
        return CENTRAL
    if t and any(w in t for w in rules.load_words("linking/central_posts.txt")):
        return CENTRAL
    if org and org.kind == "local":
        return org.code
    if org and org.kind == "other":
        return org.id
    if not t:
        return None
    code, _ = read_places(t, ctx)
    if code:
        return code
    # a post named by its level (副省长, 市长, 县委书记) or by none (副主任): the document's
    for word, level in _POST_LEVEL:
        if word in t:
            if level is None:
                return _relative("city", NEAREST_CITY, ctx)
            return ctx[level]
    return next((c for c in reversed(ctx) if c), None)


def _place_label(place: str) -> str:
    if place == CENTRAL or place not in divisions():
        return place
    return place_name(place) + _code_tag(place)


def person_ids(mentions: list[tuple]) -> dict[tuple, str]:
    """mention (name, post place, document province) -> person id.

    A mention with a post is name@place. One without (a name alone) joins the
    one posted id of that name that fits the document's province (or 中央);
    else it is name@province, or the name alone in a document of no known place."""
    posted = defaultdict(set)
    for name, place, _ in mentions:
        if place:
            posted[name].add(place)
    out = {}
    for m in mentions:
        name, place, doc_prov = m
        if place:
            out[m] = f"{name}@{_place_label(place)}"
            continue
        fits = [p for p in posted[name] if p == CENTRAL or doc_prov is None
                or (p in divisions() and province_of(p) == doc_prov)]
        if len(fits) == 1:
            out[m] = f"{name}@{_place_label(fits[0])}"
        else:
            out[m] = f"{name}@{_place_label(doc_prov)}" if doc_prov else name
    return out


# -- policies ----------------------------------------------------------------------------------
def policy_title(norm: str, issuer: str | None) -> str:
    """The title without its issuer, 印发《…》的通知 and 《》."""
    t = simplified(norm).replace(" ", "")
    if issuer:
        iss = simplified(issuer)
        if t.startswith(iss) and len(t) > len(iss):
            t = t[len(iss):]
    m = _WRAPPER.match(t)
    if m:
        t = m.group(1)
    return t.replace("《", "").replace("》", "")


class _Union:
    def __init__(self):
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def policy_ids(mentions: list[tuple]) -> dict[tuple, str]:
    """mention (norm, issuer_norm, number_norm, issuer province, doc province, doc_id) -> policy id."""
    uf = _Union()
    title_of, scope_of = {}, {}
    for m in mentions:
        norm, issuer, number, iss_prov, doc_prov, doc_id = m
        t = policy_title(norm, issuer)
        place, _ = read_places(t)
        scope = None if place else (iss_prov or doc_prov or ("doc", doc_id))
        key = ("t", t, scope)
        title_of[m], scope_of[m] = t, scope
        uf.find(key)
        if number:
            uf.union(key, ("n", simplified(number)))
    # a title without its (…年) tail is the one titled variant with that tail, if only one
    tails = defaultdict(set)
    for k in list(uf.parent):
        if k[0] == "t" and _PAREN_TAIL.search(k[1]):
            tails[(_PAREN_TAIL.sub("", k[1]), k[2])].add(k)
    for k in list(uf.parent):
        if k[0] == "t" and len(tails.get((k[1], k[2]), ())) == 1:
            uf.union(k, next(iter(tails[(k[1], k[2])])))
    members = defaultdict(Counter)
    for m in mentions:
        members[uf.find(("t", title_of[m], scope_of[m]))][(title_of[m], scope_of[m])] += 1
    names, taken = {}, set()
    for root in sorted(members, key=str):
        (t, scope), _ = sorted(members[root].items(), key=lambda kv: (-kv[1], -len(kv[0][0]), kv[0][0]))[0]
        ident = t
        if scope:
            # a document's own policy: name@doc_id, as an own body's id
            ident += "@" + (scope[1] if isinstance(scope, tuple) else place_name(scope))
        while ident in taken:
            ident += "'"
        taken.add(ident)
        names[root] = ident
    return {m: names[uf.find(("t", title_of[m], scope_of[m]))] for m in mentions}


# -- the database pass -------------------------------------------------------------------------
def _table(con, name: str, cols: list[str], rows: list[tuple]) -> None:
    """A temporary table from Python rows, in one statement (lists as parameters)."""
    con.execute(f"DROP TABLE IF EXISTS {name}")
    sel = ", ".join(f"unnest(?::VARCHAR[]) AS {tables.q(c)}" for c in cols)
    con.execute(f"CREATE TEMP TABLE {name} AS SELECT {sel}", [[r[i] for r in rows] for i in range(len(cols))])


def _doc_places(con) -> None:
    """documents.province/city/county/place_code from the document's GPEs and place-named bodies."""
    orgs = [r[0] for r in con.execute("SELECT DISTINCT norm FROM entities WHERE label = 'ORG'").fetchall()]
    _table(con, "org_place", ["norm", "code"], [(n, read_places(simplified(_PARTY.sub("", n)))[0]) for n in orgs])
    # each division's name, its province, city and county codes (公主岭市 is under 长春市, not 四平市),
    # and its province's and city's names
    div = []
    for code, (name, level, prov, city) in divisions().items():
        p, c = prov or (code if level == "province" else None), city or (code if level == "city" else None)
        div.append((code, name, level, p, c, code if level == "county" else None, p and place_name(p),
                    c and place_name(c)))
    _table(con, "div", ["code", "name", "level", "p", "c", "k", "province", "city"], div)
    con.execute("""
        CREATE OR REPLACE TEMP TABLE mention_codes AS
        SELECT doc_id, code, start FROM entities WHERE label = 'GPE' AND code IS NOT NULL AND length(code) >= 6
        UNION ALL
        SELECT e.doc_id, o.code, e.start FROM entities e JOIN org_place o ON e.norm = o.norm
        WHERE e.label = 'ORG' AND o.code IS NOT NULL""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE doc_place AS
        WITH m AS (
            SELECT mc.doc_id, mc.start, div.p, div.c, div.k
            FROM mention_codes mc JOIN div ON div.code = substr(mc.code, 1, 6)),
        pv AS (SELECT doc_id, p, count(*) AS n, min(start) AS first,
                      sum(count(*)) OVER (PARTITION BY doc_id) AS total FROM m GROUP BY doc_id, p),
        prov AS (SELECT doc_id, arg_max(p, n * 1000000000 - first) AS p FROM pv WHERE n * 2 > total GROUP BY doc_id),
        cv AS (SELECT m.doc_id, c, count(*) AS n, min(start) AS first,
                      sum(count(*)) OVER (PARTITION BY m.doc_id) AS total
               FROM m JOIN prov USING (doc_id) WHERE m.p = prov.p AND c IS NOT NULL GROUP BY m.doc_id, c),
        city AS (SELECT doc_id, arg_max(c, n * 1000000000 - first) AS c FROM cv WHERE n * 2 > total GROUP BY doc_id),
        kv AS (SELECT m.doc_id, k, count(*) AS n, min(start) AS first,
                      sum(count(*)) OVER (PARTITION BY m.doc_id) AS total
               FROM m JOIN prov USING (doc_id) LEFT JOIN city USING (doc_id)
               WHERE m.p = prov.p AND k IS NOT NULL AND (city.c IS NULL OR m.c = city.c) GROUP BY m.doc_id, k),
        county AS (SELECT doc_id, arg_max(k, n * 1000000000 - first) AS k FROM kv WHERE n * 2 > total GROUP BY doc_id)
        SELECT prov.doc_id, prov.p, city.c, county.k FROM prov LEFT JOIN city USING (doc_id)
        LEFT JOIN county USING (doc_id)""")
    con.execute("""
        UPDATE documents SET province = pn.name, city = cn.name, county = kn.name,
                             place_code = coalesce(dp.k, dp.c, dp.p)
        FROM doc_place dp LEFT JOIN div pn ON pn.code = dp.p LEFT JOIN div cn ON cn.code = dp.c
             LEFT JOIN div kn ON kn.code = dp.k
        WHERE documents.doc_id = dp.doc_id""")
    con.execute("""UPDATE documents SET province = NULL, city = NULL, county = NULL, place_code = NULL
                   WHERE doc_id NOT IN (SELECT doc_id FROM doc_place)""")


def _none(v):
    return None if v == "" else v


def link(con) -> None:
    """Fill entity_id, person_id, org_id and policy_id of every row, and the
    tables bodies, persons and policy_docs, from scratch. Python sees each
    distinct (form, document place) once; the rows get their ids by joins.
    (NULLs are '' in the join keys, so that plain equality joins them.)"""
    _doc_places(con)
    # the places relative forms resolve to. A county-level city (晋江市) under a city (泉州市)
    # stands for 市 (市委 = 晋江市委) only when the title or a body names it: a release
    # of 杭州 about a visit to 建德市 means 杭州市委 by 市委
    con.execute("""
        CREATE OR REPLACE TEMP TABLE ctx AS
        SELECT d.doc_id, coalesce(dp.p, '') AS p, coalesce(dp.c, '') AS c,
               CASE WHEN dp.c IS NOT NULL AND suffix(kn.name, ?)
                         AND NOT contains(coalesce(d.title, ''), left(kn.name, length(kn.name) - 1))
                         AND NOT EXISTS (SELECT 1 FROM entities e JOIN org_place o ON o.norm = e.norm
                                         WHERE e.doc_id = d.doc_id AND e.label = 'ORG' AND o.code = dp.k)
                    THEN '' ELSE coalesce(dp.k, '') END AS k
        FROM documents d LEFT JOIN doc_place dp USING (doc_id) LEFT JOIN div kn ON kn.code = dp.k""", [NEAREST_CITY])

    # bodies: ORG entities, people's orgs, policies' issuers
    forms = con.execute("""
        SELECT DISTINCT x.norm, ctx.p, ctx.c, ctx.k FROM (
            SELECT doc_id, norm FROM entities WHERE label = 'ORG'
            UNION ALL SELECT doc_id, org_norm FROM people WHERE org_norm IS NOT NULL
            UNION ALL SELECT doc_id, issuer_norm FROM policies WHERE issuer_norm IS NOT NULL) x
        JOIN ctx USING (doc_id)""").fetchall()
    rows, canon = [], {}
    for norm, p, c, k in forms:
        b = _resolve_cached(norm, (_none(p), _none(c), _none(k)))
        rows.append((norm, p, c, k, b.id, str(b.kind == "own"), b.code))
        canon.setdefault(b.id, b.name)
    _table(con, "body_map", ["norm", "p", "c", "k", "id", "own", "code"], rows)
    _table(con, "body_name", ["id", "name"], list(canon.items()))
    con.execute("""
        CREATE OR REPLACE TEMP TABLE body_ids AS
        SELECT x.doc_id, x.norm, CASE WHEN m.own = 'True' THEN m.id || '@' || x.doc_id ELSE m.id END AS id
        FROM (SELECT DISTINCT doc_id, norm FROM entities WHERE label = 'ORG'
              UNION SELECT DISTINCT doc_id, org_norm FROM people WHERE org_norm IS NOT NULL) x
        JOIN ctx USING (doc_id)
        JOIN body_map m ON m.norm = x.norm AND m.p = ctx.p AND m.c = ctx.c AND m.k = ctx.k""")

    # people with their posts
    ppl = con.execute("""
        SELECT DISTINCT pe.norm, coalesce(pe.title_norm, ''), coalesce(pe.org_norm, ''), ctx.p, ctx.c, ctx.k
        FROM people pe JOIN ctx USING (doc_id)""").fetchall()
    keyed = []
    for norm, title, org_norm, p, c, k in ppl:
        ctx = (_none(p), _none(c), _none(k))
        org = _resolve_cached(org_norm, ctx) if org_norm else None
        keyed.append(((norm, title, org_norm, p, c, k), (norm, post_place(_none(title), org, ctx), _none(p))))
    # PERSON entities with no person of that name in their document: a name alone
    lone = con.execute("""
        SELECT DISTINCT e.norm, ctx.p FROM entities e JOIN ctx USING (doc_id)
        WHERE label = 'PERSON' AND NOT EXISTS
            (SELECT 1 FROM people p WHERE p.doc_id = e.doc_id AND p.norm = e.norm)""").fetchall()
    ids = person_ids([m for _, m in keyed] + [(n, None, _none(p)) for n, p in lone])
    _table(con, "person_map", ["norm", "title", "org", "p", "c", "k", "id"], [r + (ids[m],) for r, m in keyed])
    _table(con, "lone_person", ["norm", "p", "id"], [(n, p, ids[(n, None, _none(p))]) for n, p in lone])
    # the ids go in by rewriting each table once (a columnar store rewrites faster than it updates)
    con.execute("""
        CREATE OR REPLACE TABLE people AS
        SELECT pe.* REPLACE (m.id AS person_id, b.id AS org_id)
        FROM people pe JOIN ctx USING (doc_id)
        LEFT JOIN person_map m ON m.norm = pe.norm AND m.title = coalesce(pe.title_norm, '')
            AND m.org = coalesce(pe.org_norm, '') AND m.p = ctx.p AND m.c = ctx.c AND m.k = ctx.k
        LEFT JOIN body_ids b ON b.doc_id = pe.doc_id AND b.norm = pe.org_norm
        ORDER BY pe.doc_id, pe.item""")
    # (a GPE row's province and city: from the division table where the record leaves them out)
    con.execute("""
        CREATE OR REPLACE TABLE entities AS
        SELECT e.* REPLACE (
            CASE e.label WHEN 'ORG' THEN b.id
                         WHEN 'PERSON' THEN coalesce(pp.id, lp.id)
                         ELSE coalesce(e.code, e.country, e.norm) END AS entity_id,
            CASE WHEN e.label = 'GPE' THEN coalesce(e.province, dv.province) ELSE e.province END AS province,
            CASE WHEN e.label = 'GPE' THEN coalesce(e.city, dv.city) ELSE e.city END AS city)
        FROM entities e JOIN ctx USING (doc_id)
        LEFT JOIN body_ids b ON e.label = 'ORG' AND b.doc_id = e.doc_id AND b.norm = e.norm
        LEFT JOIN (SELECT doc_id, norm, min(person_id) AS id FROM people GROUP BY doc_id, norm) pp
            ON e.label = 'PERSON' AND pp.doc_id = e.doc_id AND pp.norm = e.norm
        LEFT JOIN lone_person lp ON e.label = 'PERSON' AND lp.norm = e.norm AND lp.p = ctx.p
        LEFT JOIN div dv ON e.label = 'GPE' AND dv.code = substr(e.code, 1, 6)
        ORDER BY e.doc_id, e.item""")

    # policies; a document of no known province keeps its placeless titles to itself
    pol = con.execute("""
        SELECT DISTINCT po.norm, coalesce(po.issuer_norm, ''), coalesce(po.number_norm, ''), ctx.p, ctx.c, ctx.k,
               CASE WHEN ctx.p = '' THEN po.doc_id ELSE '' END
        FROM policies po JOIN ctx USING (doc_id)""").fetchall()
    mentions = []
    for norm, issuer, number, p, c, k, d in pol:
        code = _resolve_cached(issuer, (_none(p), _none(c), _none(k))).code if issuer else None
        mentions.append((norm, _none(issuer), _none(number), province_of(code), _none(p), d))
    pids = policy_ids(mentions)
    _table(con, "policy_map", ["norm", "issuer", "number", "p", "c", "k", "d", "id"],
           [r + (pids[m],) for r, m in zip(pol, mentions)])
    con.execute("""
        CREATE OR REPLACE TABLE policies AS
        SELECT po.* REPLACE (m.id AS policy_id)
        FROM policies po JOIN ctx USING (doc_id)
        LEFT JOIN policy_map m ON m.norm = po.norm AND m.issuer = coalesce(po.issuer_norm, '')
            AND m.number = coalesce(po.number_norm, '') AND m.p = ctx.p AND m.c = ctx.c AND m.k = ctx.k
            AND m.d = CASE WHEN ctx.p = '' THEN po.doc_id ELSE '' END
        ORDER BY po.doc_id, po.item""")

    # one row per id
    for t in tables.LINK_TABLES:
        con.execute(f"DELETE FROM {t}")
    con.execute("""
        INSERT INTO bodies SELECT x.id, coalesce(any_value(n.name), split_part(x.id, '@', 1)),
                                  list_sort(list_distinct(flatten(list([x.text, x.norm])))),
                                  count(DISTINCT x.doc_id), count(*)
        FROM (SELECT entity_id AS id, text, norm, doc_id FROM entities WHERE label = 'ORG'
              UNION ALL SELECT org_id, org, org_norm, doc_id FROM people WHERE org_id IS NOT NULL) x
        LEFT JOIN body_name n ON n.id = x.id GROUP BY x.id""")
    con.execute("""
        INSERT INTO persons SELECT id, split_part(id, '@', 1), list_sort(list_distinct(flatten(list([text, norm])))),
                                   count(DISTINCT doc_id), count(*)
        FROM (SELECT entity_id AS id, text, norm, doc_id FROM entities WHERE label = 'PERSON'
              UNION ALL SELECT person_id, name, norm, doc_id FROM people) GROUP BY id""")
    con.execute("""
        INSERT INTO policy_docs SELECT policy_id, split_part(policy_id, '@', 1),
                                       list_sort(list_distinct(flatten(list([text, norm])))),
                                       count(DISTINCT doc_id), count(*)
        FROM policies GROUP BY policy_id""")
