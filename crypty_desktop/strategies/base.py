"""The Strategy interface.

A strategy receives closed candles, one at a time, with the bot's current position, and returns
intents: buy or sell, how much, at market or at a limit price, and why. It never sees an exchange;
the broker applies risk limits and the symbol's filters, and tells the strategy about fills.
Indicators are updated incrementally: O(1) work per candle, never a re-scan of history.
A strategy's state can be saved and restored so that a restarted bot continues where it stopped.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.money import ZERO, check_number_text
from crypty_desktop.domain.orders import Fill, OrderType, Side
from crypty_desktop.wording import QT_TRANSLATE_NOOP

ParamValue = Decimal | int | bool

INVALID_VALUE = QT_TRANSLATE_NOOP("Core", "{label}: “{value}” is not a valid value.")
# Bounds, worded for the parameter's unit: (at least, at most).
BOUNDS = {
    " candles": (
        QT_TRANSLATE_NOOP("Core", "{label} must be at least {minimum} candles."),
        QT_TRANSLATE_NOOP("Core", "{label} must be at most {maximum} candles."),
    ),
    " %": (
        QT_TRANSLATE_NOOP("Core", "{label} must be at least {minimum} %."),
        QT_TRANSLATE_NOOP("Core", "{label} must be at most {maximum} %."),
    ),
    "": (
        QT_TRANSLATE_NOOP("Core", "{label} must be at least {minimum}."),
        QT_TRANSLATE_NOOP("Core", "{label} must be at most {maximum}."),
    ),
}
NO_SUCH_PARAMETER = QT_TRANSLATE_NOOP("Core", "{strategy} has no parameter named {names}.")


@dataclass(frozen=True, slots=True)
class ParamSpec:
    """One parameter, described well enough for the UI to build a form and validate it."""

    name: str
    label: str
    type: type  # Decimal, int or bool
    default: ParamValue
    description: str
    minimum: ParamValue | None = None
    maximum: ParamValue | None = None
    unit: str = ""  # "%", "quote", "candles", ...

    def parse(self, raw: Any) -> ParamValue:
        """Convert text or a value to this parameter's type and check its bounds."""
        try:
            if self.type is bool:
                text = str(raw).strip().lower()
                value: ParamValue = raw if isinstance(raw, bool) else text in ("1", "true", "yes")
            elif self.type is int:
                value = int(check_number_text(str(raw), self.label))
            else:
                if isinstance(raw, float):  # float-ok: refused
                    raise TypeError
                value = Decimal(check_number_text(str(raw), self.label))
                if not value.is_finite():
                    raise ValueError
        except (ValueError, TypeError, ArithmeticError):
            raise ValidationError(INVALID_VALUE.format(label=self.label, value=raw)) from None
        at_least, at_most = BOUNDS.get(self.unit, BOUNDS[""])
        if self.minimum is not None and value < self.minimum:
            raise ValidationError(at_least.format(label=self.label, minimum=self.minimum))
        if self.maximum is not None and value > self.maximum:
            raise ValidationError(at_most.format(label=self.label, maximum=self.maximum))
        return value


@dataclass(frozen=True, slots=True)
class Position:
    """What the bot holds, as the broker knows it, when a candle is handed to the strategy."""

    base: Decimal = ZERO  # base asset held by the bot (e.g. BTC)
    quote: Decimal = ZERO  # quote asset available to the bot (e.g. USDT), within its budget
    avg_entry: Decimal | None = None  # average buy price of the base held, fees included
    open_tags: frozenset[str] = frozenset()  # tags of the bot's resting limit orders


@dataclass(frozen=True, slots=True)
class Intent:
    """What the strategy wants. Exactly one of ``quote_amount`` (buy for this much quote) or
    ``base_qty`` (buy/sell this much base) is set; ``cancel`` intents name a tag only."""

    side: Side
    reason: str
    type: OrderType = OrderType.MARKET
    quote_amount: Decimal | None = None
    base_qty: Decimal | None = None
    limit_price: Decimal | None = None
    tag: str = ""  # identifies a resting order (e.g. a grid level), so fills can be matched
    cancel: bool = False


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    """A named value to draw (an SMA line, an RSI value, a grid level)."""

    name: str
    value: Decimal | None
    panel: str = "price"  # "price" (over the candles) or a sub-plot name like "rsi"


@dataclass
class Strategy(ABC):
    """Base class: subclasses declare ``name``, ``title``, ``description`` and ``params``."""

    name: ClassVar[str]
    title: ClassVar[str]
    description: ClassVar[str]
    params: ClassVar[tuple[ParamSpec, ...]]

    values: dict[str, ParamValue] = field(default_factory=dict)

    @classmethod
    def create(cls, raw: Mapping[str, Any] | None = None) -> Strategy:
        """Build with parsed, bounded parameters; unknown names are refused."""
        raw = dict(raw or {})
        known = {p.name: p for p in cls.params}
        unknown = sorted(set(raw) - set(known))
        if unknown:
            raise ValidationError(
                NO_SUCH_PARAMETER.format(strategy=cls.title, names=", ".join(unknown))
            )
        values = {p.name: p.parse(raw[p.name]) if p.name in raw else p.default for p in cls.params}
        strategy = cls(values=values)
        strategy.validate()
        return strategy

    def validate(self) -> None:
        """Check relations between parameters (e.g. fast < slow); raise ValidationError."""
        return None

    def p(self, name: str) -> Any:
        return self.values[name]

    @abstractmethod
    def on_candle(self, candle: Candle, position: Position) -> list[Intent]:
        """Decide on a closed candle. Must be O(1) in the length of history."""

    def on_fill(self, fill: Fill, tag: str) -> list[Intent]:
        """A fill of one of the bot's orders; may answer with new intents (e.g. grid)."""
        return []

    def indicators(self) -> list[IndicatorValue]:
        """Current indicator values, for charts."""
        return []

    def warmup(self) -> int:
        """Closed candles needed before the first decision."""
        return 0

    def state(self) -> dict[str, Any]:
        """JSON-serialisable state (Decimals as strings) to resume after a restart."""
        return {}

    def restore(self, state: Mapping[str, Any]) -> None:
        """Resume from ``state()``."""
        return None
