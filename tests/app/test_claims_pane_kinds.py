"""The claims pane ends each row with whom the text attributes the highlight to (a dim
`named` or `anon`) where it fits, taken from the sidecar's stored place when it is for the
text read now, else worked out once per highlight, never on a paint."""

from __future__ import annotations

import json
from pathlib import Path

from rich.segment import Segment

import reader.claims.attribution
from reader.annotations.sidecar import sidecar_path_for
from reader.app import ReaderApp
from reader.cli import main
from reader.widgets.claims_pane import ClaimsList

ARTICLE = (
    "Harbour bridge to close\n\n"
    "The council will close the bridge for three years, the mayor, Ana Ruiz, said.\n\n"
    "Tolls will rise next spring, according to two officials familiar with the plan.\n\n"
    "The ferry keeps its timetable all through the works.\n"
)
QUOTES = (
    "The council will close the bridge for three years",
    "Tolls will rise next spring",
    "The ferry keeps its timetable all through the works.",
)


def row_texts(app) -> list[str]:
    claims = app.reading.query_one(ClaimsList)
    return [
        "".join(seg.text for seg in claims.render_line(y) if isinstance(seg, Segment))
        for y in range(len(claims.rows))
    ]


async def test_rows_show_the_kind_and_hide_it_when_narrow(tmp_path: Path, settle, capsys):
    article = tmp_path / "bridge.txt"
    article.write_text(ARTICLE, "utf-8")
    for quote in QUOTES:
        assert main(["annotate", str(article), "--quote", quote]) == 0
    capsys.readouterr()
    app = ReaderApp(library=tmp_path, article=article)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        named, anonymous, unsourced = row_texts(app)
        assert named.rstrip().endswith(" named") and "The council" in named
        assert anonymous.rstrip().endswith(" anon")
        assert not unsourced.rstrip().endswith(("named", "anon"))
        claims = app.reading.query_one(ClaimsList)
        claims.styles.width = 30  # too narrow for a marker: the quote keeps the room
        await settle(app, pilot)
        assert 0 < claims.scrollable_content_region.width < 35
        assert not any(r.rstrip().endswith(("named", "anon")) for r in row_texts(app))


async def test_the_stored_kind_is_used_and_paints_work_nothing_out(
    tmp_path: Path, settle, capsys, monkeypatch
):
    article = tmp_path / "bridge.txt"
    article.write_text(ARTICLE, "utf-8")
    assert main(["annotate", str(article), "--quote", QUOTES[0]]) == 0
    capsys.readouterr()
    sidecar = sidecar_path_for(article)
    data = json.loads(sidecar.read_text("utf-8"))
    [record] = data["annotations"].values()
    assert record["place"]["said"][1] == "named"
    record["place"]["said"][1] = "anonymous"  # what the store recorded is what shows
    sidecar.write_text(json.dumps(data), "utf-8")

    def refuse(*args, **kwargs):
        raise AssertionError("an attribution worked out for a row the sidecar placed")

    monkeypatch.setattr(reader.claims.attribution, "DocumentAttributions", refuse)
    app = ReaderApp(library=tmp_path, article=article)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert row_texts(app)[0].rstrip().endswith(" anon")
        session = app.reading.annotations
        calls = []
        monkeypatch.setattr(session, "_kinds", _Counting(session._kinds, calls))
        for _ in range(3):
            row_texts(app)
        assert len(calls) == 3 and all(hit for hit in calls)  # each paint: one lookup


class _Counting(dict):
    """The session's kind cache, recording whether each lookup found the span."""

    def __init__(self, kinds, calls) -> None:
        super().__init__(kinds)
        self.calls = calls

    def get(self, key, default=None):
        self.calls.append(key in self)
        return super().get(key, default)
