"""Nothing a verb prints reaches the terminal as a control sequence.

Every scripting verb (`parse`, `annotate`, `annotations`, `export` in every format, `import`)
is run on every file of the shared corpus and on hostile fixtures: a file name carrying an
OSC title sequence, a note imported from W3C JSON holding OSC 2 / OSC 52 sequences and an
8-bit CSI (U+009B). What reaches stdout and stderr, and what an export file holds, may contain
no C0 control other than newline and tab, no DEL and no C1 control.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.cli import main

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
ESC, BEL, C1_CSI = "\x1b", "\x07", "\u009b"
HOSTILE_NOTE = f"note {ESC}]2;PWNED{BEL} and {ESC}]52;c;SGVsbG8={BEL} and {C1_CSI}2J end"


def _controls(text: str) -> list[str]:
    return sorted(
        {
            f"U+{ord(ch):04X}"
            for ch in text
            if (ord(ch) < 0x20 and ch not in "\n\t") or 0x7F <= ord(ch) <= 0x9F
        }
    )


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _check(capsys, problems: list[str], *argv: str) -> None:
    _, out, err = _run(capsys, *argv)
    for stream, text in (("stdout", out), ("stderr", err)):
        found = _controls(text)
        if found:
            problems.append(f"reader {' '.join(argv[:2])}: {stream} holds {found}")


@pytest.fixture
def hostile_library(tmp_path: Path) -> Path:
    library = tmp_path / "lib"
    library.mkdir()
    article = library / f"esc{ESC}]2;PWNED{BEL}.txt"
    article.write_text(
        "A hostile title\n\nThe minister said the plan was sound. Critics disagreed.\n",
        encoding="utf-8",
    )
    annotation = {
        "type": "Annotation",
        "body": [{"type": "TextualBody", "value": HOSTILE_NOTE, "purpose": "commenting"}],
        "target": {
            "source": "x",
            "selector": [{"type": "TextQuoteSelector", "exact": "the plan was sound"}],
        },
    }
    (tmp_path / "import.json").write_text(json.dumps(annotation), encoding="utf-8")
    return library


def test_verbs_never_print_control_characters_for_hostile_names_and_notes(
    capsys, hostile_library: Path, tmp_path: Path
) -> None:
    article = next(hostile_library.iterdir())
    problems: list[str] = []
    _check(capsys, problems, "import", str(article), str(tmp_path / "import.json"))
    _check(capsys, problems, "annotate", str(article), "--quote", "Critics disagreed",
           "--status", "refuted", "--rationale", HOSTILE_NOTE)  # fmt: skip
    _check(capsys, problems, "annotations", str(article))
    _check(capsys, problems, "parse", str(article))
    for fmt in ("markdown", "w3c", "claimreview", "dossier"):
        _check(capsys, problems, "export", str(article), "--format", fmt)
        _check(capsys, problems, "export", str(hostile_library), "--format", fmt)
        out = tmp_path / f"out.{fmt}"
        _check(capsys, problems, "export", str(article), "--format", fmt, "-o", str(out))
        found = _controls(out.read_text(encoding="utf-8"))
        if found:
            problems.append(f"export --format {fmt} -o: the file holds {found}")
    assert not problems, "\n".join(problems)


def test_verbs_never_print_control_characters_over_the_corpus(capsys, tmp_path: Path) -> None:
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus (../shared/corpus) is absent")
    library = tmp_path / "corpus"
    shutil.copytree(CORPUS, library)
    problems: list[str] = []
    for article in sorted(library.iterdir()):
        if article.name == "SOURCES.md":
            continue
        _check(capsys, problems, "parse", str(article), "--indent", "0")
        _check(capsys, problems, "annotations", str(article))
        _check(capsys, problems, "export", str(article))
    assert not problems, "\n".join(problems)
