"""Document metadata stated in the text: the headline, the publication date
(when the input does not give it), the source body. Patterns in
rules/metadata.yaml and rules/dates/published.yaml."""
from __future__ import annotations

import datetime as dt
import re

import regex

from . import regexes, rules
from .han import HAN as _HAN

_YEAR_GROUP = "(?P<y>(?:19|20)\\d{2})"  # how the publication patterns write the year



class Metadata:
    def __init__(self):
        pub = rules.load_yaml("dates/published.yaml")
        self.pub_window = pub["window"]
        self.pub_patterns = [regex.compile(p, regex.M) for p in pub["patterns"]]
        # a year, which every pattern reads in its group y: where none is
        # in the window, no pattern is tried (the stdlib's re finds it fast)
        self.pub_year = re.compile(r"(?:19|20)\d{2}") if all(_YEAR_GROUP in p for p in pub["patterns"]) else None
        meta = rules.load_yaml("metadata.yaml")
        self.source = regex.compile(meta["source_org"])
        self.headline_lines = meta["headline_lines"]
        self.headline_len = (meta["headline_min"], meta["headline_max"])
        self.comma_max = meta["headline_comma_max"]
        self.sentence_end = meta["sentence_end"]
        self.commas = meta["commas"]
        self.strip = [regex.compile(p) for p in meta["headline_strip"]]
        self.skip = {k: regex.compile(rules.expand(p)) for k, p in meta["headline_skip"].items()}
        self.body = regexes.compile(meta["headline_body"])
        self.doc_intro = regexes.compile(meta["document_intro"])
        self.doc_type = regex.compile(meta["document_types"])
        self._normalise = None

    def published(self, clean: str) -> str | None:
        """A publication date the text states near its top."""
        head = clean[: self.pub_window]
        if self.pub_year is not None and not self.pub_year.search(head):
            return None  # every pattern reads a year (19xx, 20xx): none here
        for p in self.pub_patterns:
            m = p.search(head)
            if m:
                try:
                    return dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
                except ValueError:
                    continue
        return None

    # Lines are read from at most this many characters of the clean text:
    # past it, a line is body text by its length anyway.
    HEAD_CHARS = 20_000

    def headline(self, original: str, normalised=None, *, first_line: int = 0) -> str | None:
        """The headline, when the text starts with one (after page furniture:
        menus, site names, image names, dates, sources, bylines; see
        rules/metadata.yaml): a short line without a sentence end, followed
        by more text; an official document's title broken over lines is
        joined. None when body text comes first. Lines are judged in their
        clean form (`normalised`, normalise.Normalised of `original`; made
        here when not given); the headline is as written (traditional
        characters, annotations). With `first_line` (see `label`): instead of
        none, the start of the first line of body text."""
        if normalised is None:
            normalised = self._normalise_head(original)
        head = normalised.text[:self.HEAD_CHARS]
        lines = []  # (line number, clean line stripped, its start in the clean text)
        pos = 0
        for number, line in enumerate(head.splitlines(keepends=True)):
            stripped = line.strip()
            if stripped:
                lines.append((number, stripped, pos + line.index(stripped[0])))
                if len(lines) > self.headline_lines + 3:
                    break
            pos += len(line)
        more_text = len(normalised.text) > self.HEAD_CHARS

        def judged(k):
            kind, lo, hi = self._judge(lines[k][1])
            s = lines[k][2]
            # to where the next clean character's source starts: an annotation
            # deleted at the end of the line (會(huì)召開(kāi)) stays with it
            a, b = normalised.to_original(s + lo, s + lo)[0], normalised.to_original(s + hi, s + hi)[0]
            return kind, original[a:b].strip(), lines[k][1][lo:hi].strip()

        for k in range(min(len(lines), self.headline_lines)):
            kind, text, clean = judged(k)
            if kind == "skip":
                continue
            if kind == "body":
                if first_line:
                    return text[:first_line] + ("…" if len(text) > first_line else "")
                return None
            title, used = self._joined(lines, k, text, clean, judged)
            return title if k + used < len(lines) or more_text or first_line else None  # followed by text
        return None

    def label(self, original: str, normalised=None, length: int = 40) -> str | None:
        """A name to list a document by when it has no title: its headline,
        else the start of its first line of text (page furniture skipped),
        `length` characters at most. `normalised`: the text's Normalised,
        when the caller has it (else its first lines are normalised here)."""
        return self.headline(original, normalised, first_line=length)

    def _normalise_head(self, original: str):
        """The Normalised of the text's first lines (those the finder reads)."""
        if self._normalise is None:
            from .normalise import default_normaliser

            self._normalise = default_normaliser()
        end, seen = 0, 0
        for line in original[:self.HEAD_CHARS].splitlines(keepends=True):
            end += len(line)
            seen += bool(line.strip())
            if seen > self.headline_lines + 4:
                break
        return self._normalise(original[:end])

    def _judge(self, line: str) -> tuple[str, int, int]:
        """("skip" | "body" | "headline", [lo, hi) of the line less what the
        strip patterns cut) of one clean line."""
        lo, hi = 0, len(line)
        for p in self.strip:
            m = p.search(line, lo, hi)
            if m and m.end() > m.start():
                lo, hi = (m.end(), hi) if m.start() == lo else (lo, m.start())
        clean = line[lo:hi].strip()
        if not _HAN.search(clean) or clean[-1:] in ":：︓":  # no words; a label or speaker
            return "skip", lo, hi
        size = len("".join(clean.split()))
        lo_len, hi_len = self.headline_len
        if size < lo_len:  # a menu item, a section's name
            return "skip", lo, hi
        commas = sum(clean.count(c) for c in self.commas)
        if (size > hi_len or any(c in self.sentence_end for c in clean) or commas > 1
                or (commas and size > self.comma_max) or self.body.search(clean)):
            # sentences: body text, unless an image's caption (图为…。 …摄)
            return ("skip" if self.skip["image"].search(clean) else "body"), lo, hi
        if any(p.search(clean) for p in self.skip.values()):
            return "skip", lo, hi
        return "headline", lo, hi

    def _joined(self, lines, k: int, text: str, clean: str, judged) -> tuple[str, int]:
        """(the headline starting at line k, lines it takes). An official
        document's title broken over lines without a blank line between
        (issuing bodies on lines of their own, then 关于…; or 《 closed on
        the next line) is joined when the joined lines complete it."""
        def complete(c: str) -> bool:
            return c.count("《") == c.count("》") and bool(self.doc_type.search(c))

        intro = self.doc_intro.search(clean)
        if not ((intro and not complete(clean)) or
                (not intro and any(self.doc_intro.search(x) for _, x, _ in lines[k + 1:k + 4]))):
            return text, 1
        parts = [(text, clean)]
        for j in range(k + 1, min(k + 4, len(lines))):
            if lines[j][0] != lines[j - 1][0] + 1:  # a blank line between: not one title
                break
            kind, t, c = judged(j)
            if kind != "headline":
                break
            parts.append((t, c))
            joined = "".join(x for _, x in parts)
            if self.doc_intro.search(joined) and complete(joined):
                # issuing bodies on lines of their own are separated by a space
                first = next(i for i, (_, x) in enumerate(parts) if self.doc_intro.search(x))
                head = " ".join(x for x, _ in parts[:first]) if first else ""
                return head + "".join(x for x, _ in parts[first:]), len(parts)
        return text, 1

    def source_org(self, clean: str) -> tuple[int, int] | None:
        """Clean-text span of the source body (来源: …), if stated."""
        m = self.source.search(clean)
        return m.span("v") if m else None
