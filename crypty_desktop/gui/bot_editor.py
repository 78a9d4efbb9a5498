"""The bot editor: name, Ghost or Trader, platform, market, interval, strategy, budget, risk.

Only platforms whose key allows the chosen kind are offered; the others are named with the reason.
The market's symbols are loaded in a job (thousands on Binance) and searched with a completer; once
a market is chosen, its last price and minimum order are fetched (in a job) and shown, a grid's
fields the user has not set take values around that price (``suggested_grid``), and what the core
would refuse (a grid that misses the price, a level below the smallest order, a budget short of
its levels, a risk percentage out of range) is said in words beside the fields before saving.
Save runs ``core.bots.create`` in a job (it asks the exchange) with a busy row and Cancel; an
error is shown in words inside the dialog and the input is kept.
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING

from crypty_desktop.bots.service import check_platform_allows
from crypty_desktop.domain.amounts import written_places
from crypty_desktop.domain.bots import BotKind, BotSpec
from crypty_desktop.domain.errors import CryptyError, ValidationError
from crypty_desktop.domain.market import SymbolRules
from crypty_desktop.domain.platform import Platform
from crypty_desktop.gui.amount_field import AmountEdit, add_amount_row, amount_cell, check_all
from crypty_desktop.gui.bot_editor_parts import (
    INTERVALS,
    KindChooser,
    MarketInfo,
    fetch_market,
    fetch_symbols,
    grid_problem,
    risk_problems,
)
from crypty_desktop.gui.bot_models import quote_asset
from crypty_desktop.gui.eliding_combo import ElidingComboBox
from crypty_desktop.gui.feedback import BusyRow, MessagePanel
from crypty_desktop.gui.i18n import core_text, current_language, format_amount
from crypty_desktop.gui.jobs import Job, JobControl, run_cancellable, run_in_background
from crypty_desktop.gui.param_form import ParamForm, decimal_edit
from crypty_desktop.gui.preferences import Preferences
from crypty_desktop.gui.qt import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QStringListModel,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from crypty_desktop.gui.strategy_words import strategy_text
from crypty_desktop.gui.theme import WARNING_COLOUR
from crypty_desktop.strategies.grid import suggested_grid
from crypty_desktop.strategies.registry import STRATEGIES, create_strategy
from crypty_desktop.wording import is_singular

NOTE_STYLE = f"color: {WARNING_COLOUR};"  # a warning beside the fields, readable on light and dark

if TYPE_CHECKING:
    from crypty_desktop.app import Core


class BotEditor(QDialog):
    """Create a bot, or change a stopped one (``spec``).

    Signals:
        sig_saved(object): the ``BotSpec`` just saved.
    """

    sig_saved = Signal(object)

    def __init__(
        self, core: Core, parent: QWidget | None = None, *, spec: BotSpec | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("botEditor")
        self.setWindowTitle(
            self.tr("New bot") if spec is None else self.tr("Edit “%1”").replace("%1", spec.name)
        )
        self.core = core
        self.spec = spec
        self.locked = False  # editing a bot with orders: kind, platform and market stay
        self.platforms = core.platforms.list()
        self.symbols: dict[int, dict[str, SymbolRules]] = {}  # per platform id
        self.market: MarketInfo | None = None
        self.symbols_job: Job | None = None
        self.market_job: Job | None = None
        self.save_job: Job | None = None
        self._build()
        self._on_kind_changed()
        self._on_strategy_changed()
        if spec is not None:
            self._fill_from(spec)
        else:  # Settings › Default budget of a new bot, with the decimals it was given
            budget = Preferences().default_budget()
            self.budget_edit.set_amount(budget, written_places(budget))
        self.resize(620, 720)

    def _fill_from(self, spec: BotSpec) -> None:
        """Editing: show the bot's settings; a bot with orders keeps its kind, platform, market."""
        self.kind_radios[spec.kind].setChecked(True)
        platform = next((p for p in self.platforms if p.id == spec.platform_id), None)
        if platform is not None:
            self.platform_box.setCurrentIndex(max(self.platform_box.findData(platform.name), 0))
        self.name_edit.setText(spec.name)
        self.symbol_edit.setText(spec.symbol)
        self.interval_box.setCurrentIndex(max(self.interval_box.findData(spec.interval), 0))
        self.strategy_box.setCurrentIndex(max(self.strategy_box.findData(spec.strategy), 0))
        unknown = self.param_form.set_values(spec.params)
        self.budget_edit.set_amount(spec.budget)
        risk = spec.risk
        for edit, value in (
            (self.stop_loss_edit, risk.stop_loss_pct),
            (self.take_profit_edit, risk.take_profit_pct),
            (self.drawdown_edit, risk.max_drawdown_pct),
            (self.trailing_edit, risk.trailing_stop_pct),
        ):
            edit.set_amount(value)
        self.save_button.setText(self.tr("Save changes"))
        if unknown:
            title = self.param_form.strategy.title if self.param_form.strategy else spec.strategy
            if is_singular(current_language(), len(unknown)):
                text = self.tr(
                    "The saved parameter %1 is not known to %2: it will be left out when you save."
                )
            else:
                text = self.tr(
                    "The saved parameters %1 are not known to %2: they will be left out when "
                    "you save."
                )
            self.message.show_message(
                "warning",
                text.replace("%1", ", ".join(unknown)).replace("%2", strategy_text(title)),
            )
        if self.core.bot_store.has_orders(spec.id):
            for widget in (*self.kind_radios.values(), self.platform_box, self.symbol_edit):
                widget.setEnabled(False)
            self.locked = True
            self.lock_label.setText(
                self.tr("This bot has orders: its kind, platform and market stay as they are.")
            )
            self.lock_label.setVisible(True)

    # --- building ---------------------------------------------------------------------------------
    def _build(self) -> None:
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. BTC DCA"))
        self.name_edit.setMaxLength(40)
        self._build_kind()
        self.platform_box = ElidingComboBox()  # a platform's name can be long
        self.platform_box.currentIndexChanged.connect(self._on_platform_changed)
        self.platform_note = QLabel("")
        self.platform_note.setWordWrap(True)
        self.platform_note.setStyleSheet("color: palette(dark);")
        self._build_market()
        self.interval_box = QComboBox()
        for interval in INTERVALS:
            self.interval_box.addItem(interval, interval)
        self.interval_box.setToolTip(
            self.tr("How long each candle lasts: the bot decides once per candle.")
        )
        self.strategy_box = QComboBox()
        for name, cls in STRATEGIES.items():
            self.strategy_box.addItem(strategy_text(cls.title), name)
        self.strategy_box.currentIndexChanged.connect(self._on_strategy_changed)
        self.strategy_text = QLabel("")
        self.strategy_text.setWordWrap(True)
        self.strategy_text.setStyleSheet("color: palette(dark);")
        self.param_form = ParamForm()
        self.param_form.follow(self.strategy_box)
        self.param_form.sig_changed.connect(self._refresh_notes)
        self.param_note = _note_label("paramNote")
        self.budget_edit = decimal_edit(self.tr("e.g. 500"))
        self.budget_edit.setToolTip(
            self.tr("The most this bot may spend, in the market's quote asset.")
        )
        self.budget_edit.setAccessibleName(self.tr("Budget"))
        self.budget_unit = QLabel("")
        self.minimum_label = QLabel("")
        budget_row = amount_cell(
            self.budget_edit, self.budget_unit, self.minimum_label, stretch_last=True
        )

        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.tr("Kind:"), self.kind_box)
        form.addRow(self.tr("Platform:"), self.platform_box)
        form.addRow("", self.platform_note)
        form.addRow(self.tr("Market:"), self.market_box)
        form.addRow(self.tr("Interval:"), self.interval_box)
        form.addRow(self.tr("Strategy:"), self.strategy_box)
        form.addRow("", self.strategy_text)
        form.addRow("", self.param_form)
        form.addRow(self.tr("Budget:"), budget_row)
        form.addRow("", self.param_note)
        self.stop_loss_edit = decimal_edit(self.tr("off"))
        self.take_profit_edit = decimal_edit(self.tr("off"))
        self.drawdown_edit = decimal_edit(self.tr("off"))
        risk = QGroupBox(self.tr("Risk limits (optional)"))
        risk_form = QFormLayout(risk)
        add_amount_row(risk_form, self.tr("Stop-loss (%):"), self.stop_loss_edit)
        add_amount_row(risk_form, self.tr("Take-profit (%):"), self.take_profit_edit)
        add_amount_row(risk_form, self.tr("Max drawdown (%):"), self.drawdown_edit)
        self.trailing_edit = decimal_edit(self.tr("off"))
        add_amount_row(risk_form, self.tr("Trailing stop (%):"), self.trailing_edit)
        self.trailing_edit.setToolTip(
            self.tr("Sell everything and stop when the price falls this far below its highest.")
        )
        self.risk_where = QLabel(
            self.tr(
                "Trader bots keep the stop-loss, trailing stop and take-profit on Binance itself, "
                "so they work while this computer sleeps or the app is closed (where Binance "
                "allows it; the bot's log says otherwise). The max drawdown works in the app, "
                "only while it runs. Ghost bots simulate the same orders."
            )
        )
        self.risk_where.setWordWrap(True)
        risk_form.addRow(self.risk_where)
        self.stop_loss_edit.setToolTip(
            self.tr("Sell everything and stop when the price falls this far.")
        )
        self.take_profit_edit.setToolTip(self.tr("Sell everything when the price rises this far."))
        self.drawdown_edit.setToolTip(
            self.tr("Sell everything and stop when the bot's value falls this far.")
        )
        self.risk_note = _note_label("riskNote")
        risk_form.addRow(self.risk_note)
        for edit in self.amount_edits():
            edit.textChanged.connect(self._refresh_notes)
        self.budget_edit.textEdited.connect(lambda _text: self._suggest_grid())

        self.message = MessagePanel()
        self.busy = BusyRow(cancellable=True)
        self.busy.sig_cancel_clicked.connect(self._on_cancel_save)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Create bot"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(risk)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)

    def _build_kind(self) -> None:
        self.kind_box = KindChooser()
        self.kind_radios = self.kind_box.radios
        self.kind_hint = self.kind_box.hint
        self.kind_box.sig_changed.connect(self._on_kind_changed)

    def _build_market(self) -> None:
        self.market_box = QWidget()
        column = QVBoxLayout(self.market_box)
        column.setContentsMargins(0, 0, 0, 0)
        self.symbol_edit = QLineEdit()
        self.symbol_edit.setPlaceholderText(self.tr("Type to search, e.g. BTCUSDT"))
        self.symbol_edit.setAccessibleName(self.tr("Market"))
        self.symbol_model = QStringListModel(self)
        self.completer = QCompleter(self.symbol_model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setMaxVisibleItems(12)
        self.symbol_edit.setCompleter(self.completer)
        self.symbol_edit.textChanged.connect(self._on_symbol_edited)
        self.completer.activated.connect(self._on_symbol_edited)
        self.symbols_busy = BusyRow(cancellable=False)
        self.market_label = QLabel("")
        self.market_label.setStyleSheet("color: palette(dark);")
        self._market_timer = QTimer(self)
        self._market_timer.setSingleShot(True)
        self._market_timer.setInterval(250)
        self._market_timer.timeout.connect(self._load_market)
        column.addWidget(self.symbol_edit)
        column.addWidget(self.symbols_busy)
        column.addWidget(self.market_label)
        self.lock_label = QLabel("")
        self.lock_label.setWordWrap(True)
        self.lock_label.setVisible(False)
        column.addWidget(self.lock_label)

    # --- reading the form -------------------------------------------------------------------------
    def kind(self) -> BotKind:
        return self.kind_box.kind()

    def platform(self) -> Platform | None:
        name = self.platform_box.currentData()
        return next((p for p in self.platforms if p.name == name), None)

    def symbol(self) -> str:
        return self.symbol_edit.text().strip().upper()

    def strategy(self) -> str:
        return str(self.strategy_box.currentData())

    def amount_edits(self) -> list[AmountEdit]:
        """The number fields outside the strategy's parameters."""
        return [
            self.budget_edit,
            self.stop_loss_edit,
            self.take_profit_edit,
            self.drawdown_edit,
            self.trailing_edit,
        ]

    def inputs(self) -> dict[str, object]:
        """The keyword arguments of ``BotService.create`` as the form holds them.

        Numbers are Decimals read the interface language's way (None: empty; a text that cannot
        be read is passed as typed, and ``check_locally`` refuses it under its field first).
        """
        return dict(
            name=self.name_edit.text().strip(),
            platform_name=self.platform_box.currentData() or "",
            kind=self.kind(),
            symbol=self.symbol(),
            strategy=self.strategy(),
            params=self.param_form.values(),
            budget=_read(self.budget_edit, ""),
            interval=str(self.interval_box.currentData()),
            stop_loss=_read(self.stop_loss_edit),
            take_profit=_read(self.take_profit_edit),
            max_drawdown=_read(self.drawdown_edit),
            trailing_stop=_read(self.trailing_edit),
        )

    # --- kind and platform ------------------------------------------------------------------------
    def _on_kind_changed(self, _kind: object = None) -> None:
        kind = self.kind()
        if self.spec is None:
            self.save_button.setText(
                self.tr("Create Trader bot") if kind is BotKind.TRADER else self.tr("Create bot")
            )
        self._fill_platforms(kind)

    def _fill_platforms(self, kind: BotKind) -> None:
        current = self.platform_box.currentData()
        allowed, missing = [], []
        for platform in self.platforms:
            try:
                check_platform_allows(platform, kind)
            except CryptyError as error:
                missing.append(
                    self.tr("“%1” is not listed: %2")
                    .replace("%1", platform.name)
                    .replace("%2", core_text(error.message))
                )
            else:
                allowed.append(platform)
        self.platform_box.blockSignals(True)
        self.platform_box.clear()
        for platform in allowed:
            self.platform_box.addItem(
                f"{platform.name} — {core_text(platform.type.label)}", platform.name
            )
        index = self.platform_box.findData(current)
        self.platform_box.setCurrentIndex(max(index, 0))
        self.platform_box.blockSignals(False)
        if not allowed:
            missing.insert(
                0, self.tr("No platform can run a %1 bot yet.").replace("%1", kind.label.title())
            )
        self.platform_note.setText("\n".join(missing))
        self.platform_note.setVisible(bool(missing))
        self.save_button.setEnabled(bool(allowed))
        self._on_platform_changed()

    def _on_platform_changed(self, _index: int = 0) -> None:
        platform = self.platform()
        if platform is None:
            self.symbol_model.setStringList([])
            return
        known = self.symbols.get(platform.id)
        if known is not None:
            self.symbol_model.setStringList(list(known))
            self._on_symbol_edited()
            return
        if self.symbols_job is not None:
            self.symbols_job.cancel()
        self.symbols_busy.start(self.tr("Loading the markets of %1…").replace("%1", platform.name))
        self.symbols_job = run_in_background(
            lambda: fetch_symbols(self.core, platform),
            partial(self._on_symbols_loaded, platform),
            self._on_symbols_failed,
            parent=self,
            name="load-symbols",
        )

    def _on_symbols_loaded(self, platform: Platform, found: list[SymbolRules]) -> None:
        self.symbols_job = None
        self.symbols_busy.stop()
        self.symbols[platform.id] = {r.symbol: r for r in found}
        current = self.platform()
        if current is not None and current.id == platform.id:
            self.symbol_model.setStringList([r.symbol for r in found])
            self._on_symbol_edited()

    def _on_symbols_failed(self, error: BaseException) -> None:
        self.symbols_job = None
        self.symbols_busy.stop()
        self.message.show_error(error)

    # --- market -----------------------------------------------------------------------------------
    def _known_rules(self) -> SymbolRules | None:
        platform = self.platform()
        if platform is None:
            return None
        return self.symbols.get(platform.id, {}).get(self.symbol())

    def _on_symbol_edited(self, _text: str = "") -> None:
        rules = self._known_rules()
        quote = quote_asset(self.symbol(), rules)
        self.budget_unit.setText(quote)
        self.param_form.set_quote(quote)
        if rules is None:
            self.market = None
            self.minimum_label.setText("")
            self.market_label.setText("")
            self._refresh_notes()
            return
        if self.market is None or self.market.symbol != rules.symbol:
            self.market_label.setText(
                self.tr("%1 priced in %2")
                .replace("%1", rules.base_asset)
                .replace("%2", rules.quote_asset)
            )
            self.minimum_label.setText(self.tr("Minimum: checking…"))
            self._market_timer.start()

    def _load_market(self) -> None:
        platform, symbol = self.platform(), self.symbol()
        if platform is None or self._known_rules() is None:
            return
        if self.market_job is not None:
            self.market_job.cancel()
        self.market_job = run_in_background(
            lambda: fetch_market(self.core, platform, symbol),
            self._on_market_loaded,
            self._on_market_failed,
            parent=self,
            name="load-market",
        )

    def _on_market_loaded(self, info: object) -> None:
        assert isinstance(info, MarketInfo)
        self.market_job = None
        if info.symbol != self.symbol():
            return  # the user moved on
        self.market = info
        quote = info.rules.quote_asset
        self.market_label.setText(
            self.tr("%1 priced in %2 · last price %3")
            .replace("%1", info.rules.base_asset)
            .replace("%2", quote)
            .replace("%3", format_amount(info.price, None, unit=quote))
        )
        self._suggest_grid()
        self.minimum_label.setText(
            self.tr("Minimum: %1").replace(
                "%1", format_amount(info.minimum, None, unit=info.rules.quote_asset)
            )
        )
        self.minimum_label.setToolTip(
            self.tr("The smallest order the exchange accepts on this market at the current price.")
        )
        model = self.interval_box.model()
        for row in range(self.interval_box.count()):
            item = model.item(row)  # type: ignore[attr-defined]
            usable = info.intervals is None or self.interval_box.itemData(row) in info.intervals
            item.setEnabled(usable)
        if info.intervals and self.interval_box.currentData() not in info.intervals:
            self.interval_box.setCurrentIndex(self.interval_box.findData(info.intervals[0]))
        self._refresh_notes()

    def _on_market_failed(self, error: BaseException) -> None:
        self.market_job = None
        self.minimum_label.setText("")
        self.message.show_error(error)

    # --- strategy ---------------------------------------------------------------------------------
    def _on_strategy_changed(self, _index: int = 0) -> None:
        name = self.strategy()
        self.param_form.set_strategy(name)
        self.param_form.set_quote(self.budget_unit.text())
        cls = STRATEGIES.get(name)
        self.strategy_text.setText(strategy_text(cls.description) if cls is not None else "")
        self._suggest_grid()
        self._refresh_notes()

    def _suggest_grid(self) -> None:
        """A grid's fields the user has not set take values around the market's last price."""
        market = self.market
        if self.strategy() != "grid" or market is None or market.symbol != self.symbol():
            return
        try:
            budget = self.budget_edit.amount()
        except ValidationError:
            budget = None
        self.param_form.suggest(
            dict(suggested_grid(market.price, market.rules.tick_size, market.minimum, budget))
        )

    def _refresh_notes(self, _text: object = None) -> None:
        """Say, beside the fields, what the core would refuse (before anything is saved)."""
        if not hasattr(self, "risk_note"):
            return  # still building
        risk = [_quiet(e) for e in (self.stop_loss_edit, self.take_profit_edit, self.drawdown_edit)]
        _show_note(self.risk_note, [core_text(p) for p in risk_problems(*risk)])
        market, problems = self.market, []
        if self.strategy() == "grid" and market is not None and market.symbol == self.symbol():
            problem = grid_problem(dict(self.param_form.values()), _quiet(self.budget_edit), market)
            if problem:
                problems.append(core_text(problem))
        _show_note(self.param_note, problems)

    # --- saving -----------------------------------------------------------------------------------
    def check_locally(self) -> None:
        """What can be checked without the exchange; raises ValidationError in words.

        A number that cannot be read is refused under its own field (and nothing is saved).
        """
        fields_ok = check_all(self.amount_edits())
        params_ok = self.param_form.check()
        if not (fields_ok and params_ok):
            raise ValidationError(
                self.tr("A number is not written the way this window reads it: see the red note.")
            )
        inputs = self.inputs()
        if not inputs["name"]:
            raise ValidationError(self.tr("Give the bot a name."))
        if not inputs["platform_name"]:
            raise ValidationError(
                self.tr("Choose a platform that allows %1 bots.").replace("%1", self.kind().label)
            )
        if not inputs["symbol"]:
            raise ValidationError(self.tr("Choose a market, e.g. BTCUSDT."))
        if inputs["budget"] == "":
            raise ValidationError(self.tr("Set a budget: the most this bot may spend."))
        create_strategy(self.strategy(), self.param_form.values())
        if self.market is not None and self.market.symbol == inputs["symbol"]:
            budget = inputs["budget"]
            if isinstance(budget, Decimal) and budget < self.market.minimum:
                quote = self.market.rules.quote_asset
                raise ValidationError(
                    self.tr("The budget is below the smallest order on %1: Minimum: %2.")
                    .replace("%1", str(inputs["symbol"]))
                    .replace("%2", format_amount(self.market.minimum, None, unit=quote))
                )

    def save(self) -> Job | None:
        """Check, then create the bot in a job. Returns the job (None if a local check failed)."""
        if self.save_job is not None:
            return self.save_job
        self.message.clear()
        try:
            self.check_locally()
        except CryptyError as error:
            self.message.show_error(error)
            return None
        inputs = self.inputs()
        if self.market is not None:
            inputs["market"] = self.market.quote  # read moments ago: not asked again if recent
        core = self.core
        editing = self.spec

        def create(control: JobControl) -> BotSpec | None:
            if editing is not None:
                return core.bots.update(editing, **inputs)  # type: ignore[arg-type]
            spec = core.bots.create(**inputs)  # type: ignore[arg-type]
            if not control():  # cancelled while it was being saved: undo
                core.bots.remove(spec)
                return None
            return spec

        self._set_busy(True)
        self.save_job = run_cancellable(
            create, self._on_saved, self._on_save_failed, parent=self, name="create-bot"
        )
        return self.save_job

    def _set_busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)
        for widget in (self.name_edit, self.kind_box, self.platform_box, self.market_box):
            widget.setEnabled(not busy)
        if self.locked:
            self.platform_box.setEnabled(False)
        if busy:
            self.busy.start(self.tr("Checking the market and saving the bot…"))
        else:
            self.busy.stop()

    def _on_cancel_save(self) -> None:
        if self.save_job is not None:
            self.save_job.cancel()
            self.save_job = None
        self._set_busy(False)
        self.message.show_message("info", self.tr("Cancelled: the bot was not created."))

    def _on_saved(self, spec: object) -> None:
        self.save_job = None
        self._set_busy(False)
        if isinstance(spec, BotSpec):
            self.sig_saved.emit(spec)
            self.accept()

    def _on_save_failed(self, error: BaseException) -> None:
        self.save_job = None
        self._set_busy(False)
        self.message.show_error(error)

    def reject(self) -> None:
        for job in (self.symbols_job, self.market_job, self.save_job):
            if job is not None:
                job.cancel()
        super().reject()


def _note_label(name: str) -> QLabel:
    label = QLabel("")
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    label.setVisible(False)
    return label


def _show_note(label: QLabel, lines: list[str]) -> None:
    text = "\n".join(f"⚠ {line}" for line in lines)
    label.setText(text)
    label.setVisible(bool(text))
    label.setAccessibleDescription(text)


def _quiet(edit: AmountEdit) -> Decimal | None:
    """The field's number, None when empty or unreadable (its own note says why)."""
    try:
        return edit.amount()
    except ValidationError:
        return None


def _read(edit: AmountEdit, empty: str | None = None) -> Decimal | str | None:
    """The field's number, ``empty`` when empty, or its text as typed when it cannot be read."""
    try:
        value = edit.amount()
    except ValidationError:
        return edit.text()
    return empty if value is None else value
