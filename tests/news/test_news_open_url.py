"""`reader URL`: the article is added to the default library, then opened there."""

from __future__ import annotations

import pytest
from news_fixtures import page

from reader.errors import ReaderError
from reader.targets import resolve_target

STORY = ["The council voted on Tuesday.", "The bridge opens in May.", "Critics disagree."]


@pytest.fixture
def user_dirs(tmp_path, monkeypatch):
    for var, name in (("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state")):
        monkeypatch.setenv(var, str(tmp_path / name))
    return tmp_path


def test_a_url_opens_as_an_article_of_the_default_library(server, user_dirs, capsys):
    url = server.route("/story.html", page("Harbour bridge vote", STORY))
    target = resolve_target(url)
    assert target.article is not None and target.article.parent == target.library
    assert target.library.parent.parent == user_dirs / "data"
    text = target.article.read_text(encoding="utf-8")
    assert "title: Harbour bridge vote" in text and "The bridge opens in May." in text
    assert capsys.readouterr().err == f"reader: fetching {url}\n"
    assert resolve_target(url).article == target.article  # the same file again


def test_a_failing_url_is_one_error_naming_it(server, user_dirs):
    missing = server.url("/gone.html")
    with pytest.raises(ReaderError, match="gone.html"):
        resolve_target(missing)


async def test_the_open_prompt_fetches_a_url_in_a_worker_and_opens_it(server, user_dirs):
    from reader.app import ReaderApp
    from reader.state import ReadingState

    url = server.route("/story.html", page("Harbour bridge vote", STORY), delay=0.5)
    library = user_dirs / "lib"
    library.mkdir()
    (library / "a.txt").write_text("A story\n\nBody.\n")
    app = ReaderApp(library=library, state=ReadingState(user_dirs / "s.json"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app._open_path_chosen(url)
        await pilot.pause()
        assert app.is_running  # the fetch runs in a thread; the keys still work meanwhile
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.article_path is not None and app.article_path.suffix == ".md"
        assert "Harbour bridge vote" in app.title
