"""Claims: what the reader finds out about a highlighted claim (who the text attributes it to).

Pure core code: no screen library here (the import-linter contract in pyproject.toml says so).
"""

from reader.claims.attribution import (
    KINDS,
    NO_ATTRIBUTION,
    Attribution,
    DocumentAttributions,
    attribute,
    attribute_block,
    attribute_sentence,
)

__all__ = [
    "KINDS",
    "NO_ATTRIBUTION",
    "Attribution",
    "DocumentAttributions",
    "attribute",
    "attribute_block",
    "attribute_sentence",
]
