"""The Backtests page: set up a strategy on past candles, run it in the background, see results.

On the left, the set-up: platform (the demo by default), market, interval, dates (or a CSV file),
strategy and parameters, budget and fee. "Download history" fetches only the missing candles;
"Run backtest" downloads what is missing then replays, both in a job with progress and Cancel.
Each result opens in its own tab on the right (see ``backtest_results``, imported on first use so
that the window opens without the backtest engine).

``open_backtest_for(spec)`` fills the form from a bot and runs it ("Backtest this bot").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crypty_desktop.backtest.run import Progress, check_request
from crypty_desktop.domain.bots import BotSpec
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.filters import smallest_budget
from crypty_desktop.domain.market import INTERVAL_MS, SymbolRules
from crypty_desktop.domain.orders import OrderType
from crypty_desktop.domain.platform import Platform, PlatformType
from crypty_desktop.gui.amount_field import AmountEdit, add_amount_row
from crypty_desktop.gui.feedback import MessagePanel
from crypty_desktop.gui.i18n import core_text, format_amount
from crypty_desktop.gui.jobs import Job, JobControl, run_cancellable, run_in_background
from crypty_desktop.gui.pages import Page, paragraph
from crypty_desktop.gui.param_form import ParamForm
from crypty_desktop.gui.qt import (
    QComboBox,
    QCoreApplication,
    QDate,
    QDateEdit,
    QEvent,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QObject,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    Qt,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)
from crypty_desktop.gui.strategy_words import strategy_text
from crypty_desktop.strategies.grid import suggested_grid
from crypty_desktop.strategies.registry import STRATEGIES

if TYPE_CHECKING:
    from crypty_desktop.app import Core
    from crypty_desktop.gui.backtest_results import (
        BacktestOutcome,
        BacktestRequest,
        BacktestResultView,
    )

BINANCE_INTERVALS = ("1m", "5m", "15m", "1h", "4h", "1d")
DEFAULT_SYMBOL = "BTCUSDT"
DEFAULT_INTERVAL = "1h"
DEFAULT_STRATEGY = "sma_cross"
BINANCE_DAYS = 30
FORM_MIN_WIDTH, FORM_MAX_WIDTH = 340, 420  # the set-up column, unless its fields need more


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


def _to_qdate(ms: int) -> QDate:
    day = datetime.fromtimestamp(ms / 1000, UTC).date()
    return QDate(day.year, day.month, day.day)


def _day_ms(date: QDate, end_of_day: bool) -> int:
    day = datetime(date.year(), date.month(), date.day(), tzinfo=UTC)
    if end_of_day:
        day = datetime.combine(day.date(), time.max, tzinfo=UTC)
    return int(day.timestamp() * 1000)


class BacktestsPage(Page):
    """The Backtests page.

    Signals:
        sig_result_opened(object): a ``BacktestResultView`` was added as a tab.
        sig_bot_requested(object): a result's "Run as a Ghost bot…" (a draft ``BotSpec``).
    """

    sig_result_opened = Signal(object)
    sig_bot_requested = Signal(object)

    def __init__(self, core: Core, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("BacktestsPage", "Backtests"), parent)
        self.core = core
        self.platforms: list[Platform] = []
        self.job: Job | None = None
        self.choices_job: Job | None = None
        self.csv_path: Path | None = None
        self.choices: MarketChoices | None = None
        self._pending: dict[str, str] = {}
        self._run_after_choices = False
        self._build()

    # --- building ---------------------------------------------------------------------------------
    def _build(self) -> None:
        self.platform_combo = QComboBox()
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
            edit.setDisplayFormat("yyyy-MM-dd")
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
        self.csv_clear = QPushButton(self.tr("Use dates"))
        self.csv_clear.clicked.connect(lambda: self.set_csv(None))
        self.csv_clear.setVisible(False)
        dates = QHBoxLayout()
        dates.addWidget(self.start_edit)
        dates.addWidget(QLabel("→"))
        dates.addWidget(self.end_edit)
        csv_row = QHBoxLayout()
        csv_row.addWidget(self.csv_button)
        csv_row.addWidget(self.csv_clear)
        csv_row.addStretch(1)

        market_box = QGroupBox(self.tr("Market"))
        market = QFormLayout(market_box)
        market.addRow(self.tr("Platform:"), self.platform_combo)
        market.addRow(self.tr("Market:"), self.symbol_combo)
        market.addRow("", self.price_label)
        market.addRow(self.tr("Interval:"), self.interval_combo)
        market.addRow(self.tr("Dates (UTC):"), dates)
        market.addRow("", csv_row)
        market.addRow("", self.csv_label)

        self.strategy_combo = QComboBox()
        for name, cls in STRATEGIES.items():
            self.strategy_combo.addItem(strategy_text(cls.title), name)
        self.strategy_combo.currentIndexChanged.connect(self._on_strategy_changed)
        self.strategy_text = paragraph("")
        self.strategy_text.setStyleSheet("color: palette(placeholder-text);")
        self.params = ParamForm()
        self.params.follow(self.strategy_combo)
        self.budget_edit = AmountEdit()
        self.budget_edit.set_amount(Decimal(1000))
        self.budget_edit.setAccessibleName(self.tr("Budget"))
        self.budget_unit = QLabel("USDT")
        self.fee_edit = AmountEdit()
        self.fee_edit.set_amount(Decimal("0.1"))
        strategy_box = QGroupBox(self.tr("Strategy"))
        strategy = QFormLayout(strategy_box)
        strategy.addRow(self.tr("Strategy:"), self.strategy_combo)
        strategy.addRow(self.strategy_text)
        strategy.addRow(self.params)
        add_amount_row(strategy, self.tr("Budget:"), self.budget_edit, self.budget_unit)
        add_amount_row(strategy, self.tr("Fee per trade:"), self.fee_edit, QLabel("%"))

        self.download_button = QPushButton(self.tr("Download history"))
        self.download_button.setToolTip(
            self.tr(
                "Fetch and keep the candles of these dates (only those "
                "missing), without running anything."
            )
        )
        self.download_button.clicked.connect(self.download)
        self.run_button = QPushButton(self.tr("Run backtest"))
        self.run_button.setDefault(True)
        self.run_button.setMinimumHeight(32)
        self.run_button.clicked.connect(self.run)
        buttons = QHBoxLayout()
        buttons.addWidget(self.download_button)
        buttons.addWidget(self.run_button, 1)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(12)
        self.progress_label = QLabel("")
        self.progress_label.setWordWrap(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        self.message = MessagePanel()

        form = QWidget()
        column = QVBoxLayout(form)
        column.setContentsMargins(0, 0, 8, 0)
        column.addWidget(market_box)
        column.addWidget(strategy_box)
        column.addLayout(buttons)
        column.addLayout(progress_row)
        column.addWidget(self.progress_label)
        column.addWidget(self.message)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form = form
        self.form_scroll = scroll
        self._fit_form()
        form.installEventFilter(self)  # what the form holds changes: it keeps fitting

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Backtest results"))
        self.tabs.setTabsClosable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.tabCloseRequested.connect(self._on_tab_close_requested)
        self.intro = paragraph(
            self.tr(
                "Choose a market, dates and a strategy, then Run backtest. The strategy replays "
                "the candles exactly as a Ghost bot would trade them, with fees, and each result "
                "opens here in its own tab: the figures, the chart with every buy and sell, the "
                "equity against simply buying and holding, and the list of trades.\n\nPast "
                "results do not promise future ones."
            )
        )
        self.intro.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.intro.setMaximumWidth(560)
        intro_page = QWidget()
        intro_layout = QVBoxLayout(intro_page)
        intro_layout.setContentsMargins(24, 24, 24, 24)
        intro_layout.addWidget(self.intro)
        intro_layout.addStretch(1)
        self.tabs.addTab(intro_page, self.tr("Start"))
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("backtestSplitter")  # its sizes are remembered
        splitter.addWidget(scroll)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        from crypty_desktop.gui.optimise_tab import OptimiseTab

        self.optimise = OptimiseTab(self, self.core)
        self.optimise.sig_bot_requested.connect(self.sig_bot_requested)
        self.modes = QTabWidget()  # "Backtest" (this form and its results) and "Optimise"
        self.modes.setObjectName("backtestModes")
        self.modes.setAccessibleName(self.tr("Backtest or optimise"))
        self.modes.addTab(splitter, self.tr("Backtest"))
        self.modes.addTab(self.optimise, self.tr("Optimise"))
        self.body.addWidget(self.modes, 1)
        self.strategy_combo.setCurrentIndex(max(0, self.strategy_combo.findData(DEFAULT_STRATEGY)))
        self._on_strategy_changed()
        self._set_busy(False)

    # --- platforms and markets --------------------------------------------------------------------
    def set_platforms(self, platforms: list[Platform]) -> None:
        """Offer these platforms; the demo comes first (it needs no key and no network)."""
        chosen = self.current_platform()
        self.platforms = sorted(
            platforms, key=lambda p: (p.type is not PlatformType.SIMULATED, p.name.lower())
        )
        self.platform_combo.blockSignals(True)
        self.platform_combo.clear()
        for platform in self.platforms:
            self.platform_combo.addItem(
                f"{platform.name} — {core_text(platform.type.label)}", platform.id
            )
        index = self.platform_combo.findData(chosen.id) if chosen else 0
        self.platform_combo.setCurrentIndex(max(0, index))
        self.platform_combo.blockSignals(False)
        self.run_button.setEnabled(bool(self.platforms))
        self.download_button.setEnabled(bool(self.platforms))
        if not self.platforms:
            self.message.show_message(
                "info", self.tr("Add a platform first (the offline demo is enough).")
            )
        elif chosen is None or chosen.id != self.platform_combo.currentData():
            self._on_platform_changed()

    def current_platform(self) -> Platform | None:
        wanted = self.platform_combo.currentData()
        return next((p for p in self.platforms if p.id == wanted), None)

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
        if "start_ms" not in self._pending:
            self.start_edit.setDate(_to_qdate(choices.start_ms))
            self.end_edit.setDate(_to_qdate(choices.end_ms))
        self._pending.clear()
        self.message.clear()
        self.choices = choices
        self._show_price()
        if self._run_after_choices:
            self._run_after_choices = False
            self.run()

    def _on_choices_failed(self, error: BaseException) -> None:
        self.choices_job = None
        self._run_after_choices = False
        self.message.show_error(error)

    # --- strategy -------------------------------------------------------------------------------
    def _on_strategy_changed(self, _index: int = 0) -> None:
        name = self.strategy_combo.currentData()
        self.params.set_strategy(name)
        cls = STRATEGIES.get(name)
        self.strategy_text.setText(strategy_text(cls.description) if cls else "")
        self._suggest_grid()
        self._fit_form()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is getattr(self, "form", None) and event.type() is QEvent.Type.LayoutRequest:
            self._fit_form()
        return super().eventFilter(watched, event)

    def _fit_form(self) -> None:
        """The set-up column is never narrower than its fields need (it has no horizontal
        scroll bar: French labels and a grid's fields were cut off on the right)."""
        scroll = getattr(self, "form_scroll", None)
        if scroll is None:
            return
        needed = self.form.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width()
        scroll.setMinimumWidth(max(FORM_MIN_WIDTH, needed))
        scroll.setMaximumWidth(max(FORM_MAX_WIDTH, needed))

    def _show_price(self) -> None:
        choices = self.choices
        if choices is None or choices.price is None or choices.rules is None:
            self.price_label.setText("")
            return
        quote = choices.rules.quote_asset
        self.budget_unit.setText(quote)
        self.params.set_quote(quote)
        self.price_label.setText(
            self.tr("Last price: %1").replace("%1", format_amount(choices.price, None, unit=quote))
        )
        self._suggest_grid()

    def _suggest_grid(self) -> None:
        """A grid's fields the user has not set take values around the market's last price."""
        choices = self.choices
        if self.strategy_combo.currentData() != "grid" or choices is None:
            return
        if choices.price is None or choices.rules is None:
            return
        minimum = smallest_budget(choices.rules, choices.price, OrderType.LIMIT)
        try:
            budget = self.budget_edit.amount()
        except ValidationError:
            budget = None
        self.params.suggest(
            dict(suggested_grid(choices.price, choices.rules.tick_size, minimum, budget))
        )

    def set_csv(self, path: Path | None) -> None:
        """Use candles from ``path`` (None: download them for the dates)."""
        self.csv_path = path
        self.csv_label.setText(self.tr("Candles from %1").replace("%1", path.name) if path else "")
        self.csv_clear.setVisible(path is not None)
        self.start_edit.setEnabled(path is None)
        self.end_edit.setEnabled(path is None)

    def _on_import_csv_clicked(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import candles"), "", self.tr("CSV files (*.csv);;All files (*)")
        )
        if name:
            self.set_csv(Path(name))

    # --- running --------------------------------------------------------------------------------
    def request(self) -> BacktestRequest:
        """The form as a request; ``ValidationError`` in words when something is wrong."""
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
        start = _day_ms(self.start_edit.date(), end_of_day=False)
        end = _day_ms(self.end_edit.date(), end_of_day=True)
        if self.csv_path is None and end < start:
            raise ValidationError(self.tr("The end date is before the start date."))
        budget_ok, typed_budget = self.budget_edit.checked_amount()
        fee_ok, typed_fee = self.fee_edit.checked_amount()
        if not (budget_ok and fee_ok and self.params.check()):
            raise ValidationError(
                self.tr("A number is not written the way this window reads it: see the red note.")
            )
        request = BacktestRequest(
            platform,
            symbol,
            interval,
            start,
            end,
            self.strategy_combo.currentData(),
            self.params.values(),
            Decimal(0) if typed_budget is None else typed_budget,
            Decimal(0) if typed_fee is None else typed_fee,
            self.csv_path,
        )
        check_request(request)  # the core's checks (budget, fee, strategy), in its words
        return request

    def run(self) -> Job | None:
        """Download what is missing and replay, in a job. Returns it (None if the form is wrong)."""
        return self._start(download_only=False)

    def download(self) -> Job | None:
        """Only fetch the history of the chosen dates, in a job."""
        return self._start(download_only=True)

    def _start(self, download_only: bool) -> Job | None:
        if self.job is not None:
            return self.job
        try:
            request = self.request()
        except ValidationError as error:
            self.message.show_error(error)
            return None
        self.message.clear()
        core = self.core
        from crypty_desktop.gui.backtest_results import load_candles, run_backtest_job

        def work(control: JobControl) -> object:
            if download_only:
                return load_candles(core, request, control.report, control)
            return run_backtest_job(core, request, control.report, control)

        self._set_busy(
            True, self.tr("Downloading history…") if download_only else self.tr("Starting…")
        )
        self.job = run_cancellable(
            work,
            self._on_downloaded if download_only else self._on_finished,
            self._on_failed,
            parent=self,
            name="backtest",
            on_progress=self._on_progress,
        )
        return self.job

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.job = None
        self._set_busy(False)
        self.progress_label.setText(self.tr("Cancelled. The candles downloaded so far are kept."))

    def _on_progress(self, value: object) -> None:
        from crypty_desktop.gui.backtest_results import show_progress

        if isinstance(value, Progress):
            show_progress(self.progress, self.progress_label, value)

    def _on_downloaded(self, candles: object) -> None:
        self.job = None
        self._set_busy(False)
        count = len(candles) if isinstance(candles, list) else 0
        self.progress_label.setText(
            self.tr("%1 candles ready for these dates.").replace(
                "%1", format_amount(Decimal(count), 0)
            )
        )

    def _on_finished(self, outcome: object) -> None:
        from crypty_desktop.gui.backtest_results import BacktestOutcome

        self.job = None
        self._set_busy(False)
        assert isinstance(outcome, BacktestOutcome)
        done = (
            self.tr("Done: %1 candles replayed in %2 s.")
            .replace("%1", format_amount(Decimal(outcome.summary.candles), 0))
            .replace("%2", format_amount(Decimal(f"{outcome.summary.seconds:.2f}")))
        )
        note = core_text(outcome.note)
        self.progress_label.setText(f"{done}\n{note}" if note else done)
        self.open_result(outcome)

    def _on_failed(self, error: BaseException) -> None:
        self.job = None
        self._set_busy(False)
        self.progress_label.setText("")
        self.message.show_error(error)

    def open_result(self, outcome: BacktestOutcome) -> BacktestResultView:
        from crypty_desktop.gui.backtest_results import BacktestResultView

        view = BacktestResultView(outcome)
        view.sig_bot_requested.connect(self.sig_bot_requested)
        index = self.tabs.addTab(view, outcome.request.title())
        self.tabs.setTabToolTip(index, outcome.request.title())
        self.tabs.setCurrentIndex(index)
        self.sig_result_opened.emit(view)
        return view

    def _on_tab_close_requested(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is not None and widget.objectName() == "backtestResult":
            self.tabs.removeTab(index)
            widget.deleteLater()

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.run_button.setEnabled(not busy and bool(self.platforms))
        self.download_button.setEnabled(not busy and bool(self.platforms))
        self.cancel_button.setVisible(busy)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
            self.progress_label.setText(text)

    # --- from a bot -----------------------------------------------------------------------------
    def open_backtest_for(self, spec: BotSpec, run: bool = True) -> None:
        """Fill the form with a bot's platform, market, strategy, parameters and budget.

        With ``run``, the backtest starts as soon as the platform's markets are known.
        """
        self.set_csv(None)
        index = self.platform_combo.findData(spec.platform_id)
        self.strategy_combo.setCurrentIndex(max(0, self.strategy_combo.findData(spec.strategy)))
        self.params.set_values(dict(spec.params))
        self.budget_edit.set_amount(spec.budget)
        self._pending = {"symbol": spec.symbol, "interval": spec.interval}
        self._run_after_choices = run
        if index >= 0 and index != self.platform_combo.currentIndex():
            self.platform_combo.setCurrentIndex(index)  # loads the choices
        else:
            self.load_choices()
