"""Any JSON at the door of `reader import` is either imported or refused in one line: the
W3C reader never raises anything but ReaderError, and what it returns can be stored."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.errors import ReaderError
from reader.export.importer import read_w3c_file

_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)
)
_KEYS = st.sampled_from(
    ["type", "id", "body", "target", "selector", "exact", "prefix", "suffix", "start", "end",
     "value", "purpose", "items", "first", "text", "tags", "created", "@context", "x",
     "margin:articleNote"]
)  # fmt: skip
_JSON = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(_KEYS, st.text(max_size=5)), inner, max_size=5),
    ),
    max_leaves=25,
)


def _imported_or_refused(tmp_path_factory, data) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "in.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    try:
        found = read_w3c_file(path)
    except ReaderError as error:
        assert "\n" not in str(error)
        return
    assert found.skipped >= 0
    for note in found.notes:
        (note.source + note.text).encode("utf-8")
    for ann in found.annotations:
        # Every string can be written back (no lone surrogates), every position is an int.
        for text in (ann.id, ann.exact, ann.prefix, ann.suffix, ann.note, *ann.tags):
            text.encode("utf-8")
        assert isinstance(ann.start, int) and isinstance(ann.end, int)


@settings(max_examples=300, deadline=2000)
@given(_JSON)
def test_any_json_is_imported_or_refused_in_one_line(tmp_path_factory, data):
    _imported_or_refused(tmp_path_factory, data)


_TEXT = st.text(max_size=30)  # includes lone surrogates and control characters
_ANNOTATION = st.fixed_dictionaries(
    {
        "type": st.sampled_from(["Annotation", ["Annotation"], "Other"]),
        "id": st.one_of(_TEXT, st.integers()),
        "target": st.fixed_dictionaries(
            {
                "selector": st.lists(
                    st.one_of(
                        st.fixed_dictionaries(
                            {
                                "type": st.just("TextQuoteSelector"),
                                "exact": _SCALARS,
                                "prefix": _SCALARS,
                                "suffix": _SCALARS,
                            }  # fmt: skip
                        ),
                        st.fixed_dictionaries(
                            {
                                "type": st.just("TextPositionSelector"),
                                "start": _SCALARS,
                                "end": _SCALARS,
                            }  # fmt: skip
                        ),
                    ),
                    max_size=3,
                )
            }
        ),
        "body": st.lists(
            st.fixed_dictionaries(
                {
                    "type": st.just("TextualBody"),
                    "value": _SCALARS,
                    "purpose": st.sampled_from(["commenting", "tagging", "classifying", 7]),
                }  # fmt: skip
            ),
            max_size=3,
        ),
    },
    optional={"margin:articleNote": st.booleans()},  # with no selector: an article note
)


@settings(max_examples=300, deadline=2000)
@given(st.lists(_ANNOTATION, max_size=4))
def test_near_valid_annotations_are_imported_or_refused_in_one_line(tmp_path_factory, items):
    _imported_or_refused(tmp_path_factory, items)
