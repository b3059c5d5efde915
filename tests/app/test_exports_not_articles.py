"""A file the reader exported into the library folder under a name of the user's choosing
(`reader export -o out.md`) is not listed as an article: every Markdown export starts with
the exporter's marker line, a JSON one (W3C, ClaimReview) with its context, which the scan
looks for in the head it reads anyway (reader/export/signature.py); a user's own Markdown
article is listed (session 11 and 12: only the default export names were skipped; session
15: a JSON export saved as notes.md was listed)."""

from __future__ import annotations

from pathlib import Path

from test_library_claims_screen import wait_for

from reader.app import ReaderApp
from reader.cli import main
from reader.library import scan_library
from reader.library_cache import MetadataCache

STORY = "Bridge story\n\nMarch 9, 2024\n\nThe bridge will close, the mayor said.\n"
ESSAY = "<!-- draft -->\n\n# My essay\n\nWhat I think of the bridge.\n"


def library_with_exports(folder: Path) -> Path:
    """An annotated story, the user's own Markdown essay, and the story's exports under
    names the user chose: notes, a dossier (Markdown), the library's notes."""
    folder.mkdir()
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    (folder / "essay.md").write_text(ESSAY, encoding="utf-8")
    story = str(folder / "story.txt")
    assert main(["annotate", story, "--quote", "The bridge will close"]) == 0
    assert main(["export", story, "-o", str(folder / "out.md")]) == 0
    assert main(["export", story, "--format", "dossier", "-o", str(folder / "check.md")]) == 0
    assert main(["export", str(folder), "-o", str(folder / "all.txt")]) == 0
    return folder


def names(entries) -> list[str]:
    return sorted(entry.name for entry in entries)


def test_the_scan_lists_no_export_cold_or_warm(tmp_path, capsys):
    library = library_with_exports(tmp_path / "lib")
    capsys.readouterr()
    assert names(scan_library(library)) == ["essay.md", "story.txt"]
    db = tmp_path / "cache.sqlite3"
    for _ in range(2):  # cold, then from the cache's rows
        cache = MetadataCache.open(db)
        try:
            assert names(scan_library(library, cache=cache)) == ["essay.md", "story.txt"]
        finally:
            cache.close()


async def test_the_library_pane_does_not_list_an_export(tmp_path, settle, capsys):
    library = library_with_exports(tmp_path / "lib")
    capsys.readouterr()
    app = ReaderApp(library=library, article=library / "story.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await wait_for(pilot, lambda: app.library_ready)
        assert names(app.entries) == ["essay.md", "story.txt"]


def library_with_json_exports(folder: Path) -> Path:
    """The story with a checked claim, and its JSON exports (W3C, ClaimReview, of the
    article and of the library, one with no review) saved under article names."""
    folder.mkdir()
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    (folder / "essay.md").write_text(ESSAY, encoding="utf-8")
    (folder / "other.txt").write_text("Other story\n\nNothing checked here.\n", "utf-8")
    (folder / "update.md").write_text('[Updated] {"a": 1}\n\nThe bridge, again.\n', "utf-8")
    story, other = str(folder / "story.txt"), str(folder / "other.txt")
    assert main(["annotate", story, "--quote", "The bridge will close", "--status", "refuted"]) == 0
    assert main(["annotate", other, "--quote", "Nothing checked here."]) == 0
    for fmt, source, name in (
        ("w3c", story, "notes.md"),
        ("claimreview", story, "checked.txt"),
        ("claimreview", other, "none.markdown"),
        ("w3c", str(folder), "library.txt"),
        ("claimreview", str(folder), "reviews.md"),
    ):
        assert main(["export", source, "--format", fmt, "-o", str(folder / name)]) == 0
    return folder


def test_a_json_export_under_an_article_name_is_not_listed(tmp_path, capsys):
    library = library_with_json_exports(tmp_path / "lib")
    capsys.readouterr()
    assert (library / "none.markdown").read_text("utf-8").strip() == "[]"
    assert '"ClaimReview"' in (library / "checked.txt").read_text("utf-8")
    db = tmp_path / "cache.sqlite3"
    for _ in range(2):  # cold, then warm
        cache = MetadataCache.open(db)
        try:
            listed = names(scan_library(library, cache=cache))
        finally:
            cache.close()
        assert listed == ["essay.md", "other.txt", "story.txt", "update.md"]
