"""The Backtests page's "Optimise" tab: search a strategy's parameters and risk settings on
candles of its own choosing (a platform's dates or a CSV file, with a budget and a fee).

On the left, the set-up: the candles (``candle_source``: the same form as the Backtest tab's, its
own copy, which starts from the Backtest tab's values the first time the tab is shown and then
changes only here), the strategy, the values to try for each parameter and risk setting
(one value, a range FROM:TO:STEP or choices separated by ";"), grid or random search, the
objective, the fewest round trips, walk-forward folds and Monte Carlo runs. "Optimise" runs the
whole of ``backtest.lab`` in a job: worker processes on every core, a progress bar with the time
left, and Cancel, which ends the worker processes. The result (``optimise_results``, imported on
first use like the backtest engine) replaces the introduction on the right and says which candles
it was run on; its Ghost bot trades that platform, market and interval. "How to read an
optimisation" opens the guide's topic (``OPTIMISE_TOPIC``).
"""

from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from crypty_desktop.backtest.montecarlo import WINDOW_MAX_RUNS
from crypty_desktop.domain.amounts import parse_amount
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.gui.candle_source import CandleSourceForm
from crypty_desktop.gui.feedback import MessagePanel
from crypty_desktop.gui.i18n import core_text, current_language, format_amount
from crypty_desktop.gui.jobs import Job, JobControl, run_cancellable
from crypty_desktop.gui.pages import paragraph
from crypty_desktop.gui.qt import (
    QT_TRANSLATE_NOOP,
    QComboBox,
    QCoreApplication,
    QEvent,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QObject,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QShowEvent,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from crypty_desktop.gui.strategy_words import strategy_text
from crypty_desktop.help import OPTIMISE_TOPIC
from crypty_desktop.strategies.registry import STRATEGIES

if TYPE_CHECKING:
    from crypty_desktop.app import Core
    from crypty_desktop.backtest.lab import LabResult
    from crypty_desktop.domain.platform import Platform
    from crypty_desktop.gui.backtest_page import BacktestsPage
    from crypty_desktop.gui.backtest_results import BacktestRequest
    from crypty_desktop.gui.optimise_results import OptimiseResultsView
    from crypty_desktop.strategies.base import ParamSpec

CONTEXT = "OptimiseTab"
OBJECTIVES = {
    "net_pnl": QT_TRANSLATE_NOOP("OptimiseTab", "Net P&L after fees"),
    "sharpe": QT_TRANSLATE_NOOP("OptimiseTab", "Sharpe ratio"),
    "sortino": QT_TRANSLATE_NOOP("OptimiseTab", "Sortino ratio"),
    "calmar": QT_TRANSLATE_NOOP("OptimiseTab", "Calmar ratio"),
    "profit_factor": QT_TRANSLATE_NOOP("OptimiseTab", "Profit factor"),
}
RISK_ROWS = (
    ("risk.stop_loss_pct", QT_TRANSLATE_NOOP("OptimiseTab", "Stop-loss %")),
    ("risk.take_profit_pct", QT_TRANSLATE_NOOP("OptimiseTab", "Take-profit %")),
    ("risk.trailing_stop_pct", QT_TRANSLATE_NOOP("OptimiseTab", "Trailing stop %")),
    ("risk.max_drawdown_pct", QT_TRANSLATE_NOOP("OptimiseTab", "Max drawdown %")),
)
LEFT_MIN_WIDTH, LEFT_MAX_WIDTH = 340, 440  # the set-up column, unless its fields need more
YES = ("yes", "true", "1", "oui", "vrai")
NO = ("no", "false", "0", "non", "faux")


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def objective_label(objective: str) -> str:
    return _tr(OBJECTIVES.get(objective, objective))


def suggested_values(spec: ParamSpec) -> str:
    """What a parameter's field starts with: a range around a whole-number default of 2 or more
    (``fast`` 10: ``5:20:2``), else the default alone (risk settings: 0, off)."""
    default = spec.default
    if spec.type is int and isinstance(default, int) and default >= 2:
        low = max(default // 2, int(spec.minimum or 0))
        return f"{low}:{default * 2}:{max(1, default // 4)}"
    if spec.type is bool:
        return (
            QCoreApplication.translate("OptimiseTab", "yes")
            if default
            else QCoreApplication.translate("OptimiseTab", "no")
        )
    return _number(Decimal(str(default)))


def _number(value: Decimal) -> str:
    return format_amount(value, None)


def read_values(name: str, label: str, typed: str, is_bool: bool) -> list[str]:
    """A field's values as plain text for the core: one value, FROM:TO:STEP, or A; B; C."""
    from crypty_desktop.backtest.optimize import parse_range

    wrong = ValidationError(
        QCoreApplication.translate(
            "OptimiseTab",
            "%1: write one value (10), a range FROM:TO:STEP (5:50:5) or choices separated by ; "
            "(5; 10; 20).",
        ).replace("%1", label)  # fmt: skip
    )
    typed = typed.strip()
    if not typed:
        raise wrong
    if is_bool:
        words = [w.strip().lower() for w in typed.split(";") if w.strip()]
        if not words or any(w not in YES + NO for w in words):
            raise wrong
        return list(dict.fromkeys("true" if w in YES else "false" for w in words))
    language = current_language()
    try:
        if ":" in typed:
            parts = [format(parse_amount(p, language), "f") for p in typed.split(":")]
            if len(parts) != 3:
                raise wrong
            return parse_range(f"{name}={':'.join(parts)}")[1]
        values = [format(parse_amount(p, language), "f") for p in typed.split(";") if p.strip()]
    except ValidationError:
        raise wrong from None
    if not values:
        raise wrong
    return list(dict.fromkeys(values))


class OptimiseTab(QWidget):
    """Signals:
    sig_bot_requested(object): a confirmed "Run as a Ghost bot…" (a draft ``BotSpec``).
    sig_result_opened(object): an ``OptimiseResultsView`` is shown.
    sig_help_requested(str): the user asked for the guide on this tab (a topic id).
    """

    sig_bot_requested = Signal(object)
    sig_result_opened = Signal(object)
    sig_help_requested = Signal(str)

    def __init__(self, page: BacktestsPage, core: Core, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("optimiseTab")
        self.page = page
        self.core = core
        self.job: Job | None = None
        self.running: BacktestRequest | None = None  # the candles being optimised (see run)
        self.seeded = False  # the form took the Backtest tab's values (see seed)
        self.view: OptimiseResultsView | None = None
        self.fields: dict[str, tuple[QLineEdit, str, bool]] = {}  # name: (field, label, bool?)
        self._build()

    # --- building ---------------------------------------------------------------------------------
    def _build(self) -> None:
        self.source_form = CandleSourceForm(self.core)
        self.source_form.setTitle(self.tr("Candles"))
        self.source_form.sig_choices_loaded.connect(self._on_choices_loaded)
        self.source_form.sig_choices_failed.connect(self._on_failed_choices)
        self.help_link = QLabel(
            f'<a href="{OPTIMISE_TOPIC}">' + self.tr("How to read an optimisation") + "</a>"
        )
        self.help_link.setObjectName("optimiseHelp")
        self.help_link.setToolTip(
            self.tr("The settings, the checks against overfitting and their limits, in the guide.")
        )
        self.help_link.linkActivated.connect(self.sig_help_requested)

        self.strategy_combo = QComboBox()
        for name, cls in STRATEGIES.items():
            self.strategy_combo.addItem(strategy_text(cls.title), name)
        self.strategy_combo.currentIndexChanged.connect(self._on_strategy_changed)
        self.values_form = QFormLayout()
        hint = paragraph(
            self.tr(
                "For each: one value (10), a range FROM:TO:STEP (5:50:5) or choices "
                "separated by ; (5; 10; 20). A risk setting of 0 is off."
            )  # fmt: skip
        )
        hint.setStyleSheet("color: palette(placeholder-text);")
        self.count_label = QLabel("")
        self.count_label.setObjectName("combinationCount")
        values_box = QGroupBox(self.tr("Strategy and values to try"))
        values = QVBoxLayout(values_box)
        top = QFormLayout()
        top.addRow(self.tr("Strategy:"), self.strategy_combo)
        values.addLayout(top)
        values.addLayout(self.values_form)
        values.addWidget(hint)
        values.addWidget(self.count_label)

        self.grid_radio = QRadioButton(self.tr("Every combination"))
        self.random_radio = QRadioButton(self.tr("Random sample of"))
        self.grid_radio.setChecked(True)
        self.samples = QSpinBox()
        self.samples.setRange(1, 100_000)
        self.samples.setValue(100)
        self.samples.setEnabled(False)
        self.random_radio.toggled.connect(self.samples.setEnabled)
        self.random_radio.toggled.connect(self._update_count)
        self.samples.valueChanged.connect(self._update_count)
        random_row = QHBoxLayout()
        random_row.addWidget(self.random_radio)
        random_row.addWidget(self.samples)
        random_row.addStretch(1)
        self.objective_combo = QComboBox()
        for key, label in OBJECTIVES.items():
            self.objective_combo.addItem(_tr(label), key)
        self.min_trades = QSpinBox()
        self.min_trades.setRange(0, 100_000)
        self.min_trades.setValue(3)
        self.folds = QSpinBox()
        self.folds.setRange(0, 20)
        self.folds.setValue(3)
        self.runs = QSpinBox()
        self.runs.setRange(0, WINDOW_MAX_RUNS)  # measured: bench/bench_optimize.py
        self.runs.setSingleStep(500)
        self.runs.setValue(1000)
        search_box = QGroupBox(self.tr("Search"))
        search = QFormLayout(search_box)
        search.addRow(self.grid_radio)
        search.addRow(random_row)
        search.addRow(self.tr("Best by:"), self.objective_combo)
        search.addRow(self.tr("Fewest round trips:"), self.min_trades)
        search.addRow(self.tr("Walk-forward folds:"), self.folds)
        search.addRow(self.tr("Monte Carlo runs:"), self.runs)

        self.run_button = QPushButton(self.tr("Optimise"))
        self.run_button.setMinimumHeight(32)
        self.run_button.clicked.connect(self.run)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(12)
        self.progress.setRange(0, 1000)
        self.progress_label = QLabel("")
        self.progress_label.setObjectName("optimiseProgress")
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
        column.addWidget(self.help_link)
        for widget in (self.source_form, values_box, search_box):
            column.addWidget(widget)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # the button, the progress and the messages stay in sight below the scrolling set-up
        left = QWidget()
        left.setMaximumWidth(LEFT_MAX_WIDTH)
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 8, 0)
        left_column.addWidget(scroll, 1)
        left_column.addWidget(self.run_button)
        left_column.addLayout(progress_row)
        left_column.addWidget(self.progress_label)
        left_column.addWidget(self.message)
        self.form_scroll = scroll
        self.form = form
        self.left, self.left_column = left, left_column
        self._fit_form()
        form.installEventFilter(self)  # what the form holds changes (a strategy's fields): it fits

        self.intro = paragraph(
            self.tr(
                "Optimise tries many values of a strategy's parameters and risk settings on "
                "the same candles, on every core of this computer, and ranks them. Then it "
                "checks the winner against overfitting: walk-forward (does it keep winning on "
                "candles it has not seen?), Monte Carlo (how much was the luck of the trades' "
                "order?) and stability (do nearby values score as well?).\n\nA result that "
                "fails these checks is labelled so: its past score is unlikely to hold."
            )  # fmt: skip
        )
        self.intro.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.intro.setMaximumWidth(560)
        intro_page = QWidget()
        intro = QVBoxLayout(intro_page)
        intro.setContentsMargins(24, 24, 24, 24)
        intro.addWidget(self.intro)
        intro.addStretch(1)
        self.results = QStackedWidget()
        self.results.addWidget(intro_page)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.results)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(splitter)
        self.strategy_combo.setCurrentIndex(max(0, self.strategy_combo.findData("sma_cross")))
        self._on_strategy_changed()
        self._set_busy(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is getattr(self, "form", None) and event.type() is QEvent.Type.LayoutRequest:
            self._fit_form()
        return super().eventFilter(watched, event)

    def _fit_form(self) -> None:
        """The set-up column is never narrower than its fields need: it has no horizontal scroll
        bar, and the candles' form (a platform's long name, French labels) was cut on the right."""
        bar = self.form_scroll.verticalScrollBar().sizeHint().width()
        margin = self.left_column.contentsMargins().right()
        needed = self.form.minimumSizeHint().width() + bar + margin
        self.left.setMinimumWidth(max(LEFT_MIN_WIDTH, needed))
        self.left.setMaximumWidth(max(LEFT_MAX_WIDTH, needed))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        self.seed()
        super().showEvent(event)

    def seed(self) -> None:
        """The first time: the candles' form takes the Backtest tab's values (then never again:
        what the Backtest tab shows later does not change what this tab runs)."""
        if not self.seeded:
            self.seeded = True
            self.source_form.copy_from(self.page.source_form)

    def set_platforms(self, platforms: list[Platform]) -> None:
        """The platforms changed: offered here too, once the form has its own values."""
        if self.seeded:
            self.source_form.set_platforms(platforms)

    def _on_choices_loaded(self, _choices: object) -> None:
        self.message.clear()

    def _on_failed_choices(self, error: object) -> None:
        if isinstance(error, BaseException):
            self.message.show_error(error)

    def _on_strategy_changed(self, _index: int = 0) -> None:
        while self.values_form.rowCount():
            self.values_form.removeRow(0)
        self.fields.clear()
        cls = STRATEGIES[self.strategy_combo.currentData()]
        rows = [
            (p.name, core_text(p.label), suggested_values(p), p.type is bool) for p in cls.params
        ]
        rows += [(name, _tr(label), "0", False) for name, label in RISK_ROWS]
        for name, label, text, is_bool in rows:
            field = QLineEdit(text)
            field.setObjectName(f"values_{name}")
            field.setAccessibleName(label)
            field.textChanged.connect(self._update_count)
            colon = QCoreApplication.translate("ParamForm", "%1:").replace("%1", label)
            self.values_form.addRow(colon, field)
            self.fields[name] = (field, label, is_bool)
        self._update_count()

    def set_values(self, name: str, text: str) -> None:
        self.fields[name][0].setText(text)

    def ranges(self) -> list[tuple[str, list[str]]]:
        """Each field's values; ``ValidationError`` naming the first field written wrong."""
        return [
            (name, read_values(name, label, field.text(), is_bool))
            for name, (field, label, is_bool) in self.fields.items()
        ]

    def _update_count(self, *_args: object) -> None:
        try:
            total = math.prod(len(values) for _, values in self.ranges())
        except ValidationError:
            self.count_label.setText("")
            return
        shown = min(total, self.samples.value()) if self.random_radio.isChecked() else total
        self.count_label.setText(
            self.tr("%1 combinations to try.").replace("%1", format_amount(Decimal(shown), 0))
        )

    # --- running --------------------------------------------------------------------------------
    def run(self) -> Job | None:
        """Start the optimisation in a job; None (and the reason shown) when the form is wrong."""
        if self.job is not None:
            return self.job
        self.seed()
        strategy = self.strategy_combo.currentData()
        try:
            source = self.source_form.request(strategy, {})
            ranges = self.ranges()
        except ValidationError as error:
            self.message.show_error(error)
            return None
        self.message.clear()
        # The result says these candles, and the bot it may become trades where they came from,
        # whatever either form shows by the time the optimisation ends.
        self.running = source
        sample = self.samples.value() if self.random_radio.isChecked() else None
        objective = self.objective_combo.currentData()
        settings = (strategy, objective, self.min_trades.value())
        folds, runs = self.folds.value() or None, self.runs.value() or None
        core = self.core

        def work(control: JobControl) -> object:
            return optimise_in_job(core, source, settings, ranges, (sample, folds, runs), control)

        self._set_busy(True)
        self.progress_label.setText(self.tr("Starting the worker processes…"))
        self.job = run_cancellable(
            work, self._on_finished, self._on_failed, parent=self, name="optimise",
            on_progress=self._on_progress,
        )  # fmt: skip
        return self.job

    def cancel(self) -> None:
        """Stop now: the worker processes are ended and nothing is shown."""
        if self.job is not None:
            self.job.cancel()
            self.job = None
        self._set_busy(False)
        self.progress_label.setText(self.tr("Optimisation cancelled."))

    def _on_progress(self, value: object) -> None:
        from crypty_desktop.backtest.lab import LabProgress
        from crypty_desktop.backtest.run import Progress
        from crypty_desktop.gui.backtest_results import show_progress

        if isinstance(value, Progress):
            if value.total:  # else nothing to download (the demo, or all stored already)
                show_progress(self.progress, self.progress_label, value)
            return
        if not isinstance(value, LabProgress):
            return
        self.progress.setRange(0, 1000)
        self.progress.setValue(round(value.done * 1000 / max(value.total, 1)))
        if value.phase == "fold":
            what = (
                self.tr("Walk-forward: fold %1 of %2")
                .replace("%1", str(value.fold))
                .replace("%2", str(value.folds))
            )
        elif value.phase == "check":
            what = self.tr("Re-running the best through the bot engine")
        elif value.phase == "stability":
            what = self.tr("Stability: backtesting neighbours")
        elif value.phase == "monte-carlo":
            what = self.tr("Monte Carlo: resampling trades")
        else:
            what = self.tr("Searching")
        if value.seconds_left is not None:
            left = self.tr("about %1 left").replace("%1", _duration(value.seconds_left))
            what = f"{what} · {left}"
        self.progress_label.setText(what)

    def _on_finished(self, result: object) -> None:
        from crypty_desktop.backtest.lab import LabResult
        from crypty_desktop.gui.optimise_results import OptimiseResultsView

        self.job = None
        self._set_busy(False)
        self.progress_label.setText(self.tr("Done."))
        assert isinstance(result, LabResult) and self.running is not None
        view = OptimiseResultsView(result, self.running)
        view.sig_bot_requested.connect(self.sig_bot_requested)
        if self.view is not None:
            self.results.removeWidget(self.view)
            self.view.deleteLater()
        self.view = view
        self.results.addWidget(view)
        self.results.setCurrentWidget(view)
        self.sig_result_opened.emit(view)

    def _on_failed(self, error: BaseException) -> None:
        self.job = None
        self._set_busy(False)
        self.progress_label.setText("")
        self.message.show_error(error)

    def _set_busy(self, busy: bool) -> None:
        self.run_button.setEnabled(not busy)
        self.cancel_button.setVisible(busy)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 1000)
            self.progress.setValue(0)


def _duration(seconds: float) -> str:  # float-ok
    if seconds < 90:
        return QCoreApplication.translate("OptimiseTab", "%1 s").replace(
            "%1", str(max(1, round(seconds)))
        )
    return QCoreApplication.translate("OptimiseTab", "%1 min").replace(
        "%1", str(round(seconds / 60))
    )


def optimise_in_job(
    core: Core,
    source: BacktestRequest,
    settings: tuple[str, str, int],
    ranges: list[tuple[str, list[str]]],
    extent: tuple[int | None, int | None, int | None],
    control: JobControl,
) -> LabResult:
    """In a worker thread: the candles (the file, or downloaded and written to a temporary file
    the worker processes read), then the whole optimisation on processes started afresh."""
    import multiprocessing
    import tempfile

    from crypty_desktop.backtest.lab import LabRequest, run_lab
    from crypty_desktop.backtest.optimize import Search
    from crypty_desktop.gui.backtest_results import load_candles

    strategy, objective, min_trades = settings
    sample, folds, runs = extent
    assert source.platform is not None, "the window's backtests always name a platform"
    rules = core.history_gateway(source.platform).symbol_rules(source.symbol)
    with tempfile.TemporaryDirectory(prefix="crypty-optimise-") as folder:
        path = source.csv_path
        if path is None:
            candles = load_candles(core, source, control.report, control)
            if not candles:
                from crypty_desktop.backtest.history import NO_CANDLES

                raise ValidationError(
                    NO_CANDLES.format(symbol=source.symbol, interval=source.interval)
                )
            path = Path(folder) / "candles.csv"
            lines = ["open_time,open,high,low,close,volume"]
            lines += [f"{c.open_time},{c.open},{c.high},{c.low},{c.close},{c.volume}"
                      for c in candles]  # fmt: skip
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        search = Search(
            path, source.symbol, source.interval, rules, source.budget,
            source.fee_pct / Decimal(100), strategy, {}, objective, min_trades,
        )  # fmt: skip
        request = LabRequest(search, ranges, sample, 0, folds, runs)
        return run_lab(
            request,
            progress=control.report,
            should_continue=control,
            context=multiprocessing.get_context("spawn"),
        )
