"""The claims pane: every highlight of the open article in document order, orphans last.

The list is a Line-API `ScrollView` (one line per highlight) that paints only the rows on
screen, so ten thousand highlights cost a list assignment, not ten thousand widgets. Rows
are built from plain strings into `Segment`s: article text is never parsed as markup.

`/` opens a filter (reader/claims/claim_filter.py): `c:` or a category's name or start
(`evid:`) keeps that category, `status:ref` or `ref:` that status, `#econ` tags starting so;
any other words must all appear in the quote, the note, the rationale, the tags or the
category's name (case-insensitive, part of a word enough). Esc clears it, the cursor staying
on the highlight it was on.

A row whose quote the text attributes to someone ends, where the pane is wide enough, with
a dim `named` or `anon`; the pane asks `ClaimsList.kind_of` (the screen's, which keeps each
highlight's kind: never worked out on a paint).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from operator import attrgetter

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.style import Style as TextualStyle
from textual.widgets import Input, Static

from reader.annotations.categories import Parts, legend, lettered_counts, named_counts, width_of
from reader.annotations.model import CATEGORIES, Annotation
from reader.annotations.sidecar_file import annotating_off
from reader.annotations.verdicts import STATUS_MARKS
from reader.claims.claim_filter import filter_claims
from reader.widgets.claim_list_keys import CLAIM_LIST_BINDINGS
from reader.widgets.cursor_list import CursorList
from reader.widgets.typed_ahead import HandsOnTypedKeys

NOTE_MARK = "✎"
ATTENTION_MARK = "!"
TITLE_MARGIN = 2  # the border's corners
ORPHAN_HEADING = "Orphaned — text no longer found"
# The attribution kinds a row shows (a claim attributed to no one shows nothing), and the
# width of quote a row keeps before it shows one.
KIND_MARKS = {"named": " named", "anonymous": " anon"}
KIND_MIN_QUOTE = 24
# Short enough to show whole in the pane's 40 columns (the help screen and the README say
# the rest: verdicts, sources, names).
FILTER_PLACEHOLDER = "words, #tag, c: e: q: d: k:"


def _printable(text: str) -> str:
    """One line of plain text: whitespace runs become one space, controls become spaces."""
    text = " ".join(text.split())
    return text if text.isprintable() else "".join(c if c.isprintable() else " " for c in text)


def row_text(ann: Annotation, width: int) -> tuple[str, str, str]:
    """(marker, quote, tail) of one row fitting `width` cells: `C✎✗ quote…  #tag` (the
    category's letter, a note mark, the verdict's mark); a highlight whose stored record had
    fields of the wrong type is marked `!` (kept as found in the file until it is edited)."""
    attention = ATTENTION_MARK if ann.needs_attention else ""
    note = NOTE_MARK if ann.note.strip() else " "
    marker = f"{ann.letter}{note}{STATUS_MARKS.get(ann.status, '?')}{attention} "
    tail = "  " + " ".join(f"#{_printable(tag)}" for tag in ann.tags) if ann.tags else ""
    room = max(0, width - cell_len(marker))
    if cell_len(tail) > room // 2:
        tail = set_cell_size(tail, max(0, room // 2 - 1)) + "…" if room // 2 > 1 else ""
    room -= cell_len(tail)
    quote = _printable(ann.exact)
    if cell_len(quote) > room:
        quote = set_cell_size(quote, room - 1) + "…" if room > 1 else set_cell_size(quote, room)
    else:
        quote = set_cell_size(quote, room)
    return marker, quote, tail


class ClaimsList(HandsOnTypedKeys, CursorList):
    """One line per highlight (and a heading row before the orphans); Enter goes there, and
    the annotation keys change the highlight under the cursor (`claim_list_keys`)."""

    COMPONENT_CLASSES = {
        "claims-list--row",
        "claims-list--cursor",
        "claims-list--current",
        "claims-list--heading",
        "claims-list--orphan",
        "claims-list--tags",
        "claims-list--kind",
        *(f"claims-list--{cat}" for cat in CATEGORIES),
    }
    BINDINGS = CLAIM_LIST_BINDINGS  # moving, and the article's keys acting on the row

    class Selected(Message):
        def __init__(self, annotation: Annotation) -> None:
            super().__init__()
            self.annotation = annotation

    class RowShown(Message):
        """The highlight the keys act on may be another: the cursor moved while the list
        has the focus (`moved`: the article cursor follows), or the focus came or went (the
        notes pane follows)."""

        def __init__(self, moved: bool = False) -> None:
            super().__init__()
            self.moved = moved

    def watch_cursor(self) -> None:
        super().watch_cursor()
        if self.has_focus:
            self.post_message(self.RowShown(moved=True))

    def on_focus(self) -> None:
        self.post_message(self.RowShown())

    def on_blur(self) -> None:
        self.post_message(self.RowShown())

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Annotation | str] = []
        self.current_id: str | None = None
        self._styles: dict[tuple[str, ...], Style | TextualStyle] = {}
        # A highlight's attribution kind ("named", "anonymous", "none" or ""), kept by its
        # giver; None: rows show none
        self.kind_of: Callable[[Annotation], str] | None = None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        pane = self.parent
        if isinstance(pane, ClaimsPane) and pane.is_mounted:
            pane.call_after_refresh(pane.recolour)  # the title's colours follow a new theme

    def category_style(self, category: str) -> TextualStyle:
        """The colour (and weight) of a category's letter in the rows, for other text
        (cached with the row styles)."""
        style = self._styles.get(("title", category))
        if style is None:
            rich = self.get_component_rich_style(f"claims-list--{category}", partial=True)
            style = self._styles[("title", category)] = TextualStyle.from_rich_style(rich)
        return style

    def _style(self, *names: str) -> Style:
        """The widget's style plus these component classes (cached: rows paint often)."""
        style = self._styles.get(names)
        if style is None:
            style = self.rich_style
            for name in names:
                style += self.get_component_rich_style(name)
            self._styles[names] = style
        return style

    def set_rows(self, rows: list[Annotation | str]) -> None:
        """Show `rows`, repainting only the lines on screen whose row changed (rows are
        replaced, never changed in place: one highlight more below the screen repaints no
        line)."""
        old_rows, self.rows = self.rows, rows
        size = Size(self.size.width, len(rows))
        old = self.virtual_size
        height = self.size.height
        if old.width == size.width and (old.height > height) == (size.height > height):
            # One row more or less that does not show or hide the scrollbar: no layout of
            # the screen (a layout repaints every widget). Update the scrollbar.
            self.set_reactive(ClaimsList.virtual_size, size)
            self._scroll_update(size)
        else:
            self.virtual_size = size
        if self.cursor != self.validate_cursor(self.cursor):
            self.cursor = self.cursor  # clamp (and repaint)
            return
        top = int(self.scroll_offset.y)
        for y in range(height):
            i = top + y
            if (old_rows[i] if i < len(old_rows) else None) is not (
                rows[i] if i < len(rows) else None
            ):
                self.refresh_lines(i, height - y)
                return

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def cursor_annotation(self) -> Annotation | None:
        """The highlight under the cursor (None on the orphans' heading or an empty list)."""
        row = self.rows[self.cursor] if self.cursor < len(self.rows) else None
        return row if isinstance(row, Annotation) else None

    def index_of(self, annotation_id: str) -> int | None:
        for i, row in enumerate(self.rows):
            if isinstance(row, Annotation) and row.id == annotation_id:
                return i
        return None

    def set_current(self, annotation_id: str | None) -> None:
        """Mark the highlight under the article cursor, repainting the lines on screen of
        the one marked before and of this one."""
        old, self.current_id = self.current_id, annotation_id
        if annotation_id == old:
            return
        top, rows = int(self.scroll_offset.y), self.rows
        for y in range(min(self.size.height, len(rows) - top)):
            row = rows[top + y]
            if isinstance(row, Annotation) and row.id in (old, annotation_id):
                self.refresh_line(top + y)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_offset.y) + y
        if index >= len(self.rows):
            return Strip.blank(width, self._style())
        row = self.rows[index]
        cursor = ("claims-list--cursor",) if index == self.cursor else ()
        if isinstance(row, str):
            style = self._style("claims-list--heading", *cursor)
            return Strip([Segment(set_cell_size(" " + row, width), style)], width)
        names = ["claims-list--row"]
        if row.orphaned:
            names.append("claims-list--orphan")
        if row.id == self.current_id:
            names.append("claims-list--current")
        names.extend(cursor)
        style = self._style(*names)
        room = max(0, width - 1)
        kind = KIND_MARKS.get(self.kind_of(row), "") if self.kind_of is not None else ""
        if kind and room - len(kind) < KIND_MIN_QUOTE + 5:
            kind = ""  # too narrow: the quote first
        marker, quote, tail = row_text(row, room - len(kind))
        category = row.category if row.category in CATEGORIES else "claim"
        segments = [
            Segment(" ", style),
            Segment(marker[0], self._style(*names, f"claims-list--{category}")),
            Segment(marker[1:] + quote, style),
        ]
        if tail:
            segments.append(Segment(tail, self._style(*names, "claims-list--tags")))
        if kind:
            segments.append(Segment(kind, self._style(*names, "claims-list--kind")))
        return Strip(segments).adjust_cell_length(width, style)

    def _step(self, step: int) -> None:
        target = self.cursor + step
        while 0 <= target < len(self.rows) and isinstance(self.rows[target], str):
            target += 1 if step > 0 else -1
        if 0 <= target < len(self.rows):
            self.cursor = target

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_select(self) -> None:
        if self.rows and isinstance(self.rows[self.cursor], Annotation):
            self.post_message(self.Selected(self.rows[self.cursor]))

    def action_filter(self) -> None:
        self.query_ancestor(ClaimsPane).show_filter()

    def on_click(self, event: events.Click) -> None:
        index = self.row_at(event.y)
        if 0 <= index < len(self.rows):
            self.cursor = index
            self.action_select()


class ClaimsFilter(Input):
    BINDINGS = [
        Binding("escape", "cancel", "Clear filter"),
        Binding("tab", "to_matches", "To the matches", show=False),
    ]

    def action_cancel(self) -> None:
        self.query_ancestor(ClaimsPane).hide_filter()

    def action_to_matches(self) -> None:
        """Tab: to the list of the matches, the filter kept; with none, on to the next pane
        as Tab goes elsewhere."""
        if not self.query_ancestor(ClaimsPane).focus_matches():
            raise SkipAction()


class ClaimsPane(Vertical):
    """Highlights of the open article. Posts `ClaimsPane.GoTo` when one is chosen."""

    EMPTY = "No highlights yet — press h to highlight the sentence at the cursor"
    can_focus = False

    class GoTo(Message):
        def __init__(self, annotation: Annotation) -> None:
            super().__init__()
            self.annotation = annotation

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.annotations: list[Annotation] = []
        self.query_text = ""
        self.problem: str | None = None
        self.unsaved = False
        self._counts: Counter[str] = Counter()
        self._colours: tuple[TextualStyle, ...] = ()  # the category colours last drawn
        self.border_title = "Claims"

    def compose(self) -> ComposeResult:
        # The filter (an Input) is mounted on the first `/`: hidden until then, and styling
        # it would cost the first frame.
        yield Static(self.EMPTY, id="claims-status", classes="pane-empty", markup=False)
        yield ClaimsList(id="claims-list")

    @property
    def claims_list(self) -> ClaimsList:
        return self.query_one(ClaimsList)

    def focus(self, scroll_visible: bool = True) -> ClaimsPane:
        self.claims_list.focus(scroll_visible)
        return self

    # -- content -----------------------------------------------------------------------------

    def set_annotations(
        self, annotations: list[Annotation], problem: str | None = None, unsaved: bool = False
    ) -> None:
        """Show these annotations (anchored in document order, then orphans)."""
        self.annotations = annotations
        self.problem = problem
        self.unsaved = unsaved
        self._refresh_rows()

    def change(
        self,
        annotations: list[Annotation],
        old: Annotation | None,
        new: Annotation | None,
        problem: str | None = None,
        unsaved: bool = False,
    ) -> None:
        """`annotations` after one annotation changed from `old` to `new` (either None for an
        add or a delete): counts updated by one, no pass over the list in Python."""
        if old is not None:
            self._counts[old.category] -= 1
        if new is not None:
            self._counts[new.category] += 1
        self.annotations = annotations
        self.problem = problem
        self.unsaved = unsaved
        self._refresh_rows(count=False)

    def _set_title(self) -> None:
        """`Claim 3 · Evidence 1 · …` where the pane is wide enough, else `Claims  C3 E1 Q0
        D2 K1`, each count in its category's colour."""
        unsaved = "  (unsaved)" if self.unsaved else ""
        named = named_counts(dict(self._counts))
        if width_of(named) + cell_len(unsaved) <= self.size.width - TITLE_MARGIN:
            lead, tail, counts = "", unsaved, named
        else:
            lead, tail, counts = "Claims  ", unsaved, None
        counts = counts or lettered_counts(dict(self._counts))
        self.border_title = Content.assemble(lead, self.category_content(counts), tail)

    @property
    def title_text(self) -> str:
        """The title as plain text (`border_title` is markup, with the colours)."""
        return self._border_title.plain if self._border_title is not None else ""

    def category_content(self, parts: Parts) -> Content:
        """`parts` with each category's text in the colour its rows' letters have."""
        claims_list = self.query_one_optional(ClaimsList)
        if claims_list is None:
            return Content("".join(text for text, _ in parts))
        return Content.assemble(
            *((text, claims_list.category_style(cat)) if cat else text for text, cat in parts)
        )

    def on_resize(self, event: events.Resize) -> None:
        self._set_title()

    def recolour(self) -> None:
        """Draw the title and the empty pane's legend again in the theme's colours (when
        they changed: the list restyles on every focus and hover change too)."""
        colours = tuple(map(self.claims_list.category_style, CATEGORIES))
        if colours == self._colours:
            return
        self._colours = colours
        self._set_title()
        if not self.annotations and not self.problem:
            self.query_one("#claims-status", Static).update(self._empty())

    def _empty(self) -> Content:
        """The empty pane's words, with what the title's letters count."""
        rows = [
            Content.assemble(
                "\n  ", self.category_content([(letter, category)]), f"  {name:<10} key {key}"
            )
            for (key, letter, name), category in zip(legend(), CATEGORIES, strict=True)
        ]
        return Content.assemble(self.EMPTY, "\n\nThe title counts each category:", *rows)

    def _refresh_rows(self, count: bool = True) -> None:
        if count:
            self._counts = Counter(map(attrgetter("category"), self.annotations))
        self._set_title()
        shown = (
            filter_claims(self.annotations, self.query_text)
            if self.query_text
            else self.annotations
        )
        first_orphan = len(shown)
        while first_orphan and shown[first_orphan - 1].orphaned:
            first_orphan -= 1  # orphans come last
        rows: list[Annotation | str] = list(shown)
        if first_orphan < len(shown):
            rows.insert(first_orphan, ORPHAN_HEADING)
        self.claims_list.set_rows(rows)
        status = self.query_one("#claims-status", Static)
        if self.problem:
            status.update(annotating_off(self.problem))
            status.set_class(True, "pane-problem")
            status.display = True
        elif not self.annotations:
            status.update(self._empty())
            status.set_class(False, "pane-problem")
            status.display = True
        elif not shown:
            status.update("No highlight matches the filter")
            status.set_class(False, "pane-problem")
            status.display = True
        else:
            status.display = False

    def set_current(self, annotation_id: str | None) -> None:
        self.claims_list.set_current(annotation_id)

    # -- filter ------------------------------------------------------------------------------

    def show_filter(self) -> None:
        field = self.query_one_optional(ClaimsFilter)
        if field is None:
            field = ClaimsFilter(
                placeholder=FILTER_PLACEHOLDER,
                id="claims-filter",
            )
            self.mount(field, before=0)
        field.display = True
        self.screen.set_focus(field)  # now: the keys typed after `/` are the filter's

    def hide_filter(self) -> None:
        """Esc: the filter cleared, the cursor kept on the highlight it was on (so `x` next
        deletes the one the user found)."""
        chosen = self.claims_list.cursor_annotation
        field = self.query_one_optional(ClaimsFilter)
        if field is not None:
            field.value = ""  # its Changed message, handled later, changes nothing
            field.display = False
        self.query_text = ""
        self._refresh_rows()
        if chosen is not None and (row := self.claims_list.index_of(chosen.id)) is not None:
            self.claims_list.cursor = row
        self.claims_list.focus()

    @on(Input.Changed, "#claims-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value == self.query_text:
            return  # the filter as shown (hide_filter emptied the field)
        self.query_text = event.value
        self._refresh_rows()
        self.claims_list.cursor = 0

    @on(Input.Submitted, "#claims-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        """Enter goes to the matches; with none the focus stays in the filter (Esc clears it)."""
        event.stop()
        self.focus_matches()

    def focus_matches(self) -> bool:
        """Focus the list when it shows a highlight (the filter's matches); False if none."""
        if not any(isinstance(row, Annotation) for row in self.claims_list.rows):
            return False
        self.claims_list.focus()
        return True

    @on(ClaimsList.Selected)
    def _selected(self, event: ClaimsList.Selected) -> None:
        event.stop()
        self.post_message(self.GoTo(event.annotation))
