"""The articles under a library folder, listed: which files are articles (`is_article_name`),
and the walk every reader of a whole library starts from (`walk_folders`): the library scan
(reader/library.py), the folder exports and the library's claims (reader/library_sidecars.py).

The listing alone says which articles have a sidecar; nothing else of them is read. A
conflict copy a sync tool left beside a sidecar is merged into it on the way
(reader/sync/conflict_copies.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

from reader.annotations.sidecar_names import LOCK_SUFFIX, SIDECAR_SUFFIX, sidecar_name_for
from reader.document.decode import one_line
from reader.sync.conflict_copies import merge_copy_quietly, sidecar_of_copy

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")  # pages: reader.document.html

# Files next to articles that are ours, never articles.
_NOT_ARTICLE_ENDINGS = (SIDECAR_SUFFIX, LOCK_SUFFIX, ".notes.md", ".dossier.md")
# A folder's own description (README.md, SOURCES.md, LICENSE.txt, …), named in capitals as
# projects name them: not listed as an article unless it has been annotated. Opened by name
# (`reader README.md`) it is read like any article.
PROJECT_FILE_STEMS = frozenset(
    {
        "AUTHORS", "CHANGELOG", "CHANGES", "CODE_OF_CONDUCT", "CONTRIBUTING", "COPYING",
        "HISTORY", "LICENCE", "LICENSE", "NEWS", "NOTICE", "README", "SECURITY", "SOURCES",
        "TODO",
    }
)  # fmt: skip
# Folders that hold software, not reading: never walked into below a library's root. A
# virtualenv is known by its pyvenv.cfg whatever its name.
SOFTWARE_FOLDERS = frozenset({"node_modules", "site-packages", "dist-packages", "__pycache__"})
VIRTUALENV_MARK = "pyvenv.cfg"


def is_project_file(name: str) -> bool:
    """True for a folder's description rather than an article: README.md, SOURCES.md,
    LICENSE.txt and the like (`PROJECT_FILE_STEMS`, in capitals)."""
    stem = name.split(".", 1)[0]
    return stem in PROJECT_FILE_STEMS


def is_article_name(name: str) -> bool:
    """True for .txt/.md/.markdown files that are not our own sidecars, locks or exports."""
    lower = name.lower()
    if name.startswith("."):
        return False
    if not lower.endswith(ARTICLE_SUFFIXES):
        return False
    if lower.endswith(_NOT_ARTICLE_ENDINGS) or ".corrupt-" in lower:
        return False
    return True


def walk_folders(root: Path) -> Iterator[tuple[str, list[os.DirEntry[str]], set[str]]]:
    """Per folder under `root` (subfolders included; hidden ones, symlinked ones and those
    holding software not: `SOFTWARE_FOLDERS`, virtualenvs): its path relative to `root`
    ("" or ending in "/"), its article files in name order, and the names of the sidecars
    in it."""
    stack = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as it:
                listing = sorted(it, key=attrgetter("name"))
        except OSError:
            continue
        found = _Folder()
        for entry in listing:
            try:
                found.add(entry, prefix)
            except OSError:  # gone since it was listed: left out
                continue
        if found.virtualenv and prefix:
            continue
        for copy, sidecar in found.copies:  # Syncthing/Dropbox copies: into their sidecars
            if merge_copy_quietly(Path(copy), Path(folder, sidecar)):
                found.sidecars.add(sidecar)
        articles = [
            e
            for e in found.articles
            if not is_project_file(e.name) or sidecar_name_for(e.name) in found.sidecars
        ]
        yield prefix, articles, found.sidecars
        stack.extend(reversed(found.subfolders))


@dataclass
class _Folder:
    """What one folder of the library holds, sorted by kind."""

    subfolders: list[tuple[str, str]] = field(default_factory=list)  # (path, prefix)
    articles: list[os.DirEntry[str]] = field(default_factory=list)
    sidecars: set[str] = field(default_factory=set)
    copies: list[tuple[str, str]] = field(default_factory=list)  # (conflict copy, sidecar)
    virtualenv: bool = False  # it holds pyvenv.cfg

    def add(self, entry: os.DirEntry[str], prefix: str) -> None:
        if entry.is_dir(follow_symlinks=False):
            if not entry.name.startswith(".") and entry.name not in SOFTWARE_FOLDERS:
                self.subfolders.append((entry.path, f"{prefix}{entry.name}/"))
        elif entry.name == VIRTUALENV_MARK:
            self.virtualenv = True
        elif entry.name.endswith(SIDECAR_SUFFIX):
            self.sidecars.add(entry.name)
        elif (sidecar := sidecar_of_copy(entry.name)) is not None:
            self.copies.append((entry.path, sidecar))
        elif entry.is_file() and is_article_name(entry.name):
            self.articles.append(entry)


def iter_annotated_articles(root: Path) -> Iterator[tuple[str, Path, Path]]:
    """(name relative to `root`, path, sidecar path) of every article file under `root` with
    a sidecar beside it, in the order of `iter_article_files` (the folder's listing says
    which have one: nothing is looked up file by file)."""
    for prefix, articles, sidecars in walk_folders(root):
        for entry in articles:
            sidecar = sidecar_name_for(entry.name)
            if sidecar in sidecars:
                path = Path(entry.path)
                yield prefix + entry.name, path, path.with_name(sidecar)


def iter_article_files(root: Path) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """(name relative to `root`, directory entry) of every article file under `root`."""
    for prefix, articles, _ in walk_folders(root):
        for entry in articles:
            yield prefix + entry.name, entry


def iter_article_paths(root: Path) -> Iterator[Path]:
    """Article files under `root` (subfolders included, as `walk_folders` chooses them)."""
    for _, articles, _ in walk_folders(root):
        for entry in articles:
            yield Path(entry.path)


def no_articles_message(folder: Path) -> str:
    """The one wording, for every verb, of a folder that holds no article."""
    return f"no articles ({', '.join(ARTICLE_SUFFIXES)}) in folder: {one_line(str(folder))}"


def has_articles(root: Path) -> bool:
    """Cheap: stops at the first article found."""
    return next(iter_article_paths(root), None) is not None
