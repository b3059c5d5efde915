"""The tutorial a newcomer meets: `reader` with no argument opens "Start here", and its
first steps (j to move, h to highlight, a note) work as it says, in a real terminal."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.e2e

TITLE = "Start here: reading critically"
BRIDGE = "The city council says the new bridge will cut commuting times"


def test_the_tutorial_opens_first_and_its_first_steps_work(reader_session, tmp_path) -> None:
    with reader_session([], size=(160, 40)) as s:
        s.wait_for(TITLE)
        library = s.data_home / "margin-reader" / "library"
        tutorial = library / "start-here.md"
        assert tutorial.is_file()
        # Step 2: "/" finds the bridge sentence, Enter puts the cursor on it, "h" highlights.
        s.press("/")
        s.type("city council says")
        s.press("Enter")
        s.press("Escape")
        before = s.wait_stable(ansi=True)
        s.press("h")
        s.wait_for_change(before, ansi=True)
        # Step 4: "a" opens the note of the highlight; Esc saves it.
        s.press("a")
        s.wait_for("Esc saves")
        s.type("half is not four minutes")
        s.press("Escape")
        s.wait_until(
            lambda text: "Esc saves" not in text and "half is not four minutes" in text,
            what="the note saved and shown",
        )
        s.press("q")
        assert s.exit_status() == 0
    sidecar = tutorial.with_name(tutorial.name + ".annotations.json")
    records = json.loads(sidecar.read_text(encoding="utf-8"))["annotations"].values()
    (highlight,) = records
    assert highlight["category"] == "claim"
    assert highlight["note"] == "half is not four minutes"
    exact = highlight["target"]["selector"][0]["exact"]
    assert exact.startswith(BRIDGE)
