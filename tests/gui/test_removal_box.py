"""The window's removal of a running Trader grid bot and of its platform: a box lists the open
orders and what they hold; Cancel changes nothing; confirmed, the bot stops, its orders are
cancelled on the loopback fake Binance, and the removed key is never used again."""

from __future__ import annotations

import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core, build_core
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.bots import BotKind, BotSpec
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, PlatformType
from crypty_desktop.gui.main_window import MainWindow
from crypty_desktop.gui.platforms_dialog import PlatformsDialog
from crypty_desktop.gui.qt import QMessageBox, Qt
from crypty_desktop.settings import Settings
from tests.fakes.fake_binance import FakeBinance
from tests.fakes.fake_streams import FakeStreamServer
from tests.fakes.trading import KEY, SECRET, trading_key
from tests.gui.bot_helpers import close_window, open_window
from tests.gui.platform_helpers import wait_job
from tests.memory_keyring import MemoryKeyring

STEP = 60_000
PRICE = Decimal("30000")
WAIT_MS = 20_000


@pytest.fixture
def streams() -> Iterator[FakeStreamServer]:
    with FakeStreamServer() as server:
        yield server


@pytest.fixture
def grid_core(
    fake_binance: FakeBinance,
    streams: FakeStreamServer,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Core]:
    trading_key(fake_binance)
    fake_binance.set_balance("USDT", "10000")
    fake_binance.set_price("BTCUSDT", PRICE)
    monkeypatch.setenv("CRYPTY_BINANCE_URL", fake_binance.url)
    monkeypatch.setenv("CRYPTY_BINANCE_WS_URL", streams.url)
    core = build_core(Settings.from_env(), CredentialStore(memory_keyring))
    core.platforms.add(
        "Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.ANY
    )
    core.bots.create(
        name="grid",
        platform_name="Binance",
        kind=BotKind.TRADER,
        symbol="BTCUSDT",
        strategy="grid",
        params={"lower": "29700", "upper": "30300", "levels": "20", "quote_per_level": "15"},
        budget="400",
    )
    yield core
    core.close()


@pytest.fixture
def window(qtbot: QtBot, grid_core: Core, no_onboarding: None) -> Iterator[MainWindow]:
    win = open_window(qtbot, grid_core)
    yield win
    close_window(win)


def resting(fake: FakeBinance) -> list[object]:
    return [o for o in fake.orders() if o.status in ("NEW", "PARTIALLY_FILLED")]


def start_grid(
    qtbot: QtBot, window: MainWindow, fake: FakeBinance, streams: FakeStreamServer
) -> BotSpec:
    spec = window.core.bots.find("grid")
    assert window.bots.list.start_bot(spec.id, confirmed=True)
    streams.wait_connections(1, timeout=20)
    base = int(time.time() * 1000) // STEP * STEP
    streams.push_kline(
        Candle("BTCUSDT", "1m", base, PRICE, PRICE + 5, PRICE - 5, PRICE, Decimal(1), base + 59_999)
    )
    qtbot.wait_until(lambda: len(resting(fake)) == 10, timeout=WAIT_MS)
    return spec


def test_removing_a_running_grid_bot_lists_its_orders_and_cancels_them_when_confirmed(
    qtbot: QtBot, window: MainWindow, fake_binance: FakeBinance, streams: FakeStreamServer
) -> None:
    spec = start_grid(qtbot, window, fake_binance, streams)
    bots = window.bots.list
    bots.select_bot(spec.id)
    assert bots.remove_button.isEnabled()  # a running bot can be removed, with confirmation

    qtbot.mouseClick(bots.remove_button, Qt.MouseButton.LeftButton)
    qtbot.wait_until(lambda: bots.removal_box is not None, timeout=WAIT_MS)
    box = bots.removal_box
    assert isinstance(box, QMessageBox)
    assert "is running" in box.text() and "open orders on the exchange: 10" in box.text()
    details = box.informativeText()
    assert "Open orders to cancel (10 in all, holding" in details and "USDT" in details
    assert details.count("BTCUSDT") == 10 and "Bots to stop: “grid”" in details
    assert box.defaultButton() is box.cancel_button
    qtbot.mouseClick(box.cancel_button, Qt.MouseButton.LeftButton)
    assert bots.model.find(spec.id) is not None and bots.supervisor.is_running(spec.id)
    assert len(resting(fake_binance)) == 10

    qtbot.mouseClick(bots.remove_button, Qt.MouseButton.LeftButton)
    qtbot.wait_until(lambda: bots.removal_box is not None, timeout=WAIT_MS)
    box = bots.removal_box
    assert isinstance(box, QMessageBox)
    qtbot.mouseClick(box.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.wait_until(lambda: bots.model.find(spec.id) is None, timeout=WAIT_MS)
    assert resting(fake_binance) == []
    qtbot.wait_until(lambda: bots.supervisor.running() == [], timeout=WAIT_MS)
    assert window.bots.running_label.text() == "No bot running"
    assert window.core.bots.list() == []


def test_removing_the_platform_of_a_running_bot_from_the_platforms_window(
    qtbot: QtBot, window: MainWindow, fake_binance: FakeBinance, streams: FakeStreamServer
) -> None:
    spec = start_grid(qtbot, window, fake_binance, streams)
    dialog = PlatformsDialog(window.core, window)
    qtbot.add_widget(dialog)
    dialog.sig_platforms_changed.connect(window.sig_platforms_changed)
    dialog.show()
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert isinstance(dialog.confirm_box, QMessageBox)
    qtbot.mouseClick(dialog.confirm_box.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.wait_until(lambda: dialog.removal_box is not None, timeout=WAIT_MS)
    box = dialog.removal_box
    assert isinstance(box, QMessageBox)
    assert "still has bots (“grid”)" in box.text()
    assert "Open orders to cancel (10 in all" in box.informativeText()
    assert window.bots.list.supervisor.is_running(spec.id) and len(resting(fake_binance)) == 10

    qtbot.mouseClick(box.confirm_button, Qt.MouseButton.LeftButton)
    wait_job(qtbot, dialog.job)
    qtbot.wait_until(lambda: window.core.platforms.list() == [], timeout=WAIT_MS)
    after = len(fake_binance.requests)
    assert resting(fake_binance) == []
    qtbot.wait_until(lambda: window.bots.list.model.find(spec.id) is None, timeout=WAIT_MS)
    qtbot.wait_until(lambda: window.bots.supervisor.running() == [], timeout=WAIT_MS)
    qtbot.wait(500)
    used = [r for r in fake_binance.requests[after:] if r.headers.get("x-mbx-apikey") == KEY]
    assert used == []


@pytest.mark.logs(r"Restored the backup of")
def test_a_damaged_database_offers_the_backup_and_the_app_starts_on_it(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    from crypty_desktop.gui.application import start_core
    from tests.gui.bot_helpers import answer_next_box

    settings = Settings(data_dir=tmp_path / "data")
    core = build_core(settings, CredentialStore(memory_keyring))
    core.platforms.add("Demo", PlatformType.SIMULATED)
    core.close()
    build_core(settings, CredentialStore(memory_keyring)).close()  # the start-up backup
    settings.db_path.write_bytes(b"")  # emptied
    damaged = settings.db_path.read_bytes()

    seen = answer_next_box("Quit")
    assert start_core(settings) is None
    assert "is empty" in seen[0] and "Restore the automatic backup of" in seen[1]
    assert settings.db_path.read_bytes() == damaged  # untouched

    seen = answer_next_box("Restore the backup")
    core = start_core(settings)
    assert core is not None
    try:
        assert [p.name for p in core.platforms.list()] == ["Demo"]
    finally:
        core.close()
    kept = list(settings.data_dir.glob("crypty.sqlite3.replaced-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
