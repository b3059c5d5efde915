"""A small library with checked claims, made through the CLI as a user would, for the
ClaimReview and dossier export tests."""

from __future__ import annotations

from pathlib import Path

from reader.cli import main

BRIDGE = (
    "Harbour bridge to close\n\n"
    "The council will close the bridge for three years, the mayor, Ana Ruiz, said.\n\n"
    "Tolls will rise next spring, according to two officials familiar with the plan.\n\n"
    "The ferry keeps its timetable.\n"
)
FERRY = (
    "---\n"
    'title: "Ferry <b>fares</b> [frozen]"\n'
    "date: 2026-02-03\n"
    "url: https://news.example.org/ferry\n"
    "canonical: https://example.org/ferry-fares\n"
    "source: Example News\n"
    "---\n\n"
    "# Ferry fares\n\n"
    "The bridge will shut for five years, the Harbour Authority said on Monday.\n\n"
    "Fares stay as they are.\n"
)


def run(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def make_library(root: Path, capsys) -> dict[str, str]:
    """`root/library` with bridge.txt (three checked claims, one unverified highlight) and
    news/ferry.md (a supported claim and the evidence highlight); the ids by name."""
    library = root / "library"
    (library / "news").mkdir(parents=True)
    bridge, ferry = library / "bridge.txt", library / "news" / "ferry.md"
    bridge.write_text(BRIDGE, "utf-8")
    ferry.write_text(FERRY, "utf-8")
    ids = {}
    ids["shut"] = run(
        capsys, "annotate", str(ferry), "--quote", "The bridge will shut for five years"
    ).strip()
    ids["fares"] = run(
        capsys,
        "annotate", str(ferry), "--quote", "Fares stay as they are.",
        "--status", "supported", "--rationale", "The fare table is unchanged",
    ).strip()  # fmt: skip
    ids["close"] = run(
        capsys,
        "annotate", str(bridge), "--quote", "The council will close the bridge for three years",
        "--status", "refuted", "--rationale", "The authority says *five* years <b>not</b> three",
        "--evidence", "https://example.org/notice",
        "--evidence", f"{ferry}#{ids['shut']}",
    ).strip()  # fmt: skip
    ids["tolls"] = run(
        capsys,
        "annotate", str(bridge), "--quote", "Tolls will rise next spring",
        "--status", "unverifiable",
    ).strip()  # fmt: skip
    ids["timetable"] = run(
        capsys, "annotate", str(bridge), "--quote", "The ferry keeps its timetable."
    ).strip()
    return ids
