"""A folder export whose sidecars hold every highlight's place reads articles and parses none,
so it does not load the plain-text parser at all (a fresh interpreter shows what it imported)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reader.cli import main

PROBE = """
import sys
from reader.cli import main
code = main(["export", sys.argv[1], "-o", sys.argv[2]])
print(code, "reader.document.plaintext" in sys.modules)
"""


def _export_imports(folder: Path, out: Path) -> str:
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
    assert _export_imports(folder, tmp_path / "notes.md") == ["0", "False"]
    assert "The bridge will close" in (tmp_path / "notes.md").read_text("utf-8")


def test_an_article_changed_since_its_places_is_parsed(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    article = folder / "a.txt"
    article.write_text("A story\n\nThe bridge will close in May.\n", "utf-8")
    assert main(["annotate", str(article), "--quote", "The bridge will close"]) == 0
    capsys.readouterr()
    article.write_text("A story\n\nNews first.\n\nThe bridge will close in May.\n", "utf-8")
    assert _export_imports(folder, tmp_path / "notes.md") == ["0", "True"]
