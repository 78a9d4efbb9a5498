"""The Backtests page on the demo: run, results tab, trades, export, cancel, responsiveness."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.demo import ensure_demo
from crypty_desktop.domain.bots import BotKind, BotSpec
from crypty_desktop.gui.backtest_page import BacktestsPage
from crypty_desktop.gui.backtest_results import BacktestResultView
from crypty_desktop.gui.jobs import wait_for_jobs
from crypty_desktop.gui.number_format import MINUS
from crypty_desktop.gui.qt import QDate, QTimer


@pytest.fixture
def page(qtbot: QtBot, core: Core) -> BacktestsPage:
    ensure_demo(core.platforms, core.bots, with_sample_bot=False)
    widget = BacktestsPage(core)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    widget.set_platforms(core.platforms.list())
    qtbot.waitUntil(lambda: widget.choices_job is None, timeout=15_000)
    return widget


def run_and_wait(qtbot: QtBot, page: BacktestsPage) -> BacktestResultView:
    with qtbot.wait_signal(page.sig_result_opened, timeout=60_000) as blocker:
        assert page.run() is not None
    view = blocker.args[0]
    assert isinstance(view, BacktestResultView)
    return view


def test_the_demo_is_chosen_with_its_range(page: BacktestsPage) -> None:
    assert page.platform_combo.currentText().startswith("Demo")
    assert page.symbol_combo.currentText() == "BTCUSDT"
    assert page.interval_combo.currentText() == "1h"
    assert page.start_edit.date() == QDate(2023, 4, 1)
    assert page.end_edit.date() == QDate(2024, 4, 21)


def test_a_backtest_opens_a_results_tab_with_figures_and_trades(
    qtbot: QtBot, page: BacktestsPage, tmp_path: Path
) -> None:
    page.start_edit.setDate(QDate(2024, 3, 1))
    page.end_edit.setDate(QDate(2024, 3, 31))
    view = run_and_wait(qtbot, page)

    fills = view.outcome.result.fills
    summary = view.outcome.summary
    assert summary.candles == 31 * 24
    assert len(fills) == summary.trades > 0
    assert view.trades.rowCount() == len(fills)
    assert page.tabs.currentWidget() is view
    net = view.figure["net_pnl"].value.text()
    assert net.endswith("USDT") and net[0] in ("+", MINUS, "0")
    assert view.figure["trades"].value.text().startswith(f"{len(fills)} ")
    assert view.trades.item(0, 1).text() in ("▲ Buy", "▼ Sell")
    assert view.chart.marker_points(True) or view.chart.marker_points(False)
    assert {"SMA 10", "SMA 30"} <= set(view.chart.lines)
    x, _y = view.equity_chart.equity.getData()
    assert len(x) == summary.candles

    target = tmp_path / "trades.csv"
    assert view.export_csv(target) == len(fills)
    with target.open(newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:4] == ["time_utc", "side", "price", "quantity"]
    assert len(rows) == len(fills) + 1
    assert Decimal(rows[1][2]) == fills[0].price
    assert Decimal(rows[1][3]) == fills[0].quantity


def test_cancel_stops_the_backtest_and_opens_nothing(qtbot: QtBot, page: BacktestsPage) -> None:
    opened: list[object] = []
    page.sig_result_opened.connect(opened.append)
    job = page.run()
    assert job is not None and page.cancel_button.isVisible()
    page.cancel()
    assert job.cancelled
    assert page.job is None and page.run_button.isEnabled()
    assert "Cancelled" in page.progress_label.text()
    assert wait_for_jobs(60_000)
    qtbot.wait(50)
    assert opened == []
    assert page.tabs.count() == 1


def test_the_window_stays_responsive_during_a_backtest(qtbot: QtBot, page: BacktestsPage) -> None:
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(1))
    progress: list[int] = []
    timer.start()
    job = page.run()  # the whole demo year of 1h candles, downloaded then replayed
    assert job is not None
    job.sig_progress.connect(lambda _value: progress.append(len(ticks)))
    with qtbot.wait_signal(page.sig_result_opened, timeout=60_000):
        pass
    timer.stop()
    assert progress, "the job reported progress"
    assert len(ticks) >= 2, "the GUI thread kept handling timers while the job ran"


def test_a_wrong_budget_is_said_in_words(page: BacktestsPage) -> None:
    page.budget_edit.setText("lots")
    assert page.run() is None
    assert page.message.isVisible()
    assert "red note" in page.message.text.text()
    assert "60,000.5" in page.budget_edit.error()  # under the field: how to write it
    page.budget_edit.setText("")
    assert page.run() is None
    assert "Budget" in page.message.text.text()


def test_backtest_this_bot_uses_its_settings(qtbot: QtBot, page: BacktestsPage, core: Core) -> None:
    platform = core.platforms.list()[0]
    spec = BotSpec(
        id="bt0000000000001",
        name="rsi bot",
        kind=BotKind.GHOST,
        platform_id=platform.id,
        symbol="BTCUSDT",
        interval="5m",
        strategy="rsi",
        params={"period": "10"},
        budget=Decimal(250),
    )
    with qtbot.wait_signal(page.sig_result_opened, timeout=60_000) as blocker:
        page.open_backtest_for(spec)
    view = blocker.args[0]
    request = view.outcome.request
    assert (request.symbol, request.interval, request.strategy) == ("BTCUSDT", "5m", "rsi")
    assert request.params["period"] == "10" and request.budget == Decimal(250)
    assert view.chart.rsi_plot is not None and "RSI 10" in view.chart.lines
