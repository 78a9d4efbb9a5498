"""Hold a lock from another, real process: ``python -m tests.lock_holder FOLDER NAME ROLE``.

It takes the lock ``NAME`` in ``FOLDER`` (``app.lock`` or a bot id), prints ``held`` and keeps it
until its standard input closes (or it is killed). ``holding(...)`` runs it for a test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from crypty_desktop.bots.ownership import APP_LOCK, HeldLock, LockFolder, Role

ROOT = Path(__file__).resolve().parents[1]


def start_holder(folder: Path, name: str, role: Role = Role.CLI) -> subprocess.Popen[str]:
    """A process holding the lock; returns once it holds it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.lock_holder", str(folder), name, role.value],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    assert line == "held", f"the holder did not take the lock: {line!r}"
    return proc


@contextmanager
def holding(folder: Path, name: str, role: Role = Role.CLI) -> Iterator[subprocess.Popen[str]]:
    proc = start_holder(folder, name, role)
    try:
        yield proc
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=10)


def main(argv: list[str]) -> int:
    folder, name, role = Path(argv[1]), argv[2], Role(argv[3])
    locks = LockFolder(folder)
    path = locks.app_path if name == APP_LOCK else locks.bot_path(name)
    got = locks.acquire(path, role)
    if not isinstance(got, HeldLock):
        print(f"refused: {got}", flush=True)
        return 1
    print("held", flush=True)
    sys.stdin.read()  # until the test closes our input
    got.release()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
