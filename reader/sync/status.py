"""The sync state the app shows in its title bar: "clean" or "N unsent" (files whose
change is not on the remote yet: changed here, or committed and not pushed)."""

from __future__ import annotations

from pathlib import Path

from reader.sync.git import GitError, SyncError, top_level
from reader.sync.paths import ATTRIBUTES_LINE
from reader.sync.sync import Library


def unsent(library: Path) -> int | None:
    """How many synced files of `library` have changes the remote lacks; None when the
    library is not in a git repository."""
    library = Path(library).resolve()
    top = top_level(library)
    if top is None or not (top.resolve() == library or synced_here(top)):
        return None  # a folder inside some other repository (a checkout's seeds/, say)
    repo = Library(library, top.resolve())
    files = set(repo.changed())
    try:
        branch = repo.branch()
        remote, remote_branch = repo.remote(branch)
    except SyncError:
        remote = remote_branch = ""
    if repo.has("HEAD"):
        theirs = f"refs/remotes/{remote}/{remote_branch}"
        if remote and repo.has(theirs):
            sent_since = repo.git.lines_z("diff", "--name-only", "-z", f"{theirs}...HEAD")
        else:
            sent_since = repo.git.lines_z("ls-tree", "-r", "-z", "--name-only", "HEAD")
        files.update(p for p in sent_since if repo.relative(p) is not None)
    return len(files)


def synced_here(top: Path) -> bool:
    """Whether the repository at `top` was set up for syncing (its driver attribute)."""
    try:
        text = (top / ".gitattributes").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return ATTRIBUTES_LINE in text


def sync_state(library: Path) -> str | None:
    """ "sync: clean", "sync: N unsent", or None (not a repository, or git failing)."""
    try:
        count = unsent(library)
    except (GitError, SyncError):
        return None
    if count is None:
        return None
    return "sync: clean" if count == 0 else f"sync: {count} unsent"
