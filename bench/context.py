"""What every section gets: the run's temporary folder, its generated inputs, the tmux client."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import fixtures
import tmux
from figures import reason_of


@dataclass
class Context:
    tmp: Path
    quick: bool
    control: tmux.Control | None = None
    seed: Path = fixtures.SEED
    book: Path = Path()
    book10k: Path | None = None
    library: Path | None = None
    annotated: Path | None = None
    annotated_big: dict[int, Path] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)

    @property
    def paint_reps(self) -> int:
        # First paints take half a second and this machine's noise is +-40 %: the cheap
        # variants get many repetitions (the slow ones are capped by their `max_reps`).
        return 5 if self.quick else 15

    @property
    def key_reps(self) -> int:
        return 5 if self.quick else 15

    @property
    def cmd_reps(self) -> int:
        return 2 if self.quick else 5

    def library_of(self, count: int) -> Path:
        """A generated library of `count` articles (fixtures.make_library), made once a run."""
        if count == fixtures.LIBRARY_SIZE and self.library is not None:
            return self.library
        folder = self.tmp / f"library-{count}"
        if not folder.is_dir():
            fixtures.make_library(folder, count)
        return folder


def prepare(ctx: Context, sections: tuple[str, ...]) -> None:
    print("preparing inputs ...", flush=True)
    seed_dir = ctx.tmp / "seed"
    seed_dir.mkdir()
    ctx.seed = seed_dir / fixtures.SEED.name
    shutil.copyfile(fixtures.SEED, ctx.seed)
    ctx.book = fixtures.make_book(ctx.tmp / "book")
    if {"paint", "keys", "save", "export"} & set(sections):
        try:
            book10k = fixtures.make_book(ctx.tmp / "book10k")
            fixtures.write_sidecar(book10k, 10_000)
            ctx.book10k = book10k
        except Exception as error:  # noqa: BLE001
            ctx.missing["book10k"] = f"sidecar: {reason_of(error)}"
    if {"paint", "library"} & set(sections):
        ctx.library = fixtures.make_library(ctx.tmp / "library", fixtures.LIBRARY_SIZE)
    if "export" in sections:
        try:
            ctx.annotated = fixtures.make_annotated_library(ctx.tmp / "annotated", 500)
            for size in (1000, 10_000):
                ctx.annotated_big[size] = fixtures.make_annotated_library(
                    ctx.tmp / f"annotated-{size}", size
                )
        except Exception as error:  # noqa: BLE001
            ctx.missing["annotated"] = f"sidecars: {reason_of(error)}"
