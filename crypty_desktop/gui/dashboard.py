"""The Dashboard page: what each platform holds, valued in USDT, and what each bot has made.

Balances are read with the platform's key (reading is enough) in a background job, every minute
and on "Refresh"; a platform that cannot be read says why in words, the others still show.
Bot P&L is the core's one rule (``crypty_desktop.bots.pnl``): each bot's wallet rebuilt from its
order log, free and locked apart, at its last known price (a running bot's last candle, else its
last stored price; no price: a dash, never a loss); while bots run, their status signals bring the
last price and the P&L follows within a second, recomputed in a job. Paper (Ghost) and real
(Trader) totals are shown apart, never added together.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from crypty_desktop.bots.pnl import BotPnl
from crypty_desktop.domain.bots import BotKind, BotStatus
from crypty_desktop.domain.platform import Platform
from crypty_desktop.gui.feedback import error_text
from crypty_desktop.gui.i18n import core_text
from crypty_desktop.gui.jobs import Job, run_in_background
from crypty_desktop.gui.number_format import amount, quantity, sign_colour
from crypty_desktop.gui.pages import Page, heading, paragraph
from crypty_desktop.gui.qt import (
    QT_TRANSLATE_NOOP,
    QAbstractItemView,
    QBrush,
    QColor,
    QCoreApplication,
    QFont,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QShowEvent,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from crypty_desktop.gui.theme import KIND_COLOURS, LOSS_COLOUR, card_style
from crypty_desktop.reports.dashboard import (
    DashboardRow,
    PlatformBalances,
    Snapshot,
    take_snapshot,
)

if TYPE_CHECKING:
    from crypty_desktop.app import Core
    from crypty_desktop.gui.workers import BotSupervisor

REFRESH_MS = 60_000
LIVE_PNL_MS = 1_000
BOT_COLUMNS = (
    QT_TRANSLATE_NOOP("DashboardPage", "Bot"),
    QT_TRANSLATE_NOOP("DashboardPage", "Kind"),
    QT_TRANSLATE_NOOP("DashboardPage", "Market"),
    QT_TRANSLATE_NOOP("DashboardPage", "Free"),
    QT_TRANSLATE_NOOP("DashboardPage", "Locked in orders"),
    QT_TRANSLATE_NOOP("DashboardPage", "Realised"),
    QT_TRANSLATE_NOOP("DashboardPage", "Unrealised"),
    QT_TRANSLATE_NOOP("DashboardPage", "Fees"),
    QT_TRANSLATE_NOOP("DashboardPage", "Net P&L"),
)


def _item(text: str, colour: str = "", right: bool = True, bold: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if colour:
        item.setForeground(QBrush(QColor(colour)))
    if bold:
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
    return item


def _pnl(value: Decimal | None, quote: str) -> QTableWidgetItem:
    return _item(f"{amount(value, signed=True)} {quote}".strip(), sign_colour(value))


class PlatformCard(QFrame):
    """One platform: its total in USDT, then each asset; or why it could not be read."""

    def __init__(self, platform: Platform, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("platformCard")
        self.setStyleSheet(card_style("platformCard"))
        self.platform = platform
        self.name = QLabel(f"<b>{platform.name}</b> · {core_text(platform.type.label)}")
        self.total = heading("…", 1.35)
        self.total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail = QLabel(self.tr("Reading balances…"))
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(4)
        for widget in (self.name, self.total, self.detail):
            widget.setStyleSheet("border: none;")
            layout.addWidget(widget)
        self.setMinimumWidth(260)

    def show_balances(self, balances: PlatformBalances) -> None:
        value = balances.value
        if value is None:
            self.total.setText("—")
            text, detail = error_text(balances.error) if balances.error else ("", "")
            small = f" <small>({detail})</small>" if detail else ""
            self.detail.setText(f"<span style='color:{LOSS_COLOUR}'>✗ {text}</span>{small}")
            return
        self.total.setText(f"{amount(value.total_usdt)} USDT")
        lines = []
        for asset in value.assets:
            if asset.total == 0:
                continue
            worth = (
                f" ≈ {amount(asset.usdt)} USDT"
                if asset.usdt is not None
                else " " + self.tr("(no price)")
            )
            line = f"{quantity(asset.total)} {asset.asset}{worth}"
            if asset.locked > 0:
                line += (
                    " · <b>"
                    + self.tr("%1 locked in orders").replace("%1", quantity(asset.locked))
                    + "</b>"
                )
            lines.append(line)
        self.detail.setText("<br>".join(lines) or self.tr("Nothing held."))


class DashboardPage(Page):
    """Balances per platform and P&L per bot, kept fresh without blocking the window.

    ``platforms_button`` opens the Platforms window (the main window connects it).
    """

    def __init__(
        self, core: Core, supervisor: BotSupervisor | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(QCoreApplication.translate("DashboardPage", "Dashboard"), parent)
        self.core = core
        self.platforms: list[Platform] = []
        self.cards: dict[int, PlatformCard] = {}
        self.prices: dict[str, Decimal] = {}
        self.job: Job | None = None
        self.rows: list[DashboardRow] = []
        self._again: bool | None = None  # a refresh asked while a job ran (True: with balances)
        self._stale = True  # balances not read since the platforms changed
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.platforms_button = QPushButton(self.tr("Manage platforms…"))
        self.updated = QLabel("")
        self.updated.setStyleSheet("color: palette(placeholder-text);")
        self.action_row.addWidget(self.updated)
        self.action_row.addWidget(self.refresh_button)
        self.action_row.addWidget(self.platforms_button)
        self._build()
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self._on_timer)
        self.timer.start()
        self.live_timer = QTimer(self)
        self.live_timer.setSingleShot(True)
        self.live_timer.setInterval(LIVE_PNL_MS)
        self.live_timer.timeout.connect(lambda: self.refresh(balances=False))
        if supervisor is not None:
            self.watch(supervisor)

    def _build(self) -> None:
        self.empty = paragraph(
            self.tr(
                "No platform yet. Open the Bots page to try the offline demo or add a Binance key."
            )
        )
        self.balances_title = heading(self.tr("Balances"), 1.15)
        self.cards_row = QHBoxLayout()
        self.cards_row.setSpacing(12)
        self.cards_row.addStretch(1)
        cards = QWidget()
        cards.setLayout(self.cards_row)
        self.cards_row.setContentsMargins(0, 0, 0, 0)
        self.cards_scroll = cards
        self.bots_title = heading(self.tr("Bots"), 1.15)
        self.bots_table = QTableWidget(0, len(BOT_COLUMNS))
        self.bots_table.setObjectName("botPnlTable")
        self.bots_table.setAccessibleName(self.tr("Profit and loss of each bot"))
        self.bots_table.setHorizontalHeaderLabels([self.tr(c) for c in BOT_COLUMNS])
        self.bots_table.verticalHeader().setVisible(False)
        self.bots_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.bots_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.bots_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(90)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the name takes the room
        self.bots_note = paragraph(
            self.tr(
                "P&L is net of fees: realised on what was sold, unrealised on what is held at "
                "the bot's last price; locked funds are reserved by open orders and still the "
                "bot's. Ghost bots trade paper money, counted apart from the real money of "
                "Trader bots."
            )
        )
        self.bots_note.setStyleSheet("color: palette(placeholder-text);")
        self.totals = QLabel("")
        self.totals.setTextFormat(Qt.TextFormat.RichText)
        grid = QGridLayout()
        grid.addWidget(self.bots_title, 0, 0)
        grid.addWidget(self.totals, 0, 1, Qt.AlignmentFlag.AlignRight)
        self.body.addWidget(self.empty)
        self.body.addWidget(self.balances_title)
        self.body.addWidget(cards)
        self.body.addLayout(grid)
        self.body.addWidget(self.bots_table, 1)
        self.body.addWidget(self.bots_note)

    # --- platforms ------------------------------------------------------------------------------
    def set_platforms(self, platforms: list[Platform]) -> None:
        """Show a card per platform and read them all again."""
        self.platforms = list(platforms)
        has = bool(platforms)
        self.empty.setVisible(not has)
        for widget in (self.balances_title, self.cards_scroll):
            widget.setVisible(has)
        for card in self.cards.values():
            self.cards_row.removeWidget(card)
            card.deleteLater()
        self.cards = {}
        for platform in platforms:
            card = PlatformCard(platform)
            self.cards_row.insertWidget(self.cards_row.count() - 1, card)
            self.cards[platform.id] = card
        self._stale = True
        if self.isVisible():
            self.refresh()

    def watch(self, supervisor: BotSupervisor) -> None:
        """Follow running bots' status signals (a ``BotSupervisor``) for live P&L."""
        supervisor.sig_status.connect(self.on_status)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Read balances when the page is first shown (never at start-up) or when stale."""
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # --- refreshing -----------------------------------------------------------------------------
    def refresh(self, balances: bool = True) -> Job | None:
        """Read balances (unless ``balances`` is False) and bot P&L in a job."""
        if self.job is not None:
            self._again = bool(self._again) or balances
            return self.job
        core, platforms, prices = self.core, list(self.platforms), dict(self.prices)
        self.refresh_button.setEnabled(False)
        if balances:
            self._stale = False
        self.job = run_in_background(
            lambda: take_snapshot(core, platforms, prices, balances),
            self._on_snapshot,
            self._on_failed,
            parent=self,
            name="dashboard",
        )
        return self.job

    def _on_timer(self) -> None:
        if self.isVisible():
            self.refresh()

    def on_status(self, status: object) -> None:
        """A running bot's status: its last price; the P&L follows within a second."""
        if isinstance(status, BotStatus) and status.last_price is not None:
            self.prices[status.bot_id] = status.last_price
            if not self.live_timer.isActive():
                self.live_timer.start()

    def _on_snapshot(self, snapshot: Any) -> None:
        assert isinstance(snapshot, Snapshot)
        for balances in snapshot.balances:
            card = self.cards.get(balances.platform.id)
            if card is not None:
                card.show_balances(balances)
        self.show_bots(snapshot.bots)
        if snapshot.balances:
            self.updated.setText(
                self.tr("Balances at %1").replace("%1", f"{snapshot.taken_at:%H:%M:%S}")
            )
        self._done()

    def _on_failed(self, error: BaseException) -> None:
        text, _small = error_text(error)
        self.updated.setText(self.tr("Could not refresh: %1").replace("%1", text))
        self._done()

    def _done(self) -> None:
        self.job = None
        self.refresh_button.setEnabled(True)
        again, self._again = self._again, None
        if again is not None:
            self.refresh(balances=again)

    def show_bots(self, rows: list[DashboardRow]) -> None:
        self.rows = rows
        table = self.bots_table
        table.setRowCount(len(rows))
        sums: dict[tuple[BotKind, str], Decimal] = {}
        unknown: set[BotKind] = set()
        for r, row in enumerate(rows):
            spec = row.spec
            kind = _item(spec.kind.label, right=False, bold=True)
            kind.setForeground(QBrush(QColor(KIND_COLOURS[spec.kind])))  # as in the bot list
            cells = [_item(spec.name, right=False), kind, _item(spec.symbol, right=False)]
            if row.pnl is None:
                why = error_text(row.error)[0] if row.error is not None else ""
                cells += [_item("—") for _ in range(6)] + [_item(why, right=False)]
            else:
                p, quote = row.pnl, row.quote
                cells += [
                    _item(_holding(p.quote_free, p.base_free, p)),
                    self._locked_item(p),
                    _pnl(p.realised, quote),
                    _pnl(p.unrealised, quote),
                    _item(f"{amount(p.fees)} {quote}"),
                    _pnl(p.pnl, quote),
                ]
                if p.pnl is None:
                    unknown.add(spec.kind)
                else:
                    key = (spec.kind, quote)
                    sums[key] = sums.get(key, Decimal(0)) + p.pnl
            for c, cell in enumerate(cells):
                table.setItem(r, c, cell)
        self.totals.setText(_totals_html(sums, unknown))

    def _locked_item(self, p: BotPnl) -> QTableWidgetItem:
        item = _item(_holding(p.quote_locked, p.base_locked, p))
        count = p.open_orders
        item.setToolTip(
            self.tr("Reserved by 1 open order.")
            if count == 1
            else self.tr("Reserved by %1 open orders.").replace("%1", str(count))
        )
        return item


def _holding(quote: Decimal, base: Decimal, p: BotPnl) -> str:
    """``39.80 USDT`` and, when it holds some, ``· 0.0012 BTC``."""
    text = f"{amount(quote)} {p.quote_asset}".strip()
    if base:
        text += f" · {quantity(base)} {p.base_asset}"
    return text


TOTAL_WORDS = {
    BotKind.GHOST: QT_TRANSLATE_NOOP("DashboardPage", "Paper (Ghost): %1"),
    BotKind.TRADER: QT_TRANSLATE_NOOP("DashboardPage", "Real (Trader): %1"),
}


def _totals_html(sums: dict[tuple[BotKind, str], Decimal], unknown: set[BotKind]) -> str:
    """Paper and real money apart, never added together; per quote asset within each."""
    blocks = []
    for kind in (BotKind.TRADER, BotKind.GHOST):
        parts = []
        for (of_kind, quote), total in sorted(sums.items()):
            if of_kind is not kind:
                continue
            colour = sign_colour(total)
            style = f" style='color:{colour}'" if colour else ""
            parts.append(f"<b{style}>{amount(total, signed=True)} {quote}</b>")
        if kind in unknown:
            parts.append("<b>—</b>")
        if parts:
            words = QCoreApplication.translate("DashboardPage", TOTAL_WORDS[kind])
            blocks.append(words.replace("%1", " · ".join(parts)))
    return " &nbsp;&nbsp;|&nbsp;&nbsp; ".join(blocks)


Builder = Callable[..., DashboardPage]
