"""Every verb says the same thing, the same way, about a missing path, a folder where a
file was asked for and a file where a folder was (#14.14): `reader: error: PROBLEM: PATH`."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from reader.errors import cannot

MISSING = "no such file or folder: {}"
A_FOLDER = "is a folder, not {}: {}"


@pytest.fixture
def places(tmp_path: Path, monkeypatch) -> dict[str, str]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    Path("folder").mkdir()
    Path("story.txt").write_text("A title\n\nA sentence.\n", "utf-8")
    Path("notes.json").write_text('{"type": "Annotation"}', "utf-8")
    return {"missing": "nope.txt", "folder": "folder", "file": "story.txt"}


def error_of(capsys, *argv: str) -> str:
    status = main(list(argv))
    err = capsys.readouterr().err
    # `reader add` goes on past a source it cannot read, then exits 1 (README)
    assert status == (1 if argv[0] == "add" else 2) and err.count("\n") == 1, err
    return err.removeprefix("reader: error: ").rstrip("\n")


@pytest.mark.parametrize(
    "argv",
    [
        ("parse", "{missing}"),
        ("annotate", "{missing}", "--quote", "x"),
        ("annotations", "{missing}"),
        ("export", "{missing}"),
        ("import", "{missing}", "notes.json"),
        ("import", "story.txt", "{missing}"),
        ("search", "word", "--library", "{missing}"),
        ("add", "{missing}", "--library", "lib"),
        ("feeds", "import", "{missing}", "--library", "lib"),
        ("diff", "{missing}"),
        ("history", "{missing}"),
        ("sync", "--library", "{missing}"),
        ("{missing}",),
    ],
)
def test_a_missing_path_is_said_alike_by_every_verb(places, capsys, argv):
    argv = [arg.format(**places) for arg in argv]
    assert error_of(capsys, *argv) == MISSING.format("nope.txt")


@pytest.mark.parametrize(
    ("argv", "wanted"),
    [
        (("parse", "{folder}"), "an article file"),
        (("annotate", "{folder}", "--quote", "x"), "an article file"),
        (("annotations", "{folder}"), "an article file"),
        (("import", "{folder}", "notes.json"), "an article file"),
        (("import", "story.txt", "{folder}"), "a W3C JSON file"),
        (("diff", "{folder}"), "an article file"),
        (("history", "{folder}"), "an article file"),
        (("add", "{folder}", "--library", "lib"), "a page or a feed"),
        (("feeds", "import", "{folder}", "--library", "lib"), "an OPML file"),
    ],
)
def test_a_folder_for_a_file_is_said_alike_by_every_verb(places, capsys, argv, wanted):
    argv = [arg.format(**places) for arg in argv]
    assert error_of(capsys, *argv) == A_FOLDER.format(wanted, "folder")


@pytest.mark.parametrize(
    "argv", [("search", "word", "--library", "{file}"), ("sync", "--library", "{file}")]
)
def test_a_file_for_a_folder_is_said_alike(places, capsys, argv):
    argv = [arg.format(**places) for arg in argv]
    assert error_of(capsys, *argv) == "not a folder: story.txt"


def test_a_failed_write_names_the_reason_then_the_path(places, capsys):
    assert error_of(capsys, "export", "story.txt", "-o", "gone/notes.md") == (
        "cannot write (no such file or folder): gone/notes.md"
    )


def test_the_reason_is_said_in_the_reader_s_words():
    error = OSError(21, "Is a directory")
    assert cannot("read", "x\ny", error) == "cannot read (is a folder): x\u240ay"


@pytest.mark.parametrize("verb", [("annotate", "--quote", "sentence"), ("import", "notes.json")])
def test_an_unusable_sidecar_is_said_alike_by_annotate_and_import(places, capsys, verb):
    Path("story.txt.annotations.json").write_text("{bad", "utf-8")
    said = error_of(capsys, verb[0], "story.txt", *verb[1:])
    assert said.startswith("story.txt.annotations.json is not valid JSON")
    assert said.count("story.txt.annotations.json") == 1
