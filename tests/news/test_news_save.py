"""Saving: safe front matter, unique file names, one file per article, revisions kept."""

from __future__ import annotations

import yaml
from news_fixtures import STORY

from reader.document.decode import one_line
from reader.document.loader import load_document
from reader.news import revisions
from reader.news.extract import Article
from reader.news.save import LibraryIndex, slugify, split_front_matter


def _article(title="Bridge vote", body=None, canonical=None) -> Article:
    text = "\n\n".join(body or STORY) + "\n"
    return Article(title, text, ["Ann Writer"], "2024-03-05", "Loopback News", canonical)


def test_front_matter_is_safe_yaml_and_reads_back(tmp_path):
    hostile = (
        "\x1b[2JTitle: with 'quotes', \"double\", # hash, --- and [bold]x[/bold]\n---\nevil: 1"
    )
    saved = LibraryIndex(tmp_path).save(_article(hostile), "http://127.0.0.1/s?a=1&b=2")
    text = saved.path.read_text("utf-8")
    fields, body = split_front_matter(text)
    assert fields["title"] == one_line(hostile) and "evil" not in fields
    assert text.count("\n---\n") == 1 and "\x1b" not in text
    bidi = LibraryIndex(tmp_path).save(_article("gnp.\u202eexe"), "http://127.0.0.1/b")
    assert split_front_matter(bidi.path.read_text("utf-8"))[0]["title"] == "gnp.\u21c4exe"
    assert fields["url"] == "http://127.0.0.1/s?a=1&b=2" and fields["fetched"].endswith("Z")
    assert list(fields) == ["title", "authors", "date", "source", "url", "fetched"]
    assert body.startswith(STORY[0])
    assert yaml.safe_load(text[4 : text.index("\n---\n")])["date"] == "2024-03-05"
    assert load_document(saved.path).meta.title == one_line(hostile)


def test_file_names_are_slugs_and_unique(tmp_path):
    assert slugify("Ça va? Les «news» — 2024!") == "ça-va-les-news-2024"
    assert slugify("???") == "article"
    index = LibraryIndex(tmp_path)
    one = index.save(_article(), "http://127.0.0.1/1").path
    two = index.save(_article(), "http://127.0.0.1/2").path
    assert (one.name, two.name) == ("bridge-vote.md", "bridge-vote-2.md")


def test_many_articles_of_one_title_do_not_read_their_namesakes_again(tmp_path, monkeypatch):
    from reader.news import save

    reads: list[str] = []
    real = save.read_head
    monkeypatch.setattr(save, "read_head", lambda path: reads.append(path.name) or real(path))
    index = LibraryIndex(tmp_path)
    for n in range(30):
        index.save(_article(), f"http://127.0.0.1/{n}")
    assert len(list(tmp_path.glob("bridge-vote*.md"))) == 30
    assert reads == []  # each namesake is one the index wrote itself, so known
    # a namesake another process saved meanwhile is still read, and found
    other = LibraryIndex(tmp_path, paths=[])  # an index read before any of them was saved
    assert other.save(_article(), "http://127.0.0.1/7").path == tmp_path / "bridge-vote-8.md"
    assert "bridge-vote-8.md" in reads and len(list(tmp_path.glob("*.md"))) == 30


def test_same_url_or_canonical_updates_one_file(tmp_path):
    first = LibraryIndex(tmp_path).save(_article(canonical="http://127.0.0.1/c"), "http://a/1")
    # a new run of the program finds it again from the front matter
    again = LibraryIndex(tmp_path).save(_article(canonical="http://127.0.0.1/c"), "http://a/1")
    assert again.path == first.path and again.status == "unchanged"
    other = LibraryIndex(tmp_path).save(_article(canonical="http://127.0.0.1/c"), "http://a/amp")
    assert other.path == first.path
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bridge-vote.md"]


def test_a_changed_text_keeps_the_previous_revision(tmp_path):
    path = LibraryIndex(tmp_path).save(_article(), "http://a/1").path
    before = path.read_text("utf-8")
    # a person's own front-matter key survives the update
    path.write_text(before.replace("source:", "tags: [mine]\nsource:"), "utf-8")
    edited = [STORY[0], "Engineers now say the span will open in five years.", *STORY[2:]]
    saved = LibraryIndex(tmp_path).save(_article(body=edited), "http://a/1")
    assert saved.status == "updated" and saved.path == path
    assert saved.notice is not None
    assert saved.notice.startswith("changed since 20") and saved.notice.endswith(
        ": 1 paragraph changed"
    )
    stored = revisions.list_revisions(path)
    assert len(stored) == 1 and stored[0].parent == tmp_path / ".revisions" / path.name
    assert STORY[1] in stored[0].read_text("utf-8")
    fields, body = split_front_matter(path.read_text("utf-8"))
    assert "five years" in body and fields["tags"] == ["mine"]
    old = split_front_matter(stored[0].read_text("utf-8"))[1]
    diff = revisions.diff_lines(old, body, "old", "new")
    assert f"-{STORY[1]}" in diff and "+Engineers now say the span will open in five years." in diff


def test_changed_paragraph_count():
    assert revisions.changed_paragraphs("a\n\nb\n\nc", "a\n\nB\n\nc\n\nd") == 2
    assert revisions.changed_paragraphs("a\n\nb", "a\n\n b") == 0
