"""Market rules for a backtest on a file: the demo market's, read from its bundled exchangeInfo.

The simulated exchange reads the same file; reading it alone costs a few milliseconds where
building the exchange (every bundled candle series) costs a fifth of a second.
"""

from __future__ import annotations

import functools
import json

from crypty_desktop.domain.errors import UnknownSymbol
from crypty_desktop.domain.market import SymbolRules
from crypty_desktop.exchange.exchange_info import parse_exchange_info
from crypty_desktop.resources import resource_path
from crypty_desktop.wording import QT_TRANSLATE_NOOP

NO_RULES = QT_TRANSLATE_NOOP(
    "Core", "The demo market has no rules for {symbol}. It knows: {symbols}. Give --platform."
)


@functools.cache
def _bundled() -> dict[str, SymbolRules]:
    path = resource_path("demo", "exchange_info.json")
    return dict(parse_exchange_info(json.loads(path.read_text("utf-8"))).symbols)


def bundled_rules(symbol: str) -> SymbolRules:
    """The demo market's rules for ``symbol`` (``UnknownSymbol`` when it has none)."""
    rules = _bundled()
    try:
        return rules[symbol]
    except KeyError:
        names = ", ".join(sorted(rules))
        raise UnknownSymbol(NO_RULES.format(symbol=symbol, symbols=names), code=-1121) from None
