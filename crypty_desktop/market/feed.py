"""The one candle feed: what a market data subscriber holds, a :class:`CandleFeed` of closed
candles, and the :class:`StreamStatus` of the series it listens to (both handed out by the hub,
``market/hub.py``). A running bot reads its feed with ``get(timeout)`` in its own thread, whatever
the platform (Binance's streams or the demo's clock), and ``close()``s it when it stops.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from crypty_desktop.domain.market import Candle
from crypty_desktop.exchange.streams import LinkState


class SeriesKey(NamedTuple):
    symbol: str
    interval: str


@dataclass(frozen=True, slots=True)
class StreamStatus:
    """One series' link, for the status bar. Times are ms since the epoch."""

    symbol: str
    interval: str
    state: LinkState
    since_ms: int  # wall clock time the link entered this state
    last_candle_ms: int | None = None  # open time of the last closed candle delivered
    subscribers: int = 0
    detail: str = ""  # why it is reconnecting, in words


class CandleSource(Protocol):
    """What a bot's loop reads: a :class:`CandleFeed`, or any queue of candles with its shape."""

    def get(self, timeout: float | None = None) -> Candle: ...  # float-ok: seconds

    def close(self) -> None: ...


class FeedClosed(queue.Empty):
    """``get`` on a closed feed (a subclass of ``queue.Empty``, so poll loops just go round)."""


_CLOSED = object()


class CandleFeed:
    """One subscriber's queue of closed candles. ``get`` and ``close`` are thread-safe."""

    def __init__(self, key: SeriesKey, on_close: Callable[[CandleFeed], None]) -> None:
        self.key = key
        self._queue: queue.Queue[Candle | object] = queue.Queue()
        self._on_close: Callable[[CandleFeed], None] | None = on_close
        self._closed = threading.Event()
        self._history = 0  # candles queued first as the subscription's history

    def __repr__(self) -> str:
        return f"CandleFeed({self.key.symbol} {self.key.interval}, closed={self.closed})"

    @property
    def closed(self) -> bool:
        return self._closed.is_set()

    def put(self, candle: Candle) -> None:
        if not self._closed.is_set():
            self._queue.put(candle)

    def put_history(self, candles: list[Candle]) -> None:
        """Queue the subscription's history, before any live candle (the hub, on subscribing)."""
        for candle in candles:
            self.put(candle)
        self._history += len(candles)

    def take_history(self) -> list[Candle]:
        """The history queued on subscribing, taken out of the queue (live candles stay): a
        bot warms up on it instead of trading on it."""
        taken: list[Candle] = []
        while self._history > 0:
            self._history -= 1
            try:
                taken.append(self.get(timeout=0))
            except queue.Empty:
                break
        self._history = 0
        return taken

    def get(self, timeout: float | None = None) -> Candle:  # float-ok: seconds
        """The next closed candle; ``queue.Empty`` after ``timeout``, ``FeedClosed`` if closed."""
        item = self._queue.get(timeout=timeout)
        if isinstance(item, Candle):
            return item
        self._queue.put(item)  # keep the end mark for the next reader
        raise FeedClosed

    def __iter__(self) -> Iterator[Candle]:
        """Candles as they close, until the feed is closed."""
        while True:
            try:
                yield self.get()
            except FeedClosed:
                return

    def close(self) -> None:
        """Unsubscribe (idempotent). Candles already queued can still be read."""
        if self._closed.is_set():
            return
        self._closed.set()
        self._queue.put(_CLOSED)
        on_close, self._on_close = self._on_close, None
        if on_close is not None:
            on_close(self)
