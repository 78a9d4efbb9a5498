"""The account's user data stream over Binance's WebSocket API: orders, fills and balances as they
happen, for every Trader bot of a platform over ONE connection. No Qt; never writes the database.

How it works (web-socket-api.md, user-data-stream.md):

1. A reader thread connects to the WebSocket API (``ws_api.ws_api_url``), asks ``time`` to learn
   Binance's clock, then sends ``userDataStream.subscribe.signature`` (``apiKey``, ``timestamp``,
   ``recvWindow``, ``signature``) signed with the platform's key, HMAC or Ed25519 alike.
   The answer holds a ``subscriptionId``; from then on events arrive as
   ``{"subscriptionId": N, "event": {...}}``.
2. A subscription dies with its connection. Whenever the link ends the thread connects and
   subscribes again: at once when Binance announced it (``serverShutdown``), ended the subscription
   (``eventStreamTerminated``), or when the connection nears Binance's 24-hour limit (it is renewed
   after ``max_age``, 23 h 30 by default) or when the owner calls ``renew()``; after a backoff
   (1 s doubling to 30 s, with jitter; 30 s to 5 min when Binance refused the key or asked to slow
   down) when it dropped or could not be made. Dead links are found by the websocket pings
   (``ping_interval`` + ``ping_timeout``).
3. After every subscription, first and renewed alike, each listener's ``on_gap(since_ms)`` is
   called before any event of the new subscription: events from ``since_ms`` on (Binance's clock)
   may have been missed, and the owner backfills them by REST (myTrades, query order), matching
   trades by id since some will also arrive as events.
4. A second thread (``user_delivery``) hands events to listeners, in the order received, through
   an unbounded queue: the reader never waits for a listener (so pings are answered however slow a
   listener is) and nothing is dropped. A listener that raises is logged; the others still get
   the event.

:meth:`UserDataStream.is_live` says whether a subscription is active on an open connection: the
owner polls by REST only while it is False.
"""

from __future__ import annotations

import itertools
import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from websockets.exceptions import ConnectionClosed, WebSocketException
from websockets.sync.client import ClientConnection

from crypty_desktop.domain.errors import (
    CryptyError,
    ExchangeUnavailable,
    RateLimited,
    StopsTheBot,
)
from crypty_desktop.domain.platform import ApiCredentials, PlatformType, mask_key
from crypty_desktop.exchange.rate_limit import RateLimiter
from crypty_desktop.exchange.retry import Backoff
from crypty_desktop.exchange.streams import LinkState, link_failure, open_socket
from crypty_desktop.exchange.threads import join_thread
from crypty_desktop.exchange.user_delivery import (
    Delivery,
    EventCallback,
    GapCallback,
    ListenerHandle,
)
from crypty_desktop.exchange.user_events import SERVER_SHUTDOWN, STREAM_TERMINATED, parse_event
from crypty_desktop.exchange.ws_api import RequestSigner, refusal, ws_api_url
from crypty_desktop.wording import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

MAX_AGE = 23.5 * 3600  # float-ok: seconds; Binance closes a connection at 24 h
GAP_MARGIN_MS = 1000  # the gap starts this much before the last moment the link was known good
W_TIME = 1
W_SUBSCRIBE = 2
REFUSED_BACKOFF = Backoff(initial=30.0, cap=300.0)

NO_ANSWER = QT_TRANSLATE_NOOP(
    "Core", "Binance's WebSocket API did not answer the subscription to account updates in time."
)

StateCallback = Callable[["StreamStatus"], None]


@dataclass(frozen=True, slots=True)
class StreamStatus:
    """How the stream is doing, for the status bar and logs.

    Attributes:
        state: connecting, connected (subscribed), reconnecting, stopped.
        detail: why it is reconnecting, in English for the log ("" otherwise).
        error: the last refusal by Binance (e.g. an AuthError for a revoked key), until the next
            successful subscription; None when the problem is only the network.
        subscriptions: successful subscriptions since start (the first one, then every renewal).
    """

    state: LinkState
    detail: str = ""
    error: CryptyError | None = None
    subscriptions: int = 0


class _Renew(Exception):
    """End this connection and connect again at once (Binance asked, or the 24 h are near)."""


class _Refused(Exception):
    """Binance answered a request with an error (held in ``error``)."""

    def __init__(self, error: CryptyError) -> None:
        super().__init__(str(error))
        self.error = error


class UserDataStream:
    """One platform's user data stream (one WebSocket API connection), shared by its bots.

    Args:
        type_: live or testnet Binance (chooses the default address).
        creds: the platform's key; it signs the subscription and is never shown.
        url: the WebSocket API address overriding Binance's (``CRYPTY_BINANCE_WS_API_URL``).
        on_state: called from the reader thread whenever the link changes (never blocks it long).
        backoff: waits between failed connections.
        max_age: seconds after which a connection is renewed (before Binance's 24 h).
        recv_window_ms: ``recvWindow`` of the signed subscription.
        limiter: the REST host's shared rate limiter, asked for each request's weight (the WebSocket
            API counts towards the same per-IP limits), or None.
        open_timeout, request_timeout, ping_interval, ping_timeout: seconds.

    Raises:
        ValidationError: an address that is not ``wss://`` (``ws://`` only to a loopback host).
        AuthError: an Ed25519 private key that cannot be read.
    """

    def __init__(
        self,
        type_: PlatformType,
        creds: ApiCredentials,
        *,
        url: str | None = None,
        on_state: StateCallback | None = None,
        backoff: Backoff | None = None,
        max_age: float = MAX_AGE,  # float-ok: seconds
        recv_window_ms: int = 5000,
        limiter: RateLimiter | None = None,
        open_timeout: float = 10.0,  # float-ok: seconds
        request_timeout: float = 10.0,  # float-ok: seconds
        ping_interval: float = 20.0,  # float-ok: seconds
        ping_timeout: float = 20.0,  # float-ok: seconds
    ) -> None:
        self.url = ws_api_url(type_, url)
        self.testnet = type_ is PlatformType.BINANCE_TESTNET
        self._signer = RequestSigner(creds)
        self._key_masked = mask_key(creds.api_key)
        self._on_state = on_state
        self._backoff = backoff or Backoff()
        self._max_age = max_age
        self._recv_window_ms = recv_window_ms
        self._limiter = limiter
        self._open_timeout = open_timeout
        self._request_timeout = request_timeout
        self._ping_interval = ping_interval
        self._ping_timeout = ping_timeout
        self._lock = threading.Lock()
        self._status = StreamStatus(LinkState.STOPPED)
        self._live = False
        self._offset_ms = 0  # Binance's clock minus ours, measured on each connection
        self._known_good_ms = 0  # Binance time up to which every event was received
        self._stop = threading.Event()
        self._renew_asked = threading.Event()
        self._ws: ClientConnection | None = None
        self._ids = itertools.count(1)
        name = f"user-stream-{self._key_masked}"
        self._delivery = Delivery(f"{name}-out")
        self._reader = threading.Thread(target=self._run, name=name, daemon=True)

    def __repr__(self) -> str:  # never the key's secret; the key itself masked
        return f"UserDataStream(url={self.url!r}, key={self._key_masked!r})"

    __str__ = __repr__

    # --- what owners use ---------------------------------------------------------------------
    def add_listener(
        self,
        on_event: EventCallback,
        *,
        symbol: str | None = None,
        on_gap: GapCallback | None = None,
    ) -> ListenerHandle:
        """Deliver events to ``on_event`` from the stream's delivery thread, in order.

        With a ``symbol``, only that market's order events (and every account event: balances,
        which belong to no market). ``on_gap(since_ms)`` is called on the same thread after each
        subscription made while this listener is registered, before that subscription's events.
        A listener added while the stream is live gets no gap call: it gets every event from now.
        """
        with self._lock:  # not while a subscription is being marked live: gap or events, not none
            return self._delivery.add(on_event, symbol, on_gap, self._binance_now_ms())

    def start(self) -> None:
        self._delivery.start()
        self._reader.start()

    def stop(self, timeout: float = 5.0) -> None:  # float-ok: seconds
        """Close the connection, deliver what was already received, and end both threads."""
        self._stop.set()
        with self._lock:
            ws = self._ws
        if ws is not None:
            ws.close()
        join_thread(self._reader, timeout, f"{self!r}: the reader")
        self._delivery.stop(timeout)  # after the reader: everything it read is delivered

    def renew(self) -> None:
        """Drop the current connection now; the stream connects and subscribes again at once."""
        with self._lock:
            ws = self._ws
        if ws is not None:
            self._renew_asked.set()
            ws.close()

    def is_live(self) -> bool:
        """True while a subscription is active on an open connection (REST polling not needed)."""
        with self._lock:
            return self._live

    def status(self) -> StreamStatus:
        with self._lock:
            return self._status

    @property
    def alive(self) -> bool:
        return self._reader.is_alive() or self._delivery.alive

    # --- the reader thread -------------------------------------------------------------------
    def _binance_now_ms(self) -> int:
        return int(time.time() * 1000) + self._offset_ms

    def _set_status(self, state: LinkState, detail: str = "", **changes: Any) -> None:
        with self._lock:
            old = self._status
            self._status = StreamStatus(
                state,
                detail,
                changes.get("error", old.error),
                changes.get("subscriptions", old.subscriptions),
            )
            status = self._status
        if self._on_state is not None:
            try:
                self._on_state(status)
            except Exception:
                log.exception("%r: the state callback failed", self)

    def _run(self) -> None:
        attempt = 0
        self._set_status(LinkState.CONNECTING)
        while not self._stop.is_set():
            subscribed_before = self.status().subscriptions
            refused: CryptyError | None = None
            planned = False
            try:
                self._session()
                detail = "the connection was closed"
            except _Renew as exc:
                detail, planned = str(exc), True
            except _Refused as exc:
                refused = exc.error
                detail = f"Binance refused the subscription ({exc.error.code})"
            except (OSError, TimeoutError, WebSocketException) as exc:
                detail = link_failure(exc)
            except Exception as exc:
                log.exception("%r: unexpected failure", self)
                detail = type(exc).__name__
            finally:
                with self._lock:
                    self._live = False
                    self._ws = None
            if self._stop.is_set():
                break
            if self._renew_asked.is_set():
                self._renew_asked.clear()
                detail, planned = "renewing on request", True
            if self.status().subscriptions > subscribed_before:
                attempt = 0  # the link worked: start the backoff over
            wait = 0.0 if planned else self._retry_delay(refused, attempt)  # float-ok: seconds
            attempt += 0 if planned else 1
            log.info("%r: %s; reconnecting in %.1f s", self, detail, wait)
            self._set_status(LinkState.RECONNECTING, detail, error=refused)
            if self._stop.wait(wait):
                break
        self._set_status(LinkState.STOPPED)

    def _retry_delay(self, refused: CryptyError | None, attempt: int) -> float:  # float-ok
        """The backoff; longer when Binance refused the key or asked to slow down."""
        if isinstance(refused, RateLimited | StopsTheBot):  # the key, or Binance said how long
            return REFUSED_BACKOFF.pause(attempt, refused)
        return self._backoff.pause(attempt, refused)

    def _connect(self) -> ClientConnection:
        return open_socket(
            self.url,
            self._open_timeout,
            ping_interval=self._ping_interval,
            ping_timeout=self._ping_timeout,
            max_size=2**22,
        )

    def _session(self) -> None:
        """One connection: learn the clock, subscribe, then read until it must end."""
        with self._connect() as ws:
            with self._lock:
                self._ws = ws
            if self._stop.is_set():
                return
            opened = time.monotonic()
            self._measure_clock(ws)
            params = {"timestamp": self._binance_now_ms(), "recvWindow": self._recv_window_ms}
            answer = self._request(
                ws, "userDataStream.subscribe.signature", self._signer.signed(params), W_SUBSCRIBE
            )
            subscription = int(answer.get("result", {}).get("subscriptionId", -1))
            self._subscribed(subscription)
            self._pump(ws, opened)

    def _measure_clock(self, ws: ClientConnection) -> None:
        answer = self._request(ws, "time", None, W_TIME)
        local_ms = int(time.time() * 1000)  # after the answer: our timestamps never run ahead
        self._offset_ms = int(answer["result"]["serverTime"]) - local_ms

    def _subscribed(self, subscription: int) -> None:
        """The subscription is active: mark the stream live and queue each listener's gap."""
        with self._lock:
            self._delivery.put(self._delivery.gap_notice(self._known_good_ms, GAP_MARGIN_MS))
            self._live = True
            self._known_good_ms = self._binance_now_ms()
            count = self._status.subscriptions + 1
        log.info("%r: subscribed (subscription %s)", self, subscription)
        self._set_status(LinkState.CONNECTED, error=None, subscriptions=count)

    def _request(
        self, ws: ClientConnection, method: str, params: dict[str, Any] | None, weight: int
    ) -> dict[str, Any]:
        """Send one request and read until its answer (events read meanwhile are handled)."""
        if self._limiter is not None:
            self._limiter.acquire(weight)
        request_id = str(next(self._ids))
        body: dict[str, Any] = {"id": request_id, "method": method}
        if params is not None:
            body["params"] = params
        ws.send(json.dumps(body))
        deadline = time.monotonic() + self._request_timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _Refused(ExchangeUnavailable(NO_ANSWER))
            message = _loads(ws.recv(timeout=remaining))
            if message.get("id") != request_id:
                self._on_message(message)
                continue
            if message.get("status") != 200:
                error = refusal(message, ed25519=self._signer.ed25519, testnet=self.testnet)
                log.warning("%r: %s refused: %s", self, method, error.code)
                raise _Refused(error)
            return message

    def _pump(self, ws: ClientConnection, opened: float) -> None:  # float-ok: monotonic seconds
        while not self._stop.is_set():
            remaining = self._max_age - (time.monotonic() - opened)
            if remaining <= 0:
                raise _Renew("renewing the connection before Binance's 24-hour limit")
            try:
                text = ws.recv(timeout=remaining)
            except TimeoutError:
                continue
            except ConnectionClosed:
                if self._stop.is_set():
                    return
                raise
            self._on_message(_loads(text))

    def _on_message(self, message: dict[str, Any]) -> None:
        event = message.get("event")
        if not isinstance(event, dict):
            if "id" in message:
                log.debug("%r: an answer nobody waits for (id %s)", self, message.get("id"))
            return
        kind = event.get("e")
        if kind == SERVER_SHUTDOWN:
            raise _Renew("renewing: Binance announced a server shutdown")
        with self._lock:
            if self._live:
                self._known_good_ms = self._binance_now_ms()
        if kind == STREAM_TERMINATED:
            raise _Renew("renewing: Binance ended the subscription")
        self._delivery.put(parse_event(event))


def _loads(text: str | bytes) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        log.warning("user data stream: a frame that is not JSON was ignored")
        return {}
    return value if isinstance(value, dict) else {}


__all__ = ["EventCallback", "GapCallback", "ListenerHandle", "StreamStatus", "UserDataStream"]
