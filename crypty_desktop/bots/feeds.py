"""Where a running bot's closed candles come from: the simulated exchange's clock, or the market
data hub's live streams. Either way the bot reads a ``CandleFeed``: ``get(timeout)`` in its own
thread, ``close()`` when it stops.
"""

from __future__ import annotations

import queue
from collections.abc import Callable
from typing import Protocol

from crypty_desktop.domain.market import Candle


class CandleFeed(Protocol):
    def get(self, timeout: float | None = None) -> Candle: ...  # float-ok: seconds

    def close(self) -> None: ...


class QueueFeed:
    """A per-subscriber queue filled by a producer thread; closing unsubscribes."""

    def __init__(self) -> None:
        self._queue: queue.Queue[Candle] = queue.Queue()
        self._unsubscribe: Callable[[], None] | None = None

    def put(self, candle: Candle) -> None:
        self._queue.put(candle)

    def bind(self, unsubscribe: Callable[[], None]) -> None:
        self._unsubscribe = unsubscribe

    def get(self, timeout: float | None = None) -> Candle:  # float-ok: seconds
        return self._queue.get(timeout=timeout)

    def close(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
