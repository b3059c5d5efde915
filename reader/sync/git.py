"""Running git: an argument list, never a shell string; a timeout; no prompt, ever.

Every call goes through `Git.run`, which raises `GitError` with git's own last line of
complaint (made safe for the terminal) when git fails, is missing or runs too long.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from reader.document.decode import one_line
from reader.errors import ReaderError

LOCAL_TIMEOUT = 60.0  # status, add, commit, merge
NETWORK_TIMEOUT = 120.0  # fetch, push, ls-remote


class SyncError(ReaderError):
    """A sync that cannot go on: one line for the user, exit status 2."""


class GitError(SyncError):
    """git failed: `detail` is its last line of complaint."""

    def __init__(self, message: str, detail: str = "", returncode: int | None = None) -> None:
        super().__init__(message)
        self.detail = detail
        self.returncode = returncode


def git_env() -> dict[str, str]:
    """The environment git runs in: never asks for a password or a passphrase (a sync in
    the app or a script would hang on it) and speaks English (its messages are parsed)."""
    env = dict(os.environ)
    env["GIT_TERMINAL_PROMPT"] = "0"
    env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
    env["GIT_MERGE_AUTOEDIT"] = "no"
    env["LC_ALL"] = "C"
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    return env


def last_line(text: str) -> str:
    """The most telling line of git's stderr: the last `fatal:`/`error:` one, else the last."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in reversed(lines):
        if line.startswith(("fatal:", "error:")):
            return one_line(line)
    return one_line(lines[-1]) if lines else ""


def have_git() -> bool:
    return shutil.which("git") is not None


@dataclass
class Git:
    """git in the work tree `cwd`."""

    cwd: Path

    def run(
        self,
        *args: str,
        timeout: float = LOCAL_TIMEOUT,
        check: bool = True,
        input: bytes | None = None,
    ) -> subprocess.CompletedProcess[bytes]:
        try:
            done = subprocess.run(
                ["git", *args],
                cwd=self.cwd,
                env=git_env(),
                input=input,
                stdin=None if input is not None else subprocess.DEVNULL,
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except FileNotFoundError:
            raise SyncError("git is not installed (the git command was not found)") from None
        except subprocess.TimeoutExpired:
            raise GitError(f"git {args[0]} took more than {timeout:.0f} seconds") from None
        except OSError as error:
            raise SyncError(f"git could not be run ({error.strerror})") from None
        if check and done.returncode != 0:
            detail = last_line(done.stderr.decode("utf-8", "replace"))
            message = f"git {args[0]} failed" + (f": {detail}" if detail else "")
            raise GitError(message, detail, done.returncode)
        return done

    def text(self, *args: str, timeout: float = LOCAL_TIMEOUT) -> str:
        """git's stdout as text, stripped."""
        return self.run(*args, timeout=timeout).stdout.decode("utf-8", "replace").strip()

    def ok(self, *args: str) -> bool:
        """Whether git succeeds (for questions: does this ref exist?)."""
        return self.run(*args, check=False).returncode == 0

    def lines_z(self, *args: str) -> list[str]:
        """git's NUL-separated stdout (`-z`), as file names."""
        out = self.run(*args).stdout
        return [os.fsdecode(item) for item in out.split(b"\0") if item]


def top_level(folder: Path) -> Path | None:
    """The work tree `folder` is in, or None when it is not in one."""
    if not folder.is_dir():
        return None
    done = Git(folder).run("rev-parse", "--show-toplevel", check=False)
    if done.returncode != 0:
        return None
    return Path(os.fsdecode(done.stdout.strip()))
