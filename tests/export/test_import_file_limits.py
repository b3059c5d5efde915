"""`reader import` refuses a file too big to be an annotations export by its size, before
reading it (attack re-test of #13: a 1 GB sparse file was read whole, 2.1 GB of memory, before
"invalid JSON"), and names a FIFO or a folder in one line."""

from __future__ import annotations

import json
import os

import pytest

from reader.annotations.sidecar_file import SIDECAR_MAX_BYTES
from reader.errors import ReaderError
from reader.export.importer import read_w3c_file
from reader.export.w3c_article_note import note_for


def test_a_file_over_the_limit_is_refused_by_its_size(tmp_path):
    big = tmp_path / "big.json"
    with open(big, "wb") as fh:
        fh.truncate(SIDECAR_MAX_BYTES + 1)  # sparse: no disk used
    with pytest.raises(ReaderError, match=r"too big to import .*the limit is 64 MB.*big\.json"):
        read_w3c_file(big)


def test_a_fifo_and_a_folder_get_one_line(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(ReaderError, match=r"cannot read \(not a regular file .*FIFO.*\): .*pipe"):
        read_w3c_file(fifo)
    with pytest.raises(ReaderError, match=r"is a folder, not a W3C JSON file"):
        read_w3c_file(tmp_path)


def test_an_article_note_with_a_broken_address_is_left_out_not_a_traceback(tmp_path):
    """Two article notes, one whose source is not an address (`http://[bad/…`): the file's
    notes are read, the broken one matched to no article (review of the merged session)."""
    items = [
        {
            "type": "Annotation",
            "margin:articleNote": True,
            "motivation": "commenting",
            "body": [{"type": "TextualBody", "value": note, "purpose": "commenting"}],
            "target": {"source": source},
        }
        for note, source in (("one", "http://[bad/art.txt"), ("two", "file:///x/other.txt"))
    ]
    path = tmp_path / "notes.json"
    path.write_text(json.dumps({"type": "AnnotationCollection", "items": items}))
    assert note_for(tmp_path / "art.txt", read_w3c_file(path).notes) == (None, 2)
