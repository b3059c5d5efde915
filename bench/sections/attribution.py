"""Per-sentence cost of claim attribution over the corpus."""

from __future__ import annotations

from context import Context
from figures import Figure, Results, reason_of


def run(ctx: Context, results: Results) -> None:
    """Per-sentence cost of reader.claims.attribute_sentence over the corpus (bench/attribution.py)."""
    name = "attribution: per sentence over the corpus"
    try:
        import attribution

        documents = attribution.load_corpus()
        ms, count = attribution.per_sentence_ms(documents, 1 if ctx.quick else 3)
        results.add(Figure(name, "ms", ms / 1000, target="<= 1 ms", check="ours<=0.001",
                           note=f"{count} sentences, {len(documents)} files"))  # fmt: skip
    except Exception as error:  # noqa: BLE001
        results.na(name, "ms", reason_of(error), "<= 1 ms")
