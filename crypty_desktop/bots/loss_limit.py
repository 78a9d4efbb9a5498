"""A platform's daily loss limit: when its Trader bots together have lost ``max_daily_loss`` since
the start of the UTC day, every Trader bot of that platform is made safe (stopped, its open orders
cancelled, what it holds sold at market), once that day, and the user is told.

The day's loss is the sum over the platform's Trader bots of (equity now − equity at the start of
the UTC day). Equity now: a bot running in this process says it after every candle (its
``BotStatus``: its wallet, open positions at the last price); another bot's newest recorded
equity point counts when it is from today (otherwise it has not changed today). Equity at the
start of the day: the bot's newest equity point older than the day; a bot without one (made today,
or that never ran before) starts from its budget. Only the bots whose symbol is quoted in the
asset of the bot that reported are summed: the limit is an amount of that asset. The day is the
candle's (the exchange's clock), in UTC.

``LossLimits.on_event`` is the hook: every ``BotLife`` (the window's workers, ``crypty bot run``)
passes its events to it, in the bot's own thread. The check is a few reads of the database; making
the bots safe runs in a thread of its own, since it waits for the bots (the reporting one among
them) to end. Whether the limit already acted today is kept on the platform's row, so it acts once
a day whichever process sees the loss first.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from crypty_desktop.bots.ownership import Role
from crypty_desktop.bots.panic import STOP_TIMEOUT, PanicReport, make_safe
from crypty_desktop.domain.amounts import shown
from crypty_desktop.domain.bots import BotKind, BotSpec, BotStatus, Decision, EventKind
from crypty_desktop.domain.errors import CryptyError
from crypty_desktop.domain.money import ZERO
from crypty_desktop.domain.platform import Platform
from crypty_desktop.domain.subscriptions import subscribe
from crypty_desktop.wording import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from crypty_desktop.bots.context import BotContext

log = logging.getLogger(__name__)

DAY_MS = 86_400_000

STOPPED_LOSS_LIMIT = QT_TRANSLATE_NOOP("Core", "stopped: the platform's daily loss limit")
LIMIT_REACHED = QT_TRANSLATE_NOOP(
    "Core",
    "Daily loss limit of “{platform}” reached: its Trader bots lost {loss} {quote} today "
    "(the limit is {limit}). They are stopped, their open orders cancelled and what they hold "
    "sold.",
)


@dataclass(frozen=True)
class LossLimitHit:
    """The limit acted: on which platform, the loss that reached it, and what was done."""

    platform: Platform
    day: str
    loss: Decimal
    limit: Decimal
    quote: str
    report: PanicReport = field(default_factory=PanicReport)

    @property
    def headline(self) -> str:
        return LIMIT_REACHED.format(
            platform=self.platform.name,
            loss=shown(self.loss, 2),
            limit=f"{self.limit} {self.quote}",
            quote=self.quote,
        )

    def lines(self) -> list[str]:
        return [self.headline, *self.report.lines()]

    def text(self) -> str:
        return self.headline + "\n" + self.report.text()


Subscriber = Callable[[LossLimitHit], None]


def day_of(ms: int) -> tuple[str, int]:
    """The UTC day of a time in ms: its name (YYYY-MM-DD) and its first ms."""
    start = ms // DAY_MS * DAY_MS
    return datetime.fromtimestamp(start / 1000, UTC).strftime("%Y-%m-%d"), start


class LossLimits:
    """Thread-safe: watches the Trader bots' equity and enforces each platform's daily limit."""

    def __init__(self, ctx: BotContext) -> None:
        self.ctx = ctx
        self._lock = threading.Lock()
        self._now: dict[str, tuple[int, Decimal]] = {}  # bot id → (candle, equity), newest
        self._start: dict[tuple[str, str], Decimal] = {}  # (bot id, day) → equity at its start
        self._subscribers: list[Subscriber] = []
        self._jobs: list[threading.Thread] = []

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Call ``subscriber`` (from a worker thread) each time a limit acts; returns the undo."""
        return subscribe(self._lock, self._subscribers, subscriber)

    def on_event(self, event: BotStatus | Decision) -> None:
        """A bot's event (in its thread): after a Trader bot's candle, check its platform."""
        if not isinstance(event, BotStatus) or event.equity is None:
            return
        try:
            self._check(event)
        except CryptyError as exc:  # a platform or bot removed meanwhile: nothing to watch
            log.warning("daily loss limit not checked: %s", exc)

    def _check(self, event: BotStatus) -> None:
        assert event.equity is not None
        spec = self._trader(event.bot_id)
        if spec is None:
            return
        with self._lock:
            self._now[spec.id] = (event.candle_time, event.equity)
        platform = self.ctx.store.get_platform(spec.platform_id)
        limit = platform.max_daily_loss
        if limit is None:
            return
        moment = event.candle_time if event.candle_time > 0 else int(time.time() * 1000)
        day, day_start = day_of(moment)
        if platform.loss_limit_day == day:
            return  # it acted today already
        quote = event.quote_asset
        loss = -self.day_change(platform.id, day, day_start, quote)
        if loss < limit:
            return
        if not self.ctx.store.claim_loss_limit_day(platform.id, day):
            return  # another thread or process acted first
        life = self.ctx.running.get(spec.id)
        role = getattr(life, "role", Role.CLI)
        job = threading.Thread(
            target=self._enforce,
            args=(platform, day, loss, limit, quote, role),
            name=f"loss-limit-{platform.id}",
            daemon=True,
        )
        with self._lock:
            self._jobs.append(job)
        job.start()

    def _trader(self, bot_id: str) -> BotSpec | None:
        try:
            spec = self.ctx.bot_store.get(bot_id)
        except CryptyError:
            return None
        return spec if spec.kind is BotKind.TRADER else None

    def day_change(self, platform_id: int, day: str, day_start: int, quote: str) -> Decimal:
        """What the platform's Trader bots quoted in ``quote`` gained (less than 0: lost) since
        ``day_start``."""
        total = ZERO
        for spec in self.ctx.bot_store.for_platform(platform_id):
            if spec.kind is not BotKind.TRADER or (quote and not spec.symbol.endswith(quote)):
                continue
            start = self._equity_at_start(spec, day, day_start)
            now = self._equity_now(spec, day_start)
            if now is not None:
                total += now - start
        return total

    def _equity_at_start(self, spec: BotSpec, day: str, day_start: int) -> Decimal:
        key = (spec.id, day)
        with self._lock:
            known = self._start.get(key)
        if known is not None:
            return known
        before = self.ctx.bot_store.equity_before(spec.id, day_start)
        value = spec.budget if before is None else before
        with self._lock:
            self._start[key] = value
        return value

    def _equity_now(self, spec: BotSpec, day_start: int) -> Decimal | None:
        with self._lock:
            known = self._now.get(spec.id)
        if known is not None and known[0] >= day_start and self.ctx.running.get(spec.id):
            return known[1]
        point = self.ctx.bot_store.last_point(spec.id)
        if point is not None and point[0] >= day_start:
            return point[1]
        if known is not None and known[0] >= day_start:
            return known[1]
        return None  # nothing said today: unchanged

    def _enforce(
        self, platform: Platform, day: str, loss: Decimal, limit: Decimal, quote: str, role: Role
    ) -> None:
        """Make the platform's Trader bots safe: tell their logs, stop the ones running here,
        then cancel, sell and save them stopped; alert and tell the subscribers."""
        ctx = self.ctx
        hit = LossLimitHit(platform, day, loss, limit, quote)
        log.warning("%s", hit.headline)
        specs = [s for s in ctx.bot_store.for_platform(platform.id) if s.kind is BotKind.TRADER]
        now_ms = int(time.time() * 1000)
        stopping: list[str] = []
        for spec in specs:
            decision = Decision(spec.id, now_ms, "risk", hit.headline, EventKind.LOSS_LIMIT)
            try:
                ctx.bot_store.add_decision(decision)
            except Exception:  # noqa: BLE001 - making the bots safe matters more than the log line
                log.exception("bot %s: the loss limit line was not saved", spec.name)
            life = ctx.running.get(spec.id)
            if life is not None:
                listener = getattr(life, "listener", None)
                if listener is not None:
                    listener(decision)  # the window or the command shows it as it happens
                life.request_stop(STOPPED_LOSS_LIMIT)
                stopping.append(spec.id)
        for bot_id in stopping:
            life = ctx.running.get(bot_id)
            if life is not None:
                life.wait_ended(STOP_TIMEOUT)
        report = make_safe(
            ctx,
            sell=True,
            stopping=stopping,
            role=role,
            only={s.id for s in specs},
            reason=STOPPED_LOSS_LIMIT,
            alert=False,
        )
        hit = LossLimitHit(platform, day, loss, limit, quote, report)
        ctx.alerts.on_loss_limit(platform.name, hit.lines(), report.failed)  # queued
        with self._lock:
            subscribers = list(self._subscribers)
        for subscriber in subscribers:
            try:
                subscriber(hit)
            except Exception:  # noqa: BLE001 - one front end's failure must not hide the others
                log.exception("a loss limit subscriber failed")

    def wait_idle(self, timeout: float = 2 * STOP_TIMEOUT + 20) -> bool:  # float-ok: seconds
        """Wait until every limit that acted has made its bots safe (True), or ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                self._jobs = [j for j in self._jobs if j.is_alive()]
                jobs = list(self._jobs)
            if not jobs:
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            jobs[0].join(remaining)
