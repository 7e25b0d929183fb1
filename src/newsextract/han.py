"""The Han-character patterns the stages test text with, written once: a
character (HAN), a run (HAN_RUN), a run ending where the search ends
(HAN_RUN_END). Unicode's Han script (\\p{Han}), as every rule pattern writes it."""
from __future__ import annotations

import regex

HAN = regex.compile(r"\p{Han}")
HAN_RUN = regex.compile(r"\p{Han}+")
HAN_RUN_END = regex.compile(r"\p{Han}+$")
