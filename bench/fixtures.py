"""Inputs the bench generates at run time in a temporary folder (nothing is committed)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[1]
CORPUS = CHECKOUT / ".." / "shared" / "corpus"
SEED = CHECKOUT / "seeds" / "000_566c8ea77d92d380.txt"
SEED_TITLE = "US Links Security Guarantees"
MOBY = CORPUS / "book-moby-dick-pg2701-cp1252.txt"
# The first line of the story itself: shown on the first screen by the reader (which folds
# the Project Gutenberg header) and by the TextArea baseline (line 26 of the file).
BOOK_FIRST_LINE = "MOBY-DICK;"
MIDDLE_MARKER = "Benchmiddlemarker"
NEWEST_TITLE = "Bench Newest Article In The Library"
LIBRARY_SIZE = 2000

_WORDS = (
    "council budget river harbour minister report court vote market energy school "
    "hospital price worker farmer storm bridge festival museum league coach contract "
    "election police railway station tunnel museum grant tariff season harvest"
).split()


def make_book(folder: Path, copies: int = 3) -> Path:
    """Moby Dick `copies` times over (cp1252 bytes and CRLF kept), with one marker paragraph
    at the middle so the bench can jump there by searching for it."""
    if not MOBY.is_file():
        raise FileNotFoundError(f"corpus book missing: {MOBY}")
    data = MOBY.read_bytes() * copies
    middle = data.find(b"\r\n\r\n", len(data) // 2)
    marker = f"\r\n\r\n{MIDDLE_MARKER} paragraph for the bench.".encode("cp1252")
    data = data[:middle] + marker + data[middle:]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "moby-dick-x3.txt"
    path.write_bytes(data)
    return path


def _sentence(rng: random.Random) -> str:
    words = rng.sample(_WORDS, rng.randint(6, 12))
    return " ".join(words).capitalize() + "."


def _article(rng: random.Random, title: str, day: date) -> str:
    paragraphs = [" ".join(_sentence(rng) for _ in range(rng.randint(2, 5))) for _ in range(8)]
    dateline = f"{day:%B} {day.day}, {day.year}Bench Wire"
    return "\n".join([title, _sentence(rng), dateline, *paragraphs]) + "\n"


def make_library(folder: Path, count: int, seed: int = 7) -> Path:
    """`count` small articles (a few KB each) in a few subfolders; the newest has
    NEWEST_TITLE."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    start = date(2020, 1, 1)
    for i in range(count):
        sub = folder / f"section-{i % 8}"
        sub.mkdir(exist_ok=True)
        if i == count // 2:
            title, day = NEWEST_TITLE, date(2031, 1, 1)
        else:
            title = f"Article {i:04d} about the {rng.choice(_WORDS)} {rng.choice(_WORDS)}"
            day = start + timedelta(days=rng.randrange(3000))
        (sub / f"article-{i:04d}.txt").write_text(_article(rng, title, day), encoding="utf-8")
    return folder


def write_sidecar(article: Path, count: int, seed: int = 11) -> int:
    """Write a valid sidecar with `count` sentence annotations (spread evenly over the
    article) in the store's own format (reader/annotations/record.py), with their places
    (reader/annotations/places.py), as the app saves it.
    Returns how many."""
    from reader.annotations.model import CATEGORIES, SCHEMA_VERSION, Annotation
    from reader.annotations.places import article_facts, place_key, place_record
    from reader.annotations.record import annotation_to_record
    from reader.annotations.sidecar import SidecarStorage, sidecar_path_for
    from reader.claims.attribution import DocumentAttributions
    from reader.document.loader import load_document
    from reader.document.locate import Locator

    rng = random.Random(seed)
    document = load_document(article)
    sentences = [s for block in document.blocks if block.is_prose for s in block.sentences]
    if not sentences:
        raise ValueError(f"no sentences in {article}")
    step = max(1, len(sentences) // count)
    chosen = sentences[::step][:count]
    records, anns = [], []
    key, locator = place_key(document), Locator(document)
    attributions = DocumentAttributions(document)  # as the store works out a place's "said"
    for i, sentence in enumerate(chosen):
        ann = Annotation.create(
            document.text,
            sentence.start,
            sentence.end,
            category=CATEGORIES[i % len(CATEGORIES)],
            note=f"Note {i} on this sentence." if rng.random() < 0.3 else "",
            tags=["bench"] if rng.random() < 0.2 else [],
        )
        anns.append(ann)
        place = place_record(locator, attributions, key, ann.start, ann.end)
        records.append(annotation_to_record(ann.replace(place=place), article.name))
    meta = {
        "schema": SCHEMA_VERSION,
        "sha256": document.sha256,
        "source": article.name,
        "article": article_facts(document, key),
    }
    annotations = {str(i): record for i, record in enumerate(records, start=1)}
    SidecarStorage(sidecar_path_for(article)).write(
        {"meta": {"1": meta}, "annotations": annotations}
    )
    return len(records)


def make_annotated_library(folder: Path, count: int, per_article: int = 10) -> Path:
    """`count` articles, each with a sidecar of `per_article` annotations."""
    make_library(folder, count, seed=13)
    for article in sorted(folder.rglob("*.txt")):
        write_sidecar(article, per_article)
    return folder
