"""Bots: what the user configured, and what a running bot reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from crypty_desktop.domain.errors import (
    AuthError,
    OrderRefused,
    PermissionDenied,
    RateLimited,
)
from crypty_desktop.wording import QT_TRANSLATE_NOOP

# Why a bot is stopped or paused, as saved with its state and shown with it.
STOPPED_BY_YOU = QT_TRANSLATE_NOOP("Core", "stopped by you")
STOPPED_BY_STOP_ALL = QT_TRANSLATE_NOOP("Core", "stopped by you (Stop all)")
PAUSED_BY_YOU = QT_TRANSLATE_NOOP("Core", "paused by you")
STOPPED_APP_CLOSED = QT_TRANSLATE_NOOP("Core", "stopped: the app was closed")
WAS_RUNNING = QT_TRANSLATE_NOOP("Core", "was running when the app closed")
STOPPED_COMMAND_ENDED = QT_TRANSLATE_NOOP("Core", "stopped (the command was interrupted)")
UNEXPECTED_ERROR = QT_TRANSLATE_NOOP("Core", "Unexpected error: {error}")
# A bot brought back by the app when it starts, as its log says.
RESUMED_GHOST = QT_TRANSLATE_NOOP("Core", "Resumed when the app started.")
RESUMED_TRADER = QT_TRANSLATE_NOOP(
    "Core",
    "Resumed when the app started. This Trader bot was confirmed when it was first started, "
    "so it was not asked again.",
)


class BotKind(StrEnum):
    """Ghost bots trade on paper against live prices; Trader bots place real orders."""

    GHOST = "ghost"
    TRADER = "trader"

    @property
    def label(self) -> str:
        return "GHOST" if self is BotKind.GHOST else "TRADER"


class OnStop(StrEnum):
    """What a stop does with the bot's open orders and holdings (the user's choice, per stop)."""

    KEEP = "keep"  # leave the orders resting (on the exchange for a Trader) and the holdings
    CANCEL = "cancel"  # cancel every open order
    SELL = "sell"  # cancel every open order, then sell what the bot holds at market


class BotState(StrEnum):
    STOPPED = "stopped"
    STARTING = "starting"
    RUNNING = "running"
    PAUSED = "paused"
    STOPPING = "stopping"
    ERROR = "error"  # stopped by an error or a risk limit; ``reason`` says which


@dataclass(frozen=True, slots=True)
class RiskLimits:
    """Percentages as Decimal (``Decimal("5")`` means 5 %); None disables a limit."""

    stop_loss_pct: Decimal | None = None  # sell all and stop when price ≤ entry × (1 − SL)
    take_profit_pct: Decimal | None = None  # sell all when price ≥ entry × (1 + TP)
    max_drawdown_pct: Decimal | None = None  # sell all and stop when equity falls this far
    trailing_stop_pct: Decimal | None = None  # sell all and stop when price ≤ peak × (1 − TS)


@dataclass(frozen=True, slots=True)
class BotSpec:
    """A bot as the user configured it."""

    id: str
    name: str
    kind: BotKind
    platform_id: int
    symbol: str
    interval: str
    strategy: str
    params: dict[str, str] = field(default_factory=dict)
    budget: Decimal = Decimal("0")  # in the quote asset
    risk: RiskLimits = field(default_factory=RiskLimits)


class EventKind(StrEnum):
    """What happened, as the code that saw it knows it: notifications, alerts, the Activity page
    and the command line's JSON read this, never the sentence (which is for people only)."""

    ORDER = "order"  # an order placed (a paper one, or sent to the exchange)
    FILL = "fill"  # an order (part-)filled
    CANCEL = "cancel"  # an order cancelled
    USER_CANCEL = "user-cancel"  # you cancelled one of the bot's orders (not the strategy)
    REFUSED = "refused"  # an order not placed: the app's checks or the exchange refused it
    PROTECTION = "protection"  # the position's stop / take-profit placed, replaced or refused
    STOP_LOSS = "stop-loss"  # risk rules: the position sold (the take-profit lets the bot go on)
    TRAILING_STOP = "trailing-stop"
    MAX_DRAWDOWN = "max-drawdown"
    TAKE_PROFIT = "take-profit"
    LOSS_LIMIT = "loss-limit"  # the platform's daily loss limit stopped its Trader bots
    KEY_ERROR = "key-error"  # the exchange refused the key, the signature or a permission
    RATE_LIMIT = "rate-limit"  # the exchange asked to slow down, or banned the IP for a while
    UNCONFIRMED = "unconfirmed"  # a Trader bot holds: Binance has not confirmed one of its orders
    INFO = "info"
    ERROR = "error"

    @property
    def is_risk(self) -> bool:
        """A risk rule acted (it sold the position)."""
        return self in _RISK

    @property
    def stops_bot(self) -> bool:
        """A risk rule that also stops the bot (all but the take-profit)."""
        return self in _RISK and self is not EventKind.TAKE_PROFIT

    @property
    def level(self) -> str:
        """How loud it is: ``info``, ``warning`` or ``error``."""
        if self in (EventKind.ERROR, EventKind.KEY_ERROR):
            return "error"
        if self in _RISK or self in (
            EventKind.REFUSED,
            EventKind.RATE_LIMIT,
            EventKind.UNCONFIRMED,
        ):
            return "warning"
        return "info"


_RISK = frozenset(
    (
        EventKind.STOP_LOSS,
        EventKind.TRAILING_STOP,
        EventKind.MAX_DRAWDOWN,
        EventKind.TAKE_PROFIT,
        EventKind.LOSS_LIMIT,
    )
)


def kind_of_error(error: BaseException) -> EventKind:
    """The event an error makes when a bot meets it (its class says, not its words)."""
    if isinstance(error, AuthError | PermissionDenied):
        return EventKind.KEY_ERROR
    if isinstance(error, RateLimited):
        return EventKind.RATE_LIMIT
    if isinstance(error, OrderRefused):
        return EventKind.REFUSED
    return EventKind.ERROR


@dataclass(frozen=True, slots=True)
class BotStatus:
    """A snapshot a running bot sends to whoever watches it (the window, the CLI)."""

    bot_id: str
    state: BotState
    equity: Decimal | None  # None: it holds base and no price is known yet
    pnl: Decimal | None  # net of fees, quote asset: equity − budget
    pnl_pct: Decimal | None
    base: Decimal  # held, free and locked
    quote: Decimal  # free and locked
    last_price: Decimal | None
    last_action: str = ""
    reason: str = ""
    candle_time: int = 0
    quote_locked: Decimal = Decimal(0)  # reserved by its open buy orders
    base_locked: Decimal = Decimal(0)  # reserved by its open sell orders
    open_orders: int = 0
    base_asset: str = ""
    quote_asset: str = ""
    reason_kind: EventKind = EventKind.INFO  # what ``reason`` tells of (a risk rule, a key error…)


@dataclass(frozen=True, slots=True)
class Decision:
    """Why the bot did (or refused to do) something, as persisted and shown in its log.

    ``action`` is what the bot did, as its log's column says it ("buy", "sell", "cancel", "risk",
    "refused", "protect", "wait", "error", "info"); ``kind`` is what happened (``EventKind``),
    for whatever reacts to it; ``message`` is the sentence, for people.
    """

    bot_id: str
    time: int  # ms: the candle's close time
    action: str
    message: str
    kind: EventKind = EventKind.INFO
