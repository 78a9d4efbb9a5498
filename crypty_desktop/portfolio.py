"""What the dashboard shows of each platform: its balances valued in USDT.

Balances are read with the platform's key (reading is enough) and valued through the exchange's
prices: an asset is priced by its ``<ASSET>USDT`` market, else through BTC (``<ASSET>BTC`` ×
``BTCUSDT``); an asset with no such market is listed without a value. A bot's P&L has one rule,
``crypty_desktop.bots.pnl`` (from what is recorded: ``crypty_desktop.reports.pnl``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from crypty_desktop.domain.errors import CryptyError
from crypty_desktop.domain.market import Balance
from crypty_desktop.domain.money import ZERO
from crypty_desktop.exchange.gateway import ExchangeGateway

USD_STABLE = ("USDT", "USDC", "FDUSD")


@dataclass(frozen=True, slots=True)
class AssetValue:
    asset: str
    total: Decimal
    usdt: Decimal | None  # None: no market to value it
    locked: Decimal = ZERO  # of the total, reserved by open orders


@dataclass(frozen=True, slots=True)
class PlatformValue:
    assets: list[AssetValue]
    total_usdt: Decimal
    unvalued: list[str]


def _price(gateway: ExchangeGateway, symbol: str, known: set[str]) -> Decimal | None:
    if symbol not in known:
        return None
    try:
        return gateway.ticker_price(symbol)
    except CryptyError:
        return None


def value_balances(gateway: ExchangeGateway, balances: dict[str, Balance]) -> PlatformValue:
    """Value every balance in USDT (network: prices)."""
    known = {r.symbol for r in gateway.symbols()}
    btc_usdt = _price(gateway, "BTCUSDT", known)
    assets: list[AssetValue] = []
    unvalued: list[str] = []
    total = ZERO
    for asset in sorted(balances):
        amount = balances[asset].total
        price: Decimal | None
        if asset in USD_STABLE:
            price = Decimal(1)
        else:
            price = _price(gateway, f"{asset}USDT", known)
            if price is None and btc_usdt is not None:
                in_btc = _price(gateway, f"{asset}BTC", known)
                price = in_btc * btc_usdt if in_btc is not None else None
        value = amount * price if price is not None else None
        if value is None:
            unvalued.append(asset)
        else:
            total += value
        assets.append(AssetValue(asset, amount, value, balances[asset].locked))
    return PlatformValue(assets, total, unvalued)
