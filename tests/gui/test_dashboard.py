"""The Dashboard: demo balances valued in USDT, a bot's P&L from its fills, live from its status."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.bots.brokers import PaperBroker
from crypty_desktop.demo import ensure_demo
from crypty_desktop.domain.bots import BotKind, BotSpec, BotState, BotStatus
from crypty_desktop.domain.orders import OrderType, Side
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, PlatformType
from crypty_desktop.gui.dashboard import DashboardPage
from crypty_desktop.gui.number_format import MINUS, amount
from crypty_desktop.gui.qt import QObject, Signal
from crypty_desktop.strategies.base import Intent
from tests.fakes.fake_binance import FakeBinance, FakeKey

HOUR = 3_600_000
KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"


class StatusSource(QObject):
    """Stands in for the BotSupervisor: only its status signal."""

    sig_status = Signal(object)


def holding_bot(core: Core) -> tuple[BotSpec, Decimal, Decimal]:
    """A Ghost bot that bought 500 USDT of BTC and holds it: (spec, quantity held, cost)."""
    platform = ensure_demo(core.platforms, core.bots, with_sample_bot=False)
    spec = core.bot_store.create(
        BotSpec(
            id="dash00000000001",
            name="holder",
            kind=BotKind.GHOST,
            platform_id=platform.id,
            symbol="BTCUSDT",
            interval="1h",
            strategy="sma_cross",
            budget=Decimal(1000),
        )
    )
    source = core.history_gateway(platform)
    end = core.gateway_for(platform).now_ms
    recent = source.klines("BTCUSDT", "1h", end - 5 * HOUR, end)
    broker = PaperBroker(
        spec.id, platform.id, source.symbol_rules("BTCUSDT"), spec.budget, core.order_log
    )
    broker.execute(Intent(Side.BUY, "buy", quote_amount=Decimal(500)), recent[0])
    broker.on_candle(recent[1])
    (bought,) = broker.fills
    # The bot's last stored price: what its P&L is valued at while it does not run.
    last = recent[1]
    core.bot_store.checkpoint(
        spec.id, broker.runtime(), [], (last.close_time, broker.equity(last.close), last.close)
    )
    return spec, bought.quantity - bought.fee, bought.price * bought.quantity


@pytest.fixture
def dashboard(qtbot: QtBot, core: Core) -> tuple[DashboardPage, StatusSource]:
    source = StatusSource()
    page = DashboardPage(core, source)
    qtbot.addWidget(page)
    return page, source


def test_demo_balances_are_valued_and_a_bots_pnl_shown(
    qtbot: QtBot, core: Core, dashboard: tuple[DashboardPage, StatusSource]
) -> None:
    page, _source = dashboard
    spec, held, cost = holding_bot(core)
    page.set_platforms(core.platforms.list())
    assert page.job is None  # nothing is read while the page is hidden
    page.show()
    assert page.job is not None
    qtbot.waitUntil(lambda: page.job is None, timeout=15_000)

    (card,) = page.cards.values()
    assert card.platform.type is PlatformType.SIMULATED
    assert card.total.text() == "10,000.00 USDT"
    assert "10,000 USDT ≈ 10,000.00 USDT" in card.detail.text()
    assert page.updated.text().startswith("Balances at ")

    assert page.bots_table.rowCount() == 1
    (row,) = page.rows
    assert row.pnl is not None and row.pnl.price is not None
    assert row.pnl.price == core.bot_store.equity_points(spec.id)[-1][2]  # its last stored price
    expected = held * row.pnl.price - cost
    assert row.pnl.unrealised == expected
    assert page.bots_table.item(0, 0).text() == "holder"
    assert page.bots_table.item(0, 1).text() == "GHOST"
    assert page.bots_table.item(0, 3).text() == f"{amount(1000 - cost)} USDT · {held} BTC"
    assert page.bots_table.item(0, 4).text() == "0.00 USDT"  # nothing locked
    shown = page.bots_table.item(0, 6).text()
    sign = "+" if expected > 0 else MINUS
    assert shown == f"{sign}{amount(abs(expected))} USDT"
    assert page.bots_table.item(0, 5).text() == "0.00 USDT"  # nothing sold yet
    assert page.totals.text().startswith("Paper (Ghost): ")
    assert "Real (Trader)" not in page.totals.text()


def test_bot_pnl_follows_the_running_bots_price(
    qtbot: QtBot, core: Core, dashboard: tuple[DashboardPage, StatusSource]
) -> None:
    page, source = dashboard
    spec, held, cost = holding_bot(core)
    page.set_platforms(core.platforms.list())
    page.show()
    qtbot.waitUntil(lambda: page.job is None, timeout=15_000)

    price = Decimal("80000")
    status = BotStatus(
        spec.id, BotState.RUNNING, Decimal(0), Decimal(0), Decimal(0), held, Decimal(500), price
    )
    source.sig_status.emit(status)
    qtbot.waitUntil(
        lambda: page.rows and page.rows[0].pnl is not None and page.rows[0].pnl.price == price,
        timeout=15_000,
    )
    gain = held * price - cost
    assert gain > 0
    assert page.bots_table.item(0, 6).text() == f"+{amount(gain)} USDT"
    assert page.bots_table.item(0, 8).text() == f"+{amount(gain)} USDT"


def test_a_platform_that_cannot_be_read_says_why(
    qtbot: QtBot, binance_core: Core, fake_binance: FakeBinance
) -> None:
    """A revoked key: that card says so in words; the demo beside it still shows its money."""
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    fake_binance.set_balance("USDT", "1234.5")
    fake_binance.set_balance("BTC", "0.5")
    fake_binance.set_price("BTCUSDT", "60000")
    core = binance_core
    ensure_demo(core.platforms, core.bots, with_sample_bot=False)
    core.platforms.add(
        "My Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.ANY
    )
    page = DashboardPage(core)
    qtbot.addWidget(page)
    page.set_platforms(core.platforms.list())
    page.show()
    qtbot.waitUntil(lambda: page.job is None, timeout=15_000)
    cards = {c.platform.name: c for c in page.cards.values()}
    assert cards["My Binance"].total.text() == "31,234.50 USDT"
    assert "0.5 BTC ≈ 30,000.00 USDT" in cards["My Binance"].detail.text()

    fake_binance.remove_key(KEY)
    page.refresh()
    qtbot.waitUntil(lambda: page.job is None, timeout=15_000)
    assert cards["My Binance"].total.text() == "—"
    words = cards["My Binance"].detail.text()
    assert "✗" in words and "key" in words.lower()
    assert "Traceback" not in words
    assert cards["Demo"].total.text() == "10,000.00 USDT"


def test_locked_funds_show_apart_and_ghost_and_trader_totals_are_never_added(
    qtbot: QtBot, core: Core, dashboard: tuple[DashboardPage, StatusSource]
) -> None:
    page, _source = dashboard
    platform = ensure_demo(core.platforms, core.bots, with_sample_bot=False)
    source = core.history_gateway(platform)
    rules = source.symbol_rules("BTCUSDT")
    end = core.gateway_for(platform).now_ms
    (last,) = source.klines("BTCUSDT", "1h", end - HOUR, end)[-1:]
    totals = {}
    for kind, name in ((BotKind.GHOST, "paper"), (BotKind.TRADER, "real")):
        spec = core.bot_store.create(
            BotSpec(
                id=f"lock{kind.value:0>11}",
                name=name,
                kind=kind,
                platform_id=platform.id,
                symbol="BTCUSDT",
                interval="1h",
                strategy="grid",
                budget=Decimal(100),
            )
        )
        # A resting buy of 40 USDT well below the price, recorded as its broker records it.
        broker = PaperBroker(spec.id, platform.id, rules, spec.budget, core.order_log)
        limit = (last.close / 2).quantize(rules.tick_size)
        intent = Intent(
            Side.BUY, "level", OrderType.LIMIT, quote_amount=Decimal(40), limit_price=limit
        )
        broker.execute(intent, last)
        core.bot_store.checkpoint(spec.id, broker.runtime(), [], None)
        totals[name] = broker.wallet.locked_quote
    page.set_platforms(core.platforms.list())
    page.show()
    qtbot.waitUntil(lambda: page.job is None and bool(page.rows), timeout=15_000)
    by_name = {row.spec.name: r for r, row in enumerate(page.rows)}
    for name, locked in totals.items():
        r = by_name[name]
        assert page.bots_table.item(r, 3).text() == f"{amount(100 - locked)} USDT"  # free
        assert page.bots_table.item(r, 4).text() == f"{amount(locked)} USDT"  # locked
        assert page.bots_table.item(r, 4).toolTip() == "Reserved by 1 open order."
        assert page.bots_table.item(r, 8).text() == "0.00 USDT"  # no price needed: no loss
    text = page.totals.text()
    assert "Real (Trader): <b>0.00 USDT</b>" in text and "Paper (Ghost): <b>0.00 USDT</b>" in text
