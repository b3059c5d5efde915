"""A saved web page (.html) has its highlights' places without a line link in the Markdown
exports: its lines are those of the text extracted from the page, not of the HTML file the
link opens (before: `[line 7](bridge.html#L7)` for a paragraph on line 28 of the file). A
plain text keeps its line links."""

from __future__ import annotations

from pathlib import Path

from reader.annotations.store import AnnotationStore
from reader.cli import main
from reader.document.loader import load_document

QUOTE = "The council will close the bridge for three years."
FILLER = "".join(f'<meta name="m{n}" content="v{n}">\n' for n in range(20))
PAGE = (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
    f"<title>Harbour bridge to close</title>\n{FILLER}</head>\n<body><article>\n"
    "<h1>Harbour bridge to close</h1>\n"
    "<p>The harbour bridge is the town's only road crossing, and it is old.</p>\n"
    f"<p>{QUOTE} The mayor said so on Monday.</p>\n"
    "</article></body></html>\n"
)


def highlighted(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, "utf-8")
    doc = load_document(path)
    store = AnnotationStore.open(doc)
    try:
        start = doc.text.index(QUOTE)
        ann = store.add(start, start + len(QUOTE))
        store.update(ann.id, status="refuted", rationale="five years")
    finally:
        store.close()
    return path


def export(capsys, *argv: str) -> str:
    assert main(["export", *argv]) == 0
    return capsys.readouterr().out


def test_a_saved_page_has_places_without_line_links(tmp_path, capsys, monkeypatch):
    highlighted(tmp_path / "lib", "bridge.html", PAGE)
    monkeypatch.chdir(tmp_path)
    for argv in (["lib/bridge.html"], ["lib"], ["--format", "dossier", "lib"]):
        text = export(capsys, *argv)
        assert "¶ 3, sentence 1" in text, argv
        assert "[line " not in text and "#L" not in text, argv


def test_a_plain_text_keeps_its_line_links(tmp_path, capsys, monkeypatch):
    text = f"Harbour bridge to close\n\nThe harbour bridge is old.\n\n{QUOTE} The mayor said so.\n"
    highlighted(tmp_path / "lib", "bridge.txt", text)
    monkeypatch.chdir(tmp_path)
    for argv in (["lib/bridge.txt"], ["lib"], ["--format", "dossier", "lib"]):
        assert "[line 5](" in export(capsys, *argv), argv
