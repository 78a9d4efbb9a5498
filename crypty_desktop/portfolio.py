"""What the dashboard shows: each platform's balances valued in USDT, and each bot's P&L.

Balances are read with the platform's key (reading is enough) and valued through the exchange's
prices: an asset is priced by its ``<ASSET>USDT`` market, else through BTC (``<ASSET>BTC`` ×
``BTCUSDT``); an asset with no such market is listed without a value. A bot's P&L is rebuilt from
its recorded fills (the same wallet rules as its broker), so it is exact and net of fees: realised
on what was sold, unrealised on what is held at the last price.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from crypty_desktop.bots.wallet import Wallet
from crypty_desktop.domain.bots import BotSpec
from crypty_desktop.domain.errors import CryptyError
from crypty_desktop.domain.market import Balance, SymbolRules
from crypty_desktop.domain.money import ZERO
from crypty_desktop.domain.orders import Fill
from crypty_desktop.exchange.gateway import ExchangeGateway

USD_STABLE = ("USDT", "USDC", "FDUSD")


@dataclass(frozen=True, slots=True)
class AssetValue:
    asset: str
    total: Decimal
    usdt: Decimal | None  # None: no market to value it


@dataclass(frozen=True, slots=True)
class PlatformValue:
    assets: list[AssetValue]
    total_usdt: Decimal
    unvalued: list[str]


@dataclass(frozen=True, slots=True)
class BotPnl:
    bot_id: str
    realised: Decimal
    unrealised: Decimal
    fees: Decimal
    equity: Decimal
    price: Decimal | None

    @property
    def net(self) -> Decimal:
        return self.realised + self.unrealised


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
        assets.append(AssetValue(asset, amount, value))
    return PlatformValue(assets, total, unvalued)


def bot_pnl(spec: BotSpec, rules: SymbolRules, fills: list[Fill], price: Decimal | None) -> BotPnl:
    """P&L of a bot from its fills, at ``price`` (the last price; None before any)."""
    wallet = Wallet(quote=spec.budget)
    for fill in fills:
        wallet.apply(fill, rules.base_asset, rules.quote_asset, from_locked=False)
    held = wallet.base_total
    unrealised = held * price - wallet.cost_basis if (price is not None and held > 0) else ZERO
    equity = wallet.equity(price) if price is not None else wallet.quote + wallet.locked_quote
    return BotPnl(spec.id, wallet.realised, unrealised, wallet.fees_quote, equity, price)
