"""The sample library: the bundled seed articles, copied to the user data directory.

`reader` with no argument opens `platformdirs.user_data_dir("margin-reader")/library`.
The seeds are copied there on first run (or whenever that folder holds no articles), so
annotating them never writes inside the installed package.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from platformdirs import user_data_dir

from reader import APP_NAME
from reader.errors import ReaderError
from reader.library import has_articles, is_article_name
from reader.resources import seeds_dir


def sample_library_dir() -> Path:
    return Path(user_data_dir(APP_NAME)) / "library"


def ensure_sample_library(dest: Path | None = None, seeds: Path | None = None) -> Path:
    """The sample library folder, with the seeds copied in if it has no articles yet."""
    dest = Path(dest) if dest is not None else sample_library_dir()
    seeds = Path(seeds) if seeds is not None else seeds_dir()
    if dest.is_dir() and has_articles(dest):
        return dest
    try:
        dest.mkdir(parents=True, exist_ok=True)
        for seed in sorted(seeds.iterdir()):
            if seed.is_file() and is_article_name(seed.name):
                target = dest / seed.name
                if not target.exists():
                    shutil.copyfile(seed, target)
    except OSError as error:
        raise ReaderError(f"cannot create the sample library ({error.strerror}): {dest}") from None
    return dest
