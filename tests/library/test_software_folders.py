"""A library is the reading under a folder: folders that hold software (a virtualenv, its
site-packages, node_modules, __pycache__, hidden ones) are never walked into, whether the
folder is opened itself or through one of its files."""

from __future__ import annotations

from pathlib import Path

from reader.library import iter_article_paths, scan_library
from reader.targets import resolve_target


def _write(path: Path, text: str = "A sentence of the story.\n") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _tree(root: Path) -> None:
    _write(root / "sp ace.txt", "Space story\n\nIt was a long way up.\n")
    _write(root / "2024" / "vote.md", "# Vote\n\nA vote was held.\n")
    venv = root / "env"  # a virtualenv of any name: it holds pyvenv.cfg
    _write(venv / "pyvenv.cfg", "home = /usr/bin\n")
    _write(venv / "lib" / "python3.11" / "site-packages" / "certifi" / "cacert.txt")
    _write(venv / "notes.txt")  # even beside pyvenv.cfg: the whole folder is software
    _write(root / "tools" / "lib" / "site-packages" / "pkg" / "LICENSE-MIT.txt")
    _write(root / "tools" / "lib" / "dist-packages" / "pkg" / "about.md")
    _write(root / "web" / "node_modules" / "left-pad" / "readme.md")
    _write(root / "src" / "__pycache__" / "x.txt")
    _write(root / ".venv" / "lib" / "y.txt")


def test_software_folders_are_not_part_of_the_library(tmp_path: Path) -> None:
    _tree(tmp_path)
    expected = ["2024/vote.md", "sp ace.txt"]
    assert sorted(p.relative_to(tmp_path).as_posix() for p in iter_article_paths(tmp_path)) == (
        expected
    )
    assert sorted(entry.name for entry in scan_library(tmp_path)) == expected


def test_a_file_opens_its_folder_as_the_same_library(tmp_path: Path) -> None:
    _tree(tmp_path)
    target = resolve_target(str(tmp_path / "sp ace.txt"))
    assert target.library == tmp_path.resolve()
    assert sorted(entry.name for entry in scan_library(target.library)) == [
        "2024/vote.md",
        "sp ace.txt",
    ]


def test_a_library_inside_a_virtualenv_folder_still_lists_its_own_articles(tmp_path):
    """Only folders below the library are judged: opened itself, any folder is a library."""
    _write(tmp_path / "pyvenv.cfg", "home = /usr/bin\n")
    _write(tmp_path / "story.txt")
    _write(tmp_path / "node_modules" / "readme.md")
    assert [p.name for p in iter_article_paths(tmp_path)] == ["story.txt"]
    nested = tmp_path / "node_modules"
    assert [p.name for p in iter_article_paths(nested)] == ["readme.md"]
