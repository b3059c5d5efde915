"""The cyclic collector paused around a bulk build (reader/document/collector.py)."""

from __future__ import annotations

import gc

import pytest

from reader.document.collector import collector_paused


class _Thing:
    pass


def test_what_the_pause_built_is_in_the_oldest_generation():
    """Not walked by the young generations' collections on its way there."""
    with collector_paused():
        assert not gc.isenabled()
        built = [_Thing() for _ in range(3)]
    assert gc.isenabled()
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(thing) in oldest for thing in built)


def test_a_paused_collector_stays_paused():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_resumes_after_an_error():
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("boom")
    assert gc.isenabled()
