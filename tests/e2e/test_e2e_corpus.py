"""Every shared-corpus file opens and shows its own text; J moves on without an error.

Most files are swept in-process with Textual's Pilot (fast); three representative ones
(a BBC plain-text story, a Markdown post with front matter, the 1.3 MB cp1252 book) run the
installed `reader` in tmux, and the binary one is checked through the CLI's exit status.
The corpus lives beside the checkout (../shared/corpus) and is copied to a temp folder, so
nothing the app writes lands in it; the tests skip when it is absent.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from tmux_helper import reader_command

pytestmark = pytest.mark.e2e

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
BINARY = "binary-png-jekyll-footer-logo.txt"
# Text each article must show on its first screen (title or opening words).
EXPECTED = {
    "bbc-business-509.txt": "Euro firms miss out on optimism",
    "bbc-entertainment-368.txt": "Critics back Aviator for Oscars",
    "bbc-politics-361.txt": "Budget to set scene for election",
    "bbc-sport-180.txt": "Brentford v Southampton",
    "bbc-sport-320.txt": "France v Wales",
    "bbc-tech-379.txt": "Apple laptop is 'greatest gadget'",
    "book-moby-dick-pg2701-cp1252.txt": "Moby Dick",
    "derived-cp1252-tnr-story.txt": "I was touched that you asked for my advice",
    "derived-crlf-bbc-tech-100.txt": "Honour for UK games maker",
    "empty.md": "empty",
    "guide-opensource-finding-users-zh-hans.md": "为项目寻找合适的用户",
    "livedoor-topic-news-5903225.txt": "川越シェフ",
    "news-chinese-hk-leung.txt": "梁振英",
    "news-foxnews-oscar-isaac.txt": "Oscar Isaac",
    "post-go-gif-decoder.md": "A GIF decoder",
    "post-hugo-http2-server-push.md": "HTTP/2 Server Push in Hugo",
    "post-jekyll-3-3-is-here.md": "Jekyll 3.3 is here",
    "post-react-canaries.md": "React Canaries",
    "post-rust-1.73.0.md": "Announcing Rust 1.73.0",
    "reuters21578-0340-italian-boom.txt": "ITALIAN BOOM",
    "talaa-arabic-elkhabar-world2.txt": "مصمم على إنهاء مشاريعه",
    "news-aljazeera-gaza-liveblog-tweets.txt": "Extreme hunger",
    "news-dailycaller-related-tweets-credit.txt": "Louisville Cardinals hosted",
    "news-de-nzz-nahost-liveticker.txt": "News und Entwicklungen im Nahostkonflikt",
    "news-es-elpais-deportation-centres.txt": "Bruselas sondea la apertura",
    "news-fox13now-cnn-dateline-new-laws.txt": "Not everyone subscribes",
    "news-fr-lefigaro-ukraine-point.txt": "Guerre en Ukraine",
    "news-hi-jagran-agra-swami.txt": "स्वामी अधोक्षजानंद",
    "news-ja-mainichi-multicity-signoff.txt": "イスラエルとハマスの停戦",
    "news-ja-yomiuri-seoul-dateline.txt": "韓国が戒厳令",
    "news-pe-share-prompts-caption.txt": "Woman ordered hit on father",
    "news-thedebrief-byline-role-getty.txt": "Ed Sheeran Wants To Set Up Taylor Swift",
    "post-julia-rr-toml-tuples-def-rawhtml.md": "Time Traveling (Linux) Bug Reporting",
    "post-mkdocs-material-exclusion-content-tabs.md": "Excluding content from search",
    "post-simonw-til-datasette-long-code-url.md": "Searching all columns of a table",
    "post-textual-1.0-admonitions-html-footnotes.md": "Algorithms for high performance",
    "post-vite-8.1-containers-nested-yaml.md": "Vite 8.1 is out!",
    "wire-ap-anpa-heat-hawks-writethru.txt": "Heat beat Hawks",
    "wire-reuters-gold-jan30-newsml.txt": "Gold rises as Trump policy",
    "wire-reuters-london-ebola-glasgow.txt": "diagnosed with Ebola",
    # saved web pages open as their extracted article (reader/document/html.py)
    "page-blog-lemire-simdjson.html": "JSON parsing: simdjson vs. JSON for Modern C++",
    "page-liberation-nepal-seisme.html": "Un troisième Français mort",
    "page-reuters-parasite-sag-awards.html": "scores historic upset at SAG awards",
}
TMUX_FILES = (
    "bbc-tech-379.txt",
    "post-react-canaries.md",
    "book-moby-dick-pg2701-cp1252.txt",
)


def _corpus_files() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return sorted(p.name for p in CORPUS.iterdir() if p.is_file() and p.name != "SOURCES.md")


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus (../shared/corpus) is absent")
    folder = tmp_path_factory.mktemp("corpus") / "library"
    folder.mkdir()
    for name in _corpus_files():
        shutil.copyfile(CORPUS / name, folder / name)
    return folder


@pytest.fixture
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for var in ("XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / "xdg" / var.lower()))
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"):
        monkeypatch.delenv(var, raising=False)
    return tmp_path


def test_every_corpus_file_has_an_expectation() -> None:
    files = _corpus_files()
    if not files:
        pytest.skip("the shared corpus (../shared/corpus) is absent")
    assert set(files) - {BINARY} == set(EXPECTED)


def _visible_text(app) -> str:
    """Header title, the article view's visible lines and the message that replaces it."""
    parts = [app.title]
    view = app.article_view
    if view.display:
        for y in range(view.size.height):
            parts.append("".join(segment.text for segment in view.render_line(y)))
    message = app.reading.message
    if message is not None and message.display:
        parts.append(str(message.render()))
    return "\n".join(parts)


def _errors(app) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "error"]


async def _settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_pilot_sweep_each_file_shows_its_text_and_j_moves_on(
    library: Path, user_dirs: Path
) -> None:
    """One app (startup costs more than opening an article): open each file, check the
    screen, press J; every file's problems are collected and reported together."""
    from reader.app import ReaderApp
    from reader.state import ReadingState

    problems: list[str] = []
    first = library / sorted(EXPECTED)[0]
    app = ReaderApp(library, first, state=ReadingState(user_dirs / "state.json"))
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        for name in sorted(EXPECTED):
            article = (library / name).resolve()
            app.clear_notifications()
            app.open_article(article)
            await _settle(app, pilot)
            text = _visible_text(app)
            if app.article_path != article:
                problems.append(f"{name}: not opened (showing {app.article_path})")
                continue
            if EXPECTED[name] not in text:
                problems.append(f"{name}: {EXPECTED[name]!r} not on screen:\n{text}")
            if "Traceback" in text or _errors(app):
                problems.append(f"{name}: error on open: {_errors(app)}")
            await pilot.press("J")
            await _settle(app, pilot)
            if not app.is_running or _errors(app) or "Traceback" in _visible_text(app):
                problems.append(f"{name}: J failed: {_errors(app)}")
            elif app.article_path == article and not any(
                "Last article" in n.message for n in app._notifications
            ):
                problems.append(f"{name}: J neither moved nor said it was the last article")
    assert not problems, "\n".join(problems)


def test_binary_file_exits_2_with_one_line(library: Path, tmp_path: Path) -> None:
    env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8")
    proc = subprocess.run(
        [*reader_command(), str(library / BINARY)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stdout == b""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(b"reader: error: ")
    assert BINARY.encode() in lines[0]


@pytest.mark.parametrize("name", TMUX_FILES)
def test_tmux_opens_file_and_j_moves_on(reader_session, library: Path, name: str) -> None:
    with reader_session([library / name], size=(120, 40)) as s:
        screen = s.wait_for(EXPECTED[name], timeout=20)
        assert "Traceback" not in screen
        before = s.wait_stable(ansi=False)
        s.press("J")  # the next article, or a "Last article" message: the screen changes
        s.wait_for_change(before)
        s.wait_stable()
        after = s.screen()
        assert "Traceback" not in after
        assert not s.dead()
        s.press("q")
        assert s.exit_status() == 0
        assert "Traceback" not in s.screen(history=True)
