"""A loopback fake of Binance's websocket market streams, speaking the kline stream format.

Usage::

    with FakeStreamServer() as server:
        hub = MarketDataHub(gateway, ws_url=server.url)   # the app does this from
        ...                                               # CRYPTY_BINANCE_WS_URL
        server.wait_connections(1)
        server.push_kline(candle)                # to every client of /ws/btcusdt@kline_1m
        server.drop_connections()                # sockets cut mid-stream, no close frame
        server.refuse(); server.accept()         # handshakes answered 503, then accepted again
        server.silence(); server.speak()         # links stay open (pings answered) but nothing
                                                 # is sent, then pushes go through again

A client connects to ``/ws/<symbol lower>@kline_<interval>`` (Binance's raw stream path);
``paths`` records every path requested, ``connections`` counts the open ones. The server runs the
real ``websockets`` sync server in a thread; ``close()`` stops it and its connection threads.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable
from http import HTTPStatus
from types import TracebackType

from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.sync.server import Server, ServerConnection, serve

from crypty_desktop.domain.market import Candle


def kline_event(candle: Candle, closed: bool = True, event_time: int | None = None) -> str:
    """Binance's kline event for ``candle`` (strings for prices, ``x`` for closed)."""
    event = {
        "e": "kline",
        "E": event_time if event_time is not None else candle.close_time + 1,
        "s": candle.symbol,
        "k": {
            "t": candle.open_time,
            "T": candle.close_time,
            "s": candle.symbol,
            "i": candle.interval,
            "f": 100,
            "L": 200,
            "o": str(candle.open),
            "c": str(candle.close),
            "h": str(candle.high),
            "l": str(candle.low),
            "v": str(candle.volume),
            "n": 100,
            "x": closed,
            "q": "0",
            "V": "0",
            "Q": "0",
            "B": "0",
        },
    }
    return json.dumps(event)


class FakeStreamServer:
    """Binance's stream host on 127.0.0.1 at a free port; started when created."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._clients: dict[ServerConnection, str] = {}
        self.paths: list[str] = []
        self._refusing = False
        self._silent = False
        self.swallowed = 0  # kline events not sent because the server was silent
        self._server: Server = serve(
            self._handle, "127.0.0.1", 0, process_request=self._check, compression=None
        )
        port = self._server.socket.getsockname()[1]
        self.url = f"ws://127.0.0.1:{port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="fake-stream-server", daemon=True
        )
        self._thread.start()

    def __enter__(self) -> FakeStreamServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- the server side of a connection --------------------------------------------------------

    def _check(self, conn: ServerConnection, request: Request) -> Response | None:
        with self._cond:
            self.paths.append(request.path)
            self._cond.notify_all()
            refusing = self._refusing
        if refusing:
            return Response(503, "Service Unavailable", Headers(), b"")
        if not request.path.startswith("/ws/") or "@kline_" not in request.path:
            status = HTTPStatus.NOT_FOUND
            return Response(status.value, status.phrase, Headers(), b"")
        return None

    def _handle(self, conn: ServerConnection) -> None:
        with self._cond:
            self._clients[conn] = conn.request.path if conn.request else ""
            self._cond.notify_all()
        try:
            for _message in conn:  # clients send nothing here; wait for the end of the link
                pass
        except ConnectionClosed:
            pass
        finally:
            with self._cond:
                self._clients.pop(conn, None)
                self._cond.notify_all()

    # --- what tests do --------------------------------------------------------------------------

    @property
    def connections(self) -> int:
        with self._cond:
            return len(self._clients)

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> bool:  # float-ok
        with self._cond:
            return self._cond.wait_for(predicate, timeout)

    def wait_connections(self, count: int, timeout: float = 5.0) -> None:  # float-ok
        """Wait until exactly ``count`` clients are connected (AssertionError on timeout)."""
        if not self.wait_for(lambda: len(self._clients) == count, timeout):
            raise AssertionError(f"{len(self._clients)} stream connections, expected {count}")

    def wait_requests(self, count: int, timeout: float = 5.0) -> None:  # float-ok
        """Wait until ``count`` connection requests (accepted or not) have come."""
        if not self.wait_for(lambda: len(self.paths) >= count, timeout):
            raise AssertionError(f"{len(self.paths)} stream requests, expected {count}")

    def push_kline(self, candle: Candle, closed: bool = True) -> int:
        """Send ``candle``'s kline event to every client of its stream; returns how many."""
        path = f"/ws/{candle.symbol.lower()}@kline_{candle.interval}"
        with self._cond:
            targets = [c for c, p in self._clients.items() if p == path]
            if self._silent:
                self.swallowed += len(targets)
                return 0
        sent = 0
        for conn in targets:
            try:
                conn.send(kline_event(candle, closed))
                sent += 1
            except ConnectionClosed:
                pass
        return sent

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

    def silence(self) -> None:
        """Keep every link (old and new) open and answering pings, but send nothing on it: the
        fault where a stream stays connected and goes quiet. ``push_kline`` sends nothing."""
        with self._cond:
            self._silent = True

    def speak(self) -> None:
        with self._cond:
            self._silent = False

    def close(self) -> None:
        with self._cond:
            targets = list(self._clients)
        for conn in targets:
            conn.close()
        self._server.shutdown()
        self._thread.join(5)
        self.wait_for(lambda: not self._clients, 5)
