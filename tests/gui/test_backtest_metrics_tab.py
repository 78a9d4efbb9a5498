"""A backtest result's Metrics tab: the figures of ``backtest.metrics`` written the app's way, the
monthly returns by year and month (the year compounded), and the CSV and HTML exports."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from pytestqt.qtbot import QtBot

from crypty_desktop.backtest.report import report_csv
from crypty_desktop.gui.backtest_metrics import compounded
from crypty_desktop.gui.backtest_page import BacktestsPage
from crypty_desktop.gui.number_format import amount, percent
from crypty_desktop.gui.qt import QDate
from tests.gui.test_backtest_page import page, run_and_wait

__all__ = ["page"]  # the fixture


def test_compounded_returns_by_hand() -> None:
    assert compounded([Decimal(10), Decimal(10)]) == Decimal(21)
    assert compounded([Decimal(50), Decimal(-50)]) == Decimal(-25)


def test_the_metrics_tab_shows_the_cores_figures_and_exports_them(
    qtbot: QtBot, page: BacktestsPage, tmp_path: Path
) -> None:
    page.start_edit.setDate(QDate(2024, 1, 15))
    page.end_edit.setDate(QDate(2024, 3, 31))
    view = run_and_wait(qtbot, page)
    metrics = view.outcome.result.metrics
    assert metrics is not None
    panel = view.metrics
    assert (
        view.lower_tabs.indexOf(panel) >= 0
        and view.lower_tabs.tabText(view.lower_tabs.indexOf(panel)) == "Metrics"
    )
    assert metrics.sharpe is not None
    assert panel.figure["sharpe"].value.text() == amount(Decimal(f"{metrics.sharpe:.2f}"), 2)
    assert metrics.profit_factor is not None
    assert panel.figure["profit_factor"].value.text() == amount(metrics.profit_factor, 2)
    assert panel.figure["longest_drawdown"].value.text().endswith(" days")

    table = panel.months
    assert [table.verticalHeaderItem(r).text() for r in range(table.rowCount())] == ["2024"]
    by_month = {m.month: m.return_pct for m in metrics.monthly}
    assert list(by_month) == ["2024-01", "2024-02", "2024-03"]
    for column, month in enumerate(("2024-01", "2024-02", "2024-03")):
        assert table.item(0, column).text() == percent(by_month[month], 2)
    assert table.item(0, 3).text() == ""  # April: no candle
    assert table.item(0, 12).text() == percent(compounded(list(by_month.values())), 2)

    panel.export(tmp_path / "report.csv", "csv")
    rows = dict(csv.reader((tmp_path / "report.csv").open(encoding="utf-8")))
    assert rows["sharpe"] == str(round(metrics.sharpe, 4))
    assert (tmp_path / "report.csv").read_text(encoding="utf-8") == report_csv(view.outcome.result)
    panel.export(tmp_path / "report.html", "html")
    page_text = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert page_text.startswith("<!DOCTYPE html>") and "2024-02" in page_text
    assert panel.note.text() == "Saved to report.html."
