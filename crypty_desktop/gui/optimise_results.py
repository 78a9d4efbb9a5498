"""One optimisation's results: the candles it ran on, the verdict in words, the combinations (a
sortable table), the heatmap over two parameters, the walk-forward folds, the Monte Carlo
distribution, the best point's stability, and "Run as a Ghost bot…" which says the verdict before
it creates the bot (on the platform, market and interval of these candles).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from crypty_desktop.backtest.lab import LabResult, heat_cells
from crypty_desktop.backtest.optimize import Trial, split_params
from crypty_desktop.backtest.overfit import (
    AND,
    CLEAN,
    GUARD_MONTE,
    GUARD_STABILITY,
    GUARD_WALK,
    NO_GUARD,
    OVERFIT,
)
from crypty_desktop.domain.amounts import written_places
from crypty_desktop.domain.bots import BotKind, BotSpec
from crypty_desktop.gui.i18n import core_text
from crypty_desktop.gui.lab_charts import FoldBars, Heatmap, Histogram
from crypty_desktop.gui.number_format import amount, percent
from crypty_desktop.gui.optimise_model import TrialsModel, TrialsProxy, score_text
from crypty_desktop.gui.qt import (
    QAbstractItemView,
    QComboBox,
    QCoreApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    Qt,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)
from crypty_desktop.gui.strategy_words import strategy_text
from crypty_desktop.strategies.registry import get_strategy

if TYPE_CHECKING:
    from crypty_desktop.backtest.run import BacktestRequest

WARN_STYLE = "background: #fdecea; color: #8a1c12; border: 1px solid #e6a39c; border-radius: 4px;"
HISTOGRAM_MIN_WIDTH = 200
CLEAN_STYLE = "background: #e6f4ea; color: #0d5323; border: 1px solid #9fd3ae; border-radius: 4px;"


def _core(template: str) -> str:
    return QCoreApplication.translate("Core", template)


def verdict_words(result: LabResult) -> str:
    """The guards' verdict in the interface language (each failed guard's clause translated)."""
    verdict = result.verdict
    if verdict.overfit:
        return _core(OVERFIT).format(reasons="; ".join(core_text(r) for r in verdict.reasons))
    guards = [
        _core(name)
        for name, ran in (
            (GUARD_WALK, result.walk is not None),
            (GUARD_MONTE, result.monte is not None),
            (GUARD_STABILITY, result.stable is not None),
        )
        if ran
    ]
    if not guards:
        return _core(NO_GUARD)
    words = guards[0]
    if len(guards) > 1:
        words = _core(AND).format(first=", ".join(guards[:-1]), last=guards[-1])
    return _core(CLEAN).format(guards=words)


def param_label(strategy: str, name: str) -> str:
    """A searched parameter's name for people (a risk setting's, or the strategy's label)."""
    risk = {
        "risk.stop_loss_pct": QCoreApplication.translate("OptimiseTab", "Stop-loss %"),
        "risk.take_profit_pct": QCoreApplication.translate("OptimiseTab", "Take-profit %"),
        "risk.trailing_stop_pct": QCoreApplication.translate("OptimiseTab", "Trailing stop %"),
        "risk.max_drawdown_pct": QCoreApplication.translate("OptimiseTab", "Max drawdown %"),
    }
    if name in risk:
        return risk[name]
    spec = next((p for p in get_strategy(strategy).params if p.name == name), None)
    return core_text(spec.label) if spec is not None else name


def fit_columns(table: QTableView) -> None:
    """Every column as wide as its header and cells need: a header is never wrapped or cut (a
    stretched last column could be left narrower than its header when the columns outgrow the
    view); a table wider than its view scrolls sideways."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(False)


def _money(value: Decimal | None) -> str:
    return amount(value, 2, signed=True)


class OptimiseResultsView(QWidget):
    """A finished optimisation.

    Signals:
        sig_bot_requested(object): the user confirmed "Run as a Ghost bot…" (a draft ``BotSpec``).
    """

    sig_bot_requested = Signal(object)

    def __init__(
        self, result: LabResult, source: BacktestRequest, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("optimiseResults")
        self.result = result
        self.source = source  # the candles' form as it was when the optimisation started
        self.platform_id = source.platform.id if source.platform is not None else 0
        search = result.request.search
        ranges = result.request.ranges
        # the columns: the parameters that were varied (every one when none was)
        self.names = [n for n, values in ranges if len(values) > 1] or [n for n, _ in ranges]
        self.labels = [param_label(search.strategy, n) for n in self.names]
        self.objective = search.objective
        self.confirm_box: QMessageBox | None = None

        self.source_line = QLabel(self.source_text())
        self.source_line.setObjectName("optimiseSourceLine")
        self.source_line.setTextFormat(Qt.TextFormat.RichText)
        self.source_line.setWordWrap(True)
        self.verdict = QLabel(verdict_words(result))
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setStyleSheet(
            f"QLabel#verdict {{ {WARN_STYLE if result.verdict.overfit else CLEAN_STYLE}"
            " padding: 6px; font-weight: bold; }"
        )
        self.summary = QLabel(self._summary_text())
        self.summary.setWordWrap(True)
        self.ghost_button = QPushButton(self.tr("Run as a Ghost bot…"))
        self.ghost_button.setToolTip(
            self.tr(
                "Create a Ghost bot (paper trading on live prices) with the chosen row's "
                "parameters (the best one if no row is chosen)."
            )  # fmt: skip
        )
        self.ghost_button.setEnabled(bool(result.ranked))
        self.ghost_button.clicked.connect(self.ask_for_ghost_bot)
        top = QHBoxLayout()
        texts = QVBoxLayout()
        texts.addWidget(self.source_line)
        texts.addWidget(self.verdict)
        texts.addWidget(self.summary)
        top.addLayout(texts, 1)
        top.addWidget(self.ghost_button, 0, Qt.AlignmentFlag.AlignTop)

        self.sections = QTabWidget()
        self.sections.setObjectName("optimiseSections")
        self.sections.setDocumentMode(True)
        # Short titles, so that the five fit beside the set-up and the guide on a 1366 px wide
        # screen; each tab's tooltip says what it shows. Narrower still, a title is elided (its
        # tooltip says it whole) rather than hidden behind scroll arrows.
        bar = self.sections.tabBar()
        bar.setUsesScrollButtons(False)
        bar.setElideMode(Qt.TextElideMode.ElideRight)
        for page, title, tip in (
            (self._table_page(), self.tr("Scores"), self.tr(
                "Every combination tried, with its score, round trips and net P&L: click a "
                "column's header to sort by it.")),
            (self._heatmap_page(), self.tr("Heatmap"), self.tr(
                "The score over two parameters: each cell shows the best over the other "
                "parameters.")),
            (self._walk_page(), self.tr("Walk-forward"), self.tr(
                "Walk-forward: the values chosen on each fold's in-sample candles, then scored "
                "on the out-of-sample candles that follow.")),
            (self._monte_page(), self.tr("Monte Carlo"), self.tr(
                "Monte Carlo: the best combination's round trips resampled, to see how much of "
                "its result was the luck of their order.")),
            (self._stability_page(), self.tr("Stability"), self.tr(
                "Stability: the scores of the best point's neighbours (one step along one "
                "parameter).")),
        ):  # fmt: skip
            index = self.sections.addTab(page, title)
            self.sections.setTabToolTip(index, tip)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.sections, 1)

    def _fmt(self, value: float) -> str:  # float-ok
        return score_text(value, self.objective)

    def source_text(self) -> str:
        """Which candles (platform or file, market, interval, dates, count) and money, as rich
        text: ``<b>BTCUSDT 1h</b> on Demo · 2024-01-01 → 2024-04-20 · 2,640 candles · …``."""
        from crypty_desktop.gui.candle_source import day_text

        source, r = self.source, self.result
        market = f"<b>{html.escape(source.symbol)} {html.escape(source.interval)}</b>"
        if source.csv_path is not None:
            where = self.tr("%1 from the file %2").replace("%2", html.escape(source.csv_path.name))
        else:
            name = source.platform.name if source.platform is not None else "—"
            where = self.tr("%1 on %2").replace("%2", html.escape(name))
        where = where.replace("%1", market)
        dates = f"{day_text(r.first_ms)} → {day_text(r.last_ms)}" if r.candles else "—"
        count = self.tr("%1 candles").replace("%1", amount(Decimal(r.candles), 0))
        money = (
            self.tr("budget %1, fee %2")
            .replace("%1", amount(source.budget, unit=r.request.search.rules.quote_asset))
            .replace("%2", percent(source.fee_pct, written_places(source.fee_pct), signed=False))
        )
        parts = (where, html.escape(dates), html.escape(count), html.escape(money))
        kept = '<span style="white-space: nowrap">{}</span>'  # a part is never cut in two
        return " &nbsp;·&nbsp; ".join(kept.format(p) for p in parts)

    def _summary_text(self) -> str:
        r = self.result
        same = sum(1 for _, ok in r.reference if ok)
        text = (
            self.tr(
                "%1 combinations tried on %2 candles in %3 s: %4 refused by the strategy, %5 "
                "with enough round trips."
            )  # fmt: skip
            .replace("%1", amount(Decimal(len(r.trials)), 0))
            .replace("%2", amount(Decimal(r.candles), 0))
            .replace("%3", amount(Decimal(f"{r.seconds:.1f}"), 1))
            .replace("%4", amount(Decimal(r.refused), 0))
            .replace("%5", amount(Decimal(len(r.ranked)), 0))
        )
        if r.reference:
            text += " " + (
                self.tr("Re-run through the bot engine, %1 of the best %2 give the same fills.")
                .replace("%1", amount(Decimal(same), 0))
                .replace("%2", amount(Decimal(len(r.reference)), 0))
            )
        return text

    # --- combinations ---------------------------------------------------------------------------
    def _table_page(self) -> QTableView:
        self.model = TrialsModel(self.result, self.names, self.labels)
        self.proxy = TrialsProxy()
        self.proxy.setSourceModel(self.model)
        table = QTableView()
        table.setObjectName("trialsTable")
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(len(self.names), Qt.SortOrder.DescendingOrder)
        table.verticalHeader().setVisible(False)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        fit_columns(table)
        self.table = table
        return table

    def chosen_trial(self) -> Trial | None:
        """The selected row's combination, else the best ranked one."""
        rows = self.table.selectionModel().selectedRows()
        if rows:
            trial = self.model.trial(self.proxy.mapToSource(rows[0]).row())
            if trial.score is not None and not trial.refused:
                return trial
        return self.result.best

    # --- heatmap --------------------------------------------------------------------------------
    def _heatmap_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        self.x_combo, self.y_combo = QComboBox(), QComboBox()
        ranges = self.result.request.ranges
        sizes = {n: len(values) for n, values in ranges}
        varied = [(n, lab) for n, lab in zip(self.names, self.labels, strict=True) if sizes[n] > 1]
        for combo in (self.x_combo, self.y_combo):
            for name, label in varied:
                combo.addItem(label, name)
        if len(varied) > 1:
            self.y_combo.setCurrentIndex(1)
        self.x_combo.currentIndexChanged.connect(self.draw_heatmap)
        self.y_combo.currentIndexChanged.connect(self.draw_heatmap)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Across:")))
        row.addWidget(self.x_combo)
        row.addWidget(QLabel(self.tr("Up:")))
        row.addWidget(self.y_combo)
        row.addStretch(1)
        self.heatmap = Heatmap(self._fmt)
        self.heat_note = QLabel(
            self.tr(
                "Colour: the score (%1), the best over the other parameters; grey: no "
                "combination there made enough round trips."
            ).replace("%1", self.objective_name())  # fmt: skip
        )
        self.heat_note.setWordWrap(True)
        column.addLayout(row)
        column.addWidget(self.heatmap, 1)
        column.addWidget(self.heat_note)
        self.draw_heatmap()
        return page

    def objective_name(self) -> str:
        from crypty_desktop.gui.optimise_tab import objective_label

        return objective_label(self.objective)

    def draw_heatmap(self, _index: int = 0) -> None:
        x, y = self.x_combo.currentData(), self.y_combo.currentData()
        if x is None or y is None:
            self.heatmap.set_data([], [], {}, ("", ""), self.tr("Vary two parameters to see "
                                                                  "a heatmap."))  # fmt: skip
            return
        ranges = dict(self.result.request.ranges)
        scores = heat_cells(self.result.trials, x, y, self.result.request.search.min_trades)
        if x == y:
            scores = {(a, a): s for (a, b), s in scores.items() if a == b}
        self.heatmap.set_data(
            ranges[x], ranges[y], scores, (self.x_combo.currentText(), self.y_combo.currentText()),
            self.tr("not ranked"),
        )  # fmt: skip

    # --- walk-forward ---------------------------------------------------------------------------
    def _walk_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        walk = self.result.walk
        self.walk_text = QLabel()
        self.walk_text.setWordWrap(True)
        self.fold_bars = FoldBars(self._fmt)
        self.fold_table = QTableWidget(0, 5)
        self.fold_table.setObjectName("foldTable")
        column.addWidget(self.walk_text)
        if walk is None:
            self.walk_text.setText(self.tr("Walk-forward was not asked for (0 folds)."))
            column.addStretch(1)
            return page
        self.fold_table.setRowCount(len(walk.folds))
        self.fold_table.setHorizontalHeaderLabels([
            self.tr("Fold"), self.tr("Chosen in-sample"), self.tr("Score in-sample"),
            self.tr("Score out-of-sample"), self.tr("P&L in → out"),
        ])  # fmt: skip
        pairs, labels = [], []
        for i, fold in enumerate(walk.folds):
            chosen = (
                "—"
                if fold.params is None
                else ", ".join(
                    f"{label} {fold.params.get(name, '')}"
                    for name, label in zip(self.names, self.labels, strict=True)
                )
            )
            cells = [str(i + 1), chosen, self._score(fold.in_score), self._score(fold.out_score),
                     f"{_money(fold.in_pnl)} → {_money(fold.out_pnl)}"]  # fmt: skip
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c != 1:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.fold_table.setItem(i, c, item)
            pairs.append((fold.in_score, fold.out_score))
            labels.append(self.tr("Fold %1").replace("%1", str(i + 1)))
        self.fold_bars.set_folds(pairs, labels, (self.tr("in-sample"), self.tr("out-of-sample")))
        degradation = (
            "—" if walk.degradation_pct is None else percent(walk.degradation_pct, 0, signed=False)
        )
        self.walk_text.setText(
            self.tr(
                "Each fold searches one window and scores its winner on the next window, "
                "unseen. P&L in-sample %1, out-of-sample %2: degradation %3."
            )  # fmt: skip
            .replace("%1", _money(walk.in_pnl))
            .replace("%2", _money(walk.out_pnl))
            .replace("%3", degradation)
        )
        self.fold_table.verticalHeader().setVisible(False)
        self.fold_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        fit_columns(self.fold_table)
        column.addWidget(self.fold_bars, 3)
        column.addWidget(self.fold_table, 2)
        return page

    def _score(self, value: float | None) -> str:  # float-ok
        return score_text(value, self.objective)

    # --- Monte Carlo ----------------------------------------------------------------------------
    def _monte_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        monte = self.result.monte
        self.monte_text = QLabel()
        self.monte_text.setWordWrap(True)
        column.addWidget(self.monte_text)
        self.pnl_histogram = Histogram(lambda v: amount(Decimal(f"{v:.2f}"), 2, signed=True))
        self.dd_histogram = Histogram(lambda v: percent(Decimal(f"{v:.1f}"), 1, signed=False))
        for chart in (self.pnl_histogram, self.dd_histogram):  # side by side beside the guide,
            chart.setMinimumWidth(HISTOGRAM_MIN_WIDTH)  # on a 1366 px wide screen
        if monte is None:
            self.monte_text.setText(
                self.tr(
                    "Monte Carlo was not asked for (0 runs), or the best combination made no "
                    "round trip."
                )  # fmt: skip
            )
            column.addStretch(1)
            return page
        self.pnl_histogram.set_values(
            [float(v) for v in monte.bootstrap_pnls],  # float-ok: drawing
            self.tr("Final P&L (%1)").replace("%1", self.result.request.search.rules.quote_asset),
            split=0.0,
        )
        self.dd_histogram.set_values(
            [float(v) for v in monte.bootstrap_drawdowns_pct],  # float-ok: drawing
            self.tr("Max drawdown"),
        )
        p = monte.bootstrap_pnl
        self.monte_text.setText(
            self.tr(
                "%1 resampled sequences of the best combination's %2 round trips (drawn "
                "with replacement). Probability of a loss: %3. Final P&L: 5 %: %4, median "
                "%5, 95 %: %6. Max drawdown, median: %7."
            )  # fmt: skip
            .replace("%1", amount(Decimal(monte.runs), 0))
            .replace("%2", amount(Decimal(monte.trips), 0))
            .replace("%3", percent(monte.loss_probability_pct, 1, signed=False))
            .replace("%4", _money(p.p5))
            .replace("%5", _money(p.p50))
            .replace("%6", _money(p.p95))
            .replace("%7", percent(monte.bootstrap_drawdown_pct.p50, 1, signed=False))
        )
        row = QHBoxLayout()
        row.addWidget(self.pnl_histogram, 1)
        row.addWidget(self.dd_histogram, 1)
        column.addLayout(row, 1)
        return page

    # --- stability ------------------------------------------------------------------------------
    def _stability_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        stable = self.result.stable
        self.stability_text = QLabel()
        self.stability_text.setWordWrap(True)
        column.addWidget(self.stability_text)
        if stable is None:
            self.stability_text.setText(self.tr("No combination was ranked."))
            column.addStretch(1)
            return page
        drop = "—" if stable.drop_pct is None else percent(Decimal(f"{stable.drop_pct:.0f}"), 0,
                                                           signed=False)  # fmt: skip
        words = self.tr("a sharp peak: the score is likely luck of these exact values") if (
            stable.sharp) else self.tr("a plateau: the neighbours score close to it")  # fmt: skip
        self.stability_text.setText(
            self.tr(
                "The best point scores %1; its %2 neighbours (one step along one parameter) "
                "score %3 on average, %4 lower. It is %5."
            )  # fmt: skip
            .replace("%1", self._score(stable.score))
            .replace("%2", str(len(stable.neighbours)))
            .replace("%3", self._score(stable.mean_score))
            .replace("%4", drop)
            .replace("%5", words)
        )
        table = QTableWidget(len(stable.neighbours), len(self.names) + 1)
        table.setObjectName("neighbourTable")
        table.setHorizontalHeaderLabels([*self.labels, self.tr("Score")])
        for r, trial in enumerate(stable.neighbours):
            for c, name in enumerate(self.names):
                table.setItem(r, c, QTableWidgetItem(trial.params.get(name, "")))
            table.setItem(r, len(self.names), QTableWidgetItem(self._score(trial.score)))
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        fit_columns(table)
        column.addWidget(table, 1)
        return page

    # --- Ghost bot ------------------------------------------------------------------------------
    def draft(self, trial: Trial) -> BotSpec:
        search = self.result.request.search
        params, risk = split_params(search, trial.params)
        title = strategy_text(get_strategy(search.strategy).title)
        return BotSpec(
            id="", name=f"{title} {search.symbol} {search.interval}"[:40], kind=BotKind.GHOST,
            platform_id=self.platform_id, symbol=search.symbol, interval=search.interval,
            strategy=search.strategy, params=params, budget=search.budget, risk=risk,
        )  # fmt: skip

    def ask_for_ghost_bot(self) -> QMessageBox | None:
        """Say the verdict, then (once confirmed) ask for the Ghost bot. Returns the question."""
        trial = self.chosen_trial()
        if trial is None:
            return None
        overfit = self.result.verdict.overfit
        chosen = ", ".join(
            f"{label} {trial.params.get(name, '')}"
            for name, label in zip(self.names, self.labels, strict=True)
            if not (name.startswith("risk.") and trial.params.get(name) == "0")  # off
        )
        lead = (
            self.tr("This result failed the checks against overfitting:")
            if overfit
            else self.tr("This result passed the checks against overfitting:")
        )
        ask = (
            self.tr(
                "A Ghost bot trades paper money on live prices: a safe way to see whether "
                "it holds. Create it anyway?"
            )  # fmt: skip
            if overfit
            else self.tr("Create the Ghost bot with these parameters?")
        )
        draft = self.draft(trial)
        box, create = confirm_ghost_bot(
            self, (lead, verdict_words(self.result), chosen, ask), overfit,
            lambda: self.sig_bot_requested.emit(draft),
        )  # fmt: skip
        self.confirm_box = box
        self.create_button = create
        return box


def confirm_ghost_bot(
    parent: QWidget, lines: tuple[str, str, str, str], warn: bool, create: Callable[[], None]
) -> tuple[QMessageBox, QPushButton]:
    """The question before a Ghost bot is created: (lead, verdict, parameters, question), the
    verdict in bold. Open (not blocking); ``create()`` runs once the user confirms."""
    lead, verdict, chosen, ask = lines
    box = QMessageBox(parent)
    box.setObjectName("ghostVerdict")
    box.setIcon(QMessageBox.Icon.Warning if warn else QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("OptimiseResultsView", "Run as a Ghost bot"))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(
        f"<p>{html.escape(lead)}</p><p><b>{html.escape(verdict)}</b></p>"
        + (f"<p>{html.escape(chosen)}</p>" if chosen else "")
        + f"<p>{html.escape(ask)}</p>"
    )
    button = box.addButton(
        QCoreApplication.translate("OptimiseResultsView", "Create Ghost bot"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel if warn else button)

    def answered() -> None:
        if box.clickedButton() is button:
            create()

    box.finished.connect(answered)
    box.open()
    return box, button
