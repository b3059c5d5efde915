"""Attribution cost per sentence over the corpus (issue 17: <= 1 ms per sentence).

    python bench/attribution.py            # prints the figure; bench/run.py --only attribution

Every article of ../shared/corpus that loads is parsed and its sentences segmented first
(untimed); then `reader.claims.attribute_sentence` is called once for every prose sentence, as
the claims pane does for a highlight (each call redoes its whole paragraph), and the total time
is divided by the number of sentences. The best of a few repetitions is kept.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
CORPUS = CHECKOUT / ".." / "shared" / "corpus"
sys.path.insert(0, str(CHECKOUT))

from reader.claims.attribution import attribute_sentence  # noqa: E402
from reader.document.loader import load_document  # noqa: E402


def load_corpus() -> list:
    documents = []
    for path in sorted(CORPUS.glob("*")):
        if not path.is_file() or path.suffix not in {".txt", ".md"}:
            continue
        try:
            document = load_document(path)
        except Exception:  # noqa: BLE001 - the corpus holds files meant to be refused
            continue
        for block in document.blocks:
            block.sentences  # noqa: B018 - segment now, outside the timing
        documents.append(document)
    return documents


def per_sentence_ms(documents: list, reps: int = 3) -> tuple[float, int]:
    """(best milliseconds per sentence, number of sentences)."""
    sentences = [
        (document, sentence)
        for document in documents
        for block in document.blocks
        if block.is_prose
        for sentence in block.sentences
    ]
    best = float("inf")
    for _ in range(reps):
        start = time.perf_counter()
        for document, sentence in sentences:
            attribute_sentence(document, sentence)
        best = min(best, time.perf_counter() - start)
    return best * 1000 / max(1, len(sentences)), len(sentences)


def main() -> int:
    if not CORPUS.is_dir():
        print(f"corpus missing: {CORPUS}")
        return 1
    documents = load_corpus()
    ms, count = per_sentence_ms(documents)
    print(f"attribution: {ms:.3f} ms per sentence over {count} sentences, {len(documents)} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
