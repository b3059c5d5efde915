"""Where the bench runs: the `reader` to start, isolated XDG folders, the machine's description."""

from __future__ import annotations

import contextlib
import importlib.metadata
import os
import platform
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
CHECKOUT = BENCH.parent
SIZE = (120, 40)  # every terminal figure's tmux size


def reader_argv() -> list[str]:
    beside = Path(sys.executable).parent / "reader"
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("reader")
    if found:
        return [found]
    return [sys.executable, "-m", "reader"]


def isolated_env(root: Path) -> dict[str, str]:
    env = {}
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        path = root / name.lower()
        path.mkdir(parents=True, exist_ok=True)
        env[name] = str(path)
    env["LANG"] = env["LC_ALL"] = "C.UTF-8"
    env["COLORTERM"] = "truecolor"
    return env


def machine() -> dict[str, str]:
    def version(name: str) -> str:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return "not installed"

    tmux_version = "not installed"
    if shutil.which("tmux"):
        tmux_version = subprocess.run(["tmux", "-V"], capture_output=True, text=True).stdout
    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    commit = subprocess.run(
        ["git", "-C", str(CHECKOUT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit or "unknown",
        "cores": str(os.cpu_count()),
        "cpu": cpu,
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "python": platform.python_version(),
        "textual": version("textual"),
        "pysbd": version("pysbd"),
        "tmux": tmux_version.strip(),
        "os": f"{platform.system()} {platform.release()}",
    }


def compile_package() -> None:
    """Write the package's bytecode first, as `pip install .` does for a user. Without it, a
    machine with PYTHONDONTWRITEBYTECODE set (this one) compiles every module from source on
    every `reader` start, which a user's install never does."""
    import compileall

    import reader

    compileall.compile_dir(str(Path(reader.__file__).parent), quiet=1)
