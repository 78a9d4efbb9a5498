"""Replaying the simulated exchange in real time, in a background thread.

At ``speed`` simulated seconds per real second, the replayer waits the real time between two
candle closes, then advances the clock to the next one. It stops when asked or when the data runs
out. ``run`` is the loop itself, usable without a thread (tests pass a ``wait`` that never sleeps).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol


class Clocked(Protocol):
    @property
    def now_ms(self) -> int: ...

    def next_event_ms(self) -> int | None: ...

    def advance_to(self, target_ms: int) -> int: ...


class Replayer:
    """Drives a simulated exchange's clock from a daemon thread."""

    def __init__(self, exchange: Clocked) -> None:
        self._exchange = exchange
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._guard = threading.Lock()

    @property
    def running(self) -> bool:
        thread = self._thread
        return thread is not None and thread.is_alive()

    def start(self, speed: float) -> None:  # float-ok: a time ratio
        """Start (or restart at a new speed) the replay thread."""
        if speed <= 0:
            raise ValueError("the replay speed must be above zero")
        with self._guard:
            self._stop_locked()
            self._stop = threading.Event()
            stop = self._stop
            self._thread = threading.Thread(
                target=self.run, args=(speed, stop), name="simulated-exchange-replay", daemon=True
            )
            self._thread.start()

    def stop(self) -> None:
        """Stop the replay thread and wait for it (it stops between two candles)."""
        with self._guard:
            self._stop_locked()

    def _stop_locked(self) -> None:
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join()
        self._thread = None

    def run(
        self,
        speed: float,  # float-ok: simulated seconds per real second
        stop: threading.Event,
        wait: Callable[[float], bool] | None = None,  # float-ok: seconds
    ) -> int:
        """Advance candle close by candle close until ``stop`` is set or the data runs out.

        ``wait(seconds)`` returns True when the replay must stop (default: ``stop.wait``).
        Returns how many candle-close moments were replayed.
        """
        wait = wait or stop.wait
        done = 0
        while not stop.is_set():
            target = self._exchange.next_event_ms()
            if target is None:
                break
            delay = (target - self._exchange.now_ms) / 1000 / speed  # float-ok: seconds
            if wait(max(delay, 0.0)):
                break
            done += self._exchange.advance_to(target)
        return done
