"""A folder export whose sidecars hold every highlight's place reads articles and parses none,
so it loads neither the plain-text parser nor the code that finds who a claim is attributed
to; and no folder export loads the store's TinyDB storage or the library's metadata cache,
which it never uses (a fresh interpreter shows what it imported)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reader.cli import main

PARSER = "reader.document.plaintext"
ATTRIBUTION = "reader.claims.attribution"
WATCHED = (PARSER, ATTRIBUTION, "tinydb", "reader.annotations.sidecar", "reader.library_cache")

PROBE = f"""
import sys
from reader.cli import main
code = main(["export", sys.argv[1], "-o", sys.argv[2]])
print(code, *[name for name in {WATCHED!r} if name in sys.modules])
"""


def _export_imports(folder: Path, out: Path) -> list[str]:
    """The export's exit code, then which of WATCHED it imported."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(folder), str(out)],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    return done.stdout.split()


def test_trusted_places_export_never_loads_the_parser(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "a.txt").write_text("A story\n\nThe bridge will close in May.\n", "utf-8")
    assert main(["annotate", str(folder / "a.txt"), "--quote", "The bridge will close"]) == 0
    capsys.readouterr()
    assert _export_imports(folder, tmp_path / "notes.md") == ["0"]
    assert "The bridge will close" in (tmp_path / "notes.md").read_text("utf-8")


def test_an_article_changed_since_its_places_is_parsed(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    article = folder / "a.txt"
    article.write_text("A story\n\nThe bridge will close in May.\n", "utf-8")
    assert main(["annotate", str(article), "--quote", "The bridge will close"]) == 0
    capsys.readouterr()
    article.write_text("A story\n\nNews first.\n\nThe bridge will close in May.\n", "utf-8")
    assert _export_imports(folder, tmp_path / "notes.md") == ["0", PARSER, ATTRIBUTION]
