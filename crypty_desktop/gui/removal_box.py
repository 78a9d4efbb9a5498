"""The confirmation a removal asks for when it would stop bots or cancel orders on the exchange.

The core refuses such a removal (``NeedsConfirmation``) with what it involves, bot by bot: the box
says it in words and lists each open order with what it holds. Only its destructive button goes
on; Cancel is the default.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from crypty_desktop.bots.removal import NeedsConfirmation, RemovalPlan
from crypty_desktop.domain.money import strip
from crypty_desktop.domain.orders import Side
from crypty_desktop.gui.i18n import core_text
from crypty_desktop.gui.qt import QT_TRANSLATE_NOOP, QCoreApplication, QMessageBox, QWidget

SHOWN_ORDERS = 12  # lines of orders listed; the rest is counted
BUY = QT_TRANSLATE_NOOP("RemovalBox", "Buy")
SELL = QT_TRANSLATE_NOOP("RemovalBox", "Sell")
AT = QT_TRANSLATE_NOOP("RemovalBox", "at %1")
AT_MARKET = QT_TRANSLATE_NOOP("RemovalBox", "at market")
ORDER_LINE = QT_TRANSLATE_NOOP("RemovalBox", "%1: %2 %3 %4 %5 — holds %6")
ORDERS_HEAD = QT_TRANSLATE_NOOP("RemovalBox", "Open orders to cancel (%1 in all, holding %2):")
MORE = QT_TRANSLATE_NOOP("RemovalBox", "… and %1 more")
TO_STOP = QT_TRANSLATE_NOOP("RemovalBox", "Bots to stop: %1")
CANCEL = QT_TRANSLATE_NOOP("RemovalBox", "Cancel")


def _tr(text: str) -> str:
    return QCoreApplication.translate("RemovalBox", text)


def order_lines(plans: list[RemovalPlan]) -> list[str]:
    """One line per open order: ``grid: Buy 0.0005 BTCUSDT at 29984.21 — holds 14.99 USDT``."""
    lines = []
    for plan in plans:
        for order in plan.orders:
            side = _tr(BUY) if order.side is Side.BUY else _tr(SELL)
            price = (
                _tr(AT).replace("%1", strip(order.price))
                if order.price is not None
                else _tr(AT_MARKET)
            )
            holds = f"{strip(order.locked)} {order.locked_asset}".strip()
            lines.append(
                _tr(ORDER_LINE)
                .replace("%1", plan.spec.name)
                .replace("%2", side)
                .replace("%3", strip(order.remaining))
                .replace("%4", order.symbol)
                .replace("%5", price)
                .replace("%6", holds)
            )
    return lines


def locked_total(plans: list[RemovalPlan]) -> str:
    totals: dict[str, Decimal] = {}
    for plan in plans:
        for asset, value in plan.locked().items():
            totals[asset] = totals.get(asset, Decimal(0)) + value
    return ", ".join(f"{strip(v)} {k}".strip() for k, v in sorted(totals.items()))


class ConfirmBox(QMessageBox):
    """A warning that asks before something that cannot be undone; ``open()`` it (window-modal).

    ``confirm_button`` does it (destructive role), ``cancel_button`` (the default) does not.
    """

    def __init__(self, parent: QWidget, title: str, confirm_text: str) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(title)
        destructive = QMessageBox.ButtonRole.DestructiveRole
        self.confirm_button = self.addButton(confirm_text, destructive)
        self.cancel_button = self.addButton(_tr(CANCEL), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.cancel_button)


def removal_box(
    parent: QWidget, refusal: NeedsConfirmation, title: str, confirm_text: str
) -> ConfirmBox:
    """The box for a refused removal: what it involves, bot by bot, and each order to cancel."""
    box = ConfirmBox(parent, title, confirm_text)
    box.setObjectName("removalConfirm")
    box.setText(" ".join(core_text(sentence) for sentence in refusal.sentences))
    lines = order_lines(refusal.plans)
    details = []
    if lines:
        details.append(
            _tr(ORDERS_HEAD)
            .replace("%1", str(len(lines)))
            .replace("%2", locked_total(refusal.plans))
        )
        details += lines[:SHOWN_ORDERS]
        if len(lines) > SHOWN_ORDERS:
            details.append(_tr(MORE).replace("%1", str(len(lines) - SHOWN_ORDERS)))
    running = [p.spec.name for p in refusal.plans if p.running_here]
    if running:
        details.append(_tr(TO_STOP).replace("%1", ", ".join(f"“{n}”" for n in running)))
    box.setInformativeText("\n".join(details))
    return box


def ask_removal(
    parent: QWidget,
    refusal: NeedsConfirmation,
    title: str,
    confirm_text: str,
    on_answer: Callable[[bool], None],
) -> ConfirmBox:
    """Open the removal box (window-modal); ``on_answer(confirmed)`` gets the user's choice."""
    box = removal_box(parent, refusal, title, confirm_text)
    box.buttonClicked.connect(lambda button: on_answer(button is box.confirm_button))
    box.open()
    return box
