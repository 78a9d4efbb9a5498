"""Identities never cross: a bot stays on its platform, ids are never reused, schema 5 migrates.

The reproduction: a demo platform with a Trader bot was removed, the next platform (a real
Binance account) got the same id, and the demo bot then placed real orders on it.
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from crypty_desktop.app import Core, build_core
from crypty_desktop.cli import main
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.orders import (
    Fill,
    OrderRequest,
    OrderState,
    OrderStatus,
    OrderType,
    Side,
)
from crypty_desktop.domain.platform import IntendedUse, KeyKind, PlatformType
from crypty_desktop.settings import Settings
from crypty_desktop.storage import Store
from crypty_desktop.storage.store import SCHEMA_VERSION
from tests.fakes.fake_binance import FakeBinance, FakeKey
from tests.memory_keyring import MemoryKeyring

KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"


@pytest.fixture
def binance_core(
    fake_binance: FakeBinance, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Core]:
    monkeypatch.setenv("CRYPTY_BINANCE_URL", fake_binance.url)
    core = build_core(Settings.from_env(), CredentialStore(memory_keyring))
    yield core
    core.close()


def run(core: Core, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), core=core, stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _demo_trader(core: Core) -> None:
    assert run(core, "platform", "add", "demo", "--type", "simulated")[0] == 0
    code, _, err = run(
        core,
        *("bot", "create", "demo-trader", "--platform", "demo", "--kind", "trader"),
        *("--symbol", "BTCUSDT", "--strategy", "rsi", "--budget", "1000"),
    )
    assert code == 0, err


def _record_history(core: Core, platform_id: int, bot_id: str) -> None:
    request = OrderRequest("BTCUSDT", Side.BUY, OrderType.MARKET, Decimal("0.01"), "cr-demo-0")
    core.order_log.record_pending(platform_id, bot_id, 0, request)
    fill = Fill(
        "BTCUSDT", Side.BUY, Decimal(30000), Decimal("0.01"), Decimal(0), "BTC", 1, "cr-demo-0", 1
    )
    state = OrderState(
        "BTCUSDT",
        "cr-demo-0",
        OrderStatus.FILLED,
        Side.BUY,
        OrderType.MARKET,
        Decimal("0.01"),
        None,
        executed_qty=Decimal("0.01"),
        fills=(fill,),
    )
    assert core.order_log.apply_state(platform_id, state) == [fill]


def test_the_demo_bot_never_trades_on_the_next_real_platform(
    binance_core: Core, fake_binance: FakeBinance, memory_keyring: MemoryKeyring
) -> None:
    core = binance_core
    _demo_trader(core)
    demo = core.platforms.find("demo")
    bot = core.bots.find("demo-trader")
    _record_history(core, demo.id, bot.id)

    # Removing a platform that still has a bot is refused, with what to do; nothing changes.
    code, out, err = run(core, "platform", "remove", "demo")
    assert (code, out) == (1, "")
    assert "“demo” still has bots (“demo-trader”)" in err and "removes those bots first" in err
    assert "--force" in err
    assert err.count("\n") == 1
    assert [p.name for p in core.platforms.list()] == ["demo"]
    assert core.bots.find("demo-trader").platform_id == demo.id
    with pytest.raises(ValidationError, match="still has bots"):  # the store refuses it too
        core.store.delete_platform(demo.id)

    # After removing the bot, then the platform, a new platform gets a new id and no history.
    assert run(core, "bot", "remove", "demo-trader")[0] == 0
    assert run(core, "platform", "remove", "demo")[0] == 0
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET, can_trade=True))
    code, _, err = run(
        core, "platform", "add", "real", "--type", "binance", "--access-key", KEY, stdin=SECRET
    )
    assert code == 0, err
    real = core.platforms.find("real")
    assert real.id != demo.id and real.id > demo.id
    code, out, _ = run(core, "bot", "list", "--json")
    assert json.loads(out) == []
    assert core.order_log.unresolved(real.id) == []
    assert core.order_log.fills(real.id, ["cr-demo-0"]) == []
    assert core.order_log.orders(bot.id) == []  # the removed platform's history went with it


def test_an_order_or_a_bot_cannot_name_a_platform_that_does_not_exist(core: Core) -> None:
    request = OrderRequest("BTCUSDT", Side.BUY, OrderType.MARKET, Decimal(1), "cr-x-0")
    with pytest.raises(Exception, match="FOREIGN KEY"):
        core.order_log.record_pending(99, "nobody", 0, request)
    with sqlite3.connect(core.settings.db_path) as conn:
        conn.execute("PRAGMA foreign_keys=ON")
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            conn.execute(
                "INSERT INTO bot (id, name, kind, platform_id, symbol, interval, strategy, "
                "params_json, budget, state, state_reason, should_run, runtime_json, created_at, "
                "updated_at) VALUES ('b', 'b', 'ghost', 99, 'BTCUSDT', '1m', 'rsi', '{}', '1', "
                "'stopped', '', 0, '{}', '2026-01-01', '2026-01-01')"
            )


def test_a_bot_saved_for_a_platform_removed_meanwhile_is_refused_in_words(core: Core) -> None:
    _demo_trader(core)
    spec = core.bots.find("demo-trader")
    core.bots.remove(spec)
    core.platforms.remove(core.platforms.find("demo"))
    with pytest.raises(ValidationError, match="was removed meanwhile"):
        core.bot_store.create(spec)
    assert core.bots.list() == []


def test_ids_are_never_handed_out_twice(core: Core) -> None:
    first = core.platforms.add("one", PlatformType.SIMULATED)
    second = core.platforms.add("two", PlatformType.SIMULATED)
    core.platforms.remove(second)
    core.platforms.remove(first)
    third = core.platforms.add("three", PlatformType.SIMULATED)
    assert third.id == second.id + 1


# --- migration from the schema of version 3 -------------------------------------------------

_OLD_SCHEMA = """
CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at DATETIME NOT NULL,
    description VARCHAR NOT NULL, PRIMARY KEY (version));
CREATE TABLE platform (id INTEGER NOT NULL, name VARCHAR NOT NULL, type VARCHAR NOT NULL,
    key_masked VARCHAR NOT NULL, key_fingerprint VARCHAR NOT NULL, key_kind VARCHAR NOT NULL,
    intended_use VARCHAR NOT NULL, audit_json VARCHAR, checked_at DATETIME,
    created_at DATETIME NOT NULL, PRIMARY KEY (id));
CREATE UNIQUE INDEX ix_platform_name ON platform (name);
CREATE TABLE "order" (id INTEGER NOT NULL, platform_id INTEGER NOT NULL, bot_id VARCHAR NOT NULL,
    sequence INTEGER NOT NULL, client_order_id VARCHAR NOT NULL, symbol VARCHAR NOT NULL,
    side VARCHAR NOT NULL, type VARCHAR NOT NULL, quantity VARCHAR NOT NULL, price VARCHAR,
    status VARCHAR NOT NULL, exchange_order_id INTEGER, executed_qty VARCHAR NOT NULL,
    quote_qty VARCHAR NOT NULL, attempts INTEGER NOT NULL, last_error VARCHAR,
    created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL, PRIMARY KEY (id),
    UNIQUE (platform_id, client_order_id));
CREATE INDEX ix_order_platform_id ON "order" (platform_id);
CREATE INDEX ix_order_bot_id ON "order" (bot_id);
CREATE INDEX ix_order_client_order_id ON "order" (client_order_id);
CREATE INDEX ix_order_status ON "order" (status);
CREATE TABLE fill (id INTEGER NOT NULL, platform_id INTEGER NOT NULL,
    client_order_id VARCHAR NOT NULL, symbol VARCHAR NOT NULL, side VARCHAR NOT NULL,
    price VARCHAR NOT NULL, quantity VARCHAR NOT NULL, fee VARCHAR NOT NULL,
    fee_asset VARCHAR NOT NULL, time INTEGER NOT NULL, trade_id INTEGER,
    exchange_order_id INTEGER, PRIMARY KEY (id), UNIQUE (platform_id, symbol, trade_id));
CREATE INDEX ix_fill_platform_id ON fill (platform_id);
CREATE INDEX ix_fill_client_order_id ON fill (client_order_id);
CREATE TABLE candle (venue VARCHAR NOT NULL, symbol VARCHAR NOT NULL, interval VARCHAR NOT NULL,
    open_time INTEGER NOT NULL, open VARCHAR NOT NULL, high VARCHAR NOT NULL, low VARCHAR NOT NULL,
    close VARCHAR NOT NULL, volume VARCHAR NOT NULL, close_time INTEGER NOT NULL,
    PRIMARY KEY (venue, symbol, interval, open_time));
CREATE TABLE bot (id VARCHAR NOT NULL, name VARCHAR NOT NULL, kind VARCHAR NOT NULL,
    platform_id INTEGER NOT NULL, symbol VARCHAR NOT NULL, interval VARCHAR NOT NULL,
    strategy VARCHAR NOT NULL, params_json VARCHAR NOT NULL, budget VARCHAR NOT NULL,
    stop_loss_pct VARCHAR, take_profit_pct VARCHAR, max_drawdown_pct VARCHAR,
    state VARCHAR NOT NULL, state_reason VARCHAR NOT NULL, should_run BOOLEAN NOT NULL,
    runtime_json VARCHAR NOT NULL, created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL,
    PRIMARY KEY (id));
CREATE UNIQUE INDEX ix_bot_name ON bot (name);
CREATE INDEX ix_bot_platform_id ON bot (platform_id);
CREATE TABLE decision (id INTEGER NOT NULL, bot_id VARCHAR NOT NULL, time INTEGER NOT NULL,
    action VARCHAR NOT NULL, message VARCHAR NOT NULL, PRIMARY KEY (id));
CREATE INDEX ix_decision_bot_id ON decision (bot_id);
CREATE TABLE equity (bot_id VARCHAR NOT NULL, time INTEGER NOT NULL, equity VARCHAR NOT NULL,
    price VARCHAR NOT NULL, PRIMARY KEY (bot_id, time));
INSERT INTO schema_version VALUES (1, '2026-01-01 00:00:00.000000', 'platforms');
INSERT INTO schema_version VALUES (2, '2026-01-01 00:00:00.000000', 'orders, fills and candles');
INSERT INTO schema_version VALUES (3, '2026-01-01 00:00:00.000000', 'bots, decisions and equity');
"""


def _platform(conn: sqlite3.Connection, pid: int, name: str, type_: str, at: str) -> None:
    conn.execute(
        "INSERT INTO platform VALUES (?, ?, ?, '', '', 'hmac', 'any', NULL, NULL, ?)",
        (pid, name, type_, at),
    )


def _bot(conn: sqlite3.Connection, bot_id: str, name: str, pid: int, at: str, run: int) -> None:
    conn.execute(
        "INSERT INTO bot VALUES (?, ?, 'trader', ?, 'BTCUSDT', '1m', 'rsi', '{}', '1000', NULL, "
        "NULL, NULL, 'running', '', ?, '{}', ?, ?)",
        (bot_id, name, pid, run, at, at),
    )


def _order(conn: sqlite3.Connection, pid: int, bot_id: str, cid: str, at: str) -> None:
    conn.execute(
        'INSERT INTO "order" (platform_id, bot_id, sequence, client_order_id, symbol, side, type, '
        "quantity, price, status, exchange_order_id, executed_qty, quote_qty, attempts, "
        "last_error, created_at, updated_at) VALUES (?, ?, 0, ?, 'BTCUSDT', 'BUY', 'MARKET', "
        "'0.01', NULL, 'FILLED', 7, '0.01', '300', 1, NULL, ?, ?)",
        (pid, bot_id, cid, at, at),
    )
    conn.execute(
        "INSERT INTO fill (platform_id, client_order_id, symbol, side, price, quantity, fee, "
        "fee_asset, time, trade_id, exchange_order_id) VALUES "
        "(?, ?, 'BTCUSDT', 'BUY', '30000', '0.01', '0', 'BTC', 1, ?, 7)",
        (pid, cid, abs(hash(cid)) % 10_000),
    )


def _old_database(path: Path) -> None:
    """What an old version left after the reproduction, plus case-twins and a plain orphan."""
    t = "2026-01-0{} 10:00:00.000000".format
    with sqlite3.connect(path) as conn:
        conn.executescript(_OLD_SCHEMA)
        # Platform 1 "demo" was created (day 1), got a Trader bot with an order (day 2), then was
        # removed; "real" (day 5) got id 1 again. Platform 7 was removed without a successor.
        _platform(conn, 1, "real", "binance", t(5))
        _platform(conn, 2, "TR", "simulated", t(6))
        _platform(conn, 3, "tr", "simulated", t(7))
        _bot(conn, "demo", "demo-trader", 1, t(2), 1)
        _order(conn, 1, "demo", "cr-demo-0", t(3))
        _bot(conn, "realbot", "Real bot", 1, t(6), 0)
        _order(conn, 1, "realbot", "cr-real-0", t(7))
        _bot(conn, "lost", "lost", 7, t(4), 0)
        _order(conn, 7, "lost", "cr-lost-0", t(4))
        _bot(conn, "twin", "real BOT", 2, t(8), 0)
        conn.execute(
            "INSERT INTO decision (bot_id, time, action, message) "
            "VALUES ('realbot', 1, 'hold', 'x')"
        )
        conn.execute("INSERT INTO equity VALUES ('realbot', 1, '1000', '30000')")


def _counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {
            t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]  # noqa: S608
            for t in ("bot", "order", "fill", "decision", "equity", "candle")
        }


def test_migration_keeps_every_row_and_moves_what_never_belonged(tmp_path: Path) -> None:
    path = tmp_path / "crypty.sqlite3"
    _old_database(path)
    before = _counts(path)
    store = Store(path)
    assert store.schema_version() == SCHEMA_VERSION
    store.close()
    assert _counts(path) == before  # nothing lost
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        platforms = dict(conn.execute("SELECT name, id FROM platform").fetchall())
        bots = dict(conn.execute("SELECT name, platform_id FROM bot").fetchall())
        demo = conn.execute(
            "SELECT state, should_run, state_reason FROM bot WHERE id = 'demo'"
        ).fetchone()
        orders = dict(conn.execute('SELECT client_order_id, platform_id FROM "order"').fetchall())
        fills = dict(conn.execute("SELECT client_order_id, platform_id FROM fill").fetchall())
        sql = "\n".join(
            r[0] for r in conn.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL")
        )
    # The real account keeps its own bot and order, and only them.
    assert bots["Real bot"] == platforms["real"] == 1
    assert orders["cr-real-0"] == fills["cr-real-0"] == 1
    # The demo bot (made before "real" existed) and its history now sit on a stopped placeholder.
    assert bots["demo-trader"] == platforms["Removed platform 1"] != 1
    assert orders["cr-demo-0"] == fills["cr-demo-0"] == platforms["Removed platform 1"]
    assert demo[:2] == ("stopped", 0) and "placeholder" in demo[2]
    assert bots["lost"] == orders["cr-lost-0"] == platforms["Removed platform 7"]
    # Names equal but for case: the later one renamed.
    assert {"TR", "tr (2)"} <= set(platforms) and bots["real BOT (2)"] == platforms["TR"]
    assert "AUTOINCREMENT" in sql and "REFERENCES platform (id) ON DELETE RESTRICT" in sql
    assert "ux_platform_name_folded" in sql and "ux_bot_name_folded" in sql
    # A new platform starts above every id anything ever referred to (7, then the placeholders).
    store = Store(path)
    assert _add(store, "new") > max(platforms.values())
    with pytest.raises(ValidationError, match="already exists"):
        _add(store, "REAL")  # "real" exists: the index on lower(name) refuses it
    store.close()


def _add(store: Store, name: str) -> int:
    with store.adding_platform(
        name=name,
        type_=PlatformType.SIMULATED,
        key_masked="",
        key_fingerprint="",
        key_kind=KeyKind.HMAC,
        intended_use=IntendedUse.ANY,
        audit=None,
    ) as platform_id:
        return platform_id


def _schema(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name != 'sqlite_sequence'"
        ).fetchall()
    return {re.sub(r"\s+", "", r[0].replace('"', "")) for r in rows}


def test_a_fresh_database_and_a_migrated_one_have_the_same_schema(tmp_path: Path) -> None:
    _old_database(tmp_path / "old.sqlite3")
    Store(tmp_path / "old.sqlite3").close()
    Store(tmp_path / "new.sqlite3").close()
    old, new = _schema(tmp_path / "old.sqlite3"), _schema(tmp_path / "new.sqlite3")
    assert old == new
