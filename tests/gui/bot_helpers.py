"""Helpers for the bots GUI tests: a window on the demo, bots made directly, modal answers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.demo import ensure_demo
from crypty_desktop.domain.audit import audit_permissions
from crypty_desktop.domain.bots import BotKind, BotSpec, BotState
from crypty_desktop.domain.platform import IntendedUse, KeyKind, Permissions, PlatformType
from crypty_desktop.gui.bot_models import BotEntry
from crypty_desktop.gui.main_window import MainWindow
from crypty_desktop.gui.qt import QApplication, QMessageBox, QTimer
from tests.gui.platform_helpers import wait_job

WAIT_MS = 20_000  # generous: a loaded CI machine; the demo replays one candle per second


def add_demo(core: Core) -> None:
    core.platforms.add("Demo", PlatformType.SIMULATED)


def add_read_only_binance(core: Core, name: str = "Binance Ghost") -> None:
    """A Binance platform whose key can read but not trade (no network, no secret needed)."""
    read_only = audit_permissions(
        Permissions(True, False, False, True), IntendedUse.GHOST, datetime.now(UTC)
    )
    with core.store.adding_platform(
        name=name,
        type_=PlatformType.BINANCE,
        key_masked="abcd…wxyz",
        key_fingerprint="f",
        key_kind=KeyKind.HMAC,
        intended_use=IntendedUse.GHOST,
        audit=read_only,
    ):
        pass


def make_bot(
    core: Core,
    name: str,
    kind: BotKind = BotKind.GHOST,
    every: int = 1,
    budget: str = "1000",
) -> BotSpec:
    """A DCA bot on the demo buying 20 USDT every ``every`` candles."""
    return core.bots.create(
        name=name,
        platform_name="Demo",
        kind=kind,
        symbol="BTCUSDT",
        strategy="dca",
        params={"every": str(every), "quote_amount": "20"},
        budget=budget,
    )


def open_window(qtbot: QtBot, core: Core) -> MainWindow:
    """A main window; close it with ``close_window`` (not qtbot: its bots must stop first)."""
    window = MainWindow(core)
    window.show()
    wait_job(qtbot, window.keychain_job)
    wait_loaded(qtbot, window)
    return window


def wait_loaded(qtbot: QtBot, window: MainWindow) -> None:
    bots = window.bots.list
    for job in (bots.load_job, bots.rules_job):
        if job is not None:
            wait_job(qtbot, job)


def close_window(window: MainWindow) -> None:
    """Teardown: no bot thread outlives its test, then the window closes without asking."""
    supervisor = window.bots.supervisor
    supervisor.stop_all("test ended", wait_ms=5000)
    assert supervisor.running() == [], "a bot thread did not end"
    window.close()
    window.deleteLater()


@pytest.fixture
def demo_window(qtbot: QtBot, core: Core, no_onboarding: None) -> Iterator[MainWindow]:
    add_demo(core)
    window = open_window(qtbot, core)
    yield window
    close_window(window)


def entry(window: MainWindow, spec: BotSpec) -> BotEntry:
    found = window.bots.list.model.find(spec.id)
    assert found is not None
    return found


def wait_state(qtbot: QtBot, window: MainWindow, spec: BotSpec, state: BotState) -> None:
    qtbot.waitUntil(lambda: entry(window, spec).state is state, timeout=WAIT_MS)


def wait_holding(qtbot: QtBot, window: MainWindow, spec: BotSpec) -> None:
    """Until the running bot's last status says it holds base (its Stop then asks)."""

    def holds() -> bool:
        status = entry(window, spec).status
        return status is not None and status.base > 0

    qtbot.waitUntil(holds, timeout=WAIT_MS)


def answer_next_box(button_text: str) -> list[str]:
    """Click ``button_text`` in the next QMessageBox that opens (modal); returns its texts."""
    seen: list[str] = []

    def attempt() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            seen.append(box.informativeText())
            seen.extend(b.text().replace("&", "") for b in box.buttons())
            for button in box.buttons():
                if button.text().replace("&", "") == button_text:
                    button.click()
                    return
            box.reject()
            seen.append(f"(no button {button_text!r})")
            return
        QTimer.singleShot(10, attempt)

    QTimer.singleShot(0, attempt)
    return seen


def demo_sma_bot(core: Core, bot_id: str, name: str) -> BotSpec:
    """A stored (not running) Ghost SMA 5/20 bot on the demo's BTCUSDT 1h, budget 1000 USDT."""
    platform = ensure_demo(core.platforms, core.bots, with_sample_bot=False)
    return core.bot_store.create(
        BotSpec(
            id=bot_id,
            name=name,
            kind=BotKind.GHOST,
            platform_id=platform.id,
            symbol="BTCUSDT",
            interval="1h",
            strategy="sma_cross",
            params={"fast": "5", "slow": "20"},
            budget=Decimal(1000),
        )
    )
