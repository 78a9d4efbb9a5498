"""The user's hand on a stopped bot's orders: cancelling one that was left open.

A running bot cancels through its own runner, on its own thread (``BotRunner.cancel_order``); a
bot that does not run holds no runner, so the cancel takes the bot's lock (no other process may
run it meanwhile), goes through the platform's gateway and the ``OrderExecutor`` for a Trader bot
(settled with its fills: one that filled first is a normal outcome), or releases a Ghost bot's
paper order, and is written to the bot's log. Network I/O: run it in a background job.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from crypty_desktop.bots.brokers import ALREADY_FILLED, CANCELLED, rebuild_from_log
from crypty_desktop.bots.orders import OrderExecutor
from crypty_desktop.bots.ownership import Role
from crypty_desktop.domain.bots import BotKind, BotSpec, Decision, EventKind
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.money import strip
from crypty_desktop.domain.orders import OrderStatus
from crypty_desktop.wording import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from crypty_desktop.bots.context import BotContext

CANCELLED_BY_YOU = QT_TRANSLATE_NOOP("Core", "cancelled by you")
NOT_OPEN = QT_TRANSLATE_NOOP("Core", "Order {order_id} is not open any more; nothing to cancel.")
NOT_THIS_BOT = QT_TRANSLATE_NOOP("Core", "Order {order_id} is not an order of this bot.")


def cancel_stopped_order(ctx: BotContext, spec: BotSpec, cid: str, role: Role = Role.WINDOW) -> str:
    """Cancel one open order of a bot that does not run; returns what was done, in a sentence
    (also written to the bot's log).

    Raises:
        BotBusy: another process runs the bot (nothing was done).
        ValidationError: the order is not the bot's, or no longer open.
        CryptyError: the exchange could not be asked.
    """
    lock = ctx.locks.acquire_bot(spec.id, spec.name, role)
    try:
        logged = ctx.order_log.get(spec.platform_id, cid)
        if logged is None or logged.bot_id != spec.id:
            raise ValidationError(NOT_THIS_BOT.format(order_id=cid))
        if not logged.status.is_open:
            raise ValidationError(NOT_OPEN.format(order_id=cid))
        request = logged.request
        platform = ctx.bots.platform_of(spec)
        gateway = ctx.gateway_for(platform)
        rules = gateway.symbol_rules(spec.symbol)
        text = CANCELLED[request.side].format(
            quantity=strip(request.quantity), asset=rules.base_asset, reason=CANCELLED_BY_YOU
        )
        runtime = ctx.bot_store.runtime(spec.id)
        if spec.kind is BotKind.TRADER:
            state = OrderExecutor(gateway, ctx.order_log, platform.id).cancel(request)
            if state.status is OrderStatus.FILLED:
                text = ALREADY_FILLED.format(order=text)
        else:
            ctx.order_log.set_status(platform.id, cid, OrderStatus.CANCELED, None)
        # What stays reserved follows the order log; the saved reservations match it again.
        broker = rebuild_from_log(spec, rules, ctx.order_log, runtime)
        runtime |= broker.runtime()
        decision = Decision(spec.id, int(time.time() * 1000), "cancel", text, EventKind.USER_CANCEL)
        ctx.bot_store.checkpoint(spec.id, runtime, [decision], None)
        return text
    finally:
        lock.release()
