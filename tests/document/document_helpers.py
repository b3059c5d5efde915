from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reader.document.model import Document

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / ".." / "shared" / "corpus"
SEED = ROOT / "seeds" / "000_566c8ea77d92d380.txt"


def exit_without_corpus() -> None:
    """A corpus script run by hand (not by pytest, which skips) with no corpus: say so and
    exit cleanly, rather than a traceback for its first file."""
    if not CORPUS.is_dir():
        print(f"corpus absent ({CORPUS.resolve()}): nothing to check", file=sys.stderr)
        sys.exit(0)


def corpus_file(name: str) -> Path:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"corpus file not available: {name}")
    return path


def check_invariants(doc: Document) -> None:
    """The model's contract: ordered, in-bounds blocks and sentences that round-trip."""
    prev_end = 0
    for block in doc.blocks:
        assert prev_end <= block.start <= block.end <= len(doc.text)
        assert len(block.text) == block.end - block.start
        anchor = doc.text[block.start : block.end]
        if doc.format == "text":
            assert block.text == anchor.replace("\n", " ") or block.text == anchor
        else:
            assert block.text == anchor
        prev_end = block.end
        last = block.start
        for s in block.sentences:
            assert block.start <= last <= s.start < s.end <= block.end
            assert doc.text[s.start : s.end] == s.text
            last = s.end
