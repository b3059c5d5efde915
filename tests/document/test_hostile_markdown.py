"""Hostile Markdown: front matter that explodes, nests or lies, and containers nested past the
parser's depth limit. Each must parse quickly, keep its text and say what was ignored."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.document.front_matter import MAX_CHARS, read_toml, read_yaml
from reader.document.markdown import FLAT_DEPTH, parse_markdown


def _laughs(levels: int) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    previous = "a"
    for i in range(levels):
        name = chr(ord("b") + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
        previous = name
    lines.append(f"title: *{previous}")
    return "\n".join(lines)


def test_billion_laughs_front_matter_is_refused_at_once() -> None:
    source = f"---\n{_laughs(9)}\n---\n\n# Real title\n\nBody text.\n"
    started = time.monotonic()
    result = parse_markdown(source, "laughs.md")
    assert time.monotonic() - started < 2
    assert result.meta.title == "Real title"
    assert "Body text." in result.text
    assert any("aliases" in m and "laughs.md" in m for m in result.messages)


def test_yaml_aliases_are_refused_and_plain_yaml_is_read() -> None:
    assert read_yaml("a: &x 1\nb: *x\n")[1] == "front matter uses YAML aliases (line 3), ignored"
    assert read_yaml("title: Plain\ntags: [a, b]\n") == (
        {"title": "Plain", "tags": ["a", "b"]},
        None,
    )


def test_toml_nested_past_the_stack_is_ignored_with_a_note() -> None:
    deep = "a = " + "[" * 5000 + "]" * 5000
    source = f"+++\n{deep}\ntitle = 'x'\n+++\n\n# Heading\n\nText.\n"
    result = parse_markdown(source, "deep.md")
    assert result.meta.title == "Heading"
    assert result.messages == ["front matter could not be read, ignored: deep.md"]


def test_yaml_nested_past_the_stack_is_ignored_with_a_note() -> None:
    data, problem = read_yaml("a: " + "[" * 5000 + "]" * 5000)
    assert data is None and problem is not None and "ignored" in problem


def test_huge_integer_in_front_matter_is_ignored() -> None:
    assert read_toml("n = " + "9" * 5000)[1] == "front matter could not be read, ignored"
    assert read_yaml("n: " + "9" * 5000)[1] == "front matter could not be read, ignored"


def test_front_matter_over_the_size_cap_is_ignored() -> None:
    big = "title: x\nbody: '" + "y" * MAX_CHARS + "'\n"
    assert read_yaml(big) == (None, f"front matter is longer than {MAX_CHARS // 1024} KB, ignored")


@settings(max_examples=200, deadline=2000)
@given(st.text(max_size=300))
def test_any_front_matter_text_never_raises(content: str) -> None:
    for reader in (read_yaml, read_toml):
        data, problem = reader(content)
        assert problem is None or data is None
    result = parse_markdown(f"---\n{content}\n---\n\nafter\n", "fuzz.md")
    assert "after" in result.text


def test_blockquotes_past_the_depth_limit_keep_their_text() -> None:
    for depth in (19, 25, 200, 50_000):
        result = parse_markdown(">" * depth + " deep text\n\nafter\n", "q.md")
        assert "deep text" in result.text, depth
        assert "after" in result.text, depth


def test_lists_past_the_depth_limit_keep_their_text_and_say_so() -> None:
    result = parse_markdown("- " * 50_000 + "deep item\n\nafter\n", "l.md")
    assert "deep item" in result.text and "after" in result.text
    assert result.messages == [
        f"text nested more than {FLAT_DEPTH} levels deep is shown flattened: l.md"
    ]
    indented = "".join("  " * i + f"- item{i}\n" for i in range(80)) + "\nafter\n"
    result = parse_markdown(indented, "i.md")
    assert all(f"item{i}" in result.text for i in range(80))
    assert "after" in result.text


def test_shallow_documents_are_not_flattened() -> None:
    source = "".join("  " * i + f"- item{i}\n" for i in range(10))
    assert parse_markdown(source, "ok.md").messages == []
