"""Keys typed straight after a key that gives the focus to a text field (`a`: the note
editor; `/` in the claims list: its filter) or opens a dialog (`t`: the tags, `s`: the
verdict; in the library's claims list `a` too) belong to that field or dialog.

Textual runs a widget's bindings only once its key has bubbled up to the app. By then the
keys typed after it (a terminal delivers a burst in one read, a paste too) are queued at the
widget already; they reach the app after the focus moved, match no binding there and are
lost. So a widget with `HandsOnTypedKeys` runs its own bindings in its own turn, and after a
focus-giving one (`focus_actions`) hands each key that reaches it, while the field it gave
the focus to has it, to that field: the keys arrive there in the order typed, and act on
nothing here. After one that opened a dialog it hands them, while that dialog is open, back
to the app once the dialog has composed and taken its focus: the app gives them to the
dialog's focused widget, as it does the keys typed there later.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Input

# The bindings' actions that give the focus to a text field: the note editor, the claims
# list's filter
FOCUS_ACTIONS = frozenset({"screen.note", "screen.article_note", "filter"})
# Keys that close such a field (Esc saves a note, ctrl+g discards it); Enter too in a
# one-line box
CLOSING_KEYS = frozenset({"escape", "ctrl+g"})


class HandsOnTypedKeys:
    """For a focusable widget (mixed in before its `Widget` base)."""

    focus_actions: frozenset[str] = FOCUS_ACTIONS  # its bindings' that give the focus away
    _handed_to: Any = None  # the widget a focus-giving key of this one gave the focus to
    _dialog: Any = None  # the dialog (a screen) a key of this one opened

    def keeps_typed_keys(self) -> bool:
        """True while the widget itself takes what is typed (a text box of its own open,
        fed from its turn): then its keys are text, bindings or not."""
        return False

    async def on_key(self: Any, event: events.Key) -> None:
        if getattr(self.app, "leaving", False):
            event.stop()  # quitting: what was typed after q does nothing
            event.prevent_default()
            return
        if self._dialog is not None and self.app.screen is self._dialog:
            # Typed after the key that opened it. Posted from the dialog's own queue, which
            # runs it after the dialog's compose and mount (where it takes its focus): the
            # app then forwards it to the dialog's focused widget, in the order typed.
            event.stop()
            event.prevent_default()
            self._dialog.call_later(self.app.post_message, events.Key(event.key, event.character))
            return
        self._dialog = None
        focused = self.screen.focused
        if focused is not None and focused is not self and focused is self._handed_to:
            # Typed after the key that gave the focus away: the field's (posted anew, as
            # this one has been forwarded once).
            event.stop()
            event.prevent_default()
            focused.post_message(events.Key(event.key, event.character))
            if event.key in CLOSING_KEYS or (event.key == "enter" and isinstance(focused, Input)):
                self._handed_to = None  # it closes the field: what follows is this widget's
            return
        self._handed_to = None
        if self.keeps_typed_keys():
            return
        # Its own bindings run here too, in the order typed: were they left to the app, a
        # focus-giving key later in the burst would move the focus first, and they would
        # then be looked up from the field's focus chain and lost. (Priority bindings never
        # reach here: the app runs them before forwarding the key.)
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if binding.priority or not await self.app.run_action(binding.action, self):
                continue
            event.stop()
            event.prevent_default()
            if self.app.screen is not self.screen:
                self._dialog = self.app.screen
            elif binding.action in self.focus_actions:
                focused = self.screen.focused
                self._handed_to = focused if focused is not self else None
            return
        await self._quit_in_this_turn(event)

    async def _quit_in_this_turn(self: Any, event: events.Key) -> None:
        """The app's quit key runs here too, in the order typed: the keys typed after it in
        the same burst then find the app leaving (`leaving`), and do nothing."""
        quits = self.app._bindings.key_to_bindings.get(event.key, ())
        if any(binding.action == "quit" for binding in quits):
            event.stop()
            event.prevent_default()
            await self.app.run_action("quit")
