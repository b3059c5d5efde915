"""bench/export_identity.py runs the base's export with the base's code, wherever it is run
from: run from the checkout, `python -c` put the current folder first on sys.path, so the
"base" run imported this checkout's reader and every output read `identical`."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[1]


def _export_identity():
    spec = importlib.util.spec_from_file_location(
        "export_identity", CHECKOUT / "bench" / "export_identity.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_base_export_runs_the_base_code_when_run_from_the_checkout(tmp_path, monkeypatch):
    base = tmp_path / "base" / "reader"
    base.mkdir(parents=True)
    (base / "__init__.py").write_text("")
    (base / "cli.py").write_text(
        "from pathlib import Path\n\n"
        "def main(argv):\n"
        "    Path(argv[argv.index('-o') + 1]).write_bytes(b'the base')\n"
        "    return 0\n"
    )
    monkeypatch.chdir(CHECKOUT)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = tmp_path / "out" / "export.md"
    out.parent.mkdir()
    folder = tmp_path / "folder"
    folder.mkdir()
    got, _ = _export_identity().export(folder, [], out, {**env, "PYTHONPATH": str(base.parent)})
    assert got == b"the base"
