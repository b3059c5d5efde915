"""Bad input paths give one-line messages, never tracebacks or hangs: the scripting verbs via
subprocess, the app via Pilot. Plus the core-purity check over every core module."""

from __future__ import annotations

import importlib
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE_PACKAGES = ("reader.document", "reader.annotations", "reader.export")
CORE_MODULES = ("reader.library", "reader.state", "reader.sample_library", "reader.errors")
# layout.py and sentences.py are pure too: they sit under reader/document.


def _core_module_names() -> list[str]:
    names = list(CORE_MODULES)
    for package in CORE_PACKAGES:
        pkg = importlib.import_module(package)
        names += [f"{package}.{m.name}" for m in pkgutil.iter_modules(pkg.__path__)]
    return sorted(names)


def test_core_modules_do_not_import_textual() -> None:
    names = _core_module_names()
    assert "reader.document.layout" in names and "reader.export.w3c" in names
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "    bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "    if bad:\n"
        "        sys.exit(f'{name} imports textual')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _reader(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8")
    for var in ("XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env[var] = str(cwd / "xdg" / var.lower())
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,  # a FIFO used to block here forever
    )


def _one_line_error(proc: subprocess.CompletedProcess[str], status: int = 2) -> str:
    assert proc.returncode == status, proc
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("reader: error: "), proc.stderr
    return lines[0]


@pytest.fixture
def folders(tmp_path: Path) -> Path:
    (tmp_path / "only-sidecar").mkdir()
    (tmp_path / "only-sidecar" / "story.txt.annotations.json").write_text("{not json")
    (tmp_path / "dir-sidecar").mkdir()
    (tmp_path / "dir-sidecar" / "a.txt").write_text("Title line\n\nBody text here.\n")
    (tmp_path / "dir-sidecar" / "a.txt.annotations.json").mkdir()
    (tmp_path / "fifo").mkdir()
    os.mkfifo(tmp_path / "fifo" / "pipe.txt")
    return tmp_path


@pytest.mark.parametrize("verb", ["parse", "annotations"])
def test_folder_with_only_a_corrupt_sidecar(folders: Path, verb: str) -> None:
    line = _one_line_error(_reader(verb, "only-sidecar", cwd=folders))
    assert "only-sidecar" in line


@pytest.mark.parametrize("verb", ["annotations", "annotate"])
def test_sidecar_that_is_a_directory(folders: Path, verb: str) -> None:
    args = [verb, "dir-sidecar/a.txt"] + (["--quote", "Body"] if verb == "annotate" else [])
    line = _one_line_error(_reader(*args, cwd=folders))
    assert "a.txt.annotations.json" in line


@pytest.mark.parametrize("verb", ["parse", "annotations", "export"])
def test_fifo_is_refused_not_read(folders: Path, verb: str) -> None:
    line = _one_line_error(_reader(verb, "fifo/pipe.txt", cwd=folders))
    assert "not a regular file" in line and "pipe.txt" in line


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
@pytest.mark.parametrize("verb", ["parse", "annotations", "export"])
def test_unreadable_file(tmp_path: Path, verb: str) -> None:
    article = tmp_path / "locked.txt"
    article.write_text("Title\n\nBody.\n")
    article.chmod(0)
    try:
        line = _one_line_error(_reader(verb, "locked.txt", cwd=tmp_path))
    finally:
        article.chmod(0o644)
    assert "locked.txt" in line


# --- the app (Pilot) ----------------------------------------------------------------------


@pytest.fixture
def app_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    for var in ("XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / "xdg" / var.lower()))
    from reader.state import ReadingState

    return ReadingState(tmp_path / "state.json")


async def _settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def _messages(app, severity: str) -> list[str]:
    return [n.message for n in app._notifications if n.severity == severity]


async def test_app_file_vanishing_between_scan_and_open(tmp_path: Path, app_state) -> None:
    from reader.app import ReaderApp

    library = tmp_path / "lib"
    library.mkdir()
    (library / "a.txt").write_text("Alpha title\n\nJanuary 2, 2024\n\nAlpha body.\n")
    (library / "b.txt").write_text("Beta title\n\nJanuary 1, 2024\n\nBeta body.\n")
    app = ReaderApp(library, library / "a.txt", state=app_state)
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(app, pilot)
        assert app.library_ready and len(app.entries) == 2
        (library / "b.txt").unlink()
        await pilot.press("J")
        await _settle(app, pilot)
        assert app.is_running
        [error] = _messages(app, "error")
        assert "\n" not in error and "b.txt" in error
        assert app.article_path == (library / "a.txt").resolve()


async def test_app_sidecar_that_is_a_directory(folders: Path, app_state) -> None:
    from reader.app import ReaderApp

    article = folders / "dir-sidecar" / "a.txt"
    app = ReaderApp(article.parent, article, state=app_state)
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(app, pilot)
        await pilot.press("j", "h")
        await _settle(app, pilot)
        assert app.is_running
        warnings = _messages(app, "warning") + _messages(app, "error")
        assert any("a.txt.annotations.json" in w for w in warnings), warnings
        assert all("Traceback" not in w for w in warnings)
    assert (folders / "dir-sidecar" / "a.txt.annotations.json").is_dir()  # left alone
