"""A small in-memory exchange with scripted faults, for the order-safety rules.

It keeps real order state (so "exactly one order exists" is checked against its book) and can fail
the way Binance does: accept an order and then time out, refuse connections, answer 5xx, hide an
order for a while. The end-to-end HTTP version of these faults runs against the fake Binance server.
"""

from __future__ import annotations

from collections import deque
from decimal import Decimal

from crypty_desktop.domain.errors import ExchangeUnavailable, RateLimited, UnknownOrderStatus
from crypty_desktop.domain.market import SymbolRules
from crypty_desktop.domain.orders import Fill, OrderRequest, OrderStamp, OrderState, OrderStatus

RECV_WINDOW_MS = 5000


class ScriptedExchange:
    def __init__(self, price: Decimal = Decimal("100")) -> None:
        self.price = price
        self.book: dict[str, OrderState] = {}
        self.place_calls = 0
        self.query_calls = 0
        self.place_faults: deque[str] = deque()  # "accept-then-timeout", "refuse", "5xx", "429"
        self.query_faults: deque[str] = deque()  # "down", "hidden"
        self._next_id = 1000
        self.trades: list[Fill] = []
        self.now_ms = 1_700_000_000_000  # the exchange's clock; tests move it (see ``advance``)
        self.in_network: list[tuple[int, OrderRequest, OrderStamp | None]] = []  # slow requests
        self.trade_faults: deque[str] = deque()  # "down"
        self.prices: dict[str, Decimal] = {"BNBUSDT": Decimal("600")}
        self.fee_asset = "BTC"

    def advance(self, seconds: float) -> None:
        """Let time pass: a slow request arrives when its time comes (if Binance still takes it)."""
        self.now_ms += int(seconds * 1000)
        for item in list(self.in_network):
            arrives, request, stamp = item
            if arrives <= self.now_ms:
                self.in_network.remove(item)
                if stamp is None or arrives <= stamp.deadline_ms:
                    self._execute(request)

    def symbol_rules(self, symbol: str) -> SymbolRules:
        return SymbolRules(symbol, symbol[:-4], symbol[-4:])

    def ticker_price(self, symbol: str) -> Decimal:
        return self.prices[symbol]

    def server_time_ms(self) -> int:
        self.advance(0)
        return self.now_ms

    def order_stamp(self) -> OrderStamp:
        return OrderStamp(self.now_ms, RECV_WINDOW_MS)

    def place_order(self, request: OrderRequest, stamp: OrderStamp | None = None) -> OrderState:
        self.place_calls += 1
        fault = self.place_faults.popleft() if self.place_faults else None
        if fault is not None and fault.startswith("slow-"):  # arrives later; the caller gives up
            self.in_network.append((self.now_ms + int(fault[5:]), request, stamp))
            raise UnknownOrderStatus("timed out")
        if fault == "refuse":
            raise ExchangeUnavailable("connection refused")
        if fault == "429":
            raise RateLimited("slow down", retry_after=1.0)
        if request.client_order_id in self.book:
            raise UnknownOrderStatus("duplicate")  # never expected: the executor must not resend
        state = self._execute(request)
        if fault == "accept-then-timeout":
            raise UnknownOrderStatus("timed out")
        if fault == "5xx":
            raise ExchangeUnavailable("503")
        return state

    def _execute(self, request: OrderRequest) -> OrderState:
        self._next_id += 1
        fill = Fill(
            symbol=request.symbol,
            side=request.side,
            price=self.price,
            quantity=request.quantity,
            fee=request.quantity * Decimal("0.001"),
            fee_asset=self.fee_asset,
            time=1_700_000_000_000 + self._next_id,
            client_order_id=request.client_order_id,
            trade_id=self._next_id,
            exchange_order_id=self._next_id,
        )
        state = OrderState(
            symbol=request.symbol,
            client_order_id=request.client_order_id,
            status=OrderStatus.FILLED,
            side=request.side,
            type=request.type,
            quantity=request.quantity,
            price=request.price,
            executed_qty=request.quantity,
            quote_qty=request.quantity * self.price,
            exchange_order_id=self._next_id,
            fills=(fill,),
        )
        self.book[request.client_order_id] = state
        self.trades.append(fill)
        return state

    def query_order(self, symbol: str, client_order_id: str) -> OrderState | None:
        self.advance(0)
        self.query_calls += 1
        fault = self.query_faults.popleft() if self.query_faults else None
        if fault == "down":
            raise ExchangeUnavailable("down")
        if fault == "hidden":
            return None
        state = self.book.get(client_order_id)
        return None if state is None else OrderState(**{**_fields(state), "fills": ()})

    def my_trades(self, symbol: str, start_ms: int | None = None) -> list[Fill]:
        # Like Binance's myTrades: the exchange's order id, no client order id.
        return [
            Fill(**{**_fields(f), "client_order_id": ""}) for f in self.trades if f.symbol == symbol
        ]

    def order_trades(self, symbol: str, exchange_order_id: int) -> list[Fill]:
        if self.trade_faults and self.trade_faults.popleft() == "down":
            raise ExchangeUnavailable("503")
        return [f for f in self.my_trades(symbol) if f.exchange_order_id == exchange_order_id]


def _fields(obj: object) -> dict[str, object]:
    return {name: getattr(obj, name) for name in obj.__slots__}  # type: ignore[attr-defined]
