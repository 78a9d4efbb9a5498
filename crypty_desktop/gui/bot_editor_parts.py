"""Pieces of the bot editor: the Ghost/Trader chooser, what it asks the exchange (in jobs), and
the checks it shows beside the fields before saving (the core's own rules, run locally)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from crypty_desktop.bots.service import (
    MAX_DRAWDOWN,
    STOP_LOSS,
    TAKE_PROFIT,
    MarketQuote,
    check_grid,
    parse_amount,
    parse_percent,
)
from crypty_desktop.domain.bots import BotKind
from crypty_desktop.domain.errors import CryptyError
from crypty_desktop.domain.market import OFFERED_INTERVALS, SymbolRules
from crypty_desktop.domain.platform import Platform
from crypty_desktop.gui.bot_badges import badge_label
from crypty_desktop.gui.qt import (
    QT_TRANSLATE_NOOP,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from crypty_desktop.gui.theme import KIND_COLOURS

if TYPE_CHECKING:
    from crypty_desktop.app import Core

INTERVALS = OFFERED_INTERVALS
KIND_WORDS = {
    BotKind.GHOST: QT_TRANSLATE_NOOP("KindChooser", "Ghost — paper trading"),
    BotKind.TRADER: QT_TRANSLATE_NOOP("KindChooser", "Trader — real orders"),
}
KIND_HINTS = {
    BotKind.GHOST: QT_TRANSLATE_NOOP(
        "KindChooser", "Paper money on real prices: nothing is bought or sold on your account."
    ),
    BotKind.TRADER: QT_TRANSLATE_NOOP(
        "KindChooser", "⚠ Places REAL orders on your account, with your money, up to the budget."
    ),
}


@dataclass(frozen=True)
class MarketInfo:
    """What the editor learns about a market once chosen: the core's quote (rules, price,
    smallest budget) and the intervals the platform has."""

    quote: MarketQuote
    intervals: tuple[str, ...] | None  # None: any interval (Binance)

    @property
    def symbol(self) -> str:
        return self.quote.symbol

    @property
    def rules(self) -> SymbolRules:
        return self.quote.rules

    @property
    def minimum(self) -> Decimal:
        return self.quote.minimum

    @property
    def price(self) -> Decimal:
        return self.quote.price


def fetch_symbols(core: Core, platform: Platform) -> list[SymbolRules]:
    """Every trading market of the platform (network for Binance: run it in a job)."""
    return sorted(core.gateway_for(platform).symbols(), key=lambda r: r.symbol)


def fetch_market(core: Core, platform: Platform, symbol: str) -> MarketInfo:
    """The market's rules, its smallest order at the current price, its intervals (a job).

    The same reading is handed back to the core when the bot is saved soon after, so saving
    does not ask the exchange again.
    """
    quote = core.bots.market_quote(platform, symbol)
    intervals = getattr(core.gateway_for(platform), "intervals", None)  # the demo has a few only
    found = tuple(intervals(quote.symbol)) if callable(intervals) else None
    return MarketInfo(quote, found)


def risk_problems(
    stop_loss: Decimal | None, take_profit: Decimal | None, drawdown: Decimal | None
) -> list[str]:
    """What the core would refuse in these risk limits (core sentences; empty: all fine)."""
    problems = []
    for check, label, value in (
        (parse_percent, STOP_LOSS, stop_loss),
        (lambda lb, v: parse_amount(lb, v, allow_none=True), TAKE_PROFIT, take_profit),
        (parse_percent, MAX_DRAWDOWN, drawdown),
    ):
        try:
            check(label, value)
        except CryptyError as error:
            problems.append(error.message)
    return problems


def grid_problem(values: dict[str, object], budget: Decimal | None, market: MarketInfo) -> str:
    """What the core would refuse in this grid on this market now ("" when it fits)."""
    from crypty_desktop.strategies.registry import create_strategy

    try:
        grid = create_strategy("grid", values)
        # No budget yet: the budget field says so itself; the rest of the grid is checked.
        room = budget if budget is not None else Decimal("Infinity")
        check_grid(grid.values, room, market.rules, market.price)
    except CryptyError as error:
        return error.message
    return ""


class KindChooser(QWidget):
    """Ghost or Trader: two choices with their badges, and a hint that says what it means.

    Signals:
        sig_changed(object): the ``BotKind`` now chosen.
    """

    sig_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.radios: dict[BotKind, QRadioButton] = {}
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        for kind in BotKind:
            radio = QRadioButton(self.tr(KIND_WORDS[kind]))
            radio.setObjectName(f"kind_{kind.value}")
            self.group.addButton(radio)
            self.radios[kind] = radio
            row = QHBoxLayout()
            row.addWidget(radio)
            row.addWidget(badge_label(kind))
            row.addStretch(1)
            column.addLayout(row)
        self.hint = QLabel("")
        self.hint.setWordWrap(True)
        column.addWidget(self.hint)
        self.radios[BotKind.GHOST].setChecked(True)  # the safe choice first
        self._show_hint()
        for radio in self.radios.values():
            radio.toggled.connect(self._on_toggled)

    def kind(self) -> BotKind:
        return next(k for k, r in self.radios.items() if r.isChecked())

    def _show_hint(self) -> None:
        kind = self.kind()
        self.hint.setText(self.tr(KIND_HINTS[kind]))
        colour = KIND_COLOURS[kind] if kind is BotKind.TRADER else "palette(dark)"
        weight = "bold" if kind is BotKind.TRADER else "normal"
        self.hint.setStyleSheet(f"color: {colour}; font-weight: {weight};")

    def _on_toggled(self, checked: bool) -> None:
        if checked:  # one signal per change, from the button turned on
            self._show_hint()
            self.sig_changed.emit(self.kind())
