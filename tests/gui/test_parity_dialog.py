"""Bots › Compare with a backtest…: the dialog computes the comparison in a job, then shows the
summary and every trade, matched or not, with its reason in the interface language."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.gui.main_window import MainWindow
from crypty_desktop.gui.parity_dialog import ParityDialog
from tests.gui.bot_helpers import demo_window, wait_loaded
from tests.reports.test_parity import ghost, run_ghost

__all__ = ["demo_window"]

pytestmark = [pytest.mark.gui]
WAIT_MS = 15_000


def test_the_dialog_shows_a_ghost_bot_matching_its_backtest(
    qtbot: QtBot, demo_window: MainWindow, core: Core
) -> None:
    spec = ghost(core)
    run_ghost(core, spec, trades=4)
    bots = demo_window.bots.list
    bots.reload()
    wait_loaded(qtbot, demo_window)
    assert bots.select_bot(spec.id)
    demo_window.bots.parity_action.trigger()  # Bots › Compare with a backtest…
    dialog = bots.findChild(ParityDialog)
    assert isinstance(dialog, ParityDialog)
    qtbot.wait_until(lambda: dialog.report is not None, timeout=WAIT_MS)
    report = dialog.report
    assert report is not None and report.match_pct == 100
    summary = dialog.summary.text()
    assert f"{len(report.matched)} of {len(report.matched)} trades match (100.00 %)" in summary
    table = dialog.table
    assert table.rowCount() == len(report.matched) >= 4
    for row in range(table.rowCount()):
        assert table.item(row, 2).text() == "✓ Matched"
        assert table.item(row, 3).text() == table.item(row, 4).text()
        assert table.item(row, 5).text().startswith("0.00 USDT")
        assert table.item(row, 6).text() == "Same candle, price and quantity."
    dialog.close()


def test_a_bot_that_never_ran_is_said_in_words(qtbot: QtBot, core: Core) -> None:
    spec = ghost(core, "idle")
    dialog = ParityDialog(core, spec)
    qtbot.add_widget(dialog)
    qtbot.wait_until(
        lambda: not dialog.message.isHidden() or dialog.report is not None, timeout=WAIT_MS
    )
    assert dialog.report is None and dialog.message.level == "error"
    assert "has not traded on any candle yet" in dialog.message.text.text()
    assert dialog.table.rowCount() == 0


def test_the_dialog_says_the_settings_changed_for_each_trade(qtbot: QtBot, core: Core) -> None:
    from tests.reports.test_parity_edits import edited_ghost

    spec, last = edited_ghost(core)
    dialog = ParityDialog(core, spec)
    qtbot.add_widget(dialog)
    qtbot.wait_until(lambda: dialog.report is not None, timeout=WAIT_MS)
    report = dialog.report
    assert report is not None and report.notes
    assert report.notes[0] in dialog.summary.text().splitlines()
    table = dialog.table
    assert table.rowCount() == len(report.rows()) > 0
    for row, (_kind, trade, _partner, _words) in enumerate(report.rows()):
        reason = table.item(row, 6).text()
        before = trade.time - trade.time % 60_000 <= last
        assert "Your settings changed on " in reason
        assert ("with the settings of before" in reason) is before
    dialog.close()
