"""The confirmation a removal asks for when it would stop bots or cancel orders on the exchange.

The core refuses such a removal (``NeedsConfirmation``) with what it involves, bot by bot: the box
says it in words and lists each open order with what it holds. Only its destructive button goes
on; Cancel is the default.
"""

from __future__ import annotations

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


def removal_box(
    parent: QWidget, refusal: NeedsConfirmation, title: str, confirm_text: str
) -> QMessageBox:
    """A window-modal box (``open()`` it) with ``confirm_button`` and ``cancel_button``."""
    box = QMessageBox(parent)
    box.setObjectName("removalConfirm")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
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
    destructive = QMessageBox.ButtonRole.DestructiveRole
    box.confirm_button = box.addButton(confirm_text, destructive)  # type: ignore[attr-defined]
    box.cancel_button = box.addButton(_tr(CANCEL), QMessageBox.ButtonRole.RejectRole)  # type: ignore[attr-defined]
    box.setDefaultButton(box.cancel_button)  # type: ignore[attr-defined]
    return box
