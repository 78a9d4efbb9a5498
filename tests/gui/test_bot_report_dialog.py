"""Bots › Report…: the bot's figures and metrics computed in a job, shown as a backtest's, and
exported; a bot that never traded is said in words."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.backtest.report import report_csv
from crypty_desktop.domain.market import Candle
from crypty_desktop.gui.backtest_metrics import MetricsPanel
from crypty_desktop.gui.bot_report_dialog import BotReportDialog
from crypty_desktop.gui.main_window import MainWindow
from crypty_desktop.reports.bot_metrics import bot_report, rebuilt_report
from tests.gui.bot_helpers import demo_window, wait_loaded
from tests.reports.test_bot_metrics import RULES
from tests.reports.test_parity import ghost, run_ghost

__all__ = ["demo_window"]

pytestmark = [pytest.mark.gui]
WAIT_MS = 15_000
D = Decimal


def test_the_report_shows_the_bots_figures_and_exports_them(
    qtbot: QtBot, demo_window: MainWindow, core: Core, tmp_path: Path
) -> None:
    spec = ghost(core)
    run_ghost(core, spec, trades=4)
    bots = demo_window.bots.list
    bots.reload()
    wait_loaded(qtbot, demo_window)
    assert bots.select_bot(spec.id)
    demo_window.bots.report_action.trigger()  # Bots › Report…
    dialog = bots.findChild(BotReportDialog)
    assert isinstance(dialog, BotReportDialog)
    qtbot.wait_until(lambda: dialog.report is not None, timeout=WAIT_MS)
    expected = bot_report(core, spec)
    assert expected.summary is not None and expected.metrics is not None
    assert dialog.report is not None and dialog.report.summary == expected.summary
    assert dialog.window_label.text().startswith(f"{expected.summary.candles:,} candles of ")
    net = dialog.figure["net_pnl"].value.text()
    assert net.endswith("USDT") and dialog.figure["trades"].value.text().startswith(
        str(expected.summary.trades)
    )
    assert dialog.metrics.figure["sharpe"].value.text() not in ("", "—")
    # A few hours: the yearly ratios say little (shown with the panel, once the dialog lays out).
    qtbot.wait_until(dialog.metrics.caution.isVisible, timeout=WAIT_MS)
    assert "scaled to a year: over less than a day" in dialog.metrics.caution.text()
    dialog.metrics.export(tmp_path / "r.csv", "csv")
    assert (tmp_path / "r.csv").read_text(encoding="utf-8") == report_csv(expected)
    dialog.close()


def test_a_bot_that_never_traded_is_said_in_words(qtbot: QtBot, core: Core) -> None:
    spec = ghost(core, "idle")
    dialog = BotReportDialog(core, spec)
    qtbot.add_widget(dialog)
    qtbot.wait_until(lambda: not dialog.message.isHidden(), timeout=WAIT_MS)
    assert dialog.report is None and dialog.message.level == "error"
    assert "has not traded on any candle yet" in dialog.message.text.text()


def test_no_caution_over_a_long_enough_stretch(qtbot: QtBot) -> None:
    day = 86_400_000
    candles = [
        Candle("BTCUSDT", "1d", i * day, D(p), D(p), D(p), D(p), D(1), (i + 1) * day - 1)
        for i, p in enumerate(["100", "101", "99", "103"] * 10)
    ]
    result = rebuilt_report(D(1000), RULES, candles, [])
    panel = MetricsPanel(result, "USDT", "title", "stem")
    qtbot.add_widget(panel)
    assert panel.caution.text() == "" and panel.caution.isHidden()
    short = MetricsPanel(rebuilt_report(D(1000), RULES, candles[:5], []), "USDT", "t", "s")
    qtbot.add_widget(short)
    assert short.caution.text().endswith("over 4.0 days they say little.")
