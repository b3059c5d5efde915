"""The claims list's keys: moving between the highlights, and the article's annotation keys,
acting on the highlight under the list's cursor.

The editing keys run the reading screen's own actions (`screen.`: reader/screens/annotating.py
and claim_keys.py), which act on the list's highlight while the list has the focus
(`ClaimKeys.key_target`): one code path for a change made from the article or from the list,
undo (u) included.
"""

from __future__ import annotations

from textual.binding import Binding

from reader.annotations.categories import CATEGORIES, CATEGORY_LABELS

MOVE_KEYS = Binding.Group("Move")  # `j/k Move` in the key bar
CATEGORY_KEYS = Binding.Group("Category")  # `1–5 Category`

# In key bar order: at 80 columns the moving and editing keys come first.
CLAIM_LIST_BINDINGS = [
    # j and k show in the key bar (the arrows, bound first by Textual's scrolling, would)
    Binding("j", "cursor_down", "Next highlight", group=MOVE_KEYS, id="claims.down"),
    Binding("k", "cursor_up", "Previous highlight", group=MOVE_KEYS, id="claims.up"),
    Binding("down", "cursor_down", "Next highlight", show=False),
    Binding("up", "cursor_up", "Previous highlight", show=False),
    *(
        Binding(
            str(key),
            f"screen.category({key})",
            CATEGORY_LABELS[slug],
            group=CATEGORY_KEYS,
            id=f"claims.category-{key}",
        )
        for key, slug in enumerate(CATEGORIES, start=1)
    ),
    Binding("t", "screen.tags", "Tags", id="claims.tags"),
    Binding("a", "screen.note", "Note", id="claims.note"),
    Binding("x", "screen.delete_highlight", "Delete", id="claims.delete"),
    Binding("u", "screen.undo", "Undo", id="claims.undo"),
    Binding("enter", "select", "Go there", id="claims.go"),
    Binding("slash", "filter", "Filter", id="claims.filter"),
    Binding("ctrl+r", "screen.redo", "Redo", show=False, id="claims.redo"),
    Binding("s", "screen.verdict", "Verdict", id="claims.verdict"),
    Binding("l", "screen.link_evidence", "Link evidence", show=False, id="claims.link"),
    Binding("f", "screen.follow_evidence", "Follow evidence", show=False, id="claims.follow"),
    Binding("W", "screen.accept_wording", "Accept new wording", show=False, id="claims.wording"),
    Binding("h", "screen.highlight", "Highlight", show=False, id="claims.highlight"),
]

# The keys of the library's claims list (H): moving, and the editing keys its screen acts on
# (reader/screens/library_claim_edits.py).
LIBRARY_CLAIM_ACTIONS = {"cursor_down", "cursor_up", "screen.tags", "screen.note"}
LIBRARY_CLAIM_ACTIONS |= {"screen.delete_highlight", "select"}
LIBRARY_CLAIM_BINDINGS = [
    binding
    for binding in CLAIM_LIST_BINDINGS
    if binding.action in LIBRARY_CLAIM_ACTIONS or binding.action.startswith("screen.category(")
]
