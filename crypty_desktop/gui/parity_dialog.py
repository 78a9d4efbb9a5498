"""Bots › Compare with a backtest…: a bot's trades beside a backtest of its own window.

The comparison (database, history, replay) runs in a background job
(``crypty_desktop.reports.parity_run``); the dialog shows its summary and, trade by trade, what
matched and why the rest did not, in the interface language.
"""

from __future__ import annotations

from crypty_desktop.app import Core
from crypty_desktop.domain.bots import BotSpec
from crypty_desktop.domain.orders import Side
from crypty_desktop.gui.bot_job_dialog import BotJobDialog, minute_text
from crypty_desktop.gui.i18n import core_text, core_text_places
from crypty_desktop.gui.jobs import JobControl
from crypty_desktop.gui.number_format import amount, percent, quantity
from crypty_desktop.gui.qt import (
    QT_TRANSLATE_NOOP,
    QAbstractItemView,
    QBrush,
    QColor,
    QCoreApplication,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)
from crypty_desktop.gui.theme import GAIN_COLOUR, LOSS_COLOUR
from crypty_desktop.reports.parity import BACKTEST, LIVE, MISSING_CANDLES, Parity, Trade

MATCHED_COLOUR = GAIN_COLOUR
DIFFERENT_COLOUR = LOSS_COLOUR
NUMBER_PLACES = {"price": 2, "diff": 2, "reference": 2}  # prices in the reasons, as the table


class ParityDialog(BotJobDialog):
    """Computes the comparison in the background, then shows it. Closing cancels the job."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("ParityDialog", "Time (UTC)"),
        QT_TRANSLATE_NOOP("ParityDialog", "Side"),
        QT_TRANSLATE_NOOP("ParityDialog", "Outcome"),
        QT_TRANSLATE_NOOP("ParityDialog", "Bot: quantity @ price"),
        QT_TRANSLATE_NOOP("ParityDialog", "Backtest: quantity @ price"),
        QT_TRANSLATE_NOOP("ParityDialog", "Price difference"),
        QT_TRANSLATE_NOOP("ParityDialog", "Why"),
    )

    def __init__(self, core: Core, spec: BotSpec, parent: QWidget | None = None) -> None:
        super().__init__(core, spec, parent)
        self.setObjectName("parityDialog")
        self.setWindowTitle(self.tr("Compare “%1” with a backtest").replace("%1", spec.name))
        self.report: Parity | None = None
        self.intro.setText(
            self.tr(
                "The bot's own window replayed through the backtest: its candles, its "
                "parameters, its budget and risk limits. Each trade of the bot is paired with the "
                "backtest's on the same candle; the rest is explained."
            )
        )
        self.summary = self.status  # the window and figures once computed
        self.summary.setObjectName("paritySummary")
        self.summary.setText(self.tr("Replaying the bot's window…"))
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("parityTable")
        self.table.setAccessibleName(self.tr("Trades compared"))
        self.table.setHorizontalHeaderLabels(
            [QCoreApplication.translate("ParityDialog", c) for c in self.COLUMNS]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.body.addWidget(self.table, 1)
        self.resize(1080, 560)
        self.start("parity")

    def compute(self, control: JobControl) -> Parity:
        from crypty_desktop.reports.parity_run import bot_parity

        return bot_parity(self.core, self.spec, control)

    def show_result(self, report: object) -> None:
        assert isinstance(report, Parity)
        self.report = report
        rec = report.records
        lines = [
            self.tr("%1 candles of %2 from %3 to %4 (UTC).")
            .replace("%1", f"{report.candles:,}")
            .replace("%2", f"{rec.symbol}")
            .replace("%3", minute_text(rec.first_open))
            .replace("%4", minute_text(rec.last_open)),
            core_text(report.summary()),
        ]
        if report.matched:
            lines.append(
                self.tr("Identical: %1 of %2 matched; largest price difference %3.")
                .replace("%1", str(report.identical))
                .replace("%2", str(len(report.matched)))
                .replace("%3", percent(report.max_price_diff_pct, signed=False))
            )
        if rec.missing:
            lines.append(core_text(MISSING_CANDLES.format(count=len(rec.missing))))
        lines += [core_text(note) for note in report.notes]  # the settings changed meanwhile
        self.summary.setText("\n".join(lines))
        self._fill(report)

    def _fill(self, report: Parity) -> None:
        rows = report.rows()
        quote = report.records.quote_asset
        self.table.setRowCount(len(rows))
        outcome = {
            "matched": self.tr("✓ Matched"),
            LIVE: self.tr("✗ Only the bot"),
            BACKTEST: self.tr("✗ Only the backtest"),
        }
        for r, (kind, trade, partner, words) in enumerate(rows):
            live = trade if kind != BACKTEST else None
            backtest = partner if kind == "matched" else (trade if kind == BACKTEST else None)
            diff = ""
            if live is not None and backtest is not None:
                change = live.price - backtest.price
                pct = change * 100 / backtest.price if backtest.price else change
                diff = f"{amount(change, 2, signed=True, unit=quote)} ({percent(pct)})"
            cells = [
                minute_text(trade.time),
                self.tr("▲ Buy") if trade.side is Side.BUY else self.tr("▼ Sell"),
                outcome[kind],
                self._trade(live),
                self._trade(backtest),
                diff,
                " ".join(core_text_places(w, NUMBER_PLACES) for w in words)
                or self.tr("Same candle, price and quantity."),
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 2:
                    colour = MATCHED_COLOUR if kind == "matched" else DIFFERENT_COLOUR
                    item.setForeground(QBrush(QColor(colour)))
                if c == 6:
                    item.setToolTip(text)
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()  # the reasons wrap: every word is read

    @staticmethod
    def _trade(trade: Trade | None) -> str:
        if trade is None:
            return "—"
        return f"{quantity(trade.quantity)} @ {amount(trade.price, 2)}"
