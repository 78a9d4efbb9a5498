"""A loopback fake of Binance's WebSocket API, enough for the user data stream.

Usage (``FakeBinance.ws_api`` starts one on the fake's state; the app reads its address from
``CRYPTY_BINANCE_WS_API_URL``)::

    api = fake.ws_api
    stream = UserDataStream(PlatformType.BINANCE, creds, url=api.url)
    api.wait_subscriptions(1)
    fake.place(...)                  # the account's orders and trades become events
    api.server_shutdown()            # {"event": {"e": "serverShutdown"}} to every connection
    api.disconnect()                 # close frames (as Binance does at 24 h)
    api.terminate_subscriptions()    # eventStreamTerminated, subscriptions ended
    api.drop_connections()           # sockets cut, no close frame (a network failure)
    api.refuse(); api.accept()       # handshakes answered 503, then accepted again

Methods served at ``/ws-api/v3``: ``time``; ``userDataStream.subscribe.signature``, checked like the
REST fake checks a SIGNED request (``binance_auth``: known 64-character key, timestamp within
``recvWindow``, HMAC-SHA256 hex or Ed25519 base64 over the parameters sorted by name, ``-1022``
when it does not match), one subscription per key and connection (``-2035``);
``userDataStream.unsubscribe``; ``session.subscriptions``. Anything else: ``-1020``.

Events: the fake's matching engine calls ``FakeState.publish_order_event`` and
``publish_balance_event``; each becomes an ``executionReport`` or ``outboundAccountPosition``
(built at once, from the order as it is then) sent, in order, by one sender thread to every active
subscription: every key belongs to the fake's one account.
"""

from __future__ import annotations

import json
import queue
import secrets
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from http import HTTPStatus
from types import TracebackType
from typing import Any
from urllib.parse import quote

from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.sync.server import Server, ServerConnection, serve

from tests.fakes.binance_auth import Incoming, authenticate
from tests.fakes.binance_market import fmt
from tests.fakes.binance_state import ApiError, FakeOrder, FakeState, FakeTrade

PATH = "/ws-api/v3"
ZERO = Decimal(0)
ZERO8 = "0.00000000"


@dataclass(frozen=True)
class SubscribeAttempt:
    """One ``userDataStream.subscribe.signature`` as the fake judged it."""

    api_key: str
    ok: bool
    code: int | None = None


@dataclass
class _Client:
    conn: ServerConnection
    subscriptions: dict[int, str] = field(default_factory=dict)  # id -> api key
    next_id: int = 0


def _execution_type(order: FakeOrder, trade: FakeTrade | None) -> str:
    if trade is not None:
        return "TRADE"
    return {
        "CANCELED": "CANCELED",
        "REJECTED": "REJECTED",
        "EXPIRED": "EXPIRED",
        "EXPIRED_IN_MATCH": "TRADE_PREVENTION",
    }.get(order.status, "NEW")


def execution_report(order: FakeOrder, trade: FakeTrade | None, now_ms: int) -> dict[str, Any]:
    """Binance's ``executionReport`` for ``order`` after a change (and ``trade`` if it traded)."""
    canceled = order.status == "CANCELED"
    return {
        "e": "executionReport",
        "E": now_ms,
        "s": order.symbol,
        "c": "cx_" + secrets.token_hex(8) if canceled else order.client_order_id,
        "S": order.side,
        "o": order.type,
        "f": order.time_in_force,
        "q": fmt(order.orig_qty),
        "p": fmt(order.price),
        "P": ZERO8,
        "F": ZERO8,
        "g": -1,
        "C": order.client_order_id if canceled else "",
        "x": order.execution_type or _execution_type(order, trade),
        "X": order.status,
        "r": "NONE",
        "i": order.order_id,
        "l": fmt(trade.qty) if trade else ZERO8,
        "z": fmt(order.executed_qty),
        "L": fmt(trade.price) if trade else ZERO8,
        "n": fmt(trade.commission) if trade else "0",
        "N": trade.commission_asset if trade else None,
        "T": trade.time if trade else (order.update_time or order.time),
        "t": trade.trade_id if trade else -1,
        "I": now_ms,
        "w": order.status in ("NEW", "PARTIALLY_FILLED") and order.type == "LIMIT",
        "m": trade.is_maker if trade else False,
        "M": False,
        "O": order.time,
        "Z": fmt(order.cum_quote),
        "Y": fmt(trade.quote_qty) if trade else ZERO8,
        "Q": ZERO8,
        "W": order.time,
        "V": "EXPIRE_MAKER",
        **({"eR": order.expiry_reason} if order.expiry_reason else {}),
    }


class FakeWsApi:
    """Binance's WebSocket API host on 127.0.0.1 at a free port, over a FakeState; started."""

    def __init__(self, state: FakeState) -> None:
        self.state = state
        self._cond = threading.Condition()
        self._clients: dict[ServerConnection, _Client] = {}
        self._refusing = False
        self.attempts: list[SubscribeAttempt] = []
        self.methods: list[str] = []
        self._outbox: queue.SimpleQueue[tuple[str, Any] | None] = queue.SimpleQueue()
        self._server: Server = serve(
            self._handle, "127.0.0.1", 0, process_request=self._check, compression=None
        )
        port = self._server.socket.getsockname()[1]
        self.url = f"ws://127.0.0.1:{port}{PATH}"
        self._threads = [
            threading.Thread(target=self._server.serve_forever, name="fake-ws-api", daemon=True),
            threading.Thread(target=self._send_loop, name="fake-ws-api-out", daemon=True),
        ]
        for thread in self._threads:
            thread.start()
        with state.lock:
            state.listeners.append(self)

    def __enter__(self) -> FakeWsApi:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- the account's changes (called by FakeState with its lock held) -----------------------
    def on_order_event(self, order: FakeOrder, trade: FakeTrade | None) -> None:
        self._outbox.put(("event", execution_report(order, trade, self.state.now_ms())))

    def on_balance_event(self, balances: dict[str, tuple[Decimal, Decimal]]) -> None:
        now = self.state.now_ms()
        rows = []
        for asset, (free, locked) in balances.items():
            rows.append({"a": asset, "f": fmt(free), "l": fmt(locked)})
        event = {"e": "outboundAccountPosition", "E": now, "u": now, "B": rows}
        self._outbox.put(("event", event))

    # --- the server side ----------------------------------------------------------------------
    def _check(self, conn: ServerConnection, request: Request) -> Response | None:
        with self._cond:
            refusing = self._refusing
        if refusing:
            return Response(503, "Service Unavailable", Headers(), b"")
        if request.path.split("?", 1)[0] != PATH:
            status = HTTPStatus.NOT_FOUND
            return Response(status.value, status.phrase, Headers(), b"")
        return None

    def _handle(self, conn: ServerConnection) -> None:
        client = _Client(conn)
        with self._cond:
            self._clients[conn] = client
            self._cond.notify_all()
        try:
            for message in conn:
                answer = self._answer(client, message)
                if answer is not None:
                    conn.send(json.dumps(answer))
        except ConnectionClosed:
            pass
        finally:
            with self._cond:
                self._clients.pop(conn, None)
                self._cond.notify_all()

    def _answer(self, client: _Client, message: str | bytes) -> dict[str, Any] | None:
        try:
            request = json.loads(message)
            request_id, method = request.get("id"), str(request["method"])
            params = request.get("params") or {}
        except (ValueError, KeyError, TypeError, AttributeError):
            return {"id": None, "status": 400, "error": {"code": -1000, "msg": "Bad request."}}
        with self._cond:
            self.methods.append(method)
        try:
            result = self._dispatch(client, method, params)
        except ApiError as exc:
            return {
                "id": request_id,
                "status": exc.status,
                "error": {"code": exc.code, "msg": exc.msg},
            }
        return {"id": request_id, "status": 200, "result": result}

    def _dispatch(self, client: _Client, method: str, params: dict[str, Any]) -> Any:
        if method == "time":
            return {"serverTime": self.state.now_ms()}
        if method == "userDataStream.subscribe.signature":
            return self._subscribe(client, params)
        if method == "userDataStream.unsubscribe":
            with self._cond:
                wanted = params.get("subscriptionId")
                for sub_id in list(client.subscriptions):
                    if wanted is None or wanted == sub_id:
                        del client.subscriptions[sub_id]
                self._cond.notify_all()
            return {}
        if method == "session.subscriptions":
            with self._cond:
                return [{"subscriptionId": s} for s in client.subscriptions]
        raise ApiError(400, -1020, "This operation is not supported.")

    def _subscribe(self, client: _Client, params: dict[str, Any]) -> dict[str, int]:
        text = {k: _text(v) for k, v in params.items()}
        api_key = text.get("apiKey", "")
        query = "&".join(f"{k}={v}" for k, v in sorted(text.items()) if k != "signature")
        if "signature" in text:
            query += "&signature=" + quote(text["signature"], safe="")
        incoming = Incoming(
            method="WS",
            path="userDataStream.subscribe.signature",
            query=query,
            body="",
            headers={"x-mbx-apikey": api_key},
            params=text,
        )
        try:
            authenticate(self.state, incoming, signed=True)
            with self._cond:
                if api_key in client.subscriptions.values():
                    raise ApiError(400, -2035, "User Data Stream subscription already active.")
                sub_id = client.next_id
                client.next_id += 1
                client.subscriptions[sub_id] = api_key
        except ApiError as exc:
            self._record(SubscribeAttempt(api_key, False, exc.code))
            raise
        self._record(SubscribeAttempt(api_key, True))
        return {"subscriptionId": sub_id}

    def _record(self, attempt: SubscribeAttempt) -> None:
        with self._cond:
            self.attempts.append(attempt)
            self._cond.notify_all()

    def _send_loop(self) -> None:
        while True:
            item = self._outbox.get()
            if item is None:
                return
            kind, payload = item
            with self._cond:
                clients = list(self._clients.values())
            for client in clients:
                if kind == "event":
                    frames = [
                        json.dumps({"subscriptionId": s, "event": payload})
                        for s in list(client.subscriptions)
                    ]
                elif kind == "terminate":
                    frames = self._terminate(client, payload)
                else:  # a connection event, to every connection
                    frames = [json.dumps({"event": payload})]
                for frame in frames:
                    try:
                        client.conn.send(frame)
                    except ConnectionClosed:
                        break

    def _terminate(self, client: _Client, now_ms: int) -> list[str]:
        with self._cond:
            ended = list(client.subscriptions)
            client.subscriptions.clear()
            self._cond.notify_all()
        event = {"e": "eventStreamTerminated", "E": now_ms}
        return [json.dumps({"subscriptionId": s, "event": event}) for s in ended]

    # --- what tests do --------------------------------------------------------------------------
    @property
    def connections(self) -> int:
        with self._cond:
            return len(self._clients)

    @property
    def active_subscriptions(self) -> int:
        with self._cond:
            return sum(len(c.subscriptions) for c in self._clients.values())

    def accepted(self) -> list[SubscribeAttempt]:
        with self._cond:
            return [a for a in self.attempts if a.ok]

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 10.0) -> bool:  # float-ok
        with self._cond:
            return self._cond.wait_for(predicate, timeout)

    def wait_subscriptions(self, count: int, timeout: float = 10.0) -> None:  # float-ok
        """Wait until ``count`` subscriptions have been accepted since the start."""
        if not self.wait_for(lambda: sum(a.ok for a in self.attempts) >= count, timeout):
            raise AssertionError(f"{len(self.accepted())} subscriptions accepted, expected {count}")

    def wait_attempts(self, count: int, timeout: float = 10.0) -> None:  # float-ok
        if not self.wait_for(lambda: len(self.attempts) >= count, timeout):
            raise AssertionError(f"{len(self.attempts)} subscribe attempts, expected {count}")

    def emit(self, event: dict[str, Any]) -> None:
        """Send an event as it is to every subscription (after those already queued)."""
        self._outbox.put(("event", event))

    def server_shutdown(self) -> None:
        """Announce a shutdown to every connection (Binance closes them some time later)."""
        self._outbox.put(("connection", {"e": "serverShutdown", "E": self.state.now_ms()}))

    def terminate_subscriptions(self) -> None:
        """End every subscription with ``eventStreamTerminated`` (the connections stay open)."""
        self._outbox.put(("terminate", self.state.now_ms()))

    def disconnect(self, code: int = 1000) -> None:
        """Close every connection with a close frame, as Binance does at the 24-hour mark."""
        with self._cond:
            targets = list(self._clients)
        for conn in targets:
            conn.close(code)

    def drop_connections(self) -> None:
        """Cut every client's socket abruptly, as a network failure would (no close frame)."""
        with self._cond:
            targets = list(self._clients)
        for conn in targets:
            try:
                conn.socket.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def refuse(self) -> None:
        """Answer new handshakes with HTTP 503 (open connections are left alone)."""
        with self._cond:
            self._refusing = True

    def accept(self) -> None:
        with self._cond:
            self._refusing = False

    def close(self) -> None:
        with self.state.lock:
            if self in self.state.listeners:
                self.state.listeners.remove(self)
        self._outbox.put(None)
        with self._cond:
            targets = list(self._clients)
        for conn in targets:
            conn.close()
        self._server.shutdown()
        for thread in self._threads:
            thread.join(5)
        self.wait_for(lambda: not self._clients, 5)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
