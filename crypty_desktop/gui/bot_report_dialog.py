"""Bots › Report…: a bot's figures and metrics over the window it traded in, as a backtest shows
them (the same summary cards, Metrics panel, monthly returns and CSV / HTML exports).

The report (database, stored candles, the bot's wallet rebuilt candle by candle) is computed in a
background job by ``crypty_desktop.reports.bot_metrics``; closing the dialog cancels it
(``bot_job_dialog``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crypty_desktop.domain.bots import BotSpec
from crypty_desktop.gui.bot_job_dialog import BotJobDialog, minute_text
from crypty_desktop.gui.jobs import JobControl
from crypty_desktop.gui.qt import QWidget
from crypty_desktop.reports.pnl import market_assets

if TYPE_CHECKING:
    from crypty_desktop.app import Core
    from crypty_desktop.backtest.engine import BacktestResult


class BotReportDialog(BotJobDialog):
    """Computes the bot's report in the background, then shows it."""

    def __init__(self, core: Core, spec: BotSpec, parent: QWidget | None = None) -> None:
        super().__init__(core, spec, parent)
        self.setObjectName("botReportDialog")
        self.setWindowTitle(self.tr("Report of “%1”").replace("%1", spec.name))
        self.report: BacktestResult | None = None
        self.intro.setText(
            self.tr(
                "The bot's own fills and the stored candles of the window it traded in, with the "
                "figures and metrics a backtest gets. Its equity is valued at each candle's close."
            )
        )
        self.window_label = self.status  # the window the report covers once computed
        self.window_label.setObjectName("botReportWindow")
        self.window_label.setText(self.tr("Reading the bot's records…"))
        self.resize(1000, 600)
        self.start("bot-report")

    def compute(self, control: JobControl) -> BacktestResult:
        from crypty_desktop.reports.bot_metrics import bot_report

        return bot_report(self.core, self.spec, control)

    def show_result(self, result: object) -> None:
        from crypty_desktop.backtest.engine import BacktestResult  # imported on first use
        from crypty_desktop.gui.backtest_metrics import MetricsPanel
        from crypty_desktop.gui.backtest_results import summary_grid

        assert isinstance(result, BacktestResult)
        assert result.summary is not None and result.covered is not None
        self.report = result
        spec = self.spec
        first, last = result.covered
        self.window_label.setText(
            self.tr("%1 candles of %2 %3 from %4 to %5 (UTC).")
            .replace("%1", f"{result.summary.candles:,}")
            .replace("%2", spec.symbol)
            .replace("%3", spec.interval)
            .replace("%4", minute_text(first))
            .replace("%5", minute_text(last))
        )
        assets = market_assets(spec.symbol)
        quote = assets[1] if assets is not None else ""
        grid, self.figure = summary_grid(result.summary, quote)
        self.body.addLayout(grid)
        self.metrics = MetricsPanel(
            result,
            quote,
            f"{spec.name}: {spec.strategy} on {spec.symbol} {spec.interval}",
            f"bot-{spec.name}-{spec.symbol}-{spec.interval}",
        )
        self.body.addWidget(self.metrics, 1)
