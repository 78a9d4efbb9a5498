"""The fake's matching engine: balances, order placement, trades, fees, cancels, resting limits.

Simplified, but with Binance's money rules:
- an incoming MARKET order, or a LIMIT order that crosses, trades as taker against the book of
  :mod:`tests.fakes.binance_book` (by default the market is bottomless at the current price: one
  trade for the whole order, as before); what a LIMIT GTC order does not fill rests with its funds
  locked (BUY: ``left × price`` of the quote asset, SELL: ``left`` of the base); a MARKET order
  that runs out of liquidity is EXPIRED (``expiryReason`` INSUFFICIENT_LIQUIDITY), an IOC's rest
  EXPIRED (UNFILLED_IOC_QUANTITY_EXPIRED), a FOK that cannot fill whole EXPIRED with no trade
  (UNFILLED_FOK_ORDER_EXPIRED);
- a resting LIMIT order trades as maker, at its own price, when :func:`set_price` reaches it:
  whole by default, at most the symbol's ``qty_per_level`` per step with a liquidity model
  (PARTIALLY_FILLED, then FILLED on later steps);
- the fee is ``fee_rate`` (0.1 %) of what is received, in the received asset (BUY: base, SELL:
  quote), rounded to 8 decimals; with "pay fees with BNB" on (``bnb_burn``) and enough free BNB,
  it is instead ``notional × fee_rate × (1 − bnb_discount)`` converted at the BNB price the fake
  knows for the quote asset, in BNB;
- a cancel releases what the order still has locked; what it already filled stays filled;
- every amount is a ``Decimal``; balances move exactly by what the trades report;
- every order change and trade is published (``state.publish_order_event``), and every balance
  change at the end of the operation that made it (``state.publish_balance_event``);
- stop-limit legs (``STOP_LOSS_LIMIT`` SELL, alone or in an OCO list) rest untriggered; the price
  moves along a path through every price in between, so when :func:`set_price` reaches a stop's
  trigger (its ``stopPrice``, or ``trailingDelta`` BIPS below the highest price since it was
  placed, rounded down to the tick), it triggers there and its limit order trades at once, as
  taker, at that trigger price (the market is bottomless at every price). A LIMIT_MAKER leg rests
  like a LIMIT. When one leg of a list trades, the other EXPIRES and the list is ALL_DONE; the
  list's base is locked once (on the take-profit leg, moved to the stop leg when it triggers).
  A ``TAKE_PROFIT_LIMIT`` SELL leg (alone, or the above leg of a list) is the mirror: it triggers
  when the path reaches its ``stopPrice`` from below and trades there the same way. A triggered
  leg whose limit the market has passed rests as a limit order and trades when the price comes
  back to it.
Call these with ``state.lock`` held (the functions here take it themselves, it is re-entrant).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from tests.fakes import binance_book as book
from tests.fakes.binance_state import ApiError, FakeOrder, FakeState, FakeTrade, PreventedMatch

EIGHT = Decimal("0.00000001")
ZERO = Decimal(0)
MSG_INSUFFICIENT = "Account has insufficient balance for requested action."
INSUFFICIENT_LIQUIDITY = "INSUFFICIENT_LIQUIDITY"
IOC_EXPIRED = "UNFILLED_IOC_QUANTITY_EXPIRED"
FOK_EXPIRED = "UNFILLED_FOK_ORDER_EXPIRED"


def _free(state: FakeState, asset: str) -> tuple[Decimal, Decimal]:
    return state.balances.get(asset, (ZERO, ZERO))


def _move(state: FakeState, asset: str, free: Decimal = ZERO, locked: Decimal = ZERO) -> None:
    old_free, old_locked = _free(state, asset)
    state.balances[asset] = (old_free + free, old_locked + locked)


def _fee(amount: Decimal, rate: Decimal) -> Decimal:
    return (amount * rate).quantize(EIGHT, rounding=ROUND_HALF_UP)


@contextmanager
def balance_events(state: FakeState) -> Iterator[None]:
    """Publish the assets whose balance changed inside the block, once, at its end."""
    with state.lock:
        before = dict(state.balances)
        yield
        changed = [a for a in set(before) | set(state.balances) if before.get(a) != _free(state, a)]
        if changed:
            state.publish_balance_event(changed)


def bnb_price(state: FakeState, quote: str) -> Decimal | None:
    """1 BNB in ``quote``: given directly, or through USDT and the fake's ``<quote>USDT`` price."""
    with state.lock:
        if quote in state.bnb_prices:
            return state.bnb_prices[quote]
        in_usdt = state.prices.get(quote + "USDT")
        if "USDT" in state.bnb_prices and in_usdt:
            return state.bnb_prices["USDT"] / in_usdt
    return None


def commission(
    state: FakeState, side: str, qty: Decimal, quote_qty: Decimal, base: str, quote: str
) -> tuple[Decimal, str]:
    """The fee of one trade and its asset (BNB when the switch is on and BNB suffices)."""
    if state.bnb_burn:
        price = bnb_price(state, quote)
        if price:
            rate = state.fee_rate * (1 - state.bnb_discount)
            in_bnb = _fee(quote_qty / price, rate)
            if ZERO < in_bnb <= _free(state, "BNB")[0]:
                return in_bnb, "BNB"
    if side == "BUY":
        return _fee(qty, state.fee_rate), base
    return _fee(quote_qty, state.fee_rate), quote


def _release(state: FakeState, order: FakeOrder, amount: Decimal) -> None:
    amount = min(amount, order.locked)
    if amount > ZERO:
        _move(state, order.locked_asset, amount, -amount)
        order.locked -= amount


def _release_for(state: FakeState, order: FakeOrder, qty: Decimal) -> None:
    """Release what ``qty`` of a resting order had locked (all of it once nothing is left)."""
    _release(state, order, qty * order.price if order.side == "BUY" else qty)
    if order.remaining <= ZERO:
        _release(state, order, order.locked)


def execute(
    state: FakeState,
    order: FakeOrder,
    qty: Decimal,
    price: Decimal,
    base: str,
    quote: str,
    *,
    maker: bool,
    trade_id: int | None = None,
) -> FakeTrade:
    """Execute ``qty`` of ``order`` at ``price``: move the funds, record and publish the trade."""
    with state.lock:
        quote_qty = qty * price
        order.executed_qty += qty
        order.cum_quote += quote_qty
        _release_for(state, order, qty)
        fee, fee_asset = commission(state, order.side, qty, quote_qty, base, quote)
        if order.side == "BUY":
            _move(state, quote, -quote_qty)
            _move(state, base, qty)
        else:
            _move(state, base, -qty)
            _move(state, quote, quote_qty)
        _move(state, fee_asset, -fee)
        now = state.now_ms()
        if trade_id is None:
            trade_id = state.next_trade_id
            state.next_trade_id += 1
        trade = FakeTrade(
            trade_id=trade_id,
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
        state.trades.append(trade)
        order.status = "FILLED" if order.remaining <= ZERO else "PARTIALLY_FILLED"
        order.update_time, order.execution_type = now, "TRADE"
        state.publish_order_event(order, trade)
        return trade


def _expire(state: FakeState, order: FakeOrder, status: str, reason: str = "") -> None:
    _release(state, order, order.locked)
    order.status, order.update_time = status, state.now_ms()
    order.execution_type = "TRADE_PREVENTION" if status == "EXPIRED_IN_MATCH" else "EXPIRED"
    if reason:
        order.expiry_reason = reason
    state.publish_order_event(order, None)


def _prevent_part(state: FakeState, order: FakeOrder, qty: Decimal, match_id: int) -> None:
    """``qty`` of ``order`` will never execute (STP): release its funds, expire it if done."""
    order.prevented_qty += qty
    order.last_prevented_qty, order.prevented_match_id = qty, match_id
    _release_for(state, order, qty)
    order.update_time, order.execution_type = state.now_ms(), "TRADE_PREVENTION"
    if order.remaining <= ZERO:
        _expire(state, order, "EXPIRED_IN_MATCH")
    else:
        state.publish_order_event(order, None)


def _apply_prevention(state: FakeState, taker: FakeOrder, step: book.Prevention) -> None:
    """Record a prevented self-trade: prevented quantities; EXPIRED_IN_MATCH when none is left."""
    match_id = state.next_prevented_match_id
    state.next_prevented_match_id += 1
    maker = step.maker
    state.prevented_matches.append(
        PreventedMatch(
            match_id, taker.order_id, maker.order_id, step.price, step.taker_qty, step.maker_qty
        )
    )
    if step.maker_qty > ZERO:
        _prevent_part(state, maker, step.maker_qty, match_id)
    if step.taker_qty > ZERO:
        _prevent_part(state, taker, step.taker_qty, match_id)


def _take(state: FakeState, order: FakeOrder, steps: book.Plan, base: str, quote: str) -> None:
    """Carry out a taker's plan: trades with the market or itself, prevented self-trades."""
    for step in steps.steps:
        if isinstance(step, book.Prevention):
            _apply_prevention(state, order, step)
            continue
        level = step.level
        if level.maker is None:
            key = (order.symbol, order.side, level.price)
            state.consumed[key] = state.consumed.get(key, ZERO) + step.qty
            execute(state, order, step.qty, level.price, base, quote, maker=False)
            continue
        tid = state.next_trade_id  # a self-trade: one trade, seen from both orders
        state.next_trade_id += 1
        execute(state, level.maker, step.qty, level.price, base, quote, maker=True, trade_id=tid)
        execute(state, order, step.qty, level.price, base, quote, maker=False, trade_id=tid)


def _check_funds(
    state: FakeState, order: FakeOrder, steps: book.Plan, base: str, quote: str
) -> None:
    if order.side == "BUY":
        resting = steps.left * order.price if _rests(order) else ZERO
        need_asset, need = quote, steps.cost + resting
    else:
        need_asset, need = base, order.orig_qty
    if _free(state, need_asset)[0] < need:
        raise ApiError(400, -2010, MSG_INSUFFICIENT)


def _rests(order: FakeOrder) -> bool:
    return order.type == "LIMIT" and order.time_in_force == "GTC"


def place(
    state: FakeState, order: FakeOrder, base: str, quote: str
) -> tuple[FakeOrder, list[FakeTrade]]:
    """Book a validated order: trade what it meets, rest or expire the rest. -2010 when short."""
    with state.lock:
        steps = book.plan(state, order)
        fok_fails = order.time_in_force == "FOK" and (
            steps.traded < order.orig_qty or steps.taker_prevented or steps.out_of_range
        )
        if fok_fails:
            steps = book.Plan(left=order.orig_qty)
        _check_funds(state, order, steps, base, quote)
        first_trade = len(state.trades)
        with balance_events(state):
            state.orders.append(order)
            state.order_times.append(order.time)
            state.publish_order_event(order, None)
            _take(state, order, steps, base, quote)
            _finish(state, order, steps, need_asset=quote if order.side == "BUY" else base)
            if fok_fails:
                _expire(state, order, "EXPIRED", FOK_EXPIRED)
        trades = [t for t in state.trades[first_trade:] if t.order_id == order.order_id]
        return order, trades


def _finish(state: FakeState, order: FakeOrder, steps: book.Plan, need_asset: str) -> None:
    """After the taker phase: rest (locking the funds) or expire what is left."""
    if not order.is_open or order.remaining <= ZERO:
        return
    if steps.out_of_range:
        _expire(state, order, "EXPIRED", book.PRICE_RANGE_EXCEEDED)
    elif order.type == "MARKET":
        _expire(state, order, "EXPIRED", INSUFFICIENT_LIQUIDITY)
    elif order.time_in_force == "IOC":
        _expire(state, order, "EXPIRED", IOC_EXPIRED)
    elif _rests(order):
        left = order.remaining
        need = left * order.price if order.side == "BUY" else left
        order.locked_asset, order.locked = need_asset, need
        _move(state, need_asset, -need, need)


RESTING = ("LIMIT", "LIMIT_MAKER")
STOP_TYPES = ("STOP_LOSS_LIMIT", "TAKE_PROFIT_LIMIT")


def rests_now(order: FakeOrder) -> bool:
    """A limit in the book: a LIMIT, a LIMIT_MAKER, or a stop or take-profit leg that triggered."""
    return order.type in RESTING or (order.type in STOP_TYPES and order.working)


def fill_resting(
    state: FakeState, order: FakeOrder, qty: Decimal, base: str, quote: str
) -> FakeTrade | None:
    """Fill up to ``qty`` of a resting order as maker at its own price (None if nothing to do)."""
    with state.lock:
        qty = min(qty, order.remaining)
        if not order.is_open or not rests_now(order) or qty <= ZERO:
            return None
        with balance_events(state):
            trade = execute(state, order, qty, order.price, base, quote, maker=True)
            end_list(state, order)
            return trade


def end_list(state: FakeState, traded: FakeOrder) -> None:
    """One leg of an OCO list traded: the other legs expire, the list is ALL_DONE."""
    order_list = state.order_lists.get(traded.order_list_id)
    if order_list is None:
        return
    for order in state.orders:
        if order.order_id in order_list.order_ids and order is not traded and order.is_open:
            _expire(state, order, "EXPIRED")
    order_list.list_status_type = order_list.list_order_status = "ALL_DONE"


def price_tick(state: FakeState, symbol: str) -> Decimal:
    """The symbol's PRICE_FILTER tick (zero: none)."""
    for item in state.exchange_info.get("symbols", []):
        if item["symbol"] == symbol:
            for f in item.get("filters", []):
                if f["filterType"] == "PRICE_FILTER":
                    return Decimal(f["tickSize"])
    return ZERO


def stop_trigger(order: FakeOrder, tick: Decimal) -> Decimal:
    """Where a sell leg triggers now: its stop price, or trailingDelta below its peak."""
    if order.trailing_delta and order.type == "STOP_LOSS_LIMIT":
        raw = order.peak * (1 - Decimal(order.trailing_delta) / 10_000)
        return (raw // tick) * tick if tick > ZERO else raw
    return order.stop_price


def _trigger_stop(
    state: FakeState, order: FakeOrder, price: Decimal, tick: Decimal, base: str, quote: str
) -> bool:
    """Follow the peak; trigger the leg when the price reaches it (True if it traded): a stop-loss
    from above, a take-profit from below."""
    order.peak = max(order.peak, price)
    trigger = stop_trigger(order, tick)
    reached = price >= trigger if order.type == "TAKE_PROFIT_LIMIT" else price <= trigger
    if not reached:
        return False
    order.working = True
    order_list = state.order_lists.get(order.order_list_id)
    if order_list is not None:  # the list's lock moves to the leg that triggered
        for other in state.orders:
            if other.order_id in order_list.order_ids and other is not order and other.locked:
                order.locked_asset, order.locked = other.locked_asset, other.locked
                other.locked = ZERO
    with balance_events(state):
        end_list(state, order)
        if trigger < order.price:  # past its limit: it waits in the book as a limit order
            return False
        execute(state, order, order.remaining, trigger, base, quote, maker=False)
    return True


def place_stop(state: FakeState, order: FakeOrder, base: str, lock: bool = True) -> None:
    """Book an untriggered sell stop-limit leg (its base locked unless its list holds it)."""
    with state.lock, balance_events(state):
        if lock:
            if _free(state, base)[0] < order.orig_qty:
                raise ApiError(400, -2010, MSG_INSUFFICIENT)
            order.locked_asset, order.locked = base, order.orig_qty
            _move(state, base, -order.orig_qty, order.orig_qty)
        order.working, order.peak = False, state.prices[order.symbol]
        state.orders.append(order)
        state.order_times.append(order.time)
        state.publish_order_event(order, None)


def cancel(state: FakeState, order: FakeOrder) -> FakeOrder:
    """Cancel an open order: release what it still has locked; its fills stay."""
    with state.lock, balance_events(state):
        _release(state, order, order.locked)
        order.status, order.update_time = "CANCELED", state.now_ms()
        order.execution_type = "CANCELED"
        state.publish_order_event(order, None)
        return order


def set_price(state: FakeState, symbol: str, price: Decimal, base: str, quote: str) -> int:
    """Move a symbol's price (a new market step); resting limits it reaches trade at their own
    price, whole or ``qty_per_level`` each with a liquidity model. Returns how many traded."""
    traded = 0
    with state.lock:
        state.prices[symbol] = price
        for key in [k for k in state.consumed if k[0] == symbol]:
            del state.consumed[key]
        liquidity = state.liquidity.get(symbol)
        for order in list(state.orders):
            if order.symbol == symbol and order.is_open and not order.working:
                tick = price_tick(state, symbol)
                traded += _trigger_stop(state, order, price, tick, base, quote)
                continue
            if order.symbol != symbol or not order.is_open or not rests_now(order):
                continue
            reached = price <= order.price if order.side == "BUY" else price >= order.price
            if not reached:
                continue
            qty = order.remaining if liquidity is None else liquidity.qty_per_level
            if fill_resting(state, order, qty, base, quote) is not None:
                traded += 1
    return traded


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
