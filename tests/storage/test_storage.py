"""The SQLite store: WAL, a schema version, unique names, metadata only."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crypty_desktop.domain.audit import audit_permissions
from crypty_desktop.domain.errors import NotFound, ValidationError
from crypty_desktop.domain.platform import IntendedUse, KeyKind, Permissions, PlatformType
from crypty_desktop.storage import Store
from crypty_desktop.storage.store import MIGRATIONS, SCHEMA_VERSION


def _add(store: Store, name: str = "Binance Ghost") -> int:
    audit = audit_permissions(
        Permissions(reading=True, spot_trading=False, withdrawals=False, ip_restricted=True),
        IntendedUse.GHOST,
        datetime(2026, 5, 1, tzinfo=UTC),
    )
    with store.adding_platform(
        name=name,
        type_=PlatformType.BINANCE,
        key_masked="abcd…wxyz",
        key_fingerprint="0123456789abcdef",
        key_kind=KeyKind.HMAC,
        intended_use=IntendedUse.GHOST,
        audit=audit,
    ) as pid:
        return pid


def test_database_uses_wal_and_records_its_schema_version(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    assert store.schema_version() == SCHEMA_VERSION
    store.close()
    with sqlite3.connect(tmp_path / "db.sqlite3") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        versions = conn.execute("SELECT version FROM schema_version").fetchall()
    assert versions == [(v,) for v, _description, _apply in MIGRATIONS]
    # Opening again does not re-apply migrations.
    assert Store(tmp_path / "db.sqlite3").schema_version() == SCHEMA_VERSION


def test_platform_round_trip_keeps_audit_and_utc_times(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    pid = _add(store)
    platform = store.get_platform(pid)
    assert platform.name == "Binance Ghost" and platform.type is PlatformType.BINANCE
    assert platform.audit is not None and platform.audit.ghost_ok
    assert platform.audit.checked_at == datetime(2026, 5, 1, tzinfo=UTC)
    assert platform.created_at is not None and platform.created_at.tzinfo is not None
    assert store.find_platform("Binance Ghost").id == pid


def test_names_are_unique(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    _add(store)
    with pytest.raises(ValidationError, match="already exists"):
        _add(store)
    assert len(store.list_platforms()) == 1


def test_an_error_inside_adding_rolls_the_row_back(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    with (
        pytest.raises(RuntimeError),
        store.adding_platform(
            name="X",
            type_=PlatformType.SIMULATED,
            key_masked="",
            key_fingerprint="",
            key_kind=KeyKind.HMAC,
            intended_use=IntendedUse.ANY,
            audit=None,
        ),
    ):
        raise RuntimeError("keychain failed")
    assert store.list_platforms() == []


def test_delete_and_not_found(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    pid = _add(store)
    store.delete_platform(pid)
    with pytest.raises(NotFound):
        store.get_platform(pid)
    with pytest.raises(NotFound, match="no platform named"):
        store.find_platform("Binance Ghost")


def test_no_column_can_hold_a_secret(tmp_path: Path) -> None:
    Store(tmp_path / "db.sqlite3").close()
    with sqlite3.connect(tmp_path / "db.sqlite3") as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(platform)")]
    assert not [c for c in columns if "secret" in c or c in ("api_key", "private_key")]
