"""HTTP plumbing of the fake: a threaded loopback server and the request dispatcher.

The dispatcher applies, in order: injected faults, a route's standing delay (``slow_route``),
the testnet's missing ``/sapi``, the route lookup, the per-minute request weight (429 past the
limit), the SIGNED checks and the handler.
Every answer carries ``X-MBX-USED-WEIGHT-1M`` (and ``X-SAPI-USED-IP-WEIGHT-1M`` on ``/sapi``).
"""

from __future__ import annotations

import json
import sys
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from requests.structures import CaseInsensitiveDict

from tests.fakes.binance_auth import Incoming, authenticate
from tests.fakes.binance_routes import NONE, SIGNED, Call, RouteTable
from tests.fakes.binance_state import ApiError, FakeState, Fault, RecordedRequest

MSG_TOO_MANY = (
    "Too much request weight used; current limit is {limit} request weight per 1 MINUTE. "
    "Please use WebSocket Streams for live updates to avoid polling the API."
)
MSG_BANNED = (
    "Way too much request weight used; IP banned until {until}. "
    "Please use WebSocket Streams for live updates to avoid bans."
)
MSG_INTERNAL = "Internal error; unable to process your request. Please try again."
MSG_UNKNOWN = "An unknown error occurred while processing the request."
BAN_SECONDS = 120


@dataclass
class Reply:
    status: int
    body: Any  # JSON-able, or str for a raw (HTML) body
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False  # close the connection without answering


class Dispatcher:
    """Turns an :class:`Incoming` request into a :class:`Reply` using the state and the routes."""

    def __init__(self, state: FakeState, routes: RouteTable, stopping: threading.Event) -> None:
        self.state = state
        self.routes = routes
        self.stopping = stopping
        self.dropping = False  # "network down" by closing sockets instead of refusing them

    def dispatch(self, request: Incoming) -> Reply:
        if self.dropping:
            return Reply(0, None, drop=True)
        fault = self.state.take_fault(request.path)
        if fault is not None and not fault.after:
            failed = self._apply_fault(fault)
            if failed is not None:
                return failed
        with self.state.lock:
            slow = self.state.route_delays.get(request.path, 0.0)
        if slow:
            self.stopping.wait(slow)
        reply = self._answer(request)
        self.state.tick()
        if fault is not None and fault.after:  # processed, but the answer is lost or late
            failed = self._apply_fault(fault)
            if failed is not None:
                return failed
        reply.headers.setdefault("X-MBX-USED-WEIGHT-1M", str(self.state.used_weight))
        if request.path.startswith("/sapi/"):
            reply.headers.setdefault("X-SAPI-USED-IP-WEIGHT-1M", str(self.state.used_weight))
        return reply

    def _apply_fault(self, fault: Fault) -> Reply | None:
        if fault.delay:
            self.stopping.wait(fault.delay)
        if fault.drop:
            return Reply(0, None, drop=True)
        if fault.status:
            return self._fault_reply(fault)
        return None

    def _answer(self, request: Incoming) -> Reply:
        if self.state.testnet and request.path.startswith("/sapi/"):
            return Reply(404, "<html><body><h1>404 Not Found</h1></body></html>")
        route = self.routes.find(request.method, request.path)
        if route is None:
            return Reply(404, "<html><body><h1>404 Not Found</h1></body></html>")
        used = self.state.add_weight(route.weight)
        if used > self.state.weight_limit_1m:
            return Reply(
                429,
                {"code": -1003, "msg": MSG_TOO_MANY.format(limit=self.state.weight_limit_1m)},
                {"Retry-After": str(self.state.seconds_to_next_minute())},
            )
        call = Call(self.state, request, None)
        try:
            if route.security != NONE:
                key = authenticate(self.state, request, signed=route.security in SIGNED)
                call = Call(self.state, request, key, call.headers)
            body = route.handler(call)
        except ApiError as exc:
            headers = {**call.headers, **exc.headers}
            return Reply(exc.status, {"code": exc.code, "msg": exc.msg}, headers)
        return Reply(200, body, dict(call.headers))

    def _fault_reply(self, fault: Fault) -> Reply:
        headers = dict(fault.headers)
        body = fault.body
        if fault.status == 429:
            headers.setdefault("Retry-After", str(self.state.seconds_to_next_minute()))
            if body is None:
                body = {"code": -1003, "msg": MSG_TOO_MANY.format(limit=self.state.weight_limit_1m)}
        elif fault.status == 418:
            retry_after = int(headers.setdefault("Retry-After", str(BAN_SECONDS)))
            if body is None:
                until = self.state.now_ms() + retry_after * 1000
                body = {"code": -1003, "msg": MSG_BANNED.format(until=until)}
        elif body is None and fault.status in (502, 504):
            body = f"<html><body><h1>{fault.status} Gateway error</h1></body></html>"
        elif body is None:
            body = {"code": -1001 if fault.status >= 500 else -1000}
            body["msg"] = MSG_INTERNAL if fault.status >= 500 else MSG_UNKNOWN
        headers.setdefault("X-MBX-USED-WEIGHT-1M", str(self.state.used_weight))
        return Reply(fault.status, body, headers)


class _Handler(BaseHTTPRequestHandler):
    server: LoopbackServer
    server_version = "FakeBinance/1.0"

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib's name
        """Quiet: URLs carry signatures and the test output does not need them."""

    def _read(self) -> Incoming:
        split = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        params = dict(parse_qsl(body, keep_blank_values=True))
        params.update(parse_qsl(split.query, keep_blank_values=True))  # the query wins
        headers = {name.lower(): value for name, value in self.headers.items()}
        return Incoming(self.command, split.path, split.query, body, headers, params)

    def _handle(self) -> None:
        state = self.server.dispatcher.state
        state.begin_request()
        try:
            self._serve()
        finally:
            state.end_request()

    def _serve(self) -> None:
        request = self._read()
        reply = self.server.dispatcher.dispatch(request)
        self.server.dispatcher.state.record(
            RecordedRequest(
                method=request.method,
                path=request.path,
                params=dict(request.params),
                headers=CaseInsensitiveDict(request.headers),
                body=request.body,
                status=reply.status,
                at_ms=self.server.dispatcher.state.now_ms(),
            )
        )
        if reply.drop:
            self.close_connection = True
            return
        raw = reply.body if isinstance(reply.body, str) else json.dumps(reply.body)
        content_type = "text/html" if isinstance(reply.body, str) else "application/json"
        data = raw.encode()
        self.send_response(reply.status)
        self.send_header("Content-Type", f"{content_type};charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = _handle  # noqa: N815 - http.server's names


class LoopbackServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer on 127.0.0.1 serving from a daemon thread."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, dispatcher: Dispatcher) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.dispatcher = dispatcher
        self._thread = threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that gave up (timeout, closed socket) is normal here; anything else is shown."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop accepting (connections are refused from now on) and release the port."""
        self.shutdown()
        self.server_close()
        self._thread.join(timeout=5)
