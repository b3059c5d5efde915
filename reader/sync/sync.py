"""`reader sync`: commit what changed in the library, fetch, merge, push.

1. conflict copies (Syncthing, Dropbox…) are merged into their sidecars;
2. the synced files that changed (reader/sync/paths.py) are committed, with a message that
   counts them (reader/sync/message.py);
3. the remote's branch is fetched and merged: sidecars changed on both sides go through
   `reader merge-sidecar` (reader/sync/driver.py), a sidecar deleted on one side and
   changed on the other is kept; any other file that conflicts stops the sync, left as git
   leaves it and named;
4. the result is pushed; a push that loses a race (another machine pushed meanwhile) is
   tried once more after fetching and merging again.

Every failure raises `SyncError`: one line, naming the folder, the remote or the files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reader.annotations.sidecar import SidecarProblem, parse
from reader.errors import no_such_path, not_a_folder
from reader.sync.conflict_copies import merge_conflict_copies
from reader.sync.git import NETWORK_TIMEOUT, Git, GitError, SyncError, last_line, top_level
from reader.sync.message import Counts, count_files, count_sidecar, describe
from reader.sync.paths import is_sidecar, is_synced
from reader.sync.repository import init_repository, prepare

Progress = Callable[[str], None] | None
IDENTITY_HINT = "git does not know who you are: set git config --global user.name and user.email"


@dataclass
class SyncResult:
    committed: str | None = None  # the commit message, when something was committed
    sent: int = 0  # commits pushed
    received: int = 0  # commits merged in from the remote
    merged: int = 0  # sidecars changed on both sides, merged by the driver
    copies: int = 0  # conflict copies merged and removed
    problems: list[str] = field(default_factory=list)  # conflict copies left alone

    def summary(self) -> str:
        line = f"sent {self.sent}, received {self.received}, merged {self.merged} sidecars"
        if self.copies:
            line += f", {self.copies} conflict cop{'y' if self.copies == 1 else 'ies'}"
        return line


class Library:
    """A library in a git work tree: what `reader sync` does to it, step by step."""

    def __init__(self, library: Path, top: Path) -> None:
        self.library = library
        self.top = top
        self.git = Git(top)
        inside = library.relative_to(top).as_posix()
        self.prefix = "" if inside == "." else inside + "/"

    # -- where -------------------------------------------------------------------------------
    def branch(self) -> str:
        done = self.git.run("symbolic-ref", "--quiet", "--short", "HEAD", check=False)
        if done.returncode != 0:
            raise SyncError(f"{self.top}: no branch is checked out (git checkout a branch)")
        return done.stdout.decode("utf-8", "replace").strip()

    def remote(self, branch: str) -> tuple[str, str]:
        """(remote, branch on it) this branch syncs with."""
        remotes = self.git.text("remote").split()
        configured = self._config(f"branch.{branch}.remote")
        if configured in remotes:
            merge = self._config(f"branch.{branch}.merge") or ""
            return configured, merge.removeprefix("refs/heads/") or branch
        if "origin" in remotes or len(remotes) == 1:
            return ("origin" if "origin" in remotes else remotes[0]), branch
        if not remotes:
            raise SyncError(
                f"{self.top} has no remote: add one (git remote add origin URL, "
                "or reader sync --init URL)"
            )
        raise SyncError(f"{self.top} has several remotes and none is set for {branch}")

    def _config(self, key: str) -> str | None:
        done = self.git.run("config", "--get", key, check=False)
        return done.stdout.decode("utf-8", "replace").strip() if done.returncode == 0 else None

    def has(self, ref: str) -> bool:
        return self.git.ok("rev-parse", "--quiet", "--verify", f"{ref}^{{commit}}")

    def count(self, spec: str) -> int:
        return int(self.git.text("rev-list", "--count", spec) or 0)

    def relative(self, path: str) -> str | None:
        """A repository path as the library sees it (None: outside the library)."""
        return path[len(self.prefix) :] if path.startswith(self.prefix) else None

    # -- committing --------------------------------------------------------------------------
    def changed(self) -> list[str]:
        """The synced files of the library that differ from HEAD (repository paths)."""
        items = self.git.lines_z(
            "status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames",
            "--", self.prefix or ".",
        )  # fmt: skip
        paths = [item[3:] for item in items if len(item) > 3]
        return [p for p in paths if (rel := self.relative(p)) is not None and is_synced(rel)]

    def commit(self) -> str | None:
        """Commit the synced files that changed; the message, or None when none did."""
        paths = self.changed()
        if not paths:
            return None
        names = b"".join(p.encode("utf-8", "surrogateescape") + b"\0" for p in paths)
        self.git.run(
            "--literal-pathspecs", "add", "-A", "--pathspec-from-file=-", "--pathspec-file-nul",
            input=names,
        )  # fmt: skip
        staged = self.git.lines_z("diff", "--cached", "--name-status", "-z", "--no-renames")
        changes = list(zip(staged[::2], staged[1::2], strict=False))
        if not changes:
            return None
        message = describe(self.counts(changes))
        try:
            self.git.run("commit", "--quiet", "-m", message)
        except GitError as error:
            if "identity" in error.detail or "auto-detect" in error.detail:
                raise SyncError(IDENTITY_HINT) from None
            raise
        return message

    def counts(self, changes: list[tuple[str, str]]) -> Counts:
        counts = Counts()
        born = self.has("HEAD")
        for status, path in changes:
            if is_sidecar(path):
                before = self.version("HEAD", path) if born and status != "A" else {}
                after = {} if status == "D" else self.version(None, path)
                count_sidecar(before, after, counts)
        count_files(((s, self.relative(p) or p) for s, p in changes), counts)
        return counts

    def version(self, commit: str | None, path: str) -> dict:
        """A sidecar as committed in `commit` (None: as in the work tree); {} if unreadable."""
        try:
            if commit is None:
                raw = (self.top / path).read_bytes()
            else:
                raw = self.git.run("show", f"{commit}:{path}").stdout
            data = parse(raw, path)
        except (OSError, SidecarProblem, GitError):
            return {}
        return data if isinstance(data, dict) else {}

    # -- merging -----------------------------------------------------------------------------
    def unmerged(self) -> dict[str, set[int]]:
        """{path: the stages git holds of it} for every file git could not merge."""
        stages: dict[str, set[int]] = {}
        for item in self.git.lines_z("ls-files", "-u", "-z"):
            info, _, path = item.partition("\t")
            stages.setdefault(path, set()).add(int(info.split()[2]))
        return stages

    def settle_sidecars(self) -> None:
        """A sidecar deleted on one side and changed on the other is kept (as changed)."""
        for path, stages in self.unmerged().items():
            if is_sidecar(path) and not {2, 3} <= stages:
                if (self.top / path).exists():
                    self.git.run("--literal-pathspecs", "add", "--", path)
                else:
                    self.git.run("--literal-pathspecs", "rm", "--quiet", "--cached", "--", path)

    def finish_merge(self) -> None:
        """Conclude a merge git left unfinished, or say which files still conflict."""
        if not self.has("MERGE_HEAD"):
            return
        self.settle_sidecars()
        left = sorted(self.unmerged())
        if left:
            shown = ", ".join(left[:5]) + (f" and {len(left) - 5} more" if len(left) > 5 else "")
            raise SyncError(
                f"merge conflict in {shown}: left as git leaves it in {self.top} "
                "(git status); resolve it, commit, then run reader sync again"
            )
        self.git.run("commit", "--quiet", "--no-edit")

    def both_changed(self, theirs: str) -> int:
        """How many sidecars both sides changed since they parted (the driver merges them)."""
        base = self.git.run("merge-base", "HEAD", theirs, check=False).stdout.decode().strip()
        ours_changed = self._sidecars_changed(base, "HEAD")
        return len(ours_changed & self._sidecars_changed(base, theirs))

    def _sidecars_changed(self, base: str, tip: str) -> set[str]:
        if base:
            paths = self.git.lines_z("diff", "--name-only", "-z", "--no-renames", base, tip)
        else:
            paths = self.git.lines_z("ls-tree", "-r", "-z", "--name-only", tip)
        return {p for p in paths if is_sidecar(p)}

    def merge(self, remote: str, branch: str) -> tuple[int, int]:
        """Merge the fetched remote branch; (commits received, sidecars merged)."""
        theirs = f"refs/remotes/{remote}/{branch}"
        if not self.has(theirs):
            return 0, 0
        born = self.has("HEAD")
        received = self.count(f"HEAD..{theirs}" if born else theirs)
        if not received:
            return 0, 0
        merged = self.both_changed(theirs) if born else 0
        done = self.git.run(
            "merge", "--quiet", "--no-edit", "--allow-unrelated-histories",
            "-m", f"margin-reader: merge from {remote}", theirs, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            if not self.has("MERGE_HEAD"):
                detail = done.stderr.decode("utf-8", "replace")
                raise GitError(f"git merge failed in {self.top}: {last_line(detail)}")
            self.finish_merge()
        return received, merged

    # -- the network -------------------------------------------------------------------------
    def fetch(self, remote: str, branch: str) -> None:
        refspec = f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}"
        done = self.git.run(
            "fetch", "--quiet", "--no-tags", remote, refspec, timeout=NETWORK_TIMEOUT, check=False
        )
        if done.returncode == 0:
            return
        detail = last_line(done.stderr.decode("utf-8", "replace"))
        if "couldn't find remote ref" in detail:  # an empty remote: nothing to receive
            self.git.run("update-ref", "-d", f"refs/remotes/{remote}/{branch}", check=False)
            return
        raise SyncError(f"cannot reach the remote {remote} ({self._url(remote)}): {detail}")

    def _url(self, remote: str) -> str:
        return self._config(f"remote.{remote}.url") or remote

    def push(self, remote: str, branch: str) -> int:
        """Push HEAD; the number of commits sent (GitError when the push fails)."""
        if not self.has("HEAD"):
            return 0
        theirs = f"refs/remotes/{remote}/{branch}"
        sent = self.count(f"{theirs}..HEAD" if self.has(theirs) else "HEAD")
        if sent:
            self.git.run(
                "push", "--quiet", "-u", remote, f"HEAD:refs/heads/{branch}",
                timeout=NETWORK_TIMEOUT,
            )  # fmt: skip
        return sent

    def align_unborn(self, remote: str) -> None:
        """Before the first commit: take the remote's branch name (a clone's would be it)."""
        if self.has("HEAD"):
            return
        done = self.git.run(
            "ls-remote", "--symref", remote, "HEAD", timeout=NETWORK_TIMEOUT, check=False
        )
        for line in done.stdout.decode("utf-8", "replace").splitlines():
            if line.startswith("ref: refs/heads/") and line.endswith("\tHEAD"):
                name = line[len("ref: refs/heads/") : -len("\tHEAD")]
                self.git.run("symbolic-ref", "HEAD", f"refs/heads/{name}")
                return


def open_library(library: Path, init_remote: str | None = None) -> Library:
    given, library = Path(library), Path(library).resolve()
    if library.exists() and not library.is_dir():
        raise SyncError(not_a_folder(given))
    if init_remote is not None:
        top = init_repository(library, init_remote)
    else:
        if not library.is_dir():
            raise SyncError(not_a_folder(given) if library.exists() else no_such_path(given))
        top = top_level(library)
        if top is None:
            raise SyncError(
                f"{library} is not a git repository (reader sync --init REMOTE makes it one)"
            )
        prepare(top)
    return Library(library, top.resolve())


def sync_library(
    library: Path, progress: Progress = None, *, init_remote: str | None = None
) -> SyncResult:
    """Sync `library` with its remote (see the module docstring)."""
    say = progress or (lambda _stage: None)
    repo = open_library(library, init_remote)
    repo.finish_merge()
    branch = repo.branch()
    remote, remote_branch = repo.remote(branch)
    result = SyncResult()
    copies = merge_conflict_copies(repo.library)
    result.copies, result.problems = len(copies.merged), copies.problems
    say("committing")
    repo.align_unborn(remote)
    result.committed = repo.commit()
    for attempt in (1, 2):
        say("fetching")
        repo.fetch(remote, remote_branch)
        received, merged = repo.merge(remote, remote_branch)
        result.received += received
        result.merged += merged
        say("sending")
        try:
            result.sent = repo.push(remote, remote_branch)
            break
        except GitError as error:
            if attempt == 2:
                raise SyncError(
                    f"cannot send to {remote} ({repo._url(remote)}): {error.detail or error}"
                ) from None
    return result
