"""Orders and fills as the app records them. Amounts are Decimal; times are epoch milliseconds."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache

from crypty_desktop.domain.money import ZERO

CLIENT_ID_RE = re.compile(r"^[A-Za-z0-9\-_]{1,36}$")


class Side(StrEnum):
    BUY = "BUY"
    SELL = "SELL"


class OrderType(StrEnum):
    MARKET = "MARKET"
    LIMIT = "LIMIT"
    # The legs that protect a position on the exchange (see bots/protection.py): a take-profit
    # that only ever rests in the book, and a stop that becomes a limit order once triggered.
    LIMIT_MAKER = "LIMIT_MAKER"
    STOP_LOSS_LIMIT = "STOP_LOSS_LIMIT"

    @property
    def has_price(self) -> bool:
        """Whether an order of this type carries a limit price."""
        return self is not OrderType.MARKET


class OrderStatus(StrEnum):
    """Binance's order statuses, plus the app's own PENDING (recorded, outcome not yet known)."""

    PENDING = "PENDING"  # written before the request leaves; resolved by querying the exchange
    NEW = "NEW"
    PARTIALLY_FILLED = "PARTIALLY_FILLED"
    FILLED = "FILLED"
    CANCELED = "CANCELED"
    PENDING_CANCEL = "PENDING_CANCEL"
    REJECTED = "REJECTED"
    EXPIRED = "EXPIRED"
    EXPIRED_IN_MATCH = "EXPIRED_IN_MATCH"
    NOT_SENT = "NOT_SENT"  # the exchange confirmed it never received the order

    @property
    def is_open(self) -> bool:
        return self in (OrderStatus.NEW, OrderStatus.PARTIALLY_FILLED, OrderStatus.PENDING_CANCEL)

    @property
    def is_final(self) -> bool:
        return self in (
            OrderStatus.FILLED,
            OrderStatus.CANCELED,
            OrderStatus.REJECTED,
            OrderStatus.EXPIRED,
            OrderStatus.EXPIRED_IN_MATCH,
            OrderStatus.NOT_SENT,
        )


@lru_cache(maxsize=1024)
def client_id_prefix(bot_id: str) -> str:
    """``cr-<10 hex of sha256(bot id)>-``: the unchanging part of a bot's client order ids."""
    return f"cr-{hashlib.sha256(bot_id.encode()).hexdigest()[:10]}-"


def client_order_id(bot_id: str, sequence: int) -> str:
    """A deterministic Binance ``newClientOrderId`` (``[A-Za-z0-9-_]``, ≤ 36 chars).

    ``cr-<10 hex of the bot id>-<sequence>``: the same bot and sequence always give the same id,
    so a retried or reconciled order is recognised by the exchange instead of doubled.
    """
    if sequence < 0:
        raise ValueError("sequence must be ≥ 0")
    cid = f"{client_id_prefix(bot_id)}{sequence}"
    if len(cid) > 36:
        raise ValueError("sequence too large for a client order id")
    return cid


@dataclass(frozen=True, slots=True)
class OrderStamp:
    """When a signed order request says it was made, and how long Binance may still accept it.

    Binance refuses a signed request once its clock is past ``timestamp + recvWindow`` (it checks
    on arrival and again in the matching engine). So an order recorded with its stamp, and still
    unknown to the exchange once the exchange's clock is past ``deadline_ms``, can never execute:
    it is final, never sent.
    """

    timestamp_ms: int
    recv_window_ms: int

    @property
    def deadline_ms(self) -> int:
        return self.timestamp_ms + self.recv_window_ms


@dataclass(frozen=True, slots=True)
class OrderRequest:
    """What a broker asks the exchange for, already rounded to the symbol's filters."""

    symbol: str
    side: Side
    type: OrderType
    quantity: Decimal
    client_order_id: str
    price: Decimal | None = None  # LIMIT only
    time_in_force: str = "GTC"
    # A stop-limit leg: its trigger price, and/or Binance's trailingDelta (in BIPS, 100 = 1 %).
    stop_price: Decimal | None = None
    trailing_delta: int | None = None
    list_client_id: str = ""  # the order list (OCO) this leg belongs to, if any

    def __post_init__(self) -> None:
        if not CLIENT_ID_RE.match(self.client_order_id):
            raise ValueError(f"invalid client order id: {self.client_order_id!r}")
        if self.type.has_price and self.price is None:
            raise ValueError(f"a {self.type.value} order needs a price")
        stop = self.stop_price is not None or self.trailing_delta is not None
        if self.type is OrderType.STOP_LOSS_LIMIT and not stop:
            raise ValueError("a STOP_LOSS_LIMIT order needs a stop price or a trailing delta")


@dataclass(frozen=True, slots=True)
class Fill:
    """One trade that (partly) executed an order."""

    symbol: str
    side: Side
    price: Decimal
    quantity: Decimal
    fee: Decimal
    fee_asset: str
    time: int
    client_order_id: str
    trade_id: int | None = None
    exchange_order_id: int | None = None
    # A fee paid in a third asset (BNB), valued in the pair's quote asset when it was paid.
    fee_quote: Decimal | None = None
    # Where the order log recorded it (its row, in the order fills were recorded): None until
    # recorded. Not part of the fill's identity.
    row: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class OrderState:
    """What the exchange says about an order."""

    symbol: str
    client_order_id: str
    status: OrderStatus
    side: Side
    type: OrderType
    quantity: Decimal
    price: Decimal | None
    executed_qty: Decimal = ZERO
    quote_qty: Decimal = ZERO
    exchange_order_id: int | None = None
    time: int = 0
    fills: tuple[Fill, ...] = field(default_factory=tuple)
    expiry_reason: str = ""  # Binance's expiryReason (e.g. EXECUTION_RULE_PRICE_RANGE_EXCEEDED)


@dataclass(frozen=True, slots=True)
class LoggedOrder:
    """An order as recorded: what was asked, and the last known state."""

    platform_id: int
    bot_id: str
    sequence: int
    request: OrderRequest
    status: OrderStatus
    exchange_order_id: int | None
    executed_qty: Decimal
    quote_qty: Decimal
    attempts: int
    last_error: str | None
    created_at_ms: int
    sent_at_ms: int | None = None
    recv_window_ms: int | None = None
    filled_qty: Decimal = Decimal(0)
    fills_complete: bool = True
    reason: str = ""
    expiry_reason: str = ""
    updated_at_ms: int = 0

    @property
    def protective(self) -> bool:
        """A leg that protects the bot's position on the exchange (stop or take-profit)."""
        return self.request.type in (OrderType.STOP_LOSS_LIMIT, OrderType.LIMIT_MAKER)

    @property
    def stamp(self) -> OrderStamp | None:
        """The timestamp and recvWindow it was (or is being) sent with; None if never sent."""
        if self.sent_at_ms is None or self.recv_window_ms is None:
            return None
        return OrderStamp(self.sent_at_ms, self.recv_window_ms)

    @property
    def settled(self) -> bool:
        """Final on the exchange, with every executed quantity's fills recorded."""
        return self.status.is_final and self.fills_complete
