"""The library's claims (issue 17), in-process, on 1,000 generated articles with 10 highlights
each, sidecars as the app writes them:

* the claims screen (`H`): reading every sidecar (`scan_claims`, what the screen's worker
  runs), arranging the list and making the rows it shows; beside it, in the same
  repetitions, the floor of any such screen: walking the folder, reading and `json.loads` of
  every sidecar;
* "the same claim elsewhere" for one highlight (`same_claim_elsewhere`), the library's text
  index built first; beside it the bare FTS5 query for the same words on the same index file.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import fixtures
from context import Context
from figures import Figure, Results, median, p90, reason_of

ARTICLES, PER_ARTICLE = 1000, 10
SCREEN = f"library claims screen (H): read + list, {ARTICLES * PER_ARTICLE:,} highlights over {ARTICLES:,} articles"
SAME = f"same claim elsewhere: one highlight, {ARTICLES * PER_ARTICLE:,} highlights over {ARTICLES:,} articles"
FTS5_FLOOR = "SELECT rowid FROM blocks WHERE blocks MATCH ? ORDER BY rank LIMIT 200"


def _library(ctx: Context) -> Path:
    folder = ctx.annotated_big.get(ARTICLES)
    if folder is None:
        folder = ctx.tmp / f"claims-{ARTICLES}"
        if not folder.is_dir():
            fixtures.make_annotated_library(folder, ARTICLES, PER_ARTICLE)
    return folder


def _floor(folder: Path) -> list[dict]:
    from reader.annotations.sidecar import sidecar_path_for
    from reader.library import iter_article_paths

    tables = []
    for article in iter_article_paths(folder):
        try:
            raw = sidecar_path_for(article).read_bytes()
        except FileNotFoundError:
            continue
        tables.append(json.loads(raw))
    return tables


def run(ctx: Context, results: Results) -> None:
    try:
        folder = _library(ctx)
    except Exception as error:  # noqa: BLE001
        results.na(SCREEN, "ms", reason_of(error), "<= 200 ms")
        results.na(SAME, "ms", reason_of(error), "<= 300 ms")
        return
    claims_screen(ctx, results, folder)
    same_claim(ctx, results, folder)


def claims_screen(ctx: Context, results: Results, folder: Path) -> None:
    try:
        from reader.annotations.record import record_to_annotation
        from reader.claims.claim_filter import filter_claims
        from reader.claims.claim_order import order_claims
        from reader.claims.library_claims import scan_claims
        from reader.screens.claim_dialogs import MAX_ROWS, claim_prompt

        reps = 5 if ctx.quick else 15
        ours: list[float] = []
        base: list[float] = []
        whole: list[float] = []
        count = 0
        _floor(folder)  # the OS file cache
        for _ in range(reps):
            start = time.perf_counter()
            claims = scan_claims(folder)
            shown = filter_claims(order_claims(claims, "library"), "")[:MAX_ROWS]
            rows = [claim_prompt(claim, details=True) for claim in shown]
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            tables = _floor(folder)
            base.append(time.perf_counter() - start)
            start = time.perf_counter()
            for table in tables:
                for record in table["annotations"].values():
                    record_to_annotation(record)
            whole.append(time.perf_counter() - start)
            count = len(claims)
        if count != ARTICLES * PER_ARTICLE or len(rows) != MAX_ROWS:
            raise RuntimeError(f"{count:,} claims read, {len(rows)} rows made")
    except Exception as error:  # noqa: BLE001
        results.na(SCREEN, "ms", reason_of(error), "<= 200 ms")
        return
    paired = median([o / b for o, b in zip(ours, base, strict=True)])
    note = (
        f"scan_claims + order + filter + {MAX_ROWS} rows; p90 {p90(ours) * 1000:.0f} ms; "
        f"decoding every record whole (record_to_annotation) would add "
        f"{median(whole) * 1000:.0f} ms to the floor"
    )
    results.add(Figure(SCREEN, "ms", median(ours), median(base),
                       "walk + read + json.loads of every sidecar", "<= 200 ms", "ours<=0.2",
                       note, {"ours": ours, "baseline": base, "whole decode": whole},
                       paired_ratio=paired))  # fmt: skip


def same_claim(ctx: Context, results: Results, folder: Path) -> None:
    index = None
    try:
        from reader.claims.library_claims import scan_claims
        from reader.claims.same_claim import MAX_WORDS, same_claim_elsewhere, significant_words
        from reader.library_search import TextIndex, match_expression

        root = folder.resolve()
        path = ctx.tmp / "claims-index" / "library-text.sqlite3"
        index = TextIndex.open(path)
        started = time.perf_counter()
        index.update(root)
        built = time.perf_counter() - started
        bare = sqlite3.connect(path)
        # Highlights of the articles' bodies (not their titles), spread over the library.
        claims = [c for c in scan_claims(root) if c.start > 200]
        picked = claims[:: max(1, len(claims) // (10 if ctx.quick else 30))]
        ours: list[float] = []
        base: list[float] = []
        found = 0
        for claim in picked:
            start = time.perf_counter()
            echoes = same_claim_elsewhere(index, root, claim.path, claim.exact)
            ours.append(time.perf_counter() - start)
            words = sorted(significant_words(claim.exact), key=len, reverse=True)[:MAX_WORDS]
            expression = " OR ".join(match_expression(w) for w in words)
            start = time.perf_counter()
            bare.execute(FTS5_FLOOR, (expression,)).fetchall()
            base.append(time.perf_counter() - start)
            found += len(echoes)
        bare.close()
        if not found:
            raise RuntimeError("no sentence elsewhere found for any highlight")
    except Exception as error:  # noqa: BLE001
        results.na(SAME, "ms", reason_of(error), "<= 300 ms")
        return
    finally:
        if index is not None:
            index.close()
    note = (
        f"{len(picked)} highlights, {found / len(picked):.0f} articles found each on average; "
        f"p90 {p90(ours) * 1000:.0f} ms; index of {ARTICLES:,} articles built in {built:.1f} s"
    )
    results.add(Figure(SAME, "ms", median(ours), median(base),
                       "bare FTS5 OR query, same words, same index", "<= 300 ms", "ours<=0.3",
                       note, {"ours": ours, "baseline": base}))  # fmt: skip
