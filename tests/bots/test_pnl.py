"""One P&L rule, hand-computed: equity is free + locked quote + base held (free + locked) at the
last known price, less fees paid in another asset; with no price known it is None, never a loss;
a bot restarted (or stopped) is valued at its last stored price."""

from __future__ import annotations

import contextlib
from decimal import Decimal as D
from pathlib import Path

import pytest

from crypty_desktop.bots.brokers import PaperBroker
from crypty_desktop.bots.engine import BotRunner
from crypty_desktop.bots.pnl import pnl_of
from crypty_desktop.bots.stopping import StopWork, wind_down
from crypty_desktop.bots.wallet import Wallet
from crypty_desktop.domain.bots import BotKind, BotSpec, EventKind, OnStop
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.market import Candle, SymbolRules
from crypty_desktop.domain.orders import Fill, OrderType, Side
from crypty_desktop.reports.pnl import market_assets, stored_pnl
from crypty_desktop.storage import Store
from crypty_desktop.storage.bots import BotStore
from crypty_desktop.storage.orders import OrderLog
from crypty_desktop.strategies.base import Intent
from crypty_desktop.strategies.registry import create_strategy
from tests.platform_rows import store_with_platform

RULES = SymbolRules(
    symbol="BTCUSDT",
    base_asset="BTC",
    quote_asset="USDT",
    tick_size=D("0.01"),
    step_size=D("0.00001"),
    min_qty=D("0.00001"),
    min_notional=D("5"),
)
SPEC = BotSpec("b1", "grid", BotKind.GHOST, 1, "BTCUSDT", "1m", "grid", budget=D("1000"))


def fill(side: Side, price: str, qty: str, fee: str, asset: str, fee_quote: str = "") -> Fill:
    quote = D(fee_quote) if fee_quote else None
    return Fill("BTCUSDT", side, D(price), D(qty), D(fee), asset, 0, "c", fee_quote=quote)


def traded_wallet() -> Wallet:
    wallet = Wallet(quote=D("1000"))
    wallet.apply(fill(Side.BUY, "100", "2", "0.002", "BTC"), "BTC", "USDT", False)
    wallet.apply(fill(Side.SELL, "110", "0.999", "0.10989", "USDT"), "BTC", "USDT", False)
    wallet.lock(Side.BUY, D("50"))  # a resting buy
    wallet.lock(Side.SELL, D("0.5"))  # a resting sell
    return wallet


def test_equity_counts_free_and_locked_quote_and_all_base_at_the_price() -> None:
    pnl = pnl_of(SPEC, traded_wallet(), D("120"), open_orders=2)
    # Quote: 1000 − 200 + (109.89 − 0.10989) − 50 locked = 859.78011 free.
    assert (pnl.quote_free, pnl.quote_locked) == (D("859.78011"), D("50"))
    # Base: 2 − 0.002 fee − 0.999 sold = 0.999, of which 0.5 locked.
    assert (pnl.base_free, pnl.base_locked) == (D("0.499"), D("0.5"))
    assert pnl.equity == D("859.78011") + D("50") + D("0.999") * D("120") == D("1029.66011")
    assert pnl.pnl == D("29.66011")
    assert pnl.pnl_pct == D("2.966011")
    assert pnl.realised == D("109.78011") - D("100")
    assert pnl.unrealised == D("0.999") * D("120") - D("100")
    assert pnl.realised + pnl.unrealised == pnl.pnl  # one figure, however it is split
    assert pnl.fees == D("0.002") * D("100") + D("0.10989")
    assert pnl.open_orders == 2


def test_a_fee_paid_in_bnb_is_a_cost_of_the_bot() -> None:
    wallet = Wallet(quote=D("1000"))
    wallet.apply(fill(Side.BUY, "100", "1", "0.01", "BNB", fee_quote="0.075"), "BTC", "USDT", False)
    pnl = pnl_of(SPEC, wallet, D("100"))
    assert pnl.equity == D("900") + D("100") - D("0.075")
    assert pnl.pnl == D("-0.075")


def test_no_price_yet_is_no_figure_not_a_loss() -> None:
    pnl = pnl_of(SPEC, traded_wallet(), None)
    assert pnl.equity is None and pnl.pnl is None and pnl.pnl_pct is None
    assert pnl.unrealised is None


def test_holding_nothing_needs_no_price_locked_quote_is_still_the_bots() -> None:
    wallet = Wallet(quote=D("1000"))
    wallet.lock(Side.BUY, D("990.80"))  # a grid's resting buys
    pnl = pnl_of(SPEC, wallet, None, open_orders=9)
    assert pnl.equity == D("1000") and pnl.pnl == 0 and pnl.pnl_pct == 0  # not −99.08 %


def test_market_assets_from_rules_or_the_quote_ending() -> None:
    assert market_assets("BTCUSDT") == ("BTC", "USDT")
    assert market_assets("FDUSDUSDT") == ("FDUSD", "USDT")
    assert market_assets("ETHBTC") == ("ETH", "BTC")
    assert market_assets("WEIRD") is None
    assert market_assets("WEIRD", RULES) == ("BTC", "USDT")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return store_with_platform(tmp_path / "db.sqlite3")


def start_runner(store: Store) -> BotRunner:
    bots = BotStore(store)
    with contextlib.suppress(ValidationError):
        bots.create(SPEC)
    broker = PaperBroker(SPEC.id, 1, RULES, SPEC.budget, OrderLog(store))
    params = {"lower": "80", "upper": "120", "levels": "3", "quote_per_level": "200"}
    runner = BotRunner(SPEC, create_strategy("grid", params), broker, bots)
    runner.start()
    return runner


def candle(i: int, o: str, h: str, low: str, c: str) -> Candle:
    t = i * 60_000
    return Candle("BTCUSDT", "1m", t, D(o), D(h), D(low), D(c), D("1"), t + 59_999)


def test_a_restarted_grid_bot_is_valued_at_its_last_stored_price_at_once(store: Store) -> None:
    runner = start_runner(store)
    # Levels 80, 100, 120. At 105: buys of 200 USDT at 80 (2.5 BTC) and 100 (2 BTC) rest.
    runner.step(candle(1, "105", "106", "104", "105"))
    assert runner.broker.wallet.locked_quote == D("400") and len(runner.broker.open) == 2
    # The price dips to 99: the buy at 100 fills (2 BTC less the 0.1 % fee), a sell rests at 120.
    runner.step(candle(2, "101", "101", "99", "99"))
    wallet = runner.broker.wallet
    assert wallet.base_total == D("1.998") and wallet.locked_base == D("1.998")
    runner.stop()
    # Equity at 99: 600 free + 200 locked + 1.998 BTC × 99 = 997.802.
    expected = D("600") + D("200") + D("1.998") * D("99")
    assert expected == D("997.802")

    again = start_runner(store)  # a restart: no candle yet
    status = again.status()
    assert status.last_price == D("99")
    assert status.equity == expected and status.pnl == expected - D("1000")
    assert status.quote_locked == D("200") and status.base_locked == D("1.998")
    assert status.open_orders == 2  # the buy at 80, the sell at 120
    stored = stored_pnl(BotStore(store), OrderLog(store), SPEC)
    assert stored is not None
    assert (stored.equity, stored.quote_locked, stored.base_locked, stored.open_orders) == (
        expected,
        D("200"),
        D("1.998"),
        2,
    )
    at_100 = stored_pnl(BotStore(store), OrderLog(store), SPEC, RULES, price=D("100"))
    assert at_100 is not None and at_100.equity == D("800") + D("199.8")


def test_a_ghost_stop_that_sells_fills_at_the_last_price(store: Store) -> None:
    runner = start_runner(store)
    runner.step(candle(1, "105", "106", "104", "105"))
    runner.step(candle(2, "101", "101", "99", "99"))
    summary = runner.wind_down(OnStop.SELL, "Demo")
    wallet = runner.broker.wallet
    assert runner.broker.open == {}
    assert wallet.base_total == 0 and wallet.locked_quote == 0
    # 1.998 BTC sold at 99, less the 0.1 % fee in USDT: 197.802 − 0.197802.
    assert wallet.quote == D("800") + D("197.802") - D("0.197802")
    assert summary == "Stopped; 2 open orders cancelled and 1.998 BTC sold at market."
    orders = OrderLog(store).orders(SPEC.id)
    assert orders[-1].request.type is OrderType.MARKET and orders[-1].request.side is Side.SELL


def test_keep_with_nothing_open_writes_nothing() -> None:
    broker = PaperBroker("x", 1, RULES, D("100"))
    work = StopWork(broker, SPEC, D("100"), 0, "Demo")
    assert wind_down(work, OnStop.KEEP, str) == []
    broker.execute(
        Intent(Side.BUY, "r", OrderType.LIMIT, quote_amount=D("50"), limit_price=D("90")),
        candle(1, "100", "100", "100", "100"),
    )
    assert broker.wallet.locked_quote == D("0.55555") * D("90") == D("49.9995")
    assert wind_down(work, OnStop.KEEP, str) == [  # shown to the price's tick, 0.01
        (
            "info",
            "Stopped; paper orders kept: 1 (50.00 USDT locked). They fill only while the bot runs.",
            EventKind.INFO,
        )
    ]
