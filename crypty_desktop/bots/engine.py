"""BotRunner: one bot's loop — closed candle → broker fills → risk → strategy → broker. No Qt.

The runner is driven either by ``run(feed, should_stop)`` in its own thread (a Qt worker or the CLI)
or candle by candle with ``step(candle)`` (tests, backtests). After each candle it saves, in one
transaction, the decisions it made, an equity point and everything needed to resume exactly
(strategy state, last candle, risk peak, tags of open orders); orders and fills are already in the
order log. Listeners receive immutable events: ``BotStatus`` and ``Decision``.

When Binance refuses requests for a while (a 429 with ``Retry-After``, or a 418 IP ban), ``run``
does not stop the bot: it logs when requests may resume (a ``wait`` decision; the status' reason
says it too), makes no request until then, and goes on with the candles that closed meanwhile
(they wait in the feed, which the market data hub keeps filling and backfilling).

When an order's outcome is unknown and Binance cannot be asked about it (``OrderUnconfirmed``),
a Trader bot does not stop either: it *holds* (``bots/holding.py``): no new order, the strategy's
and the risk limits' decisions only written in the log, Binance asked again with a growing pause
until it settles the order; then the bot trades again. A cancel whose outcome is unknown when
Binance cannot be asked (``CancelUnconfirmed``) makes it hold the same way: the order stays open
in the records, and nothing replaces it until Binance says what became of it.

An order Binance has acknowledged whose progress cannot be read (the network is down) stops
nothing: it stays open as recorded, the log says so once (``UNREAD``), the next candle asks again,
and what filled meanwhile is then recorded and told as usual.

Candles that closed more than one interval ago (the laptop slept, the link was down, the app was
closed for days: see ``bots/wake.py``) are *caught up on* (``catch_up``): a Trader bot first
settles its orders with the exchange and hears of the fills made meanwhile, then those candles only
warm the strategy's indicators (what it decides on them is dropped), and the log says in one line
what happened while the bot was away. Only a candle that closed within the last interval is
traded on; the risk limits are checked on the newest price.
"""

from __future__ import annotations

import logging
import queue
import time
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any, NoReturn

from crypty_desktop.bots.brokers import Broker, LiveBroker, PaperBroker, status_word
from crypty_desktop.bots.holding import (
    CANCEL_WAITING,
    CONFIRMED,
    NEVER_RECEIVED,
    NOT_ACTED_ON,
    PAUSES,
    STILL_WAITING,
    UNREAD,
    UNREAD_ANSWERED,
    WAITING,
    Hold,
)
from crypty_desktop.bots.pnl import pnl_of
from crypty_desktop.bots.protection import PROTECT_TAG, STOP_TAG
from crypty_desktop.bots.risk import RiskEvent, RiskManager
from crypty_desktop.bots.stopping import StopWork, wind_down
from crypty_desktop.bots.wake import CatchUp, fill_fields, is_stale
from crypty_desktop.domain.bots import (
    PAUSED_BY_YOU,
    STOPPED_BY_YOU,
    BotSpec,
    BotState,
    BotStatus,
    Decision,
    EventKind,
    OnStop,
    kind_of_error,
)
from crypty_desktop.domain.errors import (
    CancelUnconfirmed,
    CryptyError,
    IpBanned,
    OrderRefused,
    OrderUnconfirmed,
    RateLimited,
    StopsTheBot,
)
from crypty_desktop.domain.market import INTERVAL_MS, Candle, SymbolRules
from crypty_desktop.domain.money import strip
from crypty_desktop.domain.orders import Fill, OrderStatus, Side, client_order_id
from crypty_desktop.market.feed import CandleSource
from crypty_desktop.storage.bots import BotStore
from crypty_desktop.strategies.base import Intent, Strategy
from crypty_desktop.wording import QT_TRANSLATE_NOOP, plural

log = logging.getLogger(__name__)

Listener = Callable[[BotStatus | Decision], None]
HUNDRED = Decimal(100)
RECONCILED = plural(
    QT_TRANSLATE_NOOP("Core", "Reconciled {count} order with the exchange."),
    QT_TRANSLATE_NOOP("Core", "Reconciled {count} orders with the exchange."),
)
# A line earlier versions wrote in bots' logs, still read back (and translated) from the database.
RECONCILED_BEFORE = QT_TRANSLATE_NOOP("Core", "Reconciled {count} order(s) with the exchange.")
STILL_UNKNOWN = QT_TRANSLATE_NOOP(
    "Core",
    "Stopped before Binance could say whether order {order_id} was placed. The bot asks Binance "
    "again when it starts; the order is never sent twice.",
)
WARMED_UP = QT_TRANSLATE_NOOP("Core", "Warmed up on {count} recent candles.")
BOUGHT = QT_TRANSLATE_NOOP(
    "Core", "Bought {quantity} {asset} at {price} {quote} (fee {fee} {fee_asset})."
)
SOLD = QT_TRANSLATE_NOOP(
    "Core", "Sold {quantity} {asset} at {price} {quote} (fee {fee} {fee_asset})."
)
NOT_PLACED = QT_TRANSLATE_NOOP("Core", "Order not placed ({reason}): {error}")
BLOCKED_UNTIL = QT_TRANSLATE_NOOP(
    "Core", "Binance blocked requests until {time}; the bot resumes then."
)
SLOWED_UNTIL = QT_TRANSLATE_NOOP(
    "Core", "Binance asked to slow down until {time}; the bot resumes then."
)
REQUESTS_BACK = QT_TRANSLATE_NOOP("Core", "Binance accepts requests again; the bot resumes.")
UNEXPECTED_STOP = QT_TRANSLATE_NOOP(
    "Core", "Stopped, but the open orders could not be dealt with: unexpected error {error}."
)
STOPPED_OUT = QT_TRANSLATE_NOOP(
    "Core",
    "Stop-loss: the protective stop sold {quantity} {asset} at {price} {quote}; position sold "
    "and bot stopped.",
)
TOOK_PROFIT = QT_TRANSLATE_NOOP(
    "Core", "Take-profit: the protective order sold {quantity} {asset} at {price} {quote}."
)
SAVE_EVERY = 20  # candles between two saves when nothing happened
SAVE_AFTER = 5.0  # float-ok: seconds between two saves when nothing happened
# What errors do to the bot is their class's (domain/errors.py): an ``OrderRefused`` skips the
# intent, ``StopsTheBot`` stops it (but ``OrderUnconfirmed`` makes a Trader bot hold: see
# ``bots/holding.py``), a 429 or a 418 (``RateLimited``) pauses it (see ``run``), and any other
# error is said and the bot goes on with the next candle.


def filled_text(fill: Fill, rules: SymbolRules) -> str:
    """A fill in words: ``Bought 0.001 BTC at 60000 USDT (fee 0.000001 BTC).``"""
    return (BOUGHT if fill.side is Side.BUY else SOLD).format(
        **fill_fields(fill, rules),
        fee=strip(fill.fee),
        fee_asset=fill.fee_asset,
    )


ABSENCES_KEPT = 50  # the absences a bot's runtime remembers (for reports)


class BotStopped(Exception):
    """Raised inside the loop when a risk limit or an error stops the bot."""


class BotRunner:
    """Runs one bot. Not thread-safe: one thread drives it; ``request_stop`` may come from any."""

    def __init__(
        self,
        spec: BotSpec,
        strategy: Strategy,
        broker: Broker,
        bots: BotStore | None = None,
        listener: Listener | None = None,
        clock: Callable[[], int] | None = None,
    ) -> None:
        self.spec = spec
        self.clock = clock  # the market's time (ms): None trades on every candle (backtests)
        self.interval_ms = INTERVAL_MS.get(spec.interval, 60_000)
        self.strategy = strategy
        self.broker = broker
        self.bots = bots
        self.listener = listener or (lambda _event: None)
        self.risk = RiskManager(spec.risk, spec.budget)
        self.last_candle = -1
        self.last_price: Decimal | None = None
        self.last_action = ""
        self.state = BotState.STOPPED
        self.reason = ""
        self.reason_kind = EventKind.INFO  # what stopped it, when it stopped on its own
        self._pending: list[Decision] = []
        self._candle: Candle | None = None  # the last candle handled
        self._last_refusal = ""  # the last refused intent's words, not repeated
        # The fills told to the strategy, saved with its state, by the order log's row (the order
        # fills were recorded in): all the bot's fills up to ``_told_row``, and those of
        # ``_told_rows`` after it (told before an earlier one: a fill that filled at once while
        # older ones waited to be told).
        self._told_row = -1
        self._told_rows: set[int] = set()
        # Fills recorded, not yet told (found on start, or waiting their turn), with their tags.
        self._untold: list[tuple[Fill, str]] = []
        self._away: CatchUp | None = None  # what the bot caught up on, until it trades again
        self._unsaved = 0
        self._saved_at = 0.0
        self._requests: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._stopped_out = ""  # a protective stop sold the position: the bot stops
        # For reports (parity): the first candle traded on after the warm-up and how many warmed
        # it, and the last absences caught up on ([first open, last open, candles] each).
        self._warmed: list[int] | None = None
        self._absences: list[list[int]] = []
        # Holding for orders Binance has not confirmed (``bots/holding.py``); its clock and pauses
        # (seconds) are attributes so a test can drive them.
        self._hold: Hold | None = None
        self.monotonic: Callable[[], float] = time.monotonic  # float-ok: seconds
        self.hold_pauses: tuple[float, ...] = PAUSES  # float-ok: seconds
        # Open orders Binance could not be asked about (said once each, until it answers).
        self._unread: set[str] = set()

    # --- lifecycle ------------------------------------------------------------------------------
    def start(self) -> None:
        """Resume saved state; a Trader bot reconciles with the exchange before anything else."""
        runtime = self.bots.runtime(self.spec.id) if self.bots else {}
        if runtime.get("strategy"):
            self.strategy.restore(runtime["strategy"])
        self.last_candle = int(runtime.get("last_candle", -1))
        self._warmed = runtime.get("warmed")
        self._absences = list(runtime.get("absences", []))
        if "peak" in runtime:
            self.risk.peak = Decimal(runtime["peak"])
        if runtime.get("trail_peak"):
            self.risk.trail_peak = Decimal(runtime["trail_peak"])
        saved_open: dict[str, Any] = dict(runtime.get("open", {}))
        if self.last_price is None and self.bots is not None:
            point = self.bots.last_point(self.spec.id)  # valued at once, not a candle later
            self.last_price = point[2] if point is not None else None
        if isinstance(self.broker, LiveBroker):
            try:
                states = self.broker.start(saved_open, keep_unread=True)
            except OrderUnconfirmed as exc:  # Binance cannot be asked yet: hold until it can
                states = []
                self._hold_on(exc, self._stamp())
            if states:
                self._note(0, "info", RECONCILED.format(count=len(states)), EventKind.INFO)
            self._say_unread(self._stamp())
            self._untold_since(runtime, saved_open)
        elif self.broker.order_log is not None:
            self._rebuild_paper(saved_open)
        self._running()
        self._flush(None)

    def _rebuild_paper(self, saved_open: dict[str, Any]) -> None:
        order_log = self.broker.order_log
        assert order_log is not None
        orders = order_log.orders(self.spec.id)
        fills = order_log.fills(
            self.broker.platform_id, [o.request.client_order_id for o in orders]
        )
        self.broker.rebuild(fills, [o.request for o in orders if o.status.is_open], saved_open)

    def _untold_since(self, runtime: dict[str, Any], saved_open: dict[str, Any]) -> None:
        """Fills recorded but never told to the strategy (a crash between the two, or found on
        start): told with the next candle, or at once by ``tell_untold``, in the order they were
        recorded, so the strategy answers them (a grid sells what a level bought) instead of
        never."""
        known = [f for f in self.broker.fills if f.row is not None]
        if "told_row" in runtime:
            mark, after = int(runtime["told_row"]), {int(r) for r in runtime.get("told_after", [])}
            untold = [f for f in known if f.row is not None and f.row > mark and f.row not in after]
            self._told_row, self._told_rows = mark, after
        else:
            # Saved before rows were kept: the newest trade id told (None: all were told).
            told = runtime.get("told")
            untold = [
                f
                for f in known
                if isinstance(told, int) and f.trade_id is not None and f.trade_id > told
            ]
            waiting = {f.row for f in untold}
            self._told_rows = {f.row for f in known if f.row not in waiting and f.row is not None}
        untold.sort(key=lambda f: f.row or 0)
        # An open order's tag was saved with it, and so was that of an order settled since with
        # fills still to tell; a protective leg's comes from the order log (one settled before
        # this start has no saved tag, and must still stop the bot).
        tags = self.broker.leg_tags() if isinstance(self.broker, LiveBroker) else {}
        tags |= dict(runtime.get("untold_tags", {}))
        tags |= {cid: kept["tag"] for cid, kept in saved_open.items() if kept.get("tag")}
        self._untold = [(f, tags.get(f.client_order_id, "")) for f in untold]

    def warm_up(self, candles: list[Candle]) -> int:
        """Feed recent history to the strategy's indicators without trading on it.

        A bot that ran before (it has a last candle) was away meanwhile: the fills it has not
        heard of yet (a Trader bot reconciled them on ``start``) are told first, and the log says
        what happened while it was away instead of "warmed up"."""
        new = [c for c in candles if c.closed and c.open_time > self.last_candle]
        if not new:
            return 0
        if self.last_candle < 0:
            for candle in new:
                self._warm(candle)
            self._warmed = [new[-1].open_time + self.interval_ms, len(new)]
            self._note(new[-1].close_time, "info", WARMED_UP.format(count=len(new)), EventKind.INFO)
            self._flush(None)
            return len(new)
        self._catch_up_on(new)
        self._back(new[-1].close_time)
        self._flush(None, force=True)
        return len(new)

    @property
    def has_untold(self) -> bool:
        """Fills recorded (a Trader bot reconciled them on ``start``) that nobody was told of."""
        return bool(self._untold)

    def tell_untold(self, candle: Candle) -> None:
        """Fills found on start told now, with the last candle the bot saw, when no candle has
        closed since (a restart within the interval): the log, the notification and the
        strategy's answer do not wait for the next candle, which for a daily bot is hours away.
        A stop-loss among them stops the bot at its next step, as it does after catching up."""
        if not self._untold:
            return
        self._candle = candle
        try:
            self._react([], candle)
        except StopsTheBot as exc:
            self._stops(candle, exc)
        finally:
            self._flush(None, force=True)

    def _warm(self, candle: Candle) -> None:
        """One old candle: the strategy's indicators move, its decisions are dropped."""
        self.broker.mark(candle.close)
        self.strategy.on_candle(candle, self.broker.position())
        self.last_candle = candle.open_time
        self.last_price = candle.close

    def is_stale(self, candle: Candle) -> bool:
        """Closed more than one interval ago (by the market's clock): not traded on."""
        return self.clock is not None and is_stale(candle, self.clock(), self.interval_ms)

    def catch_up(self, candles: list[Candle]) -> None:
        """Candles that waited while the bot was away (a suspend, a dead link): the stale ones
        are caught up on (fills first, then indicators, no trade), the fresh ones traded on."""
        new = sorted(
            (c for c in candles if c.closed and c.open_time > self.last_candle),
            key=lambda c: c.open_time,
        )
        old = [c for c in new if self.is_stale(c)]
        fresh = [c for c in new if not self.is_stale(c)]
        if old:
            try:
                self._catch_up_on(old)
                if not fresh:  # the newest price known is old: the risk limits still see it
                    self._check_risk(old[-1])
            except StopsTheBot as exc:
                self._stops(old[-1], exc)
            finally:
                self._flush(old[-1])
        for candle in fresh:
            self.step(candle)

    def _catch_up_on(self, old: list[Candle]) -> None:
        """Fills of the absence first (a Trader bot asks the exchange once, and they are told
        with the newest price), then each candle warms the strategy; a Ghost bot's paper orders
        fill candle by candle, as they would have."""
        away = self._away
        if away is None:
            since = self.last_candle + self.interval_ms if self.last_candle >= 0 else 0
            away = self._away = CatchUp(since or old[0].open_time)
        newest = old[-1]
        if isinstance(self.broker, LiveBroker):
            self.broker.mark(newest.close)
            self._candle = newest
            fills = self._candle_fills(newest)
            self._say_unread(newest.close_time)
            away.fills.extend(f for f, _tag in [*self._untold, *fills])
            self._react(fills, newest)
        if away.first_open < 0:
            away.first_open = old[0].open_time
        away.last_open = old[-1].open_time
        for candle in old:
            self._candle = candle
            if not isinstance(self.broker, LiveBroker):
                fills = self.broker.on_candle(candle)
                away.fills.extend(f for f, _tag in fills)
                self._react(fills, candle)
            self._warm(candle)
            away.candles += 1

    def _back(self, time_ms: int) -> None:
        """The bot trades again: say in one line what happened while it was away."""
        away, self._away = self._away, None
        if away is not None:
            entry = [away.first_open, away.last_open, away.candles]
            self._absences = [*self._absences, entry][-ABSENCES_KEPT:]
            now = self.clock() if self.clock is not None else time_ms
            self._note(time_ms, "info", away.summary(now, self.broker.rules), EventKind.INFO)

    def stop(self, reason: str = STOPPED_BY_YOU, resume_later: bool = False) -> None:
        """Mark the bot stopped. ``resume_later``: the app is closing, bring it back on restart."""
        self.save()
        self._set_state(BotState.STOPPED, reason, should_run=resume_later)
        self._emit_status()

    def wind_down(self, on_stop: OnStop, platform: str) -> str:
        """What a stop does with the open orders and holdings, as the user chose: keep them,
        cancel the orders, or cancel them and sell at market (the bot's own order path). Run on
        the bot's thread once its loop has ended; every step is written to its log, ending with
        one sentence that says what was done (returned). Never raises."""
        work = StopWork(self.broker, self.spec, self.last_price, self._stamp(), platform)
        summary = ""
        try:
            lines = wind_down(work, on_stop, lambda f: filled_text(f, self.broker.rules))
        except Exception as exc:  # the stop must still be saved; say what went wrong
            log.exception("bot %s: stopping with %s failed", self.spec.name, on_stop.value)
            lines = [("error", UNEXPECTED_STOP.format(error=type(exc).__name__), EventKind.ERROR)]
        for action, message, kind in lines:
            self._note(work.time, action, message, kind)
            summary = message
            if action in ("buy", "sell", "cancel"):
                self.last_action = message
        self._flush(None, force=True)
        return summary

    def settle_pending(self, within: float) -> None:  # float-ok: seconds
        """Before the bot is said stopped, whatever stopped it (the user, an error): a Trader
        bot's orders whose outcome is not known yet are settled with the exchange, each question
        tried for about ``within`` seconds, so a stop never leaves one pending while Binance can
        answer. Their fills are told when the bot runs again (kept with their tags); an order
        Binance could not be asked about is said in the log, and the next start settles it.
        Run on the bot's thread once its loop has ended. Never raises."""
        broker = self.broker
        if not isinstance(broker, LiveBroker):
            return
        try:
            fills, unknown = broker.settle_pending(within)
        except Exception:  # the stop must still be saved
            log.exception("bot %s: settling orders of unknown outcome failed", self.spec.name)
            return
        if not (fills or unknown):
            return
        self._untold.extend(fills)  # recorded; the strategy hears of them when it runs again
        t = self._stamp()
        for cid in unknown:
            self._note(t, "error", STILL_UNKNOWN.format(order_id=cid), EventKind.ERROR)
        self._flush(None, force=True)

    def _stamp(self) -> int:
        """A time for a line written outside a candle: the last candle's close, else now."""
        if self._candle is not None:
            return self._candle.close_time
        if self.last_candle >= 0:
            return self.last_candle + INTERVAL_MS.get(self.spec.interval, 60_000) - 1
        return int(time.time() * 1000)

    def call_soon(self, request: Callable[[], None]) -> None:
        """Thread-safe: run ``request`` on the bot's thread between two candles (at most
        ``poll`` seconds later while the loop runs)."""
        self._requests.put(request)

    def run_requests(self) -> None:
        """Run what ``call_soon`` asked (from the bot's thread)."""
        while True:
            try:
                request = self._requests.get_nowait()
            except queue.Empty:
                return
            request()

    def cancel_order(self, cid: str, reason: str) -> None:
        """Cancel one open order now, as the user asked (from the bot's thread)."""
        t = self._stamp()
        try:
            done = self.broker.cancel_order(cid, reason)
        except CancelUnconfirmed as exc:  # it may still rest on Binance: held for, checked again
            self._hold_on(exc, t)
        except CryptyError as exc:
            self._note(t, "error", str(exc), kind_of_error(exc))
        else:
            self.last_action = done.message
            self._note(t, done.action, done.message, done.kind)
            for fill in done.fills:  # it had filled first: said in the log, and counted as told
                self._note_fill(t, fill)
                if fill.row is not None:
                    self._told_rows.add(fill.row)
        self._flush(None, force=True)

    def pause(self, reason: str = PAUSED_BY_YOU) -> None:
        """Mark the bot paused once its loop has ended: like a stop, but the open orders and the
        position are meant to be picked up again by Start (nothing is cancelled either way)."""
        self.save()
        self._set_state(BotState.PAUSED, reason, should_run=False)
        self._emit_status()

    # --- one candle -----------------------------------------------------------------------------
    def step(self, candle: Candle) -> None:
        """Handle one closed candle exactly once (older or repeated candles are ignored)."""
        if not candle.closed or candle.open_time <= self.last_candle:
            return
        if self.is_stale(candle):
            self.catch_up([candle])
            return
        self._back(candle.close_time)
        self.last_candle = candle.open_time
        self.last_price = candle.close
        self._candle = candle
        self.broker.mark(candle.close)
        try:
            if self._hold is not None and self._hold.due(self.monotonic()):
                self._recheck(candle)
            fills = self._candle_fills(candle)
            self._say_unread(candle.close_time)
            self._react(fills, candle)
            self._stop_if_stopped_out()
            self._check_risk(candle)
            self._run_intents(self.strategy.on_candle(candle, self.broker.position()), candle)
            self._protect(candle)
        except StopsTheBot as exc:
            self._stops(candle, exc)
        finally:
            self._flush(candle)

    def _candle_fills(self, candle: Candle) -> list[tuple[Fill, str]]:
        """The fills this candle brings: while the bot holds, only those known without asking
        the exchange (it is asked about the pending orders alone, at the hold's pace)."""
        broker = self.broker
        if self._hold is not None and isinstance(broker, LiveBroker):
            return broker.quiet_candle()
        return broker.on_candle(candle)

    def _check_risk(self, candle: Candle) -> None:
        event = self.risk.check(candle.close, self.broker.wallet)
        if event is not None and self._hold is not None:  # it acts once the order is settled
            self._not_acted(candle.close_time, event.message)
            return
        if event is not None:
            self._close_position(event, candle)
            broker = self.broker
            if event.stop_bot and isinstance(broker, PaperBroker):  # filled now, as in a backtest
                sold = broker.fill_now(candle.close, candle.close_time, candle.interval)
                self._react(sold, candle)
            if event.stop_bot:
                self._set_state(BotState.ERROR, event.message, kind=event.rule)
                raise BotStopped(event.message)

    def _fatal(self, candle: Candle, exc: Exception) -> NoReturn:
        self._fatal_at(candle.close_time, exc)

    def _fatal_at(self, time_ms: int, exc: Exception) -> NoReturn:
        kind = kind_of_error(exc)
        self._note(time_ms, "error", str(exc), kind)
        self._set_state(BotState.ERROR, str(exc), kind=kind)
        raise BotStopped(str(exc)) from None

    def _stops(self, candle: Candle, exc: StopsTheBot) -> None:
        """An error that stops the bot, except an order Binance could not be asked about yet:
        a Trader bot holds for it."""
        if isinstance(exc, OrderUnconfirmed) and isinstance(self.broker, LiveBroker):
            self._hold_on(exc, candle.close_time)
            return
        self._fatal(candle, exc)

    def _react(self, fills: list[tuple[Fill, str]], candle: Candle) -> None:
        """Tell of each fill, after those already waiting, and let the strategy answer it. The
        fills waiting their turn are saved with their tags (an answer saves the state before its
        order leaves), so a crash meanwhile tells them after the restart."""
        self._untold.extend(fills)
        while self._untold:
            fill, tag = self._untold.pop(0)
            self._tell(fill, tag, candle)

    def _protect(self, candle: Candle) -> None:
        """Keep the position's stop and take-profit on the exchange (or simulated as there);
        while the bot holds, they stay as they are."""
        if self._hold is not None:
            return
        note = self.broker.protect(self.spec.risk, candle.close)
        if note:
            self._note(candle.close_time, "protect", note, EventKind.PROTECTION)

    def _stop_if_stopped_out(self) -> None:
        if self._stopped_out:
            reason, self._stopped_out = self._stopped_out, ""
            self._set_state(BotState.ERROR, reason, kind=EventKind.STOP_LOSS)
            raise BotStopped(reason)

    def _tell_protection(self, fill: Fill, tag: str, candle: Candle) -> None:
        """A protective leg sold: the risk rule's line (the stop also stops the bot)."""
        rules = self.broker.rules
        values = {
            "quantity": strip(fill.quantity),
            "asset": rules.base_asset,
            "price": strip(fill.price),
            "quote": rules.quote_asset,
        }
        stop = tag == STOP_TAG
        words = (STOPPED_OUT if stop else TOOK_PROFIT).format(**values)
        kind = EventKind.STOP_LOSS if stop else EventKind.TAKE_PROFIT
        self._note(candle.close_time, "risk", words, kind)
        if stop:
            self._stopped_out = words

    def _tell(self, fill: Fill, tag: str, candle: Candle) -> None:
        """One fill: in the log, to the strategy (which may answer), and remembered as told."""
        self._note_fill(candle.close_time, fill)
        if tag.startswith(PROTECT_TAG):
            self._tell_protection(fill, tag, candle)
        if fill.row is not None:
            self._told_rows.add(fill.row)
        self._run_intents(self.strategy.on_fill(fill, tag), candle)

    def between_candles(self) -> None:
        """Fills the user data stream brought since the last candle: told and answered now,
        not a candle late (a Trader bot whose stream is up)."""
        candle = self._candle
        broker = self.broker
        if candle is None or not isinstance(broker, LiveBroker) or not broker.streaming:
            return
        try:
            fills = broker.poll()
            if not fills:
                return
            self._react(fills, candle)
            self._stop_if_stopped_out()
        except StopsTheBot as exc:
            self._stops(candle, exc)
        except CryptyError as exc:
            self._note(candle.close_time, "error", str(exc), kind_of_error(exc))
        self._flush(None, force=True)

    def _run_intents(self, intents: list[Intent], candle: Candle) -> None:
        for intent in intents:
            if self._hold is not None:  # no new order until Binance confirms the pending one
                self._not_acted(candle.close_time, intent.reason or intent.side.value.lower())
                continue
            self._save_before_send(intent)
            try:
                done = self.broker.execute(intent, candle)
            except OrderUnconfirmed as exc:
                self._hold_on(exc, candle.close_time)
                continue
            except OrderRefused as exc:
                text = NOT_PLACED.format(reason=intent.reason, error=exc)
                if text != self._last_refusal:  # said once, not on every candle
                    self._note(candle.close_time, "refused", text, EventKind.REFUSED)
                self._last_refusal = text
                continue
            self._last_refusal = ""
            self.last_action = done.message
            self._note(candle.close_time, done.action, done.message, done.kind)
            for fill in done.fills:  # filled at once: the strategy hears of it now
                self._tell(fill, intent.tag, candle)

    def _save_before_send(self, intent: Intent) -> None:
        """A Trader bot saves its strategy's state, with the tag of the order about to be sent,
        before sending it. Otherwise a crash between the order and the end-of-candle save leaves
        the strategy older than its orders: on restart it places them again (the order log
        rebuilds them without their tags) and never hears of their fills."""
        if intent.cancel or self.bots is None or not isinstance(self.broker, LiveBroker):
            return
        runtime = self.runtime()
        cid = client_order_id(self.spec.id, self.broker.sequence)  # the next order's id
        runtime["open"] = {**runtime["open"], cid: {"tag": intent.tag}}
        self.bots.checkpoint(self.spec.id, runtime, [], None)

    def _close_position(self, event: RiskEvent, candle: Candle) -> None:
        why = event.message
        for order in list(self.broker.open.values()):
            if order.tag:
                self._run_intents([Intent(Side.SELL, why, tag=order.tag, cancel=True)], candle)
        base = self.broker.wallet.base
        if base > 0:
            self._run_intents([Intent(Side.SELL, why, base_qty=base)], candle)
        self._note(candle.close_time, "risk", why, event.rule)

    # --- the loop -------------------------------------------------------------------------------
    def run(self, feed: CandleSource, should_stop: Callable[[], bool], poll: float = 0.2) -> None:
        """Process candles until asked to stop (checked at least every ``poll`` seconds)."""
        while not should_stop():
            self.run_requests()
            try:
                candle = feed.get(timeout=poll)
            except queue.Empty:
                try:
                    self.between_candles()
                    self.while_holding()
                except BotStopped:
                    return
                continue
            try:
                if self.is_stale(candle):  # the bot was away: everything that waited, at once
                    self.catch_up([candle, *_waiting(feed)])
                else:
                    self.step(candle)
            except BotStopped:
                return
            except RateLimited as exc:  # no request until Binance's pause or ban ends, then go on
                if not self._sit_out(exc, candle.close_time, should_stop, poll):
                    return
            except CryptyError as exc:  # e.g. exchange unreachable: say so and go on
                self._note(candle.close_time, "error", str(exc), kind_of_error(exc))
                self._flush(None)

    def _sit_out(
        self,
        exc: RateLimited,
        time_ms: int,
        should_stop: Callable[[], bool],
        poll: float,  # float-ok: seconds
    ) -> bool:
        """Wait, saying until when, for the end of a 429 pause or a 418 ban (False: asked to stop).

        The candle that met the refusal is not replayed: its remaining intents are dropped, as for
        a refused order; the next candles check the risk limits and ask the strategy again."""
        until = time.time() + exc.retry_after
        if isinstance(exc, IpBanned):
            until = max(until, exc.until.timestamp())
        words = (BLOCKED_UNTIL if isinstance(exc, IpBanned) else SLOWED_UNTIL).format(
            time=datetime.fromtimestamp(until).strftime("%H:%M:%S")
        )
        self._note(time_ms, "wait", words, EventKind.RATE_LIMIT)
        self._set_state(BotState.RUNNING, words, kind=EventKind.RATE_LIMIT)
        self._flush(None, force=True)
        while (left := until - time.time()) > 0:
            if should_stop():
                return False
            time.sleep(min(poll, left))
        self._note(time_ms, "info", REQUESTS_BACK, EventKind.INFO)
        self._running()
        self._flush(None)
        return True

    # --- holding for orders Binance has not confirmed (bots/holding.py) ---------------------------
    @property
    def holding(self) -> bool:
        """Whether the bot waits for Binance to confirm an order (no new order meanwhile)."""
        return self._hold is not None

    def _running(self) -> None:
        """RUNNING, its reason saying what the bot waits for while it holds."""
        hold = self._hold
        if hold is None:
            self._set_state(BotState.RUNNING, "")
        else:
            words = WAITING.format(order_id=hold.order_id)
            self._set_state(BotState.RUNNING, words, kind=EventKind.UNCONFIRMED)

    def _hold_on(self, exc: OrderUnconfirmed, time_ms: int) -> None:
        """Hold for an order Binance could not be asked about (or whose cancel it could not
        confirm): said once, in the log and the status; the next check comes after the first
        pause (the executor has just asked)."""
        cancel = isinstance(exc, CancelUnconfirmed)
        ids = list(exc.order_ids) if isinstance(exc, CancelUnconfirmed) else [exc.order_id]
        hold = self._hold
        if hold is not None:
            hold.cancels.update(ids if cancel else ())
            ids = [cid for cid in ids if cid not in hold.order_ids]
            if not ids:
                return
            hold.order_ids.extend(ids)
        else:
            now = self.monotonic()
            hold = self._hold = Hold(ids, since=now, next_at=now)
            hold.cancels.update(ids if cancel else ())
            hold.asked(now, None, self.hold_pauses)
        log.info("bot %s: holding, order %s not confirmed", self.spec.name, ", ".join(ids))
        if cancel:
            words = CANCEL_WAITING.format(order_id=", ".join(ids))
        else:
            words = WAITING.format(order_id=hold.order_id)
        self._note(time_ms, "wait", words, EventKind.UNCONFIRMED)
        self._running()

    def _say_unread(self, time_ms: int) -> None:
        """Once per order: Binance could not be asked about an open order (it stays open and is
        asked again), and once it answers again, what it said."""
        broker = self.broker
        if not isinstance(broker, LiveBroker):
            return
        unread = broker.still_unread()
        if new := sorted(unread - self._unread):
            words = UNREAD.format(order_id=", ".join(new))
            self._note(time_ms, "wait", words, EventKind.UNCONFIRMED)
        if answered := sorted(self._unread - unread):
            words = UNREAD_ANSWERED.format(order_id=", ".join(answered))
            self._note(time_ms, "info", words, EventKind.INFO)
        self._unread = unread

    def _not_acted(self, time_ms: int, decision: str) -> None:
        """A decision the bot does not act on while it holds, said once."""
        hold = self._hold
        assert hold is not None
        if hold.first_time(decision):
            words = NOT_ACTED_ON.format(order_id=hold.order_id, decision=decision)
            self._note(time_ms, "hold", words, EventKind.UNCONFIRMED)

    def while_holding(self) -> None:
        """Between candles: ask Binance again when the hold's pause is over, and alert the user
        once when it has lasted long (from the bot's thread)."""
        hold = self._hold
        if hold is None:
            return
        now = self.monotonic()
        t = self._stamp()
        if hold.alert_due(now):
            hold.alerted = True
            minutes = int((now - hold.since) // 60)
            words = STILL_WAITING.format(order_id=hold.order_id, minutes=minutes)
            self._note(t, "alert", words, EventKind.UNCONFIRMED)
            self._flush(None, force=True)
        if not hold.due(now):
            return
        try:
            self._recheck(self._candle)
        except StopsTheBot as exc:  # the key was refused meanwhile: the user must act
            self._fatal_at(t, exc)
        finally:
            self._flush(None, force=True)

    def _recheck(self, candle: Candle | None) -> None:
        """Ask Binance about the pending orders once more; settled ones are said, their fills
        told (with ``candle``; without one, at the next), and the bot trades again when none is
        left unknown."""
        hold, broker = self._hold, self.broker
        assert hold is not None and isinstance(broker, LiveBroker)
        t = candle.close_time if candle is not None else self._stamp()
        try:
            # raises what stops the bot
            result = broker.recheck_pending(hold.order_ids, frozenset(hold.cancels))
        except StopsTheBot:
            raise
        except CryptyError as exc:  # e.g. the symbol's rules could not be read: ask again later
            hold.asked(self.monotonic(), exc, self.hold_pauses)
            self._note(t, "error", str(exc), kind_of_error(exc))
            return
        hold.asked(self.monotonic(), result.error, self.hold_pauses)
        hold.settled.update(result.settled)
        if result.unknown:
            if sorted(result.unknown) != sorted(hold.order_ids):
                hold.order_ids = list(result.unknown)
                self._running()
            self._untold.extend(result.fills)
            return
        self._hold = None
        for cid, status in hold.settled.items():
            if status is OrderStatus.NOT_SENT:
                words = NEVER_RECEIVED.format(order_id=cid)
            else:
                words = CONFIRMED.format(order_id=cid, status=status_word(status))
            self._note(t, "info", words, EventKind.INFO)
        self._running()
        if candle is None:
            self._untold.extend(result.fills)
        else:
            self._react(result.fills, candle)  # settled as any order: the strategy hears of it

    # --- reporting ------------------------------------------------------------------------------
    def _note(self, time: int, action: str, message: str, kind: EventKind) -> None:
        decision = Decision(self.spec.id, time, action, message, kind)
        self._pending.append(decision)
        self.listener(decision)

    def _note_fill(self, time: int, fill: Fill) -> None:
        words = filled_text(fill, self.broker.rules)
        self._note(time, fill.side.value.lower(), words, EventKind.FILL)

    def _set_state(
        self,
        state: BotState,
        reason: str,
        should_run: bool | None = None,
        kind: EventKind = EventKind.INFO,
    ) -> None:
        self.state, self.reason, self.reason_kind = state, reason, kind
        if self.bots is not None:
            if should_run is None:
                should_run = state in (BotState.RUNNING, BotState.STARTING)
            self.bots.set_state(self.spec.id, state, reason, should_run=should_run)

    def runtime(self) -> dict[str, Any]:
        return {
            "strategy": self.strategy.state(),
            "last_candle": self.last_candle,
            "peak": str(self.risk.peak),
            "trail_peak": None if self.risk.trail_peak is None else str(self.risk.trail_peak),
            **self._told_mark(),
            "untold_tags": {f.client_order_id: tag for f, tag in self._untold if tag},
            "warmed": self._warmed,
            "absences": self._absences,
            **self.broker.runtime(),
        }

    def _told_mark(self) -> dict[str, Any]:
        """What was told, as saved: the row up to which every recorded fill was told, and the
        rows told after it. A fill recorded but not told yet (waiting its turn, or recorded by
        the broker for the next candle) keeps the mark below it, whatever its trade id."""
        if self._told_rows:
            mark, told = self._told_row, self._told_rows
            rows = sorted(f.row for f in self.broker.fills if f.row is not None and f.row > mark)
            for row in rows:
                if row not in told:
                    break
                mark = row
            self._told_row = mark
            self._told_rows = {r for r in told if r > mark}
        return {"told_row": self._told_row, "told_after": sorted(self._told_rows)}

    def _flush(self, candle: Candle | None, force: bool = False) -> None:
        """Save the candle's work and report the bot's status.

        A decision or an order event is saved at once; otherwise the resumable state and the
        equity point are saved every ``SAVE_EVERY`` candles or ``SAVE_AFTER`` seconds (a restart
        then re-reads at most those few candles, which changed nothing). Orders and fills are in
        the order log already, before and as they happen.
        """
        self._unsaved += 1
        now = time.monotonic()
        due = force or self._pending or self._unsaved >= SAVE_EVERY
        if self.bots is not None and (due or now - self._saved_at >= SAVE_AFTER):
            point = None
            if candle is not None:
                point = (candle.close_time, self.broker.equity(candle.close), candle.close)
            self.bots.checkpoint(self.spec.id, self.runtime(), self._pending, point)
            self._unsaved, self._saved_at = 0, now
        self._pending = []
        self._emit_status(candle)

    def save(self) -> None:
        """Save everything now (the loop ends, the app closes)."""
        if self.bots is not None and (self._unsaved or self._pending):
            price = self.last_price
            point = None
            if price is not None and self.last_candle >= 0:
                close_time = self.last_candle + INTERVAL_MS.get(self.spec.interval, 60_000) - 1
                point = (close_time, self.broker.equity(price), price)
            self.bots.checkpoint(self.spec.id, self.runtime(), self._pending, point)
            self._unsaved, self._pending = 0, []

    def status(self) -> BotStatus:
        rules = self.broker.rules
        figures = pnl_of(
            self.spec,
            self.broker.wallet,
            self.last_price,
            len(self.broker.open),
            (rules.base_asset, rules.quote_asset),
        )
        return BotStatus(
            bot_id=self.spec.id,
            state=self.state,
            equity=figures.equity,
            pnl=figures.pnl,
            pnl_pct=figures.pnl_pct,
            base=figures.base_held,
            quote=figures.quote_total,
            last_price=self.last_price,
            last_action=self.last_action,
            reason=self.reason,
            reason_kind=self.reason_kind,
            candle_time=self.last_candle,
            quote_locked=figures.quote_locked,
            base_locked=figures.base_locked,
            open_orders=figures.open_orders,
            base_asset=rules.base_asset,
            quote_asset=rules.quote_asset,
        )

    def _emit_status(self, candle: Candle | None = None) -> None:
        self.listener(self.status())


def _waiting(feed: CandleSource) -> list[Candle]:
    """Every candle already waiting in the feed (none is waited for)."""
    out: list[Candle] = []
    while True:
        try:
            out.append(feed.get(timeout=0))
        except queue.Empty:
            return out
