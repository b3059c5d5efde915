"""The `reader annotate` and `reader annotations` verbs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from annotation_fixtures import ARTICLE, CORPUS

from reader.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_annotate_then_list(story, capsys):
    status, out, err = run(
        capsys,
        "annotate", str(story), "--quote", "The mayor said the bridge",
        "--occurrence", "2", "--category", "question", "--note", "Again?",
        "--tag", "date", "--tag", "repeat",
    )  # fmt: skip
    assert status == 0 and err == ""
    ann_id = out.strip()
    assert len(ann_id) == 36 and out == ann_id + "\n"
    data = json.loads(Path(str(story) + ".annotations.json").read_text())
    (rec,) = data["annotations"].values()
    assert rec["id"] == ann_id and rec["tags"] == ["date", "repeat"] and rec["note"] == "Again?"
    second = ARTICLE.index("The mayor said the bridge", ARTICLE.index("The mayor") + 1)
    assert rec["target"]["selector"][1]["start"] == second

    status, out, err = run(capsys, "annotations", str(story))
    assert status == 0 and err == ""
    assert out == f"{ann_id}\tquestion\tanchored\tThe mayor said the bridge\n"


def test_whitespace_in_quote_matches_line_breaks_and_listing_is_one_line(story, capsys):
    status, out, _ = run(capsys, "annotate", str(story), "--quote", "too   low. The mayor")
    assert status == 0
    status, out, _ = run(capsys, "annotate", str(story), "--quote", "2027. Engineers warned")
    assert status == 0
    _, listing, _ = run(capsys, "annotations", str(story))
    lines = listing.splitlines()
    assert len(lines) == 2
    assert lines[1].split("\t")[3] == "2027.  Engineers warned"  # "\n\n" became two spaces
    assert all(line.count("\t") == 3 for line in lines)


def test_empty_article_list_prints_nothing_and_creates_nothing(story, capsys):
    """Nothing on stdout (a script reads no line), one line on stderr saying so."""
    assert run(capsys, "annotations", str(story)) == (0, "", f"reader: no annotations in {story}\n")
    assert not Path(str(story) + ".annotations.json").exists()


def test_annotations_json_has_every_field_and_the_attribution(tmp_path, capsys):
    story = tmp_path / "s.txt"
    story.write_text(
        "Title\n\nThe bridge is unsafe, according to the city engineer. Work begins soon.\n"
    )
    run(capsys, "annotate", str(story), "--quote", "The bridge is unsafe", "--tag", "t")
    status, out, err = run(capsys, "annotations", str(story), "--json")
    assert status == 0 and err == ""
    (line,) = out.splitlines()
    record = json.loads(line)
    assert record["exact"] == "The bridge is unsafe" and record["tags"] == ["t"]
    assert record["attribution"] == {"source": "the city engineer", "kind": "named"}
    assert {"id", "category", "note", "created", "start", "end", "orphaned"} <= set(record)


@pytest.mark.parametrize(
    "args, status, message",
    [
        (["--quote", "not in the article"], 1, "quote not found"),
        (["--quote", "The mayor said", "--occurrence", "3"], 1, "occurs 2 times"),
        (["--quote", "The mayor said"], 1, "ambiguous: it occurs 2 times"),
        (["--quote", "bridge", "--category", "opinion"], 2, "claim, evidence, question"),
        (["--quote", "bridge", "--occurrence", "0"], 2, "--occurrence"),
        (["--quote", "   "], 2, "--quote"),
    ],
)
def test_annotate_bad_input(story, capsys, args, status, message):
    code, out, err = run(capsys, "annotate", str(story), *args)
    assert code == status and out == ""
    assert err.startswith("reader: error: ") and message in err and err.count("\n") == 1
    assert not Path(str(story) + ".annotations.json").exists()


def test_missing_file_and_corrupt_sidecar(story, capsys, tmp_path):
    code, _, err = run(capsys, "annotations", str(tmp_path / "nope.txt"))
    assert code == 2 and err.startswith("reader: error: ") and err.count("\n") == 1
    sidecar = Path(str(story) + ".annotations.json")
    sidecar.write_text("{not json")
    annotate = ["annotate", str(story), "--quote", "bridge", "--occurrence", "1"]
    for argv in (["annotations", str(story)], annotate):
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == "" and "not valid JSON (line 1)" in err
    assert sidecar.read_text() == "{not json"


def test_markdown_quote_matches_display_text(tmp_path, capsys):
    post = tmp_path / "post.md"
    post.write_text("# Title\n\nSome **bold** words and a [link](https://example.org) here.\n")
    code, out, _ = run(capsys, "annotate", str(post), "--quote", "bold words and a link")
    assert code == 0
    _, listing, _ = run(capsys, "annotations", str(post))
    assert listing == f"{out.strip()}\tclaim\tanchored\tbold words and a link\n"


def test_orphaned_annotation_is_listed(story, capsys):
    _, out, _ = run(capsys, "annotate", str(story), "--quote", "Critics said the cost")
    story.write_text(ARTICLE.replace("Critics said the cost estimate was too low. ", ""))
    _, listing, _ = run(capsys, "annotations", str(story))
    assert listing == f"{out.strip()}\tclaim\torphaned\tCritics said the cost\n"


def test_corpus_article(tmp_path, capsys):
    source = CORPUS / "bbc-politics-361.txt"
    if not source.exists():
        pytest.skip("corpus not available")
    article = tmp_path / source.name
    article.write_bytes(source.read_bytes())  # a copy in tmp: the sidecar goes beside it
    from reader.document.loader import load_document

    text = load_document(article).text
    quote = " ".join(text[len(text) // 2 :].split()[1:6])
    code, out, _ = run(capsys, "annotate", str(article), "--quote", quote)
    assert code == 0
    _, listing, _ = run(capsys, "annotations", str(article))
    assert listing.split("\t")[3].strip() == quote


def test_verbs_through_a_real_process(story):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    added = subprocess.run(
        [sys.executable, "-m", "reader", "annotate", str(story), "--quote", "river bed"],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "reader", "annotations", str(story)],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert listed.returncode == 0
    assert listed.stdout == f"{added.stdout.strip()}\tclaim\tanchored\triver bed\n"
    missing = subprocess.run(
        [sys.executable, "-m", "reader", "annotate", str(story), "--quote", "zebra"],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    # Neither verb imports textual.
    probe = subprocess.run(
        [sys.executable, "-c",
         "import sys; from reader.cli import main; main(['annotations', sys.argv[1]]); "
         "print('textual' in sys.modules)", str(story)],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert probe.stdout.strip().endswith("False")


def test_annotating_a_highlighted_quote_again_keeps_the_new_note_and_tags(story, capsys):
    quote = "The mayor said the bridge"
    args = ("annotate", str(story), "--quote", quote, "--occurrence", "1")
    status, first, _ = run(capsys, *args, "--note", "First.", "--tag", "a")
    assert status == 0
    status, again, err = run(capsys, *args, "--note", "Second.", "--tag", "b", "--tag", "a")
    assert status == 0 and again == first and err == ""
    status, _, _ = run(capsys, *args, "--note", "Second.")  # the same note is not repeated
    data = json.loads(Path(str(story) + ".annotations.json").read_text())
    (rec,) = data["annotations"].values()
    assert rec["note"] == "First.\n\nSecond."
    assert rec["tags"] == ["a", "b"]


def test_annotate_overlapping_a_highlight_warns_as_the_app_does(story, capsys):
    """The same sentence with and without its full stop made a second, overlapping highlight
    without a word (the app says so); now stderr says it, as the app does, and it is made."""
    quote = "Critics said the cost estimate was too low"
    status, first, err = run(capsys, "annotate", str(story), "--quote", quote)
    assert status == 0 and err == ""
    status, second, err = run(capsys, "annotate", str(story), "--quote", quote + ".")
    assert status == 0 and second != first
    said = "reader: warning: Highlighted; overlaps the Claim highlight “Critics said the cost"
    assert err == said + " estimate was too…”\n"
    _, listing, _ = run(capsys, "annotations", str(story))
    assert len(listing.splitlines()) == 2
    # the very same quote again is the highlight already made: no second one, no warning
    status, again, err = run(capsys, "annotate", str(story), "--quote", quote + ".")
    assert (status, again, err) == (0, second, "")
