"""A bench figure (ours, a baseline, a target) and the run's list of them; number formatting."""

from __future__ import annotations

import re
import statistics
from dataclasses import asdict, dataclass, field


@dataclass
class Figure:
    name: str
    unit: str  # "ms" | "MB" | "MB/s" | "rules" | "x"
    ours: float | None = None
    baseline: float | None = None
    baseline_name: str = ""
    target: str = ""  # human-readable, e.g. "<= 1.3x bare"
    check: str = ""  # "ratio<=1.3" | "ours<=25" | "ours>=46" | ""
    note: str = ""  # n/a reason or remark
    samples: dict[str, list[float]] = field(default_factory=dict)
    paired_ratio: float | None = None  # median of ours/baseline per repetition, when paired

    @property
    def ratio(self) -> float | None:
        if self.paired_ratio is not None:
            return self.paired_ratio
        if self.ours is None or not self.baseline:
            return None
        return self.ours / self.baseline

    @property
    def passed(self) -> bool | None:
        if not self.check:
            return None
        match = re.fullmatch(r"(ratio|ours)(<=|>=)([0-9.]+)", self.check)
        if match is None:
            raise ValueError(f"bad check {self.check!r}")
        subject, op, limit = match[1], match[2], float(match[3])
        value = self.ratio if subject == "ratio" else self.ours
        if value is None:
            return None
        return value <= limit if op == "<=" else value >= limit

    def to_json(self, samples: bool = True) -> dict:
        data = asdict(self)
        if not samples:
            del data["samples"]
        data["ratio"] = self.ratio
        data["passed"] = self.passed
        return data


class Results:
    def __init__(self) -> None:
        self.figures: list[Figure] = []

    def add(self, figure: Figure) -> Figure:
        self.figures.append(figure)
        print(f"  {figure.name}: {fmt(figure.ours, figure.unit)}", flush=True)
        return figure

    def na(self, name: str, unit: str, reason: str, target: str = "", **kw) -> Figure:
        figure = Figure(name, unit, target=target, note=f"n/a ({reason})", **kw)
        self.figures.append(figure)
        print(f"  {name}: n/a ({reason})", flush=True)
        return figure


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "ms":
        return f"{value * 1000:.1f} ms" if value < 0.1 else f"{value * 1000:.0f} ms"
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "MB/s":
        return f"{value:.2f} MB/s"
    if unit == "rules":
        return f"{value:.0f}/48"
    return f"{value:.3g}"


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def reason_of(error: BaseException) -> str:
    text = f"{type(error).__name__}: {error}".splitlines()[0]
    return text[:160]


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
