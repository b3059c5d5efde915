"""Patterns compiled on first use: the same compiled pattern every call, matching as
`re.compile` would; the rare shapes they are kept for are still found."""

from __future__ import annotations

import re

from reader.document.dateline import read_byline, read_dateline, read_signoff
from reader.document.patterns import compiled_on_use


def test_compiled_once_with_its_flags() -> None:
    pattern = compiled_on_use(r"^read\s+more$", re.I)
    first = pattern()
    assert isinstance(first, re.Pattern)
    assert pattern() is first
    assert first.flags & re.I
    assert first.match("READ  More") and not first.match("read more now")


def test_the_rare_shapes_behind_their_cheap_tests() -> None:
    hindi = read_dateline("जागरण संवाददाता, आगरा। शहर में")
    assert hindi is not None and (hindi.place, hindi.agency) == ("आगरा", "जागरण संवाददाता")
    japanese = read_dateline("【ソウル＝小池和樹】韓国の")
    assert japanese is not None and japanese.place == "ソウル" and japanese.authors == ["小池和樹"]
    signoff = read_signoff("拘束されている。【エルサレム松岡大地、カイロ金子淳】")
    assert signoff is not None and signoff.place == "エルサレム/カイロ"
    assert read_signoff("No sign-off here.") is None
    piped = read_byline("Lena deCasparis | Contributing Writer | 5 days ago")
    assert piped is not None and piped.authors == ["Lena deCasparis"]
    with_role = read_byline("By Jane Smith, Staff Writer")
    assert with_role is not None and with_role.authors == ["Jane Smith"] and not with_role.source
