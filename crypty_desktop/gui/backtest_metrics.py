"""A backtest result's "Metrics" tab: Sharpe, Sortino, Calmar, profit factor, expectancy and the
longest drawdown (``backtest.metrics``), the monthly returns as a year × month table, and the
report exported as CSV or as a standalone HTML page (``backtest.report``)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from crypty_desktop.gui.i18n import current_language, locale_for
from crypty_desktop.gui.number_format import amount, percent, sign_colour
from crypty_desktop.gui.qt import (
    QAbstractItemView,
    QBrush,
    QColor,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLocale,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from crypty_desktop.wording import is_singular

if TYPE_CHECKING:
    from crypty_desktop.backtest.engine import BacktestResult
    from crypty_desktop.backtest.metrics import Metrics, MonthReturn

DAY_MS = 86_400_000
SHORT_DAYS = 30  # less time than this: the yearly ratios are said to say little
HUNDRED = Decimal(100)


def _ratio(value: float | Decimal | None) -> str:  # float-ok: a statistic
    return "—" if value is None else amount(Decimal(f"{value:.2f}"), 2)


def yearly(months: tuple[MonthReturn, ...]) -> dict[int, dict[int, Decimal]]:
    """{year: {month: return %}}."""
    table: dict[int, dict[int, Decimal]] = {}
    for m in months:
        year, month = (int(p) for p in m.month.split("-"))
        table.setdefault(year, {})[month] = m.return_pct
    return table


def compounded(returns: list[Decimal]) -> Decimal:
    """Returns in % compounded: +10 % then +10 % is +21 %."""
    growth = Decimal(1)
    for r in returns:
        growth *= 1 + r / HUNDRED
    return (growth - 1) * HUNDRED


class MetricsPanel(QWidget):
    """The metrics, the monthly returns and the exports of one backtest (or one bot's report):
    ``title`` heads the HTML page, ``file_stem`` names the file suggested on export."""

    def __init__(
        self,
        result: BacktestResult,
        quote: str,
        title: str,
        file_stem: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("backtestMetrics")
        self.result, self.quote, self.title, self.file_stem = result, quote, title, file_stem
        metrics = result.metrics
        assert metrics is not None
        self.metrics = metrics
        from crypty_desktop.gui.backtest_results import Figure

        grid = QGridLayout()
        grid.setSpacing(8)
        self.figure: dict[str, Figure] = {}
        for index, (key, caption, text, colour) in enumerate(self._entries(metrics)):
            figure = Figure(caption)
            figure.set(text, colour)
            figure.setToolTip(self._tip(key))
            self.figure[key] = figure
            grid.addWidget(figure, index // 6, index % 6)
        self.caution = QLabel(self._caution())
        self.caution.setObjectName("metricsCaution")
        self.caution.setWordWrap(True)
        self.months = self._months_table(metrics)
        self.csv_button = QPushButton(self.tr("Export report as CSV…"))
        self.csv_button.clicked.connect(lambda: self._on_export_clicked("csv"))
        self.html_button = QPushButton(self.tr("Export report as HTML…"))
        self.html_button.clicked.connect(lambda: self._on_export_clicked("html"))
        self.note = QLabel("")
        self.note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Monthly returns")))
        buttons.addStretch(1)
        buttons.addWidget(self.note)
        buttons.addWidget(self.csv_button)
        buttons.addWidget(self.html_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.caution)
        self.caution.setVisible(bool(self.caution.text()))  # in its layout: never a window
        layout.addLayout(buttons)
        layout.addWidget(self.months, 1)

    def _caution(self) -> str:
        """A word when the ratios, scaled to a year, come from a short stretch of time."""
        times = self.result.equity.times
        days = Decimal(times[-1] - times[0]) / DAY_MS if len(times) > 1 else Decimal(0)
        if days >= SHORT_DAYS:
            return ""
        if days < 1:
            return self.tr(
                "Sharpe, Sortino and Calmar are scaled to a year: over less than a day they say "
                "little."
            )
        if is_singular(current_language(), days):
            text = self.tr(
                "Sharpe, Sortino and Calmar are scaled to a year: over %1 day they say little."
            )
        else:
            text = self.tr(
                "Sharpe, Sortino and Calmar are scaled to a year: over %1 days they say little."
            )
        return text.replace("%1", amount(days, 1))

    def _entries(self, m: Metrics) -> list[tuple[str, str, str, str]]:
        quote = self.quote
        days = Decimal(m.longest_drawdown_ms) / DAY_MS
        longest = (
            (
                self.tr("%1 day") if is_singular(current_language(), days) else self.tr("%1 days")
            ).replace("%1", amount(days, 1))
            if m.longest_drawdown_candles
            else "—"
        )
        return [
            ("sharpe", self.tr("Sharpe"), _ratio(m.sharpe), ""),
            ("sortino", self.tr("Sortino"), _ratio(m.sortino), ""),
            ("calmar", self.tr("Calmar"), _ratio(m.calmar), ""),
            ("profit_factor", self.tr("Profit factor"), _ratio(m.profit_factor), ""),
            (
                "expectancy",
                self.tr("Expectancy"),
                "—" if m.expectancy is None else amount(m.expectancy, 2, signed=True, unit=quote),
                sign_colour(m.expectancy),
            ),
            ("longest_drawdown", self.tr("Longest drawdown"), longest, ""),
        ]

    def _tip(self, key: str) -> str:
        tips = {
            "sharpe": self.tr(
                "Mean return per candle over its spread, for a year (no risk-free "
                "rate). Above 1 is good."
            ),  # fmt: skip
            "sortino": self.tr("Like Sharpe, counting only the falls."),
            "calmar": self.tr("Yearly growth over the max drawdown."),
            "profit_factor": self.tr(
                "Gains of the winning round trips over the losses of the "
                "losing ones. Above 1 makes money."
            ),  # fmt: skip
            "expectancy": self.tr("The mean gain of a round trip, fees included."),
            "longest_drawdown": self.tr("The longest time from a peak of equity back to it."),
        }
        return tips[key]

    def _months_table(self, m: Metrics) -> QTableWidget:
        years = yearly(m.monthly)
        locale = locale_for(current_language())
        names = [
            locale.standaloneMonthName(i, QLocale.FormatType.ShortFormat) for i in range(1, 13)
        ]
        table = QTableWidget(len(years), 13)
        table.setObjectName("monthlyReturns")
        table.setHorizontalHeaderLabels([*names, self.tr("Year")])
        table.setVerticalHeaderLabels([str(y) for y in years])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for r, (_year, months) in enumerate(years.items()):
            cells = [(c, months.get(c + 1)) for c in range(12)]
            cells.append((12, compounded(list(months.values()))))
            for c, value in cells:
                item = QTableWidgetItem("" if value is None else percent(value, 2))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                colour = sign_colour(value)
                if colour:
                    item.setForeground(QBrush(QColor(colour)))
                table.setItem(r, c, item)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    # --- exports --------------------------------------------------------------------------------
    def export(self, path: Path, kind: str) -> None:
        """Write the report (``kind`` "csv" or "html") to ``path``, atomically."""
        from crypty_desktop.backtest.report import report_csv, report_html
        from crypty_desktop.files import write_atomically

        result, title = self.result, self.title
        write_atomically(path, report_csv(result) if kind == "csv" else report_html(result, title))
        self.note.setText(self.tr("Saved to %1.").replace("%1", path.name))

    def _on_export_clicked(self, kind: str) -> None:
        suggested = f"{self.file_stem}.{kind}"
        pattern = self.tr("CSV files (*.csv)") if kind == "csv" else self.tr("Web pages (*.html)")
        name, _filter = QFileDialog.getSaveFileName(self, self.tr("Export report"), suggested,
                                                    pattern)  # fmt: skip
        if not name:
            return
        try:
            self.export(Path(name), kind)
        except OSError as error:
            self.note.setText(
                self.tr("The file could not be written: %1.").replace(
                    "%1", error.strerror or type(error).__name__
                )
            )
