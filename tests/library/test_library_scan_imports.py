"""What a library scan loads: with no sidecar and no export in the folder, neither the
annotation store's storage (TinyDB) and model nor the exporter; it waits for the UI while
they would load before the first titles are listed."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NOT_LOADED = (
    "tinydb",
    "reader.annotations.sidecar",
    "reader.annotations.sidecar_file",
    "reader.annotations.model",
    "reader.annotations.merge",
    "reader.export.markdown",
)


def test_scanning_a_folder_without_sidecars_loads_neither_the_store_nor_the_exporter(tmp_path):
    root = tmp_path / "lib"
    root.mkdir()
    (root / "old.txt").write_text("Old story\n\nJanuary 2, 2024\n\nBody.\n", encoding="utf-8")
    (root / "new.txt").write_text("New story\n\nJanuary 9, 2024\n\nBody.\n", encoding="utf-8")
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from reader.library import scan_library
        from reader.library_cache import MetadataCache
        cache = MetadataCache.open(Path({str(tmp_path / "cache.sqlite3")!r}), create=False)
        entries = scan_library(Path({str(root)!r}), cache=cache, listed=lambda e: None,
                               listed_over=0)
        cache.close()
        print(",".join(e.title for e in entries))
        print(",".join(m for m in {NOT_LOADED!r} if m in sys.modules))
        """
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:2] == ["New story,Old story", ""]
