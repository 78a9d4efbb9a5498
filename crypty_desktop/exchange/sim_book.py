"""The simulated exchange's account: wallet, open orders, fills and fees. No clock, no lock.

Rules (the same as Binance spot without BNB fee discount, simplified where noted):
- the fee is ``fee_rate`` (0.1%) of what is received, taken in the asset received: base for a buy,
  quote for a sell; rounded *up* to 8 decimals (the exchange never undercharges);
- a MARKET order fills at once, in full, at the given price (the simulated exchange passes the
  close of the last closed candle);
- a LIMIT order that is marketable when placed (buy at or above the price, sell at or below) fills
  at once at the price, which is as good as or better than its limit, like a taker order;
- any other LIMIT order rests and locks its funds (quote × limit price for a buy, the base
  quantity for a sell) until it fills or is cancelled. It fills in full, at its limit price, when a
  later candle trades strictly *through* that price (low < buy price, high > sell price): a candle
  that only touches the price may not have reached an order waiting in the queue. No partial fills;
- IOC and FOK limit orders that are not marketable expire instead of resting;
- order and trade ids count up from 1, so a run is reproducible.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from crypty_desktop.domain.errors import FilterRejected, InsufficientBalance, NotFound
from crypty_desktop.domain.fees import FEE_RATE, fill_fee
from crypty_desktop.domain.market import Balance, Candle, SymbolRules
from crypty_desktop.domain.money import ZERO, strip
from crypty_desktop.domain.orders import (
    Fill,
    OrderRequest,
    OrderState,
    OrderStatus,
    OrderType,
    Side,
)
from crypty_desktop.wording import QT_TRANSLATE_NOOP

DUPLICATE = QT_TRANSLATE_NOOP(
    "Core",
    "The exchange rejected the order: an open order already uses the client order id {order_id}.",
)
NOT_OPEN = QT_TRANSLATE_NOOP(
    "Core", "The exchange has no open {symbol} order {order_id} to cancel."
)
NOT_ENOUGH = QT_TRANSLATE_NOOP(
    "Core",
    "Not enough {asset} for this order: it needs {needed} and {free} is free (amounts held by "
    "open orders are locked).",
)


@dataclass(slots=True)
class SimOrder:
    """An order as the simulated exchange keeps it (mutable; callers get ``OrderState``)."""

    request: OrderRequest
    rules: SymbolRules
    order_id: int
    time: int
    status: OrderStatus = OrderStatus.NEW
    locked: Decimal = ZERO
    fills: list[Fill] = field(default_factory=list)

    @property
    def locked_asset(self) -> str:
        buy = self.request.side is Side.BUY
        return self.rules.quote_asset if buy else self.rules.base_asset

    def state(self) -> OrderState:
        executed = sum((f.quantity for f in self.fills), start=ZERO)
        quote = sum((f.quantity * f.price for f in self.fills), start=ZERO)
        return OrderState(
            symbol=self.request.symbol,
            client_order_id=self.request.client_order_id,
            status=self.status,
            side=self.request.side,
            type=self.request.type,
            quantity=self.request.quantity,
            price=self.request.price,
            executed_qty=executed,
            quote_qty=quote,
            exchange_order_id=self.order_id,
            time=self.time,
            fills=tuple(self.fills),
        )


class SimBook:
    """Balances and orders of one simulated account."""

    def __init__(self, wallet: Mapping[str, Decimal], fee_rate: Decimal = FEE_RATE) -> None:
        if any(amount < ZERO for amount in wallet.values()):
            raise ValueError("a starting balance cannot be negative")
        self.fee_rate = fee_rate
        self._free: dict[str, Decimal] = dict(wallet)
        self._locked: dict[str, Decimal] = {}
        self._orders: list[SimOrder] = []  # every order, in placement order
        self._latest: dict[tuple[str, str], SimOrder] = {}  # (symbol, client id) → newest order
        self._trades: list[Fill] = []
        self._next_order_id = 1
        self._next_trade_id = 1

    # --- reading --------------------------------------------------------------------------------

    def balances(self) -> dict[str, Balance]:
        assets = sorted(set(self._free) | set(self._locked))
        out = {}
        for asset in assets:
            free, locked = self._free.get(asset, ZERO), self._locked.get(asset, ZERO)
            if free or locked:
                out[asset] = Balance(asset=asset, free=free, locked=locked)
        return out

    def order(self, symbol: str, client_order_id: str) -> SimOrder | None:
        return self._latest.get((symbol, client_order_id))

    def open_orders(self, symbol: str | None = None) -> list[SimOrder]:
        return [
            o
            for o in self._orders
            if o.status is OrderStatus.NEW and (symbol is None or o.request.symbol == symbol)
        ]

    def trades(self, symbol: str, start_ms: int | None = None) -> list[Fill]:
        return [
            f
            for f in self._trades
            if f.symbol == symbol and (start_ms is None or f.time >= start_ms)
        ]

    # --- orders ---------------------------------------------------------------------------------

    def place(
        self, request: OrderRequest, rules: SymbolRules, price: Decimal, now_ms: int
    ) -> SimOrder:
        """Accept an order (already checked against the filters) and fill it if it can."""
        existing = self.order(request.symbol, request.client_order_id)
        if existing is not None and existing.status is OrderStatus.NEW:
            raise FilterRejected(
                DUPLICATE.format(order_id=request.client_order_id),
                code=-2010,
            )
        order = SimOrder(request, rules, self._next_order_id, now_ms)
        limit = request.price
        if request.type is OrderType.MARKET or limit is None:
            marketable = True
        elif request.side is Side.BUY:
            marketable = limit >= price
        else:
            marketable = limit <= price
        # A marketable limit buy is checked (like Binance) against its limit value; a market buy
        # against its value at the current price.
        reserve_price = limit if limit is not None else price
        needed = request.quantity * reserve_price if request.side is Side.BUY else request.quantity
        self._require(order.locked_asset, needed)
        self._next_order_id += 1
        self._orders.append(order)
        self._latest[(request.symbol, request.client_order_id)] = order
        if marketable:
            self._fill(order, price, now_ms)
        elif request.time_in_force in ("IOC", "FOK"):
            order.status = OrderStatus.EXPIRED
        else:
            self._move(order.locked_asset, needed, to_locked=True)
            order.locked = needed
        return order

    def cancel(self, symbol: str, client_order_id: str) -> SimOrder:
        order = self.order(symbol, client_order_id)
        if order is None or order.status is not OrderStatus.NEW:
            raise NotFound(
                NOT_OPEN.format(symbol=symbol, order_id=client_order_id),
                code=-2011,
            )
        self._move(order.locked_asset, order.locked, to_locked=False)
        order.locked = ZERO
        order.status = OrderStatus.CANCELED
        return order

    def match(self, candle: Candle, now_ms: int) -> list[Fill]:
        """Fill the symbol's resting orders that ``candle`` trades through (placed before it)."""
        fills: list[Fill] = []
        for order in self.open_orders(candle.symbol):
            limit = order.request.price
            if limit is None or order.time > candle.open_time:
                continue
            crossed = candle.low < limit if order.request.side is Side.BUY else candle.high > limit
            if crossed:
                self._move(order.locked_asset, order.locked, to_locked=False)
                order.locked = ZERO
                fills.append(self._fill(order, limit, now_ms))
        return fills

    # --- saving -----------------------------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """Everything the account holds, as JSON-ready data (Decimals as strings)."""
        return {
            "fee_rate": str(self.fee_rate),
            "free": {a: str(v) for a, v in self._free.items()},
            "locked": {a: str(v) for a, v in self._locked.items()},
            "orders": [_order_data(o) for o in self._orders],
            "trades": [_fill_data(f) for f in self._trades],
            "next_order_id": self._next_order_id,
            "next_trade_id": self._next_trade_id,
        }

    @classmethod
    def restored(cls, data: Mapping[str, Any], rules_for: Callable[[str], SymbolRules]) -> SimBook:
        """The account ``snapshot`` saved; ``rules_for(symbol)`` gives each order's market rules.

        Raises:
            KeyError, ValueError, ArithmeticError: the data is not a snapshot.
            UnknownSymbol: an order is on a market this exchange does not have.
        """
        book = cls({}, Decimal(data["fee_rate"]))
        book._free = {a: Decimal(v) for a, v in data["free"].items()}
        book._locked = {a: Decimal(v) for a, v in data["locked"].items()}
        trades = [_fill_from(f) for f in data["trades"]]
        by_id = {f.trade_id: f for f in trades}
        for item in data["orders"]:
            request = OrderRequest(
                symbol=item["symbol"],
                side=Side(item["side"]),
                type=OrderType(item["type"]),
                quantity=Decimal(item["quantity"]),
                client_order_id=item["client_order_id"],
                price=None if item["price"] is None else Decimal(item["price"]),
                time_in_force=item["time_in_force"],
            )
            order = SimOrder(
                request,
                rules_for(request.symbol),
                int(item["order_id"]),
                int(item["time"]),
                OrderStatus(item["status"]),
                Decimal(item["locked"]),
                [by_id[t] for t in item["trade_ids"]],
            )
            book._orders.append(order)
            book._latest[(request.symbol, request.client_order_id)] = order
        book._trades = trades
        book._next_order_id = int(data["next_order_id"])
        book._next_trade_id = int(data["next_trade_id"])
        return book

    # --- money ----------------------------------------------------------------------------------

    def _require(self, asset: str, amount: Decimal) -> None:
        free = self._free.get(asset, ZERO)
        if amount > free:
            raise InsufficientBalance(
                NOT_ENOUGH.format(asset=asset, needed=strip(amount), free=strip(free)),
                code=-2010,
            )

    def _move(self, asset: str, amount: Decimal, *, to_locked: bool) -> None:
        sign = 1 if to_locked else -1
        self._free[asset] = self._free.get(asset, ZERO) - sign * amount
        self._locked[asset] = self._locked.get(asset, ZERO) + sign * amount

    def _add(self, asset: str, amount: Decimal) -> None:
        self._free[asset] = self._free.get(asset, ZERO) + amount

    def _fill(self, order: SimOrder, price: Decimal, now_ms: int) -> Fill:
        request, rules = order.request, order.rules
        quantity, value = request.quantity, request.quantity * price
        fee, fee_asset = fill_fee(request.side, quantity, price, rules, self.fee_rate)
        if request.side is Side.BUY:
            self._add(rules.quote_asset, -value)
            self._add(rules.base_asset, quantity - fee)
        else:
            self._add(rules.base_asset, -quantity)
            self._add(rules.quote_asset, value - fee)
        fill = Fill(
            symbol=request.symbol,
            side=request.side,
            price=price,
            quantity=quantity,
            fee=fee,
            fee_asset=fee_asset,
            time=now_ms,
            client_order_id=request.client_order_id,
            trade_id=self._next_trade_id,
            exchange_order_id=order.order_id,
        )
        self._next_trade_id += 1
        order.fills.append(fill)
        order.status = OrderStatus.FILLED
        self._trades.append(fill)
        return fill


def _order_data(order: SimOrder) -> dict[str, Any]:
    request = order.request
    return {
        "symbol": request.symbol,
        "side": request.side.value,
        "type": request.type.value,
        "quantity": str(request.quantity),
        "client_order_id": request.client_order_id,
        "price": None if request.price is None else str(request.price),
        "time_in_force": request.time_in_force,
        "order_id": order.order_id,
        "time": order.time,
        "status": order.status.value,
        "locked": str(order.locked),
        "trade_ids": [f.trade_id for f in order.fills],
    }


def _fill_data(fill: Fill) -> dict[str, Any]:
    return {
        "symbol": fill.symbol,
        "side": fill.side.value,
        "price": str(fill.price),
        "quantity": str(fill.quantity),
        "fee": str(fill.fee),
        "fee_asset": fill.fee_asset,
        "time": fill.time,
        "client_order_id": fill.client_order_id,
        "trade_id": fill.trade_id,
        "exchange_order_id": fill.exchange_order_id,
    }


def _fill_from(data: Mapping[str, Any]) -> Fill:
    return Fill(
        symbol=data["symbol"],
        side=Side(data["side"]),
        price=Decimal(data["price"]),
        quantity=Decimal(data["quantity"]),
        fee=Decimal(data["fee"]),
        fee_asset=data["fee_asset"],
        time=int(data["time"]),
        client_order_id=data["client_order_id"],
        trade_id=data["trade_id"],
        exchange_order_id=data["exchange_order_id"],
    )
