"""SMA crossover: buy when the fast average crosses above the slow one, sell when it falls below.

Rules, on each closed candle once both averages exist and a previous pair is known:

- golden cross (fast ≤ slow on the previous candle, fast > slow now) and the bot holds nothing:
  market buy for ``quote_amount`` (0, the default: everything left of the budget);
- death cross (fast ≥ slow before, fast < slow now) and the bot holds something: market sell of
  the whole position;
- otherwise nothing. A cross while already holding (or while flat, for a sell) is ignored.

The averages are compared as ``sum_fast × slow > sum_slow × fast``, which is exact and avoids two
divisions per candle.
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
from crypty_desktop.strategies.indicators import Sma
from crypty_desktop.wording import QT_TRANSLATE_NOOP

GOLDEN_CROSS = QT_TRANSLATE_NOOP(
    "Core", "golden cross: SMA {fast} ({fast_value}) crossed above SMA {slow} ({slow_value})"
)
DEATH_CROSS = QT_TRANSLATE_NOOP(
    "Core", "death cross: SMA {fast} ({fast_value}) crossed below SMA {slow} ({slow_value})"
)
FAST_NOT_SHORTER = QT_TRANSLATE_NOOP(
    "Core",
    "The fast average ({fast} candles) must be shorter than the slow average ({slow} candles).",
)


class SmaCross(Strategy):
    """Trend following with two simple moving averages."""

    name: ClassVar[str] = "sma_cross"
    title: ClassVar[str] = QT_TRANSLATE_NOOP("Core", "SMA crossover")
    description: ClassVar[str] = (
        "Follows trends with two moving averages of the closing price. When the fast average "
        "crosses above the slow one (a “golden cross”) the bot buys; when it crosses back below "
        "(a “death cross”) it sells everything it holds. It makes no decision until both averages "
        "exist, never buys while holding and never sells while holding nothing."
    )
    params: ClassVar[tuple[ParamSpec, ...]] = (
        ParamSpec(
            name="fast",
            label=QT_TRANSLATE_NOOP("Core", "Fast average"),
            type=int,
            default=10,
            minimum=1,
            maximum=500,
            unit=" candles",
            description="How many recent candles the fast (short) moving average covers.",
        ),
        ParamSpec(
            name="slow",
            label=QT_TRANSLATE_NOOP("Core", "Slow average"),
            type=int,
            default=30,
            minimum=2,
            maximum=1000,
            unit=" candles",
            description="How many recent candles the slow (long) moving average covers. Must be "
            "longer than the fast average.",
        ),
        quote_amount_param(),
    )

    def __init__(self, values: dict[str, ParamValue] | None = None) -> None:
        super().__init__(values=dict(values or {}))
        fill_defaults(self)
        self._fast = Sma(int(self.values["fast"]))
        self._slow = Sma(int(self.values["slow"]))
        self._fast_n = Decimal(self._fast.period)
        self._slow_n = Decimal(self._slow.period)
        self._amount = Decimal(self.values["quote_amount"])
        self._prev: Decimal | None = None  # sign carrier of fast − slow on the previous candle

    def validate(self) -> None:
        fast, slow = self.p("fast"), self.p("slow")
        if fast >= slow:
            raise ValidationError(FAST_NOT_SHORTER.format(fast=fast, slow=slow))

    def warmup(self) -> int:
        return self._slow.period

    def on_candle(self, candle: Candle, position: Position) -> list[Intent]:
        close = candle.close
        fast = self._fast
        fast.push(close)
        slow = self._slow
        if not slow.push(close):
            return NO_INTENTS
        diff = fast.total * self._slow_n - slow.total * self._fast_n
        prev = self._prev
        self._prev = diff
        if prev is None:
            return NO_INTENTS
        if diff > 0 and prev <= 0:
            if position.base > 0:
                return NO_INTENTS
            intent = buy_all_or(self._amount, position, self._why(GOLDEN_CROSS))
            return [intent] if intent is not None else NO_INTENTS
        if diff < 0 and prev >= 0 and position.base > 0:
            return [sell_all(position, self._why(DEATH_CROSS))]
        return NO_INTENTS

    def _why(self, template: str) -> str:
        fast, slow = self._fast.value, self._slow.value
        assert fast is not None and slow is not None
        q = Decimal("0.01")
        return template.format(
            fast=self._fast.period,
            fast_value=fmt(fast.quantize(q)),
            slow=self._slow.period,
            slow_value=fmt(slow.quantize(q)),
        )

    def indicators(self) -> list[IndicatorValue]:
        return [
            IndicatorValue(f"SMA {self._fast.period}", self._fast.value),
            IndicatorValue(f"SMA {self._slow.period}", self._slow.value),
        ]

    def state(self) -> dict[str, Any]:
        return {
            "slow": self._slow.state(),
            "prev": None if self._prev is None else str(self._prev),
        }

    def restore(self, state: Mapping[str, Any]) -> None:
        self._slow.restore(state.get("slow", {}))
        self._fast.restore({"window": [str(v) for v in self._slow.window]})
        prev = state.get("prev")
        self._prev = None if prev is None else Decimal(prev)
