"""A folder export reads, renders and lets go of each article before it reads the next."""

from __future__ import annotations

import gc

from library_fixture import build_library

from reader.annotations.model import Annotation
from reader.export import library
from reader.export.library import export_library


def _annotations_alive() -> int:
    return sum(isinstance(o, Annotation) for o in gc.get_objects())


def test_each_article_is_rendered_before_the_next_is_read(tmp_path, monkeypatch):
    folder = build_library(tmp_path, monkeypatch)
    events: list[str] = []
    real_read, real_render = library.read_for_export, library.markdown_render

    def read(path, sidecar=None, checked=None):
        events.append("read")
        return real_read(path, sidecar, checked)

    def markdown_render(*args):
        render = real_render(*args)

        def counted(read, path, name):
            events.append("render")
            # nothing of the articles read before this one is still reachable
            gc.collect()
            assert _annotations_alive() - before == len(read.annotations)
            return render(read, path, name)

        return counted

    monkeypatch.setattr(library, "read_for_export", read)
    monkeypatch.setattr(library, "markdown_render", markdown_render)
    gc.collect()
    before = _annotations_alive()  # what other tests may still hold
    text, warnings = export_library(folder, "markdown", base_dir=folder)
    assert "## Contents" in text and len(warnings) == 1
    reads = events.count("read")
    assert reads == 9  # every article with a sidecar, the broken one too
    rendered = [e for e in events if e == "render"]
    assert len(rendered) == 8  # not the one whose sidecar cannot be read
    for before, after in zip(events, events[1:], strict=False):
        assert (before, after) != ("render", "render")  # never two renders without a read
