"""A small annotated library built the way the app saves it, with fixed ids and stamps, so
its folder export is the same bytes on every run (tests/export/golden/)."""

from __future__ import annotations

import itertools
from pathlib import Path

from reader.annotations import model, store
from reader.annotations.sidecar import sidecar_path_for
from reader.annotations.store import AnnotationStore
from reader.document.loader import load_document

HARBOUR = (
    "Council Backs The Harbour Plan\n\nMarch 3, 2024 — Bench Wire\n\n"
    "The council met on Monday. It voted 7-2 to approve the plan. Dr. Ames abstained.\n\n"
    "Critics said the plan was rushed. Engineers warned of delays.\n"
    "The line goes on here.\n\n"
    "The mayor said work starts in June. Residents will be consulted first.\n"
)
HIGHLIGHTS = (
    "Highlights\n\nThe title of this one is the name of a section heading. "
    "Its anchor must not clash with one. A second sentence follows here.\n"
)
TWIN = "Twin Titles\n\n{day}\n\nOne of two articles with the same title. It says {what}.\n"
BOOK = (
    "THE BENCH BOOK\n\nA story in chapters.\n\n"
    "CHAPTER I. The Harbour\n\n"
    "Call the harbour what you will. The tide came in early that year.\n\n"
    "The boats waited at the wall. Nobody spoke of the storm.\n\n"
    "CHAPTER II. The Storm\n\n"
    "The storm came at night. It took the pier and two sheds.\n\n"
    "In the morning the town counted what was left.\n"
)
MARKDOWN = (
    "# Notes From The Field\n\nIntro paragraph. It sets the scene.\n\n"
    "## First Part\n\nThe first part says the river rose. Then it fell.\n\n"
    "## Second Part\n\nThe second part says *the bridge* held.\n"
)
CHANGED = "Changed Story\n\nThe first sentence stays. The second sentence goes away soon.\n"

# (file, text, [(quote, category, note, tags)], article note)
ARTICLES = [
    (
        "harbour.txt",
        HARBOUR,
        [
            ("It voted 7-2", "claim", "note *one*", ["vote"]),
            ("Engineers warned of delays.", "evidence", "", []),
            ("Residents will be", "question", "ask who", ["follow up", "vote"]),
        ],
        "about *this*",
    ),
    ("highlights.txt", HIGHLIGHTS, [("Its anchor must not clash", "quote", "", [])], ""),
    (
        "twin-a.txt",
        TWIN.format(day="May 1, 2023", what="one thing"),
        [("It says", "claim", "", [])],
        "",
    ),
    (
        "sub/twin-b.txt",
        TWIN.format(day="May 2, 2023", what="another"),
        [("another", "disputed", "x", [])],
        "",
    ),
    (
        "book.txt",
        BOOK,
        [
            ("A story in chapters.", "quote", "", []),
            ("The tide came in early that year.", "claim", "", []),
            ("Nobody spoke of the storm.", "evidence", "", []),
            ("It took the pier and two sheds.", "claim", "pier", []),
        ],
        "",
    ),
    (
        "field.md",
        MARKDOWN,
        [
            ("It sets the scene.", "claim", "", []),
            ("the river rose", "evidence", "", []),
            ("held", "question", "", []),
        ],
        "",
    ),
    (
        "changed.txt",
        CHANGED,
        [("stays", "claim", "", []), ("goes away soon", "evidence", "", [])],
        "",
    ),
    ("note-only.txt", "Only A Note\n\nNothing highlighted here.\n", [], "just a note"),
    ("plain.txt", "Not Annotated\n\nNo sidecar at all.\n", None, ""),
]


def build_library(root: Path, monkeypatch) -> Path:
    """Write the library under `root` (a folder named `lib`); return that folder."""
    ids = (f"00000000-0000-4000-8000-{n:012d}" for n in itertools.count(1))
    stamps = (f"2026-01-{(n % 28) + 1:02d}T10:00:00Z" for n in itertools.count())
    with monkeypatch.context() as m:
        m.setattr(model, "new_id", lambda: next(ids))
        m.setattr(model, "utc_now", lambda: next(stamps))
        m.setattr(store, "utc_now", lambda: next(stamps))
        folder = root / "lib"
        for name, text, quotes, note in ARTICLES:
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            if quotes is None:
                continue
            document = load_document(path)
            st = AnnotationStore.open(document)
            try:
                for quote, category, ann_note, tags in quotes:
                    start = document.text.index(quote)
                    st.add(start, start + len(quote), category, ann_note, tags)
                if note:
                    st.set_article_note(note)
                st.flush()
            finally:
                st.close()
    changed = folder / "changed.txt"  # edited since: one highlight moves, one is orphaned
    changed.write_text("Changed Story\n\nA new first line. The first sentence stays.\n", "utf-8")
    bad = folder / "broken.txt"
    bad.write_text("Broken Sidecar\n\nIts sidecar is not JSON.\n", encoding="utf-8")
    sidecar_path_for(bad).write_text("{not json", encoding="utf-8")
    return folder
