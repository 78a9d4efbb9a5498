"""The order log: every order is written before it leaves, then updated from what the exchange says.

Fills are recorded once (unique per platform, symbol and trade id), from the FULL order response or
from ``myTrades`` during reconciliation.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.dialects.sqlite import insert
from sqlmodel import Session, col, func, select

from crypty_desktop.domain.money import strip
from crypty_desktop.domain.orders import (
    Fill,
    OrderRequest,
    OrderState,
    OrderStatus,
    OrderType,
    Side,
)
from crypty_desktop.storage.store import Store
from crypty_desktop.storage.tables import FillRow, OrderRow, utcnow

_INSERT_SENDING = (
    'INSERT OR IGNORE INTO "order" (platform_id, bot_id, sequence, client_order_id, symbol, side, '
    "type, quantity, price, status, executed_qty, quote_qty, attempts, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', '0', '0', 1, ?, ?)"
)

_UNRESOLVED = (
    OrderStatus.PENDING.value,
    OrderStatus.NEW.value,
    OrderStatus.PARTIALLY_FILLED.value,
    OrderStatus.PENDING_CANCEL.value,
)


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


def _to_logged(row: OrderRow) -> LoggedOrder:
    return LoggedOrder(
        platform_id=row.platform_id,
        bot_id=row.bot_id,
        sequence=row.sequence,
        request=OrderRequest(
            symbol=row.symbol,
            side=Side(row.side),
            type=OrderType(row.type),
            quantity=row.quantity,
            client_order_id=row.client_order_id,
            price=row.price,
        ),
        status=OrderStatus(row.status),
        exchange_order_id=row.exchange_order_id,
        executed_qty=row.executed_qty,
        quote_qty=row.quote_qty,
        attempts=row.attempts,
        last_error=row.last_error,
        created_at_ms=int(row.created_at.timestamp() * 1000),
    )


class OrderLog:
    """Thread-safe access to orders and fills; each call commits before returning."""

    def __init__(self, store: Store) -> None:
        self._engine = store.engine

    def _row(self, session: Session, platform_id: int, cid: str) -> OrderRow | None:
        stmt = select(OrderRow).where(
            OrderRow.platform_id == platform_id, OrderRow.client_order_id == cid
        )
        return session.exec(stmt).first()

    def get(self, platform_id: int, cid: str) -> LoggedOrder | None:
        with Session(self._engine) as session:
            row = self._row(session, platform_id, cid)
            return _to_logged(row) if row else None

    def record_pending(
        self, platform_id: int, bot_id: str, sequence: int, request: OrderRequest
    ) -> LoggedOrder:
        """Write the order as PENDING, durably, before it is sent; idempotent per client id."""
        with Session(self._engine) as session:
            existing = self._row(session, platform_id, request.client_order_id)
            if existing is not None:
                return _to_logged(existing)
            row = OrderRow(
                platform_id=platform_id,
                bot_id=bot_id,
                sequence=sequence,
                client_order_id=request.client_order_id,
                symbol=request.symbol,
                side=request.side.value,
                type=request.type.value,
                quantity=request.quantity,
                price=request.price,
            )
            session.add(row)
            session.commit()
            session.refresh(row)
            return _to_logged(row)

    def record_for_send(
        self, platform_id: int, bot_id: str, sequence: int, request: OrderRequest
    ) -> bool:
        """Write a new order as PENDING with its first attempt counted, in one statement.

        The hot path of every order: True if the order was new (send it now), False if it was
        already recorded (then look at it with ``get``: it may have been sent before).
        """
        now = utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")
        params = (
            platform_id,
            bot_id,
            sequence,
            request.client_order_id,
            request.symbol,
            request.side.value,
            request.type.value,
            strip(request.quantity),
            strip(request.price) if request.price is not None else None,
            now,
            now,
        )
        with self._engine.begin() as connection:
            result = connection.exec_driver_sql(_INSERT_SENDING, params)
            return bool(result.rowcount)

    def note_attempt(self, platform_id: int, cid: str, error: str | None = None) -> None:
        with Session(self._engine) as session:
            row = self._row(session, platform_id, cid)
            if row is None:
                return
            row.attempts += 1
            row.last_error = error
            row.updated_at = utcnow()
            session.add(row)
            session.commit()

    def set_status(
        self, platform_id: int, cid: str, status: OrderStatus, error: str | None
    ) -> None:
        with Session(self._engine) as session:
            row = self._row(session, platform_id, cid)
            if row is None:
                return
            row.status = status.value
            row.last_error = error
            row.updated_at = utcnow()
            session.add(row)
            session.commit()

    def apply_state(self, platform_id: int, state: OrderState) -> None:
        """Update an order from the exchange's answer and record its fills (once each)."""
        with Session(self._engine) as session:
            row = self._row(session, platform_id, state.client_order_id)
            if row is not None:
                row.status = state.status.value
                row.exchange_order_id = state.exchange_order_id
                row.executed_qty = state.executed_qty
                row.quote_qty = state.quote_qty
                row.last_error = None
                row.updated_at = utcnow()
                session.add(row)
            session.commit()
        self.add_fills(platform_id, list(state.fills))

    def add_fills(self, platform_id: int, fills: list[Fill]) -> int:
        """Record fills, ignoring ones already known (same trade id). Returns how many were new."""
        if not fills:
            return 0
        values = [
            {
                "platform_id": platform_id,
                "client_order_id": f.client_order_id,
                "symbol": f.symbol,
                "side": f.side.value,
                "price": f.price,
                "quantity": f.quantity,
                "fee": f.fee,
                "fee_asset": f.fee_asset,
                "time": f.time,
                "trade_id": f.trade_id,
                "exchange_order_id": f.exchange_order_id,
            }
            for f in fills
        ]
        with Session(self._engine) as session:
            before = self._count_fills(session, platform_id)
            session.execute(insert(FillRow).values(values).on_conflict_do_nothing())
            session.commit()
            return self._count_fills(session, platform_id) - before

    @staticmethod
    def _count_fills(session: Session, platform_id: int) -> int:
        stmt = select(func.count()).select_from(FillRow).where(FillRow.platform_id == platform_id)
        return int(session.exec(stmt).one())

    def unresolved(self, platform_id: int, bot_id: str | None = None) -> list[LoggedOrder]:
        """Orders whose final outcome is not yet known (pending, open)."""
        with Session(self._engine) as session:
            stmt = select(OrderRow).where(
                OrderRow.platform_id == platform_id, col(OrderRow.status).in_(_UNRESOLVED)
            )
            if bot_id is not None:
                stmt = stmt.where(OrderRow.bot_id == bot_id)
            return [_to_logged(r) for r in session.exec(stmt.order_by(col(OrderRow.id))).all()]

    def orders(self, bot_id: str) -> list[LoggedOrder]:
        with Session(self._engine) as session:
            stmt = select(OrderRow).where(OrderRow.bot_id == bot_id).order_by(col(OrderRow.id))
            return [_to_logged(r) for r in session.exec(stmt).all()]

    def fills(self, platform_id: int, client_order_ids: list[str]) -> list[Fill]:
        with Session(self._engine) as session:
            stmt = (
                select(FillRow)
                .where(
                    FillRow.platform_id == platform_id,
                    col(FillRow.client_order_id).in_(client_order_ids),
                )
                .order_by(col(FillRow.time), col(FillRow.id))
            )
            return [
                Fill(
                    symbol=r.symbol,
                    side=Side(r.side),
                    price=r.price,
                    quantity=r.quantity,
                    fee=r.fee,
                    fee_asset=r.fee_asset,
                    time=r.time,
                    client_order_id=r.client_order_id,
                    trade_id=r.trade_id,
                    exchange_order_id=r.exchange_order_id,
                )
                for r in session.exec(stmt).all()
            ]

    def next_sequence(self, bot_id: str) -> int:
        with Session(self._engine) as session:
            stmt = select(func.max(OrderRow.sequence)).where(OrderRow.bot_id == bot_id)
            value = session.exec(stmt).one()
            return 0 if value is None else int(value) + 1
