"""A folder's own description (README.md, SOURCES.md, LICENSE.txt …) is not an article of
the library unless someone annotated it; opened by name it is read like any article."""

from __future__ import annotations

from pathlib import Path

from reader.annotations.sidecar import sidecar_path_for
from reader.document.loader import load_document
from reader.library import is_project_file, iter_annotated_articles, iter_article_paths


def _names(root: Path) -> list[str]:
    return sorted(p.name for p in iter_article_paths(root))


def test_project_files_are_not_listed(tmp_path: Path) -> None:
    for name in ("README.md", "SOURCES.md", "LICENSE.txt", "CHANGELOG.markdown", "story.txt"):
        (tmp_path / name).write_text("Some text here.\n", encoding="utf-8")
    sub = tmp_path / "politics"
    sub.mkdir()
    (sub / "README.md").write_text("About this folder.\n", encoding="utf-8")
    (sub / "vote.md").write_text("# Vote\n\nA vote was held.\n", encoding="utf-8")
    assert _names(tmp_path) == ["story.txt", "vote.md"]


def test_only_names_in_capitals_are_project_files(tmp_path: Path) -> None:
    for name in ("readme.md", "history.txt", "News.md", "README-draft.md"):
        (tmp_path / name).write_text("An article about something.\n", encoding="utf-8")
    assert _names(tmp_path) == ["News.md", "README-draft.md", "history.txt", "readme.md"]
    assert is_project_file("README.md") and is_project_file("NEWS.txt")
    assert not is_project_file("readme.md") and not is_project_file("README-draft.md")


def test_an_annotated_project_file_stays_listed(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Notes\n\nThe mayor said so.\n", encoding="utf-8")
    sidecar_path_for(readme).write_text('{"annotations": {}}', encoding="utf-8")
    assert _names(tmp_path) == ["README.md"]
    assert [name for name, _, _ in iter_annotated_articles(tmp_path)] == ["README.md"]


def test_a_project_file_opened_by_name_is_read(tmp_path: Path) -> None:
    sources = tmp_path / "SOURCES.md"
    sources.write_text("# Sources\n\nWhere each article came from.\n", encoding="utf-8")
    assert "Where each article came from." in load_document(sources).text
