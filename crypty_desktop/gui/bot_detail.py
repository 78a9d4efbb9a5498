"""The selected bot, in detail: a header, then tabs Log, Orders, Trades, Chart and Equity.

History (decisions, orders, fills) is read in a job when a bot is selected; while it runs, new
decisions are appended live (newest at the bottom) and orders and trades are re-read shortly after
each buy or sell. Amounts use the market's precision (lot step for quantities, tick for prices).

The Chart tab is a slot: the charts module registers a factory with ``set_chart_factory`` that
builds a widget for a bot; ``BotDetail`` puts it in ``chart_slot`` and, if the widget has
``on_status(BotStatus)`` / ``on_decision(Decision)`` methods, forwards live events to it. If it
has an ``equity_view`` widget, that goes into the Equity tab; a ``stop()`` method is called
before the widget is replaced, so that nothing it was loading arrives afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from crypty_desktop.domain.bots import BotKind, BotSpec, BotStatus, Decision
from crypty_desktop.domain.market import SymbolRules
from crypty_desktop.domain.orders import Fill, LoggedOrder
from crypty_desktop.gui.bot_badges import badge_label
from crypty_desktop.gui.bot_models import (
    BotEntry,
    base_asset,
    base_decimals,
    pnl_text,
    quote_decimals,
)
from crypty_desktop.gui.i18n import core_text, core_text_places
from crypty_desktop.gui.jobs import Job, run_in_background
from crypty_desktop.gui.number_format import amount, sign_colour
from crypty_desktop.gui.qt import (
    QT_TRANSLATE_NOOP,
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QColor,
    QCoreApplication,
    QDateTime,
    QFont,
    QFontDatabase,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPoint,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
    is_valid,
)
from crypty_desktop.gui.theme import GAIN_COLOUR, LOSS_COLOUR

if TYPE_CHECKING:
    from crypty_desktop.app import Core

ChartFactory = Callable[["Core", BotSpec], QWidget]
_chart_factory: ChartFactory | None = None
LOG_LIMIT = 2000  # lines kept in the Log tab
ORDER_COLUMNS = (
    QT_TRANSLATE_NOOP("BotDetail", "Time"),
    QT_TRANSLATE_NOOP("BotDetail", "Side"),
    QT_TRANSLATE_NOOP("BotDetail", "Type"),
    QT_TRANSLATE_NOOP("BotDetail", "Quantity"),
    QT_TRANSLATE_NOOP("BotDetail", "Price"),
    QT_TRANSLATE_NOOP("BotDetail", "Status"),
    QT_TRANSLATE_NOOP("BotDetail", "Filled"),
    QT_TRANSLATE_NOOP("BotDetail", "Order id"),
)
TRADE_COLUMNS = (
    QT_TRANSLATE_NOOP("BotDetail", "Time"),
    QT_TRANSLATE_NOOP("BotDetail", "Side"),
    QT_TRANSLATE_NOOP("BotDetail", "Price"),
    QT_TRANSLATE_NOOP("BotDetail", "Quantity"),
    QT_TRANSLATE_NOOP("BotDetail", "Value"),
    QT_TRANSLATE_NOOP("BotDetail", "Fee"),
)
REFRESH_MS = 400  # orders and trades are re-read this long after a buy or a sell


def set_chart_factory(factory: ChartFactory | None) -> None:
    """Register the function that builds the Chart tab's widget for a bot (None: no chart)."""
    global _chart_factory
    _chart_factory = factory


def when(ms: int) -> str:
    """A moment (ms since the epoch) in local time, the date written one way in every language
    (``2024-04-02 14:05:00``: never 04/02 or 02/04); a dash for 0."""
    if ms <= 0:
        return "—"
    return QDateTime.fromMSecsSinceEpoch(int(ms)).toString("yyyy-MM-dd HH:mm:ss")


def order_time(order: LoggedOrder, fill_times: Mapping[str, int]) -> int:
    """When an order happened on the exchange's clock, like the Log and Trades tabs: the time it
    was sent with (a Trader bot; the demo's simulated clock), else its first fill's candle time
    (a Ghost bot), else when it was written (a resting Ghost order)."""
    if order.sent_at_ms:
        return order.sent_at_ms
    return fill_times.get(order.request.client_order_id, order.created_at_ms)


# The action column of the log: what kind of line it is, in capitals.
ACTION_WORDS = {
    "buy": QT_TRANSLATE_NOOP("BotDetail", "BUY"),
    "sell": QT_TRANSLATE_NOOP("BotDetail", "SELL"),
    "cancel": QT_TRANSLATE_NOOP("BotDetail", "CANCEL"),
    "hold": QT_TRANSLATE_NOOP("BotDetail", "HOLD"),
    "risk": QT_TRANSLATE_NOOP("BotDetail", "RISK"),
    "error": QT_TRANSLATE_NOOP("BotDetail", "ERROR"),
    "info": QT_TRANSLATE_NOOP("BotDetail", "INFO"),
    "refused": QT_TRANSLATE_NOOP("BotDetail", "REFUSED"),
    "wait": QT_TRANSLATE_NOOP("BotDetail", "WAIT"),
}


def action_word(action: str) -> str:
    """A decision's action (``buy``) as the log's action column says it (``BUY``, ``ACHAT``)."""
    word = ACTION_WORDS.get(action)
    return QCoreApplication.translate("BotDetail", word) if word else action.upper()


ORDER_WORDS = {
    "MARKET": QT_TRANSLATE_NOOP("BotDetail", "Market"),
    "LIMIT": QT_TRANSLATE_NOOP("BotDetail", "Limit"),
    "PENDING": QT_TRANSLATE_NOOP("BotDetail", "Being sent"),
    "NEW": QT_TRANSLATE_NOOP("BotDetail", "Open"),
    "PARTIALLY_FILLED": QT_TRANSLATE_NOOP("BotDetail", "Partly filled"),
    "FILLED": QT_TRANSLATE_NOOP("BotDetail", "Filled"),
    "CANCELED": QT_TRANSLATE_NOOP("BotDetail", "Cancelled"),
    "PENDING_CANCEL": QT_TRANSLATE_NOOP("BotDetail", "Being cancelled"),
    "REJECTED": QT_TRANSLATE_NOOP("BotDetail", "Rejected"),
    "EXPIRED": QT_TRANSLATE_NOOP("BotDetail", "Expired"),
    "EXPIRED_IN_MATCH": QT_TRANSLATE_NOOP("BotDetail", "Expired (self-trade)"),
    "NOT_SENT": QT_TRANSLATE_NOOP("BotDetail", "Not sent"),
}


def order_word(value: str) -> str:
    """An order's side, type or status (``BUY``, ``LIMIT``, ``FILLED``) in words."""
    word = ACTION_WORDS.get(value.lower()) if value in ("BUY", "SELL") else ORDER_WORDS.get(value)
    if word is None:
        return value.replace("_", " ").title()
    return QCoreApplication.translate("BotDetail", word)


# The values of the bots' log sentences that are prices (the market's tick) or quantities (its lot).
PRICE_VALUES = ("price", "average", "last", "lower", "upper")
QUANTITY_VALUES = ("quantity",)


def log_places(rules: SymbolRules | None) -> dict[str, int]:
    """Decimals for a log line's prices and quantities, those of the Orders and Trades tables."""
    if rules is None:
        return {}
    pd, qd = quote_decimals(rules), base_decimals(rules)
    return {**dict.fromkeys(PRICE_VALUES, pd), **dict.fromkeys(QUANTITY_VALUES, qd)}


def log_line(decision: Decision, places: dict[str, int] | None = None) -> str:
    """One line of the Log tab: time, action and the bot's message, in the interface language,
    its prices and quantities rounded as the tables show them (``places``, see ``log_places``)."""
    action = action_word(decision.action)
    message = core_text_places(decision.message, places) if places else core_text(decision.message)
    return f"{when(decision.time)}  {action:<7} {message}"


@dataclass(frozen=True)
class History:
    bot_id: str
    decisions: list[Decision]
    orders: list[LoggedOrder]
    fills: list[Fill]


def load_history(core: Core, spec: BotSpec, with_decisions: bool = True) -> History:
    """A bot's saved decisions, orders and fills (local reads, run in a job)."""
    decisions = core.bot_store.decisions(spec.id) if with_decisions else []
    orders = core.order_log.orders(spec.id)
    fills = core.order_log.fills(spec.platform_id, [o.request.client_order_id for o in orders])
    return History(spec.id, decisions, orders, fills)


def _table(columns: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels([QCoreApplication.translate("BotDetail", c) for c in columns])
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setMinimumSectionSize(70)
    return table


def _item(text: str, right: bool = False, colour: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if colour:
        item.setForeground(QColor(colour))
    return item


SIDE_COLOURS = {"BUY": GAIN_COLOUR, "SELL": LOSS_COLOUR}


@dataclass(frozen=True)
class Balances:
    """What the bot has, free and locked in its open orders, and what it is worth."""

    quote_free: Decimal
    quote_locked: Decimal
    base_free: Decimal
    base_locked: Decimal
    open_orders: int
    pnl: Decimal | None
    pnl_pct: Decimal | None

    @classmethod
    def of_status(cls, status: BotStatus) -> Balances:
        return cls(
            status.quote - status.quote_locked,
            status.quote_locked,
            status.base - status.base_locked,
            status.base_locked,
            status.open_orders,
            status.pnl,
            status.pnl_pct,
        )


def balances_text(balances: Balances, entry: BotEntry) -> str:
    """``Free 60.20 USDT · 0 BTC — Locked 39.80 USDT · 0 BTC in 2 open orders — P&L …``."""
    rules, quote = entry.rules, entry.quote
    base = base_asset(entry.spec.symbol, rules)
    qd, bd = quote_decimals(rules), base_decimals(rules)

    def pair(q: Decimal, b: Decimal) -> str:
        return f"{amount(q, qd, unit=quote)} · {amount(b, bd, unit=base)}"

    free = QCoreApplication.translate("BotDetail", "Free %1").replace(
        "%1", pair(balances.quote_free, balances.base_free)
    )
    count = balances.open_orders
    orders = (
        QCoreApplication.translate("BotDetail", "in 1 open order")
        if count == 1
        else QCoreApplication.translate("BotDetail", "in %1 open orders").replace("%1", str(count))
    )
    locked = (
        QCoreApplication.translate("BotDetail", "Locked %1 %2")
        .replace("%1", pair(balances.quote_locked, balances.base_locked))
        .replace("%2", orders)
    )
    pnl = pnl_text(balances.pnl, balances.pnl_pct, quote, qd)
    colour = sign_colour(balances.pnl, qd)
    shown = f"<span style='color:{colour}'>{pnl}</span>" if colour else pnl
    label = QCoreApplication.translate("BotDetail", "P&L %1").replace("%1", shown)
    return f"{free} — <b>{locked}</b> — {label}"


class BotDetail(QWidget):
    """The selected bot's header and its Log, Orders, Trades and Chart tabs.

    Signals:
        sig_cancel_requested(str, str): (bot id, client order id) the user confirmed cancelling
            one of the bot's open orders (the bot list carries it out, never on this thread).
    """

    sig_cancel_requested = Signal(str, str)

    def __init__(self, core: Core, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("botDetail")
        self.core = core
        self.entry: BotEntry | None = None
        self.load_job: Job | None = None
        self.trades_job: Job | None = None
        self.chart_widget: QWidget | None = None
        self.equity_widget: QWidget | None = None
        self._buffer: list[Decision] = []
        self._orders: list[LoggedOrder] = []
        self._build()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self.reload_trades)

    def _build(self) -> None:
        self.title = QLabel("")
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)  # float-ok: font size
        self.title.setFont(font)
        self.badge_box = QHBoxLayout()
        self.summary = QLabel("")
        self.summary.setStyleSheet("color: palette(dark);")
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addLayout(self.badge_box)
        top.addWidget(self.summary, 1)
        self.balances = QLabel("")
        self.balances.setObjectName("botBalances")
        self.balances.setTextFormat(Qt.TextFormat.RichText)
        self.balances.setWordWrap(True)
        self.balances.setToolTip(
            self.tr(
                "Free: what the bot can still spend or sell. Locked: reserved by its open orders "
                "(on the exchange for a Trader bot). P&L counts both, fees included."
            )
        )
        self.log_view = QPlainTextEdit()
        self.log_view.setReadOnly(True)
        self.log_view.setMaximumBlockCount(LOG_LIMIT)
        self.log_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.log_view.setPlaceholderText(
            self.tr("What the bot decides appears here, newest at the bottom.")
        )
        self.orders_table = _table(ORDER_COLUMNS)
        self.orders_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.orders_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.orders_table.customContextMenuRequested.connect(self._on_orders_menu)
        self.orders_table.itemSelectionChanged.connect(self._update_cancel)
        self.open_only = QCheckBox(self.tr("Open orders only"))
        self.open_only.toggled.connect(lambda _checked: self._show_orders(self._orders))
        self.open_count = QLabel("")
        self.cancel_button = QPushButton(self.tr("Cancel order…"))
        self.cancel_button.setObjectName("cancelOrderButton")
        self.cancel_button.setToolTip(self.tr("Cancel the selected open order."))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        orders_page = QWidget()
        orders_bar = QHBoxLayout()
        orders_bar.addWidget(self.open_only)
        orders_bar.addWidget(self.open_count)
        orders_bar.addStretch(1)
        orders_bar.addWidget(self.cancel_button)
        orders_layout = QVBoxLayout(orders_page)
        orders_layout.setContentsMargins(0, 4, 0, 0)
        orders_layout.addLayout(orders_bar)
        orders_layout.addWidget(self.orders_table, 1)
        self.orders_page = orders_page
        self.trades_table = _table(TRADE_COLUMNS)
        chart_page = QWidget()
        self.chart_slot = QVBoxLayout(chart_page)
        self.chart_slot.setContentsMargins(0, 0, 0, 0)
        self.chart_placeholder = QLabel(
            self.tr("The price chart with this bot's trades appears here.")
        )
        self.chart_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart_slot.addWidget(self.chart_placeholder)
        equity_page = QWidget()
        self.equity_slot = QVBoxLayout(equity_page)
        self.equity_slot.setContentsMargins(0, 0, 0, 0)
        self.equity_placeholder = QLabel(
            self.tr("This bot's equity over time, against its budget, appears here.")
        )
        self.equity_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.equity_slot.addWidget(self.equity_placeholder)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Details of the selected bot"))
        self.tabs.addTab(self.log_view, self.tr("Log"))
        self.tabs.addTab(orders_page, self.tr("Orders"))
        self.tabs.addTab(self.trades_table, self.tr("Trades"))
        self.tabs.addTab(chart_page, self.tr("Chart"))
        self.tabs.addTab(equity_page, self.tr("Equity"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.balances)
        layout.addWidget(self.tabs, 1)

    # --- which bot ------------------------------------------------------------------------------
    @property
    def bot_id(self) -> str | None:
        return self.entry.spec.id if self.entry is not None else None

    def show_bot(self, entry: BotEntry | None) -> Job | None:
        """Show this bot (None: nothing) and read its history in a job."""
        if self.load_job is not None:
            self.load_job.cancel()
            self.load_job = None
        self.entry = entry
        self.log_view.clear()
        self._orders = []
        self.orders_table.setRowCount(0)
        self._update_cancel()
        self.trades_table.setRowCount(0)
        self._buffer = []
        self._set_header(entry)
        self._install_chart(entry)
        if entry is None:
            return None
        spec = entry.spec
        self.load_job = run_in_background(
            lambda: load_history(self.core, spec),
            self._on_history_loaded,
            parent=self,
            name="bot-history",
        )
        return self.load_job

    def _set_header(self, entry: BotEntry | None) -> None:
        while self.badge_box.count():
            item = self.badge_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if entry is None:
            self.title.setText("")
            self.summary.setText(self.tr("Select a bot to see what it does."))
            self.balances.setText("")
            return
        self._show_balances(entry)
        spec = entry.spec
        self.title.setText(spec.name)
        self.badge_box.addWidget(badge_label(spec.kind))
        budget = amount(spec.budget, quote_decimals(entry.rules), unit=entry.quote)
        self.summary.setText(
            self.tr("%1 on %2 · %3 · budget %4")
            .replace("%1", spec.symbol)
            .replace("%2", entry.platform_name)
            .replace("%3", entry.strategy_text())
            .replace("%4", budget)
        )

    def _show_balances(self, entry: BotEntry) -> None:
        """The running bot's last status, else what is recorded (read with the bot list)."""
        balances: Balances | None = None
        if entry.status is not None:
            balances = Balances.of_status(entry.status)
        elif entry.figures is not None:
            f = entry.figures
            balances = Balances(
                f.quote_free,
                f.quote_locked,
                f.base_free,
                f.base_locked,
                f.open_orders,
                f.pnl,
                f.pnl_pct,
            )
        self.balances.setText(balances_text(balances, entry) if balances is not None else "")

    def _install_chart(self, entry: BotEntry | None) -> None:
        self._remove_chart()
        if entry is not None and _chart_factory is not None:
            self.chart_widget = _chart_factory(self.core, entry.spec)
            self.chart_slot.addWidget(self.chart_widget)
            equity = getattr(self.chart_widget, "equity_view", None)
            if isinstance(equity, QWidget):
                self.equity_widget = equity
                self.equity_slot.addWidget(equity)
                equity.show()
        self.chart_placeholder.setVisible(self.chart_widget is None)
        self.equity_placeholder.setVisible(self.equity_widget is None)

    def _remove_chart(self) -> None:
        """Stop the shown chart's loading, then delete it and its equity view."""
        chart, equity = self.chart_widget, self.equity_widget
        self.chart_widget = self.equity_widget = None
        if chart is not None and is_valid(chart):
            stop = getattr(chart, "stop", None)
            if callable(stop):
                stop()
            self.chart_slot.removeWidget(chart)
        if equity is not None and is_valid(equity):
            self.equity_slot.removeWidget(equity)
            equity.hide()
            equity.setParent(chart if chart is not None and is_valid(chart) else None)
            equity.deleteLater()
        if chart is not None and is_valid(chart):
            chart.deleteLater()

    def update_entry(self, entry: BotEntry) -> None:
        """The shown bot's row changed (rules arrived, renamed…): refresh the header."""
        if entry.spec.id == self.bot_id:
            self.entry = entry
            self._set_header(entry)

    # --- history --------------------------------------------------------------------------------
    def _on_history_loaded(self, history: object) -> None:
        assert isinstance(history, History)
        self.load_job = None
        if history.bot_id != self.bot_id:
            return
        seen = {(d.time, d.action, d.message) for d in history.decisions[-200:]}
        places = self._log_places()
        lines = [log_line(d, places) for d in history.decisions]
        lines += [
            log_line(d, places) for d in self._buffer if (d.time, d.action, d.message) not in seen
        ]
        self._buffer = []
        self.log_view.setPlainText("\n".join(lines))
        self._scroll_log_to_end()
        self._show_orders(history.orders)
        self._show_trades(history.fills)

    def reload_trades(self) -> Job | None:
        """Re-read the shown bot's orders and fills (after a buy or a sell)."""
        if self.entry is None or self.trades_job is not None:
            return self.trades_job
        spec = self.entry.spec
        self.trades_job = run_in_background(
            lambda: load_history(self.core, spec, with_decisions=False),
            self._on_trades_loaded,
            parent=self,
            name="bot-trades",
        )
        return self.trades_job

    def _on_trades_loaded(self, history: object) -> None:
        assert isinstance(history, History)
        self.trades_job = None
        if history.bot_id == self.bot_id:
            self._fill_times: dict[str, int] = {}
            for fill in history.fills:
                self._fill_times.setdefault(fill.client_order_id, fill.time)
            self._show_orders(history.orders)
            self._show_trades(history.fills)

    def _show_orders(self, orders: list[LoggedOrder]) -> None:
        self._orders = orders
        opened = [o for o in orders if o.status.is_open]
        self.open_count.setText(
            self.tr("1 open order")
            if len(opened) == 1
            else self.tr("%1 open orders").replace("%1", str(len(opened)))
        )
        if self.open_only.isChecked():
            orders = opened
        rules = self.entry.rules if self.entry is not None else None
        qd, pd = base_decimals(rules), quote_decimals(rules)
        self.orders_table.setRowCount(len(orders))
        for row, order in enumerate(orders):
            request = order.request
            price = amount(request.price, pd) if request.price is not None else "—"
            cells = (
                _item(when(order_time(order, getattr(self, "_fill_times", {})))),
                _item(
                    order_word(request.side.value),
                    colour=SIDE_COLOURS.get(request.side.value, ""),
                ),
                _item(order_word(request.type.value)),
                _item(amount(request.quantity, qd), right=True),
                _item(price, right=True),
                _item(order_word(order.status.value)),
                _item(amount(order.executed_qty, qd), right=True),
                _item(request.client_order_id),
            )
            cells[0].setData(Qt.ItemDataRole.UserRole, request.client_order_id)
            if order.status.is_open:
                font = QFont(cells[5].font())
                font.setBold(True)
                cells[5].setFont(font)
            for column, item in enumerate(cells):
                self.orders_table.setItem(row, column, item)
        self.orders_table.scrollToBottom()
        self._update_cancel()

    # --- cancelling an open order ---------------------------------------------------------------
    def selected_order(self) -> LoggedOrder | None:
        rows = self.orders_table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.orders_table.item(rows[0].row(), 0)
        cid = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((o for o in self._orders if o.request.client_order_id == cid), None)

    def _update_cancel(self) -> None:
        order = self.selected_order() if self.entry is not None else None
        self.cancel_button.setEnabled(order is not None and order.status.is_open)

    def _on_orders_menu(self, pos: QPoint) -> None:
        item = self.orders_table.itemAt(pos)
        if item is None:
            return
        self.orders_table.selectRow(item.row())
        order = self.selected_order()
        menu = QMenu(self)
        action = menu.addAction(self.tr("Cancel this order…"))
        action.setEnabled(order is not None and order.status.is_open)
        action.triggered.connect(self._on_cancel_clicked)
        menu.popup(self.orders_table.viewport().mapToGlobal(pos))

    def cancel_question(self, order: LoggedOrder) -> tuple[QMessageBox, QAbstractButton]:
        """The confirmation of a cancel, and its "Cancel the order" button (not the default)."""
        assert self.entry is not None
        entry, request = self.entry, order.request
        rules = entry.rules
        what = (
            self.tr("Cancel the order to buy %1 at %2?")
            if request.side.value == "BUY"
            else self.tr("Cancel the order to sell %1 at %2?")
        )
        base = base_asset(entry.spec.symbol, rules)
        size = amount(request.quantity - order.executed_qty, base_decimals(rules), unit=base)
        price = (
            amount(request.price, quote_decimals(rules), unit=entry.quote)
            if request.price is not None
            else self.tr("market")
        )
        box = QMessageBox(self)
        box.setObjectName("cancelOrderQuestion")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Cancel an order"))
        box.setText(what.replace("%1", size).replace("%2", price))
        box.setInformativeText(
            self.tr(
                "It is cancelled on %1; what it locked is free again. If it filled first, its "
                "fills are recorded."
            ).replace("%1", entry.platform_name)
            if entry.spec.kind is BotKind.TRADER
            else self.tr("A paper order: nothing is sent; what it locked is free again.")
        )
        yes = box.addButton(self.tr("Cancel the order"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Keep it"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        return box, yes

    def _on_cancel_clicked(self) -> None:
        order = self.selected_order()
        if order is None or not order.status.is_open or self.entry is None:
            return
        box, yes = self.cancel_question(order)
        box.exec()
        if box.clickedButton() is yes and self.entry is not None:
            self.sig_cancel_requested.emit(self.entry.spec.id, order.request.client_order_id)

    def _show_trades(self, fills: list[Fill]) -> None:
        rules = self.entry.rules if self.entry is not None else None
        qd, pd = base_decimals(rules), quote_decimals(rules)
        quote = self.entry.quote if self.entry is not None else ""
        self.trades_table.setRowCount(len(fills))
        for row, fill in enumerate(fills):
            side = fill.side.value
            cells = (
                _item(when(fill.time)),
                _item(order_word(side), colour=SIDE_COLOURS.get(side, "")),
                _item(amount(fill.price, pd), right=True),
                _item(amount(fill.quantity, qd), right=True),
                _item(amount(fill.price * fill.quantity, pd, unit=quote), right=True),
                _item(_fee_text(fill.fee, fill.fee_asset), right=True),
            )
            for column, item in enumerate(cells):
                self.trades_table.setItem(row, column, item)
        self.trades_table.scrollToBottom()

    # --- live -----------------------------------------------------------------------------------
    def on_decision(self, decision: Decision) -> None:
        """A decision from a running bot: appended if it is the shown bot's."""
        if decision.bot_id != self.bot_id:
            return
        if self.load_job is not None:
            self._buffer.append(decision)
        else:
            at_end = self._log_at_end()
            self.log_view.appendPlainText(log_line(decision, self._log_places()))
            if at_end:
                self._scroll_log_to_end()
        if decision.action in ("buy", "sell", "cancel"):
            self._refresh_timer.start()
        self._forward("on_decision", decision)

    def on_status(self, status: BotStatus) -> None:
        if status.bot_id == self.bot_id:
            if self.entry is not None:
                self.balances.setText(balances_text(Balances.of_status(status), self.entry))
            self._forward("on_status", status)

    def _forward(self, method: str, event: Any) -> None:
        handler = getattr(self.chart_widget, method, None)
        if callable(handler):
            handler(event)

    def _log_places(self) -> dict[str, int]:
        return log_places(self.entry.rules if self.entry is not None else None)

    def _log_at_end(self) -> bool:
        bar = self.log_view.verticalScrollBar()
        return bool(bar.value() >= bar.maximum() - 2)

    def _scroll_log_to_end(self) -> None:
        bar = self.log_view.verticalScrollBar()
        bar.setValue(bar.maximum())

    def log_text(self) -> str:
        return self.log_view.toPlainText()


def _fee_text(fee: Decimal, asset: str) -> str:
    """A fee as precise as it is (fees are often below the lot step), at most 8 decimals."""
    exponent = fee.normalize().as_tuple().exponent
    shown = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return amount(fee, min(shown, 8), unit=asset)
