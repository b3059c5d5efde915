"""Articles whose names leave no room for `<name>.annotations.json` (NAME_MAX is 255 bytes)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from annotation_fixtures import ARTICLE

from reader.annotations.sidecar_file import sidecar_path_for
from reader.annotations.store import AnnotationStore
from reader.cli import main
from reader.document.loader import load_document
from reader.export.command import export_article
from reader.file_names import NAME_MAX
from reader.library import count_annotations


@pytest.mark.parametrize("stem", ["a" * 235, "a" * 251, "é" * 125], ids=["239", "255", "utf8"])
def test_a_long_named_article_opens_annotates_and_is_found_everywhere(tmp_path, capsys, stem):
    article = tmp_path / f"{stem}.txt"
    assert 239 <= len(os.fsencode(article.name)) <= NAME_MAX
    article.write_text(ARTICLE, encoding="utf-8")
    sidecar = sidecar_path_for(article)
    assert sidecar.name.endswith(".annotations.json") and sidecar.parent == tmp_path
    assert len(os.fsencode(f".{sidecar.name}.tmp-4194304-{2**63}")) <= NAME_MAX
    assert sidecar_path_for(article) == sidecar  # the same every time

    assert main(["annotate", str(article), "--quote", "The city council", "--note", "long"]) == 0
    ann_id = capsys.readouterr().out.strip()
    assert sidecar.is_file() and count_annotations(sidecar) == 1  # the library's count
    store = AnnotationStore.open(load_document(article), read_only=True)
    assert [a.id for a in store.annotations] == [ann_id]
    text, warnings = export_article(article)
    assert "long" in text and warnings == []
    assert main(["export", str(tmp_path)]) == 0  # the folder export finds it too
    assert "long" in capsys.readouterr().out
    assert [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name] == []


def test_long_names_sharing_a_prefix_get_different_sidecars(tmp_path):
    one, two = tmp_path / ("b" * 240 + "1.txt"), tmp_path / ("b" * 240 + "2.txt")
    assert sidecar_path_for(one) != sidecar_path_for(two)


def test_names_that_fit_keep_the_plain_sidecar_name():
    assert sidecar_path_for(Path("/x/story.txt")) == Path("/x/story.txt.annotations.json")
