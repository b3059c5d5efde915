"""Hostile article bytes and file names in a real terminal (tmux), plus the one-line CLI error.

Every terminal control sequence an article could carry (OSC 0/2 title, OSC 52 clipboard,
CSI clear/leave-alternate-screen, DCS, a C1 CSI written in UTF-8, bare CR, backspaces) and
Rich/Textual markup (styles, links, `@click` actions) is put in a Markdown article's front
matter, title, body, link text and link URL. The app must show the markup literally, never
change the pane title, never write the clipboard and never run an action from the article.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from tmux_helper import reader_command

pytestmark = pytest.mark.e2e

ESC, BEL, C1_CSI = "\x1b", "\x07", "\u009b"
OSC_TITLE = f"{ESC}]2;PWNED{BEL}"
OSC_TITLE_ST = f"{ESC}]0;PWNED{ESC}\\"
OSC_CLIPBOARD = f"{ESC}]52;c;SGVsbG8={BEL}"  # "Hello"
DCS = f"{ESC}P1$qm{ESC}\\"

MARKUP_STYLE = "[bold red]X[/]"
MARKUP_LINK = "[link=https://evil]click[/link]"
MARKUP_CLICK = "[@click=app.quit]q[/]"

# Short paragraphs at 160 columns, so nothing checked below is wrapped.
HOSTILE_MD = (
    "---\n"
    # YAML double-quoted escapes turn into real control characters after yaml.safe_load.
    'title: "Hostile \\e]2;PWNED\\a Title \\e]0;PWNED\\e\\\\ [bold red]X[/]"\n'
    f'author: "Au {OSC_TITLE} {OSC_CLIPBOARD} {MARKUP_CLICK}"\n'
    f"source: Src {OSC_TITLE_ST}\n"
    "---\n\n"
    f"Body one {OSC_TITLE} style {MARKUP_STYLE} end.\n\n"
    f"Body two {OSC_TITLE_ST} and {OSC_CLIPBOARD} clip.\n\n"
    f"Body three {ESC}[2J clear {ESC}[?1049l leave {DCS} dcs {C1_CSI}2J c1.\n\n"
    "Body four bare\rCR and back\b\b\bspace.\n\n"
    f"Body five {MARKUP_LINK} and {MARKUP_CLICK} end.\n\n"
    # The link text escapes the OSC's "]" (else it would end the text); the URL is in <>.
    f"See [Linktext {ESC}\\]2;PWNED{BEL} {MARKUP_STYLE}]"
    f"(<https://example.com/{OSC_TITLE}/{MARKUP_CLICK}>) now.\n\n"
    "Endmarkerline.\n"
)


def _assert_untouched(s) -> None:
    """The pane title, window name and tmux paste buffers show no trace of the article."""
    assert "PWNED" not in s.title()
    assert "PWNED" not in s.window_name()
    buffers = s.buffers()
    assert not any("Hello" in b or "PWNED" in b for b in buffers), buffers


@pytest.fixture
def hostile_article(tmp_path: Path) -> Path:
    folder = tmp_path / "hostile"
    folder.mkdir()
    article = folder / "hostile.md"
    article.write_bytes(HOSTILE_MD.encode("utf-8"))
    return article


def test_hostile_article_shows_literally_and_reaches_no_terminal(
    reader_session, hostile_article: Path
) -> None:
    with reader_session([hostile_article], size=(160, 45)) as s:
        s.wait_for("Endmarkerline")
        s.wait_stable()
        screen = s.screen()
        assert "Traceback" not in screen
        # Markup is shown as typed, in the body and in the title.
        assert MARKUP_STYLE in screen
        assert MARKUP_LINK in screen
        assert MARKUP_CLICK in screen
        assert "Hostile" in screen  # the front-matter title (Header, title block, library)
        assert "Endmarkerline" in screen  # ESC [2J / ESC [?1049l cleared nothing
        assert s.alternate_screen()
        _assert_untouched(s)

        for _ in range(4):  # move through the hostile sentences
            s.press("j")
        s.wait_stable()
        _assert_untouched(s)

        s.press("o")  # links list: link text and URL with escapes and markup
        screen = s.wait_for("Links (")
        s.wait_stable()
        screen = s.screen()
        assert "Linktext" in screen
        assert MARKUP_STYLE in screen
        assert "example.com" in screen
        _assert_untouched(s)
        s.press("escape")
        s.wait_until(lambda text: "Links (" not in text, what="the links list to close")

        s.press("?")
        s.wait_for("Esc or ? closes")
        s.wait_stable()
        _assert_untouched(s)
        s.press("escape")
        s.wait_until(lambda text: "Esc or ? closes" not in text, what="help to close")

        s.wait_annotations()
        s.press("g")  # the title, then (past the byline) "Body one ... [bold red]X[/] end."
        s.wait_stable()
        s.press("j")
        s.wait_stable()
        s.press("h")
        s.wait_for("C1 E0 Q0 D0 K0")
        screen = s.wait_stable(ansi=False)
        # The claims pane quotes the sentence literally, beside the article's own line.
        assert screen.count("Body one \u241b]2;PWNED\u2407 style [bold r") == 2, screen
        _assert_untouched(s)

        assert not s.dead()  # `[@click=app.quit]` in the article quit nothing
        s.press("q")
        assert s.exit_status() == 0
        _assert_untouched(s)


def test_hostile_file_name_in_library_and_messages(reader_session, tmp_path: Path) -> None:
    """A library whose file names carry markup and an OSC 2 title sequence (ST-terminated:
    Textual strips BEL but not ESC) — shown in the library pane, the header (an empty
    article has no title of its own) and the "empty article" message."""
    folder = tmp_path / "names"
    folder.mkdir()
    hostile_name = f"[b]x {ESC}]2;PWNED{ESC}\\ [@click=app.quit]q empty.txt"
    try:
        (folder / hostile_name).write_bytes(b"")
    except OSError:
        pytest.skip("the filesystem refuses control characters in file names")
    (folder / "other.txt").write_bytes(b"[bold]Plain other[/bold] title\n\nA body line.\n")
    with reader_session([folder / hostile_name], size=(160, 40)) as s:
        s.wait_for("[bold]Plain other")  # the library pane shows markup literally
        s.wait_stable()
        screen = s.screen()
        assert "Traceback" not in screen
        assert "[b]x" in screen
        _assert_untouched(s)
        s.press("q")
        assert s.exit_status() == 0
        _assert_untouched(s)


def _run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8")
    return subprocess.run(
        [*reader_command(), *args], cwd=cwd, env=env, capture_output=True, timeout=60
    )


@pytest.mark.parametrize("verb", [None, "parse", "annotations", "export"])
def test_missing_hostile_path_error_is_one_clean_line(tmp_path: Path, verb: str | None) -> None:
    name = f"missing{ESC}]2;PWNED{BEL}[b]x[/b]{C1_CSI}2J\nsecond line.txt"
    args = [name] if verb is None else [verb, name]
    proc = _run_cli(*args, cwd=tmp_path)
    assert proc.returncode in (1, 2), proc
    assert proc.stdout == b""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(b"reader: error: ")
    assert b"Traceback" not in proc.stderr
    assert b"\x1b" not in proc.stderr, proc.stderr
    assert b"\x07" not in proc.stderr, proc.stderr
    assert "\u009b".encode() not in proc.stderr, proc.stderr


def test_cli_runs_with_this_interpreter() -> None:
    """Sanity for the subprocess tests above: the command exists and answers --version."""
    proc = subprocess.run(
        [*reader_command(), "--version"], capture_output=True, timeout=60, text=True
    )
    assert proc.returncode == 0
    assert proc.stdout.startswith("reader ")


def test_export_of_a_hostile_note_and_file_name_reaches_no_terminal(
    reader_session, tmp_path: Path
) -> None:
    """Issue 20.4: a note imported from W3C JSON with OSC 2 (title) and OSC 52 (clipboard)
    sequences and an 8-bit CSI, in an article whose file name holds an OSC title too:
    `reader export` (Markdown and W3C) and its warnings print them visibly, never raw."""
    import json

    folder = tmp_path / "lib"
    folder.mkdir()
    article = folder / f"esc{OSC_TITLE}.txt"
    article.write_text("A title\n\nThe minister said the plan was sound.\n", encoding="utf-8")
    note = f"note {OSC_TITLE} {OSC_CLIPBOARD} {C1_CSI}2J end"
    item = {
        "type": "Annotation",
        "body": [{"type": "TextualBody", "value": note, "purpose": "commenting"}],
        "target": {"selector": [{"type": "TextQuoteSelector", "exact": "the plan was sound"}]},
    }
    imported = tmp_path / "in.json"
    imported.write_text(json.dumps(item), encoding="utf-8")
    env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8")
    subprocess.run([*reader_command(), "import", str(article), str(imported)], env=env,
                   check=True, capture_output=True, timeout=60)  # fmt: skip
    for fmt in ("markdown", "w3c"):
        with reader_session(["export", str(folder), "--format", fmt], size=(160, 45)) as s:
            assert s.exit_status() == 0
            screen = s.screen(history=True, joined=True)  # the output's lines, however long
            assert "the plan was sound" in screen
            _assert_untouched(s)
