"""The same claim elsewhere, in the notes pane: for the highlight under the cursor, the
sentences of other articles of the library that say nearly the same (reader/claims/same_claim.py),
looked up in a worker so the pane never waits; `AnnotatingScreen` mixes this in (through
`ClaimKeys`).

The library's text index (reader/library_search.py) is brought up to date in that worker
before the first lookup after an article opens (built from nothing the first time: the pane
says so meanwhile). Each answer is kept for the session, by article and quote.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.worker import get_current_worker

from reader.document.decode import one_line

if TYPE_CHECKING:
    from reader.claims.same_claim import Echo
    from reader.library_search import Parsed, TextIndex
    from reader.widgets.notes_pane import Elsewhere

SHOWN = 3  # sentences the pane shows (f lists them all)
KEPT = 500  # answers kept for the session
LOOKING = ""  # what is found while the lookup runs (the pane shows nothing yet)
CLIP = 240  # characters of a sentence shown
# A line break in a sentence, with the spaces and tabs around it: hard-wrapped prose.
_LINE_BREAK = re.compile(r"[ \t]*(?:\n[ \t]*)+")


class SameClaim:
    """What was found, by (article, quote): the echoes, or what the lookup is doing."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, str], list[Echo] | str] = {}
        self.index: TextIndex | None = None
        self.indexed_for: str | None = None  # the article the index was last updated for
        self.lock = threading.Lock()  # one thread at a time on the index's connection


class SameClaimLookup:
    """The lookup and what the notes pane shows of it (for an `AnnotatingScreen`)."""

    def _same_claim(self: Any) -> SameClaim:
        state = getattr(self, "_same_claim_state", None)
        if state is None:
            state = self._same_claim_state = SameClaim()
        return state

    def elsewhere_of(self: Any, ann: Any) -> Elsewhere | None:
        """What the notes pane says of the same claim elsewhere for `ann` (starting the lookup
        when it was not done yet)."""
        store = self.annotations.store
        if store is None or ann.orphaned:
            return None
        from reader.claims.same_claim import significant_words

        if not significant_words(ann.exact):
            return None
        key = (str(store.document.path), ann.exact)
        found = self._same_claim().found.get(key)
        if found is None:
            self._same_claim().found[key] = LOOKING
            self._look_up(key, self._parsed_article())
            return None
        if isinstance(found, str):
            return (found, ()) if found else None
        if not found:
            return None
        n = len(found)
        f_does = "f goes there" if n + len(ann.evidence) == 1 else "f lists them"
        heading = f"Same claim in {n} other article{'s' if n > 1 else ''} ({f_does}):"
        rows = tuple(
            (
                _label(echo, self._library_root()),
                clipped(wording_on_one_line(echo, ann.exact), CLIP),
            )
            for echo in found[:SHOWN]
        )
        return (heading, rows)

    def echoes_of(self: Any, ann: Any) -> list[Echo]:
        """The sentences found elsewhere for `ann` so far ([] while looking)."""
        store = self.annotations.store
        if store is None:
            return []
        found = self._same_claim().found.get((str(store.document.path), ann.exact))
        return found if isinstance(found, list) else []

    def _parsed_article(self: Any) -> Parsed | None:
        """The open article as read (the whole of it), for the index not to read it again."""
        from reader.library_search import Parsed

        app, store = self.app, self.annotations.store
        stat = getattr(app, "_article_stat", None)
        if store is None or stat is None or app.partial or app.document is not store.document:
            return None
        return Parsed(store.document, size=stat[0], mtime_ns=stat[1])

    @work(thread=True, group="same-claim", description="same claim elsewhere")
    def _look_up(self: Any, key: tuple[str, str], parsed: Parsed | None = None) -> None:
        from reader.claims.same_claim import same_claim_elsewhere
        from reader.library_search import SearchUnavailable, TextIndex

        state = self._same_claim()
        worker = get_current_worker()
        article, quote = key
        root = self._library_root()

        def progress(done: int, todo: int) -> None:
            state.found[key] = (
                f"Same claim elsewhere: indexing the library ({done:,}/{todo:,} articles)…"
            )
            if not worker.is_cancelled:
                self.app.call_from_thread(self.show_cursor_annotation, False)

        try:
            with state.lock:
                if state.index is None:
                    state.index = TextIndex.open()
                if state.indexed_for != article:
                    state.index.update(root, progress, parsed)
                    state.indexed_for = article
                found: list[Echo] | str = same_claim_elsewhere(
                    state.index, root, Path(article), quote
                )
        except SearchUnavailable as error:
            found = f"Same claim elsewhere: {one_line(str(error))}"
        if len(state.found) > KEPT:
            state.found.clear()
        state.found[key] = found
        if not worker.is_cancelled:  # else the screen is gone
            self.app.call_from_thread(self.show_cursor_annotation, False)

    def on_unmount(self: Any) -> None:
        """The screen goes: let go of the text index (unless a lookup still holds it: its
        connection then closes with the screen)."""
        state = self._same_claim()
        if state.index is not None and state.lock.acquire(blocking=False):
            try:
                state.index.close()
                state.index = None
            finally:
                state.lock.release()


def wording_on_one_line(echo: Echo, quote: str) -> list[tuple[str, bool]]:
    """`echo.wording(quote)` for one line of the screen: a sentence that runs over lines of its
    article reads as one line, each line break (and the spaces around it) a space; any other
    control character is shown as `one_line` shows it."""
    return [
        (one_line(_LINE_BREAK.sub(" ", text)), differs) for text, differs in echo.wording(quote)
    ]


def clipped(parts: list[tuple[str, bool]], limit: int) -> tuple[tuple[str, bool], ...]:
    """The first `limit` characters of `parts` (one line), "…" where it was cut."""
    out: list[tuple[str, bool]] = []
    left = limit
    for text, differs in parts:
        text = text.replace("\n", " ")
        if len(text) >= left:
            out.append((text[: max(0, left - 1)] + "…", differs))
            break
        out.append((text, differs))
        left -= len(text)
    return tuple(out)


def _label(echo: Echo, root: Path) -> str:
    try:
        name = echo.path.relative_to(root.resolve()).as_posix()
    except ValueError:
        name = echo.path.name
    return one_line(echo.title or name)
