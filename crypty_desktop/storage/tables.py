"""SQLModel tables. Metadata only: no table has a column for a secret.

Identities never come back: every integer id is AUTOINCREMENT (SQLite never hands out an id that
was used before, even after the row is deleted), and rows that name a platform point at it through
a foreign key, so a platform cannot vanish from under its bots and a new platform never inherits
another's bots or orders. Names are unique without regard to case (an index on ``lower(name)``
beside the service's casefold check).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import Index, UniqueConstraint, func
from sqlmodel import Field, SQLModel

from crypty_desktop.storage.types import DecimalText


def utcnow() -> datetime:
    return datetime.now(UTC)


class SchemaVersion(SQLModel, table=True):
    """One row per applied migration; the highest ``version`` is the schema's."""

    __tablename__ = "schema_version"

    version: int = Field(primary_key=True)
    applied_at: datetime = Field(default_factory=utcnow)
    description: str = ""


class PlatformRow(SQLModel, table=True):
    __tablename__ = "platform"
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)
    type: str
    key_masked: str = ""
    key_fingerprint: str = ""
    key_kind: str = "hmac"
    intended_use: str = "any"
    audit_json: str | None = None
    checked_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    max_daily_loss: Decimal | None = Field(default=None, sa_type=DecimalText)
    loss_limit_day: str | None = None  # the UTC day the daily loss limit last acted


class OrderRow(SQLModel, table=True):
    """Every order a bot intends, recorded (status PENDING) before the request leaves."""

    __tablename__ = "order"
    # No foreign key on bot_id: a removed bot's orders stay as the account's history.
    __table_args__ = (
        UniqueConstraint("platform_id", "client_order_id"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    platform_id: int = Field(index=True, foreign_key="platform.id", ondelete="CASCADE")
    bot_id: str = Field(index=True)
    sequence: int
    client_order_id: str = Field(index=True)
    symbol: str
    side: str
    type: str
    quantity: Decimal = Field(sa_type=DecimalText)
    price: Decimal | None = Field(default=None, sa_type=DecimalText)
    status: str = Field(default="PENDING", index=True)
    exchange_order_id: int | None = None
    executed_qty: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    quote_qty: Decimal = Field(default=Decimal(0), sa_type=DecimalText)
    attempts: int = 0
    last_error: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    # The signed request's timestamp and recvWindow, recorded before it leaves: once the
    # exchange's clock is past their sum, an order it does not know can never execute.
    sent_at_ms: int | None = None
    recv_window_ms: int | None = None
    filled_qty: Decimal = Field(default=Decimal(0), sa_type=DecimalText)  # sum of recorded fills
    fills_complete: bool = Field(default=True, index=True)  # filled_qty == executed_qty
    reason: str = ""  # why the bot placed it (the strategy's or the risk rule's words)
    expiry_reason: str = ""  # Binance's expiryReason, when it expired
    # A protective leg (bots/protection.py): its stop price or trailing delta (BIPS), and the
    # client id of the order list (OCO) it belongs to ("" for a lone order).
    stop_price: Decimal | None = Field(default=None, sa_type=DecimalText)
    trailing_delta: int | None = None
    list_client_id: str = Field(default="", sa_column_kwargs={"server_default": ""})


class FillRow(SQLModel, table=True):
    """One execution of an order, from the FULL response or myTrades; recorded once."""

    __tablename__ = "fill"
    __table_args__ = (
        UniqueConstraint("platform_id", "symbol", "trade_id"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    platform_id: int = Field(index=True, foreign_key="platform.id", ondelete="CASCADE")
    client_order_id: str = Field(index=True)
    symbol: str
    side: str
    price: Decimal = Field(sa_type=DecimalText)
    quantity: Decimal = Field(sa_type=DecimalText)
    fee: Decimal = Field(sa_type=DecimalText)
    fee_asset: str
    time: int
    trade_id: int | None = None
    exchange_order_id: int | None = None
    fee_quote: Decimal | None = Field(default=None, sa_type=DecimalText)  # a BNB fee's value


class CandleRow(SQLModel, table=True):
    """Closed candles, stored once per venue/symbol/interval and reused."""

    __tablename__ = "candle"

    venue: str = Field(primary_key=True)  # "binance", "binance-testnet", "simulated"
    symbol: str = Field(primary_key=True)
    interval: str = Field(primary_key=True)
    open_time: int = Field(primary_key=True)
    open: Decimal = Field(sa_type=DecimalText)
    high: Decimal = Field(sa_type=DecimalText)
    low: Decimal = Field(sa_type=DecimalText)
    close: Decimal = Field(sa_type=DecimalText)
    volume: Decimal = Field(sa_type=DecimalText)
    close_time: int


class BotRow(SQLModel, table=True):
    """A bot's configuration and the state it needs to resume after a restart."""

    __tablename__ = "bot"

    id: str = Field(primary_key=True)
    name: str = Field(index=True, unique=True)
    kind: str
    # A bot belongs to its platform for good: the platform cannot be removed while it has bots.
    platform_id: int = Field(index=True, foreign_key="platform.id", ondelete="RESTRICT")
    symbol: str
    interval: str = "1m"
    strategy: str
    params_json: str = "{}"
    budget: Decimal = Field(sa_type=DecimalText)
    stop_loss_pct: Decimal | None = Field(default=None, sa_type=DecimalText)
    take_profit_pct: Decimal | None = Field(default=None, sa_type=DecimalText)
    max_drawdown_pct: Decimal | None = Field(default=None, sa_type=DecimalText)
    trailing_stop_pct: Decimal | None = Field(default=None, sa_type=DecimalText)
    state: str = "stopped"
    state_reason: str = ""
    should_run: bool = False  # running when the app last closed (or crashed)
    runtime_json: str = "{}"  # wallet, strategy state, last candle: to resume exactly
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class DecisionRow(SQLModel, table=True):
    """Every decision and its reason, in order."""

    __tablename__ = "decision"
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    bot_id: str = Field(index=True)
    time: int
    action: str
    message: str
    # An EventKind: what happened, for whatever reacts to it (the message is for people).
    kind: str = Field(default="info", sa_column_kwargs={"server_default": "info"})


class BotEditRow(SQLModel, table=True):
    """An edit of a bot's settings that change its trading (strategy and its parameters, budget,
    interval, risk limits): when, where in the bot's candles, and what changed."""

    __tablename__ = "bot_edit"
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    bot_id: str = Field(index=True)
    time: int  # ms, the wall clock when it was saved
    after_candle: int  # open time of the last candle the bot had handled then (-1: none yet)
    changes_json: str  # [[setting, before, after], ...]; "" for a setting that was not set


class EquityRow(SQLModel, table=True):
    """A bot's equity (quote asset) at a candle's close, for its P&L curve."""

    __tablename__ = "equity"

    bot_id: str = Field(primary_key=True)
    time: int = Field(primary_key=True)
    equity: Decimal = Field(sa_type=DecimalText)
    price: Decimal = Field(sa_type=DecimalText)


# Names unique without regard to ASCII case in the database itself; the services compare with
# str.casefold first (which also folds "É"/"é"), so this index is the last line, not the only one.
PLATFORM_NAME_FOLDED = Index(
    "ux_platform_name_folded",
    func.lower(SQLModel.metadata.tables["platform"].c.name),
    unique=True,
)
BOT_NAME_FOLDED = Index(
    "ux_bot_name_folded", func.lower(SQLModel.metadata.tables["bot"].c.name), unique=True
)
