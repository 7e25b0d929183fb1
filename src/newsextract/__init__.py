"""newsextract: structured records from Chinese government press releases."""
from .startup import import_spacy

import_spacy()  # before anything imports spaCy (see startup.py)

from .extractor import SCHEMA_ID, Extractor  # noqa: E402

__all__ = ["Extractor", "SCHEMA_ID"]
__version__ = "0.1.0"
