"""A library as a git repository: the driver registered, the ignore and attribute lines
written, `reader sync --init REMOTE`'s setting up."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from reader.atomic import write_atomic
from reader.errors import cannot, not_a_folder
from reader.sync.git import NETWORK_TIMEOUT, Git, SyncError, last_line, top_level
from reader.sync.paths import ATTRIBUTE_LINES, DRIVER, IGNORE_LINES, with_lines

DRIVER_NAME = "margin-reader: merge sidecars, keeping every note"


def driver_command() -> str:
    """The merge driver's command line, as git's shell runs it: this very interpreter
    (absolute, quoted) running `reader merge-sidecar` in isolated-path mode (-P: a folder of
    the library named `reader` can never stand in for the program)."""
    return f"{shlex.quote(sys.executable)} -P -m reader merge-sidecar %O %A %B %P"


def register_driver(git: Git) -> bool:
    """Set `merge.margin-reader.*` in the repository's config when missing or stale;
    whether it changed."""
    key = f"merge.{DRIVER}.driver"
    command = driver_command()
    current = git.run("config", "--local", "--get", key, check=False)
    if current.returncode == 0 and current.stdout.decode("utf-8", "replace").strip() == command:
        return False
    git.run("config", "--local", key, command)
    git.run("config", "--local", f"merge.{DRIVER}.name", DRIVER_NAME)
    return True


def write_lines(path: Path, lines: tuple[str, ...]) -> bool:
    """Add the `lines` missing from the file at `path` (creating it); whether it changed."""
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as error:
        raise SyncError(cannot("read", path, error)) from None
    new = with_lines(text, lines)
    if new == text:
        return False
    try:
        write_atomic(path, new.encode("utf-8"))
    except OSError as error:
        raise SyncError(cannot("write", path, error)) from None
    return True


def prepare(top: Path) -> None:
    """What every sync makes sure of: the driver registered, its attribute and the ignore
    lines in place (a plain `git pull` merges sidecars with the driver then)."""
    git = Git(top)
    register_driver(git)
    write_lines(top / ".gitattributes", ATTRIBUTE_LINES)
    write_lines(top / ".gitignore", IGNORE_LINES)


def init_repository(library: Path, remote: str) -> Path:
    """Make `library` a repository whose `origin` is `remote` (when it is not one yet) and
    prepare it; its top level. A library folder that does not exist yet (a machine joining)
    is made. A remote that cannot be reached sets nothing up: a mistyped one leaves no
    repository behind that a second `--init` would refuse."""
    if remote.startswith("-"):
        raise SyncError(f"not a git remote: {remote}")
    if library.exists() and not library.is_dir():
        raise SyncError(not_a_folder(library))
    top = top_level(library)
    if top is None:
        made = not library.exists()
        try:
            library.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise SyncError(cannot("create", library, error)) from None
        check_reachable(library, remote, remove=made)
        Git(library).run("init", "--quiet")
        top = top_level(library) or library
    git = Git(top)
    remotes = git.text("remote").split()
    if "origin" in remotes:
        url = git.text("remote", "get-url", "origin")
        if url != remote:
            raise SyncError(
                f"{top} already syncs with origin {url}, not {remote} "
                f"(git -C {shlex.quote(str(top))} remote set-url origin URL changes it)"
            )
    else:
        git.run("remote", "add", "origin", remote)
    prepare(top)
    return top


def check_reachable(folder: Path, remote: str, remove: bool = False) -> None:
    """Raise SyncError naming `remote` when git cannot reach it from `folder` (an empty
    remote is fine); `remove` the (empty) folder first."""
    done = Git(folder).run("ls-remote", "--quiet", remote, timeout=NETWORK_TIMEOUT, check=False)
    if done.returncode == 0:
        return
    if remove:
        folder.rmdir()
    detail = last_line(done.stderr.decode("utf-8", "replace"))
    raise SyncError(f"cannot reach {remote}: {detail or 'git ls-remote failed'}")
