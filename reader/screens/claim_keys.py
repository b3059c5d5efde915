"""The claim keys of the reading screen: a verdict (s), an evidence link (l), following a
link or a sentence saying the same claim elsewhere (f), the library's claims (H) and accepting an
edited highlight's new wording (W); and which highlight the annotation keys act on
(`key_target`: the one under the claims list's cursor while the list has the focus, else the
one under the article cursor). `AnnotatingScreen` mixes this in.

A link to a highlight opens its article with the cursor on it; a URL opens in the browser; a
sentence elsewhere opens its article at that sentence. The library's claims are read from
the sidecars in a thread, when a finder opens.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.annotations.quoting import quoted
from reader.screens.same_claim import SameClaimLookup

if TYPE_CHECKING:
    from reader.annotations.model import Annotation
    from reader.annotations.verdicts import Evidence
    from reader.claims.library_claims import LibraryClaim
    from reader.claims.same_claim import Echo


def _short(text: str, limit: int = 200) -> str:
    """The verdict dialog's line of the highlight: one line, cut at `limit`, in marks that
    never double its own (as every other place quotes a highlight)."""
    quote = " ".join(text.split())
    return quoted(f"{quote[: limit - 1]}…" if len(quote) > limit else quote)


class ClaimKeys(SameClaimLookup):
    """Actions of the claim keys (for a screen that is an `AnnotatingScreen`)."""

    def _library_root(self: Any) -> Path:
        return Path(self.app.library_root)

    def load_library_claims(self: Any) -> list[LibraryClaim]:
        """Every claim of the library, with the open article's as they are now (in a thread:
        the sidecar of the open article may not be saved yet)."""
        from reader.claims.library_claims import scan_claims

        self.annotations.flush()
        return scan_claims(self._library_root())

    def claims_list_focused(self: Any) -> Any:
        """The claims list when it has the focus, else None."""
        focused = self.focused
        if not self.side_ready or focused is None or focused.id != "claims-list":
            return None
        return focused

    def key_target(self: Any) -> Annotation | None:
        """The highlight the annotation keys (1-5, a, t, x, s, l, f, W) act on: while the
        claims list has the focus, the one under its cursor (as the store has it now), else
        the one under the article cursor."""
        claims_list = self.claims_list_focused()
        if claims_list is None:
            return self.annotation_under_cursor()
        row = claims_list.cursor_annotation
        store = self.annotations.store
        return store.get(row.id) if row is not None and store is not None else None

    def show_list_row(self: Any, moved: bool) -> None:
        """Show the highlight the keys act on in the notes pane; when the claims list's
        cursor `moved`, put the article cursor on its highlight too (scrolled into view, the
        focus left in the list), so the claim shows in its context."""
        self.show_cursor_annotation(claims_too=False)
        ann = self.key_target() if moved else None
        store = self.annotations.store
        view = self.article_view
        if ann is not None and not ann.orphaned and view.document is store.document:
            view.move_cursor_to_offset(ann.start)

    def _claim_at_cursor(self: Any) -> Any:
        store = self._writable()
        if store is None:
            return None, None
        ann = self.key_target()
        if ann is None:
            self._no_highlight()
        return store, ann

    def action_verdict(self: Any) -> None:
        """s: set the verdict of the highlight under the cursor (a status and why)."""
        store, ann = self._claim_at_cursor()
        if ann is None:
            return

        def done(answer: tuple[str, str] | None) -> None:
            if answer is None or self.annotations.store is not store:
                return
            old = store.get(ann.id)
            if old is None:
                self._notice("That highlight is gone: its verdict was not saved", "error")
                return
            status, rationale = answer
            since = {"status": ann.status, "rationale": ann.rationale}  # the dialog opened so
            new = self._run_one(
                lambda: store.update(ann.id, since, status=status, rationale=rationale), old
            )
            if new is not None:
                self.status(f"Verdict: {STATUS_LABELS[new.status]}")

        from reader.annotations.verdicts import STATUS_LABELS
        from reader.screens.claim_dialogs import VerdictScreen

        self.app.push_dialog(VerdictScreen(_short(ann.exact), ann.status, ann.rationale), done)

    def action_accept_wording(self: Any) -> None:
        """W: accept the new wording of the highlight under the cursor, marked edited since
        the article changed under it (its `edited_from` cleared; u undoes). The old wording
        stays in the article's revisions (`reader history`)."""
        store, ann = self._claim_at_cursor()
        if ann is None:
            return
        if not ann.edited_from:
            self._notice("This highlight's wording has not changed since it was made")
            return
        if self._run_one(lambda: store.update(ann.id, edited_from=""), ann) is not None:
            self.status("New wording accepted (u undoes)")

    def action_link_evidence(self: Any) -> None:
        """l: link evidence to the highlight under the cursor (a URL or another highlight)."""
        store, ann = self._claim_at_cursor()
        if ann is None:
            return
        article = store.document.path
        from reader.annotations.evidence_links import highlight_link
        from reader.annotations.verdicts import Evidence

        def done(answer: Evidence | LibraryClaim | None) -> None:
            if answer is None or self.annotations.store is not store:
                return
            old = store.get(ann.id)
            if old is None:
                self._notice("That highlight is gone: the link was not saved", "error")
                return
            if isinstance(answer, Evidence):
                link = answer
            elif answer.id == ann.id:
                self._notice("A claim is not evidence for itself")
                return
            else:
                link = highlight_link(article, answer.path, answer)
            new = self._run_one(lambda: store.update(ann.id, evidence=[*old.evidence, link]), old)
            if new is not None:
                self.status(f"Evidence linked ({len(new.evidence)}; f follows)")

        from reader.screens.claim_dialogs import EvidenceScreen

        self.app.push_dialog(EvidenceScreen(self.load_library_claims, (article, ann.id)), done)

    def action_follow_evidence(self: Any) -> None:
        """f: follow an evidence link of the highlight under the cursor, or go to a sentence
        of another article saying the same claim."""
        if self.annotations.store is None:
            return
        ann = self.key_target()
        if ann is None:
            self._no_highlight()
            return
        echoes = self.echoes_of(ann)
        if not (ann.evidence or echoes):
            self._notice(
                "No evidence linked to this highlight (l links some), no same claim elsewhere"
            )
            return
        if len(ann.evidence) + len(echoes) == 1:
            self.follow((ann.evidence or echoes)[0])
            return
        from reader.screens.claim_dialogs import FollowScreen

        self.app.push_dialog(
            FollowScreen(list(ann.evidence), echoes, ann.exact),
            lambda link: self.follow(link) if link is not None else None,
        )

    def follow(self: Any, link: Evidence | Echo) -> None:
        """Open a URL in the browser, the linked highlight's article at it, or a sentence
        elsewhere's article at that sentence."""
        from reader.annotations.evidence_links import linked_article
        from reader.annotations.verdicts import Evidence

        if not isinstance(link, Evidence):
            self.go_to_claim(link.path, None, link.start)
            return
        if link.url:
            self.app.open_url(link.url)
            self._notice(f"Opening {link.url}")
            return
        store = self.annotations.store
        if store is None:
            return
        self.go_to_claim(linked_article(store.document.path, link), link.id, -1)

    def action_library_claims(self: Any) -> None:
        """H: the claims of the whole library; Enter opens the article at one."""
        from reader.screens.claim_dialogs import LibraryClaimsScreen

        def done(claim: LibraryClaim | None) -> None:
            if claim is not None:
                self.go_to_claim(claim.path, claim.id, claim.start)

        self.app.push_dialog(LibraryClaimsScreen(self.load_library_claims, self), done)

    def go_to_claim(self: Any, path: Path, ann_id: str | None, start: int) -> None:
        """Open `path` (unless it is open) with the cursor on highlight `ann_id` (where the
        store has it now, else at `start`, its stored position); at `start` for no id."""
        path = Path(path).resolve()
        app = self.app
        if app.article_path != path:
            if not path.is_file():
                self._notice(f"The linked article is gone: {path}", "error")
                return
            app.open_article(path)
        self.call_after_refresh(self._cursor_to_claim, path, ann_id, start)

    def _cursor_to_claim(
        self: Any, path: Path, ann_id: str | None, start: int, tries: int = 3
    ) -> None:
        if self.app.article_path != path:
            return
        if ann_id is None:
            self.article_view.move_cursor_to_offset(start)
            self.focus_article()
            return
        store = self.annotations.store
        if store is None and tries > 0:  # the annotations load just after the article shows
            self.call_after_refresh(self._cursor_to_claim, path, ann_id, start, tries - 1)
            return
        found = store.get(ann_id) if store is not None else None
        if found is not None and not found.orphaned:
            start = found.start
        elif store is not None:
            self._notice("That highlight is no longer in the article")
            return
        if start >= 0:
            self.article_view.move_cursor_to_offset(start)
        self.focus_article()
