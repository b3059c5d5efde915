"""`reader search QUERY [--library FOLDER]`: the library's articles that hold every word.

Prints one match a line: the article's file (relative to the library), its title, and the
words around the match. Exit 0 with matches, 1 with none (said on stderr), 2 when the
search cannot run (a missing folder, no FTS5, an index that cannot be written).
"""

from __future__ import annotations

import sys
from pathlib import Path

from reader.document.decode import one_line
from reader.errors import ReaderError, no_such_path, not_a_folder
from reader.library import has_articles, no_articles_message


def library_folder(library: str | None) -> Path:
    if library:
        return Path(library)
    from reader.sample_library import ensure_sample_library

    return ensure_sample_library()


def search_command(query: str, library: str | None, limit: int = 50) -> int:
    from reader.library_search import TextIndex, match_expression

    folder = library_folder(library)
    if not folder.is_dir():
        raise ReaderError(not_a_folder(folder) if folder.exists() else no_such_path(folder))
    if not has_articles(folder):
        raise ReaderError(no_articles_message(folder))
    if not match_expression(query):
        raise ReaderError(f"nothing to search for (no word in the query): {one_line(query)}")
    index = TextIndex.open()
    try:
        if index.problem:
            print(f"reader: {index.problem}", file=sys.stderr)
        told = False

        def progress(done: int, todo: int) -> None:
            nonlocal told
            if not told:
                print(f"reader: indexing {todo} articles…", file=sys.stderr, flush=True)
                told = True

        index.update(folder, progress)
        hits = index.search(query, folder, limit)
    finally:
        index.close()
    if not hits:
        print(f"reader: no match for {one_line(query)} in {one_line(str(folder))}", file=sys.stderr)
        return 1
    root = folder.resolve()
    for hit in hits:
        try:
            name = hit.path.relative_to(root).as_posix()
        except ValueError:
            name = str(hit.path)
        print(f"{one_line(name)}: {hit.title}: {hit.snippet_text}")
    return 0
