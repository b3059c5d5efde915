"""The parser against an editor's marking of body text and furniture in every corpus
article (tests/document/corpus_body_expectations.py): real sentences stay body text, every
piece of furniture is folded, nothing else is folded, and crossheads are what they are.
A check listed in KNOWN_WRONG is expected to fail (strictly)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_body_expectations import BODY, KNOWN_WRONG  # noqa: E402
from document_helpers import CORPUS, exit_without_corpus  # noqa: E402

from reader.document.loader import load_document  # noqa: E402
from reader.errors import ReaderError  # noqa: E402

CHECKS = ("present", "folded", "only_furniture_folded", "headings", "not_headings")
# Blocks that are the article's text (what is neither folded nor the title/standfirst/meta).
BODY_KINDS = frozenset({"paragraph", "heading", "list_item", "quote", "table", "code", "html"})


def flat(text: str) -> str:
    return " ".join(text.split())


_CACHE: dict[str, list[tuple[str, str]]] = {}


def blocks(name: str) -> list[tuple[str, str]]:
    """(kind, text with whitespace collapsed) of each block of corpus article `name`."""
    if name not in _CACHE:
        doc = load_document(CORPUS / name)
        _CACHE[name] = [(b.kind, flat(b.text)) for b in doc.blocks]
    return _CACHE[name]


def failures(name: str, check: str) -> list[str]:
    """What check `check` finds wrong in article `name` (empty: right)."""
    row = BODY[name]
    parsed = blocks(name)
    body_texts = [t for k, t in parsed if k in BODY_KINDS]
    folded_texts = [t for k, t in parsed if k == "boilerplate"]
    if check == "present":
        return [s for s in row["present"] if not any(flat(s) in t for t in body_texts)]
    if check == "folded":
        wrong = [s for s in row["folded"] if not any(flat(s) in t for t in folded_texts)]
        return wrong + [s for s in row["folded"] if any(flat(s) in t for t in body_texts)]
    if check == "only_furniture_folded":
        marks = [flat(s) for s in row["folded"]]
        return [t[:80] for t in folded_texts if not any(m in t for m in marks)]
    if check == "headings":
        want = row["headings"]
        if want is None:
            return []
        got = [t for k, t in parsed if k == "heading"]
        if len(got) != len(want) or not all(
            g.startswith(flat(w)) for g, w in zip(got, want, strict=True)
        ):
            return [f"got {got}"]
        return []
    if check == "not_headings":
        heads = [t for k, t in parsed if k == "heading"]
        wrong = [s for s in row["not_headings"] if any(flat(s) == h for h in heads)]
        return wrong + [s for s in row["not_headings"] if not any(flat(s) in t for t in body_texts)]
    raise ValueError(check)


def _cases() -> list[object]:
    cases = []
    for name in sorted(BODY):
        for check in CHECKS:
            reason = KNOWN_WRONG.get((name, check))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            cases.append(pytest.param(name, check, marks=marks, id=f"{name}:{check}"))
    return cases


@pytest.mark.parametrize(("name", "check"), _cases())
def test_body_and_furniture_as_an_editor_marks_them(name, check):
    if not (CORPUS / name).is_file():
        pytest.skip(f"corpus file not available: {name}")
    assert failures(name, check) == []


def test_every_article_of_the_corpus_has_a_row():
    if not CORPUS.is_dir():
        pytest.skip("corpus not available")
    articles = {p.name for p in CORPUS.iterdir() if p.is_file() and p.name != "SOURCES.md"}
    refused = {n for n in articles if n.startswith("binary-")}
    assert articles - refused == set(BODY)


def test_a_binary_file_is_refused_not_read_as_an_article():
    if not CORPUS.is_dir():
        pytest.skip("corpus not available")
    for path in CORPUS.glob("binary-*"):
        with pytest.raises(ReaderError):
            load_document(path)


def test_every_article_has_body_text_to_check():
    for name, row in BODY.items():
        assert row["present"] or name == "empty.md", name


def test_known_wrong_names_real_cases():
    for name, check in KNOWN_WRONG:
        assert name in BODY and check in CHECKS


if __name__ == "__main__":
    exit_without_corpus()
    for name in sorted(BODY):
        for check in CHECKS:
            wrong = failures(name, check)
            if wrong:
                print(f"{name}:{check}: {wrong}")


@pytest.mark.parametrize("script", ["test_corpus_body.py", "test_corpus_expectations.py"])
def test_run_as_a_script_without_the_corpus_it_says_so_and_exits_cleanly(tmp_path, script):
    import shutil
    import subprocess

    here = Path(__file__).parent
    copy = tmp_path / "checkout" / "tests" / "document"  # no ../shared beside the checkout
    copy.mkdir(parents=True)
    helpers = ("document_helpers.py", "corpus_expectations.py", "corpus_body_expectations.py")
    for name in (script, *helpers):
        shutil.copy(here / name, copy / name)
    done = subprocess.run(
        [sys.executable, str(copy / script)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "corpus absent" in done.stderr
