"""The dialogs of the claim keys: a verdict (s), an evidence link (l), which link to follow (f).

Article text and notes show as plain text (`Static(markup=False)`, option prompts as
`Text`), never as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.annotations.quoting import quoted
from reader.annotations.verdicts import STATUS_LABELS, STATUS_MARKS, STATUSES, Evidence, is_url
from reader.claims.claim_filter import KIND_MARKS, filter_claims
from reader.claims.claim_order import ORDER_LABELS, next_order, order_claims
from reader.claims.library_claims import LibraryClaim
from reader.claims.same_claim import Echo
from reader.document.decode import one_line
from reader.screens.library_claim_edits import LibraryClaimEdits
from reader.screens.same_claim import wording_on_one_line
from reader.widgets.claim_list_keys import LIBRARY_CLAIM_BINDINGS
from reader.widgets.typed_ahead import HandsOnTypedKeys

MAX_ROWS = 300  # rows a finder lists; typing narrows them


def claim_prompt(claim: LibraryClaim, width: int = 90, details: bool = False) -> Text:
    """One finder row: `✗ C  “quote…”  — article` (quoted as the notes pane quotes it); with `details`, then the article's date
    and the claim's attribution kind, dim (`· 2024-05-01 · anon`)."""
    quote = one_line(" ".join(claim.exact.split()))
    if len(quote) > width:
        quote = quote[: width - 1] + "…"
    mark = STATUS_MARKS.get(claim.status, "?")
    row = Text(f"{mark} {claim.letter}  {quoted(quote)}  — {one_line(claim.name)}")
    if details:
        facts = [claim.published, KIND_MARKS.get(claim.kind, "")]
        row.append("".join(f" · {fact}" for fact in facts if fact), style="dim")
    return row


class VerdictStatuses(HandsOnTypedKeys, OptionList):
    """The verdict's statuses: a number picks one and gives the focus to the rationale, which
    gets the keys typed straight after it (`HandsOnTypedKeys`)."""

    BINDINGS = [
        Binding(str(n), f"screen.status({n})", show=False) for n in range(1, len(STATUSES) + 1)
    ]
    focus_actions = frozenset(binding.action for binding in BINDINGS)


class VerdictScreen(ModalScreen[tuple[str, str] | None]):
    """Choose a status (the list; 1-6 pick one) and write a one-line rationale; Enter in the
    rationale saves, Esc cancels. Dismisses with (status, rationale) or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, quote: str, status: str, rationale: str) -> None:
        super().__init__()
        self.quote = quote
        self.status = status
        self.rationale = rationale

    def compose(self) -> ComposeResult:
        with Vertical(id="verdict-dialog", classes="annotation-dialog"):
            yield Static(
                "Verdict: a number (or Enter) picks the status; write why, Enter saves (Esc cancels)",
                classes="dialog-title",
            )
            yield Static(self.quote, classes="dialog-quote", markup=False)
            yield VerdictStatuses(
                *(
                    Option(Text(f"{n}  {STATUS_MARKS[s]} {STATUS_LABELS[s]}"), id=s)
                    for n, s in enumerate(STATUSES, start=1)
                ),
                id="verdict-statuses",
            )
            yield Input(self.rationale, placeholder="Why (one line)", id="verdict-rationale")

    def on_mount(self) -> None:
        statuses = self.query_one(OptionList)
        statuses.highlighted = STATUSES.index(self.status) if self.status in STATUSES else 0
        statuses.focus()

    def action_status(self, number: int) -> None:
        """1-6 on the statuses: that status; the rationale next (focused now, so the keys
        typed straight after reach it)."""
        self.query_one(OptionList).highlighted = number - 1
        self.set_focus(self.query_one(Input))

    @on(OptionList.OptionSelected, "#verdict-statuses")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one(Input).focus()

    @on(Input.Submitted, "#verdict-rationale")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        index = self.query_one(OptionList).highlighted
        status = STATUSES[index if index is not None else 0]
        self.dismiss((status, event.value))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ClaimFinder(ModalScreen):
    """A filter box over a list of the library's claims (loaded by `load` in a thread)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    TITLE_TEXT = ""
    PLACEHOLDER = "Filter: words, c: e:, status:ref, #tag"
    LIST: type[OptionList] = OptionList

    def __init__(self, load: Callable[[], list[LibraryClaim]]) -> None:
        super().__init__()
        self._load = load
        self.claims: list[LibraryClaim] = []
        self.listed: list[LibraryClaim] = []  # the claims in the list's order
        self.shown: list[LibraryClaim] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="finder-dialog", classes="annotation-dialog"):
            yield Static(self.TITLE_TEXT, classes="dialog-title")
            yield Input(placeholder=self.PLACEHOLDER, id="finder-input")
            yield Static("Reading the library's claims…", id="finder-status", markup=False)
            yield self.LIST(id="finder-list")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._read()

    @work(thread=True, group="claims")
    def _read(self) -> None:
        claims = self._load()
        self.app.call_from_thread(self._loaded, claims)

    def _loaded(self, claims: list[LibraryClaim]) -> None:
        self.claims = claims
        self.listed = self.arranged(claims)
        self._show(self.query_one(Input).value)

    def arranged(self, claims: list[LibraryClaim]) -> list[LibraryClaim]:
        """The claims in the order the list shows them (as read)."""
        return claims

    def prompt(self, claim: LibraryClaim) -> Text:
        return claim_prompt(claim)

    def status_text(self, shown: int) -> str:
        more = f" (the first {MAX_ROWS}: type to narrow)" if shown > MAX_ROWS else ""
        return f"{shown:,} of {len(self.claims):,} claims{more}"

    def _show(self, query: str) -> None:
        text = "" if is_url(query) else query
        shown = filter_claims(self.listed, text)
        self.shown = shown[:MAX_ROWS]
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(self.prompt(c)) for c in self.shown])
        self.query_one("#finder-status", Static).update(self.status_text(len(shown)))
        if self.shown:
            options.highlighted = 0

    @on(Input.Changed, "#finder-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show(event.value)

    @on(Input.Submitted, "#finder-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit(event.value)

    def submit(self, value: str) -> None:
        """Enter in the filter box: the highlighted claim."""
        options = self.query_one(OptionList)
        if options.highlighted is not None and self.shown:
            self.choose(self.shown[options.highlighted])

    @on(OptionList.OptionSelected, "#finder-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose(self.shown[event.option_index])

    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        options = self.query_one(OptionList)
        if self.query_one(Input).has_focus and event.key in ("down", "up") and self.shown:
            event.stop()
            step = 1 if event.key == "down" else -1
            current = options.highlighted if options.highlighted is not None else -step
            options.highlighted = max(0, min(len(self.shown) - 1, current + step))

    def choose(self, claim: LibraryClaim) -> None:
        self.dismiss(claim)

    def action_cancel(self) -> None:
        self.dismiss(None)


class EvidenceScreen(ClaimFinder):
    """Link evidence: type or paste a URL and Enter, or find a highlight of the library
    (Up/Down choose, Enter links it), the claim itself (`claim`: its article and id) left
    out. Dismisses with a URL `Evidence`, a `LibraryClaim` or None."""

    TITLE_TEXT = "Evidence: a URL, or find a highlight of the library (Enter links, Esc cancels)"
    PLACEHOLDER = "https://… or a highlight's words, #tag, c: e:"  # whole at 80 columns

    def __init__(self, load: Callable[[], list[LibraryClaim]], claim: tuple[Path, str]) -> None:
        super().__init__(load)
        self.claim = (Path(claim[0]).resolve(), claim[1])

    def arranged(self, claims: list[LibraryClaim]) -> list[LibraryClaim]:
        article, ident = self.claim
        return [c for c in claims if c.id != ident or c.path.resolve() != article]

    def submit(self, value: str) -> None:
        if is_url(value):
            self.dismiss(Evidence(url=value.strip()))
        else:
            super().submit(value)


class LibraryClaimsList(HandsOnTypedKeys, OptionList):
    """H's list: the claims pane's moving and editing keys (`LIBRARY_CLAIM_BINDINGS`); keys
    typed straight after t or a belong to the dialog it opens (`HandsOnTypedKeys`)."""

    BINDINGS = LIBRARY_CLAIM_BINDINGS


class LibraryClaimsScreen(LibraryClaimEdits, ClaimFinder):
    """Every highlight of the library (H): filter (by attribution kind too: `source:anon`),
    put in another order (ctrl+o: library order, newest article first, by verdict), Enter
    opens the article at the claim; Tab to the list, where 1-5, t, a and x edit the claim
    (reader/screens/library_claim_edits.py). Each row also says its article's date and whom
    the text attributes it to, as the sidecars last recorded them."""

    BINDINGS = [
        *ClaimFinder.BINDINGS,
        Binding("ctrl+o", "order", "Order", id="library-claims-order"),
    ]
    TITLE_TEXT = (
        "The library's claims (Enter opens, ctrl+o orders, Tab: 1-5 t a x edit, Esc closes)"
    )
    LIST = LibraryClaimsList

    def __init__(self, load: Callable[[], list[LibraryClaim]], reading: Any = None) -> None:
        super().__init__(load)
        self.reading = reading  # the reading screen: its open article's store

    PLACEHOLDER = "Filter: words, #tag, c: e:, ref:, source:anon"  # whole at 80 columns
    order = "library"

    def arranged(self, claims: list[LibraryClaim]) -> list[LibraryClaim]:
        return order_claims(claims, self.order)

    def prompt(self, claim: LibraryClaim) -> Text:
        return claim_prompt(claim, details=True)

    def status_text(self, shown: int) -> str:
        return f"{super().status_text(shown)} · {ORDER_LABELS[self.order]}"

    def action_order(self) -> None:
        """ctrl+o: the next order of the list."""
        self.order = next_order(self.order)
        self.listed = self.arranged(self.claims)
        self._show(self.query_one(Input).value)


class FollowScreen(ModalScreen[Evidence | Echo | None]):
    """Choose which evidence link to follow, or which sentence saying the same claim in
    another article to go to (its differing words underlined); dismisses with it, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, links: list[Evidence], echoes: list[Echo] | None = None, quote: str = ""
    ) -> None:
        super().__init__()
        self.links: list[Evidence | Echo] = [*links, *(echoes or [])]
        self.quote = quote  # the claim's, for the wording the sentences elsewhere differ in

    def prompt(self, link: Evidence | Echo) -> Text:
        if isinstance(link, Evidence):
            return Text(one_line(link.describe()))
        wording = wording_on_one_line(link, self.quote)
        sentence = "".join(text for text, _ in wording)
        marked = quoted(sentence)  # as the notes pane quotes it, never doubling its marks
        row = Text(f"Same claim: {marked}  — {one_line(link.title or link.path.name)}")
        at = len("Same claim: ") + marked.index(sentence)
        for text, differs in wording:
            if differs:
                row.stylize("underline", at, at + len(text))
            at += len(text)
        return row

    def compose(self) -> ComposeResult:
        with Vertical(id="follow-dialog", classes="annotation-dialog"):
            yield Static(
                "Follow which evidence, or go to the same claim elsewhere? "
                "(Enter follows, Esc cancels)",
                classes="dialog-title",
            )
            yield OptionList(
                *(Option(self.prompt(link)) for link in self.links),
                id="follow-list",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#follow-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.links[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
