"""Grid: resting limit orders on evenly spaced price levels, buying low and selling one level up.

Levels are numbered 1 (the lower price) to N (the upper price), evenly spaced. Between two neighbour
levels k and k+1 there is at most one order at a time: a buy at level k (tag ``buy-k``) or, once
it filled, a sell of what it bought at level k+1 (tag ``sell-<k+1>``); when that sells, the buy at
level k is placed again. Level N is only ever a selling level.

- First candle: a buy for ``quote_per_level`` at every level strictly below the close.
- A level above which the price later closes, having been at or below it on the previous close
  (the price crossed it upwards), gets its buy if it has no order yet. So levels that were above
  the price at the start join in when the price rises through them.
- Outside the range: above the upper price every buy waits below and nothing new is placed
  above the upper price; below the lower price every buy has filled and only sells wait above.
  The grid never places a buy below the lower price or above the upper one, and never a market
  order.
- A buy filled in several parts raises the resting sell (cancel and replace); the fee, when paid in
  the base asset, is not sold.
- An order that disappeared without a fill (refused for lack of budget, expired, cancelled) is
  placed once more on the next candle; if it is missing again, the level waits until the price
  crosses above it again (and a sell's amount is forgotten).

The bot's budget should cover (N − 1) × the amount per level.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_CEILING, ROUND_DOWN, Decimal
from typing import Any, ClassVar

from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.money import ZERO, strip
from crypty_desktop.domain.orders import Fill, OrderType, Side
from crypty_desktop.strategies.base import (
    IndicatorValue,
    Intent,
    ParamSpec,
    ParamValue,
    Position,
    Strategy,
)
from crypty_desktop.strategies.helpers import NO_INTENTS, SMALLEST_PRICE, fill_defaults, fmt
from crypty_desktop.wording import QT_TRANSLATE_NOOP

IDLE, BUYING, SELLING = 0, 1, 2
LEVEL_BUY = QT_TRANSLATE_NOOP("Core", "grid level {level} of {count}: buy at {price}")
LEVEL_SELL = QT_TRANSLATE_NOOP(
    "Core", "grid level {level} of {count}: sell at {price} what level {below} bought"
)
LEVEL_RAISED = QT_TRANSLATE_NOOP(
    "Core", "grid level {level} of {count}: more was bought, the sale is placed again for all of it"
)
LOWER_NOT_POSITIVE = QT_TRANSLATE_NOOP("Core", "Lower price must be more than 0.")
UPPER_NOT_ABOVE = QT_TRANSLATE_NOOP(
    "Core", "Upper price ({upper}) must be above the lower price ({lower})."
)
TOO_NARROW = QT_TRANSLATE_NOOP("Core", "The range is too narrow for that many levels.")
LEVEL_AMOUNT_NOT_POSITIVE = QT_TRANSLATE_NOOP("Core", "Amount per level must be more than 0.")


def grid_levels(lower: Decimal, upper: Decimal, count: int) -> list[Decimal]:
    """``count`` prices evenly spaced from ``lower`` to ``upper`` (both included), to 1e-8."""
    step = (upper - lower) / (count - 1)
    return [Decimal(strip((lower + step * k).quantize(SMALLEST_PRICE))) for k in range(count)]


SUGGESTED_LEVELS = 10
SUGGESTED_SPREAD = Decimal("0.10")  # the suggested range: 10 % either side of the price


def _to_step(value: Decimal, step: Decimal, rounding: str) -> Decimal:
    step = step if step > 0 else SMALLEST_PRICE
    return Decimal(strip((value / step).to_integral_value(rounding) * step))


def _two_digits_up(value: Decimal) -> Decimal:
    """``value`` rounded up to two significant digits (5.548 → 5.6, 0.00010058 → 0.00011)."""
    if value <= 0:
        return value
    quantum = Decimal(1).scaleb(value.adjusted() - 1)
    return Decimal(strip(value.quantize(quantum, ROUND_CEILING)))


def _two_digits_down(value: Decimal) -> Decimal:
    quantum = Decimal(1).scaleb(value.adjusted() - 1)
    return Decimal(strip(value.quantize(quantum, ROUND_DOWN)))


def suggested_grid(
    price: Decimal, tick: Decimal, minimum: Decimal, budget: Decimal | None = None
) -> dict[str, ParamValue]:
    """Grid parameters that fit a market now: lower and upper 10 % either side of ``price``
    (on the market's price ``tick``), ``SUGGESTED_LEVELS`` levels, and an amount per level that
    shares ``budget`` over the buying levels, never below the market's smallest order
    ``minimum`` (both in the quote asset)."""
    lower = _to_step(price * (1 - SUGGESTED_SPREAD), tick, ROUND_DOWN)
    upper = _to_step(price * (1 + SUGGESTED_SPREAD), tick, ROUND_CEILING)
    smallest = _two_digits_up(minimum) if minimum > 0 else SMALLEST_PRICE
    per_level = smallest
    if budget is not None and budget > 0:
        per_level = max(_two_digits_down(budget / (SUGGESTED_LEVELS - 1)), smallest)
    return {
        "lower": lower,
        "upper": upper,
        "levels": SUGGESTED_LEVELS,
        "quote_per_level": per_level,
    }


def _net_base(fill: Fill) -> Decimal:
    """The base a buy fill left in the wallet: its quantity less a fee paid in the base asset."""
    fee_asset = fill.fee_asset
    if fee_asset and fill.symbol.startswith(fee_asset) and not fill.symbol.endswith(fee_asset):
        return fill.quantity - fill.fee
    return fill.quantity


class Grid(Strategy):
    """Buy and sell on a ladder of prices inside a range."""

    name: ClassVar[str] = "grid"
    title: ClassVar[str] = QT_TRANSLATE_NOOP("Core", "Grid")
    description: ClassVar[str] = (
        "Places buy orders on evenly spaced price levels between a lower and an upper price. Each "
        "time a buy fills, the bot offers what it bought one level higher; each time that sells, "
        "it buys again at the level below. It earns the gap between two levels on every round "
        "trip and suits a market that moves sideways inside the range. Outside the range it "
        "waits. The budget should cover the amount per level for every level but the top one."
    )
    params: ClassVar[tuple[ParamSpec, ...]] = (
        ParamSpec(
            name="lower",
            label=QT_TRANSLATE_NOOP("Core", "Lower price"),
            type=Decimal,
            default=Decimal(55_000),
            minimum=ZERO,
            unit=" quote",
            description="The lowest level of the grid: the bot never buys below this price.",
        ),
        ParamSpec(
            name="upper",
            label=QT_TRANSLATE_NOOP("Core", "Upper price"),
            type=Decimal,
            default=Decimal(75_000),
            minimum=ZERO,
            unit=" quote",
            description="The highest level of the grid: the bot never buys above this price.",
        ),
        ParamSpec(
            name="levels",
            label=QT_TRANSLATE_NOOP("Core", "Number of levels"),
            type=int,
            default=10,
            minimum=2,
            maximum=200,
            description="How many price levels, the lower and upper prices included, evenly "
            "spaced.",
        ),
        ParamSpec(
            name="quote_per_level",
            label=QT_TRANSLATE_NOOP("Core", "Amount per level"),
            type=Decimal,
            default=Decimal(100),
            minimum=ZERO,
            unit=" quote",
            description="How much of the quote currency (e.g. USDT) each buy order spends.",
        ),
    )

    def __init__(self, values: dict[str, ParamValue] | None = None) -> None:
        super().__init__(values=dict(values or {}))
        fill_defaults(self)
        self._lower = Decimal(self.values["lower"])
        self._upper = Decimal(self.values["upper"])
        self._count = max(int(self.values["levels"]), 2)
        self._amount = Decimal(self.values["quote_per_level"])
        self._gaps = self._count - 1  # gap g lies between levels g and g+1 (0-based)
        self._reset()

    def _reset(self) -> None:
        n, gaps = self._count, self._gaps
        ok = self._upper > self._lower
        self._levels = grid_levels(self._lower, self._upper, n) if ok else [self._lower] * n
        self._step = (self._upper - self._lower) / gaps if ok else Decimal(1)
        self._buy_tags = [f"buy-{g + 1}" for g in range(gaps)]
        self._sell_tags = [f"sell-{g + 2}" for g in range(gaps)]
        self._by_tag = {t: g for g, t in enumerate(self._buy_tags)}
        self._by_tag.update({t: g for g, t in enumerate(self._sell_tags)})
        lv = self._levels
        self._buy_why = [
            LEVEL_BUY.format(level=g + 1, count=n, price=fmt(lv[g])) for g in range(gaps)
        ]
        self._sell_why = [
            LEVEL_SELL.format(level=g + 2, count=n, price=fmt(lv[g + 1]), below=g + 1)
            for g in range(gaps)
        ]
        self._mode = [IDLE] * gaps
        self._held = [ZERO] * gaps
        self._unseen: set[int] = set()  # gaps whose order was placed but not yet seen resting
        self._retried: set[int] = set()  # gaps whose missing order was placed once more
        self._tags: frozenset[str] | None = None  # the open tags seen on the last candle
        self._prev: Decimal | None = None

    def validate(self) -> None:
        lower, upper, n = self.p("lower"), self.p("upper"), self.p("levels")
        if lower <= 0:
            raise ValidationError(LOWER_NOT_POSITIVE)
        if upper <= lower:
            raise ValidationError(UPPER_NOT_ABOVE.format(upper=fmt(upper), lower=fmt(lower)))
        if (upper - lower) / (n - 1) < SMALLEST_PRICE:
            raise ValidationError(TOO_NARROW)
        if self.p("quote_per_level") <= 0:
            raise ValidationError(LEVEL_AMOUNT_NOT_POSITIVE)

    # --- orders -----------------------------------------------------------------------------------
    def _buy(self, g: int) -> Intent:
        self._mode[g] = BUYING
        self._unseen.add(g)
        return Intent(
            Side.BUY,
            self._buy_why[g],
            type=OrderType.LIMIT,
            quote_amount=self._amount,
            limit_price=self._levels[g],
            tag=self._buy_tags[g],
        )

    def _sell(self, g: int) -> Intent:
        self._mode[g] = SELLING
        self._unseen.add(g)
        return Intent(
            Side.SELL,
            self._sell_why[g],
            type=OrderType.LIMIT,
            base_qty=self._held[g],
            limit_price=self._levels[g + 1],
            tag=self._sell_tags[g],
        )

    def _cancel(self, g: int) -> Intent:
        why = LEVEL_RAISED.format(level=g + 2, count=self._count)
        return Intent(Side.SELL, why, tag=self._sell_tags[g], cancel=True)

    # --- candles and fills ------------------------------------------------------------------------
    def on_candle(self, candle: Candle, position: Position) -> list[Intent]:
        close = candle.close
        tags = position.open_tags
        out: list[Intent] | None = None
        if self._unseen or tags is not self._tags:
            out = self._reconcile(tags, close)
            self._tags = tags
        prev = self._prev
        self._prev = close
        if prev is None or close > prev:
            out = self._arm(prev, close, out)
        return out or NO_INTENTS

    def _arm(self, prev: Decimal | None, close: Decimal, out: list[Intent] | None) -> list[Intent]:
        """Buys for the idle levels the price rose through (all those below it at the start)."""
        levels, mode = self._levels, self._mode
        start = 0 if prev is None else max(0, int((prev - self._lower) / self._step) - 1)
        out = out if out is not None else []
        for g in range(start, self._gaps):
            level = levels[g]
            if level >= close:
                break
            if mode[g] == IDLE and (prev is None or level >= prev):
                out.append(self._buy(g))
        return out

    def _reconcile(self, tags: frozenset[str], close: Decimal) -> list[Intent]:
        """Compare the orders the grid believes in with those the broker reports resting."""
        out: list[Intent] = []
        for g, mode in enumerate(self._mode):
            if mode == IDLE:
                continue
            if (self._buy_tags[g] if mode == BUYING else self._sell_tags[g]) in tags:
                self._unseen.discard(g)
                self._retried.discard(g)
                continue
            if g in self._retried or (mode == BUYING and self._levels[g] >= close):
                self._give_up(g)
            else:
                self._retried.add(g)
                out.append(self._buy(g) if mode == BUYING else self._sell(g))
        return out

    def _give_up(self, g: int) -> None:
        if self._mode[g] == SELLING:
            self._held[g] = ZERO
        self._mode[g] = IDLE
        self._unseen.discard(g)
        self._retried.discard(g)

    def on_fill(self, fill: Fill, tag: str) -> list[Intent]:
        g = self._by_tag.get(tag)
        if g is None:
            return NO_INTENTS
        last_tags = self._tags or frozenset()
        if fill.side is Side.BUY:
            self._held[g] += _net_base(fill)
            self._retried.discard(g)
            if self._mode[g] == SELLING or self._sell_tags[g] in last_tags:
                return [self._cancel(g), self._sell(g)]  # a further part
            return [self._sell(g)]
        self._held[g] = max(ZERO, self._held[g] - fill.quantity)
        if self._mode[g] != SELLING:
            return NO_INTENTS  # a further part of a sale already answered
        self._retried.discard(g)
        if self._buy_tags[g] in last_tags:  # part of the earlier buy still rests
            self._mode[g] = BUYING
            return NO_INTENTS
        return [self._buy(g)]

    # --- charts and saving ------------------------------------------------------------------------
    def indicators(self) -> list[IndicatorValue]:
        return [IndicatorValue(f"grid {k + 1}", v) for k, v in enumerate(self._levels)]

    def _fingerprint(self) -> list[str]:
        return [str(self._lower), str(self._upper), str(self._count)]

    def state(self) -> dict[str, Any]:
        return {
            "grid": self._fingerprint(),
            "prev": None if self._prev is None else str(self._prev),
            "mode": list(self._mode),
            "held": [str(h) for h in self._held],
            "unseen": sorted(self._unseen),
            "retried": sorted(self._retried),
            "tags": None if self._tags is None else sorted(self._tags),
        }

    def restore(self, state: Mapping[str, Any]) -> None:
        """Resume; a state saved with another lower/upper/levels is ignored (a fresh grid)."""
        self._reset()
        if list(state.get("grid", [])) != self._fingerprint():
            return
        prev, tags = state.get("prev"), state.get("tags")
        self._prev = None if prev is None else Decimal(prev)
        self._mode = [int(m) for m in state["mode"]]
        self._held = [Decimal(h) for h in state["held"]]
        self._unseen = {int(g) for g in state.get("unseen", [])}
        self._retried = {int(g) for g in state.get("retried", [])}
        self._tags = None if tags is None else frozenset(tags)
