"""Charts for the window: price charts with trades, equity curves, and a bot's live chart.

This module is light to import: pyqtgraph and numpy load the first time a chart is built (the
main window opens without them). The items and widgets live in ``chart_items`` and
``chart_widgets``; the data they draw is prepared off the GUI thread by ``chart_data``.

Usage::

    chart = make_price_chart("1h")            # a PriceChart
    chart.set_candles([candle_row(c) for c in candles])
    widget = make_bot_chart(core, spec, supervisor)   # a bot's chart, loading in the background
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crypty_desktop.domain.bots import BotSpec, BotStatus, Decision
from crypty_desktop.domain.market import INTERVAL_MS
from crypty_desktop.gui.feedback import error_text
from crypty_desktop.gui.i18n import current_language
from crypty_desktop.gui.jobs import Job, run_in_background
from crypty_desktop.gui.qt import (
    QLabel,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
    is_valid,
)
from crypty_desktop.reports.chart import (
    BotChartData,
    BotChartUpdate,
    EquityCurve,
    candle_row,
    fill_marks,
    load_bot_chart,
    load_bot_chart_update,
)

if TYPE_CHECKING:
    from crypty_desktop.app import Core
    from crypty_desktop.gui.chart_widgets import EquityChart, PriceChart
    from crypty_desktop.gui.workers import BotSupervisor

REFRESH_MS = 2000


def make_price_chart(interval: str, parent: QWidget | None = None) -> PriceChart:
    """An empty price chart for candles of ``interval`` (imports pyqtgraph on first use)."""
    from crypty_desktop.gui.chart_widgets import PriceChart

    return PriceChart(INTERVAL_MS[interval] / 1000.0, parent)


def make_equity_chart(parent: QWidget | None = None, name: str | None = None) -> EquityChart:
    """An empty equity chart (imports pyqtgraph on first use); ``name`` labels its curve."""
    from crypty_desktop.gui.chart_widgets import EquityChart

    return EquityChart(parent, name)


def make_bot_chart(core: Core, spec: BotSpec, supervisor: BotSupervisor | None = None) -> BotChart:
    """A live chart of one bot: its candles, trades and indicators, kept up to date.

    It loads in a background job, then every ``REFRESH_MS`` while it is visible (and at once when
    ``supervisor`` — a ``BotSupervisor`` — reports a new candle for this bot) it appends the new
    candles, indicator points and fills without redrawing what is already drawn.
    """
    return BotChart(core, spec, supervisor)


class BotEquity(QWidget):
    """A bot's equity curve against buy-and-hold and its budget (the bot detail's Equity tab).

    It runs no job of its own: its ``BotChart`` feeds it with what each load or update brought.
    ``chart`` is None until the first load has arrived.

    Signals:
        sig_grew(int): this many points were appended.
    """

    sig_grew = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("botEquity")
        self.chart: EquityChart | None = None
        self.status = QLabel(self.tr("Loading the equity curve…"))
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.status)

    def show_curve(self, curve: EquityCurve, budget: float, quote: str) -> None:  # float-ok
        """Draw the whole curve (the first load)."""
        if self.chart is None:
            self.chart = make_equity_chart(self, self.tr("This bot"))
            self._layout.addWidget(self.chart, 1)
        self.chart.set_unit(quote)
        self.chart.set_curves(curve.times, curve.equity, curve.hold, budget)
        self._show_status(curve)

    def add_points(self, curve: EquityCurve) -> None:
        """Append the points of an update (nothing happens before the first load)."""
        if self.chart is None or not curve.times:
            return
        before = len(self.chart.points()[0])
        self.chart.append_curves(curve.times, curve.equity, curve.hold)
        self._show_status(curve)
        grown = len(self.chart.points()[0]) - before
        if grown:
            self.sig_grew.emit(grown)

    def failed(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()

    def _show_status(self, curve: EquityCurve) -> None:
        if self.chart is not None and self.chart.points()[0]:
            self.status.hide()
        else:
            self.status.setText(
                self.tr("No equity recorded yet: the curve starts once the bot has run a while.")
            )
            self.status.show()


class BotChart(QWidget):
    """A bot's chart. ``chart`` is None until the first load has arrived.

    ``equity_view`` (a ``BotEquity``) is fed from the same loads; a window may move it into a
    tab of its own (it stays usable while this chart lives, and is deleted with it otherwise).

    Signals:
        sig_loaded(): the first load was drawn.
        sig_updated(int, int): (new candles, new fills) were appended.
    """

    sig_loaded = Signal()
    sig_updated = Signal(int, int)

    def __init__(
        self,
        core: Core,
        spec: BotSpec,
        supervisor: BotSupervisor | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("botChart")
        self.core = core
        self.spec = spec
        self.chart: PriceChart | None = None
        self.data: BotChartData | None = None
        self.job: Job | None = None
        self.fill_count = 0
        self._wanted = False
        self.status = QLabel(self.tr("Loading the chart…"))
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.status)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self._on_timer)
        self.equity_view = BotEquity(self)
        self.equity_view.hide()  # until a window puts it somewhere (or forever, on its own)
        if supervisor is not None:
            supervisor.sig_status.connect(self.on_status)
            supervisor.sig_decision.connect(self.on_decision)
        self.reload()

    # --- loading -------------------------------------------------------------------------------
    def reload(self) -> Job:
        """Load everything again (in a job)."""
        if self.job is not None:
            self.job.cancel()
        core, spec = self.core, self.spec  # the worker holds no reference to this widget
        self.job = run_in_background(
            lambda: load_bot_chart(core, spec),
            self._on_loaded,
            self._on_failed,
            parent=self,
            name="bot-chart",
        )
        return self.job

    def refresh(self) -> Job | None:
        """Fetch what is new since the last load (ignored while a load is running)."""
        if self.data is None or (self.job is not None and not self.job.done):
            self._wanted = self.data is not None
            return None
        core, spec, data, known = self.core, self.spec, self.data, self.fill_count
        self.job = run_in_background(
            lambda: load_bot_chart_update(core, spec, data, known),
            self._on_update,
            self._on_update_failed,
            parent=self,
            name="bot-chart-update",
        )
        return self.job

    def _on_loaded(self, data: Any) -> None:
        assert isinstance(data, BotChartData)
        self.data = data
        chart = make_price_chart(self.spec.interval)
        chart.set_candles([candle_row(c) for c in data.candles])
        chart.set_indicators(data.tracker.series)
        chart.set_fills(
            fill_marks(data.fills, data.reasons, data.base, data.quote, current_language())
        )
        chart.hover.setText(
            f"{self.spec.symbol} · {self.spec.interval} · {self.spec.name}: "
            + self.tr("point at a candle for its figures, at a ▲ or ▼ for the trade")
        )
        self.fill_count = len(data.fills)
        if self.chart is not None:
            self._layout.removeWidget(self.chart)
            self.chart.deleteLater()
        self.chart = chart
        self._layout.addWidget(chart, 1)
        if data.candles:
            self.status.hide()
        else:
            self.status.setText(self.tr("No candles yet: the chart fills in as the bot runs."))
        equity = self._equity()
        if equity is not None:
            budget = float(data.budget)  # float-ok: drawing
            equity.show_curve(data.equity, budget, data.quote)
        self.timer.start()
        self._finish_job()
        self.sig_loaded.emit()

    def _on_failed(self, error: BaseException) -> None:
        text, small = error_text(error)
        self.status.setText(
            (self.tr("The chart could not be loaded.") + f" {text} {small}").strip()
        )
        self.status.show()
        equity = self._equity()
        if equity is not None:
            equity.failed(self.status.text())
        self.job = None

    def _on_update(self, update: Any) -> None:
        assert isinstance(update, BotChartUpdate)
        data, chart = self.data, self.chart
        if data is None or chart is None:
            return
        if update.candles:
            data.candles.extend(update.candles)
            chart.append_candles([candle_row(c) for c in update.candles])
            chart.add_indicator_points(update.indicator_points)
            self.status.hide()
        if update.fills:
            data.fills.extend(update.fills)
            data.reasons.update(update.reasons)
            chart.add_fills(
                fill_marks(update.fills, update.reasons, data.base, data.quote, current_language())
            )
            self.fill_count += len(update.fills)
        if update.equity.times:
            data.equity.last_ms = update.equity.last_ms
            data.equity.first_price = data.equity.first_price or update.equity.first_price
            equity = self._equity()
            if equity is not None:
                equity.add_points(update.equity)
        self._finish_job()
        if update.candles or update.fills:
            self.sig_updated.emit(len(update.candles), len(update.fills))

    def _on_update_failed(self, _error: BaseException) -> None:
        self.job = None  # a network hiccup: the next tick tries again

    def _finish_job(self) -> None:
        self.job = None
        if self._wanted:
            self._wanted = False
            self.refresh()

    def _equity(self) -> BotEquity | None:
        """The equity view, unless it was deleted (its tab closed before this chart)."""
        view = self.equity_view
        return view if view is not None and is_valid(view) else None

    def stop(self) -> None:
        """Stop loading and refreshing (before this chart is deleted): nothing more arrives."""
        self.timer.stop()
        self._wanted = False
        if self.job is not None:
            self.job.cancel()
            self.job = None

    # --- triggers ------------------------------------------------------------------------------
    def _on_timer(self) -> None:
        equity = self._equity()
        if self.isVisible() or (equity is not None and equity.isVisible()):
            self.refresh()

    def on_status(self, status: object) -> None:
        """A running bot's status: fetch at once when it has closed a candle not shown yet."""
        if not isinstance(status, BotStatus) or status.bot_id != self.spec.id:
            return
        last = self.data.last_open if self.data is not None else None
        if last is None or status.candle_time > last + INTERVAL_MS[self.spec.interval]:
            self.refresh()

    def on_decision(self, decision: object) -> None:
        """A buy or sell of this bot: fetch its fill without waiting for the next tick."""
        if isinstance(decision, Decision) and decision.bot_id == self.spec.id:
            if decision.action in ("buy", "sell"):
                self.refresh()
