"""DCA (dollar-cost averaging): buy a fixed amount regularly, sell everything at a profit target.

Rules, on each closed candle, in this order (at most one order per candle):

1. Take profit: the bot holds something and the close is at least the average entry price (as the
   broker reports it, fees included) × (1 + take profit %): market sell of the whole position.
2. Safety order: the bot holds something, fewer than ``safety_orders`` safety buys were made since
   the position was opened, and the close is at least ``safety_step_pct`` % below the average
   entry: market buy of ``quote_amount × safety_scale^k`` for the k-th safety order (k = 1, 2, …).
3. Regular buy of ``quote_amount``, when one of these holds:
   - no buy was made yet (the first candle, or the first candle after a take profit sold
     everything: a new cycle starts at once);
   - ``every`` candles passed since the last regular buy (0 turns the schedule off);
   - the close is at least ``drop_pct`` % below the last regular buy's price (0 turns it off).

The last regular buy's price is the close it was decided on until its fill arrives, then the fill
price. The safety count starts again when the position is closed.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, ClassVar

from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.money import ZERO
from crypty_desktop.domain.orders import Fill, Side
from crypty_desktop.strategies.base import Intent, ParamSpec, ParamValue, Position, Strategy
from crypty_desktop.strategies.helpers import HUNDRED, NO_INTENTS, fill_defaults, fmt
from crypty_desktop.wording import QT_TRANSLATE_NOOP

REGULAR_TAG = "dca"
TAKE_PROFIT = QT_TRANSLATE_NOOP(
    "Core", "take profit: {price} is {percent} % or more above the average buying price {average}"
)
SAFETY = QT_TRANSLATE_NOOP(
    "Core",
    "safety order {number} of {count}: {price} is {percent} % or more below the average buying "
    "price {average}",
)
FIRST_BUY = QT_TRANSLATE_NOOP("Core", "first buy of the cycle")
REGULAR_ONE = QT_TRANSLATE_NOOP("Core", "regular buy: 1 candle since the last one")
REGULAR = QT_TRANSLATE_NOOP("Core", "regular buy: {count} candles since the last one")
ON_A_DROP = QT_TRANSLATE_NOOP(
    "Core", "buy on a drop: {price} is {percent} % or more below the last buy at {last}"
)
AMOUNT_NOT_POSITIVE = QT_TRANSLATE_NOOP("Core", "Amount per buy must be more than 0.")
NO_BUY_RULE = QT_TRANSLATE_NOOP(
    "Core", "Choose when to buy: every so many candles, on a price drop, or both."
)


def _pct(name: str, label: str, default: str, low: str, high: str, text: str) -> ParamSpec:
    return ParamSpec(
        name=name,
        label=label,
        type=Decimal,
        default=Decimal(default),
        minimum=Decimal(low),
        maximum=Decimal(high),
        unit=" %",
        description=text,
    )


class Dca(Strategy):
    """Regular buys, optional buys on dips and safety orders, one take-profit sale."""

    name: ClassVar[str] = "dca"
    title: ClassVar[str] = QT_TRANSLATE_NOOP("Core", "DCA")
    description: ClassVar[str] = (
        "Dollar-cost averaging: buys a fixed amount at regular intervals (and, if you wish, each "
        "time the price drops a given percentage below the last buy), then sells everything once "
        "the price is a chosen percentage above the average buying price, and starts again. "
        "Optional safety orders buy more, in growing amounts, when the price falls well below the "
        "average buying price, which lowers it."
    )
    params: ClassVar[tuple[ParamSpec, ...]] = (
        ParamSpec(
            name="quote_amount",
            label=QT_TRANSLATE_NOOP("Core", "Amount per buy"),
            type=Decimal,
            default=Decimal(100),
            minimum=ZERO,
            unit=" quote",
            description="How much of the quote currency (e.g. USDT) each regular buy spends.",
        ),
        ParamSpec(
            name="every",
            label=QT_TRANSLATE_NOOP("Core", "Buy every"),
            type=int,
            default=24,
            minimum=0,
            maximum=100_000,
            unit=" candles",
            description="A regular buy happens every this many candles. 0: no schedule, buy only "
            "on price drops.",
        ),
        _pct(
            "drop_pct",
            QT_TRANSLATE_NOOP("Core", "Buy on a drop of"),
            "0",
            "0",
            "99",
            "Also buy when the price is this much below the last regular buy. 0: off.",
        ),
        _pct(
            "take_profit_pct",
            QT_TRANSLATE_NOOP("Core", "Take profit at"),
            "3",
            "0.1",
            "1000",
            "Sell everything when the price is this much above the average buying price.",
        ),
        ParamSpec(
            name="safety_orders",
            label=QT_TRANSLATE_NOOP("Core", "Safety orders"),
            type=int,
            default=0,
            minimum=0,
            maximum=20,
            description="How many extra buys at most while the price is well below the average "
            "buying price. 0: none.",
        ),
        _pct(
            "safety_step_pct",
            QT_TRANSLATE_NOOP("Core", "Safety order when down"),
            "2",
            "0.1",
            "99",
            "A safety order buys when the price is this much below the average buying price.",
        ),
        ParamSpec(
            name="safety_scale",
            label=QT_TRANSLATE_NOOP("Core", "Safety order size factor"),
            type=Decimal,
            default=Decimal("1.5"),
            minimum=Decimal("0.1"),
            maximum=Decimal(10),
            unit="×",
            description="The first safety order spends the amount per buy times this factor, the "
            "second times this factor twice, and so on.",
        ),
    )

    def __init__(self, values: dict[str, ParamValue] | None = None) -> None:
        super().__init__(values=dict(values or {}))
        fill_defaults(self)
        v = self.values
        self._amount = Decimal(v["quote_amount"])
        self._every = int(v["every"])
        self._drop = Decimal(v["drop_pct"])
        self._tp = Decimal(v["take_profit_pct"])
        self._safety_max = int(v["safety_orders"])
        self._step = Decimal(v["safety_step_pct"])
        self._scale = Decimal(v["safety_scale"])
        self._tp_factor = 1 + self._tp / HUNDRED
        self._drop_factor = 1 - self._drop / HUNDRED
        self._safety_factor = 1 - self._step / HUNDRED
        self._since = 0  # candles since the last regular buy
        self._last_buy: Decimal | None = None  # price of the last regular buy of this cycle
        self._safety_used = 0
        self._held = False  # whether the bot held something on the previous candle

    def validate(self) -> None:
        if self.p("quote_amount") <= 0:
            raise ValidationError(AMOUNT_NOT_POSITIVE)
        if not self.p("every") and not self.p("drop_pct"):
            raise ValidationError(NO_BUY_RULE)

    def on_candle(self, candle: Candle, position: Position) -> list[Intent]:
        close = candle.close
        self._since += 1
        holding = position.base > 0
        if self._held and not holding:  # the position was closed: a new cycle starts
            self._last_buy = None
            self._safety_used = 0
        self._held = holding
        avg = position.avg_entry
        if holding and avg:
            if close >= avg * self._tp_factor:
                why = TAKE_PROFIT.format(price=fmt(close), percent=fmt(self._tp), average=fmt(avg))
                return [Intent(Side.SELL, why, base_qty=position.base)]
            if self._safety_used < self._safety_max and close <= avg * self._safety_factor:
                return [self._safety(close, avg)]
        due = self._due(close)
        if due is None:
            return NO_INTENTS
        self._since = 0
        self._last_buy = close
        return [Intent(Side.BUY, due, quote_amount=self._amount, tag=REGULAR_TAG)]

    def _safety(self, close: Decimal, avg: Decimal) -> Intent:
        self._safety_used += 1
        k = self._safety_used
        amount = self._amount * self._scale**k
        why = SAFETY.format(
            number=k,
            count=self._safety_max,
            price=fmt(close),
            percent=fmt(self._step),
            average=fmt(avg),
        )
        return Intent(Side.BUY, why, quote_amount=amount, tag=f"safety-{k}")

    def _due(self, close: Decimal) -> str | None:
        last = self._last_buy
        if last is None:
            return FIRST_BUY
        if self._every and self._since >= self._every:
            return REGULAR_ONE if self._since == 1 else REGULAR.format(count=self._since)
        if self._drop and close <= last * self._drop_factor:
            return ON_A_DROP.format(price=fmt(close), percent=fmt(self._drop), last=fmt(last))
        return None

    def on_fill(self, fill: Fill, tag: str) -> list[Intent]:
        if tag == REGULAR_TAG and fill.side is Side.BUY:
            self._last_buy = fill.price
        return NO_INTENTS

    def state(self) -> dict[str, Any]:
        return {
            "since": self._since,
            "last_buy": None if self._last_buy is None else str(self._last_buy),
            "safety_used": self._safety_used,
            "held": self._held,
        }

    def restore(self, state: Mapping[str, Any]) -> None:
        last = state.get("last_buy")
        self._since = int(state.get("since", 0))
        self._last_buy = None if last is None else Decimal(last)
        self._safety_used = int(state.get("safety_used", 0))
        self._held = bool(state.get("held", False))
