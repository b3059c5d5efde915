"""Wall time of whole commands (a fresh process each time)."""

from __future__ import annotations

import os
import subprocess
import time


def time_command(argv: list[str], env: dict[str, str], reps: int) -> list[float]:
    full_env = {**os.environ, **env}
    samples = []
    for _ in range(reps):
        start = time.perf_counter()
        proc = subprocess.run(argv, env=full_env, capture_output=True, text=True, timeout=300)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            last = (proc.stderr.strip().splitlines() or ["(no message)"])[-1]
            raise RuntimeError(f"exit {proc.returncode}: {last[:150]}")
        samples.append(elapsed)
    return samples
