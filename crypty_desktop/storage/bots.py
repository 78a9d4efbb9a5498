"""Bots, their decisions and equity snapshots."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, select

from crypty_desktop.domain.bots import BotKind, BotSpec, BotState, Decision, EventKind, RiskLimits
from crypty_desktop.domain.errors import NotFound, ValidationError
from crypty_desktop.domain.market import INTERVAL_MS
from crypty_desktop.domain.money import strip
from crypty_desktop.storage.store import Store, row_named
from crypty_desktop.storage.tables import (
    BotEditRow,
    BotRow,
    DecisionRow,
    EquityRow,
    OrderRow,
    utcnow,
)
from crypty_desktop.wording import QT_TRANSLATE_NOOP

NAME_TAKEN = QT_TRANSLATE_NOOP("Core", "A bot named “{name}” already exists.")
NO_BOT_ID = QT_TRANSLATE_NOOP("Core", "No bot with id {bot_id}.")
NO_BOT_NAMED = QT_TRANSLATE_NOOP("Core", "There is no bot named “{name}”.")
PLATFORM_REMOVED = QT_TRANSLATE_NOOP(
    "Core", "The platform of bot “{name}” was removed meanwhile: nothing was saved."
)
SETTINGS_CHANGED = QT_TRANSLATE_NOOP("Core", "Settings changed: {changes}.")

Change = tuple[str, str, str]  # (setting, before, after); "" for a setting not set


@dataclass(frozen=True, slots=True)
class BotEdit:
    """A saved edit of a bot's trading settings."""

    bot_id: str
    time: int  # ms, wall clock
    after_candle: int  # open time of the last candle the bot had handled (-1: none yet)
    changes: tuple[Change, ...]

    def words(self) -> str:
        """``fast 5 → 8, stop_loss_pct — → 2``: the settings by the names ``crypty bot`` and
        the JSON use (no language's words), "—" for one not set."""
        return changes_text(self.changes)


def changes_text(changes: tuple[Change, ...]) -> str:
    return ", ".join(f"{name} {before or '—'} → {after or '—'}" for name, before, after in changes)


def _settings(spec: BotSpec) -> dict[str, str]:
    """What a bot trades by, as text: strategy, interval, budget, parameters, risk limits."""
    risk = spec.risk
    out = {"strategy": spec.strategy, "interval": spec.interval, "budget": strip(spec.budget)}
    out.update({name: str(value) for name, value in sorted(spec.params.items())})
    for name, value in (
        ("stop_loss_pct", risk.stop_loss_pct),
        ("take_profit_pct", risk.take_profit_pct),
        ("max_drawdown_pct", risk.max_drawdown_pct),
        ("trailing_stop_pct", risk.trailing_stop_pct),
    ):
        out[name] = "" if value is None else strip(value)
    return out


def settings_changes(before: BotSpec, after: BotSpec) -> tuple[Change, ...]:
    """The trading settings that differ, in a stable order (a new strategy's parameters too)."""
    old, new = _settings(before), _settings(after)
    names = list(old) + [name for name in new if name not in old]
    return tuple(
        (name, old.get(name, ""), new.get(name, ""))
        for name in names
        if old.get(name, "") != new.get(name, "")
    )


def _save(session: Session, row: BotRow, name: str) -> None:
    """Commit a created or edited bot; a taken name or a removed platform is refused in words."""
    session.add(row)
    try:
        session.commit()
    except IntegrityError as exc:
        raise _refused(exc, name) from None


def _refused(exc: IntegrityError, name: str) -> ValidationError:
    """The sentence for a refused write: the name is taken, or the platform is gone."""
    if "FOREIGN KEY" in str(exc.orig):
        return ValidationError(PLATFORM_REMOVED.format(name=name))
    return ValidationError(NAME_TAKEN.format(name=name))


def _spec(row: BotRow) -> BotSpec:
    return BotSpec(
        id=row.id,
        name=row.name,
        kind=BotKind(row.kind),
        platform_id=row.platform_id,
        symbol=row.symbol,
        interval=row.interval,
        strategy=row.strategy,
        params=json.loads(row.params_json),
        budget=row.budget,
        risk=RiskLimits(
            row.stop_loss_pct, row.take_profit_pct, row.max_drawdown_pct, row.trailing_stop_pct
        ),
    )


class BotStore:
    """Thread-safe: each call opens its own session and commits before returning."""

    def __init__(self, store: Store) -> None:
        self._engine = store.engine

    # --- configuration --------------------------------------------------------------------------
    def create(self, spec: BotSpec) -> BotSpec:
        row = BotRow(
            id=spec.id,
            name=spec.name,
            kind=spec.kind.value,
            platform_id=spec.platform_id,
            symbol=spec.symbol,
            interval=spec.interval,
            strategy=spec.strategy,
            params_json=json.dumps(spec.params, sort_keys=True),
            budget=spec.budget,
            stop_loss_pct=spec.risk.stop_loss_pct,
            take_profit_pct=spec.risk.take_profit_pct,
            max_drawdown_pct=spec.risk.max_drawdown_pct,
            trailing_stop_pct=spec.risk.trailing_stop_pct,
        )
        with Session(self._engine) as session:
            _save(session, row, spec.name)
        return spec

    def update(
        self, spec: BotSpec, reset_strategy: bool = False, now_ms: int | None = None
    ) -> BotSpec:
        """Save a bot's new settings (same id); ``reset_strategy`` drops its strategy state.

        A change of what it trades by (``settings_changes``) is kept as a ``BotEdit`` (at
        ``now_ms``, the wall clock by default) and said in its log, in the same transaction."""
        with Session(self._engine) as session:
            row = self._row(session, spec.id)
            changes = settings_changes(_spec(row), spec)
            if changes:
                self._add_edit(session, row, changes, now_ms)
            row.name = spec.name
            row.kind = spec.kind.value
            row.platform_id = spec.platform_id
            row.symbol = spec.symbol
            row.interval = spec.interval
            row.strategy = spec.strategy
            row.params_json = json.dumps(spec.params, sort_keys=True)
            row.budget = spec.budget
            row.stop_loss_pct = spec.risk.stop_loss_pct
            row.take_profit_pct = spec.risk.take_profit_pct
            row.max_drawdown_pct = spec.risk.max_drawdown_pct
            row.trailing_stop_pct = spec.risk.trailing_stop_pct
            if reset_strategy:
                runtime = json.loads(row.runtime_json)
                runtime.pop("strategy", None)
                row.runtime_json = json.dumps(runtime, sort_keys=True)
            row.updated_at = utcnow()
            _save(session, row, spec.name)
        return spec

    @staticmethod
    def _add_edit(
        session: Session, row: BotRow, changes: tuple[Change, ...], now_ms: int | None
    ) -> None:
        at = int(time.time() * 1000) if now_ms is None else now_ms
        last = int(json.loads(row.runtime_json).get("last_candle", -1))
        session.add(
            BotEditRow(bot_id=row.id, time=at, after_candle=last, changes_json=json.dumps(changes))
        )
        # In its log at the close of the last candle it handled: where the edit falls among its
        # decisions (the demo's clock is not the wall clock).
        step = INTERVAL_MS.get(row.interval, 60_000)
        words = SETTINGS_CHANGED.format(changes=changes_text(changes))
        session.add(
            DecisionRow(
                bot_id=row.id,
                time=last + step if last >= 0 else at,
                action="info",
                message=words,
                kind=EventKind.INFO.value,
            )
        )

    def edits(self, bot_id: str) -> list[BotEdit]:
        """Every saved edit of the bot's trading settings, oldest first."""
        with Session(self._engine) as session:
            stmt = (
                select(BotEditRow).where(BotEditRow.bot_id == bot_id).order_by(col(BotEditRow.id))
            )
            return [
                BotEdit(
                    r.bot_id,
                    r.time,
                    r.after_candle,
                    tuple((str(a), str(b), str(c)) for a, b, c in json.loads(r.changes_json)),
                )
                for r in session.exec(stmt).all()
            ]

    def _row(self, session: Session, bot_id: str) -> BotRow:
        row = session.get(BotRow, bot_id)
        if row is None:
            raise NotFound(NO_BOT_ID.format(bot_id=bot_id))
        return row

    def get(self, bot_id: str) -> BotSpec:
        with Session(self._engine) as session:
            return _spec(self._row(session, bot_id))

    def find(self, name: str) -> BotSpec:
        with Session(self._engine) as session:
            row = row_named(session, BotRow, name)  # "BTC1" finds "btc1"
            if row is None:
                raise NotFound(NO_BOT_NAMED.format(name=name))
            return _spec(row)

    def all(self) -> list[BotSpec]:
        with Session(self._engine) as session:
            return [_spec(r) for r in session.exec(select(BotRow).order_by(BotRow.name)).all()]

    def for_platform(self, platform_id: int) -> list[BotSpec]:
        with Session(self._engine) as session:
            stmt = select(BotRow).where(BotRow.platform_id == platform_id)
            return [_spec(r) for r in session.exec(stmt).all()]

    def remove(self, bot_id: str) -> None:
        """Delete a bot with its decisions, edits and equity; its orders stay as the account's
        history."""
        with Session(self._engine) as session:
            session.delete(self._row(session, bot_id))
            session.execute(delete(DecisionRow).where(col(DecisionRow.bot_id) == bot_id))
            session.execute(delete(BotEditRow).where(col(BotEditRow.bot_id) == bot_id))
            session.execute(delete(EquityRow).where(col(EquityRow.bot_id) == bot_id))
            session.commit()

    # --- run state ------------------------------------------------------------------------------
    def set_state(
        self, bot_id: str, state: BotState, reason: str = "", should_run: bool | None = None
    ) -> None:
        with Session(self._engine) as session:
            row = self._row(session, bot_id)
            row.state = state.value
            row.state_reason = reason
            if should_run is not None:
                row.should_run = should_run
            row.updated_at = utcnow()
            session.add(row)
            session.commit()

    def state(self, bot_id: str) -> tuple[BotState, str, bool]:
        with Session(self._engine) as session:
            row = self._row(session, bot_id)
            return BotState(row.state), row.state_reason, row.should_run

    def to_resume(self) -> list[BotSpec]:
        """Bots that were running when the app closed or crashed."""
        with Session(self._engine) as session:
            stmt = select(BotRow).where(col(BotRow.should_run).is_(True)).order_by(BotRow.name)
            return [_spec(r) for r in session.exec(stmt).all()]

    def save_runtime(self, bot_id: str, runtime: dict[str, Any]) -> None:
        with Session(self._engine) as session:
            row = self._row(session, bot_id)
            row.runtime_json = json.dumps(runtime, sort_keys=True)
            row.updated_at = utcnow()
            session.add(row)
            session.commit()

    def runtime(self, bot_id: str) -> dict[str, Any]:
        with Session(self._engine) as session:
            loaded: dict[str, Any] = json.loads(self._row(session, bot_id).runtime_json)
            return loaded

    # --- history --------------------------------------------------------------------------------
    def add_decision(self, decision: Decision) -> None:
        with Session(self._engine) as session:
            session.add(
                DecisionRow(
                    bot_id=decision.bot_id,
                    time=decision.time,
                    action=decision.action,
                    message=decision.message,
                    kind=decision.kind.value,
                )
            )
            session.commit()

    def decisions(self, bot_id: str, limit: int = 500) -> list[Decision]:
        with Session(self._engine) as session:
            stmt = (
                select(DecisionRow)
                .where(DecisionRow.bot_id == bot_id)
                .order_by(col(DecisionRow.id).desc())
                .limit(limit)
            )
            rows = list(reversed(session.exec(stmt).all()))
            return [Decision(r.bot_id, r.time, r.action, r.message, _kind(r.kind)) for r in rows]

    def equity(self, bot_id: str) -> list[tuple[int, Decimal]]:
        """Every (time, equity) point, oldest first."""
        return [(at, value) for at, value, _price in self.equity_points(bot_id)]

    def last_equity(self, bot_id: str) -> Decimal | None:
        """The newest equity point's value (one row read), None before the first."""
        point = self.last_point(bot_id)
        return point[1] if point is not None else None

    def last_point(self, bot_id: str) -> tuple[int, Decimal, Decimal] | None:
        """The newest (time, equity, price) point (one row read), None before the first."""
        with Session(self._engine) as session:
            stmt = (
                select(EquityRow)
                .where(EquityRow.bot_id == bot_id)
                .order_by(col(EquityRow.time).desc())
                .limit(1)
            )
            row = session.exec(stmt).first()
            return (row.time, row.equity, row.price) if row is not None else None

    def equity_before(self, bot_id: str, before_ms: int) -> Decimal | None:
        """The value of the newest equity point older than ``before_ms`` (one row read), None
        when the bot has none that old."""
        with Session(self._engine) as session:
            stmt = (
                select(EquityRow)
                .where(EquityRow.bot_id == bot_id, col(EquityRow.time) < before_ms)
                .order_by(col(EquityRow.time).desc())
                .limit(1)
            )
            row = session.exec(stmt).first()
            return row.equity if row is not None else None

    def equity_points(self, bot_id: str, after_ms: int = -1) -> list[tuple[int, Decimal, Decimal]]:
        """(time, equity, price) points after ``after_ms``, oldest first (a chart's increments)."""
        with Session(self._engine) as session:
            stmt = (
                select(EquityRow)
                .where(EquityRow.bot_id == bot_id, col(EquityRow.time) > after_ms)
                .order_by(col(EquityRow.time))
            )
            return [(r.time, r.equity, r.price) for r in session.exec(stmt).all()]

    def checkpoint(
        self,
        bot_id: str,
        runtime: dict[str, Any],
        decisions: list[Decision],
        equity: tuple[int, Decimal, Decimal] | None,
    ) -> None:
        """Save a candle's work in one transaction: decisions, equity point, resumable state."""
        with Session(self._engine) as session:
            row = self._row(session, bot_id)
            row.runtime_json = json.dumps(runtime, sort_keys=True)
            row.updated_at = utcnow()
            session.add(row)
            for d in decisions:
                session.add(
                    DecisionRow(
                        bot_id=bot_id,
                        time=d.time,
                        action=d.action,
                        message=d.message,
                        kind=d.kind.value,
                    )
                )
            if equity is not None:
                time, value, price = equity
                stmt = insert(EquityRow).values(bot_id=bot_id, time=time, equity=value, price=price)
                session.execute(stmt.on_conflict_do_nothing())
            session.commit()

    def has_orders(self, bot_id: str) -> bool:
        with Session(self._engine) as session:
            stmt = select(OrderRow.id).where(OrderRow.bot_id == bot_id).limit(1)
            return session.exec(stmt).first() is not None


def _kind(stored: str) -> EventKind:
    """A stored kind; one this version does not know (written by a newer one) reads as info."""
    try:
        return EventKind(stored)
    except ValueError:
        return EventKind.INFO
