"""Schema version 5: ids never reused, rows tied to their platform, names unique without case.

SQLite cannot add AUTOINCREMENT or a foreign key to an existing table, so each affected table is
rebuilt the way SQLite documents it (create the new table under another name, copy, drop the old,
rename the new), inside the migration's one transaction, with foreign keys switched off by the
caller and ``PRAGMA foreign_key_check`` run by it before committing.

The new tables come from the SQLModel metadata, and the rows are copied column by column for the
columns both tables have: a column added by an earlier migration is kept whatever it is.

Before version 5 a removed platform's id could be handed to the next platform, which then inherited
the old bots and orders. Rows that cannot belong to the platform they point at (the platform is
gone, or was created after them) are put under a stopped placeholder platform "Removed platform N"
(offline demo type, never checked, so no bot can trade through it), so nothing is lost and nothing
runs on an account it was not made for.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import MetaData, Table
from sqlalchemy.engine import Connection
from sqlalchemy.schema import CreateIndex, CreateTable
from sqlmodel import Session, SQLModel

from crypty_desktop.storage import tables
from crypty_desktop.wording import QT_TRANSLATE_NOOP

STRANDED_REASON = QT_TRANSLATE_NOOP(
    "Core", "Its platform was removed; this bot was moved to a placeholder platform and stopped."
)
PLACEHOLDER_NAME = "Removed platform {number}"

# Parents first: the copy into a child checks nothing (foreign keys are off) but reads clearly.
_REBUILT = ("platform", "bot", "order", "fill", "decision")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _columns(connection: Connection, table: str) -> list[str]:
    rows = connection.exec_driver_sql(f"PRAGMA table_info({_quote(table)})").fetchall()
    return [str(row[1]) for row in rows]


def _exists(connection: Connection, table: str) -> bool:
    row = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).first()
    return row is not None


def _unique_names(connection: Connection, table: str) -> None:
    """Rename the later of names equal without regard to case: "tr" beside "TR" → "tr (2)"."""
    rows = connection.exec_driver_sql(
        f"SELECT rowid, name FROM {_quote(table)} ORDER BY created_at, rowid"  # noqa: S608 - our table names
    ).fetchall()
    seen = {str(name).casefold() for _rowid, name in rows}
    kept: set[str] = set()
    for rowid, name in rows:
        folded = str(name).casefold()
        if folded not in kept:
            kept.add(folded)
            continue
        number = 2
        while f"{name} ({number})".casefold() in seen:
            number += 1
        new = f"{name} ({number})"
        seen.add(new.casefold())
        kept.add(new.casefold())
        rename = f"UPDATE {_quote(table)} SET name = ? WHERE rowid = ?"  # noqa: S608 - ours
        connection.exec_driver_sql(rename, (new, rowid))


def _placeholder(connection: Connection, new_id: int, old_id: int) -> None:
    names = {
        str(r[0]).casefold()
        for r in connection.exec_driver_sql("SELECT name FROM platform").fetchall()
    }
    base = PLACEHOLDER_NAME.format(number=old_id)
    name, number = base, 2
    while name.casefold() in names:
        name, number = f"{base} ({number})", number + 1
    # Created no later than the oldest row, so every row moved to it is "after" its platform.
    oldest = connection.exec_driver_sql(
        "SELECT min(c) FROM (SELECT min(created_at) AS c FROM bot "
        'UNION ALL SELECT min(created_at) FROM "order")'
    ).first()
    created = oldest[0] if oldest is not None and oldest[0] is not None else None
    connection.exec_driver_sql(
        "INSERT INTO platform (id, name, type, key_masked, key_fingerprint, key_kind, "
        "intended_use, audit_json, checked_at, created_at) VALUES (?, ?, 'simulated', '', '', "
        "'hmac', 'any', NULL, NULL, ?)",
        (new_id, name, created or tables.utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")),
    )


def _stranded(connection: Connection) -> dict[int, tuple[list[str], list[int], list[int]]]:
    """Old platform id → (bot ids, order ids, fill ids) that cannot belong to that platform."""
    found: dict[int, tuple[list[str], list[int], list[int]]] = {}
    not_theirs = (
        "SELECT t.{key}, t.platform_id FROM {table} AS t LEFT JOIN platform AS p "
        "ON p.id = t.platform_id WHERE p.id IS NULL OR t.created_at < p.created_at"
    )
    for bot_id, pid in connection.exec_driver_sql(
        not_theirs.format(key="id", table="bot")
    ).fetchall():
        found.setdefault(int(pid), ([], [], []))[0].append(str(bot_id))
    for order_id, pid in connection.exec_driver_sql(
        not_theirs.format(key="id", table='"order"')
    ).fetchall():
        found.setdefault(int(pid), ([], [], []))[1].append(int(order_id))
    # A fill goes with its order; a fill whose platform is gone goes with that platform's rows.
    fills = connection.exec_driver_sql(
        'SELECT f.id, f.platform_id, o.id, p.id IS NULL FROM fill AS f LEFT JOIN "order" AS o '
        "ON o.platform_id = f.platform_id AND o.client_order_id = f.client_order_id "
        "LEFT JOIN platform AS p ON p.id = f.platform_id"
    ).fetchall()
    moved = {order_id for _bots, orders, _fills in found.values() for order_id in orders}
    for fill_id, pid, order_id, gone in fills:
        if gone or (order_id is not None and int(order_id) in moved):
            found.setdefault(int(pid), ([], [], []))[2].append(int(fill_id))
    return found


def _rehome(connection: Connection, highest: int) -> None:
    """Put rows that cannot belong to their platform under a placeholder platform.

    Placeholders take ids above ``highest`` (the highest id anything referred to), never one a
    row could still mean.
    """
    for old_id, (bots, orders, fills) in sorted(_stranded(connection).items()):
        highest += 1
        new_id = highest
        _placeholder(connection, new_id, old_id)
        for bot_id in bots:
            connection.exec_driver_sql(
                "UPDATE bot SET platform_id = ?, state = 'stopped', should_run = 0, "
                "state_reason = ? WHERE id = ?",
                (new_id, STRANDED_REASON, bot_id),
            )
        for order_id in orders:
            connection.exec_driver_sql(
                'UPDATE "order" SET platform_id = ? WHERE id = ?', (new_id, order_id)
            )
        for fill_id in fills:
            connection.exec_driver_sql(
                "UPDATE fill SET platform_id = ? WHERE id = ?", (new_id, fill_id)
            )


def _rebuild(connection: Connection, table: Table) -> None:
    """Recreate ``table`` from the metadata under a temporary name, copy, drop, rename."""
    name = table.name
    temporary = f"_v5_{name}"
    scratch = MetaData()
    for other in SQLModel.metadata.sorted_tables:  # so foreign keys resolve in the scratch copy
        if other.name != name:
            other.to_metadata(scratch)
    new = table.to_metadata(scratch, name=temporary)
    connection.execute(CreateTable(new))
    shared = [c for c in _columns(connection, name) if c in set(_columns(connection, temporary))]
    listed = ", ".join(_quote(c) for c in shared)
    connection.exec_driver_sql(
        f"INSERT INTO {_quote(temporary)} ({listed}) SELECT {listed} FROM {_quote(name)}"  # noqa: S608 - our tables
    )
    connection.exec_driver_sql(f"DROP TABLE {_quote(name)}")
    connection.exec_driver_sql(f"ALTER TABLE {_quote(temporary)} RENAME TO {_quote(name)}")
    for index in table.indexes:
        connection.execute(CreateIndex(index, if_not_exists=True))


def _highest_platform_id(connection: Connection) -> int:
    """The highest platform id anything ever referred to: the next platform starts above it."""
    row = connection.exec_driver_sql(
        "SELECT max(m) FROM (SELECT max(id) AS m FROM platform "
        "UNION ALL SELECT max(platform_id) FROM bot "
        'UNION ALL SELECT max(platform_id) FROM "order" '
        "UNION ALL SELECT max(platform_id) FROM fill)"
    ).first()
    return int(row[0]) if row is not None and row[0] is not None else 0


def ids_never_reused(session: Session) -> None:
    """Migration 5 (see the module's docstring). Foreign keys are off; the caller checks them."""
    connection = session.connection()
    if not all(_exists(connection, t) for t in _REBUILT):  # pragma: no cover - create_all ran
        raise RuntimeError("the tables of schema version 3 are missing")
    highest = _highest_platform_id(connection)
    _unique_names(connection, "platform")
    _unique_names(connection, "bot")
    _rehome(connection, highest)
    highest = _highest_platform_id(connection)
    metadata: dict[str, Any] = dict(SQLModel.metadata.tables)
    for name in _REBUILT:
        _rebuild(connection, metadata[name])
    # Never hand out an id a row once referred to, even one of a platform deleted long ago.
    connection.exec_driver_sql(
        "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'platform'", (highest,)
    )
    connection.exec_driver_sql(
        "INSERT INTO sqlite_sequence (name, seq) SELECT 'platform', ? "
        "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'platform')",
        (highest,),
    )
