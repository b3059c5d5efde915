"""Opening the article: the app's one way to show a file, and keeping it in step with disk.

`ArticleOpening` is the part of `ReaderApp` that loads an article and shows it: a small file
at once; a big one head first, the whole parsed in a worker and swapped in without moving
the text on screen; and a file rewritten on disk read again with the cursor kept. It holds
the open article's reading place (cursor, progress) and remembers it in the reading state.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.worker import get_current_worker

from reader.background_parse import parse_abandonably
from reader.document.decode import one_line
from reader.document.loader import is_html, is_markdown, load_document, load_document_head
from reader.errors import ReaderError
from reader.targets import check_article_file

if TYPE_CHECKING:
    from reader.annotations.store import AnnotationStore
    from reader.document.model import Document
    from reader.screens.annotation_session import AnnotationSession
    from reader.screens.reading import ReadingScreen
    from reader.state import ReadingState
    from reader.widgets.article_view import ArticleView
    from reader.widgets.library_pane import LibraryPane

BIG_FILE_BYTES = 1_000_000  # larger articles show their head first, then load in a worker
# Markdown parses about five times slower than plain text at worst (a paragraph of many
# lines, in markdown-it), so it loads like a big article from a fifth of the size.
BIG_MARKDOWN_BYTES = 200_000
HEAD_BYTES = 64 * 1024  # how much of a big article is parsed for the first screens


class ArticleOpening:
    """Mixed into `ReaderApp` (a Textual `App`): opening, big-file loading, watching."""

    # Set by the app: its reading state, the annotation session and the open article.
    state: ReadingState
    annotations: AnnotationSession
    document: Document | None
    article_path: Path | None
    cursor_offset: int
    progress: float
    partial: bool  # True while only the head of a big article is shown
    reading: ReadingScreen
    article_view: ArticleView
    library_pane: LibraryPane

    _article_stat: tuple[int, int, int] | None = None  # the open file's, when it was read
    _head_offset = 0
    _pending_big: Path | None = None  # a big article whose worker starts after paint
    _store_after_paint = True  # only for the article shown by the first frame

    def open_article(self, path: Path) -> None:
        """Show `path` in the article view (in a worker when it is big)."""
        path = Path(path)
        try:
            path = check_article_file(path)
            size = path.stat().st_size
        except (ReaderError, OSError) as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.save_everything()
        self._pending_big = None
        self.workers.cancel_group(self, "load")  # a big article still loading is not wanted
        markdown = is_markdown(path) and not is_html(path)  # a page is extracted whole
        if size > (BIG_MARKDOWN_BYTES if markdown else BIG_FILE_BYTES):
            head = self._load(path, head=True)
            if head is not None:
                self.show_document(head, complete=False)
            else:
                self.article_view.loading = True
            # The whole-file parse would share the GIL with the first frame: start it after.
            self._pending_big = path
            self.call_after_refresh(self._start_load_big, path)
            return
        document = self._load(path)
        if document is not None:
            self.show_document(document)

    def _load(self, path: Path, head: bool = False) -> Document | None:
        try:
            if head:
                return load_document_head(path, HEAD_BYTES)[0]
            return load_document(path)
        except ReaderError as error:
            self.notify(str(error), severity="error", markup=False)
        except (OSError, ValueError) as error:
            self.notify(f"cannot open ({error}): {path}", severity="error", markup=False)
        return None

    def _start_load_big(self, path: Path) -> None:
        if self._pending_big is path:  # not replaced by another article meanwhile
            self._pending_big = None
            self._load_big(path)

    @work(thread=True, exclusive=True, group="load")
    def _load_big(self, path: Path) -> None:
        from reader.annotations.store import AnnotationStore  # TinyDB: off the first frame

        worker = get_current_worker()
        try:
            document = parse_abandonably(path, worker)  # quitting does not wait for it
            if document is None:
                return
            store = AnnotationStore.open(document)  # re-anchoring off the UI thread too
        except (ReaderError, OSError, ValueError) as error:
            if not worker.is_cancelled:
                self.call_from_thread(self._load_failed, str(error))
            return
        if worker.is_cancelled:
            store.close()
        else:
            self.call_from_thread(self._swap_in, document, store)

    def _tell_messages(self, document: Document) -> None:
        """What parsing noted (front matter ignored, text flattened), one line each; an empty
        article says so in the view instead."""
        for message in document.messages:
            if not message.startswith("empty article"):
                self.notify(one_line(message), severity="warning", markup=False)

    def _load_failed(self, message: str) -> None:
        self.article_view.loading = False
        self.annotations.loading = False
        self.partial = False
        self.notify(message, severity="error", markup=False)

    def _swap_in(self, document: Document, store: AnnotationStore) -> None:
        """The whole of a big article, loaded in a worker, replaces the head shown so far.

        The cursor stays on its sentence and the text on screen stays where it is; only when
        the reader has not moved yet is a saved position (maybe beyond the head) restored.
        """
        view = self.article_view
        head = self.document
        same = (
            self.partial
            and head is not None
            and Path(head.path).resolve() == Path(document.path).resolve()
            and document.text.startswith(head.text)
            and bool(view.display)
        )
        self.partial = False
        if not same or (
            self.cursor_offset == self._head_offset
            and self.state.position(Path(document.path).resolve(), document.sha256) is not None
        ):
            self.show_document(document, store)
            return
        # The head's blocks are the whole's first blocks: the text on screen stays put.
        self.document = document
        self._tell_messages(document)
        view.loading = False
        view.load_longer(document, self.cursor_offset)
        self.progress = float(view.progress)
        self.sub_title = f"{self.progress:.0f}%"
        self.reading.open_annotations(document, store)
        self.remember_position()

    def show_document(
        self, document: Document, store: AnnotationStore | None = None, complete: bool = True
    ) -> None:
        """Show `document`; `complete=False`: only its head (the rest loads in a worker)."""
        path = Path(document.path).resolve()
        self.document = document
        self.article_path = path
        self._article_stat = _stat_of(path)
        self.partial = not complete
        view = self.article_view
        view.loading = False
        message = self.reading.message
        # A head is never hashed (its hash is not the article's): the position is restored
        # when the whole article is in.
        offset = (self.state.position(path, document.sha256) or 0) if complete else 0
        if document.is_empty:
            self.show_message(f"This article is empty: {document.path}")
            self.progress = 0.0
        else:
            self.reading.hide_message()
            view.load(document, offset)
            self.progress = float(view.progress)
        self.cursor_offset = offset
        self.title = one_line(document.title or path.name)
        self.sub_title = f"{self.progress:.0f}%"
        self.library_pane.set_current(path)  # before its store opens: the row counts its own
        if complete:
            self._tell_messages(document)
            if store is None and self._store_after_paint:
                # The first frame shows the text; TinyDB and the highlights come right after.
                self.annotations.close()
                self.call_after_refresh(self._open_store_after_paint, document)
            else:
                self.reading.open_annotations(document, store)
            self.remember_position()
        else:
            self._head_offset = offset
            self.sub_title = "loading the rest…"
            self.annotations.close()
            self.annotations.loading = True
        self.reading.show_library_until_open(False)
        if self.reading.focused in (None, view, message):
            self.reading.focus_article()

    def _open_store_after_paint(self, document: Document) -> None:
        if self.document is document and self.annotations.store is None:
            self.reading.open_annotations(document)

    def show_message(self, text: str) -> None:
        """Show `text` (plain, never markup) in place of the article view."""
        self.reading.show_message(one_line(text))

    def _watch_article(self) -> None:
        """An article rewritten on disk is read again, its highlights re-anchored to the new
        text, the cursor kept where it was; one moved or deleted is said once (its
        annotations stay in memory, unsaved: quitting offers to save them elsewhere)."""
        path, before = self.article_path, self._article_stat
        if path is None or before is None or self.partial:
            return
        now = _stat_of(path)
        if now == before:
            return
        self._article_stat = now
        name = one_line(path.name)
        if now is None:
            self.notify(
                f"{name} was moved or deleted: its annotations are kept here, not saved",
                severity="warning",
                markup=False,
            )
            return
        offset = self.article_view.cursor_range
        self.open_article(path)
        if offset is not None and self.article_path == path and not self.partial:
            self.article_view.move_cursor_to_offset(offset[0])
        self.notify(f"{name} changed on disk: read again, highlights re-anchored", markup=False)

    def remember_position(self) -> None:
        if self.document is None or self.article_path is None or self.partial:
            return
        self.state.remember(
            self.article_path, self.document.sha256, self.cursor_offset, self.progress
        )


def _stat_of(path: Path) -> tuple[int, int, int] | None:
    """What tells a rewritten file from the one read: size, modification time, inode."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)
