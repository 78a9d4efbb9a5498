"""Sleep, wake and long absences: noticing them, and telling in one line what happened meanwhile.

The laptop sleeps, the lid closes, the Wi-Fi drops, the app is quit for the night. Two things
follow, both here, without Qt (the window and ``crypty bot run`` share them):

- ``WakeWatch`` notices a suspend as it ends: time that passed for the computer but not for its
  monotonic clock. On Linux ``CLOCK_BOOTTIME`` keeps counting during a suspend while
  ``CLOCK_MONOTONIC`` does not; elsewhere the wall clock is compared with the monotonic one (a jump
  of the wall clock forward counts too: either way the bots missed time). Its subscribers then
  catch up at once instead of waiting for a silent stream's watchdog: the market data hubs fetch
  the missed candles by REST and reconnect their streams, and each Trader bot's broker reads its
  orders again by REST (``LiveBroker.wake``).
- ``CatchUp`` counts what a bot caught up on while it was away (candles, fills) and says it in one
  line: ``Away 2 h 13 min: 133 candles caught up, 1 fill recorded (sold 0.01 BTC at 61240
  USDT).`` A candle is *stale* when it closed more than one of the bot's intervals ago
  (``is_stale``): the bot's runner lets it warm the strategy's indicators but never trades on it
  (``BotRunner.catch_up``); the same happens on start after the app was closed for days.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from crypty_desktop.domain.market import Candle, SymbolRules
from crypty_desktop.domain.money import ZERO, strip
from crypty_desktop.domain.orders import Fill, Side
from crypty_desktop.domain.subscriptions import subscribe
from crypty_desktop.wording import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

SUSPEND_LIMIT = 30.0  # float-ok: seconds the computer may lose before it counts as a suspend
CHECK_EVERY = 5.0  # float-ok: seconds between two looks at the clocks

AWAY = QT_TRANSLATE_NOOP("Core", "Away {duration}: {candles} caught up, {fills}.")
ONE_CANDLE = QT_TRANSLATE_NOOP("Core", "1 candle")
CANDLES = QT_TRANSLATE_NOOP("Core", "{count} candles")
NO_FILL = QT_TRANSLATE_NOOP("Core", "no fill")
ONE_FILL = QT_TRANSLATE_NOOP("Core", "1 fill recorded ({fill})")
FILLS = QT_TRANSLATE_NOOP("Core", "{count} fills recorded ({fill})")
FILL_BOUGHT = QT_TRANSLATE_NOOP("Core", "bought {quantity} {asset} at {price} {quote}")
FILL_SOLD = QT_TRANSLATE_NOOP("Core", "sold {quantity} {asset} at {price} {quote}")
BOUGHT_AND_SOLD = QT_TRANSLATE_NOOP("Core", "bought {bought} {asset}, sold {sold} {same_asset}")
BOUGHT_TOTAL = QT_TRANSLATE_NOOP("Core", "bought {quantity} {asset} in all")
SOLD_TOTAL = QT_TRANSLATE_NOOP("Core", "sold {quantity} {asset} in all")
MINUTES = QT_TRANSLATE_NOOP("Core", "{minutes} min")
HOURS = QT_TRANSLATE_NOOP("Core", "{hours} h {minutes} min")
DAYS = QT_TRANSLATE_NOOP("Core", "{days} d {hours} h")

MINUTE_MS = 60_000
HOUR_MS = 60 * MINUTE_MS
DAY_MS = 24 * HOUR_MS


def is_stale(candle: Candle, now_ms: int, interval_ms: int) -> bool:
    """Whether a closed candle closed more than one interval ago: no decision is taken on it."""
    return now_ms - candle.close_time > interval_ms


def duration_text(ms: int) -> str:
    """``13 min``, ``2 h 13 min``, ``3 d 4 h`` (rounded down to the minute)."""
    ms = max(ms, 0)
    if ms >= DAY_MS:
        return DAYS.format(days=ms // DAY_MS, hours=ms % DAY_MS // HOUR_MS)
    if ms >= HOUR_MS:
        return HOURS.format(hours=ms // HOUR_MS, minutes=ms % HOUR_MS // MINUTE_MS)
    return MINUTES.format(minutes=ms // MINUTE_MS)


def fill_fields(fill: Fill, rules: SymbolRules) -> dict[str, str]:
    """A fill's ``{quantity} {asset}`` at ``{price} {quote}``, for the sentences that tell it."""
    return {
        "quantity": strip(fill.quantity),
        "asset": rules.base_asset,
        "price": strip(fill.price),
        "quote": rules.quote_asset,
    }


def fill_words(fill: Fill, rules: SymbolRules) -> str:
    """``sold 0.01 BTC at 61240 USDT``."""
    return (FILL_BOUGHT if fill.side is Side.BUY else FILL_SOLD).format(**fill_fields(fill, rules))


def fills_words(fills: list[Fill], rules: SymbolRules) -> str:
    """What the fills of an absence did: each one alone, or several as totals bought and sold."""
    if not fills:
        return NO_FILL
    if len(fills) == 1:
        return ONE_FILL.format(fill=fill_words(fills[0], rules))
    bought = sum((f.quantity for f in fills if f.side is Side.BUY), ZERO)
    sold = sum((f.quantity for f in fills if f.side is Side.SELL), ZERO)
    asset = rules.base_asset
    if bought and sold:
        what = BOUGHT_AND_SOLD.format(
            bought=strip(bought), asset=asset, sold=strip(sold), same_asset=asset
        )
    elif bought:
        what = BOUGHT_TOTAL.format(quantity=strip(bought), asset=asset)
    else:
        what = SOLD_TOTAL.format(quantity=strip(sold), asset=asset)
    return FILLS.format(count=len(fills), fill=what)


@dataclass
class CatchUp:
    """What one bot caught up on since ``since_ms`` (the close of the last candle it traded on)."""

    since_ms: int
    candles: int = 0
    fills: list[Fill] = field(default_factory=list)
    first_open: int = -1  # the first and last candle caught up on (open times)
    last_open: int = -1

    def summary(self, now_ms: int, rules: SymbolRules) -> str:
        """The one line for the bot's log."""
        count = ONE_CANDLE if self.candles == 1 else CANDLES.format(count=self.candles)
        return AWAY.format(
            duration=duration_text(now_ms - self.since_ms),
            candles=count,
            fills=fills_words(self.fills, rules),
        )


# --- noticing a suspend ---------------------------------------------------------------------------
def _suspend_clock() -> Callable[[], float]:
    """A clock that keeps counting while the computer sleeps (seconds)."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if sys.platform.startswith("linux") and boottime is not None:
        return lambda: time.clock_gettime(boottime)
    return time.time


WakeListener = Callable[[float], None]  # float-ok: seconds asleep


class WakeWatch:
    """Notices suspends (and forward jumps of the wall clock) and tells its subscribers.

    ``check()`` compares how far the ``outside`` clock (boot time on Linux, the wall clock
    elsewhere) moved with how far the monotonic clock did since the last look; more than
    ``limit`` seconds of difference is a suspend that just ended, and each subscriber is called
    with its length in seconds. ``start()`` looks every ``every`` seconds in a daemon thread;
    tests call ``check()`` with clocks of their own.
    """

    def __init__(
        self,
        *,
        limit: float = SUSPEND_LIMIT,  # float-ok: seconds
        every: float = CHECK_EVERY,  # float-ok: seconds
        outside: Callable[[], float] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.every = every
        self._outside = outside or _suspend_clock()
        self._monotonic = monotonic
        self._offset = self._outside() - self._monotonic()
        self._listeners: list[WakeListener] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def subscribe(self, listener: WakeListener) -> Callable[[], None]:
        """Call ``listener(seconds_away)`` after each suspend; returns how to unsubscribe."""
        return subscribe(self._lock, self._listeners, listener)

    def check(self) -> float | None:
        """Look at the clocks now: the seconds lost to a suspend since the last look, or None."""
        offset = self._outside() - self._monotonic()
        with self._lock:
            lost = offset - self._offset
            self._offset = offset
            listeners = list(self._listeners)
        if lost <= self.limit:
            return None
        log.info("the computer was asleep (or its clock jumped) for %.0f s", lost)
        for listener in listeners:
            try:
                listener(lost)
            except Exception:  # one subscriber's bug must not keep the others asleep
                log.exception("a wake-up subscriber failed")
        return lost

    def start(self) -> None:
        """Look every ``every`` seconds in a daemon thread (once; later calls do nothing)."""
        with self._lock:
            if self._thread is not None:
                return
            self._thread = threading.Thread(target=self._run, name="wake-watch", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.check()

    def stop(self) -> None:
        self._stop.set()
        with self._lock:
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(self.every + 1)
