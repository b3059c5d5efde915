"""Two `reader add` runs of one page at once: one article file, neither text lost."""

from __future__ import annotations

import os
import subprocess
import sys

from news_fixtures import STORY, page

from reader.news import revisions
from reader.news.extract import Article
from reader.news.save import LibraryIndex, split_front_matter


def _article(last: str) -> Article:
    return Article("Bridge vote", "\n\n".join([*STORY[:3], last]) + "\n", [], None, "News")


def test_an_index_read_before_another_process_saved_updates_that_file(tmp_path):
    """Both indexes were read while the library was empty (two processes starting at once):
    the second save finds the first's file by name and address, and updates it."""
    url = "http://127.0.0.1/story.html"
    first, second = LibraryIndex(tmp_path), LibraryIndex(tmp_path)
    a = first.save(_article("First wording."), url)
    b = second.save(_article("Second wording."), url)
    assert (a.status, b.status) == ("new", "updated") and a.path == b.path
    assert sorted(p.name for p in tmp_path.glob("*.md")) == [a.path.name]
    kept = revisions.list_revisions(a.path)
    assert len(kept) == 1 and "First wording." in kept[0].read_text("utf-8")
    assert "Second wording." in a.path.read_text("utf-8")
    # another page that happens to have the same title still gets a file of its own
    c = second.save(_article("Other."), "http://127.0.0.1/other.html")
    assert c.status == "new" and c.path.name == "bridge-vote-2.md"


def test_two_processes_adding_one_url_at_once_make_one_file(server, tmp_path):
    url = server.route(
        "/story.html",
        page("Bridge vote", [*STORY[:3], "First wording."]),
        delay=0.8,  # both processes are waiting on the server at the same time
        later=[page("Bridge vote", [*STORY[:3], "Second wording."])],
    )
    lib = tmp_path / "lib"
    lib.mkdir()
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    command = [sys.executable, "-m", "reader", "add", url, "--library", str(lib)]
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        for _ in range(2)
    ]
    results = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], results
    paths = {out.decode().strip() for out, _err in results}
    files = list(lib.glob("*.md"))
    assert len(files) == 1 and paths == {str(files[0])}
    texts = [files[0].read_text("utf-8")] + [
        r.read_text("utf-8") for r in revisions.list_revisions(files[0])
    ]
    bodies = " ".join(split_front_matter(t)[1] for t in texts)
    assert "First wording." in bodies and "Second wording." in bodies
    assert len(server.hits) == 2
