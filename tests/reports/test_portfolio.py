"""Dashboard figures: balances valued in USDT (bot P&L: tests/bots/test_pnl.py)."""

from __future__ import annotations

from decimal import Decimal as D

from crypty_desktop.domain.market import Balance, SymbolRules
from crypty_desktop.domain.orders import Fill, Side
from crypty_desktop.exchange.simulated import SimulatedExchange
from crypty_desktop.portfolio import value_balances

RULES = SymbolRules(symbol="BTCUSDT", base_asset="BTC", quote_asset="USDT")


def fill(side: Side, price: str, qty: str, fee: str, asset: str) -> Fill:
    return Fill("BTCUSDT", side, D(price), D(qty), D(fee), asset, 0, "c")


def test_balances_are_valued_directly_through_btc_or_not_at_all() -> None:
    ex = SimulatedExchange()
    btc = ex.ticker_price("BTCUSDT")
    eth_btc = ex.ticker_price("ETHBTC")
    balances = {
        "USDT": Balance("USDT", D("100"), D("5")),
        "BTC": Balance("BTC", D("0.5"), D("0")),
        "ETH": Balance("ETH", D("2"), D("0")),
        "XYZ": Balance("XYZ", D("7"), D("0")),
    }
    value = value_balances(ex, balances)
    by_asset = {a.asset: a.usdt for a in value.assets}
    assert by_asset["USDT"] == D("105")
    assert by_asset["BTC"] == D("0.5") * btc
    # ETHUSDT has rules in the demo but no prices, so ETH is valued through ETHBTC × BTCUSDT.
    assert by_asset["ETH"] == D("2") * eth_btc * btc
    assert value.unvalued == ["XYZ"]
    assert value.total_usdt == sum(v for v in by_asset.values() if v is not None)
