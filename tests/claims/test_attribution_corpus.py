"""Attribution on hand-labelled sentences of the real corpus (attribution_labels.tsv).

Each row names a file, a snippet that locates one sentence in it, and the source and kind a
reader finds there. The score (source span and kind both right) must reach 90%; the misses are
listed so the README's figure can be checked against them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.claims.attribution import attribute_sentence
from reader.document.loader import load_document

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = ROOT / ".." / "shared" / "corpus"
LABELS = HERE / "attribution_labels.tsv"
TARGET = 0.90
_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def load_labels() -> list[tuple[str, str, str, str, bool]]:
    """(file, snippet, kind, source, held out) for every row; rows after the "# Held out"
    comment were labelled after the rules were written."""
    rows = []
    held_out = False
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if line.startswith("# Held out"):
            held_out = True
        if not line.strip() or line.startswith("#"):
            continue
        name, snippet, kind, source = (line.split("\t") + [""])[:4]
        rows.append((name, snippet, kind, source, held_out))
    return rows


def resolve(name: str) -> Path:
    folder, _, file = name.partition("/")
    return (CORPUS if folder == "corpus" else ROOT / folder) / file


def find_sentence(document, snippet: str):
    """The one sentence whose text holds the snippet (whitespace compared loosely)."""
    wanted = squash(snippet)
    hits = [
        s for b in document.blocks if b.is_prose for s in b.sentences if wanted in squash(s.text)
    ]
    assert len(hits) == 1, f"snippet {snippet!r} is in {len(hits)} sentences"
    return hits[0]


def test_labels_are_well_formed():
    rows = load_labels()
    assert len(rows) >= 150
    for name, snippet, kind, source, _ in rows:
        assert kind in {"named", "anonymous", "none"}, (name, snippet)
        assert (kind == "none") == (source == ""), (name, snippet)
        assert name.split("/")[0] in {"corpus", "seeds"}


def test_attribution_score_on_the_corpus():
    if not CORPUS.is_dir():
        pytest.skip("the corpus (../shared/corpus) is not beside this checkout")
    rows = load_labels()
    documents: dict[str, object] = {}
    misses = []
    held_out_misses = 0
    for name, snippet, kind, source, held_out in rows:
        if name not in documents:
            documents[name] = load_document(resolve(name))
        document = documents[name]
        sentence = find_sentence(document, snippet)
        got = attribute_sentence(document, sentence)
        if got.kind != "none":
            # The span really is where the source is written.
            assert squash(document.text[got.start : got.end]) == squash(got.source)
        if squash(got.source) != squash(source) or got.kind != kind:
            held_out_misses += held_out
            misses.append(
                f"{name} [{snippet}]: want {kind} {source!r}, got {got.kind} {got.source!r}"
            )
    right = len(rows) - len(misses)
    score = right / len(rows)
    held = sum(row[4] for row in rows)
    report = (
        f"attribution: {right}/{len(rows)} right ({score:.1%}); "
        f"held-out rows {held - held_out_misses}/{held}\n" + "\n".join(misses)
    )
    print(report)
    assert score >= TARGET, report
