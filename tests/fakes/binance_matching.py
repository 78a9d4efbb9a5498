"""The fake's matching engine: balances, order placement, fills, cancels, and resting limits.

Simplified, but with Binance's money rules:
- a MARKET order fills at once, whole, at the symbol's current price (taker);
- a LIMIT order that crosses the current price fills at once at that price (taker); otherwise it
  rests with its funds locked (BUY: ``qty × price`` of the quote asset, SELL: ``qty`` of the base)
  and fills whole at its own price (maker) when :func:`set_price` reaches it;
- the fee is ``fee_rate`` (0.1 %) of what is received, in the received asset (BUY: base, SELL:
  quote), rounded to 8 decimals;
- every amount is a ``Decimal``; balances move exactly by what the fills report.
Call these with ``state.lock`` held (the functions here take it themselves, it is re-entrant).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from tests.fakes.binance_state import ApiError, FakeOrder, FakeState, FakeTrade

EIGHT = Decimal("0.00000001")
ZERO = Decimal(0)
MSG_INSUFFICIENT = "Account has insufficient balance for requested action."


def _free(state: FakeState, asset: str) -> tuple[Decimal, Decimal]:
    return state.balances.get(asset, (ZERO, ZERO))


def _move(state: FakeState, asset: str, free: Decimal = ZERO, locked: Decimal = ZERO) -> None:
    old_free, old_locked = _free(state, asset)
    state.balances[asset] = (old_free + free, old_locked + locked)


def _fee(amount: Decimal, rate: Decimal) -> Decimal:
    return (amount * rate).quantize(EIGHT, rounding=ROUND_HALF_UP)


def place(
    state: FakeState, order: FakeOrder, base: str, quote: str
) -> tuple[FakeOrder, list[FakeTrade]]:
    """Book a validated order: lock or spend funds, fill what fills. Raises -2010 when short."""
    with state.lock:
        price_now = state.prices[order.symbol]
        crosses = order.type == "MARKET" or (
            order.price >= price_now if order.side == "BUY" else order.price <= price_now
        )
        if order.side == "BUY":
            need_asset, need = quote, order.orig_qty * (price_now if crosses else order.price)
        else:
            need_asset, need = base, order.orig_qty
        if _free(state, need_asset)[0] < need:
            raise ApiError(400, -2010, MSG_INSUFFICIENT)
        state.orders.append(order)
        state.order_times.append(order.time)
        state.publish_order_event(order, None)
        if crosses:
            return order, [fill(state, order, price_now, base, quote, maker=False)]
        order.locked_asset, order.locked = need_asset, need
        _move(state, need_asset, -need, need)
        state.publish_balance_event([need_asset])
        return order, []


def fill(
    state: FakeState,
    order: FakeOrder,
    price: Decimal,
    base: str,
    quote: str,
    *,
    maker: bool,
) -> FakeTrade:
    """Execute the whole order at ``price``; release its locked funds; record the trade."""
    with state.lock:
        qty = order.orig_qty
        quote_qty = qty * price
        if order.locked:
            _move(state, order.locked_asset, order.locked, -order.locked)
            order.locked = ZERO
        if order.side == "BUY":
            fee, fee_asset = _fee(qty, state.fee_rate), base
            _move(state, quote, -quote_qty)
            _move(state, base, qty - fee)
        else:
            fee, fee_asset = _fee(quote_qty, state.fee_rate), quote
            _move(state, base, -qty)
            _move(state, quote, quote_qty - fee)
        now = state.now_ms()
        trade = FakeTrade(
            trade_id=state.next_trade_id,
            order_id=order.order_id,
            symbol=order.symbol,
            price=price,
            qty=qty,
            quote_qty=quote_qty,
            commission=fee,
            commission_asset=fee_asset,
            time=now,
            is_buyer=order.side == "BUY",
            is_maker=maker,
        )
        state.next_trade_id += 1
        state.trades.append(trade)
        order.executed_qty, order.cum_quote = qty, quote_qty
        order.status, order.update_time = "FILLED", now
        state.publish_order_event(order, trade)
        state.publish_balance_event([base, quote])
        return trade


def cancel(state: FakeState, order: FakeOrder) -> FakeOrder:
    """Cancel an open order and release its funds."""
    with state.lock:
        released = order.locked_asset if order.locked else ""
        if order.locked:
            _move(state, order.locked_asset, order.locked, -order.locked)
            order.locked = ZERO
        order.status, order.update_time = "CANCELED", state.now_ms()
        state.publish_order_event(order, None)
        if released:
            state.publish_balance_event([released])
        return order


def set_price(state: FakeState, symbol: str, price: Decimal, base: str, quote: str) -> int:
    """Move a symbol's price; resting limits it reaches fill at their own price. Returns fills."""
    filled = 0
    with state.lock:
        state.prices[symbol] = price
        for order in state.orders:
            if order.symbol != symbol or order.status != "NEW" or order.type != "LIMIT":
                continue
            reached = price <= order.price if order.side == "BUY" else price >= order.price
            if reached:
                fill(state, order, order.price, base, quote, maker=True)
                filled += 1
    return filled


def find(state: FakeState, symbol: str, client_order_id: str) -> FakeOrder | None:
    """The latest order of ``symbol`` with this client order id."""
    with state.lock:
        for order in reversed(state.orders):
            if order.symbol == symbol and order.client_order_id == client_order_id:
                return order
    return None


def snapshot(state: FakeState) -> list[FakeOrder]:
    """Copies of every order, oldest first."""
    with state.lock:
        return [replace(o) for o in state.orders]


def order_counts(state: FakeState) -> tuple[int, int]:
    """Orders placed in the last 10 s and the current UTC day (Binance's order-count headers)."""
    with state.lock:
        now = state.now_ms()
        day = now // 86_400_000
        ten_s = sum(1 for t in state.order_times if now - t < 10_000)
        today = sum(1 for t in state.order_times if t // 86_400_000 == day)
    return ten_s, today
