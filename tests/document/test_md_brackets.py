"""Bracket-heavy Markdown parses in linear time (reader.document.md_brackets) and into the
very tokens markdown-it makes without the rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.parser_inline import ParserInline
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from reader.document.markdown import MAX_NESTING, _md, parse_markdown
from reader.document.md_brackets import KNOWN_RULES

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


def _without_rule() -> MarkdownIt:
    """The article parser as it is built, minus the plain-brackets rule."""
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})
    md.enable("table").use(front_matter_plugin).use(footnote_plugin).use(admon_plugin)
    return md.use(container_plugin, name="box", validate=lambda params, *_: bool(params.strip()))


_PLAIN = _without_rule()


def _dump(tokens) -> list:
    out: list = []
    for tok in tokens:
        out.append((tok.type, tok.tag, tok.content, tok.markup, sorted(tok.attrs.items())))
        if tok.children:
            out.append(_dump(tok.children))
    return out


def _steps(text: str) -> int:
    """How many times markdown-it skips a token while scanning for closing brackets."""
    calls = 0
    original = ParserInline.skipToken

    def counting(self, state) -> None:
        nonlocal calls
        calls += 1
        original(self, state)

    ParserInline.skipToken = counting
    try:
        _md().parse(text)
    finally:
        ParserInline.skipToken = original
    return calls


@pytest.mark.parametrize(
    "unit",
    ["[", "![a", "[^", "^[", "[x", "!["],
)
def test_unclosed_brackets_take_no_bracket_scans(unit: str) -> None:
    # Before the rule, each bracket cost about MAX_NESTING scan steps: 100 times the length.
    text = unit * (4000 // len(unit))
    assert _steps(text) == 0
    assert parse_markdown(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "[" * 4000 + "]",
        "[" * 2000 + "]" * 2000,
        "[[]" * 1300,
        "]" + "[" * 4000,
        "[" * 4000 + "](u)",
        "[a] " * 1000 + "\n\n[b]: /u",
    ],
    ids=["open-then-close", "nested", "pairs", "close-then-open", "then-link", "refs"],
)
def test_bracket_scans_stay_linear(text: str) -> None:
    assert _steps(text) <= 2 * len(text)
    assert _dump(_md().parse(text[:300])) == _dump(_PLAIN.parse(text[:300]))


def test_bracket_runs_keep_every_character() -> None:
    text = "![a" * 5000 + " end"
    assert parse_markdown(text).text == text


def test_the_rule_knows_every_enabled_inline_rule() -> None:
    active = [name for name in _md().inline.ruler.get_active_rules() if name != "plain_brackets"]
    assert active == list(KNOWN_RULES)
    rules = _md().inline.ruler.get_active_rules()
    assert rules.index("plain_brackets") == rules.index("link") - 1


_PIECES = st.sampled_from(
    ["[", "]", "(", ")", "!", "^", "a", " ", "`", "<", ">", "\\", "\n", "*", "&amp;", '"',
     "#", "-", "<b>", "x y", "http://a", "[^n]", "[r]", "](u)", "\n\n", "&", "&#35;", "&nbsp;",
     "&bogus;", "<a@b.c>", "<http://x>", "< ", "<!-- c -->", "</i>", "<?p?>", "<1"]
)  # fmt: skip
_TAILS = st.sampled_from(
    ["", "\n\n[r]: /u\n[x y]: /v", "\n\n[^n]: a note", "\n\n[]: /e", "\n\n[a[r]]: /u\n[a\\[r]: /v"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40), _TAILS)
def test_tokens_are_markdown_its_own(pieces: list[str], tail: str) -> None:
    text = "".join(pieces) + tail
    assert _dump(_md().parse(text)) == _dump(_PLAIN.parse(text))


def test_corpus_markdown_tokens_are_unchanged() -> None:
    files = sorted(CORPUS.glob("*.md")) if CORPUS.is_dir() else []
    if not files:
        pytest.skip("corpus not present")
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert _dump(_md().parse(text)) == _dump(_PLAIN.parse(text)), path.name
