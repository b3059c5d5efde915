"""Key presses timed in a running tmux pane."""

from __future__ import annotations

import time
from collections.abc import Callable

import fixtures
import tmux
from context import Context
from environment import SIZE
from figures import reason_of

LOADING_REST = "loading the rest"  # the title bar's note while a big article loads


class KeyRun:
    """Key latencies in one running pane; a key that fails once is not tried again."""

    def __init__(self, pane: tmux.Pane, timeout: float = 5.0) -> None:
        self.pane = pane
        self.timeout = timeout
        self.samples: dict[str, list[float]] = {}
        self.errors: dict[str, str] = {}

    def press(self, kind: str, key: str) -> float | None:
        if kind in self.errors:
            return None
        try:
            seconds = self.pane.key_latency(key, timeout=self.timeout)
        except Exception as error:  # noqa: BLE001
            self.errors[kind] = reason_of(error)
            return None
        self.samples.setdefault(kind, []).append(seconds)
        return seconds

    def press_settle(self, kind: str, key: str) -> None:
        """Both the first change (`kind`) and the screen settling (`kind settle`)."""
        if kind in self.errors:
            return
        try:
            first, settle = self.pane.key_settle(key, timeout=self.timeout)
        except Exception as error:  # noqa: BLE001
            self.errors[kind] = reason_of(error)
            return
        self.samples.setdefault(kind, []).append(first)
        self.samples.setdefault(f"{kind} settle", []).append(settle)

    def repeat(self, kind: str, key: str, n: int) -> None:
        for _ in range(n):
            if self.press(kind, key) is None:
                return

    def alternate(self, kinds: tuple[tuple[str, str], ...], n: int) -> None:
        for _ in range(n):
            for kind, key in kinds:
                self.press(kind, key)

    def step(self, kind: str, action: Callable[[], None]) -> None:
        """A non-timed move (e.g. a search) that must work for what follows to mean much."""
        try:
            action()
        except Exception as error:  # noqa: BLE001
            self.errors[kind] = reason_of(error)

    def all(self, *kinds: str) -> list[float]:
        return [s for k in kinds for s in self.samples.get(k, [])]

    def why(self, *kinds: str) -> str:
        return "; ".join(f"{k}: {self.errors[k]}" for k in kinds if k in self.errors)


def open_pane(ctx: Context, argv: list[str], marker: str, env: dict[str, str]) -> tmux.Pane:
    _, pane = tmux.first_paint(ctx.control, argv, marker, size=SIZE, env=env, keep=True,
                               timeout=120)  # fmt: skip
    assert pane is not None
    # A big article shows its head first: keys are timed once the whole is in (h on the
    # head only says the annotations are loading, and a search sees only the head).
    pane.wait_gone(LOADING_REST, timeout=120)
    pane.wait_stable(quiet=0.5)
    return pane


def search_to_middle(pane: tmux.Pane) -> None:
    pane.send("/")
    time.sleep(0.2)
    pane.type(fixtures.MIDDLE_MARKER)
    pane.send("Enter")
    pane.wait_for(fixtures.MIDDLE_MARKER, timeout=10)
    pane.wait_stable()
