"""newsextract: structured records from Chinese government press releases."""
from .extractor import SCHEMA_ID, Extractor

__all__ = ["Extractor", "SCHEMA_ID"]
__version__ = "0.1.0"
