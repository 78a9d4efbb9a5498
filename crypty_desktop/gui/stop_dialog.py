"""The question a stop asks when a bot leaves something behind: its open orders and holdings.

Stop (one bot) and Stop all (every running bot) ask it once: keep the orders (on the exchange
for a Trader bot), cancel them, or cancel them and sell what the bot holds at market. "Keep" is
the default (nothing is sent); Escape stops nothing. The choice is carried out by the core, in
each bot's own thread (``BotSupervisor.stop(..., on_stop=...)``); each bot's log says what was done.
"""

from __future__ import annotations

from decimal import Decimal

from crypty_desktop.domain.bots import BotKind, BotStatus, OnStop
from crypty_desktop.gui.bot_models import BotEntry, base_decimals, quote_decimals
from crypty_desktop.gui.number_format import amount, quantity
from crypty_desktop.gui.qt import (
    QT_TRANSLATE_NOOP,
    QAbstractButton,
    QCoreApplication,
    QMessageBox,
    QWidget,
)

ZERO = Decimal(0)


def _tr(text: str) -> str:
    return QCoreApplication.translate("StopQuestion", text)


def _plural(count: int, one: str, many: str) -> str:
    return _tr(one) if count == 1 else _tr(many).replace("%1", str(count))


def left_behind(status: BotStatus | None) -> bool:
    """Whether stopping this bot leaves something to decide: open orders, or base it holds."""
    return status is not None and (status.open_orders > 0 or status.base > 0)


def what_it_leaves(entry: BotEntry) -> str:
    """``3 orders, 39.80 USDT locked; 0.0012 BTC held`` (what the last status says)."""
    status = entry.status
    if status is None:
        return ""
    parts = []
    if status.open_orders:
        locked = []
        if status.quote_locked > 0:
            places = quote_decimals(entry.rules)
            locked.append(amount(status.quote_locked, places, unit=status.quote_asset))
        if status.base_locked > 0:
            locked.append(f"{quantity(status.base_locked)} {status.base_asset}")
        orders = _plural(
            status.open_orders,
            QT_TRANSLATE_NOOP("StopQuestion", "1 order"),
            QT_TRANSLATE_NOOP("StopQuestion", "%1 orders"),
        )
        parts.append(
            _tr(QT_TRANSLATE_NOOP("StopQuestion", "%1, %2 locked"))
            .replace("%1", orders)
            .replace("%2", " + ".join(locked))
            if locked
            else orders
        )
    if status.base > 0:
        places = base_decimals(entry.rules)
        held = amount(status.base, places, unit=status.base_asset)
        parts.append(_tr(QT_TRANSLATE_NOOP("StopQuestion", "%1 held")).replace("%1", held))
    return "; ".join(parts)


def _where(entry: BotEntry) -> str:
    if entry.spec.kind is BotKind.GHOST:
        return _tr(QT_TRANSLATE_NOOP("StopQuestion", "Ghost, paper"))
    name = entry.platform.name if entry.platform is not None else "?"
    return _tr(QT_TRANSLATE_NOOP("StopQuestion", "Trader on %1")).replace("%1", name)


def stop_question(
    parent: QWidget | None, entries: list[BotEntry], stop_all: bool = False
) -> tuple[QMessageBox, dict[QAbstractButton, OnStop]]:
    """The question, and which choice each of its buttons means (any other button: don't stop).

    ``entries``: the bots that leave something behind (see ``left_behind``).
    """
    box = QMessageBox(parent)
    box.setObjectName("stopQuestion")
    box.setIcon(QMessageBox.Icon.Question)
    traders = [e for e in entries if e.spec.kind is BotKind.TRADER]
    orders = sum(e.status.open_orders for e in entries if e.status is not None)
    if stop_all:
        box.setWindowTitle(_tr(QT_TRANSLATE_NOOP("StopQuestion", "Stop all bots?")))
        box.setText(
            "<b>"
            + _plural(
                len(entries),
                QT_TRANSLATE_NOOP("StopQuestion", "1 bot has open orders or holdings."),
                QT_TRANSLATE_NOOP("StopQuestion", "%1 bots have open orders or holdings."),
            )
            + "</b>"
        )
        lines = [f"• {e.spec.name} ({_where(e)}): {what_it_leaves(e)}" for e in entries]
    else:
        (entry,) = entries
        box.setWindowTitle(
            _tr(QT_TRANSLATE_NOOP("StopQuestion", "Stop “%1”?")).replace("%1", entry.spec.name)
        )
        box.setText(
            "<b>"
            + _tr(QT_TRANSLATE_NOOP("StopQuestion", "“%1” leaves:")).replace("%1", entry.spec.name)
            + "</b>"
        )
        lines = [f"{what_it_leaves(entry)} ({_where(entry)})"]
    keep_words = (
        _tr(
            QT_TRANSLATE_NOOP(
                "StopQuestion",
                "Keep: the orders stay on the exchange and may still fill while the bot is "
                "stopped.",
            )
        )
        if traders
        else _tr(
            QT_TRANSLATE_NOOP(
                "StopQuestion", "Keep: the paper orders wait; they fill only while the bot runs."
            )
        )
    )
    box.setInformativeText(
        "\n".join(lines)
        + "\n\n"
        + keep_words
        + "\n"
        + _tr(
            QT_TRANSLATE_NOOP(
                "StopQuestion",
                "Cancel: the orders are cancelled and what they locked is free again.",
            )
        )
        + "\n"
        + _tr(
            QT_TRANSLATE_NOOP(
                "StopQuestion", "Cancel and sell: then what the bot holds is sold at market."
            )
        )
    )
    keep = box.addButton(
        _tr(QT_TRANSLATE_NOOP("StopQuestion", "Keep orders")), QMessageBox.ButtonRole.AcceptRole
    )
    choices: dict[QAbstractButton, OnStop] = {keep: OnStop.KEEP}
    if orders:
        cancel = box.addButton(
            _tr(QT_TRANSLATE_NOOP("StopQuestion", "Cancel orders")),
            QMessageBox.ButtonRole.DestructiveRole,
        )
        choices[cancel] = OnStop.CANCEL
    sell = box.addButton(
        _tr(QT_TRANSLATE_NOOP("StopQuestion", "Cancel orders and sell"))
        if orders
        else _tr(QT_TRANSLATE_NOOP("StopQuestion", "Sell at market")),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    choices[sell] = OnStop.SELL
    dont = box.addButton(
        _tr(QT_TRANSLATE_NOOP("StopQuestion", "Don't stop")), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(keep)
    box.setEscapeButton(dont)
    return box, choices


def ask_on_stop(
    parent: QWidget | None, entries: list[BotEntry], stop_all: bool = False
) -> OnStop | None:
    """Ask once (modal); None: the user chose not to stop."""
    box, choices = stop_question(parent, entries, stop_all)
    box.exec()
    return choices.get(box.clickedButton())
