"""Checking a claim in a real terminal (tmux): a verdict (s), evidence linked to a highlight
of another article (l), followed (f); then `reader export --format dossier` shows the claim
with its verdict and that evidence."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from tmux_helper import reader_command

pytestmark = pytest.mark.e2e

ALPHA = (
    "Harbour bridge to close\n\n"
    "The council will close the bridge for three years, the mayor said.\n\n"
    "Tolls will rise next spring.\n"
)
BETA = (
    "Ferry fares frozen\n\n"
    "The bridge will shut for five years, the Harbour Authority said on Monday.\n\n"
    "Fares stay as they are.\n"
)
EVIDENCE = "The bridge will shut for five years, the Harbour Authority said on Monday."


def _reader(args: list[str], env: dict[str, str], cwd: Path) -> str:
    done = subprocess.run(
        [*reader_command(), *args],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_verdict_evidence_follow_then_dossier(reader_session, tmp_path: Path) -> None:
    library = tmp_path / "library"
    library.mkdir()
    alpha, beta = library / "alpha.txt", library / "beta.txt"
    alpha.write_text(ALPHA, encoding="utf-8")
    beta.write_text(BETA, encoding="utf-8")
    session = reader_session([alpha])
    env = {"XDG_CONFIG_HOME": str(session.config_home), "XDG_STATE_HOME": str(session.state_home)}
    _reader(["annotate", str(beta), "--quote", EVIDENCE, "--category", "evidence"], env, tmp_path)
    with session as s:
        s.wait_for("Harbour bridge to close")
        s.wait_annotations()
        s.press("j", "h")  # highlight the claim
        s.wait_for("C1 E0 Q0 D0 K0")
        s.press("s")
        s.wait_for("Verdict: a number")
        s.press("4")  # refuted; the rationale box takes the keys
        s.wait_stable()
        s.type("Authority says five years")
        s.wait_for("Authority says five years")
        s.press("Enter")
        s.wait_for("Verdict: Refuted")
        s.press("l")
        s.wait_for("Evidence: a URL")
        s.wait_for("of 2 claims")
        s.type("Harbour Authority")
        s.wait_for("1 of 2 claims")
        s.press("Enter")
        s.wait_for("Evidence linked (1; f follows)")
        s.press("f")  # beta opens at the linked highlight
        s.wait_for("Fares stay as they are.")
        s.wait_stable()
        screen = s.screen()
        assert "Ferry fares frozen" in screen and "Tolls will rise" not in screen
        s.press("q")
        assert s.exit_status() == 0
    text = _reader(["export", "--format", "dossier", str(library)], env, library)
    assert "## Refuted (1)" in text
    refuted = text[text.index("## Refuted (1)") :]
    assert "> The council will close the bridge for three years, the mayor said." in refuted
    assert "Verdict: **Refuted** — Authority says five years" in refuted
    assert "Article: [Harbour bridge to close](alpha.txt)" in refuted
    assert f"- “{EVIDENCE}” — [Ferry fares frozen](beta.txt) · ¶ 2, sentence 1" in refuted
