"""One backtest's results: the figures, the chart with its trades, the equity curve, the trades.

``run_backtest_job`` does the work in a background job (history, replay, what the charts draw);
``BacktestResultView`` shows its ``BacktestOutcome`` in a tab of the Backtests page.
"""

from __future__ import annotations

import csv
import html
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from crypty_desktop.backtest.engine import BacktestResult, Summary
from crypty_desktop.backtest.run import BacktestRequest as CoreRequest
from crypty_desktop.backtest.run import Progress, load_history, run_request
from crypty_desktop.domain.bots import BotKind, BotSpec
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.orders import Fill, Side
from crypty_desktop.gui.i18n import core_text, current_language, locale_for
from crypty_desktop.gui.number_format import amount, percent, quantity, sign_colour
from crypty_desktop.gui.qt import (
    QT_TRANSLATE_NOOP,
    QAbstractItemView,
    QBrush,
    QColor,
    QCoreApplication,
    QDate,
    QFileDialog,
    QFont,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)
from crypty_desktop.gui.strategy_words import strategy_text
from crypty_desktop.gui.theme import GAIN_COLOUR, LOSS_COLOUR, WARNING_COLOUR, card_style
from crypty_desktop.reports.chart import (
    IndicatorSeries,
    candle_row,
    fill_marks,
    indicator_series,
)
from crypty_desktop.strategies.registry import get_strategy

if TYPE_CHECKING:
    from crypty_desktop.app import Core

Report = Callable[[object], None]
CONTEXT = "BacktestResultView"
TRADE_COLUMNS = (
    QT_TRANSLATE_NOOP("BacktestResultView", "Time (UTC)"),
    QT_TRANSLATE_NOOP("BacktestResultView", "Side"),
    QT_TRANSLATE_NOOP("BacktestResultView", "Price"),
    QT_TRANSLATE_NOOP("BacktestResultView", "Quantity"),
    QT_TRANSLATE_NOOP("BacktestResultView", "Value"),
    QT_TRANSLATE_NOOP("BacktestResultView", "Fee"),
    QT_TRANSLATE_NOOP("BacktestResultView", "Why"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _count(value: int) -> str:
    """A whole number with the interface language's thousands separator."""
    return amount(Decimal(value), 0)


class BacktestRequest(CoreRequest):
    """What the form asked for (already checked): the core's one request, with its tab title."""

    def title(self) -> str:
        """``Grid · BTCUSDT 1h``, the strategy named in the interface language."""
        name = strategy_text(get_strategy(self.strategy).title)
        return f"{name} · {self.symbol} {self.interval}"


@dataclass
class BacktestOutcome:
    request: BacktestRequest
    result: BacktestResult
    summary: Summary
    base: str
    quote: str
    candles: list[Candle]
    rows: list[tuple[float, float, float, float, float, float]]  # float-ok: chart rows
    indicators: dict[str, IndicatorSeries]
    reasons: dict[str, str]
    equity_times: list[float] = field(default_factory=list)  # float-ok
    equity: list[float] = field(default_factory=list)  # float-ok
    hold: list[float] = field(default_factory=list)  # float-ok
    note: str = ""  # a core sentence when the data covers less than the dates asked


def progress_text(progress: Progress) -> str:
    """Where the work is, in the interface language (called on the GUI thread)."""
    if progress.phase == "download":
        text = _tr(QT_TRANSLATE_NOOP("BacktestResultView", "Downloading history: %1 of %2 candles"))
    else:
        text = _tr(QT_TRANSLATE_NOOP("BacktestResultView", "Replaying candles: %1 of %2"))
    return text.replace("%1", _count(progress.done)).replace("%2", _count(progress.total))


def show_progress(bar: QProgressBar, label: QLabel, progress: Progress) -> None:
    """Show where a download or a replay is on a progress bar and its label."""
    bar.setRange(0, max(1, progress.total))
    bar.setValue(progress.done)
    label.setText(progress_text(progress))


def load_candles(
    core: Core, request: BacktestRequest, report: Report, should_continue: Callable[[], bool]
) -> list[Candle]:
    """Only the request's candles ("Download history"), as the backtest itself loads them."""
    return list(load_history(request, core, report, should_continue))


def run_backtest_job(
    core: Core, request: BacktestRequest, report: Report, should_continue: Callable[[], bool]
) -> BacktestOutcome:
    """The one backtest (``backtest.run``), then what the charts draw. Runs in a worker thread."""

    run = run_request(request, core, report=report, should_continue=should_continue)
    result, rules = run.result, run.rules
    candles = list(run.candles)
    outcome = BacktestOutcome(
        request,
        result,
        run.summary,
        rules.base_asset,
        rules.quote_asset,
        candles,
        [candle_row(c) for c in candles],
        indicator_series(request.strategy, dict(request.params), candles),
        result.reasons,
        note=run.note,
    )
    for (at, value), hold in zip(result.equity, run.hold_values(), strict=False):
        outcome.equity_times.append(at / 1000.0)
        outcome.equity.append(float(value))  # float-ok: drawing
        outcome.hold.append(float(hold))  # float-ok: drawing
    return outcome


def trade_rows(outcome: BacktestOutcome) -> list[list[str]]:
    """The trades as text, one row per fill, oldest first (the table and the CSV export)."""
    rows = []
    for fill in outcome.result.fills:
        rows.append(
            [
                datetime.fromtimestamp(fill.time / 1000, UTC).strftime("%Y-%m-%d %H:%M"),
                "Buy" if fill.side is Side.BUY else "Sell",
                format(fill.price.normalize(), "f"),
                format(fill.quantity.normalize(), "f"),
                format((fill.price * fill.quantity).quantize(Decimal("0.01")), "f"),
                f"{format(fill.fee.normalize(), 'f')} {fill.fee_asset}",
                outcome.reasons.get(fill.client_order_id, ""),
            ]
        )
    return rows


def export_trades_csv(outcome: BacktestOutcome, path: Path) -> int:
    """Write the trades to ``path`` (plain numbers, a header); returns how many rows."""
    rows = trade_rows(outcome)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "time_utc",
                "side",
                "price",
                "quantity",
                f"value_{outcome.quote.lower()}",
                "fee",
                "reason",
            ]
        )
        writer.writerows(rows)
    return len(rows)


def summary_grid(s: Summary, quote: str) -> tuple[QGridLayout, dict[str, Figure]]:
    """The summary's figures in two rows of four (a backtest's, or a bot's report)."""
    grid = QGridLayout()
    grid.setSpacing(8)
    figures: dict[str, Figure] = {}
    trades = (
        _tr(QT_TRANSLATE_NOOP("BacktestResultView", "%1 (%2 round trips)"))
        .replace("%1", _count(s.trades))
        .replace("%2", _count(s.round_trips))
    )
    entries = (
        (
            "net_pnl",
            _tr(QT_TRANSLATE_NOOP("BacktestResultView", "Net P&L")),
            amount(s.net_pnl, signed=True, unit=quote),
            sign_colour(s.net_pnl),
        ),
        (
            "net_pnl_pct",
            _tr(QT_TRANSLATE_NOOP("BacktestResultView", "Return")),
            percent(s.net_pnl_pct),
            sign_colour(s.net_pnl_pct),
        ),
        (
            "buy_and_hold_pct",
            _tr(QT_TRANSLATE_NOOP("BacktestResultView", "Buy and hold")),
            percent(s.buy_and_hold_pct),
            sign_colour(s.buy_and_hold_pct),
        ),
        (
            "max_drawdown_pct",
            _tr(QT_TRANSLATE_NOOP("BacktestResultView", "Max drawdown")),
            percent(-s.max_drawdown_pct),
            sign_colour(-s.max_drawdown_pct),
        ),
        (
            "fees",
            _tr(QT_TRANSLATE_NOOP("BacktestResultView", "Fees paid")),
            amount(s.fees, unit=quote),
            "",
        ),
        ("trades", _tr(QT_TRANSLATE_NOOP("BacktestResultView", "Trades")), trades, ""),
        (
            "win_rate_pct",
            _tr(QT_TRANSLATE_NOOP("BacktestResultView", "Win rate")),
            percent(s.win_rate_pct, 1, signed=False),
            "",
        ),
        (
            "exposure_pct",
            _tr(QT_TRANSLATE_NOOP("BacktestResultView", "Time in market")),
            percent(s.exposure_pct, 1, signed=False),
            "",
        ),
    )
    per_row = (len(entries) + 1) // 2  # two rows of four: narrow enough for a laptop
    for index, (key, caption, text, colour) in enumerate(entries):
        figure = Figure(caption)
        figure.set(text, colour)
        figures[key] = figure
        grid.addWidget(figure, index // per_row, index % per_row)
    return grid, figures


class Figure(QFrame):
    """A caption above a big number."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figure")
        self.setStyleSheet(card_style("figure"))
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("color: palette(placeholder-text); border: none;")
        self.value = QLabel("—")
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.value.setFont(font)
        self.value.setStyleSheet("border: none;")
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)

    def set(self, text: str, colour: str = "") -> None:
        self.value.setText(text)
        self.value.setStyleSheet(f"border: none; color: {colour};" if colour else "border: none;")


def _fee(pct: Decimal) -> str:
    """A fee percentage with the decimals it has (at most 3): ``0.1 %``, ``0,075 %``."""
    exponent = pct.normalize().as_tuple().exponent
    places = min(3, -exponent) if isinstance(exponent, int) and exponent < 0 else 0
    return percent(pct, places, signed=False)


def _date(ms: int) -> str:
    """A day (UTC) as the interface language writes it short: ``3 Jan 2025``, ``3 janv. 2025``."""
    day = datetime.fromtimestamp(ms / 1000, UTC)
    return locale_for(current_language()).toString(
        QDate(day.year, day.month, day.day), "d MMM yyyy"
    )


def draft_bot(request: BacktestRequest) -> BotSpec:
    """A Ghost bot with the backtest's settings (no id yet: it is created when the user asks)."""
    title = strategy_text(get_strategy(request.strategy).title)
    assert request.platform is not None, "the window's backtests always name a platform"
    return BotSpec(
        id="",
        name=f"{title} {request.symbol} {request.interval}"[:40],
        kind=BotKind.GHOST,
        platform_id=request.platform.id,
        symbol=request.symbol,
        interval=request.interval,
        strategy=request.strategy,
        params=dict(request.params),
        budget=request.budget,
    )


class BacktestResultView(QWidget):
    """A finished backtest, in a tab: figures, chart with trades, equity curve, trades table.

    Signals:
        sig_bot_requested(object): "Run as a Ghost bot…": a draft ``BotSpec`` with these settings.
    """

    sig_bot_requested = Signal(object)

    def __init__(self, outcome: BacktestOutcome, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backtestResult")
        self.outcome = outcome
        request, summary = outcome.request, outcome.summary
        platform = request.platform
        if request.csv_path is not None:
            source = request.csv_path.name
        else:
            source = platform.name if platform is not None else ""
        candles = outcome.candles
        words = (
            self.tr("%1 candles from %2")
            .replace("%1", _count(summary.candles))
            .replace("%2", html.escape(source))
        )
        money = (
            self.tr("budget %1, fee %2")
            .replace("%1", amount(request.budget, unit=outcome.quote))
            .replace("%2", _fee(request.fee_pct))
        )
        self.heading = QLabel(
            f"<b>{html.escape(request.title())}</b> &nbsp;·&nbsp; {_date(candles[0].open_time)}"
            f" → {_date(candles[-1].close_time)} &nbsp;·&nbsp; {words} &nbsp;·&nbsp; {money}"
        )
        self.figures = self._figures()
        from crypty_desktop.gui.charts import make_equity_chart, make_price_chart

        self.chart = make_price_chart(request.interval)
        self.chart.set_candles(outcome.rows)
        self.chart.set_indicators(outcome.indicators)
        self.chart.set_fills(
            fill_marks(
                outcome.result.fills,
                outcome.reasons,
                outcome.base,
                outcome.quote,
                current_language(),
            )
        )
        self.equity_chart = make_equity_chart()
        self.equity_chart.set_curves(
            outcome.equity_times,
            outcome.equity,
            outcome.hold,
            float(request.budget),  # float-ok: drawing
        )
        self.trades = self._trades_table()
        self.export_button = QPushButton(self.tr("Export trades to CSV…"))
        self.export_button.clicked.connect(self._on_export_clicked)
        self.export_button.setEnabled(bool(outcome.result.fills))
        self.export_note = QLabel("")
        trades_page = QWidget()
        column = QVBoxLayout(trades_page)
        column.setContentsMargins(0, 6, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.export_note, 1)
        row.addWidget(self.export_button)
        column.addLayout(row)
        column.addWidget(self.trades, 1)
        self.lower_tabs = QTabWidget()
        self.lower_tabs.setAccessibleName(self.tr("Equity and trades"))
        self.lower_tabs.addTab(self.equity_chart, self.tr("Equity vs buy and hold"))
        self.lower_tabs.addTab(
            trades_page, self.tr("Trades (%1)").replace("%1", _count(len(outcome.result.fills)))
        )
        from crypty_desktop.gui.backtest_metrics import MetricsPanel

        request = outcome.request
        self.metrics = MetricsPanel(
            outcome.result,
            outcome.quote,
            request.title(),
            f"backtest-{request.strategy}-{request.symbol}-{request.interval}",
        )
        self.lower_tabs.addTab(self.metrics, self.tr("Metrics"))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.chart)
        splitter.addWidget(self.lower_tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.ghost_button = QPushButton(self.tr("Run as a Ghost bot…"))
        self.ghost_button.setToolTip(
            self.tr("Create a Ghost bot (paper trading on live prices) with these settings.")
        )
        self.ghost_button.clicked.connect(self.ask_for_ghost_bot)
        self.heading.setWordWrap(True)  # a long title wraps instead of widening the window
        self.coverage = QLabel(core_text(outcome.note))
        self.coverage.setObjectName("coverageNote")
        self.coverage.setWordWrap(True)
        self.coverage.setStyleSheet(f"color: {WARNING_COLOUR}; font-weight: bold;")
        self.coverage.setVisible(bool(outcome.note))
        heading = QVBoxLayout()
        heading.addWidget(self.heading)
        heading.addWidget(self.coverage)
        top = QHBoxLayout()
        top.addLayout(heading, 1)
        top.addWidget(self.ghost_button)
        self.body = QWidget()
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(self.figures)
        layout.addWidget(splitter, 1)
        # Whatever the result holds, the window never grows for it: on a small screen the
        # result scrolls inside its tab (a 1366×768 laptop keeps Stop all and the guide).
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("backtestResultScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)

    def ask_for_ghost_bot(self) -> None:
        """Say that one backtest is no check against overfitting, then (confirmed) ask for the
        Ghost bot."""
        from crypty_desktop.gui.optimise_results import confirm_ghost_bot

        lines = (
            self.tr(
                "This backtest was not checked against overfitting: one backtest cannot tell "
                "whether its result will hold."
            ),  # fmt: skip
            self.tr(
                "The Optimise tab checks it with walk-forward, Monte Carlo and parameter stability."
            ),  # fmt: skip
            "",
            self.tr("Create the Ghost bot with these settings?"),
        )
        draft = draft_bot(self.outcome.request)
        self.confirm_box, self.create_button = confirm_ghost_bot(
            self, lines, False, lambda: self.sig_bot_requested.emit(draft)
        )

    def _figures(self) -> QGridLayout:
        grid, self.figure = summary_grid(self.outcome.summary, self.outcome.quote)
        return grid

    def _trades_table(self) -> QTableWidget:
        rows = trade_rows(self.outcome)
        table = QTableWidget(len(rows), len(TRADE_COLUMNS))
        table.setObjectName("tradesTable")
        table.setHorizontalHeaderLabels([_tr(c) for c in TRADE_COLUMNS])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        fills = self.outcome.result.fills
        for r, (values, fill) in enumerate(zip(rows, fills, strict=True)):
            shown = self._shown(values, fill)
            for c, text in enumerate(shown):
                item = QTableWidgetItem(text)
                if 2 <= c <= 5:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if c == 1:
                    item.setForeground(sign_brush(fill.side is Side.BUY))
                table.setItem(r, c, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    def _shown(self, values: list[str], fill: Fill) -> list[str]:
        quote = self.outcome.quote
        return [
            values[0],
            self.tr("▲ Buy") if fill.side is Side.BUY else self.tr("▼ Sell"),
            amount(fill.price, 2),
            quantity(fill.quantity),
            amount(fill.price * fill.quantity, unit=quote),
            f"{amount(fill.fee, 4) if fill.fee_asset == quote else quantity(fill.fee)} "
            f"{fill.fee_asset}",
            core_text(values[6]),
        ]

    def export_csv(self, path: Path) -> int:
        count = export_trades_csv(self.outcome, path)
        self.export_note.setText(
            self.tr("%1 trades saved to %2.").replace("%1", _count(count)).replace("%2", path.name)
        )
        return count

    def _on_export_clicked(self) -> None:
        request = self.outcome.request
        suggested = f"backtest-{request.strategy}-{request.symbol}-{request.interval}.csv"
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export trades to CSV"), suggested, self.tr("CSV files (*.csv)")
        )
        if name:
            try:
                self.export_csv(Path(name))
            except OSError as error:
                self.export_note.setText(
                    self.tr("The file could not be written: %1.").replace(
                        "%1", error.strerror or type(error).__name__
                    )
                )


def sign_brush(buy: bool) -> QBrush:

    return QBrush(QColor(GAIN_COLOUR if buy else LOSS_COLOUR))
