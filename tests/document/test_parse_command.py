"""`reader parse` end to end (subprocesses) and import hygiene."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from document_helpers import CORPUS, ROOT, SEED

from reader.document.loader import parse_text
from reader.document.serialize import document_json, document_json_pieces


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def test_parse_prints_the_model_as_json():
    result = run("parse", str(SEED))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == [
        "path",
        "format",
        "title",
        "subtitle",
        "published",
        "source",
        "authors",
        "dateline",
        "encoding",
        "blocks",
    ]
    assert data["format"] == "text" and data["published"] == "2026-01-27"
    for block in data["blocks"]:
        assert {"kind", "start", "end", "text", "sentences"} <= set(block)
        assert block["sentences"], block
        for s in block["sentences"]:
            assert block["start"] <= s["start"] < s["end"] <= block["end"]


def test_parse_errors_are_one_line(tmp_path):
    missing = run("parse", str(tmp_path / "missing.txt"))
    assert missing.returncode == 2
    assert missing.stderr.strip().startswith("reader: error: no such file or folder: ")
    assert len(missing.stderr.strip().splitlines()) == 1
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02PNG")
    result = run("parse", str(binary))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == f"reader: error: binary file, not a text article: {binary}"


def test_parse_empty_file(tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    result = run("parse", "--indent", "0", str(empty))
    assert result.returncode == 0
    assert json.loads(result.stdout)["blocks"] == []
    assert "empty article" in result.stderr


def test_parse_one_line_and_indented_say_the_same(tmp_path):
    """`--indent 0` is one line of the same JSON; indented, each block is one line between
    the indented fields, and a file without blocks says `"blocks": []`."""
    article = tmp_path / "story.txt"
    article.write_text('A headline here\n\nFirst "quoted" line. Then é.\n\nLast one.\n')
    indented, one_line = run("parse", str(article)), run("parse", "--indent", "0", str(article))
    assert indented.returncode == one_line.returncode == 0
    assert json.loads(indented.stdout) == json.loads(one_line.stdout)
    assert one_line.stdout.count("\n") == 1
    data = json.loads(one_line.stdout)
    assert one_line.stdout == json.dumps(data, ensure_ascii=False) + "\n"
    rows = indented.stdout.splitlines()
    assert rows[0] == "{" and rows[-1] == "}" and rows[-2] == "  ]"
    assert [json.loads(row.rstrip(",")) for row in rows[-2 - len(data["blocks"]) : -2]] == data[
        "blocks"
    ]
    empty = tmp_path / "empty.txt"
    empty.write_text("\n")
    assert run("parse", str(empty)).stdout.splitlines()[-2:] == ['  "blocks": []', "}"]


def test_parse_json_comes_a_block_at_a_time():
    """`reader parse` writes its JSON as it is made: the opening, one piece per block, and
    the closing, which join to the very text of `document_json` (so a book's JSON is never
    held whole)."""
    text = "A headline here\n\n" + "".join(f"Paragraph {k} says a thing.\n\n" for k in range(50))
    doc = parse_text(text, "story.txt")
    for indent in (0, 2):
        pieces = list(document_json_pieces(doc, indent))
        assert len(pieces) == len(doc.blocks) + 2
        assert "".join(pieces) == document_json(doc, indent)
        assert [json.loads(p.lstrip(", \n")) for p in pieces[1:-1]] == json.loads("".join(pieces))[
            "blocks"
        ]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not available")
def test_parse_every_corpus_file():
    script = (
        "import sys, io, contextlib, json\n"
        "from reader.cli import main\n"
        "for path in sys.argv[1:]:\n"
        "    out, err = io.StringIO(), io.StringIO()\n"
        "    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):\n"
        "        code = main(['parse', path])\n"
        "    print(json.dumps([path, code, err.getvalue(), len(out.getvalue())]))\n"
        "print('textual' in sys.modules)\n"
    )
    paths = sorted(str(p) for p in CORPUS.iterdir() if p.name != "SOURCES.md")
    result = subprocess.run(
        [sys.executable, "-c", script, *paths],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    *rows, textual = result.stdout.strip().splitlines()
    assert textual == "False"
    for path, code, err, size in map(json.loads, rows):
        if "binary-" in path:
            assert code == 2 and err.startswith("reader: error: binary file")
        else:
            assert code == 0, (path, err)
            assert size > 100
            if path.endswith("empty.md"):
                assert "empty article" in err


def test_import_hygiene():
    script = (
        "import sys\n"
        "import reader.document.loader, reader.document.serialize, reader.annotations.model\n"
        "import reader.document.markdown, reader.document.plaintext, reader.document.decode\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_parse_prints_the_dateline_and_why_blocks_were_folded():
    path = CORPUS / "wire-reuters-london-ebola-glasgow.txt"
    if not path.is_file():
        pytest.skip("corpus not available")
    data = json.loads(run("parse", str(path)).stdout)
    assert (data["dateline"], data["source"]) == ("LONDON", "Reuters")
    assert data["authors"] == ["Andy Bruce", "Ankur Banerjee"]
    folded = [(b["label"], b["text"][:8]) for b in data["blocks"] if b["kind"] == "boilerplate"]
    assert folded == [("Photo caption", "1 of 2. "), ("Reporting credits", "(Reporti")]
    lead = next(b for b in data["blocks"] if b["kind"] == "paragraph")
    assert lead["text"].startswith("LONDON (Reuters) - A healthcare worker")
