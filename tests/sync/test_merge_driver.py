"""`reader merge-sidecar`: the store's 3-way merge, whatever the side, as git's driver."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.annotations.merge import merge_sidecars
from reader.annotations.sidecar import dumps
from reader.cli import main
from reader.sync.driver import merge_files

TEXT = "word " * 400


def record(key: str, n: int, note: str = "", tags: tuple[str, ...] = ()) -> dict[str, Any]:
    start = n * 10  # one range per annotation: no two fold into one
    return {
        "id": key,
        "type": "Annotation",
        "category": "claim",
        "tags": list(tags),
        "note": note,
        "created": f"2026-12-06T10:00:{n % 60:02d}Z",
        "modified": f"2026-12-06T10:00:{n % 60:02d}Z",
        "orphaned": False,
        "target": {
            "source": "story.txt",
            "selector": [
                {"type": "TextQuoteSelector", "exact": TEXT[start : start + 4]},
                {"type": "TextPositionSelector", "start": start, "end": start + 4},
            ],
        },
    }


def sidecar(records: list[dict[str, Any]], note: str = "") -> dict[str, Any]:
    return {
        "meta": {"1": {"schema": 1, "source": "story.txt", "article_note": note}},
        "annotations": {str(i): r for i, r in enumerate(records, start=1)},
    }


# An edit script: ("add", n) | ("note", i, text) | ("tags", i, tag) | ("delete", i)
step = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 9)),
    st.tuples(st.just("note"), st.integers(0, 9), st.sampled_from(["x", "y", "long note"])),
    st.tuples(st.just("tags"), st.integers(0, 9), st.sampled_from(["a", "b"])),
    st.tuples(st.just("delete"), st.integers(0, 9)),
)


def apply(base: list[dict[str, Any]], script: list[tuple], side: str, stamp: int):
    """The side's records after its script; (records, ids it added, ids it deleted)."""
    records = [dict(r) for r in base]
    added, deleted = set(), set()
    for number, action in enumerate(script):
        if action[0] == "add":
            key = f"{side}{number}"
            records.append(record(key, 20 + 10 * (side == "t") + number, note=side))
            added.add(key)
            continue
        if not records:
            continue
        i = action[1] % len(records)
        r = records[i] = dict(records[i])
        r["modified"] = f"2026-12-07T0{stamp}:00:{number:02d}Z"
        if action[0] == "note":
            r["note"] = f"{side}: {action[2]}"
        elif action[0] == "tags":
            r["tags"] = [*r["tags"], action[2]]
        else:
            deleted.add(records.pop(i)["id"])
            added.discard(r["id"])
    return records, added, deleted


@settings(max_examples=60, deadline=None)
@given(
    n_base=st.integers(0, 5),
    ours_script=st.lists(step, max_size=6),
    theirs_script=st.lists(step, max_size=6),
)
def test_merge_keeps_what_either_side_added_and_is_side_independent(
    n_base: int, ours_script: list[tuple], theirs_script: list[tuple]
) -> None:
    base_records = [record(f"b{i}", i, note=f"base {i}") for i in range(n_base)]
    ours_records, ours_added, ours_deleted = apply(base_records, ours_script, "o", 1)
    theirs_records, theirs_added, theirs_deleted = apply(base_records, theirs_script, "t", 2)
    base, ours, theirs = sidecar(base_records), sidecar(ours_records), sidecar(theirs_records)
    with tempfile.TemporaryDirectory() as folder:
        names = ("base", "ours", "theirs", "ours2", "theirs2")
        paths = {name: Path(folder, name) for name in names}
        for name, data in zip(names, (base, ours, theirs, theirs, ours), strict=True):
            paths[name].write_bytes(dumps(data))
        merged = merge_files(paths["base"], paths["ours"], paths["theirs"])
        merge_files(paths["base"], paths["ours2"], paths["theirs2"])  # the other machine
        result, other_side = paths["ours"].read_bytes(), paths["ours2"].read_bytes()
    assert result == dumps(merged) == other_side
    ids = {r["id"]: r for r in merged["annotations"].values()}
    for key in ours_added | theirs_added:
        assert key in ids
    base_ids = {r["id"] for r in base_records}
    ours_by_id = {r["id"]: r for r in ours_records}
    theirs_by_id = {r["id"]: r for r in theirs_records}
    base_by_id = {r["id"]: r for r in base_records}
    for key in base_ids:
        gone_here, gone_there = key in ours_deleted, key in theirs_deleted
        if not gone_here and not gone_there:
            assert key in ids
        elif gone_here and theirs_by_id.get(key) == base_by_id[key]:
            assert key not in ids  # deleted, untouched elsewhere: stays deleted
        elif gone_there and ours_by_id.get(key) == base_by_id[key]:
            assert key not in ids
        elif gone_here != gone_there:
            assert key in ids  # deleted on one side, edited on the other: the edit is kept
    # Every note either side wrote on a kept annotation is in the merged note.
    for side in (ours_by_id, theirs_by_id):
        for key, r in side.items():
            if key in ids and r["note"] != base_by_id.get(key, {}).get("note"):
                assert r["note"] in ids[key]["note"]
    # The store's own merge, in one order of the sides, and the same whatever the side.
    assert merged in (merge_sidecars(base, ours, theirs), merge_sidecars(base, theirs, ours))


def _write_three(folder: Path) -> tuple[Path, Path, Path]:
    base = folder / "base.json"
    ours = folder / "ours.json"
    theirs = folder / "theirs.json"
    shared = record("s", 0, note="start")
    base.write_bytes(dumps(sidecar([shared])))
    ours.write_bytes(dumps(sidecar([{**shared, "note": "ours"}, record("o", 1)])))
    theirs.write_bytes(dumps(sidecar([{**shared, "note": "theirs"}, record("t", 2)])))
    return base, ours, theirs


def test_the_same_bytes_whatever_the_side(tmp_path: Path) -> None:
    base, ours, theirs = _write_three(tmp_path)
    mirror = tmp_path / "mirror.json"
    mirror.write_bytes(theirs.read_bytes())
    other = tmp_path / "other.json"
    other.write_bytes(ours.read_bytes())
    assert main(["merge-sidecar", str(base), str(ours), str(theirs), "story.txt.a.json"]) == 0
    assert main(["merge-sidecar", str(base), str(mirror), str(other), "story.txt.a.json"]) == 0
    assert ours.read_bytes() == mirror.read_bytes()
    text = ours.read_text("utf-8")
    assert '"ours' in text and "theirs" in text and '"o"' in text and '"t"' in text


def test_driver_runs_as_git_runs_it(tmp_path: Path) -> None:
    """The registered command line: this interpreter, -P -m reader, from another folder."""
    from reader.sync.repository import driver_command

    base, ours, theirs = _write_three(tmp_path)
    line = driver_command().replace("%O", str(base)).replace("%A", str(ours))
    line = line.replace("%B", str(theirs)).replace("%P", "story.txt.annotations.json")
    (tmp_path / "reader").mkdir()  # a library folder named like the program stands in for nothing
    done = subprocess.run(line, shell=True, cwd=tmp_path, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert b'"t"' in ours.read_bytes()


def test_unreadable_input_fails_with_one_line(tmp_path: Path) -> None:
    base, ours, theirs = _write_three(tmp_path)
    theirs.write_bytes(b"{not json")
    before = ours.read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "reader", "merge-sidecar", str(base), str(ours), str(theirs),
         "news/story.txt.annotations.json"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "news/story.txt.annotations.json" in done.stderr
    assert "not valid JSON" in done.stderr
    assert ours.read_bytes() == before  # left as it was: git reports the conflict
