"""Keys typed straight after a key that gives the focus to a text field (`a`: the note
editor; `/` in the claims list: its filter) belong to that field.

Textual runs a widget's bindings only once its key has bubbled up to the app. By then the
keys typed after it (a terminal delivers a burst in one read, a paste too) are queued at the
widget already; they reach the app after the focus moved, match no binding there and are
lost. So a widget with `HandsOnTypedKeys` runs its focus-giving bindings (`FOCUS_ACTIONS`)
in its own turn, and hands each key that reaches it afterwards, while the field it gave the
focus to has it, to that field: the keys arrive there in the order typed, and act on
nothing here.
"""

from __future__ import annotations

from typing import Any

from textual import events

# The bindings' actions that give the focus to a text field: the note editor, the claims
# list's filter
FOCUS_ACTIONS = frozenset({"screen.note", "screen.article_note", "filter"})


class HandsOnTypedKeys:
    """For a focusable widget (mixed in before its `Widget` base)."""

    _handed_to: Any = None  # the widget a focus-giving key of this one gave the focus to

    def keeps_typed_keys(self) -> bool:
        """True while the widget itself takes what is typed (a text box of its own open,
        fed from its turn): then its keys are text, bindings or not."""
        return False

    async def on_key(self: Any, event: events.Key) -> None:
        focused = self.screen.focused
        if focused is not None and focused is not self and focused is self._handed_to:
            # Typed after the key that gave the focus away: the field's (posted anew, as
            # this one has been forwarded once).
            event.stop()
            event.prevent_default()
            focused.post_message(events.Key(event.key, event.character))
            return
        self._handed_to = None
        if self.keeps_typed_keys():
            return
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if binding.action in FOCUS_ACTIONS:
                event.stop()
                event.prevent_default()
                await self.run_action(binding.action)
                focused = self.screen.focused
                self._handed_to = focused if focused is not self else None
                return
