"""Run the ``crypty`` command line in a process whose wall clock a test can move forward, as a
suspend does: ``python -m tests.shifted_clock bot run NAME``.

While a laptop sleeps, its wall clock (and Linux's boot-time clock) keep counting and its
monotonic clock stands still; a process stopped with SIGSTOP sees none of that. The test writes
the seconds the machine "slept" into the file named by ``CRYPTY_TEST_CLOCK_SHIFT`` before it
sends SIGCONT: from then on ``time.time``, ``time.time_ns`` and the wall and boot-time clocks of
``time.clock_gettime`` are that much ahead, the monotonic clock is not, and the app sees what it
would see after a real suspend. Only this helper reads the variable; the app knows nothing of it.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

_FILE = Path(os.environ["CRYPTY_TEST_CLOCK_SHIFT"])
_REREAD = 0.05  # float-ok: seconds between two looks at the file
_real_time: Callable[[], float] = time.time
_real_time_ns: Callable[[], int] = time.time_ns
_real_gettime: Callable[[int], float] = time.clock_gettime
_WALL = {time.CLOCK_REALTIME, getattr(time, "CLOCK_BOOTTIME", time.CLOCK_REALTIME)}
_lock = threading.Lock()
_state = {"shift": 0.0, "read_at": -1.0}  # float-ok: seconds


def _shift() -> float:  # float-ok: seconds
    now = time.monotonic()
    with _lock:
        if now - _state["read_at"] >= _REREAD:
            _state["read_at"] = now
            try:
                _state["shift"] = float(_FILE.read_text(encoding="utf-8").strip() or "0")
            except (OSError, ValueError):
                pass
        return _state["shift"]


def _time() -> float:  # float-ok: seconds
    return _real_time() + _shift()


def _time_ns() -> int:
    return _real_time_ns() + int(_shift() * 1_000_000_000)


def _clock_gettime(clock: int) -> float:  # float-ok: seconds
    value = _real_gettime(clock)
    return value + _shift() if clock in _WALL else value


time.time = _time
time.time_ns = _time_ns
time.clock_gettime = _clock_gettime

if __name__ == "__main__":
    from crypty_desktop.cli import main

    sys.exit(main(sys.argv[1:]))
