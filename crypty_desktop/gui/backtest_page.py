"""The Backtests page: set up a strategy on past candles, run it in the background, see results.

On the left, the set-up: the candles and the money (``candle_source``: platform, the demo by
default, market, interval, dates or a CSV file, budget and fee), then strategy and parameters.
"Download history" fetches only the missing candles; "Run backtest" downloads what is missing
then replays, both in a job with progress and Cancel. The Optimise tab has its own copy of the
candles' form (``optimise_tab``).
Each result opens in its own tab on the right (see ``backtest_results``, imported on first use so
that the window opens without the backtest engine).

``open_backtest_for(spec)`` fills the form from a bot and runs it ("Backtest this bot").
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from crypty_desktop.backtest.run import Progress
from crypty_desktop.domain.bots import BotSpec
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.filters import smallest_budget
from crypty_desktop.domain.orders import OrderType
from crypty_desktop.domain.platform import Platform
from crypty_desktop.gui.candle_source import (
    BINANCE_INTERVALS,
    DEFAULT_INTERVAL,
    DEFAULT_SYMBOL,
    CandleSourceForm,
    MarketChoices,
    market_choices,
)
from crypty_desktop.gui.feedback import MessagePanel
from crypty_desktop.gui.i18n import core_text, format_amount
from crypty_desktop.gui.jobs import Job, JobControl, run_cancellable
from crypty_desktop.gui.pages import Page, paragraph
from crypty_desktop.gui.param_form import ParamForm
from crypty_desktop.gui.qt import (
    QComboBox,
    QCoreApplication,
    QEvent,
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

DEFAULT_STRATEGY = "sma_cross"
FORM_MIN_WIDTH, FORM_MAX_WIDTH = 340, 420  # the set-up column, unless its fields need more
__all__ = [  # the candles' form lives in candle_source; these names stay importable from here
    "BINANCE_INTERVALS", "DEFAULT_INTERVAL", "DEFAULT_SYMBOL", "BacktestsPage", "MarketChoices",
    "market_choices",
]  # fmt: skip


class BacktestsPage(Page):
    """The Backtests page.

    Signals:
        sig_result_opened(object): a ``BacktestResultView`` was added as a tab.
        sig_bot_requested(object): a result's "Run as a Ghost bot…" (a draft ``BotSpec``).
        sig_help_requested(str): the user asked for the guide on this topic.
    """

    sig_result_opened = Signal(object)
    sig_bot_requested = Signal(object)
    sig_help_requested = Signal(str)

    def __init__(self, core: Core, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("BacktestsPage", "Backtests"), parent)
        self.core = core
        self.job: Job | None = None
        self._run_after_choices = False
        self._build()

    # --- the candles' form (its own widget, see candle_source) -----------------------------------
    @property
    def platforms(self) -> list[Platform]:
        return self.source_form.platforms

    @property
    def choices_job(self) -> Job | None:
        return self.source_form.choices_job

    @property
    def choices(self) -> MarketChoices | None:
        return self.source_form.choices

    @property
    def csv_path(self) -> Path | None:
        return self.source_form.csv_path

    # --- building ---------------------------------------------------------------------------------
    def _build(self) -> None:
        form_ = CandleSourceForm(self.core)
        form_.sig_choices_loaded.connect(self._on_choices)
        form_.sig_choices_failed.connect(self._on_choices_failed)
        self.source_form = form_
        # the form's fields, by the names the page has always had
        self.platform_combo, self.symbol_combo = form_.platform_combo, form_.symbol_combo
        self.interval_combo, self.price_label = form_.interval_combo, form_.price_label
        self.start_edit, self.end_edit = form_.start_edit, form_.end_edit
        self.budget_edit, self.budget_unit = form_.budget_edit, form_.budget_unit
        self.fee_edit = form_.fee_edit

        self.strategy_combo = QComboBox()
        for name, cls in STRATEGIES.items():
            self.strategy_combo.addItem(strategy_text(cls.title), name)
        self.strategy_combo.currentIndexChanged.connect(self._on_strategy_changed)
        self.strategy_text = paragraph("")
        self.strategy_text.setStyleSheet("color: palette(placeholder-text);")
        self.params = ParamForm()
        self.params.follow(self.strategy_combo)
        strategy_box = QGroupBox(self.tr("Strategy"))
        strategy = QFormLayout(strategy_box)
        strategy.addRow(self.tr("Strategy:"), self.strategy_combo)
        strategy.addRow(self.strategy_text)
        strategy.addRow(self.params)

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
        column.addWidget(self.source_form)
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
        self.optimise.sig_help_requested.connect(self.sig_help_requested)
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
        """Offer these platforms on both tabs; the demo comes first (no key, no network)."""
        self.source_form.set_platforms(platforms)
        self.optimise.set_platforms(platforms)
        self.run_button.setEnabled(bool(self.platforms))
        self.download_button.setEnabled(bool(self.platforms))
        if not self.platforms:
            self.message.show_message(
                "info", self.tr("Add a platform first (the offline demo is enough).")
            )

    def current_platform(self) -> Platform | None:
        return self.source_form.current_platform()

    def load_choices(self) -> Job | None:
        """Ask the platform (in a job) for its markets, intervals and default dates."""
        return self.source_form.load_choices()

    def _on_choices(self, choices: object) -> None:
        assert isinstance(choices, MarketChoices)
        self.message.clear()
        self._show_price()
        if self._run_after_choices:
            self._run_after_choices = False
            self.run()

    def _on_choices_failed(self, error: BaseException) -> None:
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
        """The form shows the market's last price; the grid's fields take its quote asset."""
        choices = self.choices
        if choices is None or choices.price is None or choices.rules is None:
            return
        self.params.set_quote(choices.rules.quote_asset)
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
        self.source_form.set_csv(path)

    # --- running --------------------------------------------------------------------------------
    def request(self) -> BacktestRequest:
        """The form as a request; ``ValidationError`` in words when something is wrong."""
        params_ok = self.params.check()
        return self.source_form.request(
            self.strategy_combo.currentData(), self.params.values(), params_ok
        )

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
        self.strategy_combo.setCurrentIndex(max(0, self.strategy_combo.findData(spec.strategy)))
        self.params.set_values(dict(spec.params))
        self.budget_edit.set_amount(spec.budget)
        self._run_after_choices = run
        self.source_form.choose(spec.platform_id, spec.symbol, spec.interval)
