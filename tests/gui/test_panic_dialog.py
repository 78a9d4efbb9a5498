"""Bots › "Make everything safe…" in the window (offscreen), against the loopback fake Binance: the
confirmation lists what will happen, the job runs off the GUI thread, the running Trader grid is
stopped, its resting orders are cancelled and its holding sold, and the report says so."""

from __future__ import annotations

import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core, build_core
from crypty_desktop.bots.host import build_bot
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.bots import BotKind, BotState
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.orders import Side
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, PlatformType
from crypty_desktop.settings import Settings
from crypty_desktop.strategies.base import Intent
from tests.fakes.fake_binance import FakeBinance
from tests.fakes.fake_streams import FakeStreamServer
from tests.fakes.trading import KEY, SECRET, trading_key
from tests.gui.bot_helpers import WAIT_MS, close_window, open_window
from tests.memory_keyring import MemoryKeyring

pytestmark = [pytest.mark.gui]
D = Decimal
STEP = 60_000


def candle() -> Candle:
    t = int(time.time() * 1000) // STEP * STEP
    p = D("30000")
    return Candle("BTCUSDT", "1m", t, p, p + 5, p - 5, p, D(1), t + STEP - 1)


@pytest.fixture
def trader_core(
    tmp_path: Path, fake_binance: FakeBinance, memory_keyring: MemoryKeyring
) -> Iterator[Core]:
    trading_key(fake_binance)
    fake_binance.set_balance("USDT", "10000")
    fake_binance.set_price("BTCUSDT", "30000")
    with FakeStreamServer() as streams:
        settings = Settings(
            data_dir=tmp_path / "data", binance_url=fake_binance.url, binance_ws_url=streams.url
        )
        core = build_core(settings, CredentialStore(memory_keyring))
        core.platforms.add(
            "Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.ANY
        )
        yield core
        core.close()


def resting(fake: FakeBinance) -> list[str]:
    return [o.client_order_id for o in fake.orders() if o.status in ("NEW", "PARTIALLY_FILLED")]


def test_make_everything_safe_from_the_bots_menu(
    qtbot: QtBot, trader_core: Core, fake_binance: FakeBinance, no_onboarding: None
) -> None:
    core = trader_core
    spec = core.bots.create(
        name="grid",
        platform_name="Binance",
        kind=BotKind.TRADER,
        symbol="BTCUSDT",
        strategy="grid",
        params={"lower": "29700", "upper": "30300", "levels": "20", "quote_per_level": "15"},
        budget="400",
    )
    built = build_bot(core.bot_context, spec)  # ten buys resting, and 30 USDT of BTC bought
    built.feed.close()
    built.runner.step(candle())
    built.runner.broker.execute(Intent(Side.BUY, "entry", quote_amount=D("30")), candle())
    built.runner.stop()
    built.close()
    assert len(resting(fake_binance)) == 10

    window = open_window(qtbot, core)
    try:
        window.bots.supervisor.start(spec)
        qtbot.waitUntil(
            lambda: core.bot_store.state(spec.id)[0] is BotState.RUNNING, timeout=WAIT_MS
        )
        assert window.panic.action in window.bots.menu.actions()
        window.extras.tray.rebuild_menu()
        assert window.panic.action in window.extras.tray.menu.actions()

        window.panic.action.trigger()
        dialog = window.panic.dialog
        assert dialog is not None and dialog.isVisible()
        steps = dialog.steps.text()
        assert "Stop the bots running in this window: “grid”." in steps
        assert "Cancel every open order of the Trader bots on the exchange: “grid”." in steps
        assert not dialog.sell
        assert dialog.cancel_button.isDefault()
        dialog.sell_box.setChecked(True)
        dialog.ok_button.click()

        qtbot.waitUntil(lambda: window.panic.report_dialog is not None, timeout=20_000)
        assert resting(fake_binance) == []
        assert fake_binance.balance("BTC")[0] < D("0.00001")  # sold
        assert window.bots.supervisor.running() == []
        text = window.panic.report_dialog.text.toPlainText()
        assert "grid (Trader, BTCUSDT):" in text
        assert "    cancelled 10 open orders" in text
        assert "    sold 0.00099 BTC at market for 29.70 USDT" in text  # 0.001 less the 0.1 % fee
        state, _reason, should_run = core.bot_store.state(spec.id)
        assert state is BotState.STOPPED and should_run is False
        window.panic.report_dialog.reject()
    finally:
        close_window(window)
