"""Storage for the protection of a position: the trailing stop of a bot and the legs' columns,
added by migration 6 to a database made before it (and harmless to run twice)."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

from sqlmodel import Session

from crypty_desktop.domain.bots import BotKind, BotSpec, RiskLimits
from crypty_desktop.storage import Store
from crypty_desktop.storage.bots import BotStore
from crypty_desktop.storage.store import SCHEMA_VERSION, migrate_protection
from tests.platform_rows import store_with_platform

NEW_COLUMNS = {
    "order": {"stop_price", "trailing_delta", "list_client_id"},
    "bot": {"trailing_stop_pct"},
}


def columns(db: Path, table: str) -> set[str]:
    with sqlite3.connect(db) as connection:
        return {row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')}


def test_migration_6_adds_the_columns_to_an_older_database_and_runs_twice_harmlessly(
    tmp_path: Path,
) -> None:
    db = tmp_path / "old.sqlite3"
    store = store_with_platform(db)
    store.close()
    with sqlite3.connect(db) as connection:  # as a version-5 database was
        for table, names in NEW_COLUMNS.items():
            for name in names:
                connection.execute(f'ALTER TABLE "{table}" DROP COLUMN {name}')
        connection.execute("DELETE FROM schema_version WHERE version >= 6")
    assert not NEW_COLUMNS["order"] & columns(db, "order")
    store = Store(db)
    assert store.schema_version() == SCHEMA_VERSION >= 6
    for table, names in NEW_COLUMNS.items():
        assert names <= columns(db, table)
    with Session(store.engine) as session:  # again: nothing to add, nothing fails
        migrate_protection(session)
        session.commit()
    bots = BotStore(store)
    spec = BotSpec(
        id="b1",
        name="trail",
        kind=BotKind.GHOST,
        platform_id=1,
        symbol="BTCUSDT",
        interval="1m",
        strategy="rsi",
        budget=Decimal("100"),
        risk=RiskLimits(stop_loss_pct=Decimal("5"), trailing_stop_pct=Decimal("2.5")),
    )
    bots.create(spec)
    assert bots.find("trail").risk.trailing_stop_pct == Decimal("2.5")
    store.close()
