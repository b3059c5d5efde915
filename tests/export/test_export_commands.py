"""`reader export` / `reader import` with the real loader and store: round trip, library."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from reader.annotations.store import AnnotationStore
from reader.cli import main
from reader.document.loader import load_document
from reader.export.command import ProgressBar
from reader.export.markdown import MARKER

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"

ARTICLE = (
    "Budget to set scene for election\n"
    "\n"
    "Gordon Brown will seek to put the economy at the centre of Labour's bid. He will say so.\n"
    "\n"
    "The chancellor is expected to freeze duties. Tax cuts are possible but unlikely.\n"
)


def write_article(folder: Path, name: str, text: str = ARTICLE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def annotate(path: Path, items: list[tuple[str, str, str, list[str]]], note: str = "") -> None:
    """items: (quote, category, note, tags)."""
    doc = load_document(path)
    store = AnnotationStore.open(doc)
    try:
        for quote, category, ann_note, tags in items:
            start = doc.text.index(quote)
            ann = store.add(start, start + len(quote), category)
            store.update(ann.id, note=ann_note, tags=tags)
        if note:
            store.set_article_note(note)
    finally:
        store.close()


def stored(path: Path):
    store = AnnotationStore.open(load_document(path))
    try:
        return store.annotations, store.article_note
    finally:
        store.close()


def key(ann):
    return (
        ann.id, ann.category, ann.note, ann.tags, ann.start, ann.end,
        ann.exact, ann.prefix, ann.suffix, ann.orphaned,
    )  # fmt: skip


def test_w3c_round_trip(tmp_path, capsys):
    article = write_article(tmp_path / "a", "story.txt")
    annotate(
        article,
        [
            ("Gordon Brown", "evidence", "**bold** note\n\n- item", ["uk", "budget 2005"]),
            ("freeze duties", "question", "", []),
            ("He will say so.", "quote", "", ["x"]),
        ],
    )
    out = tmp_path / "export.json"
    assert main(["export", str(article), "--format", "w3c", "-o", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["total"] == 3

    copy = write_article(tmp_path / "b", "story.txt")
    assert main(["import", str(copy), str(out)]) == 0
    assert capsys.readouterr().out == "added 3, matched 0, orphaned 0\n"
    original, imported = stored(article)[0], stored(copy)[0]
    assert [key(a) for a in imported] == [key(a) for a in original]
    assert [(a.created, a.modified) for a in imported] == [
        (a.created, a.modified) for a in original
    ]

    # importing again matches everything and adds nothing
    assert main(["import", str(copy), str(out)]) == 0
    assert capsys.readouterr().out == "added 0, matched 3, orphaned 0\n"
    assert len(stored(copy)[0]) == 3


def test_import_hand_written_quote_only(tmp_path, capsys):
    article = write_article(tmp_path, "story.txt")
    annotate(article, [("Tax cuts", "claim", "", [])])
    w3c = tmp_path / "other-tool.json"
    w3c.write_text(
        json.dumps(
            [
                {
                    "@context": "http://www.w3.org/ns/anno.jsonld",
                    "id": "http://example.org/anno/1",
                    "type": "Annotation",
                    "body": {"type": "TextualBody", "value": "Check this"},
                    "target": {
                        "source": "https://example.org/some/other/place",
                        "selector": {"type": "TextQuoteSelector", "exact": "freeze duties"},
                    },
                },
                {  # same range as the existing highlight: matched
                    "type": "Annotation",
                    "target": [{"selector": [{"type": "TextQuoteSelector", "exact": "Tax cuts"}]}],
                },
                {
                    "type": "Annotation",
                    "target": {"selector": {"type": "TextQuoteSelector", "exact": "not in it"}},
                },
            ]
        )
    )
    assert main(["import", str(article), str(w3c)]) == 0
    assert capsys.readouterr().out == "added 1, matched 1, orphaned 1\n"
    anns, _ = stored(article)
    added = next(a for a in anns if a.exact == "freeze duties")
    assert added.note == "Check this" and not added.orphaned
    assert ARTICLE[added.start : added.end] == "freeze duties"
    assert [a.exact for a in anns if a.orphaned] == ["not in it"]


def test_import_bad_json_is_one_line(tmp_path, capsys):
    article = write_article(tmp_path, "story.txt")
    bad = tmp_path / "bad.json"
    bad.write_text("{oops")
    assert main(["import", str(article), str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("reader: error: ") and str(bad) in err and err.count("\n") == 1
    assert not (tmp_path / "story.txt.annotations.json").exists()


def test_export_markdown_to_stdout_and_file(tmp_path, capsys, monkeypatch):
    article = write_article(tmp_path, "story.txt")
    annotate(article, [("freeze duties", "evidence", "", ["tax"])], note="Read *again*.")
    monkeypatch.chdir(tmp_path)
    assert main(["export", "story.txt"]) == 0
    text = capsys.readouterr().out
    assert text.startswith(MARKER + "\n")
    assert "[line 5](story.txt#L5)" in text
    assert "Read *again*." in text
    out = tmp_path / "notes" / "out.md"
    out.parent.mkdir()
    assert main(["export", str(article), "-o", str(out), "--group-by", "category"]) == 0
    written = out.read_text()
    assert "[line 5](../story.txt#L5)" in written and "### Evidence (1)" in written
    # the same again gives the same bytes
    assert main(["export", str(article), "-o", str(out), "--group-by", "category"]) == 0
    assert out.read_text() == written


def test_export_of_unannotated_article_creates_no_sidecar(tmp_path, capsys):
    article = write_article(tmp_path, "story.txt")
    assert main(["export", str(article)]) == 0
    assert "No highlights yet." in capsys.readouterr().out
    assert not (tmp_path / "story.txt.annotations.json").exists()


def test_export_missing_path(tmp_path, capsys):
    assert main(["export", str(tmp_path / "nope.txt")]) == 2
    assert "nope.txt" in capsys.readouterr().err


def make_library(root: Path) -> None:
    old = write_article(root, "old.txt", "Old news\n\nFebruary 3, 2001\n\nOld body text here.\n")
    new = write_article(root / "sub", "new.txt", "New post\n\nMay 6, 2024\n\nNew body text here.\n")
    undated = write_article(root, "b-undated.txt", "Undated story\n\nUndated body text here.\n")
    write_article(root, "a-undated.txt", "Other undated\n\nAnother body text here.\n")
    write_article(root, "plain.txt", "Never annotated\n\nNo notes.\n")
    annotate(old, [("Old body", "claim", "", []), ("text here", "evidence", "", [])])
    annotate(new, [("New body", "disputed", "", [])])
    annotate(undated, [("Undated body", "claim", "", [])])
    annotate(root / "a-undated.txt", [("Another", "question", "", [])])
    # excluded file kinds
    (root / "x.txt.notes.md").write_text("# not an article\n")
    (root / "old.txt.annotations.json.corrupt-1").write_text("{")


def test_library_markdown(tmp_path, capsys):
    root = tmp_path / "lib"
    make_library(root)
    out = tmp_path / "all.md"
    assert main(["export", str(root), "-o", str(out)]) == 0
    text = out.read_text()
    tokens = MarkdownIt("commonmark").parse(text)
    h2 = [
        tokens[i + 1].content
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == "h2"
    ]
    assert h2 == ["Contents", "New post", "Old news", "Other undated", "Undated story"]
    assert "5 highlights in 4 articles." in text
    assert "| Claim | 2 |" in text and "| Evidence | 1 |" in text and "| Total | 5 |" in text
    assert "1. [New post](#new-post) — 2024-05-06 · 1 highlight · sub/new.txt" in text
    assert "2. [Old news](#old-news) — 2001-02-03 · 2 highlights · old.txt" in text
    assert "Never annotated" not in text and "not an article" not in text
    assert "(lib/sub/new.txt#L5)" in text


def test_library_w3c_has_a_source_per_article(tmp_path, capsys):
    root = tmp_path / "lib"
    make_library(root)
    assert main(["export", str(root), "--format", "w3c"]) == 0
    data = json.loads(capsys.readouterr().out)
    items = data["first"]["items"]
    assert data["total"] == len(items) == 5
    sources = {i["target"]["source"] for i in items}
    assert len(sources) == 4 and all(s.startswith("file://") for s in sources)


def test_progress_bar():
    class Stream:
        def __init__(self):
            self.text = ""

        def write(self, s):
            self.text += s

        def flush(self):
            pass

    stream = Stream()
    bar = ProgressBar(stream, minimum=3)
    bar(1, 2)
    assert stream.text == ""
    bar(1, 4)
    assert stream.text.endswith("] 1/4") and "\r[" in stream.text
    bar(4, 4)
    assert "] 4/4" in stream.text and stream.text.endswith("\r")


@pytest.mark.parametrize("name", ["post-rust-1.73.0.md", "bbc-politics-361.txt"])
def test_round_trip_on_corpus_articles(tmp_path, capsys, name):
    source = CORPUS / name
    if name.endswith(".md"):
        pytest.importorskip("reader.document.markdown")
    if not source.exists():
        pytest.skip("shared corpus not present")
    article = tmp_path / "a" / name
    article.parent.mkdir()
    shutil.copy(source, article)
    doc = load_document(article)
    store = AnnotationStore.open(doc)
    try:
        for block in doc.blocks[1::3]:
            for sentence in block.sentences[:2]:
                ann = store.add(sentence.start, sentence.end, "claim")
                store.update(ann.id, note=f"note {sentence.start}")
    finally:
        store.close()
    original = stored(article)[0]
    assert original
    out = tmp_path / "x.json"
    assert main(["export", str(article), "--format", "w3c", "-o", str(out)]) == 0
    copy = tmp_path / "b" / name
    copy.parent.mkdir()
    shutil.copy(source, copy)
    assert main(["import", str(copy), str(out)]) == 0
    assert capsys.readouterr().out == f"added {len(original)}, matched 0, orphaned 0\n"
    assert [key(a) for a in stored(copy)[0]] == [key(a) for a in original]
    # the Markdown export quotes every highlight literally
    assert main(["export", str(article)]) == 0
    md = capsys.readouterr().out
    assert md.count("\n> ") >= len(original)


def test_export_help_says_what_each_format_is(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    for meaning in ("article file or a library folder", "Web Annotation", "schema.org"):
        assert meaning in shown, shown
    assert "reading order" in shown and "by category" in shown
