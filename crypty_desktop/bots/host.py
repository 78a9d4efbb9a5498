"""Building and running bots outside the GUI's threads.

``build_bot`` assembles one bot from its saved spec: strategy, broker (paper for Ghost, live for
Trader), its candle feed from the platform's market data hub (the demo's too), and a warm-up on
the recent history that feed starts with, so indicators are ready without trading on old candles.
A bot that ran before catches up on every candle it missed while the app was closed (at most
``CATCH_UP_LIMIT``; they are stored, warm its indicators and are never traded on) after
its fills of the absence were reconciled, and says in one line what happened meanwhile.
``BotLife`` is a bot's whole life (its lock, STARTING, build, RUNNING, the loop, how it ends),
the same for the window's worker (in a QThread) and for ``crypty bot run`` (``run_until_signal``).
``BotThread`` runs an already built bot in a plain thread, without a lock.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from types import FrameType
from typing import TYPE_CHECKING, TextIO

from crypty_desktop.bots.brokers import Broker, LiveBroker, PaperBroker
from crypty_desktop.bots.engine import BotRunner, Listener
from crypty_desktop.bots.ownership import BotBusy, HeldLock, Role
from crypty_desktop.domain.bots import (
    STOPPED_BY_YOU,
    STOPPED_COMMAND_ENDED,
    UNEXPECTED_ERROR,
    BotKind,
    BotSpec,
    BotState,
    BotStatus,
    Decision,
    EventKind,
    OnStop,
    kind_of_error,
)
from crypty_desktop.domain.errors import CryptyError
from crypty_desktop.domain.market import INTERVAL_MS
from crypty_desktop.domain.platform import Platform
from crypty_desktop.exchange.gateway import ExchangeGateway
from crypty_desktop.exchange.simulated import SimulatedExchange
from crypty_desktop.market.feed import CandleFeed
from crypty_desktop.storage.health import storage_problem
from crypty_desktop.strategies.registry import create_strategy
from crypty_desktop.wording import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from crypty_desktop.bots.context import BotContext
    from crypty_desktop.bots.loss_limit import LossLimitHit
    from crypty_desktop.exchange.user_stream import UserDataStream

log = logging.getLogger(__name__)

SIM_SPEED = 60.0  # float-ok: simulated seconds per real second (a 1m candle every second)
STOP_WAIT = 2.0  # float-ok: seconds a bot's loop gets to end (it checks every 0.2 s)
STOP_SETTLE = 10.0  # float-ok: seconds a stop asks Binance about each order of unknown outcome
TICK_SECONDS = 2.0  # float-ok: seconds between two calls of ``run_until_signal``'s tick
CATCH_UP_LIMIT = 5000  # candles a bot back from a long absence reads (older ones changed nothing)

BOT_NOT_STARTED = QT_TRANSLATE_NOOP("Core", "Bot “{name}” could not start: {error}")
BOT_STOPPED_ON_ERROR = QT_TRANSLATE_NOOP("Core", "Bot “{name}” stopped on an error: {error}")
STOPPED_OTHER_FAILED = QT_TRANSLATE_NOOP(
    "Core", "stopped: another bot of the same command could not start"
)


@dataclass
class BuiltBot:
    runner: BotRunner
    feed: CandleFeed | None
    platform: Platform
    stream: UserDataStream | None = None  # the platform's user data stream (Trader bots)
    release_stream: Callable[[UserDataStream], None] | None = None
    unwatch: Callable[[], None] | None = None  # stops hearing of suspends

    def close(self) -> None:
        """Stop the bot's candles and its share of the user data stream."""
        if self.feed is not None:
            self.feed.close()
        broker = self.runner.broker
        if isinstance(broker, LiveBroker):
            broker.stop_listening()
        if self.stream is not None and self.release_stream is not None:
            self.release_stream(self.stream)
            self.stream = None
        if self.unwatch is not None:
            self.unwatch()
            self.unwatch = None


def _now_ms(gateway: ExchangeGateway) -> int:
    sim_now = getattr(gateway, "now_ms", None)  # the simulated exchange's clock
    return sim_now if isinstance(sim_now, int) else int(time.time() * 1000)


def warm_up_since(runner: BotRunner, now_ms: int) -> int | None:
    """Where the bot's history starts: its indicators' warm-up for a new bot; for a bot that ran
    before, the candle after its last one (at most ``CATCH_UP_LIMIT`` back). None: no history."""
    wanted = runner.strategy.warmup()
    resuming = runner.last_candle >= 0
    if wanted <= 0 and not resuming:
        return None
    interval_ms = INTERVAL_MS[runner.spec.interval]
    if resuming:
        since = max(runner.last_candle + interval_ms, now_ms - CATCH_UP_LIMIT * interval_ms)
    else:
        since = now_ms - (wanted + 1) * interval_ms
    if since + interval_ms > now_ms:  # no candle can have closed since
        return None
    return since


def open_feed(
    ctx: BotContext, platform: Platform, gateway: ExchangeGateway, runner: BotRunner
) -> CandleFeed:
    """The bot's closed candles from the platform's market data hub (the demo's too: its
    simulated clock starts replaying), history first: what the bot needs before it trades
    (``warm_up_since``), taken from the candle store where stored (``feed.take_history()``)."""
    spec = runner.spec
    if isinstance(gateway, SimulatedExchange) and not gateway.replaying:
        gateway.start_replay(SIM_SPEED)
    since = warm_up_since(runner, _now_ms(gateway))
    return ctx.market_data(platform).subscribe(spec.symbol, spec.interval, since_ms=since)


def _tell_untold(gateway: ExchangeGateway, runner: BotRunner) -> None:
    """Fills found on start (a stop filled while the app was closed) told at once, with the last
    candle the bot saw, rather than at the next candle (hours away for a daily bot)."""
    spec = runner.spec
    last = gateway.klines(spec.symbol, spec.interval, runner.last_candle, _now_ms(gateway))
    seen = [c for c in last if c.closed]
    if seen:
        runner.tell_untold(seen[-1])


def build_bot(ctx: BotContext, spec: BotSpec, listener: Listener | None = None) -> BuiltBot:
    """Assemble a bot and bring it to the state it had (reconciling a Trader bot). Network I/O."""
    platform = ctx.bots.platform_of(spec)
    gateway = ctx.gateway_for(platform)
    rules = gateway.symbol_rules(spec.symbol)
    strategy = create_strategy(spec.strategy, spec.params)
    broker: Broker
    if spec.kind is BotKind.GHOST:
        broker = PaperBroker(spec.id, platform.id, rules, spec.budget, ctx.order_log)
    else:
        broker = LiveBroker(spec.id, platform.id, rules, spec.budget, gateway, ctx.order_log)
    runner = BotRunner(spec, strategy, broker, ctx.bot_store, listener, lambda: _now_ms(gateway))
    stream = None
    feed: CandleFeed | None = None
    unwatch = None
    try:
        # Any bot starts the suspend detector: after a suspend the market data hubs catch up at
        # once (a Ghost bot's candles too), and a Trader bot's broker reads its orders again.
        watch = ctx.wake_watch()
        if isinstance(broker, LiveBroker):
            unwatch = watch.subscribe(lambda _seconds: broker.wake())
        if isinstance(broker, LiveBroker):
            # Listen before reconciling: an update arriving meanwhile is queued, not missed.
            stream = ctx.user_stream(platform)
            if stream is not None:
                broker.listen(stream)
        runner.start()
        # Subscribe with the history: a candle closing in between is queued after it, not missed
        # (the runner ignores any candle it has already seen). Decisions made on the history
        # (the warm-up, or the candles of the bot's absence) are never traded.
        feed = open_feed(ctx, platform, gateway, runner)
        runner.warm_up(feed.take_history()[-CATCH_UP_LIMIT:])
        if runner.has_untold:  # no candle has closed since: told with the last one seen
            _tell_untold(gateway, runner)
    except BaseException:
        BuiltBot(runner, feed, platform, stream, ctx.release_user_stream, unwatch).close()
        raise
    return BuiltBot(runner, feed, platform, stream, ctx.release_user_stream, unwatch)


class BotThread(threading.Thread):
    """One built bot in its own daemon thread; ``stop()`` returns within about a second.

    A bare runner without a lock (tests, the self-test's sample bot); a bot someone starts goes
    through ``BotLife``.
    """

    def __init__(self, built: BuiltBot) -> None:
        super().__init__(name=f"bot-{built.runner.spec.name}", daemon=True)
        self.built = built
        self._stop_event = threading.Event()

    def run(self) -> None:
        try:
            assert self.built.feed is not None
            self.built.runner.run(self.built.feed, self._stop_event.is_set)
        finally:
            self.built.close()

    def stop(
        self,
        reason: str = STOPPED_BY_YOU,
        timeout: float = 2.0,
        resume_later: bool = False,  # float-ok
    ) -> None:
        self._stop_event.set()
        self.join(timeout)
        if self.built.runner.state is not BotState.ERROR:
            self.built.runner.stop(reason, resume_later=resume_later)


class BotLife:
    """One bot's life, the same in the window's worker and in ``crypty bot run``.

    ``claim`` takes the bot's lock (``BotBusy``, with nothing written, when another process runs
    it); ``start`` saves STARTING, builds the bot (reconciliation, warm-up) and leaves it RUNNING;
    ``run`` drives its loop until ``should_stop``; ``finish`` saves it stopped, paused or in error
    and lets the lock go. A failure while starting leaves the bot in ERROR with ``should_run``
    cleared and the lock released, whatever the failure; ``error`` then says why.
    """

    def __init__(
        self,
        ctx: BotContext,
        spec: BotSpec,
        listener: Listener | None = None,
        role: Role = Role.CLI,
    ) -> None:
        self.ctx = ctx
        self.spec = spec
        front: Listener = listener or (lambda _event: None)
        watch = ctx.loss_limits.on_event

        def both(event: BotStatus | Decision) -> None:
            front(event)
            watch(event)  # the platform's daily loss limit, after each candle

        self.listener: Listener = both
        self.role = role
        self.built: BuiltBot | None = None
        self.error = ""  # why the bot could not start or stopped on an error
        self.error_kind = EventKind.ERROR  # what ``error`` tells of (a risk rule, a key error…)
        self._lock: HeldLock | None = None
        # Asked by the core (a removal) rather than by the front end that runs the bot.
        self._stop_requested = threading.Event()
        self._stop_reason = ""
        self._ended = threading.Event()

    @property
    def bot_id(self) -> str:
        return self.spec.id

    def request_stop(self, reason: str) -> None:
        """Thread-safe: end the loop after the candle in hand; ``finish`` saves ``reason``."""
        self._stop_reason = reason
        self._stop_requested.set()

    def wait_ended(self, timeout: float) -> bool:  # float-ok: seconds
        """Wait until the bot's state is saved and its lock let go (True), or ``timeout``."""
        return self._ended.wait(timeout)

    @property
    def stop_asked(self) -> bool:
        """Whether the core (a removal, the daily loss limit) asked the bot to stop."""
        return self._stop_requested.is_set()

    def run_then_finish(self, should_stop: Callable[[], bool]) -> None:
        """``run``, then ``finish`` at once when the core asked the stop (it waits for the bot to
        have ended); otherwise the front end finishes it."""
        self.run(should_stop)
        if self.stop_asked:
            self.finish()

    @property
    def holds_lock(self) -> bool:
        return self._lock is not None and self._lock.held

    def claim(self) -> None:
        """Take the bot's lock before anything else. Raises ``BotBusy`` (nothing changed)."""
        if not self.holds_lock:
            self._lock = self.ctx.locks.acquire_bot(self.spec.id, self.spec.name, self.role)
            self._ended.clear()
            self.ctx.running.add(self)

    def release(self) -> None:
        if self._lock is not None:
            self.ctx.running.discard(self)
            self._lock.release()
            self._lock = None
            self._ended.set()

    def start(self) -> BuiltBot:
        """Claim, STARTING, build: the bot is RUNNING. Network I/O.

        Raises:
            BotBusy: another process runs the bot; nothing was written.
            CryptyError: the bot could not start (saved in ERROR, lock released); an unexpected
                failure is logged with its traceback and raised as ``UNEXPECTED_ERROR``.
        """
        self.claim()
        try:
            self.ctx.bot_store.set_state(self.spec.id, BotState.STARTING, "", should_run=True)
            self.built = build_bot(self.ctx, self.spec, self.listener)
        except CryptyError as exc:
            self._failed_to_start(str(exc), kind_of_error(exc))
            raise
        except Exception as exc:
            log.exception("bot %s could not start", self.spec.name)
            message = UNEXPECTED_ERROR.format(error=type(exc).__name__)
            self._failed_to_start(message)
            raise CryptyError(message) from exc
        except BaseException:
            self._failed_to_start(STOPPED_COMMAND_ENDED)
            raise
        return self.built

    def _failed_to_start(self, message: str, kind: EventKind = EventKind.ERROR) -> None:
        self.error, self.error_kind = message, kind
        try:
            self.ctx.bot_store.set_state(self.spec.id, BotState.ERROR, message, should_run=False)
        finally:
            self.release()

    def run(self, should_stop: Callable[[], bool]) -> None:
        """The loop, until ``should_stop`` or an error stops the bot. Never raises."""
        built = self.built
        assert built is not None, "start() first"
        requested = self._stop_requested.is_set
        try:
            assert built.feed is not None
            built.runner.run(built.feed, lambda: requested() or should_stop())
        except Exception as exc:  # a bug must not leave the bot "running" with nobody behind it
            problem = self._storage_problem(exc)
            if problem is not None:  # a full disk, a folder gone read-only: said in words
                log.error("bot %s stopped: %s", self.spec.name, problem)
                self.error = problem
            else:
                log.exception("bot %s crashed", self.spec.name)
                self.error = UNEXPECTED_ERROR.format(error=type(exc).__name__)
        finally:
            built.close()

    def _storage_problem(self, exc: BaseException) -> str | None:
        return storage_problem(exc, self.ctx.data_dir)

    def finish(
        self,
        reason: str = STOPPED_BY_YOU,
        *,
        resume_later: bool = False,
        pause: bool = False,
        on_stop: OnStop = OnStop.KEEP,
    ) -> BotState:
        """Save how the bot ended and let its lock go; returns its final state.

        ``resume_later``: the app is quitting, the bot comes back when it restarts. ``pause``: the
        bot ends PAUSED (Start picks it up again). A bot stopped by an error stays in ERROR.
        ``on_stop``: what a stop does with the open orders and holdings (the user's choice; a
        pause or a quit that resumes later keeps them); the bot's log says what was done.
        Whatever stopped it, orders whose outcome is not known yet are asked about first
        (``BotRunner.settle_pending``).
        Network I/O when orders are cancelled or sold: call it from the bot's own thread.
        """
        built = self.built
        reason = self._stop_reason or reason
        try:
            if built is None:
                return BotState.ERROR if self.error else BotState.STOPPED
            runner = built.runner
            runner.settle_pending(STOP_SETTLE)  # no order left "outcome unknown" by a stop
            if self.error:  # the loop crashed
                self._save_crash(runner)
            elif runner.state is BotState.ERROR:  # already saved, should_run cleared
                self.error, self.error_kind = runner.reason, runner.reason_kind
            elif pause and not resume_later:
                runner.run_requests()  # a cancel asked as the loop ended
                self._saving(lambda: runner.pause(reason), runner)
            else:
                runner.run_requests()
                keep = resume_later or on_stop is OnStop.KEEP
                runner.wind_down(OnStop.KEEP if keep else on_stop, built.platform.name)
                self._saving(lambda: runner.stop(reason, resume_later=resume_later), runner)
            return runner.state
        finally:
            self.release()

    def _saving(self, save: Callable[[], None], runner: BotRunner) -> None:
        """Save how the bot ended; a disk that refuses turns the stop into an error, in words."""
        try:
            save()
        except Exception as exc:
            problem = self._storage_problem(exc)
            if problem is None:
                raise
            self.error = problem
            self._save_crash(runner)

    def _save_crash(self, runner: BotRunner) -> None:
        try:
            runner.save()
        except Exception as exc:  # noqa: BLE001 - the state below matters more than the checkpoint
            self._not_saved(exc, "could not save after a crash")
        runner.state, runner.reason, runner.reason_kind = (
            BotState.ERROR,
            self.error,
            EventKind.ERROR,
        )
        try:
            self.ctx.bot_store.set_state(self.spec.id, BotState.ERROR, self.error, should_run=False)
        except Exception as exc:  # noqa: BLE001 - the disk refuses: the error is said anyway
            self._not_saved(exc, "could not save its state")
        self.listener(runner.status())

    def _not_saved(self, exc: Exception, what: str) -> None:
        """A save that failed after the bot stopped: one line when the disk refuses it (its
        orders are in the order log, written before each request), a traceback for a bug."""
        problem = self._storage_problem(exc)
        if problem is None:
            log.exception("bot %s: %s", self.spec.name, what)
        else:
            log.error("bot %s: %s: %s", self.spec.name, what, problem)


def _start_all(
    lives: list[BotLife],
    threads: list[threading.Thread],
    stop: threading.Event,
    out: TextIO,
    heading: str = "",
) -> CryptyError | None:
    """Take every bot's lock, then start each in its own thread (added to ``threads``); stop at
    the first that cannot and return why.

    Raises:
        BotBusy: another process runs one of the bots (nothing written for any of them).
    """
    for life in lives:
        life.claim()
    if heading:
        print(heading, file=out, flush=True)
    for life in lives:
        if stop.is_set():
            break
        try:
            life.start()
        except BotBusy:
            raise
        except CryptyError as exc:
            return CryptyError(BOT_NOT_STARTED.format(name=life.spec.name, error=exc))
        print(f"Started {life.spec.name}.", file=out, flush=True)
        thread = threading.Thread(
            target=life.run_then_finish,
            args=(stop.is_set,),
            name=f"bot-{life.spec.name}",
            daemon=True,
        )
        threads.append(thread)
        thread.start()
    return None


def _stop_all(
    lives: list[BotLife],
    threads: list[threading.Thread],
    reason: str,
    out: TextIO,
    on_stop: OnStop = OnStop.KEEP,
) -> None:
    """End the loops, deal with open orders as chosen, save how each started bot ended, let
    every lock go."""
    for thread in threads:
        thread.join(STOP_WAIT)
    for life in lives:
        if life.built is not None and life.holds_lock:
            life.finish(reason, on_stop=on_stop)
            print(f"Stopped {life.spec.name}.", file=out, flush=True)
        life.release()


class DecisionPrinter:
    """What ``crypty bot run`` prints and logs as it happens: every decision a bot writes in its
    log (buys, sells, holds, notes such as "Resumed" or "Warmed up"), with the candle's time, and
    each change of state. Each line also goes to the app's log file."""

    def __init__(self, names: dict[str, str], out: TextIO) -> None:
        self.names = names
        self.out = out
        self._states: dict[str, BotState] = {}
        self.guard = threading.Lock()  # bots print from their own threads

    def __call__(self, event: BotStatus | Decision) -> None:
        name = self.names.get(event.bot_id, event.bot_id)
        if isinstance(event, Decision):
            line = f"{_moment(event.time)}[{name}] {event.action}: {event.message}"
        elif self._states.get(event.bot_id) is not event.state:
            self._states[event.bot_id] = event.state
            reason = f" — {event.reason}" if event.reason else ""
            line = f"{_moment(event.candle_time)}[{name}] {event.state.value}{reason}"
        else:
            return
        self.say(line)

    def say(self, line: str) -> None:
        """A line printed as it is, and written to the log."""
        log.info("bot run: %s", line)
        with self.guard:
            print(line, file=self.out, flush=True)


def _moment(ms: int) -> str:
    """A candle's time for a printed line (UTC, the exchange's time), or nothing when none."""
    if ms <= 0:
        return ""
    return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%d %H:%M:%S UTC ")


def _watch(
    threads: list[threading.Thread],
    stop: threading.Event,
    tick: Callable[[Callable[[str], None]], object] | None,
    say: Callable[[str], None],
) -> None:
    """Until a signal or every bot's end, with ``tick(say)`` every ``TICK_SECONDS``."""
    ticked = time.monotonic()
    while not stop.is_set() and any(t.is_alive() for t in threads):
        stop.wait(0.2)
        if tick is not None and time.monotonic() - ticked >= TICK_SECONDS:
            ticked = time.monotonic()
            tick(say)


def run_until_signal(
    ctx: BotContext,
    specs: list[BotSpec],
    out: TextIO,
    heading: str = "",
    on_stop: OnStop = OnStop.KEEP,
    tick: Callable[[Callable[[str], None]], object] | None = None,
) -> int:
    """``crypty bot run``: run bots until SIGINT or SIGTERM, printing what they do.

    ``tick(say)`` is called every ``TICK_SECONDS`` while they run, ``say`` printing a line among
    the bots' (the front end's watch of rate-limit pauses).

    Every bot's lock is taken first, so a bot another process runs changes nothing; ``heading``
    is printed once they are all taken. Then each bot
    starts; if one cannot, those already started stop and none is left running or to resume. The
    signal handlers are put back whatever happens. ``on_stop``: what a stop by signal does with
    the bots' open orders and holdings (a failed start keeps them).

    Raises:
        CryptyError: a bot could not start, or stopped on an error (one sentence, for stderr).
    """
    stop = threading.Event()
    printer = DecisionPrinter({s.id: s.name for s in specs}, out)

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        stop.set()

    alerts = ctx.alerts
    by_id = {s.id: s for s in specs}

    def listener(event: BotStatus | Decision) -> None:
        printer(event)
        alerts.on_bot_event(event, by_id.get(event.bot_id))  # queued: never waits

    def on_loss_limit(hit: LossLimitHit) -> None:
        log.warning("bot run: %s", hit.headline)
        with printer.guard:
            print(hit.text(), file=out, flush=True)

    unsubscribe = ctx.loss_limits.subscribe(on_loss_limit)
    alerts.start()  # the daily summary leaves even on a quiet day
    lives = [BotLife(ctx, spec, listener, Role.CLI) for spec in specs]
    threads: list[threading.Thread] = []
    failure: CryptyError | None = None
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        for sig in previous:
            signal.signal(sig, on_signal)
        failure = _start_all(lives, threads, stop, out, heading)
        if failure is None:
            _watch(threads, stop, tick, printer.say)
    finally:
        stop.set()
        reason = STOPPED_COMMAND_ENDED if failure is None else STOPPED_OTHER_FAILED
        _stop_all(lives, threads, reason, out, on_stop if failure is None else OnStop.KEEP)
        ctx.loss_limits.wait_idle()  # a limit that acted makes its bots safe before the end
        unsubscribe()
        for sig, handler in previous.items():
            signal.signal(sig, signal.SIG_DFL if handler is None else handler)
    for life in lives:
        if life.error:
            alerts.on_failed(life.spec.id, life.error, life.spec, life.error_kind)
    alerts.wait_idle(5.0)  # the last alerts leave before the command ends
    if failure is not None:
        raise failure
    for life in lives:
        if life.error:
            raise CryptyError(BOT_STOPPED_ON_ERROR.format(name=life.spec.name, error=life.error))
    return 0
