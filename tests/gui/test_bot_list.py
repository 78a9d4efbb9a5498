"""The bot list on the demo: running bots update their row, Stop, Pause, Stop all, Trader asks."""

from __future__ import annotations

import time
from dataclasses import replace
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.domain.bots import BotKind, BotState, BotStatus, EventKind
from crypty_desktop.gui.bot_list import STOP_ALL_REASON
from crypty_desktop.gui.bot_models import (
    COL_KIND,
    COL_PNL,
    COL_STATE,
    BotEntry,
    BotTableModel,
    pnl_text,
)
from crypty_desktop.gui.main_window import MainWindow
from crypty_desktop.gui.qt import QColor, Qt, QTimer
from tests.gui.bot_helpers import (
    WAIT_MS,
    answer_next_box,
    demo_window,
    entry,
    make_bot,
    wait_holding,
    wait_loaded,
    wait_state,
)

__all__ = ["demo_window"]
pytestmark = [pytest.mark.gui]


def cell(
    window: MainWindow, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole
) -> object:
    model = window.bots.list.model
    return model.data(model.index(row, column), role)


def test_a_running_ghost_bot_updates_its_row_and_stops_within_a_second(
    qtbot: QtBot, demo_window: MainWindow, core: Core
) -> None:
    spec = make_bot(core, "dca1")
    window = demo_window
    bots = window.bots.list
    bots.reload()
    wait_loaded(qtbot, window)
    assert bots.select_bot(spec.id)
    assert cell(window, 0, COL_KIND) == "GHOST"
    assert cell(window, 0, COL_STATE) == "■ Stopped"
    qtbot.mouseClick(bots.start_button, Qt.MouseButton.LeftButton)
    wait_state(qtbot, window, spec, BotState.RUNNING)
    assert window.bots.running_label.text() == "1 bot running"
    assert cell(window, 0, COL_STATE) == "● Running"
    qtbot.waitUntil(lambda: entry(window, spec).last_action.startswith("Buy "), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bots.detail.trades_table.rowCount() >= 2, timeout=WAIT_MS)
    assert entry(window, spec).pnl is not None
    pnl = str(cell(window, 0, COL_PNL))
    assert pnl.endswith("%)") and "USDT" in pnl and pnl[0] in "+−0"  # a sign, not colour alone
    log = bots.detail.log_text()
    assert "BUY" in log and "Bought " in log
    assert bots.detail.orders_table.rowCount() >= 2
    assert bots.detail.trades_table.item(0, 1).text() == "BUY"

    thread = window.bots.supervisor._threads[spec.id][0]
    ended: list[bool] = []
    thread.finished.connect(lambda: ended.append(True), Qt.ConnectionType.DirectConnection)
    wait_holding(qtbot, window, spec)  # it holds BTC: Stop asks what to do with it
    asked = answer_next_box("Keep orders")
    began = time.monotonic()
    with qtbot.wait_signal(window.bots.supervisor.sig_stopped, timeout=WAIT_MS):
        qtbot.mouseClick(bots.stop_button, Qt.MouseButton.LeftButton)
        assert cell(window, 0, COL_STATE) == "◌ Stopping…"
    assert asked and "BTC held" in asked[1]
    took = time.monotonic() - began
    print(f"stop took {took:.3f} s")  # the engine checks its stop flag every 0.2 s
    assert ended == [True]  # the thread has ended when sig_stopped arrives
    assert window.bots.supervisor.running() == []
    assert entry(window, spec).state is BotState.STOPPED
    assert core.bot_store.state(spec.id) == (BotState.STOPPED, "stopped by you", False)
    assert window.bots.running_label.text() == "No bot running"
    assert bots.start_button.isEnabled() and not bots.stop_button.isEnabled()


def test_stop_all_stops_every_bot(qtbot: QtBot, demo_window: MainWindow, core: Core) -> None:
    one, two = make_bot(core, "one"), make_bot(core, "two")
    window = demo_window
    bots = window.bots.list
    bots.reload()
    wait_loaded(qtbot, window)
    assert bots.start_bot(one.id) and bots.start_bot(two.id)
    wait_state(qtbot, window, one, BotState.RUNNING)
    wait_state(qtbot, window, two, BotState.RUNNING)
    assert window.bots.running_label.text() == "2 bots running"
    assert bots.stop_all_button.isVisible()
    wait_holding(qtbot, window, one)
    wait_holding(qtbot, window, two)
    asked = answer_next_box("Keep orders")  # asked once, for both
    qtbot.mouseClick(bots.stop_all_button, Qt.MouseButton.LeftButton)
    assert asked[0] == "<b>2 bots have open orders or holdings.</b>"
    qtbot.waitUntil(lambda: window.bots.supervisor.running() == [], timeout=WAIT_MS)
    for spec in (one, two):
        wait_state(qtbot, window, spec, BotState.STOPPED)
        assert core.bot_store.state(spec.id) == (BotState.STOPPED, STOP_ALL_REASON, False)
    assert window.bots.running_label.text() == "No bot running"


def test_stop_all_is_always_visible_and_has_a_shortcut(demo_window: MainWindow) -> None:
    bots = demo_window.bots
    assert bots.list.stop_all_button.isVisible()  # even with no bot
    assert bots.stop_all_action.shortcut().toString() == "Ctrl+Shift+X"
    assert [a.text() for a in bots.menu.actions() if a.text()] == [
        "&New bot…",
        "&Start",
        "&Pause",
        "S&top",
        "&Compare with a backtest…",
        "Re&port…",
        "Stop &all bots",
        "Make everything &safe…",
        "&Resume bots on start",
    ]


def test_pause_then_start_picks_up_where_it_was(
    qtbot: QtBot, demo_window: MainWindow, core: Core
) -> None:
    spec = make_bot(core, "pausy")
    window = demo_window
    bots = window.bots.list
    bots.reload()
    wait_loaded(qtbot, window)
    bots.start_bot(spec.id)
    qtbot.waitUntil(lambda: len(core.order_log.orders(spec.id)) >= 1, timeout=WAIT_MS)
    with qtbot.wait_signal(window.bots.supervisor.sig_stopped, timeout=WAIT_MS):
        bots.select_bot(spec.id)
        qtbot.mouseClick(bots.pause_button, Qt.MouseButton.LeftButton)
    assert entry(window, spec).state is BotState.PAUSED
    assert str(cell(window, 0, COL_STATE)) == "❚❚ Paused"
    assert core.bot_store.state(spec.id) == (BotState.PAUSED, "paused by you", False)
    orders_before = len(core.order_log.orders(spec.id))
    base_before = core.bot_store.runtime(spec.id)
    assert base_before  # the position and strategy state were saved
    qtbot.mouseClick(bots.start_button, Qt.MouseButton.LeftButton)
    wait_state(qtbot, window, spec, BotState.RUNNING)
    qtbot.waitUntil(lambda: len(core.order_log.orders(spec.id)) > orders_before, timeout=WAIT_MS)


def test_a_trader_bot_asks_before_each_start(
    qtbot: QtBot, demo_window: MainWindow, core: Core
) -> None:
    spec = make_bot(core, "real", kind=BotKind.TRADER, budget="500")
    window = demo_window
    bots = window.bots.list
    bots.reload()
    wait_loaded(qtbot, window)
    bots.select_bot(spec.id)
    assert cell(window, 0, COL_KIND) == "TRADER"
    assert bots.start_button.text() == "▶ Start (real orders)"
    seen = answer_next_box("Cancel")
    qtbot.mouseClick(bots.start_button, Qt.MouseButton.LeftButton)
    text = "\n".join(seen)
    assert "REAL orders" in text and "“Demo”" in text and "500.00 USDT" in text
    assert "Start Trader bot" in text
    assert "nothing sells for you" in text  # its risk limits, said before real orders
    assert window.bots.supervisor.running() == []
    assert entry(window, spec).state is BotState.STOPPED

    answer_next_box("Start Trader bot")
    qtbot.mouseClick(bots.start_button, Qt.MouseButton.LeftButton)
    wait_state(qtbot, window, spec, BotState.RUNNING)
    assert window.bots.supervisor.running() == [spec.id]


def test_the_model_changes_rows_in_place(qtbot: QtBot, core: Core) -> None:
    from crypty_desktop.domain.platform import PlatformType

    core.platforms.add("Demo", PlatformType.SIMULATED)
    specs = [make_bot(core, name) for name in ("a", "b", "c")]
    model = BotTableModel()
    platform = core.platforms.list()[0]
    model.set_entries([BotEntry(s, platform) for s in specs])
    resets: list[bool] = []
    changed: list[tuple[int, int, int, int]] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.dataChanged.connect(
        lambda a, b, _roles=None: changed.append((a.row(), a.column(), b.row(), b.column()))
    )
    status = BotStatus(
        bot_id=specs[1].id,
        state=BotState.RUNNING,
        equity=Decimal("990.5"),
        pnl=Decimal("-9.5"),
        pnl_pct=Decimal("-0.95"),
        base=Decimal(0),
        quote=Decimal(0),
        last_price=None,
        last_action="bought 0.001 BTC",
    )
    model.apply_status(status)
    assert resets == [] and changed == [(1, 0, 1, 7)]
    index = model.index(1, COL_PNL)
    assert model.data(index) == "−9.50 USDT (−0.95 %)"
    assert model.data(index, Qt.ItemDataRole.ForegroundRole) == QColor("#c5221f")
    assert model.data(model.index(1, COL_STATE)) == "● Running"
    assert pnl_text(Decimal("12.3"), Decimal("1.23"), "USDT", 2) == "+12.30 USDT (+1.23 %)"
    assert model.data(model.index(1, COL_KIND), Qt.ItemDataRole.ToolTipRole).startswith("Ghost")

    # A bot that waits for Binance (here: to confirm an order) says so in its state cell, the
    # reason in the tooltip; once it trades again the cell says running.
    waiting = "Waiting for Binance to confirm order cr-1-0; no new order until then."
    model.apply_status(replace(status, reason=waiting, reason_kind=EventKind.UNCONFIRMED))
    state = model.index(1, COL_STATE)
    assert model.data(state) == "◷ Waiting"
    assert model.data(state, Qt.ItemDataRole.ToolTipRole) == waiting
    model.apply_status(status)
    assert model.data(state) == "● Running"


def test_the_gui_stays_responsive_with_ten_bots(
    qtbot: QtBot, demo_window: MainWindow, core: Core
) -> None:
    specs = [make_bot(core, f"bot{i:02}") for i in range(10)]
    window = demo_window
    bots = window.bots.list
    bots.reload()
    wait_loaded(qtbot, window)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    for spec in specs:
        assert bots.start_bot(spec.id)
    qtbot.waitUntil(
        lambda: all(len(core.order_log.orders(s.id)) >= 3 for s in specs), timeout=60_000
    )
    timer.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    print(f"{len(ticks)} ticks, longest gap {max(gaps) * 1000:.0f} ms")
    # The 5 ms timer kept firing while ten bots traded (how often: bench/bench_ui_latency.py).
    assert len(ticks) >= 10
    assert all(entry(window, s).state is BotState.RUNNING for s in specs)
