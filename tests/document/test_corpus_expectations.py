"""The parser against an editor's marking of every corpus article (tests/document/
corpus_expectations.py): one test per article and field. A field listed in KNOWN_WRONG is
expected to fail (strictly: once it is fixed, the list must lose it). Run this file directly
(`python tests/document/test_corpus_expectations.py`) for the score table."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_expectations import EXPECTED, FIELDS, FILE_NAME, KNOWN_WRONG  # noqa: E402
from document_helpers import CORPUS, exit_without_corpus  # noqa: E402

from reader.document.loader import load_document  # noqa: E402

_CACHE: dict[str, dict[str, object]] = {}


def parsed_fields(name: str) -> dict[str, object]:
    """The six fields as the parser reads them from corpus article `name`."""
    if name not in _CACHE:
        doc = load_document(CORPUS / name)
        meta = doc.meta
        _CACHE[name] = {
            "title": meta.title,
            "published": meta.published,
            "source": meta.source,
            "authors": list(meta.authors),
            "dateline": meta.extra.get("dateline", ""),
            "standfirst": meta.subtitle,
        }
    return _CACHE[name]


def expected_field(name: str, field: str) -> object:
    value = EXPECTED[name][field]
    return Path(name).stem if value is FILE_NAME else value


def _cases() -> list[object]:
    cases = []
    for name in sorted(EXPECTED):
        for field in FIELDS:
            reason = KNOWN_WRONG.get((name, field))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            cases.append(pytest.param(name, field, marks=marks, id=f"{name}:{field}"))
    return cases


@pytest.mark.parametrize(("name", "field"), _cases())
def test_field_as_an_editor_marks_it(name, field):
    if not (CORPUS / name).is_file():
        pytest.skip(f"corpus file not available: {name}")
    assert parsed_fields(name)[field] == expected_field(name, field)


def test_every_article_of_the_corpus_has_a_row():
    if not CORPUS.is_dir():
        pytest.skip("corpus not available")
    articles = {
        p.name
        for p in CORPUS.iterdir()
        if p.suffix in (".txt", ".md") and not p.name.startswith(("binary-", "empty"))
    }
    articles.discard("SOURCES.md")
    assert articles == set(EXPECTED)


def test_known_wrong_names_real_cases():
    for name, field in KNOWN_WRONG:
        assert name in EXPECTED and field in FIELDS


def score() -> dict[str, tuple[int, int]]:
    """Per field: (right, total) over the corpus."""
    table = {}
    for field in FIELDS:
        right = sum(parsed_fields(n)[field] == expected_field(n, field) for n in EXPECTED)
        table[field] = (right, len(EXPECTED))
    return table


if __name__ == "__main__":
    exit_without_corpus()
    rows = score()
    print("| field | right / total |\n|---|---:|")
    for field, (right, total) in rows.items():
        print(f"| {field} | {right} / {total} |")
    right = sum(r for r, _ in rows.values())
    total = sum(t for _, t in rows.values())
    print(f"| **all fields** | **{right} / {total}** |")
    for name in sorted(EXPECTED):
        for field in FIELDS:
            got, want = parsed_fields(name)[field], expected_field(name, field)
            if got != want:
                print(
                    f"  wrong {name}:{field}: got {got!r:.100} want {want!r:.100}", file=sys.stderr
                )
