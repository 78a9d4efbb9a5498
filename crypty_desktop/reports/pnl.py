"""A bot's P&L from what is recorded, for a bot that does not run here (or not yet on a candle).

Its wallet is rebuilt from the order log as its broker would (open orders reserving what they may
spend), and valued by ``crypty_desktop.bots.pnl`` at the given price or else the price of its last
saved equity point: a bot restarted or stopped is valued at once, never as if what it holds were
lost.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from crypty_desktop.bots.brokers import rebuild_from_log
from crypty_desktop.bots.pnl import BotPnl, pnl_of
from crypty_desktop.domain.bots import BotSpec
from crypty_desktop.domain.market import SymbolRules
from crypty_desktop.storage.bots import BotStore
from crypty_desktop.storage.orders import OrderLog

__all__ = ["BotPnl", "market_assets", "pnl_of", "stored_pnl", "stored_price"]

# Quote assets, longest first: a market's two assets from its name before its rules are known.
QUOTE_ASSETS = ("FDUSD", "USDT", "USDC", "TUSD", "EUR", "TRY", "BRL", "BTC", "ETH", "BNB")


def market_assets(symbol: str, rules: SymbolRules | None = None) -> tuple[str, str] | None:
    """A market's (base, quote) assets: from its rules, else from its name's known quote ending."""
    if rules is not None:
        return rules.base_asset, rules.quote_asset
    for quote in QUOTE_ASSETS:
        if symbol.endswith(quote) and len(symbol) > len(quote):
            return symbol[: -len(quote)], quote
    return None


def stored_price(bots: BotStore, bot_id: str) -> Decimal | None:
    """The price of the bot's last saved equity point (None before its first candle)."""
    point = bots.last_point(bot_id)
    return point[2] if point is not None else None


def stored_pnl(
    bots: BotStore,
    order_log: OrderLog,
    spec: BotSpec,
    rules: SymbolRules | None = None,
    price: Decimal | None = None,
) -> BotPnl | None:
    """A bot's P&L from what is recorded: its wallet rebuilt from the order log (open orders
    reserving what they may spend), at ``price`` or else its last saved price. Local reads.

    None when the market's assets cannot be told without its rules.
    """
    assets = market_assets(spec.symbol, rules)
    if assets is None:
        return None
    base, quote = assets
    known = rules or SymbolRules(symbol=spec.symbol, base_asset=base, quote_asset=quote)
    runtime: dict[str, Any] = bots.runtime(spec.id)
    broker = rebuild_from_log(spec, known, order_log, runtime)
    if price is None:
        price = stored_price(bots, spec.id)
    return pnl_of(spec, broker.wallet, price, len(broker.open), assets)
