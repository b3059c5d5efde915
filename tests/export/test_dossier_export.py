"""`reader export --format dossier`: the checked claims of a folder or an article as Markdown,
grouped by status, each with its article, source, verdict and evidence."""

from __future__ import annotations

import re
from pathlib import Path

from claim_fixtures import make_library, run
from markdown_it import MarkdownIt

from reader.annotations.store import AnnotationStore
from reader.document.loader import load_document

MD = MarkdownIt("commonmark")


def dossier(capsys, path: Path, *more: str) -> str:
    return run(capsys, "export", "--format", "dossier", *more, str(path))


def section(text: str, heading: str) -> str:
    """The text of the `## heading` section."""
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else len(text)]


def test_a_folder_dossier_groups_the_checked_claims_by_status(
    tmp_path, capsys, monkeypatch
) -> None:
    make_library(tmp_path, capsys)
    monkeypatch.chdir(tmp_path)
    text = dossier(capsys, tmp_path / "library")
    assert text.startswith("<!-- margin-reader export -->\n\n# Claims dossier: library\n")
    assert "3 checked claims in 2 articles." in text
    assert "| Supported | 1 |" in text and "| Refuted | 1 |" in text
    headings = re.findall(r"^## (.*)$", text, flags=re.MULTILINE)
    assert headings == ["Supported (1)", "Refuted (1)", "Unverifiable (1)"]  # STATUSES order
    assert "The ferry keeps its timetable." not in text  # unverified: not a checked claim

    refuted = section(text, "Refuted (1)")
    assert "> The council will close the bridge for three years" in refuted
    assert "Article: [Harbour bridge to close](library/bridge.txt)" in refuted
    assert "¶ 2, sentence 1 · [line 3](library/bridge.txt#L3)" in refuted
    assert "Source: the mayor, Ana Ruiz (named)" in refuted
    assert (
        r"Verdict: **Refuted** — The authority says \*five\* years \<b\>not\</b\> three" in refuted
    )
    assert "- <https://example.org/notice>" in refuted
    evidence = "- “The bridge will shut for five years” — [Ferry \\<b\\>fares\\</b\\> \\[frozen\\]]"
    assert (
        evidence + "(library/news/ferry.md) · Ferry fares, ¶ 1, sentence 1 · [line 11]" in refuted
    )

    supported = section(text, "Supported (1)")
    assert "Fares stay as they are." in supported and "· 2026-02-03 ·" in supported
    assert "Source: none given in the text" in supported
    unverifiable = section(text, "Unverifiable (1)")
    assert "Source: two officials familiar with the plan (anonymous)" in unverifiable


def test_the_dossier_renders_untrusted_text_literally(tmp_path, capsys) -> None:
    make_library(tmp_path, capsys)
    html = MD.render(dossier(capsys, tmp_path / "library"))
    assert "<b>" not in html  # the title's and the rationale's markup shows as text
    assert "Ferry &lt;b&gt;fares&lt;/b&gt; [frozen]" in html
    assert "<em>five</em>" not in html and "*five*" in html
    assert '<a href="https://example.org/notice">' in html


def test_an_article_dossier_reads_the_linked_article(tmp_path, capsys, monkeypatch) -> None:
    make_library(tmp_path, capsys)
    library = tmp_path / "library"
    monkeypatch.chdir(library)
    text = dossier(capsys, library / "bridge.txt")
    assert "# Claims dossier: Harbour bridge to close" in text
    assert "2 checked claims in 1 article." in text
    assert "Fares stay" not in text  # another article's claim
    assert "“The bridge will shut for five years” — [Ferry" in text  # read for the evidence
    assert "(news/ferry.md) · Ferry fares, ¶ 1, sentence 1 · [line 11](news/ferry.md#L11)" in text


def test_evidence_whose_highlight_or_article_is_gone(tmp_path, capsys) -> None:
    ids = make_library(tmp_path, capsys)
    library = tmp_path / "library"
    ferry = library / "news" / "ferry.md"
    store = AnnotationStore.open(load_document(ferry))
    store.delete(ids["shut"])
    store.close()
    text = dossier(capsys, library / "bridge.txt", "-o", str(tmp_path / "d.md"))
    assert text == ""
    written = (tmp_path / "d.md").read_text("utf-8")
    assert "“The bridge will shut for five years” — [Ferry" in written
    assert "no longer in that article (quoted as linked)" in written
    ferry.unlink()
    gone = dossier(capsys, library / "bridge.txt")
    assert "“The bridge will shut for five years” — in news/ferry.md (cannot be read)" in gone


def test_hostile_rationale_and_quote_stay_inert(tmp_path, capsys) -> None:
    article = tmp_path / "hostile.txt"
    article.write_text("# Title\n\n1. [x](javascript:alert) *claim* here, she said.\n", "utf-8")
    run(
        capsys,
        "annotate", str(article), "--quote", "[x](javascript:alert) *claim* here",
        "--status", "disputed", "--rationale", "\x1b[2J wiped <img src=x onerror=y> `code",
        "--evidence", "https://evil.example/<script>",
    )  # fmt: skip
    text = dossier(capsys, article)
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", text)
    html = MD.render(text)
    assert "<img" not in html
    assert not any(href.startswith("javascript:") for href in re.findall(r'href="([^"]*)"', html))
    assert "<script>" not in html
    assert "*claim*" in html  # the quote's markup shows as written


def test_nothing_checked_says_so(tmp_path, capsys) -> None:
    article = tmp_path / "plain.txt"
    article.write_text("A title\n\nNothing checked here.\n", "utf-8")
    run(capsys, "annotate", str(article), "--quote", "Nothing checked here.")
    text = dossier(capsys, article)
    assert "0 checked claims in 0 articles." in text and "No checked claims" in text
    assert "\n## " not in text
