"""Removing a bot or a platform without leaving money on the exchange with no owner. No Qt.

A bot that runs, or that has orders open on the exchange, is not removed on a plain request: the
refusal says why and what removing would do. Confirmed, the removal
1. refuses if another process runs the bot (its lock says which; that process must stop it),
2. stops the bot if this process runs it, and waits until its state is saved,
3. takes the bot's lock, so nobody starts it meanwhile,
4. settles its orders of unknown outcome and cancels every open one through the platform's
   gateway while the key is still there (``OrderExecutor.cancel`` records the fills that raced
   the cancel), then checks that none is left open,
5. and only then deletes the bot. Any failure before that removes nothing.

A platform is removed the same way: all its bots first, then its key, then the platform.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from crypty_desktop.bots.orders import OrderExecutor
from crypty_desktop.bots.ownership import LockFolder, Owner, Role, busy_message
from crypty_desktop.bots.running import RunningHere
from crypty_desktop.domain.bots import BotKind, BotSpec
from crypty_desktop.domain.errors import CryptyError, NotFound, ValidationError
from crypty_desktop.domain.money import ZERO, strip
from crypty_desktop.domain.orders import OrderStatus, Side
from crypty_desktop.domain.platform import Platform
from crypty_desktop.exchange.gateway import ExchangeGateway
from crypty_desktop.platforms import PlatformService
from crypty_desktop.storage.bots import BotStore
from crypty_desktop.storage.orders import LoggedOrder, OrderLog
from crypty_desktop.wording import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

STOP_TIMEOUT = 30.0  # float-ok: seconds a running bot gets to finish its candle and save
OPEN_STATUSES = (
    OrderStatus.PENDING,
    OrderStatus.NEW,
    OrderStatus.PARTIALLY_FILLED,
    OrderStatus.PENDING_CANCEL,
)

STOPPED_TO_REMOVE = QT_TRANSLATE_NOOP("Core", "stopped to be removed")
RUNS_ELSEWHERE = QT_TRANSLATE_NOOP(
    "Core", "{busy} Stop it there first, then remove it; nothing was removed."
)
IS_RUNNING = QT_TRANSLATE_NOOP("Core", "Bot “{name}” is running.")
HAS_ORDERS = QT_TRANSLATE_NOOP(
    "Core", "Bot “{name}” has open orders on the exchange: {count}, holding {locked}."
)
REMOVING_CANCELS = QT_TRANSLATE_NOOP(
    "Core",
    "Removing it stops it and cancels its open orders first, so that nothing is left on the "
    "exchange without a bot to show it. Nothing was removed.",
)
PLATFORM_REMOVES_BOTS = QT_TRANSLATE_NOOP(
    "Core",
    "“{platform}” still has bots ({bots}). Removing it removes those bots first: each is "
    "stopped and its open orders are cancelled, then the key and the platform are removed. "
    "Nothing was removed.",
)
NOT_STOPPED = QT_TRANSLATE_NOOP(
    "Core", "Bot “{name}” did not stop in time; nothing was removed. Try again in a moment."
)
CANCEL_FAILED = QT_TRANSLATE_NOOP(
    "Core",
    "The open orders of “{name}” could not all be cancelled ({error}). The bot was not removed: "
    "try again when the exchange answers.",
)
ORDERS_LEFT = QT_TRANSLATE_NOOP(
    "Core",
    "{count} orders of “{name}” are still open on the exchange. The bot was not removed: try "
    "again in a moment.",
)


@dataclass(frozen=True, slots=True)
class OpenOrderLine:
    """One order of the bot still open (or of unknown outcome) on the exchange."""

    client_order_id: str
    symbol: str
    side: Side
    price: Decimal | None
    remaining: Decimal
    locked: Decimal  # what the exchange holds for it (quote for a buy, base for a sell)
    locked_asset: str


@dataclass(frozen=True)
class RemovalPlan:
    """What removing one bot involves, read before anything is changed."""

    spec: BotSpec
    running_here: bool
    elsewhere: Owner | None
    orders: tuple[OpenOrderLine, ...] = ()

    @property
    def needs_confirmation(self) -> bool:
        return self.running_here or bool(self.orders)

    def locked(self) -> dict[str, Decimal]:
        """Asset → amount the open orders hold."""
        totals: dict[str, Decimal] = {}
        for line in self.orders:
            totals[line.locked_asset] = totals.get(line.locked_asset, ZERO) + line.locked
        return totals

    def locked_text(self) -> str:
        return ", ".join(f"{strip(v)} {k}".strip() for k, v in sorted(self.locked().items()))

    def sentences(self) -> list[str]:
        """Why the removal needs a confirmation: one sentence each (a front end translates each)."""
        parts = []
        if self.running_here:
            parts.append(IS_RUNNING.format(name=self.spec.name))
        if self.orders:
            parts.append(
                HAS_ORDERS.format(
                    name=self.spec.name, count=len(self.orders), locked=self.locked_text()
                )
            )
        return parts


class NeedsConfirmation(ValidationError):
    """The removal would stop bots or cancel orders: asked again with a confirmation, it does.

    Attributes:
        sentences: the message, one sentence each.
        plans: what removing involves, bot by bot.
    """

    def __init__(self, sentences: list[str], plans: list[RemovalPlan]) -> None:
        super().__init__(" ".join(sentences))
        self.sentences = sentences
        self.plans = plans


@dataclass
class Removed:
    """What a confirmed removal did."""

    stopped: list[str] = field(default_factory=list)  # bot names stopped in this process
    cancelled: int = 0  # orders cancelled on the exchange


def _remaining(order: LoggedOrder) -> Decimal:
    return max(order.request.quantity - order.executed_qty, ZERO)


class Removals:
    """Guarded removal of bots and platforms, shared by the window and the CLI."""

    def __init__(
        self,
        bots: BotStore,
        order_log: OrderLog,
        platforms: PlatformService,
        locks: LockFolder,
        running: RunningHere,
        gateway_for: Callable[[Platform], ExchangeGateway],
    ) -> None:
        self.bots = bots
        self.order_log = order_log
        self.platforms = platforms
        self.locks = locks
        self.running = running
        self._gateway_for = gateway_for

    # --- reading --------------------------------------------------------------------------------
    def open_orders(self, spec: BotSpec) -> list[LoggedOrder]:
        """The bot's orders that may rest on the exchange (a Ghost bot's are paper: none)."""
        if spec.kind is not BotKind.TRADER:
            return []
        return [o for o in self.order_log.orders(spec.id) if o.status in OPEN_STATUSES]

    def plan(self, spec: BotSpec) -> RemovalPlan:
        """What removing ``spec`` would do. Local reads, plus the market's assets (the gateway's
        symbol rules) when the bot has open orders."""
        orders = self.open_orders(spec)
        lines: list[OpenOrderLine] = []
        if orders:
            base, quote = self._assets(spec)
            for order in orders:
                req = order.request
                left = _remaining(order)
                if req.side is Side.BUY:
                    locked = left * req.price if req.price is not None else ZERO
                    asset = quote
                else:
                    locked, asset = left, base
                lines.append(
                    OpenOrderLine(
                        req.client_order_id, req.symbol, req.side, req.price, left, locked, asset
                    )
                )
        return RemovalPlan(
            spec=spec,
            running_here=self.running.get(spec.id) is not None,
            elsewhere=self.locks.bot_owner_elsewhere(spec.id),
            orders=tuple(lines),
        )

    def _platform(self, spec: BotSpec) -> Platform | None:
        return next((p for p in self.platforms.list() if p.id == spec.platform_id), None)

    def _assets(self, spec: BotSpec) -> tuple[str, str]:
        platform = self._platform(spec)
        if platform is None:
            return "", ""
        try:
            rules = self._gateway_for(platform).symbol_rules(spec.symbol)
        except CryptyError as exc:
            log.warning("assets of %s unknown (%s)", spec.symbol, exc)
            return "", ""
        return rules.base_asset, rules.quote_asset

    # --- bots -----------------------------------------------------------------------------------
    def remove_bot(
        self, spec: BotSpec, *, confirmed: bool = False, role: Role = Role.CLI
    ) -> Removed:
        """Remove a bot; see the module's docstring for the order of things.

        Raises:
            NeedsConfirmation: it runs here or has open orders, and ``confirmed`` is false.
            ValidationError: another process runs it (nothing changed).
            CryptyError: it could not be stopped or its orders cancelled (the bot stays).
        """
        plan = self.plan(spec)
        self._refuse_elsewhere(plan)
        if plan.needs_confirmation and not confirmed:
            raise NeedsConfirmation([*plan.sentences(), REMOVING_CANCELS], [plan])
        done = Removed()
        self._remove(plan, role, done)
        return done

    def _refuse_elsewhere(self, plan: RemovalPlan) -> None:
        if plan.elsewhere is not None:
            busy = busy_message(plan.spec.name, plan.elsewhere)
            raise ValidationError(RUNS_ELSEWHERE.format(busy=busy))

    def _remove(self, plan: RemovalPlan, role: Role, done: Removed) -> None:
        spec = plan.spec
        if plan.running_here:
            if not self.running.stop(spec.id, STOPPED_TO_REMOVE, STOP_TIMEOUT):
                raise CryptyError(NOT_STOPPED.format(name=spec.name))
            done.stopped.append(spec.name)
        with self.locks.acquire_bot(spec.id, spec.name, role):  # BotBusy: started meanwhile
            if spec.kind is BotKind.TRADER:
                done.cancelled += self._cancel_open(spec)
            else:
                self._close_paper(spec)
            self.bots.remove(spec.id)

    def _cancel_open(self, spec: BotSpec) -> int:
        """Settle and cancel the bot's open orders; raises unless none is left open."""
        if not self.open_orders(spec):
            return 0
        platform = self._platform(spec)
        if platform is None:
            raise NotFound(CANCEL_FAILED.format(name=spec.name, error="?"))
        try:
            executor = OrderExecutor(self._gateway_for(platform), self.order_log, platform.id)
            executor.reconcile(spec.id)  # orders of unknown outcome: placed or not?
            cancelled = 0
            for order in self.open_orders(spec):
                if order.status.is_open:
                    state = executor.cancel(order.request)
                    cancelled += state.status is OrderStatus.CANCELED
        except CryptyError as exc:
            raise CryptyError(CANCEL_FAILED.format(name=spec.name, error=exc)) from exc
        left = self.open_orders(spec)
        if left:
            raise CryptyError(ORDERS_LEFT.format(count=len(left), name=spec.name))
        return cancelled

    def _close_paper(self, spec: BotSpec) -> None:
        """A Ghost bot's paper orders end with it (nothing is on the exchange)."""
        for order in self.order_log.orders(spec.id):
            if order.status in OPEN_STATUSES:
                self.order_log.set_status(
                    order.platform_id, order.request.client_order_id, OrderStatus.CANCELED, None
                )

    # --- platforms ------------------------------------------------------------------------------
    def plan_platform(self, platform: Platform) -> list[RemovalPlan]:
        return [self.plan(spec) for spec in self.bots.for_platform(platform.id)]

    def remove_platform(
        self, platform: Platform, *, confirmed: bool = False, role: Role = Role.CLI
    ) -> Removed:
        """Remove the platform's bots (as ``remove_bot``), then its key, then the platform.

        Raises:
            NeedsConfirmation: it has bots and ``confirmed`` is false (nothing changed).
            ValidationError: another process runs one of its bots (nothing changed).
        """
        plans = self.plan_platform(platform)
        for plan in plans:
            self._refuse_elsewhere(plan)
        if plans and not confirmed:
            names = sorted(p.spec.name for p in plans)
            bots = ", ".join(f"“{n}”" for n in names)
            removes = PLATFORM_REMOVES_BOTS.format(platform=platform.name, bots=bots)
            raise NeedsConfirmation([removes, *(t for p in plans for t in p.sentences())], plans)
        done = Removed()
        for plan in plans:
            self._remove(plan, role, done)
        self.platforms.remove(platform)  # the key, then the row; the old gateway is dropped
        return done
