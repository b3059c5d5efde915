"""Standard output that cannot be written: one line and exit 2, never a traceback.

Each verb runs in a child process whose standard output is a full device (a node of
/dev/full made for the test, never the system's own path), closed (`>&-`), or a pipe whose
reader has gone (the quiet exit of `reader parse | head`).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main

ARTICLE = "A title line\n\nA paragraph that says something about the council.\n"
VERBS = {
    "export": ["export", "{article}"],
    "annotations": ["annotations", "{article}"],
    "parse": ["parse", "{article}"],
    "search": ["search", "council", "--library", "{library}"],
}


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "story.txt").write_text(ARTICLE)
    assert main(["annotate", str(folder / "story.txt"), "--quote", "A paragraph"]) == 0
    return folder


def run(
    tmp_path: Path, library: Path, verb: str | list[str], shell: str = "", **kwargs
) -> subprocess.CompletedProcess[bytes]:
    """`reader VERB …` in a child process (`verb`: a name of VERBS, or the arguments)."""
    template = VERBS[verb] if isinstance(verb, str) else verb
    args = [a.format(article=library / "story.txt", library=library) for a in template]
    env = dict(os.environ, HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path / "cache"))
    env.update(XDG_DATA_HOME=str(tmp_path / "data"), XDG_STATE_HOME=str(tmp_path / "state"))
    command = [sys.executable, "-m", "reader", *args]
    if shell:
        command = ["sh", "-c", f'"$@" {shell}', "sh", *command]
    return subprocess.run(command, env=env, stderr=subprocess.PIPE, timeout=120, **kwargs)


def test_every_verb_writes_its_output_normally(tmp_path, library) -> None:
    for verb in VERBS:
        done = run(tmp_path, library, verb, stdout=subprocess.PIPE)
        assert (verb, done.returncode) == (verb, 0), done.stderr
        assert done.stdout


@pytest.fixture
def full_device(tmp_path: Path):
    """A writable file object on a node of the full device (every write: ENOSPC)."""
    node = tmp_path / "full"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 7))
        handle = open(node, "wb")  # noqa: SIM115
    except OSError as error:
        pytest.skip(f"cannot make or open a device node here: {error.strerror}")
    with handle:
        yield handle


@pytest.mark.parametrize("verb", VERBS)
def test_a_full_standard_output_is_one_line(tmp_path, library, full_device, verb) -> None:
    done = run(tmp_path, library, verb, stdout=full_device)
    assert done.returncode == 2
    assert (
        done.stderr == b"reader: error: cannot write to standard output: No space left on device\n"
    )


@pytest.mark.parametrize("verb", VERBS)
def test_a_closed_standard_output_is_one_line(tmp_path, library, verb) -> None:
    done = run(tmp_path, library, verb, shell=">&-")
    assert done.returncode == 2
    assert done.stderr == b"reader: error: cannot write to standard output: it is closed\n"


def test_annotate_with_a_closed_standard_output_saves_nothing(tmp_path, library) -> None:
    """The id could not be printed: a script would annotate again (the note twice)."""
    article = library / "story.txt"
    before = Path(f"{article}.annotations.json").read_bytes()
    annotate = ["annotate", "{article}", "--quote", "council", "--note", "again"]
    done = run(tmp_path, library, annotate, shell=">&-")
    assert done.returncode == 2
    assert done.stderr == b"reader: error: cannot write to standard output: it is closed\n"
    assert Path(f"{article}.annotations.json").read_bytes() == before


@pytest.mark.parametrize("verb", VERBS)
def test_a_reader_that_went_away_is_a_quiet_exit(tmp_path, library, verb) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody will read: the first write gets EPIPE
    try:
        done = run(tmp_path, library, verb, stdout=write_end)
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (0, b"")
