"""The order log: every order is written before it leaves, then updated from what the exchange says.

Fills are recorded once (unique per platform, symbol and trade id), from the FULL order response,
the user data stream or the order's trades. An order's state and its fills are written in one
transaction, and an order whose recorded fills do not add up to what the exchange says it executed
is not settled (``fills_complete`` false): it stays among the unresolved orders until they do.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import or_
from sqlalchemy.dialects.sqlite import insert
from sqlmodel import Session, col, func, select

from crypty_desktop.domain.money import strip
from crypty_desktop.domain.orders import (
    Fill,
    LoggedOrder,
    OrderRequest,
    OrderStamp,
    OrderState,
    OrderStatus,
    OrderType,
    Side,
)
from crypty_desktop.storage.store import Store
from crypty_desktop.storage.tables import FillRow, OrderRow, utcnow

__all__ = ["LoggedOrder", "OrderLog"]  # LoggedOrder lives in domain/orders.py: the window reads it

_INSERT_SENDING = (
    'INSERT OR IGNORE INTO "order" (platform_id, bot_id, sequence, client_order_id, symbol, side, '
    "type, quantity, price, status, executed_qty, quote_qty, attempts, created_at, updated_at, "
    "sent_at_ms, recv_window_ms, filled_qty, fills_complete, reason, expiry_reason) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', '0', '0', 1, ?, ?, ?, ?, '0', 1, ?, '')"
)

_INSERT_LEG = (
    'INSERT OR IGNORE INTO "order" (platform_id, bot_id, sequence, client_order_id, symbol, side, '
    "type, quantity, price, status, executed_qty, quote_qty, attempts, created_at, updated_at, "
    "sent_at_ms, recv_window_ms, filled_qty, fills_complete, reason, expiry_reason, stop_price, "
    "trailing_delta, list_client_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', '0', '0', 1, ?, ?, ?, ?, '0', 1, ?, '', ?, ?, ?)"
)

_UNRESOLVED = (
    OrderStatus.PENDING.value,
    OrderStatus.NEW.value,
    OrderStatus.PARTIALLY_FILLED.value,
    OrderStatus.PENDING_CANCEL.value,
)


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
            stop_price=row.stop_price,
            trailing_delta=row.trailing_delta,
            list_client_id=row.list_client_id,
        ),
        status=OrderStatus(row.status),
        exchange_order_id=row.exchange_order_id,
        executed_qty=row.executed_qty,
        quote_qty=row.quote_qty,
        attempts=row.attempts,
        last_error=row.last_error,
        created_at_ms=_ms(row.created_at),
        sent_at_ms=row.sent_at_ms,
        recv_window_ms=row.recv_window_ms,
        filled_qty=row.filled_qty,
        fills_complete=row.fills_complete,
        reason=row.reason,
        expiry_reason=row.expiry_reason,
        updated_at_ms=_ms(row.updated_at),
    )


def _insert_params(
    platform_id: int,
    bot_id: str,
    sequence: int,
    request: OrderRequest,
    stamp: OrderStamp | None,
    reason: str,
) -> tuple[object, ...]:
    """The values of a new order's row, in ``_INSERT_SENDING``'s order (recorded before sending)."""
    now = utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")
    return (
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
        stamp.timestamp_ms if stamp else None,
        stamp.recv_window_ms if stamp else None,
        reason,
    )


def _older(row: OrderRow, state: OrderState) -> bool:
    """Whether ``state`` is older than what is recorded (it executed less, or it says open
    where the record is already final): updates from the stream and REST may cross."""
    if state.executed_qty < row.executed_qty:
        return True
    final = OrderStatus(row.status).is_final and row.status != OrderStatus.NOT_SENT.value
    return final and state.status.is_open


def _ms(moment: datetime) -> int:
    """Epoch milliseconds of a stored time (SQLite gives it back without its UTC zone)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1000)


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
        self,
        platform_id: int,
        bot_id: str,
        sequence: int,
        request: OrderRequest,
        reason: str = "",
    ) -> LoggedOrder:
        """Write the order as PENDING, durably, before it is sent; idempotent per client id.
        ``reason``: why the bot placed it (kept with it for charts, reports and the CLI)."""
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
                reason=reason,
            )
            session.add(row)
            session.commit()
            session.refresh(row)
            return _to_logged(row)

    def record_for_send(
        self,
        platform_id: int,
        bot_id: str,
        sequence: int,
        request: OrderRequest,
        stamp: OrderStamp | None = None,
        reason: str = "",
    ) -> bool:
        """Write a new order as PENDING with its first attempt and its stamp, in one statement.

        The hot path of every order: True if the order was new (send it now), False if it was
        already recorded (then look at it with ``get``: it may have been sent before).
        """
        params = _insert_params(platform_id, bot_id, sequence, request, stamp, reason)
        with self._engine.begin() as connection:
            result = connection.exec_driver_sql(_INSERT_SENDING, params)
            return bool(result.rowcount)

    def record_legs_for_send(
        self,
        platform_id: int,
        bot_id: str,
        legs: list[tuple[int, OrderRequest]],
        stamp: OrderStamp,
        reason: str = "",
    ) -> bool:
        """Write the legs of one protective request (an OCO's two, or a lone stop) as PENDING with
        their stamp, in one transaction, before it is sent. True if they were new (send now),
        False if recorded before (then settle them by querying, never send again)."""
        added = 0
        with self._engine.begin() as connection:
            for sequence, request in legs:
                params = (
                    *_insert_params(platform_id, bot_id, sequence, request, stamp, reason),
                    strip(request.stop_price) if request.stop_price is not None else None,
                    request.trailing_delta,
                    request.list_client_id,
                )
                added += connection.exec_driver_sql(_INSERT_LEG, params).rowcount
        return added == len(legs)

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

    def restamp(self, platform_id: int, cid: str, stamp: OrderStamp) -> None:
        """Record a new send of an order (the previous one can no longer execute)."""
        with Session(self._engine) as session:
            row = self._row(session, platform_id, cid)
            if row is None:
                return
            row.attempts += 1
            row.sent_at_ms, row.recv_window_ms = stamp.timestamp_ms, stamp.recv_window_ms
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

    def apply_state(
        self, platform_id: int, state: OrderState, fills: tuple[Fill, ...] | None = None
    ) -> list[Fill]:
        """Update an order from the exchange's answer and record its fills, in one transaction.

        ``fills`` are the order's trades when they were fetched apart from the answer (else the
        answer's own). The order is settled only when its recorded fills add up to the executed
        quantity. Returns the fills that were new.
        """
        fills = state.fills if fills is None else fills
        new: list[Fill] = []
        with Session(self._engine) as session:
            for fill in fills:
                if self._insert_fill(session, platform_id, fill):
                    new.append(fill)
            row = self._row(session, platform_id, state.client_order_id)
            if row is not None and _older(row, state):  # a late update: keep the newer state
                row.filled_qty = self._recorded_qty(session, platform_id, state.client_order_id)
                row.fills_complete = row.filled_qty >= row.executed_qty
                session.add(row)
            elif row is not None:
                recorded = self._recorded_qty(session, platform_id, state.client_order_id)
                row.status = state.status.value
                row.exchange_order_id = state.exchange_order_id
                row.executed_qty = state.executed_qty
                row.quote_qty = state.quote_qty
                row.filled_qty = recorded
                row.fills_complete = recorded >= state.executed_qty
                if state.expiry_reason:
                    row.expiry_reason = state.expiry_reason
                row.last_error = None
                row.updated_at = utcnow()
                session.add(row)
            session.commit()
        return new

    @staticmethod
    def _insert_fill(session: Session, platform_id: int, fill: Fill) -> bool:
        values = {
            "platform_id": platform_id,
            "client_order_id": fill.client_order_id,
            "symbol": fill.symbol,
            "side": fill.side.value,
            "price": fill.price,
            "quantity": fill.quantity,
            "fee": fill.fee,
            "fee_asset": fill.fee_asset,
            "time": fill.time,
            "trade_id": fill.trade_id,
            "exchange_order_id": fill.exchange_order_id,
            "fee_quote": fill.fee_quote,
        }
        result = session.execute(insert(FillRow).values(values).on_conflict_do_nothing())
        return bool(getattr(result, "rowcount", 0))

    @staticmethod
    def _recorded_qty(session: Session, platform_id: int, cid: str) -> Decimal:
        stmt = select(FillRow).where(
            FillRow.platform_id == platform_id, FillRow.client_order_id == cid
        )
        return sum((row.quantity for row in session.exec(stmt).all()), Decimal(0))

    def unresolved(self, platform_id: int, bot_id: str | None = None) -> list[LoggedOrder]:
        """Orders not settled: outcome not yet known, still open, or fills missing."""
        with Session(self._engine) as session:
            stmt = select(OrderRow).where(
                OrderRow.platform_id == platform_id,
                or_(col(OrderRow.status).in_(_UNRESOLVED), col(OrderRow.fills_complete).is_(False)),
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
                    fee_quote=r.fee_quote,
                    row=r.id,
                )
                for r in session.exec(stmt).all()
            ]

    def next_sequence(self, bot_id: str) -> int:
        with Session(self._engine) as session:
            stmt = select(func.max(OrderRow.sequence)).where(OrderRow.bot_id == bot_id)
            value = session.exec(stmt).one()
            return 0 if value is None else int(value) + 1
