"""Which files of a library are synced, and the lines git needs to sync them.

Synced: articles, their sidecars, `feeds.toml`, stored revisions (`.revisions/`), and the
`.gitignore`/`.gitattributes` written here. Never synced: the reading state (it lives
outside the library), locks, temporary files, the feed cache (`.feeds-state.json`),
exported notes, files moved aside as corrupt, and conflict copies (merged, then removed).
"""

from __future__ import annotations

from pathlib import PurePosixPath

from reader.annotations.sidecar import SIDECAR_SUFFIX
from reader.export.formats import SUFFIXES as EXPORT_SUFFIXES
from reader.library import is_article_name
from reader.news.revisions import STORE as REVISIONS
from reader.news.subscriptions import FILE_NAME as FEEDS_FILE

DRIVER = "margin-reader"
ATTRIBUTES_LINE = f"*{SIDECAR_SUFFIX} merge={DRIVER}"

IGNORE_LINES = (
    "# margin-reader: never synced (locks, temporary files, caches, exports, conflict copies)",
    "*.lock",
    ".*.tmp-*",
    ".feeds-state.json",
    *(f"*{suffix}" for suffix in EXPORT_SUFFIXES.values()),
    "*.corrupt-*",
    "*.sync-conflict-*",
    "*conflicted copy*",
    "*_conflict-*",
)
ATTRIBUTE_LINES = (
    "# margin-reader: sidecars are merged by `reader merge-sidecar` (notes are never lost)",
    ATTRIBUTES_LINE,
)
OWN_FILES = (".gitignore", ".gitattributes")


def is_sidecar(path: str) -> bool:
    return path.endswith(SIDECAR_SUFFIX)


def is_synced(path: str) -> bool:
    """Whether the library file at `path` (relative, "/"-separated) is synced."""
    parts = PurePosixPath(path).parts
    if not parts:
        return False
    name = parts[-1]
    if len(parts) == 1 and name in (*OWN_FILES, FEEDS_FILE):
        return True
    if REVISIONS in parts[:-1]:
        folders = parts[: parts.index(REVISIONS)]
        return not any(p.startswith(".") for p in folders) and name.endswith(".md")
    if any(p.startswith(".") for p in parts):
        return False
    if is_sidecar(name):
        return not name.startswith(".") and ".corrupt-" not in name
    return is_article_name(name)


def with_lines(text: str, lines: tuple[str, ...]) -> str:
    """`text` (a .gitignore or .gitattributes) with each of `lines` it lacks added at the end."""
    have = {line.strip() for line in text.splitlines()}
    missing = [line for line in lines if line.strip() not in have]
    if not missing:
        return text
    if text and not text.endswith("\n"):
        text += "\n"
    return text + "\n".join(missing) + "\n"
