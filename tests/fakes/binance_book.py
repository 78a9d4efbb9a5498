"""The book an incoming (taker) order meets, and the plan of what it does there.

The opposite side of the book holds two kinds of liquidity:
- the rest of the market: bottomless at the current price when the symbol has no
  :class:`~tests.fakes.binance_state.Liquidity` (every order fills whole in one trade, the fake's
  default), else ``levels`` price levels of ``qty_per_level`` each, ``tick`` apart outward from the
  current price, minus what earlier takers took since the last ``set_price``;
- the account's own resting LIMIT orders on the other side. The fake has one account, so these are
  the orders a self-trade would hit. At one price they come before the market's level (they were
  there first), oldest first.

The taker walks this book best price first, within its limit price, and within the symbol's price
range when one is set (``set_price_range``: Binance's execution rule, a taker that would trade
outside it is EXPIRED with ``expiryReason`` EXECUTION_RULE_PRICE_RANGE_EXCEEDED). Meeting its own
order, it applies its ``selfTradePreventionMode`` as Binance does (the taker's mode decides):
NONE trades with itself; EXPIRE_TAKER / EXPIRE_MAKER / EXPIRE_BOTH expire the remaining quantity
of the taker, the maker or both (status EXPIRED_IN_MATCH, ``preventedQuantity``); DECREMENT
prevents the overlapping quantity on both and expires whichever reaches zero.
:func:`plan` changes nothing, so a FOK order can be checked before anything happens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from tests.fakes.binance_state import FakeOrder, FakeState

ZERO = Decimal(0)
BOTTOMLESS = Decimal("1e30")
PRICE_RANGE_EXCEEDED = "EXECUTION_RULE_PRICE_RANGE_EXCEEDED"


@dataclass(frozen=True)
class Level:
    """One place the taker can trade: the market at a price, or one of the account's orders."""

    price: Decimal
    available: Decimal
    maker: FakeOrder | None = None  # an own resting order; None for the rest of the market


@dataclass(frozen=True)
class Trade:
    level: Level
    qty: Decimal


@dataclass(frozen=True)
class Prevention:
    """A prevented self-trade: how much of the taker's and the maker's quantity it expires."""

    maker: FakeOrder
    price: Decimal
    taker_qty: Decimal
    maker_qty: Decimal


@dataclass
class Plan:
    """What the taker would do, in order; ``left`` is what stays unfilled and not prevented."""

    steps: list[Trade | Prevention] = field(default_factory=list)
    left: Decimal = ZERO
    out_of_range: bool = False

    @property
    def traded(self) -> Decimal:
        return sum((s.qty for s in self.steps if isinstance(s, Trade)), start=ZERO)

    @property
    def cost(self) -> Decimal:
        """The quote asset the trades move (what a BUY taker pays)."""
        return sum((s.qty * s.level.price for s in self.steps if isinstance(s, Trade)), ZERO)

    @property
    def taker_prevented(self) -> bool:
        return any(isinstance(s, Prevention) and s.taker_qty > ZERO for s in self.steps)


def _better_or_equal(side: str, price: Decimal, limit: Decimal) -> bool:
    return price <= limit if side == "BUY" else price >= limit


def levels(state: FakeState, order: FakeOrder) -> list[Level]:
    """The opposite side of the book within the order's limit, best first."""
    with state.lock:
        price_now = state.prices[order.symbol]
        liquidity = state.liquidity.get(order.symbol)
        if liquidity is None:
            market = [Level(price_now, BOTTOMLESS)]
        else:
            market = []
            for price in liquidity.level_prices(price_now, order.side):
                taken = state.consumed.get((order.symbol, order.side, price), ZERO)
                if liquidity.qty_per_level > taken:
                    market.append(Level(price, liquidity.qty_per_level - taken))
        own = [
            Level(o.price, o.remaining, o)
            for o in state.orders
            if o.symbol == order.symbol
            and o.side != order.side
            and o.type == "LIMIT"
            and o.is_open
            and o is not order
        ]
    book = [(level, 0, level.maker.order_id) for level in own if level.maker is not None]
    book += [(level, 1, 0) for level in market]
    sign = 1 if order.side == "BUY" else -1
    book.sort(key=lambda item: (sign * item[0].price, item[1], item[2]))
    found = [level for level, _rank, _id in book]
    if order.type == "MARKET":
        return found
    return [level for level in found if _better_or_equal(order.side, level.price, order.price)]


def _in_range(state: FakeState, symbol: str, price: Decimal) -> bool:
    bounds = state.price_ranges.get(symbol)
    return bounds is None or bounds[0] <= price <= bounds[1]


def _prevent(mode: str, left: Decimal, level: Level) -> Prevention:
    maker = level.maker
    assert maker is not None
    taker_qty = left if mode in ("EXPIRE_TAKER", "EXPIRE_BOTH") else ZERO
    maker_qty = level.available if mode in ("EXPIRE_MAKER", "EXPIRE_BOTH") else ZERO
    if mode == "DECREMENT":
        taker_qty = maker_qty = min(left, level.available)
    return Prevention(maker, level.price, taker_qty, maker_qty)


def plan(state: FakeState, order: FakeOrder) -> Plan:
    """Walk the book for ``order`` without changing anything."""
    result = Plan(left=order.remaining)
    with state.lock:
        for level in levels(state, order):
            if result.left <= ZERO:
                break
            if not _in_range(state, order.symbol, level.price):
                result.out_of_range = True
                break
            if level.maker is not None and order.stp_mode != "NONE":
                prevention = _prevent(order.stp_mode, result.left, level)
                result.steps.append(prevention)
                result.left -= prevention.taker_qty
                continue
            qty = min(result.left, level.available)
            result.steps.append(Trade(level, qty))
            result.left -= qty
    return result
