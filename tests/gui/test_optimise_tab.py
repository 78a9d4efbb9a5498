"""The Backtests page's Optimise tab, end to end on a short candle file: a real optimisation on
worker processes, the sortable table, the heatmap's cells, the walk-forward folds, the Monte
Carlo histograms, the verdict, Cancel (no worker process left), and "Run as a Ghost bot…" which
says the verdict before the bot is created.

The tab has its own candles' form: it runs on what that form shows, without a visit to the
Backtest tab, whatever the Backtest tab shows meanwhile; each result says which candles it ran
on, and its Ghost bot trades those candles' platform, market and interval. Bad input is refused
with the Backtest tab's words and nothing runs. Its help link opens the guide's topic."""

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
from crypty_desktop.domain.platform import IntendedUse, PlatformType
from crypty_desktop.gui.backtest_page import BacktestsPage
from crypty_desktop.gui.candle_source import CandleSourceForm
from crypty_desktop.gui.i18n import core_text
from crypty_desktop.gui.lab_charts import scale_colour
from crypty_desktop.gui.main_window import NAV_PAGES, MainWindow
from crypty_desktop.gui.optimise_model import SORT_ROLE
from crypty_desktop.gui.optimise_results import OptimiseResultsView, verdict_words
from crypty_desktop.gui.qt import QDate, QPoint, Qt, QTimer
from crypty_desktop.help import OPTIMISE_TOPIC
from tests.backtest.test_overfit_guards import write_wave
from tests.gui.bot_helpers import demo_window

__all__ = ["demo_window"]  # the fixture
WAIT = 180_000  # generous for a loaded machine: worker processes start afresh (spawn)


def ready(qtbot: QtBot, form: CandleSourceForm) -> None:
    """Until the form shows its platform's markets."""
    qtbot.waitUntil(lambda: form.choices is not None and form.choices_job is None, timeout=15_000)


def open_page(qtbot: QtBot, page: BacktestsPage, csv: Path) -> None:
    """Straight to the Optimise tab (the Backtest tab is never touched), candles from ``csv``."""
    page.set_platforms(page.core.platforms.list())
    page.modes.setCurrentIndex(1)
    form = page.optimise.source_form
    ready(qtbot, form)
    form.set_csv(csv)
    form.interval_combo.setCurrentText("1m")


@pytest.fixture
def fresh(qtbot: QtBot, core: Core) -> BacktestsPage:
    """The page as the window opens it: the Backtest tab shown, the Optimise tab not yet."""
    ensure_demo(core.platforms, core.bots, with_sample_bot=False)
    widget = BacktestsPage(core)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    widget.set_platforms(core.platforms.list())
    return widget


@pytest.fixture
def page(qtbot: QtBot, fresh: BacktestsPage, tmp_path: Path) -> BacktestsPage:
    open_page(qtbot, fresh, write_wave(tmp_path / "wave.csv", drift=1.0, count=600))
    return fresh


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
    tab = page.optimise
    tab.source_form.set_csv(write_wave(tmp_path / "long.csv", count=4000))
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
    other = core.platforms.add("Second demo", PlatformType.SIMULATED, intended_use=IntendedUse.ANY)
    window.refresh()
    page = window.backtests_page
    window.nav.setCurrentRow(NAV_PAGES.index("Backtests"))
    open_page(qtbot, page, write_wave(tmp_path / "wave.csv", drift=1.0, count=600))
    form = page.optimise.source_form
    demo = form.current_platform()
    assert demo is not None and demo.id != other.id
    small_search(page)
    view = optimise(qtbot, page)
    trial = view.chosen_trial()
    assert trial is not None and trial == view.result.best
    before = len(core.bots.list())
    # Both forms now show another platform, market and interval: the bot trades the result's.
    for candles in (form, page.source_form):
        candles.platform_combo.setCurrentIndex(candles.platform_combo.findData(other.id))
        ready(qtbot, candles)
        candles.symbol_combo.setCurrentText("ETHBTC")
        candles.interval_combo.setCurrentText("5m")

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
    assert (created.platform_id, created.symbol, created.interval) == (demo.id, "BTCUSDT", "1m")
    assert created.params["fast"] == trial.params["fast"]
    assert created.params["slow"] == trial.params["slow"]
    stop = trial.params["risk.stop_loss_pct"]
    assert created.risk.stop_loss_pct == (None if stop == "0" else Decimal(stop))


def test_the_optimise_tab_runs_on_its_own_candles(qtbot: QtBot, fresh: BacktestsPage) -> None:
    """Opened first, the tab takes the Backtest tab's values once; then the Backtest tab changes
    and the optimisation still runs on, and says, what the Optimise tab shows."""
    page, tab = fresh, fresh.optimise
    form = tab.source_form
    assert form is not page.source_form and not tab.seeded
    page.modes.setCurrentIndex(1)
    ready(qtbot, form)
    assert form.platform_combo.currentText().startswith("Demo")
    assert (form.symbol_combo.currentText(), form.interval_combo.currentText()) == ("BTCUSDT", "1h")
    assert form.budget_edit.text() == page.budget_edit.text() == "1,000"
    form.start_edit.setDate(QDate(2024, 3, 1))
    form.end_edit.setDate(QDate(2024, 3, 10))
    form.fee_edit.setText("0.075")

    # the Backtest tab is changed meanwhile: another market, interval, dates, budget and fee
    page.modes.setCurrentIndex(0)
    ready(qtbot, page.source_form)
    page.symbol_combo.setCurrentText("ETHBTC")
    page.interval_combo.setCurrentText("5m")
    page.start_edit.setDate(QDate(2024, 1, 1))
    page.budget_edit.setText("50")
    page.fee_edit.setText("1")
    page.modes.setCurrentIndex(1)  # shown again: not copied again
    assert (form.symbol_combo.currentText(), form.interval_combo.currentText()) == ("BTCUSDT", "1h")
    assert form.start_edit.date() == QDate(2024, 3, 1) and form.budget_edit.text() == "1,000"

    small_search(page)
    view = optimise(qtbot, page)
    result, search = view.result, view.result.request.search
    assert result.candles == 10 * 24  # 1 to 10 March, hourly
    assert (search.symbol, search.interval) == ("BTCUSDT", "1h")
    assert search.budget == Decimal(1000) and search.fee_rate == Decimal("0.00075")
    said = view.source_line.text()
    for words in ("<b>BTCUSDT 1h</b> on Demo", "2024-03-01 → 2024-03-10", "240 candles",
                  "budget 1,000.00 USDT, fee 0.075 %"):  # fmt: skip
        assert words in said, words

    # afterwards, neither form changes what the result says nor the bot it would become
    for candles in (page.source_form, form):
        candles.symbol_combo.setCurrentText("ETHBTC")
        candles.interval_combo.setCurrentText("5m")
    assert view.source_text() == said
    trial = view.chosen_trial()
    assert trial is not None
    draft = view.draft(trial)
    assert (draft.symbol, draft.interval, draft.budget) == ("BTCUSDT", "1h", Decimal(1000))


def test_the_file_a_result_ran_on_is_named(page: BacktestsPage) -> None:
    """A CSV's result names the file (the optimisation itself is tested above)."""
    source = page.optimise.source_form.request("sma_cross", {})
    assert source.csv_path is not None and source.csv_path.name == "wave.csv"
    assert source.interval == "1m" and source.symbol == "BTCUSDT"


@pytest.mark.parametrize(
    ("wrong", "words"),
    [
        ("budget", "see the red note"),
        ("fee", "see the red note"),
        ("dates", "The end date is before the start date."),
        ("market", "Choose a market."),
    ],
)
def test_bad_candles_are_refused_in_the_backtest_tab_s_words(
    qtbot: QtBot, fresh: BacktestsPage, wrong: str, words: str
) -> None:
    """The same input refused on both tabs with the same message; nothing runs."""
    page, tab = fresh, fresh.optimise
    page.modes.setCurrentIndex(1)
    ready(qtbot, tab.source_form)
    ready(qtbot, page.source_form)
    for form in (page.source_form, tab.source_form):
        if wrong == "budget":
            form.budget_edit.setText("1.000,5")
        elif wrong == "fee":
            form.fee_edit.setText("lots")
        elif wrong == "dates":
            form.start_edit.setDate(QDate(2024, 3, 10))
            form.end_edit.setDate(QDate(2024, 3, 1))
        else:
            form.symbol_combo.setCurrentText("  ")
    opened: list[object] = []
    tab.sig_result_opened.connect(opened.append)
    assert tab.run() is None and tab.job is None
    assert page.run() is None and page.job is None
    said = tab.message.text.text()
    assert words in said and said == page.message.text.text()
    if wrong == "budget":
        assert "60,000.5" in tab.source_form.budget_edit.error()  # under the field: how to write
    qtbot.wait(50)
    assert opened == [] and tab.view is None and tab.progress_label.text() == ""


def test_the_help_link_opens_the_optimise_topic(qtbot: QtBot, demo_window: MainWindow) -> None:
    window = demo_window
    window.nav.setCurrentRow(NAV_PAGES.index("Backtests"))
    page = window.backtests_page
    page.modes.setCurrentIndex(1)
    link = page.optimise.help_link
    assert link.isVisible() and OPTIMISE_TOPIC in link.text()
    with qtbot.wait_signal(page.sig_help_requested) as asked:
        qtbot.mouseClick(link, Qt.MouseButton.LeftButton, pos=QPoint(8, link.height() // 2))
    assert asked.args == [OPTIMISE_TOPIC]
    pane = window.help_dock
    assert pane is not None and pane.isVisible()
    assert pane.current_topic == "optimise"
    assert pane.browser.toPlainText().startswith("Optimising a strategy's settings")


def test_opened_before_the_backtest_tab_knows_its_markets(
    qtbot: QtBot, fresh: BacktestsPage
) -> None:
    """Shown while the Backtest tab is still asking the platform: the tab asks too (a job, the
    window does not wait) and shows the platform's markets and dates, not an empty form's."""
    page, form = fresh, fresh.optimise.source_form
    assert page.choices_job is not None  # still asking
    page.modes.setCurrentIndex(1)
    assert form.choices_job is not None  # asked in the background
    ready(qtbot, form)
    assert (form.symbol_combo.currentText(), form.interval_combo.currentText()) == ("BTCUSDT", "1h")
    assert (form.start_edit.date(), form.end_edit.date()) == (QDate(2023, 4, 1), QDate(2024, 4, 21))
