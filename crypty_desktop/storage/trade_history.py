"""Every recorded fill with the order, bot and platform it belongs to: the source of exports.

Read-only. A fill is joined to its order (platform and client order id), the order to its bot (a
removed bot's orders stay: its name is then unknown) and the fill to its platform.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from crypty_desktop.domain.orders import Side
from crypty_desktop.domain.platform import PlatformType
from crypty_desktop.storage.store import Store
from crypty_desktop.storage.tables import BotRow, FillRow, OrderRow, PlatformRow


@dataclass(frozen=True, slots=True)
class RecordedTrade:
    """One fill as recorded, with where it came from."""

    time_ms: int
    symbol: str
    side: Side
    quantity: Decimal
    price: Decimal
    fee: Decimal
    fee_asset: str
    client_order_id: str
    exchange_order_id: int | None
    trade_id: int | None
    bot_id: str
    bot_name: str  # "" when the bot was removed since
    bot_kind: str  # "ghost", "trader", or "" when the bot was removed since
    platform_name: str
    platform_type: PlatformType


_COLUMNS: list[Any] = [
    FillRow,
    OrderRow.bot_id,
    BotRow.name,
    BotRow.kind,
    PlatformRow.name,
    PlatformRow.type,
]


def recorded_trades(store: Store, start_ms: int, end_ms: int) -> list[RecordedTrade]:
    """Fills whose time is in ``[start_ms, end_ms)``, oldest first."""
    stmt = (
        select(*_COLUMNS)
        .join(PlatformRow, col(PlatformRow.id) == col(FillRow.platform_id))
        .join(
            OrderRow,
            (col(OrderRow.platform_id) == col(FillRow.platform_id))
            & (col(OrderRow.client_order_id) == col(FillRow.client_order_id)),
            isouter=True,
        )
        .join(BotRow, col(BotRow.id) == col(OrderRow.bot_id), isouter=True)
        .where(col(FillRow.time) >= start_ms, col(FillRow.time) < end_ms)
        .order_by(col(FillRow.time), col(FillRow.id))
    )
    with Session(store.engine) as session:
        rows = session.execute(stmt).all()
    return [
        RecordedTrade(
            time_ms=fill.time,
            symbol=fill.symbol,
            side=Side(fill.side),
            quantity=fill.quantity,
            price=fill.price,
            fee=fill.fee,
            fee_asset=fill.fee_asset,
            client_order_id=fill.client_order_id,
            exchange_order_id=fill.exchange_order_id,
            trade_id=fill.trade_id,
            bot_id=bot_id or "",
            bot_name=bot_name or "",
            bot_kind=bot_kind or "",
            platform_name=platform_name,
            platform_type=PlatformType(platform_type),
        )
        for fill, bot_id, bot_name, bot_kind, platform_name, platform_type in rows
    ]
