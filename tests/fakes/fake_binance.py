"""A loopback fake of Binance's REST API that the real python-binance ``Client`` talks to.

Usage::

    with FakeBinance() as fake:
        fake.add_key(FakeKey(api_key="A" * 64, secret="s3cr3t", can_trade=True))
        client = Client("A" * 64, "s3cr3t", ping=False)
        client.API_URL = fake.url + "/api"      # (the gateway does this from CRYPTY_BINANCE_URL)
        fake.fail_next("/api/v3/account", status=429, headers={"Retry-After": "7"})
        fake.down(); fake.up()                   # connections refused, then accepted again

Binance's behaviour reproduced: SIGNED checks and their error codes (see ``binance_auth``), the
server clock (``server_time_offset_ms``, and ``clock_step_ms`` for a clock that keeps moving;
``advance_market`` for hours of market time passing at once while a client is stopped), request
weight headers and the 429 past the per-minute limit, the testnet's missing ``/sapi``;
market data (``binance_market``: exchangeInfo, klines from ``set_klines``, prices from
``set_price``) and orders (``binance_orders``/``binance_matching``: filters, balances, fills, fees,
resting limits, myTrades), and the WebSocket API's user data stream (``ws_api``, started on first
use: ``fake_ws_api``). Faults: ``fail_next`` (before the request is processed, e.g.
``fail_next("/api/v3/myTrades", status=503, count=2)``), ``stall_next``, ``slow_route`` (every
answer on a path late), ``accept_then`` (the request IS processed — an order exists — but the
answer is a 5xx, a dropped connection or a stall past the client's timeout),
``fill_before_cancel`` (the next cancel races a fill), ``down()``/``up()``.

Fills as Binance makes them, opt-in per test (the default stays: whole fills, one trade, fee in
the received asset): ``set_liquidity`` (partial fills over several ``set_price`` steps, several
trades per order, MARKET orders that expire for want of liquidity), ``set_price_range`` (takers
EXPIRED by the price-range execution rule), ``pay_fees_in_bnb``, and self-trade prevention
against the account's own resting orders (``binance_book``). ``ground_truth()`` gives every order,
trade, prevented match and balance for assertions; ``add_listener`` subscribes to every order
event and balance change (the user data stream's source).
New endpoints go in ``binance_routes`` (or ``fake.route(...)`` from a test).
"""

from __future__ import annotations

import threading
from decimal import Decimal
from types import TracebackType
from typing import Any

from crypty_desktop.domain.market import Candle
from crypty_desktop.exchange.binance_base import forget_host
from tests.fakes import binance_matching as engine
from tests.fakes.binance_clock import advance_market
from tests.fakes.binance_market import init_market, symbol_info
from tests.fakes.binance_orders import placed_json, prevented_of, stp_mode, submit
from tests.fakes.binance_routes import Handler, RouteTable, default_routes
from tests.fakes.binance_server import Dispatcher, LoopbackServer
from tests.fakes.binance_state import (
    ApiError,
    FakeKey,
    FakeOrder,
    FakeState,
    FakeTrade,
    Fault,
    RecordedRequest,
)
from tests.fakes.fake_fills import FillControls, GroundTruth, StateListener
from tests.fakes.fake_ws_api import FakeWsApi

__all__ = [
    "ApiError",
    "FakeBinance",
    "FakeKey",
    "FakeOrder",
    "FakeTrade",
    "GroundTruth",
    "RecordedRequest",
    "RouteTable",
    "StateListener",
]


class FakeBinance(FillControls):
    """The fake server: starts on a free port of 127.0.0.1 when created; ``close()`` stops it."""

    def __init__(self, *, testnet: bool = False, port: int = 0) -> None:
        self.state = FakeState(testnet=testnet)
        init_market(self.state)
        self.routes = default_routes()
        self._stopping = threading.Event()
        self._dispatcher = Dispatcher(self.state, self.routes, self._stopping)
        self._server: LoopbackServer | None = LoopbackServer(port, self._dispatcher)
        self._port = self._server.port
        self._ws_api: FakeWsApi | None = None
        self._ws_api_lock = threading.Lock()
        forget_host(self.url)  # a new server on a reused port is a new host: no old pauses or bans
        self._server.start()

    # --- lifecycle ----------------------------------------------------------------------------
    @property
    def url(self) -> str:
        """The REST base to give python-binance (``CRYPTY_BINANCE_URL``)."""
        return f"http://127.0.0.1:{self._port}"

    @property
    def port(self) -> int:
        return self._port

    @property
    def ws_api(self) -> FakeWsApi:
        """The WebSocket API (user data stream) on this account, started on first use."""
        with self._ws_api_lock:
            if self._ws_api is None:
                self._ws_api = FakeWsApi(self.state)
            return self._ws_api

    @property
    def ws_api_url(self) -> str:
        """The WebSocket API address to give the app (``CRYPTY_BINANCE_WS_API_URL``)."""
        return self.ws_api.url

    def close(self) -> None:
        self._stopping.set()  # wakes delayed answers
        with self._ws_api_lock:
            ws_api, self._ws_api = self._ws_api, None
        if ws_api is not None:
            ws_api.close()
        if self._server is not None:
            self._server.stop()
            self._server = None
        forget_host(self.url)

    def __enter__(self) -> FakeBinance:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"FakeBinance(url={self.url!r}, testnet={self.testnet})"

    # --- network faults ----------------------------------------------------------------------
    def down(self, mode: str = "refuse") -> None:
        """Simulate the network going down.

        ``"refuse"`` closes the listening socket (connection refused); ``"drop"`` accepts
        connections and closes them without an answer (the request may have been received).
        """
        if mode == "drop":
            self._dispatcher.dropping = True
        elif mode == "refuse":
            if self._server is not None:
                self._server.stop()
                self._server = None
        else:
            raise ValueError(f"unknown mode {mode!r}: 'refuse' or 'drop'")

    def up(self) -> None:
        """The network is back, on the same port."""
        self._dispatcher.dropping = False
        if self._server is None and not self._stopping.is_set():
            self._server = LoopbackServer(self._port, self._dispatcher)
            self._server.start()

    def fail_next(
        self,
        path: str,
        status: int = 500,
        body: Any = None,
        headers: dict[str, str] | None = None,
        count: int = 1,
        *,
        delay: float = 0.0,  # float-ok: seconds of test wall time
        drop: bool = False,
    ) -> None:
        """Answer the next ``count`` requests to ``path`` (or ``"*"``) with this status.

        ``body`` defaults to what Binance sends for the status (429 and 418 with ``Retry-After``,
        5xx with code -1001 or an HTML gateway page). ``delay`` waits before answering;
        ``drop`` closes the connection without an answer.
        """
        fault = Fault(path, status, body, dict(headers or {}), count, delay, drop)
        with self.state.lock:
            self.state.faults.append(fault)

    def stall_next(self, path: str, seconds: float, count: int = 1) -> None:  # float-ok
        """Answer the next ``count`` requests normally, but only after ``seconds``."""
        self.fail_next(path, status=0, count=count, delay=seconds)

    def accept_then(
        self,
        path: str,
        *,
        status: int = 0,
        drop: bool = False,
        stall: float = 0.0,  # float-ok: seconds of test wall time
        count: int = 1,
    ) -> None:
        """Process the next ``count`` requests to ``path`` (an order IS placed), then lose the
        answer: reply ``status`` (e.g. 503), or ``drop`` the connection, or answer only after
        ``stall`` seconds (past the client's timeout). The client cannot know what happened."""
        if not (status or drop or stall):
            raise ValueError("accept_then needs a status, drop=True or a stall")
        fault = Fault(path, status, None, {}, count, stall, drop, after=True)
        with self.state.lock:
            self.state.faults.append(fault)

    def slow_route(self, path: str, seconds: float) -> None:  # float-ok: seconds
        """Answer every request to ``path`` only after ``seconds`` (0 makes it quick again)."""
        with self.state.lock:
            if seconds > 0:
                self.state.route_delays[path] = seconds
            else:
                self.state.route_delays.pop(path, None)

    def wait_idle(self, timeout: float = 5.0) -> bool:  # float-ok: seconds
        """Wait until every request received so far was answered (stalled ones included)."""
        return self.state.wait_idle(timeout)

    def clear_faults(self) -> None:
        with self.state.lock:
            self.state.faults.clear()
            self.state.route_delays.clear()
            self.state.cancel_races.clear()

    # --- keys and account ----------------------------------------------------------------------
    def add_key(self, key: FakeKey) -> FakeKey:
        with self.state.lock:
            self.state.keys[key.api_key] = key
        return key

    def remove_key(self, api_key: str) -> None:
        """Revoke a key: it is refused with -2015 from now on."""
        with self.state.lock:
            self.state.keys.pop(api_key, None)

    def set_balance(self, asset: str, free: Decimal | str, locked: Decimal | str = "0") -> None:
        self.state.set_balance(asset, free, locked)

    # --- market and orders ----------------------------------------------------------------------
    def set_price(self, symbol: str, price: Decimal | str) -> int:
        """The symbol's current price; resting limits it reaches fill. Returns how many filled."""
        item = symbol_info(self.state, symbol)
        return engine.set_price(
            self.state, symbol, Decimal(price), item["baseAsset"], item["quoteAsset"]
        )

    def price(self, symbol: str) -> Decimal:
        with self.state.lock:
            return self.state.prices[symbol]

    def set_klines(self, symbol: str, interval: str, candles: list[Candle]) -> None:
        """The candles ``GET /api/v3/klines`` serves for this symbol and interval."""
        with self.state.lock:
            self.state.klines[(symbol, interval)] = list(candles)

    def advance_market(
        self, symbol: str, interval: str, closes: list[Decimal] | list[str]
    ) -> list[Candle]:
        """Let ``len(closes)`` candles of market time pass at once (a client asleep meanwhile):
        Binance's clock jumps, the price walks each candle's path (stops and take-profits trade
        on the way) and ``/api/v3/klines`` serves the skipped candles (``binance_clock``)."""
        return advance_market(self.state, self.set_price, symbol, interval, closes)

    def set_symbol_status(self, symbol: str, status: str) -> None:
        with self.state.lock:
            for item in self.state.exchange_info["symbols"]:
                if item["symbol"] == symbol:
                    item["status"] = status

    def place(
        self,
        symbol: str,
        side: str,
        type_: str,
        quantity: Decimal | str,
        price: Decimal | str = "0",
        client_order_id: str = "",
        *,
        time_in_force: str = "GTC",
        stp: str = "",
    ) -> dict[str, Any]:
        """Place an order by hand (as on Binance's website), with the same rules as the API;
        ``stp`` is its selfTradePreventionMode (the symbol's default when empty)."""
        item = symbol_info(self.state, symbol)
        order = FakeOrder(
            order_id=0,
            symbol=symbol,
            client_order_id=client_order_id or f"web_{self.state.next_order_id}",
            side=side,
            type=type_,
            time_in_force=time_in_force,
            price=Decimal(price),
            orig_qty=Decimal(quantity),
            time=self.state.now_ms(),
            stp_mode=stp_mode(item, stp),
        )
        trades = submit(self.state, order, item)
        return placed_json(order, trades, "FULL", prevented_of(self.state, order.order_id))

    def orders(self, symbol: str | None = None) -> list[FakeOrder]:
        """Copies of the orders on the fake (every status), oldest first."""
        return [o for o in engine.snapshot(self.state) if symbol is None or o.symbol == symbol]

    def orders_with_client_id(self, client_order_id: str) -> list[FakeOrder]:
        return [o for o in self.orders() if o.client_order_id == client_order_id]

    @property
    def trades(self) -> list[FakeTrade]:
        with self.state.lock:
            return list(self.state.trades)

    def balance(self, asset: str) -> tuple[Decimal, Decimal]:
        """(free, locked) of an asset."""
        with self.state.lock:
            return self.state.balances.get(asset, (Decimal(0), Decimal(0)))

    def route(self, method: str, path: str, *, security: str = "NONE", weight: int = 1) -> Any:
        """Decorator adding (or replacing) an endpoint: ``@fake.route("GET", "/api/v3/x")``."""

        def register(handler: Handler) -> Handler:
            return self.routes.add(method, path, security=security, weight=weight)(handler)

        return register

    # --- observation and clock -----------------------------------------------------------------
    @property
    def requests(self) -> list[RecordedRequest]:
        with self.state.lock:
            return list(self.state.requests)

    def requests_to(self, path: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path == path]

    def clear_requests(self) -> None:
        with self.state.lock:
            self.state.requests.clear()

    @property
    def used_weight(self) -> int:
        return self.state.used_weight

    @property
    def server_time_offset_ms(self) -> int:
        return self.state.server_time_offset_ms

    @server_time_offset_ms.setter
    def server_time_offset_ms(self, value: int) -> None:
        with self.state.lock:
            self.state.server_time_offset_ms = value

    @property
    def clock_step_ms(self) -> int:
        return self.state.clock_step_ms

    @clock_step_ms.setter
    def clock_step_ms(self, value: int) -> None:
        with self.state.lock:
            self.state.clock_step_ms = value

    @property
    def testnet(self) -> bool:
        return self.state.testnet

    @testnet.setter
    def testnet(self, value: bool) -> None:
        self.state.testnet = value

    @property
    def weight_limit_1m(self) -> int:
        return self.state.weight_limit_1m

    @weight_limit_1m.setter
    def weight_limit_1m(self, value: int) -> None:
        self.state.weight_limit_1m = value
