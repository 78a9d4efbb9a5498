"""Small pieces the strategies share: the empty answer, price formatting, common parameters."""

from __future__ import annotations

from decimal import Decimal

from crypty_desktop.domain.money import ZERO
from crypty_desktop.domain.orders import Side
from crypty_desktop.strategies.base import Intent, ParamSpec, Position, Strategy
from crypty_desktop.wording import QT_TRANSLATE_NOOP

# The answer when a strategy has nothing to do. Shared to keep the per-candle path allocation-free:
# callers only iterate over it and must never append to it.
NO_INTENTS: list[Intent] = []

HUNDRED = Decimal(100)
SMALLEST_PRICE = Decimal("0.00000001")  # Binance's finest tick


def fmt(value: Decimal) -> str:
    """A price or amount for people: thousands separated, no exponent, no trailing zeros."""
    text = format(value, ",f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def quote_amount_param(default: Decimal = ZERO) -> ParamSpec:
    """How much quote one buy spends; 0 means everything the bot has left of its budget."""
    return ParamSpec(
        name="quote_amount",
        label=QT_TRANSLATE_NOOP("Core", "Amount per buy"),
        type=Decimal,
        default=default,
        minimum=ZERO,
        unit=" quote",
        description=(
            "How much of the quote currency (e.g. USDT) each buy spends. 0 spends everything the "
            "bot has left of its budget."
        ),
    )


def buy_all_or(amount: Decimal, position: Position, reason: str) -> Intent | None:
    """A market buy for ``amount`` quote (0: all the quote left), or ``None`` if none is left."""
    spend = position.quote if not amount else min(amount, position.quote)
    if spend <= 0:
        return None
    return Intent(Side.BUY, reason, quote_amount=spend)


def sell_all(position: Position, reason: str) -> Intent:
    """A market sell of the whole base position."""
    return Intent(Side.SELL, reason, base_qty=position.base)


def fill_defaults(strategy: Strategy) -> None:
    """Give every parameter missing from ``strategy.values`` its default (direct construction)."""
    for spec in strategy.params:
        strategy.values.setdefault(spec.name, spec.default)
