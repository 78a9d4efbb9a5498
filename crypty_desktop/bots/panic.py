"""One panic button, "Make everything safe": every bot stopped, every open order cancelled.

``make_safe(context, sell=...)`` is the same for the window and ``crypty panic``. For every bot of
the database whose lock is free (the window first asks its own running bots to stop and passes
their ids in ``stopping``, which are waited for): the bot's lock is taken, so nothing else can
start it meanwhile; a Trader bot's orders are settled with the exchange (fills made meanwhile are
recorded), each order still open is cancelled (``cancel_open_orders``: a fill racing the cancel is
recorded too) and, with ``sell``, what the bot holds is sold at market; the bot is saved stopped,
not to be resumed. A bot another process runs (its lock is held) is not touched: no channel can
ask that process to stop it, so the report says where it runs.

The report says per bot what was done (orders cancelled, amounts sold) and anything that failed,
in words (``PanicReport.lines``); the window translates each line.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from crypty_desktop.bots.brokers import LiveBroker
from crypty_desktop.bots.ownership import BotBusy, HeldLock, Owner, Role, busy_message
from crypty_desktop.domain.amounts import shown
from crypty_desktop.domain.bots import BotKind, BotSpec, BotState
from crypty_desktop.domain.errors import CryptyError, InsufficientBalance
from crypty_desktop.domain.money import ZERO, strip
from crypty_desktop.domain.orders import OrderState, OrderType, Side
from crypty_desktop.strategies.base import Intent
from crypty_desktop.wording import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from crypty_desktop.bots.context import BotContext

log = logging.getLogger(__name__)

STOP_TIMEOUT = 10.0  # float-ok: seconds the bots of this process get to end their loops

STOPPED_PANIC = QT_TRANSLATE_NOOP("Core", "stopped: Make everything safe")
SELL_REASON = QT_TRANSLATE_NOOP("Core", "Make everything safe: sell what the bot holds")
BOT_HEADER = QT_TRANSLATE_NOOP("Core", "{name} ({kind}, {symbol}):")
WAS_STOPPED = QT_TRANSLATE_NOOP("Core", "stopped; it will not start again by itself")
NOT_RUNNING = QT_TRANSLATE_NOOP("Core", "was not running")
PAPER_ONLY = QT_TRANSLATE_NOOP("Core", "paper money only: nothing on the exchange")
NO_OPEN_ORDER = QT_TRANSLATE_NOOP("Core", "no open order on the exchange")
CANCELLED_ONE = QT_TRANSLATE_NOOP("Core", "cancelled 1 open order")
CANCELLED_MANY = QT_TRANSLATE_NOOP("Core", "cancelled {count} open orders")
FILLED_FIRST = QT_TRANSLATE_NOOP(
    "Core", "the order to {side} {quantity} {asset} had filled first; its fill is recorded"
)
SOLD_AT_MARKET = QT_TRANSLATE_NOOP("Core", "sold {quantity} {asset} at market for {amount} {quote}")
SOLD_PART = QT_TRANSLATE_NOOP(
    "Core", "sold {quantity} {asset} of {wanted} at market for {amount} {quote}"
)
NOTHING_HELD = QT_TRANSLATE_NOOP("Core", "holds nothing to sell")
KEPT = QT_TRANSLATE_NOOP("Core", "keeps {quantity} {asset} (not sold: you did not ask)")
CANCEL_FAILED = QT_TRANSLATE_NOOP("Core", "could not cancel order {order_id}: {error}")
SELL_FAILED = QT_TRANSLATE_NOOP("Core", "could not sell: {error}")
FAILED = QT_TRANSLATE_NOOP("Core", "could not be made safe: {error}")
STILL_RUNNING_HERE = QT_TRANSLATE_NOOP(
    "Core", "did not stop in time in this window; its orders were not touched"
)
ELSEWHERE = QT_TRANSLATE_NOOP(
    "Core", "not touched: {where} Stop it there, then make everything safe again."
)
NOTHING_TO_DO = QT_TRANSLATE_NOOP("Core", "No bot to make safe.")
KIND_WORDS = {
    BotKind.GHOST: QT_TRANSLATE_NOOP("Core", "Ghost"),
    BotKind.TRADER: QT_TRANSLATE_NOOP("Core", "Trader"),
}
SIDE_WORDS = {
    Side.BUY: QT_TRANSLATE_NOOP("Core", "buy"),
    Side.SELL: QT_TRANSLATE_NOOP("Core", "sell"),
}


@dataclass(frozen=True, slots=True)
class Cancelled:
    """One open order cancel: the exchange's final state of it, or why it failed."""

    client_order_id: str
    state: OrderState | None
    error: str = ""


@dataclass
class BotReport:
    """What ``make_safe`` did to one bot, in words (``lines``)."""

    spec: BotSpec
    stopped: bool = False  # it was running (or due to resume) and is now stopped
    cancelled: list[Cancelled] = field(default_factory=list)
    sold: Decimal = ZERO
    sold_for: Decimal = ZERO
    wanted: Decimal = ZERO  # what was offered for sale (dust aside)
    kept: Decimal = ZERO  # held and not sold (no --sell)
    problems: list[str] = field(default_factory=list)
    elsewhere: Owner | None = None
    touched: bool = True  # False: another process runs it

    @property
    def failed(self) -> bool:
        return bool(self.problems) or not self.touched

    def lines(self, base_asset: str = "", quote_asset: str = "") -> list[str]:
        spec = self.spec
        base = base_asset or spec.symbol
        out = [BOT_HEADER.format(name=spec.name, kind=KIND_WORDS[spec.kind], symbol=spec.symbol)]
        if not self.touched:
            out.append(ELSEWHERE.format(where=busy_message(spec.name, self.elsewhere)))
            return out
        out.append(WAS_STOPPED if self.stopped else NOT_RUNNING)
        if spec.kind is BotKind.GHOST:
            out.append(PAPER_ONLY)
        else:
            out.extend(self._order_lines(base))
            out.extend(self._holding_lines(base, quote_asset))
        out.extend(self.problems)
        return out

    def _order_lines(self, base: str) -> list[str]:
        done = [c for c in self.cancelled if c.state is not None]
        out: list[str] = []
        if not self.cancelled:
            out.append(NO_OPEN_ORDER)
        elif len(done) == 1:
            out.append(CANCELLED_ONE)
        elif done:
            out.append(CANCELLED_MANY.format(count=len(done)))
        for item in done:
            state = item.state
            assert state is not None
            if state.executed_qty > 0:
                out.append(
                    FILLED_FIRST.format(
                        side=SIDE_WORDS[state.side],
                        quantity=strip(state.executed_qty),
                        asset=base,
                    )
                )
        out.extend(
            CANCEL_FAILED.format(order_id=c.client_order_id, error=c.error)
            for c in self.cancelled
            if c.state is None
        )
        return out

    def _holding_lines(self, base: str, quote: str) -> list[str]:
        if self.sold > 0:
            values = {"quantity": strip(self.sold), "asset": base}
            amount = {"amount": shown(self.sold_for, 2), "quote": quote}
            if self.sold < self.wanted:
                return [SOLD_PART.format(**values, wanted=strip(self.wanted), **amount)]
            return [SOLD_AT_MARKET.format(**values, **amount)]
        if self.kept > 0:
            return [KEPT.format(quantity=strip(self.kept), asset=base)]
        if not self.problems:
            return [NOTHING_HELD]
        return []


@dataclass
class PanicReport:
    """Every bot's report, in the order of the bot list."""

    bots: list[tuple[BotReport, str, str]] = field(default_factory=list)  # report, base, quote

    @property
    def failed(self) -> bool:
        return any(r.failed for r, _b, _q in self.bots)

    def lines(self) -> list[str]:
        """The report as lines: a header per bot, then what was done (each a core sentence)."""
        if not self.bots:
            return [NOTHING_TO_DO]
        out: list[str] = []
        for report, base, quote in self.bots:
            out.extend(report.lines(base, quote))
        return out

    def text(self, indent: str = "  ") -> str:
        """Plain text: each bot's header, its lines indented."""
        rows: list[str] = []
        for report, base, quote in self.bots:
            head, *rest = report.lines(base, quote)
            rows.append(head)
            rows.extend(indent + line for line in rest)
        return "\n".join(rows) if rows else NOTHING_TO_DO


# --- the one "cancel all open orders of a bot" --------------------------------------------------
def cancel_open_orders(broker: LiveBroker) -> list[Cancelled]:
    """Cancel every order of the bot still open on the exchange, and settle each with its fills.

    The order log says which orders are open (reconcile first: ``broker.start``). Each cancel goes
    through ``OrderExecutor.cancel``, which records the fills of an order that filled just before
    its cancel. The wallet is rebuilt from the log afterwards. A failed cancel is reported, the
    others are still tried. Network I/O; the caller holds the bot's lock (or runs its thread).
    """
    saved = broker.runtime()["open"]
    done: list[Cancelled] = []
    try:
        for order in broker.log.unresolved(broker.platform_id, broker.bot_id):
            if not order.status.is_open:
                continue
            cid = order.request.client_order_id
            try:
                done.append(Cancelled(cid, broker.executor.cancel(order.request)))
            except CryptyError as exc:
                log.warning("bot %s: order %s not cancelled: %s", broker.bot_id, cid, exc)
                done.append(Cancelled(cid, None, str(exc)))
    finally:
        broker.refresh(saved)
    return done


def sell_holdings(
    broker: LiveBroker, reason: str = SELL_REASON
) -> tuple[Decimal, Decimal, Decimal]:
    """Sell at market what the bot holds (dust aside); returns (base offered, base sold, quote
    received).

    Raises:
        InsufficientBalance: the holding is dust (below Binance's smallest order), with words.
        CryptyError: the exchange refused or could not be asked.
    """
    price = broker.gateway.ticker_price(broker.rules.symbol)
    broker.mark(price)
    quantity = broker.sellable()
    if quantity <= 0:
        if broker.wallet.base > 0:
            raise InsufficientBalance(broker.dust_text())
        return ZERO, ZERO, ZERO
    intent = Intent(Side.SELL, reason, type=OrderType.MARKET, base_qty=quantity)
    seq, request = broker.build_order(intent, price)
    saved = broker.runtime()["open"]
    try:
        state = broker.executor.submit(broker.bot_id, seq, request, reason)
    finally:
        broker.refresh(saved)
    return quantity, state.executed_qty, state.quote_qty


# --- the button ---------------------------------------------------------------------------------
def wait_for_stops(
    ctx: BotContext, bot_ids: Iterable[str], timeout: float = STOP_TIMEOUT
) -> None:  # float-ok
    """Wait until this process's bots in ``bot_ids`` have let their locks go (or ``timeout``)."""
    pending = set(bot_ids)
    deadline = time.monotonic() + timeout
    while pending and time.monotonic() < deadline:
        pending = {b for b in pending if ctx.locks.bot_owner(b) is not None}
        if pending:
            time.sleep(0.05)


def make_safe(
    ctx: BotContext,
    *,
    sell: bool = False,
    stopping: Iterable[str] = (),
    role: Role = Role.CLI,
    progress: Callable[[str], None] | None = None,
    only: Collection[str] | None = None,
    reason: str = STOPPED_PANIC,
    alert: bool = True,
) -> PanicReport:
    """Stop every bot, cancel every open order, and with ``sell`` sell the Trader bots' holdings.

    ``stopping``: ids of this process's bots already asked to stop (the window's), waited for
    first. ``only``: the ids of the bots to make safe (None: every bot); ``reason``: the state
    saved on the bots it stops; ``alert``: send the panic alert (the daily loss limit sends its
    own). Network I/O and keychain: never on the GUI thread. Never raises for one bot's failure:
    it is in the report.
    """
    stopping = list(stopping)
    wait_for_stops(ctx, stopping)
    report = PanicReport()
    for spec in ctx.bots.list():
        if only is not None and spec.id not in only:
            continue
        if progress is not None:
            progress(spec.name)
        entry = _one_bot(ctx, spec, sell, spec.id in stopping, role, reason)
        if entry is not None:
            report.bots.append(entry)
    if report.bots and alert:
        ctx.alerts.on_panic(report.lines(), report.failed)  # queued: never waits
    return report


def _one_bot(
    ctx: BotContext, spec: BotSpec, sell: bool, was_stopping: bool, role: Role, reason: str
) -> tuple[BotReport, str, str] | None:
    report = BotReport(spec)
    state, _reason, should_run = ctx.bot_store.state(spec.id)
    active = was_stopping or should_run or state in (BotState.RUNNING, BotState.STARTING)
    owner = ctx.locks.bot_owner(spec.id)
    if owner is not None and owner.is_this_process:
        report.problems.append(STILL_RUNNING_HERE)
        return report, "", ""
    try:
        lock: HeldLock = ctx.locks.acquire_bot(spec.id, spec.name, role)
    except BotBusy as exc:
        report.touched, report.elsewhere = False, exc.owner
        return report, "", ""
    try:
        if spec.kind is BotKind.GHOST:
            if not active:
                return None  # a stopped Ghost bot has nothing anywhere to make safe
            _save_stopped(ctx, spec, state, report, reason)
            return report, "", ""
        if active:
            _save_stopped(ctx, spec, state, report, reason)
        return _trader(ctx, spec, sell, report)
    finally:
        lock.release()


def _save_stopped(
    ctx: BotContext, spec: BotSpec, state: BotState, report: BotReport, reason: str
) -> None:
    """Saved stopped and not to be resumed (a bot in error keeps its error, not its resume)."""
    if state is BotState.ERROR:
        _s, reason, _r = ctx.bot_store.state(spec.id)
        ctx.bot_store.set_state(spec.id, BotState.ERROR, reason, should_run=False)
    else:
        ctx.bot_store.set_state(spec.id, BotState.STOPPED, reason, should_run=False)
    report.stopped = True


def _trader(
    ctx: BotContext, spec: BotSpec, sell: bool, report: BotReport
) -> tuple[BotReport, str, str]:
    base = quote = ""
    try:
        platform = ctx.bots.platform_of(spec)
        gateway = ctx.gateway_for(platform)
        rules = gateway.symbol_rules(spec.symbol)
        base, quote = rules.base_asset, rules.quote_asset
        broker = LiveBroker(spec.id, platform.id, rules, spec.budget, gateway, ctx.order_log)
        broker.start(ctx.bot_store.runtime(spec.id).get("open", {}))  # fills made meanwhile
        report.cancelled = cancel_open_orders(broker)
        if not sell:
            report.kept = broker.wallet.base
            return report, base, quote
        try:
            report.wanted, report.sold, report.sold_for = sell_holdings(broker)
        except CryptyError as exc:
            report.problems.append(SELL_FAILED.format(error=exc))
    except CryptyError as exc:
        report.problems.append(FAILED.format(error=exc))
    return report, base, quote


@dataclass(frozen=True)
class PanicPlan:
    """What the button will do, for the confirmation (local reads only: database, lock files)."""

    traders: list[BotSpec]  # their open orders get cancelled (and holdings sold, if asked)
    ghosts: list[BotSpec]  # not running here but due to resume: saved stopped
    running_here: list[BotSpec]  # this process runs them: asked to stop first
    elsewhere: list[tuple[BotSpec, Owner | None]]  # another process runs them: not touched

    def elsewhere_lines(self) -> list[str]:
        return [busy_message(spec.name, owner) for spec, owner in self.elsewhere]


def panic_plan(ctx: BotContext) -> PanicPlan:
    """Which bots the button will stop, clean up, or leave alone (and where those run)."""
    traders: list[BotSpec] = []
    ghosts: list[BotSpec] = []
    here: list[BotSpec] = []
    elsewhere: list[tuple[BotSpec, Owner | None]] = []
    for spec in ctx.bots.list():
        owner = ctx.locks.bot_owner(spec.id)
        if owner is not None and not owner.is_this_process:
            elsewhere.append((spec, owner))
            continue
        if owner is not None:
            here.append(spec)
        state, _reason, should_run = ctx.bot_store.state(spec.id)
        if spec.kind is BotKind.TRADER:
            traders.append(spec)
        elif owner is None and (should_run or state in (BotState.RUNNING, BotState.STARTING)):
            ghosts.append(spec)  # running here: already in ``running_here``
    return PanicPlan(traders, ghosts, here, elsewhere)
