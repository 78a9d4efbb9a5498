"""The Backtests page's Optimise tab, end to end on a short candle file: a real optimisation on
worker processes, the sortable table, the heatmap's cells, the walk-forward folds, the Monte
Carlo histograms, the verdict, Cancel (no worker process left), and "Run as a Ghost bot…" which
says the verdict before the bot is created."""

from __future__ import annotations

import html
import multiprocessing
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.backtest.lab import LabProgress, heat_cells
from crypty_desktop.demo import ensure_demo
from crypty_desktop.domain.bots import BotKind
from crypty_desktop.gui.backtest_page import BacktestsPage
from crypty_desktop.gui.i18n import core_text
from crypty_desktop.gui.lab_charts import scale_colour
from crypty_desktop.gui.main_window import NAV_PAGES, MainWindow
from crypty_desktop.gui.optimise_model import SORT_ROLE
from crypty_desktop.gui.optimise_results import OptimiseResultsView, verdict_words
from crypty_desktop.gui.qt import Qt, QTimer
from tests.backtest.test_overfit_guards import write_wave
from tests.gui.bot_helpers import demo_window

__all__ = ["demo_window"]  # the fixture
WAIT = 180_000  # generous for a loaded machine: worker processes start afresh (spawn)


def open_page(qtbot: QtBot, page: BacktestsPage, csv: Path) -> None:
    page.set_platforms(page.core.platforms.list())
    qtbot.waitUntil(lambda: page.choices_job is None, timeout=15_000)
    page.set_csv(csv)
    page.interval_combo.setCurrentText("1m")
    page.modes.setCurrentIndex(1)


@pytest.fixture
def page(qtbot: QtBot, core: Core, tmp_path: Path) -> BacktestsPage:
    ensure_demo(core.platforms, core.bots, with_sample_bot=False)
    widget = BacktestsPage(core)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    open_page(qtbot, widget, write_wave(tmp_path / "wave.csv", drift=1.0, count=600))
    return widget


def small_search(page: BacktestsPage) -> None:
    tab = page.optimise
    tab.set_values("fast", "3; 6; 12")
    tab.set_values("slow", "15:30:15")
    tab.set_values("risk.stop_loss_pct", "0; 1")
    tab.min_trades.setValue(1)
    tab.folds.setValue(2)
    tab.runs.setValue(300)


def optimise(qtbot: QtBot, page: BacktestsPage) -> OptimiseResultsView:
    with qtbot.wait_signal(page.optimise.sig_result_opened, timeout=WAIT) as opened:
        assert page.optimise.run() is not None
    view = opened.args[0]
    assert isinstance(view, OptimiseResultsView)
    return view


def column_values(view: OptimiseResultsView, column: int) -> list[object]:
    proxy = view.proxy
    return [proxy.index(r, column).data(SORT_ROLE) for r in range(proxy.rowCount())]


def test_an_optimisation_end_to_end(qtbot: QtBot, page: BacktestsPage) -> None:
    small_search(page)
    assert page.optimise.count_label.text() == "12 combinations to try."
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    view = optimise(qtbot, page)
    timer.stop()
    assert ticks  # the window kept handling events while the search ran
    result = view.result
    assert result.candles == 600 and len(result.trials) == 12
    assert page.optimise.results.currentWidget() is view

    # the table: one row per combination, sorted by the score, then numerically by a parameter
    names = view.names
    assert names == ["fast", "slow", "risk.stop_loss_pct"]  # the columns: what was varied
    assert [n for n, _ in result.request.ranges][-4:] == [
        "risk.stop_loss_pct", "risk.take_profit_pct", "risk.trailing_stop_pct",
        "risk.max_drawdown_pct",
    ]  # every strategy parameter and every risk setting was searched  # fmt: skip
    score_col = len(names)
    assert view.proxy.rowCount() == 12
    scores = [s for s in column_values(view, score_col)]
    assert scores == sorted(scores, reverse=True)  # type: ignore[type-var]
    assert view.proxy.index(0, score_col).data() != "—"
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert (
        column_values(view, 0) == [3.0] * 4 + [6.0] * 4 + [12.0] * 4
    )  # 12 after 6, not "12" < "3"
    view.table.sortByColumn(score_col + 1, Qt.SortOrder.DescendingOrder)
    trips = column_values(view, score_col + 1)
    assert trips == sorted(trips, reverse=True)  # type: ignore[type-var]
    matched = [view.proxy.index(r, score_col + 3).data() for r in range(12)]
    assert matched.count("✓ same fills") == len(result.reference) > 0

    # the heatmap: fast across, slow up; each cell the best score over the stop-loss values
    assert (view.x_combo.currentData(), view.y_combo.currentData()) == ("fast", "slow")
    cells = heat_cells(result.trials, "fast", "slow", 1)
    assert len(view.heatmap.cells) == 6
    for (x, y), score in cells.items():
        cell = view.heatmap.cell(x, y)
        assert cell is not None and cell.score == score
    best = max(s for s in cells.values() if s is not None)
    top = next(c for c in view.heatmap.cells.values() if c.score == best)
    assert top.colour == scale_colour(1.0)
    view.y_combo.setCurrentIndex(view.y_combo.findData("risk.stop_loss_pct"))
    assert view.heatmap.ys == ["0", "1"] and len(view.heatmap.cells) == 6

    # walk-forward, Monte Carlo, stability and the verdict
    assert result.walk is not None and view.fold_table.rowCount() == 2
    assert len(view.fold_bars.pairs) == 2
    assert "degradation" in view.walk_text.text()
    assert result.monte is not None and sum(view.pnl_histogram.counts) == 300
    assert sum(view.dd_histogram.counts) == 300
    assert "Probability of a loss" in view.monte_text.text()
    assert view.stability_text.text().startswith("The best point scores")
    assert view.verdict.text() == verdict_words(result) == result.verdict.text


def test_a_number_written_wrong_is_said_and_nothing_runs(page: BacktestsPage) -> None:
    page.optimise.set_values("slow", "15:x:5")
    assert page.optimise.run() is None
    assert "Slow average" in page.optimise.message.text.text()
    assert page.optimise.job is None


def test_cancel_stops_the_worker_processes(
    qtbot: QtBot, page: BacktestsPage, tmp_path: Path
) -> None:
    page.set_csv(write_wave(tmp_path / "long.csv", count=4000))
    tab = page.optimise
    tab.set_values("fast", "2:30:1")
    tab.set_values("slow", "31:90:1")
    seen: list[object] = []
    job = tab.run()
    assert job is not None
    job.sig_progress.connect(seen.append)
    qtbot.waitUntil(lambda: any(isinstance(v, LabProgress) for v in seen), timeout=WAIT)
    with qtbot.wait_signal(job.sig_finished, timeout=WAIT):
        tab.cancel()
        assert tab.progress_label.text() == "Optimisation cancelled."
        assert tab.run_button.isEnabled() and not tab.cancel_button.isVisible()
    assert multiprocessing.active_children() == []
    assert tab.view is None  # nothing was shown


def test_run_as_a_ghost_bot_says_the_verdict_first(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path
) -> None:
    window = demo_window
    core = window.core
    page = window.backtests_page
    window.nav.setCurrentRow(NAV_PAGES.index("Backtests"))
    open_page(qtbot, page, write_wave(tmp_path / "wave.csv", drift=1.0, count=600))
    small_search(page)
    view = optimise(qtbot, page)
    trial = view.chosen_trial()
    assert trial is not None and trial == view.result.best
    before = len(core.bots.list())

    box = view.ask_for_ghost_bot()
    assert box is not None and box.isVisible()
    text = box.text()
    verdict = view.result.verdict
    if verdict.overfit:
        assert "failed the checks against overfitting" in text
        for reason in verdict.reasons:
            assert html.escape(core_text(reason)) in text  # each failed guard named
    else:
        assert "passed the checks against overfitting" in text
    assert len(core.bots.list()) == before  # nothing yet: the user has not answered
    view.create_button.click()
    assert window.nav.currentRow() == NAV_PAGES.index("Bots")
    qtbot.waitUntil(lambda: len(core.bots.list()) == before + 1, timeout=20_000)
    created = core.bots.list()[-1]
    assert created.kind is BotKind.GHOST and created.strategy == "sma_cross"
    assert created.params["fast"] == trial.params["fast"]
    assert created.params["slow"] == trial.params["slow"]
    stop = trial.params["risk.stop_loss_pct"]
    assert created.risk.stop_loss_pct == (None if stop == "0" else Decimal(stop))
