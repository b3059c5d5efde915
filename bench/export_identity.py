"""Does `reader export FOLDER` write the same bytes as another checkout's?

    python bench/export_identity.py BASE_CHECKOUT [FOLDER ...]

For each folder, and each of Markdown (in reading order, by category, `library-category`)
and W3C, runs `reader export FOLDER -o FILE` with BASE_CHECKOUT's code (on PYTHONPATH), then
with this checkout's twice: without its kept checks (reader/export/checked_texts.py), then
with the checks the first run kept. Prints one line per run and whether its output and its
warnings are byte-identical to the base's; exits 1 when any differs.

Without FOLDER, it makes one in a temporary folder: the shared corpus (../shared/corpus)
annotated as tests/export/test_export_commands.py annotates it (two sentences of every
third block, each with a note), then one annotated article edited under its highlights and
one sidecar made unreadable. Articles must be settled (older than `RACY_SECONDS`) for their
checks to be kept: the script waits that long once the folder is made.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(CHECKOUT))

from reader.export.checked_texts import RACY_SECONDS  # noqa: E402

RUN = "import sys; from reader.cli import main; sys.exit(main(sys.argv[1:]))"
FORMATS = (
    ("markdown", ["--group-by", "order"]),
    ("markdown-category", ["--group-by", "category"]),
    ("markdown-library-category", ["--group-by", "library-category"]),
    ("w3c", ["--format", "w3c"]),
)


def annotated_corpus(root: Path) -> Path:
    """The corpus annotated as the round-trip test does, one article edited since, one
    sidecar broken."""
    from reader.annotations.sidecar_file import sidecar_path_for
    from reader.annotations.store import AnnotationStore
    from reader.document.loader import load_document
    from reader.errors import ReaderError

    corpus = CHECKOUT.parent / "shared" / "corpus"
    folder = root / "corpus"
    folder.mkdir()
    annotated = []
    for source in sorted(corpus.iterdir()):
        if not source.is_file() or source.suffix not in (".txt", ".md", ".html", ".htm"):
            continue
        article = folder / source.name
        shutil.copy(source, article)
        try:
            doc = load_document(article)
        except ReaderError:  # a binary file: in the folder, never annotated
            continue
        store = AnnotationStore.open(doc)
        try:
            for block in doc.blocks[1::3]:
                for sentence in block.sentences[:2]:
                    ann = store.add(sentence.start, sentence.end, "claim")
                    store.update(ann.id, note=f"note {sentence.start}")
        finally:
            store.close()
        if sidecar_path_for(article).exists():
            annotated.append(article)
    plain = [a for a in annotated if a.suffix == ".txt"]
    edited = plain[0]
    text = edited.read_text("utf-8")
    cut = len(text) // 3
    edited.write_text(text[:cut] + "An inserted sentence. " + text[cut + 40 :], "utf-8")
    sidecar_path_for(plain[1]).write_text("{not json", "utf-8")
    return folder


def export(folder: Path, args: list[str], out: Path, env: dict[str, str]) -> tuple[bytes, bytes]:
    argv = [sys.executable, "-c", RUN, "export", str(folder), *args, "-o", str(out)]
    # `-c` puts the current folder first on sys.path: run from the output's folder, not from
    # a checkout whose reader would be imported instead of the one on PYTHONPATH
    done = subprocess.run(argv, env=env, cwd=out.parent, capture_output=True, check=False)
    if done.returncode != 0:
        return b"", done.stderr
    return out.read_bytes(), done.stderr


def kept(cache: Path) -> int:
    """How many articles' checks the cache under `cache` holds."""
    return sum(len(json.loads(f.read_bytes())["entries"]) for f in cache.rglob("*.json"))


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__.splitlines()[2].strip(), file=sys.stderr)
        return 2
    base = Path(sys.argv[1]).resolve()
    work = Path(tempfile.mkdtemp(prefix="export-identity-"))
    folders = [Path(f).resolve() for f in sys.argv[2:]]
    if not folders:
        folders = [annotated_corpus(work)]
        time.sleep(RACY_SECONDS + 1)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["XDG_STATE_HOME"] = env["XDG_DATA_HOME"] = env["XDG_CONFIG_HOME"] = str(work / "xdg")
    base_env = {**env, "PYTHONPATH": str(base), "XDG_CACHE_HOME": str(work / "cache-base")}
    ours_env = {**env, "PYTHONPATH": str(CHECKOUT)}
    differ = 0
    for folder in folders:
        for label, args in FORMATS:
            out = work / f"{label}.out"
            expected = export(folder, args, out, base_env)
            cache = work / f"cache-{folder.name}-{label}"
            shutil.rmtree(cache, ignore_errors=True)
            for run in ("no kept checks", "kept checks"):
                got = export(folder, args, out, {**ours_env, "XDG_CACHE_HOME": str(cache)})
                same = got == expected
                differ += not same
                print(
                    f"{folder.name:24s} {label:28s} {run:15s} {len(got[0]):>10,} bytes "
                    f"{'identical' if same else 'DIFFERENT'}; {kept(cache)} checks kept"
                )
    shutil.rmtree(work, ignore_errors=True)
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
