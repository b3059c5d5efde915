"""Fault-injection driver: fork a writer child, SIGKILL it at a random moment, check the file.

Usage: python annotation_crash_driver.py ARTICLE ROUNDS SEED

Importing the store once and forking each child keeps 50 rounds within seconds. Each child
runs `annotation_writer_child.write_loop` with its stdout on a pipe; after the kill, the
driver reads the ids the child reported as flushed and checks the sidecar parses and holds
every one of them. One JSON line per round on stdout:
{"round": i, "reported": n, "stored": m, "missing": [...], "error": null | "...",
"killed_mid_write": bool (a temp file was left, so the kill hit a write)}.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import time
from pathlib import Path

from annotation_writer_child import write_loop

from reader.annotations.sidecar import SidecarStorage, sidecar_path_for


def run_child(article: str, label: str) -> tuple[int, int]:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: stdout goes to the pipe; never returns into the driver
        try:
            os.close(read_fd)
            os.dup2(write_fd, 1)
            write_loop(article, label, 0, 0, 1)
        finally:
            os._exit(0)
    os.close(write_fd)
    return pid, read_fd


def read_all(fd: int) -> str:
    chunks = []
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks).decode()


def check(article: str) -> tuple[set[str], str | None]:
    path = sidecar_path_for(article)
    if not path.exists():
        return set(), None
    try:
        data, _ = SidecarStorage(path, read_only=True).read_file()
    except Exception as error:  # report, do not crash: the test asserts on it
        return set(), f"{type(error).__name__}: {error}"
    return {doc["id"] for doc in (data or {}).get("annotations", {}).values()}, None


def main() -> int:
    article, rounds, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    for i in range(rounds):
        pid, fd = run_child(article, f"r{i}")
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        torn = any(".tmp-" in p.name for p in Path(article).parent.iterdir())
        output = read_all(fd)
        lines = output.split("\n")[:-1]  # only complete lines
        problems = [x for x in lines if x.startswith("problem:")]
        reported = {x for x in lines if x not in ("ready",) and not x.startswith("problem:")}
        stored, error = check(article)
        if problems:
            error = problems[0]
        print(
            json.dumps(
                {
                    "round": i,
                    "reported": len(reported),
                    "stored": len(stored),
                    "missing": sorted(reported - stored),
                    "error": error,
                    "killed_mid_write": torn,
                }
            ),
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
