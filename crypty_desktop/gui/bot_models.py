"""The bot list's data: one ``BotEntry`` per bot, shown by ``BotTableModel``; texts for each cell.

Rows are updated in place from the supervisor's signals (``dataChanged`` for the one row), never
rebuilt on each status. ``load_entries`` (local database reads) and ``load_rules`` (the markets'
rules: network for Binance) run in background jobs.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from crypty_desktop.bots.ownership import RUNNING_ELSEWHERE, Owner, busy_message
from crypty_desktop.bots.pnl import BotPnl
from crypty_desktop.domain.bots import (
    WAS_RUNNING,
    BotKind,
    BotSpec,
    BotState,
    BotStatus,
    EventKind,
)
from crypty_desktop.domain.market import SymbolRules
from crypty_desktop.domain.platform import Platform
from crypty_desktop.gui.i18n import core_text
from crypty_desktop.gui.number_format import amount, percent, sign_colour
from crypty_desktop.gui.qt import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QColor,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from crypty_desktop.gui.theme import (
    GAIN_COLOUR,
    INFO_COLOUR,
    LOSS_COLOUR,
    MUTED_COLOUR,
    WARNING_COLOUR,
)
from crypty_desktop.reports.bots import BotRow, bot_rows
from crypty_desktop.reports.pnl import market_assets

if TYPE_CHECKING:
    from crypty_desktop.app import Core

COLUMNS = (
    QT_TRANSLATE_NOOP("BotTableModel", "Name"),
    QT_TRANSLATE_NOOP("BotTableModel", "Kind"),
    QT_TRANSLATE_NOOP("BotTableModel", "Platform"),
    QT_TRANSLATE_NOOP("BotTableModel", "Market"),
    QT_TRANSLATE_NOOP("BotTableModel", "Strategy"),
    QT_TRANSLATE_NOOP("BotTableModel", "State"),
    QT_TRANSLATE_NOOP("BotTableModel", "P&L"),
    QT_TRANSLATE_NOOP("BotTableModel", "Last action"),
)
(COL_NAME, COL_KIND, COL_PLATFORM, COL_MARKET, COL_STRATEGY, COL_STATE, COL_PNL, COL_ACTION) = (
    range(len(COLUMNS))
)
BOT_ID_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1

KIND_WORDS = {
    BotKind.GHOST: QT_TRANSLATE_NOOP("BotTableModel", "Ghost — paper trading, no real money"),
    BotKind.TRADER: QT_TRANSLATE_NOOP(
        "BotTableModel", "Trader — places real orders with your money"
    ),
}
STATE_SIGNS = {
    BotState.RUNNING: (QT_TRANSLATE_NOOP("BotTableModel", "● Running"), GAIN_COLOUR),
    BotState.STARTING: (QT_TRANSLATE_NOOP("BotTableModel", "◌ Starting…"), INFO_COLOUR),
    BotState.STOPPING: (QT_TRANSLATE_NOOP("BotTableModel", "◌ Stopping…"), MUTED_COLOUR),
    BotState.PAUSED: (QT_TRANSLATE_NOOP("BotTableModel", "❚❚ Paused"), WARNING_COLOUR),
    BotState.STOPPED: (QT_TRANSLATE_NOOP("BotTableModel", "■ Stopped"), MUTED_COLOUR),
    BotState.ERROR: (QT_TRANSLATE_NOOP("BotTableModel", "⚠ Error"), LOSS_COLOUR),
}
ELSEWHERE_SIGN = ("⇄ ", INFO_COLOUR)  # running, but in another Crypty process
# Running, but waiting for Binance: a rate-limit pause, or an order it has not confirmed (the
# bot holds: no new order). The reason, in the tooltip, says what and until when.
WAITING_SIGN = (
    QT_TRANSLATE_NOOP("BotTableModel", "◷ Waiting"),
    WARNING_COLOUR,
)
WAITING_KINDS = (EventKind.RATE_LIMIT, EventKind.UNCONFIRMED)
LIVE_STATES = (BotState.RUNNING, BotState.STARTING, BotState.STOPPING)


def decimals_of(step: Decimal) -> int:
    """How many decimals a step (tick size, lot step) has: 0.01 → 2, 1 → 0."""
    if step <= 0:
        return 8
    exponent = step.normalize().as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 8


def quote_decimals(rules: SymbolRules | None) -> int:
    """Decimals to show quote amounts (prices, P&L): the price tick's, 2 when unknown."""
    return decimals_of(rules.tick_size) if rules is not None and rules.tick_size > 0 else 2


def base_decimals(rules: SymbolRules | None) -> int:
    """Decimals to show base quantities: the lot step's, 8 when unknown."""
    return decimals_of(rules.step_size) if rules is not None and rules.step_size > 0 else 8


def quote_asset(symbol: str, rules: SymbolRules | None = None) -> str:
    """The market's quote asset (from its rules, or guessed from the symbol's end)."""
    assets = market_assets(symbol, rules)
    return assets[1] if assets is not None else ""


def base_asset(symbol: str, rules: SymbolRules | None = None) -> str:
    """The market's base asset (from its rules, or from the symbol less its quote)."""
    assets = market_assets(symbol, rules)
    return assets[0] if assets is not None else ""


def _tr(text: str) -> str:
    return QCoreApplication.translate("BotTableModel", text)


def state_text(state: BotState, reason: str = "", elsewhere: Owner | None = None) -> str:
    if elsewhere is not None:
        return ELSEWHERE_SIGN[0] + core_text(RUNNING_ELSEWHERE)
    text = _tr(STATE_SIGNS[state][0])
    if state is BotState.STOPPED and reason == WAS_RUNNING:
        text += f" ({core_text(WAS_RUNNING)})"
    return text


def pnl_text(pnl: Decimal | None, pct: Decimal | None, quote: str, places: int) -> str:
    """``+12.30 USDT (+1.23 %)``: a sign always, so colour is never the only clue."""
    if pnl is None:
        return "—"
    return f"{amount(pnl, places, signed=True, unit=quote)} ({percent(pct)})"


@dataclass
class BotEntry:
    """What one row shows. Mutable: the model updates it in place."""

    spec: BotSpec
    platform: Platform | None
    state: BotState = BotState.STOPPED
    reason: str = ""
    pnl: Decimal | None = None
    pnl_pct: Decimal | None = None
    last_action: str = ""
    rules: SymbolRules | None = None
    elsewhere: Owner | None = None  # another Crypty process runs this bot
    figures: BotPnl | None = None  # balances and P&L as recorded (a bot not running here)
    status: BotStatus | None = None  # the last status of the bot while it runs here

    @property
    def waiting(self) -> bool:
        """Running here, but waiting for Binance (a rate-limit pause, an unconfirmed order)."""
        status = self.status
        return (
            self.elsewhere is None
            and self.state is BotState.RUNNING
            and status is not None
            and status.reason == self.reason
            and status.reason_kind in WAITING_KINDS
        )

    @property
    def open_orders(self) -> int:
        if self.status is not None:
            return self.status.open_orders
        return self.figures.open_orders if self.figures is not None else 0

    def busy_text(self) -> str:
        """Who runs the bot elsewhere, as a sentence in the user's language."""
        return core_text(busy_message(self.spec.name, self.elsewhere))

    @property
    def quote(self) -> str:
        return quote_asset(self.spec.symbol, self.rules)

    @property
    def platform_name(self) -> str:
        if self.platform is not None:
            return self.platform.name
        return QCoreApplication.translate("BotTableModel", "(removed)")

    def strategy_text(self) -> str:
        from crypty_desktop.gui.strategy_words import strategy_text
        from crypty_desktop.strategies.registry import STRATEGIES

        cls = STRATEGIES.get(self.spec.strategy)
        title = strategy_text(cls.title) if cls is not None else self.spec.strategy
        return f"{title} · {self.spec.interval}"


def entry_of(row: BotRow) -> BotEntry:
    """The list's row for a bot as the core reports it (``reports.bots``)."""
    entry = BotEntry(row.spec, row.platform, row.state, row.reason)
    entry.elsewhere = row.elsewhere
    entry.figures = row.pnl  # the one P&L rule, at the last stored price
    if row.pnl is not None:
        entry.pnl, entry.pnl_pct = row.pnl.pnl, row.pnl.pnl_pct
    entry.last_action = row.last_action
    return entry


def load_entries(core: Core) -> list[BotEntry]:
    """Every bot with its saved state, last P&L, last action and whether another process runs it,
    as ``crypty bot list`` shows them. Local reads (run in a job)."""
    return [entry_of(row) for row in bot_rows(core)]


def load_rules(core: Core, entries: list[tuple[BotSpec, Platform]]) -> dict[str, SymbolRules]:
    """Each bot's market rules (for precision and the quote asset); unreachable ones are skipped.

    Network for Binance: run it in a job.
    """
    found: dict[str, SymbolRules] = {}
    for spec, platform in entries:
        try:
            found[spec.id] = core.gateway_for(platform).symbol_rules(spec.symbol)
        except Exception:  # noqa: BLE001, S112 - precision falls back to defaults
            continue
    return found


class BotTableModel(QAbstractTableModel):
    """The bots, one row each, in name order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[BotEntry] = []
        self._rows: dict[str, int] = {}

    # --- reading -------------------------------------------------------------------------------
    def rowCount(  # noqa: N802 - Qt override
        self, parent: QModelIndex | QPersistentModelIndex | None = None
    ) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._entries)

    def columnCount(  # noqa: N802 - Qt override
        self, parent: QModelIndex | QPersistentModelIndex | None = None
    ) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(COLUMNS[section])
        return None

    def entries(self) -> list[BotEntry]:
        return list(self._entries)

    def entry(self, row: int) -> BotEntry:
        return self._entries[row]

    def find(self, bot_id: str) -> BotEntry | None:
        row = self._rows.get(bot_id)
        return self._entries[row] if row is not None else None

    def row_of(self, bot_id: str) -> int:
        return self._rows.get(bot_id, -1)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, column)
        if role == BOT_ID_ROLE:
            return entry.spec.id
        if role == KIND_ROLE:
            return entry.spec.kind
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_PNL:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    @staticmethod
    def _display(entry: BotEntry, column: int) -> str:
        spec = entry.spec
        texts = {
            COL_NAME: lambda: spec.name,
            COL_KIND: lambda: spec.kind.label,
            COL_PLATFORM: lambda: entry.platform_name,
            COL_MARKET: lambda: spec.symbol,
            COL_STRATEGY: entry.strategy_text,
            COL_STATE: lambda: (
                _tr(WAITING_SIGN[0])
                if entry.waiting
                else state_text(entry.state, entry.reason, entry.elsewhere)
            ),
            COL_PNL: lambda: pnl_text(
                entry.pnl, entry.pnl_pct, entry.quote, quote_decimals(entry.rules)
            ),
            COL_ACTION: lambda: core_text(entry.last_action) or "—",
        }
        return texts[column]()

    @staticmethod
    def _foreground(entry: BotEntry, column: int) -> QColor | None:
        if column == COL_STATE:
            if entry.elsewhere is not None:
                return QColor(ELSEWHERE_SIGN[1])
            if entry.waiting:
                return QColor(WAITING_SIGN[1])
            return QColor(STATE_SIGNS[entry.state][1])
        if column == COL_PNL:
            colour = sign_colour(entry.pnl)
            return QColor(colour) if colour else None
        return None

    @staticmethod
    def _tooltip(entry: BotEntry, column: int) -> str | None:
        if column == COL_KIND:
            return _tr(KIND_WORDS[entry.spec.kind])
        if column == COL_STATE:
            if entry.elsewhere is not None:
                return entry.busy_text()
            return core_text(entry.reason) or None
        if column == COL_ACTION and entry.last_action:
            return core_text(entry.last_action)
        if column == COL_PNL:
            return QCoreApplication.translate(
                "BotTableModel", "Profit or loss so far, fees included: value now minus the budget."
            )
        return None

    # --- changing ------------------------------------------------------------------------------
    def set_entries(self, entries: list[BotEntry]) -> None:
        """Replace every row (a reload); rules already known are kept."""
        known = {e.spec.id: e.rules for e in self._entries}
        self.beginResetModel()
        self._entries = sorted(entries, key=lambda e: e.spec.name.lower())
        for entry in self._entries:
            entry.rules = entry.rules or known.get(entry.spec.id)
        self._reindex()
        self.endResetModel()

    def add(self, entry: BotEntry) -> None:
        """Insert one bot at its place in name order (or replace it if it is there)."""
        if entry.spec.id in self._rows:
            row = self._rows[entry.spec.id]
            self._entries[row] = entry
            self._row_changed(row)
            return
        names = [e.spec.name.lower() for e in self._entries]
        row = sum(1 for n in names if n < entry.spec.name.lower())
        self.beginInsertRows(QModelIndex(), row, row)
        self._entries.insert(row, entry)
        self._reindex()
        self.endInsertRows()

    def remove(self, bot_id: str) -> None:
        row = self._rows.get(bot_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._entries[row]
        self._reindex()
        self.endRemoveRows()

    def apply_status(self, status: BotStatus) -> None:
        """A running bot's snapshot: state, P&L, last action — this row only."""
        row = self._rows.get(status.bot_id)
        if row is None:
            return
        entry = self._entries[row]
        entry.state, entry.reason, entry.elsewhere = status.state, status.reason, None
        entry.pnl, entry.pnl_pct = status.pnl, status.pnl_pct
        entry.status = status
        if status.last_action:
            entry.last_action = status.last_action
        self._row_changed(row)

    def set_state(self, bot_id: str, state: BotState, reason: str = "") -> None:
        row = self._rows.get(bot_id)
        if row is not None:
            entry = self._entries[row]
            entry.state, entry.reason = state, reason
            self._row_changed(row)

    def set_elsewhere(self, bot_id: str, owner: Owner | None) -> None:
        """Whether another process runs the bot (shown instead of its saved state)."""
        row = self._rows.get(bot_id)
        if row is not None:
            self._entries[row].elsewhere = owner
            self._row_changed(row)

    def set_rules(self, rules: dict[str, SymbolRules]) -> None:
        for bot_id, found in rules.items():
            row = self._rows.get(bot_id)
            if row is not None:
                self._entries[row].rules = found
                self._row_changed(row)

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def _reindex(self) -> None:
        self._rows = {e.spec.id: i for i, e in enumerate(self._entries)}
