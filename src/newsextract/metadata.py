"""Document metadata stated in the text: the headline, the publication date
(when the input does not give it), the source body. Patterns in
rules/metadata.yaml and rules/dates/published.yaml."""
from __future__ import annotations

import datetime as dt

import regex

from . import rules


class Metadata:
    def __init__(self):
        pub = rules.load_yaml("dates/published.yaml")
        self.pub_window = pub["window"]
        self.pub_patterns = [regex.compile(p, regex.M) for p in pub["patterns"]]
        meta = rules.load_yaml("metadata.yaml")
        self.source = regex.compile(meta["source_org"])
        self.headline_len = (meta["headline_min"], meta["headline_max"])
        self.sentence_end = meta["sentence_end"]

    def published(self, clean: str) -> str | None:
        """A publication date the text states near its top."""
        head = clean[: self.pub_window]
        for p in self.pub_patterns:
            m = p.search(head)
            if m:
                try:
                    return dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
                except ValueError:
                    continue
        return None

    def headline(self, original: str) -> str | None:
        """The first line, when the text starts with a headline: a short line
        that does not end a sentence, followed by more text."""
        lines = original.strip().splitlines()
        if len(lines) < 2:
            return None
        first = lines[0].strip()
        lo, hi = self.headline_len
        if lo <= len(first) <= hi and not any(c in self.sentence_end for c in first):
            return first
        return None

    def source_org(self, clean: str) -> tuple[int, int] | None:
        """Clean-text span of the source body (来源: …), if stated."""
        m = self.source.search(clean)
        return m.span("v") if m else None
