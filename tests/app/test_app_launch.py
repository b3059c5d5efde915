"""Launch errors: one line on stderr, exit status 2, no traceback, before textual loads."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.launch import resolve_target

REPO = Path(__file__).resolve().parents[2]


def _one_error_line(capsys) -> str:
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    return lines[0]


def test_missing_path(tmp_path, capsys):
    missing = tmp_path / "nope.txt"
    assert main([str(missing)]) == 2
    assert _one_error_line(capsys) == f"reader: error: no such file or folder: {missing}"


def test_binary_file(tmp_path, capsys):
    binary = tmp_path / "logo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0")
    assert main([str(binary)]) == 2
    assert _one_error_line(capsys) == f"reader: error: binary file, not a text article: {binary}"


@pytest.mark.parametrize("verb", [[], ["parse"], ["export"], ["annotate", "--quote", "PNG"]])
def test_binary_file_worded_as_every_verb_words_it(tmp_path, capsys, verb):
    """Opening a binary file says what `reader parse`, `reader export`, … say about it."""
    binary = tmp_path / "logo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0")
    assert main([*verb, str(binary)]) == 2
    assert _one_error_line(capsys) == f"reader: error: binary file, not a text article: {binary}"


def test_folder_without_articles(tmp_path, capsys):
    (tmp_path / "story.txt.annotations.json").write_text("{}")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG")
    assert main([str(tmp_path)]) == 2
    line = _one_error_line(capsys)
    assert (
        line
        == f"reader: error: no articles (.txt, .md, .markdown, .html, .htm) in folder: {tmp_path}"
    )


def test_not_a_regular_file(capsys):
    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null")
    assert main(["/dev/null"]) == 2
    assert _one_error_line(capsys) == "reader: error: not a regular file: /dev/null"


def test_targets(tmp_path, seed_library):
    article = next(seed_library.iterdir())
    target = resolve_target(str(article))
    assert target.article == article.resolve() and target.library == seed_library.resolve()
    target = resolve_target(str(seed_library))
    assert target.article is None and target.library == seed_library.resolve()
    # No argument: the sample library in the (isolated) user data dir, seeds copied there.
    target = resolve_target(None)
    assert target.article is None
    assert any(p.suffix == ".txt" for p in target.library.iterdir())
    assert "margin-reader" in str(target.library)


def test_errors_come_before_textual_is_imported(tmp_path):
    code = (
        "import sys\n"
        "from reader.cli import main\n"
        f"rc = main([{str(tmp_path / 'missing')!r}])\n"
        "print(rc, 'textual' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert result.stdout.split() == ["2", "False"]
    assert result.stderr.startswith("reader: error: no such file or folder: ")


def test_help_names_every_way_to_open(capsys):
    from reader.library import ARTICLE_SUFFIXES

    with pytest.raises(SystemExit):
        main(["--help"])
    shown = capsys.readouterr().out
    opening = shown.split("scripting verbs")[0]
    assert all(suffix in opening for suffix in ARTICLE_SUFFIXES), opening
    assert "reader URL" in opening


@pytest.mark.parametrize("argv", [["--help"], ["search", "--help"], ["sync", "--help"]])
def test_help_says_folder_as_everything_else_does(capsys, argv):
    """`reader --help` said "data directory" and `DIR` where every other message says folder."""
    with pytest.raises(SystemExit):
        main(argv)
    shown = capsys.readouterr().out
    assert "director" not in shown.lower() and not re.search(r"\bDIR\b", shown), shown
    assert "FOLDER" in shown
