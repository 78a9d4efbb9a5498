"""The market data hub: one live candle stream per (symbol, interval), shared by every bot.

Design:
    ``hub.subscribe(symbol, interval, history=N)`` returns a :class:`CandleFeed`, a thread-safe
    queue of closed candles that one subscriber (a bot, in its own thread) reads with
    ``get(timeout)`` or by iterating; ``feed.close()`` unsubscribes. The first subscriber of a
    (symbol, interval) opens its stream (``exchange/streams.py``: Binance's websocket, or the
    simulated exchange's clock: the demo goes through the hub too); the last one to leave closes
    it (reference counting).

    Each (symbol, interval) is a *series* that remembers the open time of the last candle it
    delivered. Every candle goes through the series, under its lock, so every feed of the series
    gets every closed candle once, in open-time order:

    - a candle whose open time is ≤ the last delivered one is dropped (no duplicates);
    - a candle further than one interval after it reveals a gap: the gap is fetched by REST
      (``gateway.klines``) and delivered first (no skips);
    - after each (re)connection of the stream, before its first candle, the series backfills by
      REST from the last delivered candle to now, so candles that closed while the link was down
      reach the bots; if that REST call fails the stream reconnects and the backfill is tried again.
      The stream also asks for that catch-up while its link is down, or open but silent (the
      silence watchdog in ``exchange/streams.py``; ``silence=`` sets its limit), so the bots keep
      getting their candles — and their risk limits keep being checked — by REST meanwhile.
      All three go through one gap finder (``_fill_gap``), so a candle is never fetched twice.

    A new series starts at the last candle closed when it is opened (by the market clock
    ``now_ms``), so nothing that closes afterwards is missed even if the stream drops before its
    first candle. With ``history=N`` (or ``since_ms=T``) the feed first holds the last N closed
    candles (or those since T) up to the series' last delivered one, taken from the
    :class:`CandleStore` where stored, the rest by REST, through the one history module
    (``market/history.py``); a bot takes that history out of its feed (``take_history``) to warm
    up on it. Every closed candle the hub sees is recorded in the store under ``venue`` (the
    platform type's value, as the history downloads use), so history is fetched once: the
    exchange adapters below never write the database.

Status:
    ``status()`` gives each series' :class:`StreamStatus` (link state since when, the last candle,
    the number of subscribers, the last problem in words); ``add_listener(callback)`` calls
    ``callback(status)`` on every change, from the stream's thread (the GUI re-posts to its own).

Threads: subscribe (may do REST and SQLite work) from a worker thread, never the GUI thread.
``close()`` stops every stream and joins its thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.market import INTERVAL_MS, Candle
from crypty_desktop.domain.platform import PlatformType
from crypty_desktop.domain.subscriptions import subscribe
from crypty_desktop.exchange.gateway import ExchangeGateway
from crypty_desktop.exchange.simulated import SimulatedExchange
from crypty_desktop.exchange.streams import (
    SILENCE_LIMIT,
    Backoff,
    BinanceKlineStream,
    CandleStream,
    LinkState,
    SimulatedCandleStream,
    StreamFactory,
    ws_base_url,
)
from crypty_desktop.market.feed import (
    CandleFeed,
    FeedClosed,
    SeriesKey,
    StreamStatus,
)
from crypty_desktop.market.history import History
from crypty_desktop.wording import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from crypty_desktop.storage.candles import CandleStore

log = logging.getLogger(__name__)
UNKNOWN_INTERVAL = QT_TRANSLATE_NOOP("Core", "Unknown candle interval “{interval}”.")
SHUT_DOWN = QT_TRANSLATE_NOOP("Core", "Market data is shut down.")

__all__ = [
    "CandleFeed",
    "FeedClosed",
    "MarketDataHub",
    "SeriesKey",
    "StreamStatus",
    "wall_clock_ms",
]

Clock = Callable[[], int]
StatusListener = Callable[[StreamStatus], None]


def wall_clock_ms() -> int:
    return time.time_ns() // 1_000_000


class _Series:
    """One (symbol, interval): its stream, its feeds and its last delivered candle.

    Implements the streams' ``CandleSink``. Candle handling runs under ``lock``; listeners are
    called after it is released.
    """

    def __init__(self, hub: MarketDataHub, key: SeriesKey) -> None:
        self.hub = hub
        self.key = key
        self.step = INTERVAL_MS[key.interval]
        self.lock = threading.RLock()
        self.feeds: list[CandleFeed] = []
        self.joining = 0  # subscribers between "series found" and "feed attached" (hub lock)
        self.closed = False
        self.stream: CandleStream | None = None
        self.last = self._last_closed_open(hub.now_ms())
        self.status = StreamStatus(key.symbol, key.interval, LinkState.CONNECTING, hub.wall_ms())
        self.delivered = False

    def _last_closed_open(self, now: int) -> int:
        return (now // self.step) * self.step - self.step

    # --- subscribers ----------------------------------------------------------------------------

    def attach(self, feed: CandleFeed, history: int, since_ms: int | None) -> None:
        with self.lock:
            if history > 0 or since_ms is not None:
                running = self.delivered or self.stream is not None
                end = self.last if running else self._last_closed_open(self.hub.now_ms())
                start = end - (history - 1) * self.step if history > 0 else end + self.step
                if since_ms is not None:
                    start = min(start, -(-since_ms // self.step) * self.step)
                candles = self._history(start, end)
                feed.put_history(candles)
                if candles and not running:
                    self.last = candles[-1].open_time
            self.feeds.append(feed)
            self._set(subscribers=len(self.feeds))
            start_stream = self.stream is None
            if start_stream:
                self.stream = self.hub.open_stream(self.key.symbol, self.key.interval, self)
        if start_stream and self.stream is not None:
            self.stream.start()
        self.hub.notify(self.status)

    def _history(self, start: int, end: int) -> list[Candle]:
        """The closed candles with open times in [start, end]: stored ones, REST for the rest."""
        return self.hub.history.candles(self.key.symbol, self.key.interval, start, end)

    # --- CandleSink (called by the stream) ------------------------------------------------------

    def stream_state(self, state: LinkState, detail: str) -> None:
        with self.lock:
            old = self.status
            if state is old.state and detail == old.detail:
                return
            since = old.since_ms if state is old.state else self.hub.wall_ms()
            self.status = replace(old, state=state, since_ms=since, detail=detail)
        self.hub.notify(self.status)

    def stream_connected(self) -> None:
        self.stream_catch_up()

    def stream_catch_up(self) -> None:
        """Deliver by REST every candle closed since the last delivered one (the link was down,
        or is open but silent)."""
        with self.lock:
            if self.closed:
                return
            now = self.hub.now_ms()
            if self.last + 2 * self.step <= now:  # else no candle can have closed since
                self._fill_gap(now)
        self.hub.notify(self.status)

    def stream_candle(self, candle: Candle) -> None:
        with self.lock:
            if self.closed or not candle.closed or candle.open_time <= self.last:
                return
            if candle.open_time > self.last + self.step and not self._fill_gap(
                candle.open_time - 1
            ):
                log.warning(
                    "%s %s: Binance has no candles between %d and %d",
                    *self.key,
                    self.last + self.step,
                    candle.open_time,
                )
            self._deliver([candle])
        self.hub.notify(self.status)

    # --- internals (under lock) -----------------------------------------------------------------

    def _fill_gap(self, end: int) -> bool:
        """The one gap finder: fetch by REST the closed candles after the last delivered one
        that open at or before ``end``, and deliver them in order. False if there were none."""
        missed = self._fetch(self.last + self.step, end)
        self._deliver(missed)
        return bool(missed)

    def _fetch(self, start: int, end: int) -> list[Candle]:
        return self.hub.history.fetch(self.key.symbol, self.key.interval, start, end)

    def _deliver(self, candles: list[Candle]) -> None:
        fresh: list[Candle] = []
        for candle in candles:
            if candle.open_time > self.last:
                fresh.append(candle)
                self.last = candle.open_time
        if not fresh:
            return
        self.hub.history.save(fresh)  # recorded, so history is fetched once
        for feed in self.feeds:
            for candle in fresh:
                feed.put(candle)
        self.delivered = True
        self._set(last_candle_ms=self.last)

    def _set(self, **changes: object) -> None:
        self.status = replace(self.status, **changes)  # type: ignore[arg-type]


class MarketDataHub:
    """Shares one candle stream per (symbol, interval) between all subscribers of a platform.

    Args:
        gateway: the platform's exchange, for REST backfill and history (``klines``). A
            ``SimulatedExchange`` gets simulated streams on its own clock, and nothing is stored
            (its candles ship with the app).
        candle_store: where closed candles are kept and reused (None: nowhere).
        venue: the store's venue name for this platform (``PlatformType.value``).
        ws_url: the websocket base overriding Binance's (``CRYPTY_BINANCE_WS_URL``).
        testnet: use the testnet's stream host (when there is no ``ws_url``).
        open_stream: opens a series' stream; default: Binance's websocket (or the simulated one).
        backoff: the Binance streams' reconnection delays.
        silence: the longest a connected Binance stream may say nothing before it is closed,
            caught up by REST and reconnected (seconds; 1.5 intervals if that is shorter).
        now_ms: the market's clock; default: the wall clock (the simulated exchange's clock).
        wall_ms: the wall clock, for the status' "since" times.
    """

    def __init__(
        self,
        gateway: ExchangeGateway,
        candle_store: CandleStore | None = None,
        *,
        venue: str = "",
        ws_url: str | None = None,
        testnet: bool = False,
        platform_type: PlatformType | None = None,
        open_stream: StreamFactory | None = None,
        backoff: Backoff | None = None,
        silence: float = SILENCE_LIMIT,  # float-ok: seconds
        now_ms: Clock | None = None,
        wall_ms: Clock = wall_clock_ms,
    ) -> None:
        self.gateway = gateway
        self.wall_ms = wall_ms
        if isinstance(gateway, SimulatedExchange):
            sim = gateway
            candle_store = None
            self.open_stream: StreamFactory = open_stream or partial(SimulatedCandleStream, sim)
            self.now_ms: Clock = now_ms or (lambda: sim.now_ms)
        else:
            kind = platform_type or (
                PlatformType.BINANCE_TESTNET if testnet else PlatformType.BINANCE
            )
            base = ws_base_url(kind, ws_url)
            self.open_stream = open_stream or partial(
                BinanceKlineStream, base, backoff=backoff, silence=silence
            )
            self.now_ms = now_ms or wall_clock_ms
        self.history = History(gateway, candle_store, venue)
        self._lock = threading.Lock()
        self._series: dict[SeriesKey, _Series] = {}
        self._listeners: list[StatusListener] = []
        self._closed = False

    def subscribe(
        self, symbol: str, interval: str, history: int = 0, since_ms: int | None = None
    ) -> CandleFeed:
        """A feed of ``symbol``'s closed ``interval`` candles, from now on.

        With ``history=N`` the feed first holds the last N closed candles; with ``since_ms``
        every closed candle opened at or after it (a resuming bot passes its last candle's open
        time + one interval, so it neither skips nor repeats one). Both: the earlier start. The
        history comes from the candle store, and by REST (paged) for what it lacks. Network and
        disk I/O: call it from a worker thread.

        Raises:
            ValidationError: unknown interval, or the hub is closed.
            CryptyError: the history could not be fetched (nothing is subscribed then).
        """
        if interval not in INTERVAL_MS:
            raise ValidationError(UNKNOWN_INTERVAL.format(interval=interval))
        key = SeriesKey(symbol.strip().upper(), interval)
        with self._lock:
            if self._closed:
                raise ValidationError(SHUT_DOWN)
            series = self._series.get(key)
            if series is None:
                series = self._series[key] = _Series(self, key)
            series.joining += 1
        feed = CandleFeed(key, self._detach)
        try:
            series.attach(feed, history, since_ms)
        except BaseException:
            with self._lock:
                series.joining -= 1
            self._release_if_unused(series)  # the history failed: nothing stays subscribed
            raise
        with self._lock:
            series.joining -= 1
        return feed

    def _detach(self, feed: CandleFeed) -> None:
        with self._lock:
            series = self._series.get(feed.key)
        if series is None:
            return
        with series.lock:
            if feed in series.feeds:
                series.feeds.remove(feed)
            series._set(subscribers=len(series.feeds))
        self._release_if_unused(series)
        self.notify(series.status)

    def _release_if_unused(self, series: _Series) -> None:
        with self._lock, series.lock:
            if series.feeds or series.joining or series.closed:
                return
            series.closed = True
            if self._series.get(series.key) is series:
                del self._series[series.key]
            stream, series.stream = series.stream, None
        if stream is not None:
            stream.stop()

    def wake(self) -> None:
        """The computer slept: every series fetches by REST the candles it missed, and its
        stream reconnects (its socket is likely dead without knowing it yet)."""
        with self._lock:
            series = list(self._series.values())
        for one in series:
            try:
                one.stream_catch_up()
            except Exception as exc:  # the network is not back yet: the stream retries
                log.warning("%s %s: catching up after a suspend failed: %s", *one.key, exc)
            reconnect = getattr(one.stream, "reconnect", None)
            if callable(reconnect):
                reconnect()

    def status(self) -> dict[SeriesKey, StreamStatus]:
        """Every open series' link status."""
        with self._lock:
            return {key: series.status for key, series in self._series.items()}

    def add_listener(self, callback: StatusListener) -> Callable[[], None]:
        """Call ``callback(status)`` on each status change (from a stream thread)."""
        return subscribe(self._lock, self._listeners, callback)

    def notify(self, status: StreamStatus) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(status)
            except Exception:  # a listener's bug must not stop the candles
                log.exception("market data status listener failed")

    def close(self) -> None:
        """Close every feed and stop every stream (joins their threads)."""
        with self._lock:
            self._closed = True
            feeds = [f for s in self._series.values() for f in list(s.feeds)]
        for feed in feeds:
            feed.close()
