"""What the app shows (toasts, the key bar, the palette's help lines) is plain text: a
command or option named in it shows as typed, not in Markdown backticks, which a toast shows
literally (session 11 saw "`reader feeds add URL`"). The app's own string constants are
checked, docstrings aside."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import reader

ROOT = Path(reader.__file__).parent
SHOWN = [ROOT / "app.py", ROOT / "commands.py", *sorted((ROOT / "screens").glob("*.py"))]
SHOWN += sorted((ROOT / "widgets").glob("*.py"))
QUOTED = re.compile(r"`[^`\s][^`]*`")


def quoted_strings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        f"{path.name}:{node.lineno}: {node.value}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and QUOTED.search(node.value)
    ]


def test_no_message_of_the_app_quotes_a_command_in_backticks():
    assert len(SHOWN) > 20
    found = [line for path in SHOWN for line in quoted_strings(path)]
    assert found == []


def test_the_check_finds_a_backticked_command(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('"""`doc` is fine."""\nMESSAGE = "run `reader export` first"\n')
    assert quoted_strings(sample) == ["sample.py:2: run `reader export` first"]
