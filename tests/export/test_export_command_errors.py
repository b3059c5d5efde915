"""Bad input for `reader export`: one line, the right exit status, nothing written."""

from pathlib import Path

from reader.cli import main


def test_folder_without_articles_is_an_error(tmp_path: Path, capsys) -> None:
    (tmp_path / "story.txt.annotations.json").write_text("{not json")
    assert main(["export", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("reader: error: no articles") and str(tmp_path) in err
    assert "\n" not in err


def test_sidecar_that_is_a_folder_warns(tmp_path: Path, capsys) -> None:
    article = tmp_path / "story.txt"
    article.write_text("A title line\n\nA paragraph that says something.\n")
    (tmp_path / "story.txt.annotations.json").mkdir()
    assert main(["export", str(article)]) == 0
    captured = capsys.readouterr()
    assert "not a file" in captured.err and "story.txt.annotations.json" in captured.err
    assert "# A title line" in captured.out
