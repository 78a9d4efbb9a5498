"""Where a backtest's or an optimisation's candles come from, with the money it trades: one form.

``CandleSourceForm`` holds the platform (the demo by default), the market and its last price, the
interval, the dates (or a CSV file instead), the budget and the fee per trade. The Backtests page's
two tabs each have their own: the Optimise tab's starts as a copy of the Backtest tab's the first
time it is shown (``copy_from``) and from then on changes only when the user changes it, so an
optimisation runs on what its own tab shows, whatever the Backtest tab shows meanwhile.

A platform's markets, intervals and default dates (network for Binance) come through a job
(``load_choices``); the window never waits for them. ``request`` reads the form the one way the
interface shows numbers and refuses, in words, what cannot run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crypty_desktop.backtest.run import check_request
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.market import INTERVAL_MS, OFFERED_INTERVALS, SymbolRules
from crypty_desktop.domain.platform import Platform, PlatformType
from crypty_desktop.gui.amount_field import AmountEdit, add_amount_row
from crypty_desktop.gui.eliding_combo import ElidingComboBox
from crypty_desktop.gui.i18n import core_text, format_amount
from crypty_desktop.gui.jobs import Job, run_in_background
from crypty_desktop.gui.qt import (
    QComboBox,
    QDate,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from crypty_desktop.app import Core
    from crypty_desktop.gui.backtest_results import BacktestRequest

BINANCE_INTERVALS = OFFERED_INTERVALS
DEFAULT_SYMBOL = "BTCUSDT"
DEFAULT_INTERVAL = "1h"
BINANCE_DAYS = 30
DAY_FORMAT = "yyyy-MM-dd"


@dataclass(frozen=True)
class MarketChoices:
    """What a platform offers for backtests: markets, intervals, and a default date range."""

    symbols: list[str]
    intervals: list[str]
    start_ms: int
    end_ms: int
    symbol: str = ""  # the market the price is for
    price: Decimal | None = None  # its last price (for the demo: at the end of its data)
    rules: SymbolRules | None = None


def market_choices(core: Core, platform: Platform, symbol: str, interval: str) -> MarketChoices:
    """Markets and dates to offer (network for Binance: run it in a job)."""

    gateway = core.history_gateway(platform)
    symbols = sorted(r.symbol for r in gateway.symbols())
    chosen = symbol if symbol in symbols else (symbols[0] if symbols else symbol)
    rules = gateway.symbol_rules(chosen) if chosen in symbols else None
    price = gateway.ticker_price(chosen) if rules is not None else None
    if platform.type is PlatformType.SIMULATED:
        intervals = list(gateway.intervals(chosen))  # type: ignore[attr-defined]
        series = gateway.klines(chosen, interval if interval in intervals else intervals[0], 0)
        start = series[0].open_time if series else 0
        end = series[-1].open_time if series else 0
        return MarketChoices(symbols, intervals, start, end, chosen, price, rules)
    now = datetime.now(UTC)
    start_day = now - timedelta(days=BINANCE_DAYS)
    return MarketChoices(
        symbols,
        list(BINANCE_INTERVALS),
        int(start_day.timestamp() * 1000),
        int(now.timestamp() * 1000),
        chosen,
        price,
        rules,
    )


def to_qdate(ms: int) -> QDate:
    day = datetime.fromtimestamp(ms / 1000, UTC).date()
    return QDate(day.year, day.month, day.day)


def day_ms(date: QDate, end_of_day: bool) -> int:
    day = datetime(date.year(), date.month(), date.day(), tzinfo=UTC)
    if end_of_day:
        day = datetime.combine(day.date(), time.max, tzinfo=UTC)
    return int(day.timestamp() * 1000)


def day_text(ms: int) -> str:
    """A UTC day as the form shows dates (``2024-03-01``)."""
    return to_qdate(ms).toString(DAY_FORMAT)


class CandleSourceForm(QGroupBox):
    """The candles (platform, market, interval, dates or a CSV file), the budget and the fee.

    Signals:
        sig_choices_loaded(object): a platform's ``MarketChoices`` arrived and are shown.
        sig_choices_failed(object): asking the platform failed (the exception, in words).
    """

    sig_choices_loaded = Signal(object)
    sig_choices_failed = Signal(object)

    def __init__(self, core: Core, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("candleSource")
        self.setTitle(self.tr("Market"))
        self.core = core
        self.platforms: list[Platform] = []
        self.choices_job: Job | None = None
        self.choices: MarketChoices | None = None
        self.csv_path: Path | None = None
        self._pending: dict[str, str] = {}  # what to choose once the platform's choices arrive
        self._build()

    # --- building ---------------------------------------------------------------------------------
    def _build(self) -> None:
        self.platform_combo = ElidingComboBox()  # a platform's name can be long
        self.platform_combo.currentIndexChanged.connect(self._on_platform_changed)
        self.symbol_combo = QComboBox()
        self.symbol_combo.setEditable(True)
        self.symbol_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.symbol_combo.activated.connect(self._on_symbol_activated)
        self.interval_combo = QComboBox()
        self.price_label = QLabel("")
        self.price_label.setObjectName("backtestPrice")
        self.price_label.setWordWrap(True)
        self.price_label.setStyleSheet("color: palette(placeholder-text);")
        self.start_edit = QDateEdit()
        self.end_edit = QDateEdit()
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DAY_FORMAT)
        self.csv_button = QPushButton(self.tr("Import CSV…"))
        self.csv_button.setToolTip(
            self.tr(
                "Use candles from a file instead: the app's format (open_time,open,high,low,close,"
                "volume) or a Binance data dump."
            )
        )
        self.csv_button.clicked.connect(self._on_import_csv_clicked)
        self.csv_label = QLabel("")
        self.csv_label.setWordWrap(True)
        self.csv_label.setVisible(False)
        self.csv_clear = QPushButton(self.tr("Use dates"))
        self.csv_clear.clicked.connect(lambda: self.set_csv(None))
        self.csv_clear.setVisible(False)
        dates = QHBoxLayout()
        dates.addWidget(self.start_edit)
        dates.addWidget(QLabel("→"))
        dates.addWidget(self.end_edit)
        dates.addStretch(1)
        csv_row = QHBoxLayout()
        csv_row.addWidget(self.csv_button)
        csv_row.addWidget(self.csv_clear)
        csv_row.addStretch(1)
        self.budget_edit = AmountEdit()
        self.budget_edit.set_amount(Decimal(1000))
        self.budget_edit.setAccessibleName(self.tr("Budget"))
        self.budget_unit = QLabel("USDT")
        self.fee_edit = AmountEdit()
        self.fee_edit.set_amount(Decimal("0.1"))

        form = QFormLayout(self)
        # A narrow column (the guide open beside it, French labels) puts a field under its label
        # rather than cutting it.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("Platform:"), self.platform_combo)
        form.addRow(self.tr("Market:"), self.symbol_combo)
        form.addRow("", self.price_label)
        form.addRow(self.tr("Interval:"), self.interval_combo)
        form.addRow(self.tr("Dates (UTC):"), dates)
        form.addRow("", csv_row)
        form.addRow("", self.csv_label)
        add_amount_row(form, self.tr("Budget:"), self.budget_edit, self.budget_unit)
        add_amount_row(form, self.tr("Fee per trade:"), self.fee_edit, QLabel("%"))

    # --- platforms and markets --------------------------------------------------------------------
    def set_platforms(self, platforms: list[Platform]) -> None:
        """Offer these platforms; the demo comes first (it needs no key and no network)."""
        chosen = self.current_platform()
        self.platforms = sorted(
            platforms, key=lambda p: (p.type is not PlatformType.SIMULATED, p.name.lower())
        )
        self._fill_platforms(chosen.id if chosen else None)
        if self.platforms and (chosen is None or chosen.id != self.platform_combo.currentData()):
            self.load_choices()

    def _fill_platforms(self, wanted: int | None) -> None:
        self.platform_combo.blockSignals(True)
        self.platform_combo.clear()
        for platform in self.platforms:
            self.platform_combo.addItem(
                f"{platform.name} — {core_text(platform.type.label)}", platform.id
            )
        index = self.platform_combo.findData(wanted) if wanted is not None else 0
        self.platform_combo.setCurrentIndex(max(0, index))
        self.platform_combo.blockSignals(False)

    def current_platform(self) -> Platform | None:
        wanted = self.platform_combo.currentData()
        return next((p for p in self.platforms if p.id == wanted), None)

    def choose(self, platform_id: int, symbol: str, interval: str) -> Job | None:
        """Choose a platform, market and interval (the markets are loaded in a job)."""
        self._pending = {"symbol": symbol, "interval": interval}
        index = self.platform_combo.findData(platform_id)
        if index >= 0 and index != self.platform_combo.currentIndex():
            self.platform_combo.setCurrentIndex(index)  # loads the choices
            return self.choices_job
        return self.load_choices()

    def _on_platform_changed(self, _index: int = 0) -> None:
        self.load_choices()

    def _on_symbol_activated(self, _index: int) -> None:
        if self.current_platform() is not None:
            self.load_choices()  # the market's intervals, dates and last price

    def load_choices(self) -> Job | None:
        """Ask the platform (in a job) for its markets, intervals and default dates."""
        platform = self.current_platform()
        if platform is None:
            return None
        symbol = self._pending.get("symbol") or self.symbol_combo.currentText() or DEFAULT_SYMBOL
        interval = (
            self._pending.get("interval") or self.interval_combo.currentText() or DEFAULT_INTERVAL
        )
        if self.choices_job is not None:
            self.choices_job.cancel()
        self.choices_job = run_in_background(
            lambda: market_choices(self.core, platform, symbol, interval),
            lambda choices: self._on_choices(choices, symbol, interval),
            self._on_choices_failed,
            parent=self,
            name="backtest-markets",
        )
        return self.choices_job

    def _on_choices(self, choices: Any, symbol: str, interval: str) -> None:
        assert isinstance(choices, MarketChoices)
        self.choices_job = None
        keep_dates = "keep_dates" in self._pending
        self._pending.clear()
        self._show_choices(choices, symbol, interval, keep_dates)
        self.sig_choices_loaded.emit(choices)

    def _show_choices(
        self, choices: MarketChoices, symbol: str, interval: str, keep_dates: bool
    ) -> None:
        self.symbol_combo.clear()
        self.symbol_combo.addItems(choices.symbols)
        self.symbol_combo.setCurrentText(
            symbol
            if symbol in choices.symbols
            else (choices.symbols[0] if choices.symbols else symbol)
        )
        self.interval_combo.clear()
        self.interval_combo.addItems(choices.intervals)
        if interval in choices.intervals:
            self.interval_combo.setCurrentText(interval)
        if not keep_dates:
            self.start_edit.setDate(to_qdate(choices.start_ms))
            self.end_edit.setDate(to_qdate(choices.end_ms))
        self.choices = choices
        self._show_price()

    def _on_choices_failed(self, error: BaseException) -> None:
        self.choices_job = None
        self._pending.clear()
        self.sig_choices_failed.emit(error)

    def _show_price(self) -> None:
        choices = self.choices
        if choices is None or choices.price is None or choices.rules is None:
            self.price_label.setText("")
            return
        quote = choices.rules.quote_asset
        self.budget_unit.setText(quote)
        self.price_label.setText(
            self.tr("Last price: %1").replace("%1", format_amount(choices.price, None, unit=quote))
        )

    @property
    def quote(self) -> str:
        """The quote asset of the chosen market (what the budget is counted in)."""
        return self.budget_unit.text()

    # --- a file instead of dates ------------------------------------------------------------------
    def set_csv(self, path: Path | None) -> None:
        """Use candles from ``path`` (None: download them for the dates)."""
        self.csv_path = path
        self.csv_label.setText(self.tr("Candles from %1").replace("%1", path.name) if path else "")
        self.csv_label.setVisible(path is not None)
        self.csv_clear.setVisible(path is not None)
        self.start_edit.setEnabled(path is None)
        self.end_edit.setEnabled(path is None)

    def _on_import_csv_clicked(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import candles"), "", self.tr("CSV files (*.csv);;All files (*)")
        )
        if name:
            self.set_csv(Path(name))

    # --- copying ----------------------------------------------------------------------------------
    def copy_from(self, other: CandleSourceForm) -> Job | None:
        """Take ``other``'s platform, market, interval, dates or file, budget and fee, as typed.

        The markets ``other`` already loaded are reused; if it is still asking its platform, this
        form asks too (a job). Returns that job, if any.
        """
        self.platforms = list(other.platforms)
        platform = other.current_platform()
        self._fill_platforms(platform.id if platform else None)
        self.set_csv(other.csv_path)
        self.start_edit.setDate(other.start_edit.date())
        self.end_edit.setDate(other.end_edit.date())
        self.budget_edit.setText(other.budget_edit.text())
        self.fee_edit.setText(other.fee_edit.text())
        self.budget_unit.setText(other.budget_unit.text())
        symbol = other._pending.get("symbol") or other.symbol_combo.currentText()
        interval = other._pending.get("interval") or other.interval_combo.currentText()
        if other.choices is not None and other.choices_job is None:
            self._show_choices(other.choices, symbol, interval, keep_dates=True)
            self.symbol_combo.setCurrentText(other.symbol_combo.currentText())
            return None
        self._pending = {"symbol": symbol, "interval": interval}
        if other.choices is not None:  # its dates are a choice, not the empty form's
            self._pending["keep_dates"] = "yes"
        return self.load_choices()

    # --- reading ----------------------------------------------------------------------------------
    def request(
        self, strategy: str, params: Mapping[str, str], params_ok: bool = True
    ) -> BacktestRequest:
        """The form as a request for ``strategy``; ``ValidationError`` in words when something is
        wrong (``params_ok`` False: a parameter field shows a red note)."""
        from crypty_desktop.gui.backtest_results import BacktestRequest

        platform = self.current_platform()
        if platform is None:
            raise ValidationError(self.tr("Choose a platform first."))
        symbol = self.symbol_combo.currentText().strip().upper()
        interval = self.interval_combo.currentText()
        if not symbol:
            raise ValidationError(self.tr("Choose a market."))
        if interval not in INTERVAL_MS:
            raise ValidationError(self.tr("Choose a candle interval."))
        start = day_ms(self.start_edit.date(), end_of_day=False)
        end = day_ms(self.end_edit.date(), end_of_day=True)
        if self.csv_path is None and end < start:
            raise ValidationError(self.tr("The end date is before the start date."))
        budget_ok, typed_budget = self.budget_edit.checked_amount()
        fee_ok, typed_fee = self.fee_edit.checked_amount()
        if not (budget_ok and fee_ok and params_ok):
            raise ValidationError(
                self.tr("A number is not written the way this window reads it: see the red note.")
            )
        request = BacktestRequest(
            platform,
            symbol,
            interval,
            start,
            end,
            strategy,
            dict(params),
            Decimal(0) if typed_budget is None else typed_budget,
            Decimal(0) if typed_fee is None else typed_fee,
            self.csv_path,
        )
        check_request(request)  # the core's checks (budget, fee, strategy), in its words
        return request
