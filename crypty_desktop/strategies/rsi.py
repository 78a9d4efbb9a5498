"""RSI: buy when the market recovers from oversold, sell when it turns down from overbought.

Rules, on each closed candle once the RSI (Wilder's, see ``indicators.Rsi``) and its previous value
exist:

- the RSI crosses up through the oversold line (previous RSI < oversold ≤ RSI now) and the bot
  holds nothing: market buy for ``quote_amount`` (0, the default: everything left of the budget);
- the RSI crosses down through the overbought line (previous RSI > overbought ≥ RSI now) and the
  bot holds something: market sell of the whole position;
- otherwise nothing.

Crossing, not merely being below the line, is what triggers a buy: buying while the RSI is still
falling through oversold would catch a falling knife, and most users expect the cross.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, ClassVar

from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.market import Candle
from crypty_desktop.strategies.base import (
    IndicatorValue,
    Intent,
    ParamSpec,
    ParamValue,
    Position,
    Strategy,
)
from crypty_desktop.strategies.helpers import (
    NO_INTENTS,
    buy_all_or,
    fill_defaults,
    fmt,
    quote_amount_param,
    sell_all,
)
from crypty_desktop.strategies.indicators import Rsi
from crypty_desktop.wording import QT_TRANSLATE_NOOP

ROSE = QT_TRANSLATE_NOOP("Core", "RSI rose through the oversold line {line}: {before} → {after}")
FELL = QT_TRANSLATE_NOOP("Core", "RSI fell through the overbought line {line}: {before} → {after}")
LINES_CROSSED = QT_TRANSLATE_NOOP(
    "Core", "The oversold line ({oversold}) must be below the overbought line ({overbought})."
)


class RsiStrategy(Strategy):
    """Mean reversion on the Relative Strength Index."""

    name: ClassVar[str] = "rsi"
    title: ClassVar[str] = QT_TRANSLATE_NOOP("Core", "RSI")
    description: ClassVar[str] = (
        "Buys when the market recovers from being oversold and sells when it turns down from "
        "being overbought, using the Relative Strength Index (0–100) of the closing price. A buy "
        "happens when the RSI rises back above the oversold line, a sale of everything held when "
        "it falls back below the overbought line. It never buys while holding and never sells "
        "while holding nothing."
    )
    params: ClassVar[tuple[ParamSpec, ...]] = (
        ParamSpec(
            name="period",
            label=QT_TRANSLATE_NOOP("Core", "RSI period"),
            type=int,
            default=14,
            minimum=2,
            maximum=200,
            unit=" candles",
            description="How many candles the RSI averages its gains and losses over (14 is the "
            "usual choice).",
        ),
        ParamSpec(
            name="oversold",
            label=QT_TRANSLATE_NOOP("Core", "Oversold line"),
            type=Decimal,
            default=Decimal(30),
            minimum=Decimal(1),
            maximum=Decimal(99),
            description="The RSI level under which the market counts as oversold. The bot buys "
            "when the RSI climbs back above it.",
        ),
        ParamSpec(
            name="overbought",
            label=QT_TRANSLATE_NOOP("Core", "Overbought line"),
            type=Decimal,
            default=Decimal(70),
            minimum=Decimal(1),
            maximum=Decimal(99),
            description="The RSI level over which the market counts as overbought. The bot sells "
            "when the RSI falls back below it.",
        ),
        quote_amount_param(),
    )

    def __init__(self, values: dict[str, ParamValue] | None = None) -> None:
        super().__init__(values=dict(values or {}))
        fill_defaults(self)
        self._rsi = Rsi(int(self.values["period"]))
        self._low = Decimal(self.values["oversold"])
        self._high = Decimal(self.values["overbought"])
        self._amount = Decimal(self.values["quote_amount"])
        self._prev: Decimal | None = None

    def validate(self) -> None:
        low, high = self.p("oversold"), self.p("overbought")
        if low >= high:
            raise ValidationError(LINES_CROSSED.format(oversold=low, overbought=high))

    def warmup(self) -> int:
        return self._rsi.period + 1  # period + 1 closes give the first RSI, one more a cross

    def on_candle(self, candle: Candle, position: Position) -> list[Intent]:
        rsi = self._rsi.update(candle.close)
        if rsi is None:
            return NO_INTENTS
        prev = self._prev
        self._prev = rsi
        if prev is None:
            return NO_INTENTS
        low = self._low
        if prev < low <= rsi and position.base <= 0:
            why = ROSE.format(line=fmt(low), before=fmt(prev), after=fmt(rsi))
            intent = buy_all_or(self._amount, position, why)
            return [intent] if intent is not None else NO_INTENTS
        high = self._high
        if prev > high >= rsi and position.base > 0:
            why = FELL.format(line=fmt(high), before=fmt(prev), after=fmt(rsi))
            return [sell_all(position, why)]
        return NO_INTENTS

    def indicators(self) -> list[IndicatorValue]:
        return [IndicatorValue(f"RSI {self._rsi.period}", self._rsi.value, panel="rsi")]

    def state(self) -> dict[str, Any]:
        return {"rsi": self._rsi.state(), "prev": None if self._prev is None else str(self._prev)}

    def restore(self, state: Mapping[str, Any]) -> None:
        self._rsi.restore(state.get("rsi", {}))
        prev = state.get("prev")
        self._prev = None if prev is None else Decimal(prev)
