"""Closed candles kept in SQLite, per venue/symbol/interval, so history is fetched once."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.money import strip
from crypty_desktop.storage.store import Store
from crypty_desktop.storage.tables import CandleRow

_INSERT = (
    "INSERT OR IGNORE INTO candle "
    "(venue, symbol, interval, open_time, open, high, low, close, volume, close_time) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


class CandleStore:
    """Thread-safe: each call opens its own session on the store's engine."""

    def __init__(self, store: Store) -> None:
        self._engine = store.engine

    def save(self, venue: str, candles: list[Candle]) -> int:
        """Insert closed candles of one series, skipping stored ones; returns how many were new."""
        rows = [
            (
                venue,
                c.symbol,
                c.interval,
                c.open_time,
                strip(c.open),
                strip(c.high),
                strip(c.low),
                strip(c.close),
                strip(c.volume),
                c.close_time,
            )
            for c in candles
            if c.closed
        ]
        if not rows:
            return 0
        symbol, interval = candles[0].symbol, candles[0].interval
        with Session(self._engine) as session:
            before = self._count(session, venue, symbol, interval)
            connection = session.connection()
            connection.exec_driver_sql(_INSERT, rows)  # executemany: one prepared statement
            session.commit()
            return self._count(session, venue, symbol, interval) - before

    @staticmethod
    def _count(session: Session, venue: str, symbol: str, interval: str) -> int:
        stmt = select(func.count()).where(
            CandleRow.venue == venue, CandleRow.symbol == symbol, CandleRow.interval == interval
        )
        return int(session.exec(stmt).one())

    def load(
        self, venue: str, symbol: str, interval: str, start_ms: int = 0, end_ms: int | None = None
    ) -> list[Candle]:
        """Stored candles with open_time in [start_ms, end_ms], oldest first."""
        with Session(self._engine) as session:
            stmt = select(CandleRow).where(
                CandleRow.venue == venue,
                CandleRow.symbol == symbol,
                CandleRow.interval == interval,
                CandleRow.open_time >= start_ms,
            )
            if end_ms is not None:
                stmt = stmt.where(CandleRow.open_time <= end_ms)
            rows = session.exec(stmt.order_by(col(CandleRow.open_time))).all()
            return [
                Candle(
                    symbol=r.symbol,
                    interval=r.interval,
                    open_time=r.open_time,
                    open=r.open,
                    high=r.high,
                    low=r.low,
                    close=r.close,
                    volume=r.volume,
                    close_time=r.close_time,
                )
                for r in rows
            ]

    def last_open_time(self, venue: str, symbol: str, interval: str) -> int | None:
        with Session(self._engine) as session:
            stmt = select(func.max(CandleRow.open_time)).where(
                CandleRow.venue == venue, CandleRow.symbol == symbol, CandleRow.interval == interval
            )
            value = session.exec(stmt).one()
            return int(value) if value is not None else None
