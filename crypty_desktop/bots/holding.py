"""Holding: a Trader bot whose order Binance has not confirmed waits, and asks again. No Qt.

When an order's outcome is not known (its answer was lost) and Binance cannot be asked about it
(the executor raised ``OrderUnconfirmed`` after its tries), the bot does not stop: it *holds*.

- It places no new order of any kind: the strategy still sees every candle and the risk limits
  are still checked, but what they decide is only written in the log ("not acted on"), once per
  decision; the position's protection is left as it is.
- It asks Binance about the pending order(s) again with a growing pause (``PAUSES``: 5 s to
  60 s, longer when Binance asked to slow down), one try per question: each question goes
  through the platform's rate limiter, and one check costs a server-time and an order query
  (about 5 of Binance's 6000 weight a minute).
- The log and the status line say so once (``WAITING``); the status keeps saying it while it
  holds, as a rate-limit pause does.
- When Binance answers, the order is settled as any order is (its fills recorded with it in one
  transaction, the strategy told), the log says how (``CONFIRMED``), and the bot trades again.
  An order Binance proves it never received is recorded NOT_SENT (``NEVER_RECEIVED``): its
  intent is never sent again, the strategy decides afresh on the next candles.
- Holding has no end of its own: after ``ALERT_AFTER`` the user is alerted once
  (``STILL_WAITING``, an ``EventKind.UNCONFIRMED`` line that notifications and alerts carry).
- A cancel whose outcome is not known, when Binance cannot be asked about the order
  (``CancelUnconfirmed``), is a reason to hold too: the order may still rest on Binance, so it
  stays open in the records and no order replaces it until Binance says what became of it
  (``CANCEL_WAITING``); it is then asked about as the pending orders are.
- A stop while holding is quick: the loop sees it between two checks (one check lasts at most
  a request's timeout), and ``BotLife.finish`` settles what it can within its own limit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crypty_desktop.domain.errors import CryptyError, RateLimited
from crypty_desktop.domain.orders import Fill, OrderStatus
from crypty_desktop.wording import QT_TRANSLATE_NOOP

PAUSES: tuple[float, ...] = (5.0, 10.0, 20.0, 40.0, 60.0)  # float-ok: seconds between checks
ALERT_AFTER = 15 * 60.0  # float-ok: seconds of holding before the user is alerted (once)

WAITING = QT_TRANSLATE_NOOP(
    "Core", "Waiting for Binance to confirm order {order_id}; no new order until then."
)
CONFIRMED = QT_TRANSLATE_NOOP("Core", "Order {order_id} was confirmed: {status}; trading resumes.")
NEVER_RECEIVED = QT_TRANSLATE_NOOP(
    "Core",
    "Binance never received order {order_id}: it was not placed and will not be sent again; "
    "trading resumes and the bot decides afresh.",
)
CANCEL_WAITING = QT_TRANSLATE_NOOP(
    "Core",
    "Binance could not be asked whether order {order_id} was cancelled: it stays open in the "
    "records and will be checked again; no new order until then.",
)
UNREAD = QT_TRANSLATE_NOOP(
    "Core",
    "Binance could not be asked about order {order_id}: it stays open in the records, and will be "
    "asked again at the next candle.",
)
UNREAD_ANSWERED = QT_TRANSLATE_NOOP(
    "Core", "Binance answered about order {order_id} again; the records are up to date."
)
NOT_ACTED_ON = QT_TRANSLATE_NOOP(
    "Core", "Not acted on while waiting for Binance to confirm order {order_id}: {decision}"
)
STILL_WAITING = QT_TRANSLATE_NOOP(
    "Core",
    "Binance has not confirmed order {order_id} for {minutes} minutes; the bot still places no "
    "new order. Check this computer's connection to Binance.",
)


@dataclass(frozen=True, slots=True)
class Recheck:
    """One round of questions about a bot's pending orders.

    Attributes:
        fills: the new fills of the orders settled, each with its order's tag.
        settled: client order id → the status the order was settled with (NOT_SENT: never
            received by the exchange).
        unknown: the client order ids Binance still could not be asked about.
        error: the last error a question met (None if none).
    """

    fills: list[tuple[Fill, str]]
    settled: dict[str, OrderStatus]
    unknown: list[str]
    error: CryptyError | None = None


@dataclass
class Hold:
    """A bot holding for its unconfirmed orders: which, since when, when to ask again.

    Times are monotonic seconds (the bot's ``monotonic`` clock).
    """

    order_ids: list[str]
    since: float  # float-ok: seconds
    next_at: float  # float-ok: seconds
    checks: int = 0
    alerted: bool = False
    said: set[str] = field(default_factory=set)  # decisions not acted on, said once each
    settled: dict[str, OrderStatus] = field(default_factory=dict)  # said when the hold ends
    cancels: set[str] = field(default_factory=set)  # orders whose cancel is not confirmed

    @property
    def order_id(self) -> str:
        """The order(s) waited for, as the log says it (protective legs are several)."""
        return ", ".join(self.order_ids)

    def due(self, now: float) -> bool:  # float-ok: seconds
        return now >= self.next_at

    def asked(
        self,
        now: float,  # float-ok: seconds
        error: CryptyError | None,
        pauses: tuple[float, ...] = PAUSES,  # float-ok: seconds
    ) -> None:
        """One check done: the next one after a longer pause (at least what Binance asked)."""
        pause = pauses[min(self.checks, len(pauses) - 1)]
        if isinstance(error, RateLimited):
            pause = max(pause, error.retry_after)
        self.checks += 1
        self.next_at = now + pause

    def alert_due(self, now: float) -> bool:  # float-ok: seconds
        return not self.alerted and now - self.since >= ALERT_AFTER

    def first_time(self, decision: str) -> bool:
        """Whether this decision not acted on is new (each is said once)."""
        if decision in self.said:
            return False
        self.said.add(decision)
        return True
