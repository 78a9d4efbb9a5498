"""A small in-memory exchange with scripted faults, for the order-safety rules.

It keeps real order state (so "exactly one order exists" is checked against its book) and can fail
the way Binance does: accept an order and then time out, refuse connections, answer 5xx, hide an
order for a while. The end-to-end HTTP version of these faults runs against the fake Binance server.
"""

from __future__ import annotations

from collections import deque
from decimal import Decimal

from crypty_desktop.domain.errors import ExchangeUnavailable, RateLimited, UnknownOrderStatus
from crypty_desktop.domain.orders import Fill, OrderRequest, OrderState, OrderStatus


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

    def place_order(self, request: OrderRequest) -> OrderState:
        self.place_calls += 1
        fault = self.place_faults.popleft() if self.place_faults else None
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
            fee_asset="BTC",
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


def _fields(obj: object) -> dict[str, object]:
    return {name: getattr(obj, name) for name in obj.__slots__}  # type: ignore[attr-defined]
