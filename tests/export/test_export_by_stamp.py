"""An export that does not read the article: the sidecar's places hold the stamp the article
file had when its text was read (reader/document/stamp.py), and the highlights' selectors
are vouched for by the digest stored with them (reader/annotations/places.py)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.annotations.model import Annotation
from reader.annotations.places import PLACES_KEY, read_places_by_stamp
from reader.annotations.storage import sidecar_path_for
from reader.annotations.store import AnnotationStore
from reader.document import loader, stamp
from reader.export import by_stamp
from reader.export.command import export_article

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_566c8ea77d92d380.txt"


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture
def settled(monkeypatch):
    """Files written a moment ago count as settled (no test waits RACY_NS)."""
    monkeypatch.setattr(stamp, "RACY_NS", -(10**12))


@pytest.fixture
def seed(tmp_path) -> Path:
    path = tmp_path / "story.txt"
    shutil.copy(SEED, path)
    return path


def annotate(path: Path, orphan: bool = False) -> list[tuple[int, int]]:
    """Highlight every other sentence through the store, as the app does, one of them as a
    tagged question; `orphan`: also keep one orphaned highlight."""
    document = loader.load_document(path)
    sentences = [s for b in document.blocks for s in b.sentences][::2]
    store = AnnotationStore.open(document)
    for i, sentence in enumerate(sentences):
        store.add(sentence.start, sentence.end, note=f"note {i}" if i % 3 == 0 else "")
    second = store.add(sentences[1].start, sentences[1].end)  # the one there already
    store.update(second.id, category="question", tags=["open", "two words"])
    if orphan:  # an imported highlight whose quote is not in this text
        lost = Annotation(id="lost", category="claim", start=3, end=9, exact="no such quote")
        assert store.add_annotation(lost.replace(note="lost one"))[0] == "orphaned"
    store.close()
    return [(s.start, s.end) for s in sentences]


def export(path: Path, group_by: str = "order") -> str:
    return export_article(path, group_by=group_by, base_dir=path.parent)[0]


def forbid_reading(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the article was read although its stamp vouched for it")

    monkeypatch.setattr(loader, "read_article", refuse)


def spy_on_export_by_stamp(monkeypatch) -> list:
    """The results of each `export_by_stamp` call (None: declined), as a list."""
    results = []
    original = by_stamp.export_by_stamp

    def spy(*args):
        results.append(original(*args))
        return results[-1]

    monkeypatch.setattr(by_stamp, "export_by_stamp", spy)
    return results


def places_of(path: Path) -> dict:
    return json.loads(sidecar_path_for(path).read_bytes())["meta"]["1"][PLACES_KEY]


def rewrite_sidecar(path: Path, change) -> None:
    sidecar = sidecar_path_for(path)
    data = json.loads(sidecar.read_bytes())
    change(data)
    sidecar.write_text(json.dumps(data), encoding="utf-8")


def reference(path: Path, tmp_path: Path, group_by: str = "order") -> str:
    """The export of a copy of the article and sidecar (a new file: its stamp differs, so
    the text is read, hashed and checked)."""
    folder = tmp_path / "reference"
    folder.mkdir(exist_ok=True)
    copy = folder / path.name
    shutil.copy(path, copy)
    shutil.copy(sidecar_path_for(path), sidecar_path_for(copy))
    return export(copy, group_by)


@pytest.mark.parametrize("group_by", ["order", "category"])
def test_export_without_reading_the_article_gives_the_same_bytes(
    seed, tmp_path, settled, monkeypatch, group_by
):
    annotate(seed, orphan=True)
    assert places_of(seed)["file"] == list(stamp.current(seed))
    expected = reference(seed, tmp_path, group_by)
    forbid_reading(monkeypatch)
    assert export(seed, group_by) == expected
    assert "lost one" in expected and "Orphaned highlights" in expected


def test_a_file_changed_moments_ago_gets_no_stamp_and_is_read(seed, tmp_path, monkeypatch):
    # A write in the same clock tick as the read could leave the stat data unchanged.
    annotate(seed)
    assert places_of(seed)["file"] is None
    expected = reference(seed, tmp_path)
    read = []
    original = loader.read_article
    monkeypatch.setattr(loader, "read_article", lambda p: read.append(p) or original(p))
    assert export(seed) == expected
    assert read == [seed]


def test_an_article_rewritten_in_place_with_its_old_mtime_is_read_again(seed, settled):
    annotate(seed)
    before = export(seed)
    st = os.stat(seed)
    data = seed.read_bytes()
    changed = data.replace(b"the", b"THE", 1)
    assert changed != data and len(changed) == len(data)
    seed.write_bytes(changed)
    os.utime(seed, ns=(st.st_atime_ns, st.st_mtime_ns))  # mtime as it was; ctime moves on
    assert stamp.current(seed) != tuple(places_of(seed)["file"])
    after = export(seed)
    assert after != before  # the re-anchored highlight quotes the new text
    assert "THE" in after


def test_an_article_replaced_by_another_file_is_read_again(seed, tmp_path, settled, monkeypatch):
    annotate(seed)
    other = tmp_path / "other.txt"
    other.write_bytes(seed.read_bytes().replace(b"the", b"thy"))
    os.replace(other, seed)
    expected = reference(seed, tmp_path)
    vouched = spy_on_export_by_stamp(monkeypatch)
    assert export(seed) == expected
    assert "thy" in expected
    assert vouched == [None]  # another inode: another stamp


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda sel: sel[0].update(exact=sel[0]["exact"].upper()), id="quote"),
        pytest.param(lambda sel: sel[0].update(prefix=sel[0]["prefix"][::-1]), id="prefix"),
        pytest.param(lambda sel: sel[0].update(suffix=sel[0]["suffix"][1:]), id="short-suffix"),
        pytest.param(lambda sel: sel[1].update(start=sel[1]["start"] + 1), id="start"),
    ],
)
def test_a_sidecar_edited_by_hand_is_checked_against_the_text(
    seed, tmp_path, settled, monkeypatch, change
):
    annotate(seed)

    def edit(data):
        record = data["annotations"]["3"]
        change(record["target"]["selector"])

    rewrite_sidecar(seed, edit)
    vouched = spy_on_export_by_stamp(monkeypatch)
    got = export(seed)
    assert vouched == [None]  # tried, and declined
    assert got == reference(seed, tmp_path)  # what the read and checked text gives


def twin_of_third_record(data, change=None) -> None:
    """Put a copy of the third highlight under another id right after it (as a merge by
    another tool may), with `change` applied to its quote selector."""
    records = list(data["annotations"].values())
    twin = json.loads(json.dumps(records[2]))
    twin["id"] = "twin"
    if change is not None:
        change(twin["target"]["selector"][0])
    records.insert(3, twin)
    data["annotations"] = {str(i): record for i, record in enumerate(records, start=1)}


@pytest.mark.parametrize("agree", [True, False])
def test_highlights_sharing_a_span_take_the_general_path(
    seed, tmp_path, settled, monkeypatch, agree
):
    # The store never keeps two highlights of one span; a merge by another tool may. The one
    # pass declines any (its records must be the placed spans one for one); the general path
    # shows both when they agree and re-anchors the other when they do not.
    annotate(seed)
    change = None if agree else (lambda quote: quote.update(exact="x"))
    rewrite_sidecar(seed, lambda data: twin_of_third_record(data, change))
    expected = reference(seed, tmp_path)
    if agree:
        assert expected.count(exact_of_third(seed)) >= 2
    vouched = spy_on_export_by_stamp(monkeypatch)
    assert export(seed) == expected
    assert vouched == [None]


def exact_of_third(path: Path) -> str:
    data = json.loads(sidecar_path_for(path).read_bytes())
    return data["annotations"]["3"]["target"]["selector"][0]["exact"]


def test_orphans_of_another_text_are_not_vouched_for(seed, tmp_path, settled, monkeypatch):
    annotate(seed, orphan=True)
    rewrite_sidecar(seed, lambda data: data["meta"]["1"].update(sha256="0" * 64))
    expected = reference(seed, tmp_path)
    vouched = spy_on_export_by_stamp(monkeypatch)
    assert export(seed) == expected
    assert vouched == [None]


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"length": "12"}, id="length-not-int"),
        pytest.param({"lines": None}, id="lines-missing"),
        pytest.param({"lines": 1}, id="too-few-lines"),
        pytest.param({"length": 10}, id="text-too-short"),
        pytest.param({"anchors": None}, id="no-digest"),
        pytest.param({"anchors": "0" * 64}, id="wrong-digest"),
        pytest.param({"file": [1, 2, 3, 4]}, id="other-file"),
        pytest.param({"sha256": None}, id="no-sha"),
        pytest.param({"code": "older"}, id="other-code"),
    ],
)
def test_unfit_places_are_not_used_without_the_text(seed, tmp_path, settled, monkeypatch, change):
    annotate(seed)
    expected = reference(seed, tmp_path)
    rewrite_sidecar(seed, lambda data: data["meta"]["1"][PLACES_KEY].update(change))
    vouched = spy_on_export_by_stamp(monkeypatch)
    assert export(seed) == expected
    assert vouched == [None]


def test_the_app_flow_writes_a_stamp_the_export_trusts(seed, tmp_path, settled, monkeypatch):
    # load_document takes the stamp; each save of the store writes it with the places.
    document = loader.load_document(seed)
    assert document.stamp == stamp.current(seed)
    store = AnnotationStore.open(document)
    sentence = document.blocks[1].sentences[0]
    store.add(sentence.start, sentence.end, note="*kept* as written")
    store.flush()
    store.close()
    expected = reference(seed, tmp_path)
    forbid_reading(monkeypatch)
    assert export(seed) == expected


# --- the stamp itself ---------------------------------------------------------------------


def test_stamp_of_a_read(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("one")
    before = os.stat(path)
    later = before.st_mtime_ns + stamp.RACY_NS + 1
    assert stamp.stamp_of_read(before, os.stat(path), later) == stamp.stamp_of_stat(before)
    # changed too recently to vouch for the bytes read
    assert stamp.stamp_of_read(before, os.stat(path), before.st_mtime_ns) is None
    path.write_text("two!")  # changed during the read
    assert stamp.stamp_of_read(before, os.stat(path), later + 10**10) is None
    folder = os.stat(tmp_path)
    assert stamp.stamp_of_read(folder, folder, later + 10**10) is None


def test_current_stamp(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("one")
    assert stamp.current(path) == stamp.stamp_of_stat(os.stat(path))
    assert stamp.current(tmp_path) is None
    assert stamp.current(tmp_path / "missing.txt") is None


def test_read_text_stamped_gives_no_stamp_for_a_fresh_file(tmp_path):
    from reader.document.decode import read_text_stamped

    path = tmp_path / "a.txt"
    path.write_text("fresh\r\n")
    assert read_text_stamped(path) == ("fresh\n", "utf-8", None)


def test_an_export_by_stamp_loads_few_modules(seed, settled):
    # What `reader export` imports is start-up time on every run: the path that does not
    # read the article needs neither hashing (OpenSSL), nor typing, nor shutil (argparse's
    # terminal width), nor the parser and the outline cache.
    import subprocess
    import sys

    annotate(seed)
    out = seed.with_name("notes.md")
    script = (
        "import sys\n"
        "from reader.cli import main\n"
        f"assert main(['export', {str(seed)!r}, '-o', {str(out)!r}]) == 0\n"
        "heavy = ('typing', 'shutil', 'hashlib', 'dataclasses', 'reader.document.plaintext',\n"
        "         'reader.export.sentence_cache', 'reader.annotations.anchoring', 'textual')\n"
        "print(' '.join(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == ""
    assert out.read_text(encoding="utf-8") == export(seed)


SEED_SENTENCES = None


def seed_sentences() -> list[tuple[int, int]]:
    global SEED_SENTENCES
    if SEED_SENTENCES is None:
        document = loader.load_document(SEED)
        SEED_SENTENCES = [(s.start, s.end) for b in document.blocks for s in b.sentences]
    return SEED_SENTENCES


HIGHLIGHT = st.fixed_dictionaries(
    {
        "category": st.sampled_from(["claim", "evidence", "question", "disputed", "quote"]),
        "note": st.sampled_from(["", " ", "a *note*", "```\nopen fence", "line\n\nline"]),
        "tags": st.lists(st.sampled_from(["uk", "two words", "a*b", "#x"]), max_size=2),
        "two": st.booleans(),  # over two sentences
    }
)


@settings(deadline=None, max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(st.integers(0, 40), HIGHLIGHT, min_size=1, max_size=12),
    st.integers(0, 2),
    st.sampled_from(["order", "category"]),
    st.text(max_size=20),
)
def test_one_pass_export_gives_the_general_paths_bytes(chosen, orphans, group_by, note):
    sentences = seed_sentences()
    with tempfile.TemporaryDirectory() as folder, mock.patch.object(stamp, "RACY_NS", -(10**12)):
        path = Path(folder) / "story.txt"
        shutil.copy(SEED, path)
        store = AnnotationStore.open(loader.load_document(path))
        for index, h in sorted(chosen.items()):
            start, end = sentences[index % len(sentences)]
            if h["two"]:
                end = sentences[(index + 1) % len(sentences)][1]
            if end > start:
                store.add(start, end, h["category"], h["note"], h["tags"])
        for i in range(orphans):
            lost = Annotation(id=f"lost{i}", category="question", start=0, end=4, exact=f"gone {i}")
            store.add_annotation(lost.replace(created=f"2026-01-0{3 - i}T00:00:00Z"))
        store.set_article_note(note)
        store.close()
        results = []
        original = by_stamp.export_by_stamp
        with mock.patch.object(
            by_stamp, "export_by_stamp", lambda *a: results.append(original(*a)) or results[-1]
        ):
            got = export(path, group_by)
        assert results and results[0] is not None  # the one pass was taken
        assert got == reference(path, Path(folder), group_by)


def test_the_anchors_checksum_follows_the_spans(seed, monkeypatch):
    from reader.annotations import places as places_module
    from reader.annotations.places import PlaceFinder

    document = loader.load_document(seed)
    spans = [(s.start, s.end) for b in document.blocks for s in b.sentences][:6]
    computed, sliced = [], []
    digest, selector = places_module.anchors_digest, places_module.quote_selector
    monkeypatch.setattr(
        places_module, "anchors_digest", lambda *a: computed.append(1) or digest(*a)
    )
    monkeypatch.setattr(
        places_module, "quote_selector", lambda *a: sliced.append(a[1:]) or selector(*a)
    )
    finder = PlaceFinder(document, "story")
    first = finder.payload(spans[:5])["anchors"]
    assert finder.payload(list(spans[:5]))["anchors"] == first
    assert len(computed) == 1  # the same spans: reused
    grown = finder.payload(spans)["anchors"]
    assert grown != first and len(computed) == 2
    assert sliced == [*spans[:5], spans[5]]  # each span's text sliced once
    assert PlaceFinder(document, "story").payload(spans)["anchors"] == grown
    # A store opened again starts from the checksum its sidecar holds for the same spans.
    stored = PlaceFinder(document, "story").payload(spans)
    reopened = PlaceFinder(document, "story")
    reopened.seed(json.loads(json.dumps(stored)))
    before = len(computed)
    assert reopened.payload(spans)["anchors"] == grown and len(computed) == before


def test_an_empty_placed_span_is_not_trusted(seed, settled):
    # `still_anchored` never holds for an empty span, so the places may not vouch for one.
    annotate(seed)
    places = places_of(seed)
    places["at"]["end"][0] = places["at"]["start"][0]
    assert read_places_by_stamp(places, stamp.current(seed), "story") is None


def test_an_article_the_user_may_not_read_is_not_exported_from_its_sidecar(
    seed, settled, monkeypatch
):
    # Only the read says "permission denied": the one pass would export without it.
    annotate(seed)
    vouched = spy_on_export_by_stamp(monkeypatch)
    readable = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode: False if Path(path) == seed else readable(path, mode)
    )
    export(seed)  # (root reads it anyway: the read is what decides)
    assert vouched == []


def _edit_a_record(data, rng):
    records = list(data["annotations"].values())
    record = rng.choice(records)
    quote, position = record["target"]["selector"]
    rng.choice(
        [
            lambda: record.update(orphaned=not record["orphaned"]),
            lambda: record.update(tags=rng.choice([[1], ["a", None], "x"])),
            lambda: record.update(category=rng.choice(["", None, "other"])),
            lambda: record.update(id=rng.choice(["", 5, records[0]["id"]])),
            lambda: record.update(extra=1),
            lambda: record.update(modified=rng.choice(["", "9999"])),
            lambda: record["target"].update(source=None),
            lambda: quote.update(exact=quote["exact"][::-1]),
            lambda: quote.update(prefix=quote["prefix"][1:]),
            lambda: position.update(start=float(position["start"])),
            lambda: position.update(type="X"),
        ]
    )()


def _edit_the_file(data, rng):
    places = data["meta"]["1"][PLACES_KEY]
    records = list(data["annotations"].values())
    rng.choice(
        [
            lambda: data["meta"].update({"2": rng.choice([{"schema": 2}, {"sha256": "0"}])}),
            lambda: data["meta"].update({"2": {"article_note": "merged note"}}),
            lambda: data["meta"]["1"].update(schema=rng.choice([True, 1.0, 0])),
            lambda: places.update(lines=places["lines"] + rng.choice([-1, 1])),
            lambda: places.update(length=places["length"] + rng.choice([-1, 1])),
            lambda: data.update(annotations={str(i): r for i, r in enumerate(records[::-1], 1)}),
            lambda: data["annotations"].update({"x": json.loads(json.dumps(records[-1]))}),
            lambda: data.update(other={"1": {"a": 1}}),
        ]
    )()


@settings(deadline=None, max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False), st.integers(1, 3))
def test_an_edited_sidecar_is_declined_or_exported_as_the_general_path_does(rng, edits):
    # Whatever a hand or another tool did to the sidecar, the one pass either gives way or
    # gives the bytes of the path that reads the article and checks every highlight.
    with tempfile.TemporaryDirectory() as folder, mock.patch.object(stamp, "RACY_NS", -(10**12)):
        path = Path(folder) / "story.txt"
        shutil.copy(SEED, path)
        annotate(path, orphan=True)
        data = json.loads(sidecar_path_for(path).read_bytes())
        for _ in range(edits):
            rng.choice([_edit_a_record, _edit_the_file])(data, rng)
        sidecar_path_for(path).write_text(json.dumps(data), encoding="utf-8")
        raw = json.loads(sidecar_path_for(path).read_bytes())
        one_pass = by_stamp.export_by_stamp(
            path, raw, stamp.current(path), "story", "order", "story.txt"
        )
        if one_pass is not None:
            assert one_pass == reference(path, Path(folder))
