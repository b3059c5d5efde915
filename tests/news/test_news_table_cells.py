"""Table cells trafilatura's social-media text filter empties (a cell reading `twitter`,
`Print`, `PDF`, …) are filled back from the page's own table."""

from __future__ import annotations

import pytest
from news_fixtures import CORPUS, STORY, page

from reader.news.extract import extract_article

TABLE = """<table><tr><th>Network</th><th>Users</th></tr>
<tr><td>Twitter</td><td>350 million</td></tr>
<tr><td>Mastodon</td><td>9 million</td></tr>
<tr><td>PDF</td><td>none</td></tr></table>"""


def test_a_cell_named_like_a_share_button_keeps_its_text():
    article = extract_article(page("Networks compared", STORY, extra=TABLE))
    assert "| Twitter | 350 million |" in article.body
    assert "| Mastodon | 9 million |" in article.body
    assert "| PDF | none |" in article.body


def test_restored_cells_take_only_text_from_the_page():
    hostile = TABLE.replace(
        "<td>Twitter</td>", "<td>Twitter<script>alert('x')</script><style>p{}</style></td>"
    ).replace("<td>PDF</td>", "<td>PDF\x1b[31m</td>")
    body = extract_article(page("Networks compared", STORY, extra=hostile)).body
    assert "| Twitter | 350 million |" in body
    assert "alert" not in body and "p{}" not in body
    assert "\x1b" not in body


def test_the_simdjson_benchmark_table_keeps_its_twitter_row():
    path = CORPUS / "page-blog-lemire-simdjson.html"
    if not path.exists():
        pytest.skip("the shared corpus (../shared/corpus) is absent")
    body = extract_article(path.read_text(encoding="utf-8")).body
    assert "| twitter | 2.2 GB/s | 0.094 GB/s |" in body
