"""A folder's listing is built with the cyclic collector paused (reader.document.collector):
a few objects per file and no cycles, which the collector would walk the whole heap for
(several times for a big folder) before the listing reaches the screen."""

from __future__ import annotations

import gc

from reader.library import scan_library


def test_the_listing_is_built_and_handed_over_with_the_collector_paused(tmp_path):
    for i in range(3):
        (tmp_path / f"story-{i}.txt").write_text(f"Story {i}\n\nBody.\n", encoding="utf-8")
    seen: list[bool] = []
    entries = scan_library(tmp_path, listed=lambda e: seen.append(gc.isenabled()), listed_over=0)
    assert seen == [False]
    assert gc.isenabled()
    assert len(entries) == 3
