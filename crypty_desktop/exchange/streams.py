"""Where closed candles come from, one stream per (symbol, interval): Binance's websocket, or the
simulated exchange's clock.

A stream pushes what it hears into a :class:`CandleSink` (the market data hub's series) and knows
nothing about subscribers, duplicates or gaps: the sink sorts that out. The contract:

- ``sink.stream_state(state, detail)`` whenever the link changes (connecting, connected,
  reconnecting with the reason, stopped);
- ``sink.stream_connected()`` after each (re)connection, before any candle of that connection, so
  the sink can backfill by REST what was missed while the link was down;
- ``sink.stream_candle(candle)`` for each *closed* candle heard, in the order heard;
- ``sink.stream_catch_up()`` while the link is down or silent, so the sink can fetch by REST the
  candles that closed meanwhile without waiting for the link to come back.

If ``stream_connected`` or ``stream_candle`` raises (e.g. the REST backfill failed), the Binance
stream drops the connection and reconnects after a backoff, so the backfill is tried again: the
sink must only move its "last delivered" mark for candles it really delivered. If it raises
``RateLimited`` (Binance asked to slow down, or banned the IP address: a 429 or a 418), the stream
waits at least until the end of that pause before it reconnects or asks the sink again.

:class:`BinanceKlineStream` runs in its own daemon thread with the ``websockets`` sync client.
It connects to ``<ws base>/ws/<symbol lower>@kline_<interval>``; the library answers Binance's
pings. When the link drops it reconnects with exponential backoff and jitter (1 s doubling to
30 s). ``stop()`` closes the socket and joins the thread.

Silence watchdog: Binance pushes an update of the forming kline every 2 s while the market trades
(``web-socket-streams.md``: "Update Speed: 1000ms for 1s, 2000ms for the other intervals"), so a
link that stays open but says nothing for ``silence_limit(interval)`` — 1.5 intervals, and never
more than ``SILENCE_LIMIT`` (10 s) — is dead even though its socket is not: the stream closes it,
asks the sink to catch up by REST at once, and reconnects. While the link stays down or silent
the sink is asked to catch up again every silence limit, so the bots' candles (and their
stop-losses) keep coming by REST. A connection ended by silence does not reset the backoff unless
it had been up for ``STABLE_AFTER`` seconds, so a stream that only trickles (a market with no
trades) reconnects ever more slowly instead of every 10 s.

:class:`SimulatedCandleStream` subscribes to ``SimulatedExchange.on_candle``; candles arrive in the
thread that moves the simulated clock. It never drops, so it never reconnects.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, Protocol
from urllib.parse import urlsplit

from websockets.exceptions import ConnectionClosed, WebSocketException
from websockets.sync.client import ClientConnection, connect

from crypty_desktop.domain.addresses import is_loopback
from crypty_desktop.domain.errors import RateLimited
from crypty_desktop.domain.market import INTERVAL_MS, Candle
from crypty_desktop.domain.platform import PlatformType
from crypty_desktop.exchange.retry import Backoff as Backoff  # its users found it here first
from crypty_desktop.exchange.threads import join_thread

log = logging.getLogger(__name__)

LIVE_WS_URL = "wss://stream.binance.com:9443"
TESTNET_WS_URL = "wss://stream.testnet.binance.vision"
PUBLIC_WS_URL = "wss://data-stream.binance.vision"  # Binance's market-data-only streams
DEMO_WS_URL = "wss://demo-stream.binance.com:9443"  # Binance Demo Mode's market streams
SILENCE_LIMIT = 10.0  # float-ok: seconds; at most this long without a message on a live stream
STABLE_AFTER = 60.0  # float-ok: seconds up after which a connection counts as having worked


def open_socket(
    url: str, open_timeout: float, **options: Any
) -> ClientConnection:  # float-ok: seconds
    """Open a WebSocket to ``url``: straight to a loopback host, through the system's proxy (if
    any) to any other; closing waits 1 s at most. ``options`` go to ``websockets``' ``connect``."""
    host = urlsplit(url).hostname or ""
    socket: ClientConnection = connect(
        url,
        open_timeout=open_timeout,
        close_timeout=1,
        proxy=None if is_loopback(host) else True,
        **options,
    )
    return socket


class LinkState(StrEnum):
    """How a stream's connection is doing, for the status bar."""

    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    STOPPED = "stopped"


class CandleSink(Protocol):
    """What a stream reports to (implemented by the hub's per-series object)."""

    def stream_state(self, state: LinkState, detail: str) -> None: ...

    def stream_connected(self) -> None: ...

    def stream_candle(self, candle: Candle) -> None: ...

    def stream_catch_up(self) -> None: ...


class CandleStream(Protocol):
    """One running source of closed candles for one (symbol, interval)."""

    def start(self) -> None: ...

    def stop(self, timeout: float = 5.0) -> None: ...  # float-ok: seconds


StreamFactory = Callable[[str, str, CandleSink], CandleStream]
"""Opens (does not start) the stream of ``(symbol, interval)`` reporting to a sink."""


def ws_base_url(platform_type: PlatformType, override: str | None = None) -> str:
    """The websocket stream base: the ``CRYPTY_BINANCE_WS_URL`` override, or the platform's."""
    if override:
        return override.rstrip("/")
    return {
        PlatformType.BINANCE_TESTNET: TESTNET_WS_URL,
        PlatformType.BINANCE_PUBLIC: PUBLIC_WS_URL,
        PlatformType.BINANCE_DEMO: DEMO_WS_URL,
    }.get(platform_type, LIVE_WS_URL)


def silence_limit(interval: str, limit: float = SILENCE_LIMIT) -> float:  # float-ok: seconds
    """How long a connected ``interval`` kline stream may say nothing before it counts as dead:
    1.5 intervals, and never more than ``limit`` seconds (Binance pushes every 1–2 s)."""
    return min(1.5 * INTERVAL_MS.get(interval, 60_000) / 1000, limit)


class _Silent(Exception):
    """The connection stayed open but said nothing for the silence limit."""


def kline_stream_path(symbol: str, interval: str) -> str:
    """The raw stream path of a kline series, e.g. ``/ws/btcusdt@kline_1m``."""
    return f"/ws/{symbol.lower()}@kline_{interval}"


def parse_kline_event(text: str | bytes) -> Candle | None:
    """The candle of a Binance kline event (raw or combined-stream form); None if not a kline.

    Prices and volume are exact ``Decimal``s from Binance's strings; ``closed`` is the event's
    ``x`` flag.
    """
    try:
        event: Any = json.loads(text)
        if isinstance(event, dict) and isinstance(event.get("data"), dict):
            event = event["data"]  # combined stream: {"stream": ..., "data": {...}}
        if not isinstance(event, dict) or event.get("e") != "kline":
            return None
        k = event["k"]
        return Candle(
            symbol=str(k["s"]),
            interval=str(k["i"]),
            open_time=int(k["t"]),
            open=Decimal(k["o"]),
            high=Decimal(k["h"]),
            low=Decimal(k["l"]),
            close=Decimal(k["c"]),
            volume=Decimal(k["v"]),
            close_time=int(k["T"]),
            closed=bool(k["x"]),
        )
    except (ValueError, KeyError, TypeError, InvalidOperation):
        log.warning("kline stream: ignored a message that is not a valid kline event")
        return None


class BinanceKlineStream:
    """Binance's ``<symbol>@kline_<interval>`` websocket stream in a daemon thread."""

    def __init__(
        self,
        ws_base: str,
        symbol: str,
        interval: str,
        sink: CandleSink,
        *,
        backoff: Backoff | None = None,
        open_timeout: float = 10.0,  # float-ok: seconds
        silence: float = SILENCE_LIMIT,  # float-ok: seconds (the cap of ``silence_limit``)
    ) -> None:
        self.symbol = symbol.upper()
        self.interval = interval
        self.url = ws_base.rstrip("/") + kline_stream_path(symbol, interval)
        self.silence_limit = silence_limit(interval, silence)
        self._sink = sink
        self._backoff = backoff or Backoff()
        self._open_timeout = open_timeout
        self._stop = threading.Event()
        self._ws: ClientConnection | None = None
        self._ws_lock = threading.Lock()
        self._heard = False  # a message came on the current connection
        self._last_heard = time.monotonic()  # when the link last said something (or came up)
        self._not_before = 0.0  # float-ok: monotonic time a 429/418 pause ends
        self._thread = threading.Thread(
            target=self._run, name=f"kline-stream-{self.symbol}-{interval}", daemon=True
        )

    def __repr__(self) -> str:
        return f"BinanceKlineStream({self.url!r})"

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:  # float-ok: seconds
        """Close the socket and wait (at most ``timeout``) for the thread to end."""
        self._stop.set()
        self.reconnect()  # closes the socket: the thread sees the stop and ends
        join_thread(self._thread, timeout, self)

    def reconnect(self) -> None:
        """Drop the current connection (if any): the stream reconnects and backfills."""
        with self._ws_lock:
            ws = self._ws
        if ws is not None:
            ws.close()

    def _connect(self) -> ClientConnection:
        return open_socket(self.url, self._open_timeout)

    def _run(self) -> None:
        attempt = 0
        self._sink.stream_state(LinkState.CONNECTING, "")
        while not self._stop.is_set():
            self._heard = silent = False
            opened = time.monotonic()
            try:
                with self._connect() as ws:
                    with self._ws_lock:
                        self._ws = ws
                    if self._stop.is_set():
                        break
                    self._last_heard = time.monotonic()
                    self._sink.stream_state(LinkState.CONNECTED, "")
                    self._sink.stream_connected()
                    self._pump(ws)
                detail = "the connection was closed"
            except _Silent:
                silent = True
                detail = f"no data for {self.silence_limit:g} s"
                log.warning("%r: connected but silent for %g s", self, self.silence_limit)
            except (OSError, TimeoutError, WebSocketException) as exc:
                detail = link_failure(exc)
            except RateLimited as exc:  # the backfill may not be asked before the pause ends
                self._pause(exc)
                detail = str(exc)
            except Exception as exc:  # e.g. the REST backfill failed: reconnect, backfill again
                log.warning("%r: %s", self, exc)
                detail = str(exc) or type(exc).__name__
            finally:
                with self._ws_lock:
                    self._ws = None
            if self._stop.is_set():
                break
            if self._heard and (not silent or time.monotonic() - opened >= STABLE_AFTER):
                attempt = 0  # the link worked: start the backoff over
            delay = max(self._backoff.delay(attempt), self._not_before - time.monotonic())
            attempt += 1
            log.info("%r: %s; reconnecting in %.1f s", self, detail, delay)
            self._sink.stream_state(LinkState.RECONNECTING, detail)
            if not self._wait(delay):
                break
        self._sink.stream_state(LinkState.STOPPED, "")

    def _wait(self, delay: float) -> bool:  # float-ok: seconds
        """Wait ``delay`` s before reconnecting (False if stopped meanwhile), asking the sink to
        catch up by REST whenever the link has said nothing for a silence limit."""
        deadline = time.monotonic() + delay
        next_catch_up = max(self._last_heard + self.silence_limit, self._not_before)
        while True:
            now = time.monotonic()
            if now >= deadline:
                return True
            if now >= next_catch_up:
                self._catch_up()
                deadline = max(deadline, self._not_before)
                next_catch_up = max(time.monotonic() + self.silence_limit, self._not_before)
            if self._stop.wait(max(0.0, min(deadline, next_catch_up) - time.monotonic())):
                return False

    def _catch_up(self) -> None:
        try:
            self._sink.stream_catch_up()
        except RateLimited as exc:
            self._pause(exc)
        except Exception as exc:  # the REST side is down too: try again later
            log.warning("%r: catching up by REST failed: %s", self, exc)

    def _pause(self, exc: RateLimited) -> None:
        """Ask nothing of the sink (no REST) until Binance's pause or ban ends."""
        self._not_before = max(self._not_before, time.monotonic() + exc.retry_after)
        log.warning("%r: %s", self, exc)

    def _pump(self, ws: ClientConnection) -> None:
        """Hand closed candles to the sink until the connection ends (raises if it drops, or
        ``_Silent`` if it says nothing for the silence limit)."""
        try:
            while not self._stop.is_set():
                try:
                    message = ws.recv(timeout=self.silence_limit)
                except TimeoutError:
                    raise _Silent from None
                candle = parse_kline_event(message)
                self._heard = True
                self._last_heard = time.monotonic()
                if (
                    candle is not None
                    and candle.closed
                    and candle.symbol == self.symbol
                    and candle.interval == self.interval
                ):
                    self._sink.stream_candle(candle)
        except ConnectionClosed:
            if not self._stop.is_set():
                raise


def link_failure(exc: BaseException) -> str:
    """Why a WebSocket link failed, for the log and the link's status detail."""
    if isinstance(exc, ConnectionClosed):
        return "the connection dropped"
    if isinstance(exc, TimeoutError):
        return "the connection timed out"
    return f"cannot connect ({type(exc).__name__})"


class CandleClock(Protocol):
    """The part of the simulated exchange a stream needs."""

    def on_candle(
        self, symbol: str, interval: str, callback: Callable[[Candle], None]
    ) -> Callable[[], None]: ...


class SimulatedCandleStream:
    """The simulated exchange's closed-candle notifications, seen as a stream that never drops."""

    def __init__(self, exchange: CandleClock, symbol: str, interval: str, sink: CandleSink) -> None:
        self._exchange = exchange
        self.symbol = symbol.upper()
        self.interval = interval
        self._sink = sink
        self._unsubscribe: Callable[[], None] | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        self._sink.stream_state(LinkState.CONNECTING, "")
        with self._lock:
            self._unsubscribe = self._exchange.on_candle(
                self.symbol, self.interval, self._on_candle
            )
        self._sink.stream_state(LinkState.CONNECTED, "")
        self._sink.stream_connected()

    def _on_candle(self, candle: Candle) -> None:
        if candle.closed:
            self._sink.stream_candle(candle)

    def stop(self, timeout: float = 5.0) -> None:  # float-ok: seconds (nothing to join)
        with self._lock:
            unsubscribe, self._unsubscribe = self._unsubscribe, None
        if unsubscribe is not None:
            unsubscribe()
            self._sink.stream_state(LinkState.STOPPED, "")
