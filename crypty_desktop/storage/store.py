"""The Store: one SQLite engine (WAL), a session per call, explicit methods, versioned schema."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, create_engine, select

from crypty_desktop.domain.errors import NotFound, ValidationError
from crypty_desktop.domain.platform import Audit, IntendedUse, KeyKind, Platform, PlatformType
from crypty_desktop.storage.health import check_database, mark_created, take_backup
from crypty_desktop.storage.rebuild import ids_never_reused
from crypty_desktop.storage.serialize import audit_to_json, platform_from_row
from crypty_desktop.storage.tables import BotRow, PlatformRow, SchemaVersion, utcnow
from crypty_desktop.wording import QT_TRANSLATE_NOOP

NO_PLATFORM_ID = QT_TRANSLATE_NOOP("Core", "No platform with id {platform_id}.")
NO_PLATFORM_NAMED = QT_TRANSLATE_NOOP("Core", "There is no platform named “{name}”.")
PLATFORM_NAME_TAKEN = QT_TRANSLATE_NOOP(
    "Core", "A platform named “{name}” already exists. Choose another name."
)
PLATFORM_HAS_BOTS = QT_TRANSLATE_NOOP(
    "Core",
    "“{name}” still has bots ({bots}). A bot stays on the platform it was made on: remove those "
    "bots first, then remove the platform.",
)

_ORDER_COLUMNS = (
    ("sent_at_ms", "INTEGER"),
    ("recv_window_ms", "INTEGER"),
    ("filled_qty", "VARCHAR NOT NULL DEFAULT '0'"),
    ("fills_complete", "BOOLEAN NOT NULL DEFAULT 1"),
    ("reason", "VARCHAR NOT NULL DEFAULT ''"),
    ("expiry_reason", "VARCHAR NOT NULL DEFAULT ''"),
)


def migrate_order_stamps(session: Session) -> None:
    """Add the order columns of version 4 where missing, and each order's recorded fill total."""
    connection = session.connection()
    have = {row[1] for row in connection.exec_driver_sql('PRAGMA table_info("order")')}
    for name, kind in _ORDER_COLUMNS:
        if name not in have:
            connection.exec_driver_sql(f'ALTER TABLE "order" ADD COLUMN {name} {kind}')
    fill_columns = {row[1] for row in connection.exec_driver_sql("PRAGMA table_info(fill)")}
    if "fee_quote" not in fill_columns:
        connection.exec_driver_sql("ALTER TABLE fill ADD COLUMN fee_quote VARCHAR")
    if "filled_qty" in have:
        return
    totals: dict[tuple[int, str], Decimal] = {}
    fills = connection.exec_driver_sql("SELECT platform_id, client_order_id, quantity FROM fill")
    for platform_id, cid, quantity in fills:
        key = (platform_id, cid)
        totals[key] = totals.get(key, Decimal(0)) + Decimal(quantity)
    for (platform_id, cid), total in totals.items():
        connection.exec_driver_sql(
            'UPDATE "order" SET filled_qty = ? WHERE platform_id = ? AND client_order_id = ?',
            (format(total, "f"), platform_id, cid),
        )


_PROTECTION_COLUMNS = (
    ("order", "stop_price", "VARCHAR"),
    ("order", "trailing_delta", "INTEGER"),
    ("order", "list_client_id", "VARCHAR NOT NULL DEFAULT ''"),
    ("bot", "trailing_stop_pct", "VARCHAR"),
)


def migrate_protection(session: Session) -> None:
    """Add the columns of version 6 where missing (a fresh database has them from the model):
    protective legs on orders, the trailing stop on bots."""
    connection = session.connection()
    for table, name, kind in _PROTECTION_COLUMNS:
        have = {row[1] for row in connection.exec_driver_sql(f'PRAGMA table_info("{table}")')}
        if name not in have:
            connection.exec_driver_sql(f'ALTER TABLE "{table}" ADD COLUMN {name} {kind}')


_LOSS_LIMIT_COLUMNS = (
    ("max_daily_loss", "VARCHAR"),
    ("loss_limit_day", "VARCHAR"),
)


def migrate_loss_limit(session: Session) -> None:
    """Add the platform columns of version 7 where missing: the daily loss limit (none) and the
    day it last acted."""
    connection = session.connection()
    have = {row[1] for row in connection.exec_driver_sql('PRAGMA table_info("platform")')}
    for name, kind in _LOSS_LIMIT_COLUMNS:
        if name not in have:
            connection.exec_driver_sql(f'ALTER TABLE "platform" ADD COLUMN {name} {kind}')


# Decisions written before version 8 had no kind: it is set once from what each row says. The
# action alone tells most; a fill and a placed order share "buy"/"sell", and the risk rules share
# "risk", so for those the opening words the app wrote then tell (the stored English sentences of
# those versions, read only here, once; from version 8 on the kind is stored as it happens).
_KIND_OF_ACTION = (
    ("error", "error"),
    ("refused", "refused"),
    ("cancel", "cancel"),
    ("protect", "protection"),
    ("wait", "rate-limit"),
    ("buy", "order"),
    ("sell", "order"),
    ("risk", "loss-limit"),
)
_KIND_OF_WORDS = (  # (action, opening words, kind), applied after the action's default
    ("buy", "Bought ", "fill"),
    ("sell", "Sold ", "fill"),
    ("risk", "Stop-loss", "stop-loss"),
    ("risk", "Take-profit", "take-profit"),
    ("risk", "Trailing stop", "trailing-stop"),
    ("risk", "Max drawdown", "max-drawdown"),
)


def migrate_decision_kinds(session: Session) -> None:
    """Version 8: each decision keeps its kind (what happened), for whatever reacts to it."""
    connection = session.connection()
    have = {row[1] for row in connection.exec_driver_sql('PRAGMA table_info("decision")')}
    if "kind" not in have:
        connection.exec_driver_sql(
            "ALTER TABLE decision ADD COLUMN kind VARCHAR DEFAULT 'info' NOT NULL"
        )
    for action, kind in _KIND_OF_ACTION:
        connection.exec_driver_sql("UPDATE decision SET kind = ? WHERE action = ?", (kind, action))
    for action, words, kind in _KIND_OF_WORDS:
        connection.exec_driver_sql(
            "UPDATE decision SET kind = ? WHERE action = ? AND substr(message, 1, ?) = ?",
            (kind, action, len(words), words),
        )


def migrate_bot_edits(session: Session) -> None:
    """Version 9: each edit of a bot's trading settings is kept (parity explains trades by it).
    Earlier edits were not recorded: the table starts empty."""
    from crypty_desktop.storage.tables import BotEditRow

    BotEditRow.__table__.create(session.connection(), checkfirst=True)  # type: ignore[attr-defined]


# Each migration brings the schema from version N-1 to N. Version 1 is the tables created by
# SQLModel's metadata; later issues append (version, description, function) here. Migrations run
# in one transaction with foreign keys off (so a table can be rebuilt), then every foreign key is
# checked before committing.
Migration = tuple[int, str, Callable[[Session], None]]
MIGRATIONS: list[Migration] = [
    (1, "platforms", lambda session: None),
    (2, "orders, fills and candles", lambda session: None),
    (3, "bots, decisions and equity", lambda session: None),
    (
        4,
        "orders: request stamp, recorded fills, reason, expiry; fees paid in BNB",
        migrate_order_stamps,
    ),
    (
        5,
        "ids never reused, tied to their platform; names unique whatever the case",
        ids_never_reused,
    ),
    (6, "stops and take-profits on the exchange; trailing stop", migrate_protection),
    (7, "platforms: a daily loss limit", migrate_loss_limit),
    (8, "decisions: their kind", migrate_decision_kinds),
    (9, "bots: each settings edit kept", migrate_bot_edits),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


def _set_sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # The driver must not open transactions itself: _begin_immediate does (see there).
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _begin_immediate(connection: Any) -> None:
    """Take the write lock when a transaction starts.

    Many bot threads write at once. A deferred transaction that reads and then writes gets
    "database is locked" at once (not after the busy timeout) if another thread committed in
    between; an immediate one waits its turn instead. SQLite serialises writers anyway.
    """
    connection.exec_driver_sql("BEGIN IMMEDIATE")


NamedRow = TypeVar("NamedRow", PlatformRow, BotRow)


def row_named(session: Session, table: type[NamedRow], name: str) -> NamedRow | None:
    """The row of ``table`` called ``name``, whatever the case ("DEMO" finds "Demo"), or None.

    Names are unique whatever the case: the exact spelling is looked up first (one indexed read).
    """
    row = session.exec(select(table).where(table.name == name)).first()
    if row is None:
        folded = name.casefold()
        rows = session.exec(select(table)).all()
        row = next((r for r in rows if r.name.casefold() == folded), None)
    return row


class Store:
    """Explicit, thread-safe access to the database: each method opens its own session."""

    def __init__(self, db_path: Path, *, backup: bool = True) -> None:
        """Open (or create) the database, after checking it and taking the start-up backup.

        Raises:
            DatabaseDamaged: the file is not a sound database, or is empty where data was;
                nothing was opened or changed.
        """
        self.db_path = db_path
        db_path.parent.mkdir(parents=True, exist_ok=True)
        check_database(db_path)
        new = not db_path.exists() or db_path.stat().st_size == 0
        if backup and not new:
            take_backup(db_path)
        # Every running bot writes from its own thread: enough pooled connections that none
        # waits for another to be handed back (SQLite serialises the writes themselves).
        self.engine: Engine = create_engine(
            f"sqlite:///{db_path}",
            connect_args={"check_same_thread": False},
            pool_size=8,
            max_overflow=250,
            pool_timeout=60,
        )
        event.listen(self.engine, "connect", _set_sqlite_pragmas)
        event.listen(self.engine, "begin", _begin_immediate)
        self._lock = threading.Lock()
        self._migrate()
        if new and db_path.exists():
            db_path.chmod(0o600)
        mark_created(db_path)

    def close(self) -> None:
        self.engine.dispose()

    # --- schema -------------------------------------------------------------------------------
    def _migrate(self) -> None:
        SQLModel.metadata.create_all(self.engine)
        with self.engine.connect() as connection:
            # PRAGMA foreign_keys is ignored inside a transaction: set it before ours begins, on
            # the raw connection (anything through SQLAlchemy would begin one first).
            raw = connection.connection.dbapi_connection
            assert raw is not None
            raw.execute("PRAGMA foreign_keys=OFF")
            try:
                with connection.begin():
                    session = Session(bind=connection)
                    current = self._current_version(session)
                    for version, description, apply in MIGRATIONS:
                        if version > current:
                            apply(session)
                            session.add(SchemaVersion(version=version, description=description))
                            session.flush()
                    session.close()
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:  # rolls everything back: the database stays as it was
                        raise RuntimeError(f"schema migration left broken references: {broken}")
            finally:
                raw.execute("PRAGMA foreign_keys=ON")

    @staticmethod
    def _current_version(session: Session) -> int:
        versions = session.exec(select(SchemaVersion.version)).all()
        return max(versions, default=0)

    def schema_version(self) -> int:
        with Session(self.engine) as session:
            return self._current_version(session)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error."""
        with Session(self.engine) as session:
            try:
                yield session
                session.commit()
            except Exception:
                session.rollback()
                raise

    # --- platforms ----------------------------------------------------------------------------
    def list_platforms(self) -> list[Platform]:
        with Session(self.engine) as session:
            rows = session.exec(select(PlatformRow).order_by(PlatformRow.name)).all()
            return [platform_from_row(r) for r in rows]

    def get_platform(self, platform_id: int) -> Platform:
        with Session(self.engine) as session:
            row = session.get(PlatformRow, platform_id)
            if row is None:
                raise NotFound(NO_PLATFORM_ID.format(platform_id=platform_id))
            return platform_from_row(row)

    def find_platform(self, name: str) -> Platform:
        with Session(self.engine) as session:
            row = row_named(session, PlatformRow, name)
            if row is None:
                raise NotFound(NO_PLATFORM_NAMED.format(name=name))
            return platform_from_row(row)

    def name_taken(self, name: str, except_id: int | None = None) -> bool:
        """Whether another platform has this name, whatever the case ("TR" takes "tr")."""
        folded = name.casefold()
        with Session(self.engine) as session:
            rows = session.exec(select(PlatformRow.id, PlatformRow.name)).all()
            return any(n.casefold() == folded and i != except_id for i, n in rows)

    def bots_on_platform(self, platform_id: int) -> list[str]:
        """The names of the bots made on this platform, sorted."""
        with Session(self.engine) as session:
            stmt = select(BotRow.name).where(BotRow.platform_id == platform_id)
            return sorted(session.exec(stmt).all())

    @contextmanager
    def adding_platform(
        self,
        *,
        name: str,
        type_: PlatformType,
        key_masked: str,
        key_fingerprint: str,
        key_kind: KeyKind,
        intended_use: IntendedUse,
        audit: Audit | None,
    ) -> Iterator[int]:
        """Insert a platform and yield its id before committing.

        The caller stores the secret in the keychain inside the ``with`` block; if that fails the
        row is rolled back, so a failure never leaves a platform without its key.
        """
        with self._lock, self.session() as session:
            row = PlatformRow(
                name=name,
                type=type_.value,
                key_masked=key_masked,
                key_fingerprint=key_fingerprint,
                key_kind=key_kind.value,
                intended_use=intended_use.value,
                audit_json=audit_to_json(audit) if audit else None,
                checked_at=audit.checked_at if audit else None,
            )
            session.add(row)
            try:
                session.flush()
            except IntegrityError:
                raise ValidationError(PLATFORM_NAME_TAKEN.format(name=name)) from None
            assert row.id is not None
            yield row.id

    @contextmanager
    def updating_platform(self, platform_id: int, **changes: Any) -> Iterator[None]:
        """Update a platform's columns; commits only if the ``with`` block succeeds."""
        with self._lock, self.session() as session:
            row = session.get(PlatformRow, platform_id)
            if row is None:
                raise NotFound(NO_PLATFORM_ID.format(platform_id=platform_id))
            if "audit" in changes:
                audit: Audit | None = changes.pop("audit")
                row.audit_json = audit_to_json(audit) if audit else None
                row.checked_at = audit.checked_at if audit else utcnow()
            for column, value in changes.items():
                if not hasattr(row, column):
                    raise AttributeError(column)
                setattr(row, column, value.value if hasattr(value, "value") else value)
            session.add(row)
            try:
                session.flush()
            except IntegrityError:
                raise ValidationError(
                    PLATFORM_NAME_TAKEN.format(name=changes.get("name"))
                ) from None
            yield

    def claim_loss_limit_day(self, platform_id: int, day: str) -> bool:
        """Record that the platform's daily loss limit acts on ``day``; False when it already
        did that day (in this process or another: one conditional UPDATE decides)."""
        with self._lock, self.session() as session:
            result = session.connection().exec_driver_sql(
                'UPDATE "platform" SET loss_limit_day = ? WHERE id = ? '
                "AND (loss_limit_day IS NULL OR loss_limit_day != ?)",
                (day, platform_id, day),
            )
            return bool(result.rowcount)

    def delete_platform(self, platform_id: int) -> None:
        """Delete a platform that has no bot, with its order history (orders and fills).

        Refused while a bot is on it (the foreign key refuses it too, should one be created at
        the same moment). Its id is never handed out again.
        """
        with self._lock, self.session() as session:
            row = session.get(PlatformRow, platform_id)
            if row is None:
                raise NotFound(NO_PLATFORM_ID.format(platform_id=platform_id))
            bots = session.exec(select(BotRow.name).where(BotRow.platform_id == platform_id))
            names = sorted(bots.all())
            if names:
                raise ValidationError(has_bots_message(row.name, names))
            session.delete(row)
            try:
                session.flush()
            except IntegrityError:
                raise ValidationError(has_bots_message(row.name, ["?"])) from None


def has_bots_message(platform_name: str, bot_names: list[str]) -> str:
    shown = ", ".join(f"“{n}”" for n in bot_names[:5]) + (", …" if len(bot_names) > 5 else "")
    return PLATFORM_HAS_BOTS.format(name=platform_name, bots=shown)
