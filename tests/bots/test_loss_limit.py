"""A platform's daily loss limit against the loopback fake Binance over real sockets.

Two Trader bots on "Binance" (limit 20 USDT) each bought BTC with 300 USDT at 30000: 0.01 BTC
less the 0.1 % fee, 0.00999 BTC, and 100 USDT left; equity 100 + 0.00999 × price.
At 29500: 394.705 each, a loss of 5.295 each, 10.59 together: under 20, nothing happens.
At 29000: 389.71 each, a loss of 10.29 each, 20.58 together: both are made safe (stopped, no
order of the app resting, their BTC sold). A bot on another platform is not touched; the limit
acts once a day; the next UTC day starts from that day's equity again.
"""

from __future__ import annotations

import io
import sqlite3
import threading
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import Session

from crypty_desktop.app import Core, build_core
from crypty_desktop.bots.host import BotLife
from crypty_desktop.bots.loss_limit import DAY_MS, STOPPED_LOSS_LIMIT, LossLimitHit
from crypty_desktop.cli import main
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.bots import BotKind, BotSpec, BotState, BotStatus
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.orders import Side
from crypty_desktop.domain.platform import ApiCredentials, PlatformType
from crypty_desktop.platforms import parse_loss_limit
from crypty_desktop.settings import Settings
from crypty_desktop.storage.store import SCHEMA_VERSION, Store, migrate_loss_limit
from crypty_desktop.strategies.base import Intent
from tests.fakes.fake_binance import FakeBinance
from tests.fakes.fake_streams import FakeStreamServer
from tests.fakes.trading import KEY, SECRET, trading_key
from tests.memory_keyring import MemoryKeyring

D = Decimal
STEP = 60_000
T0 = int(time.time() * 1000) // STEP * STEP - 5 * STEP


def candle(minute: int, price: str) -> Candle:
    t = T0 + minute * STEP
    p = D(price)
    return Candle("BTCUSDT", "1m", t, p, p, p, p, D(1), t + STEP - 1)


@pytest.fixture
def binance(
    fake_binance: FakeBinance, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Core]:
    trading_key(fake_binance)
    fake_binance.set_balance("USDT", "10000")
    fake_binance.set_price("BTCUSDT", "30000")
    monkeypatch.setenv("CRYPTY_BINANCE_URL", fake_binance.url)
    with FakeStreamServer() as streams:
        monkeypatch.setenv("CRYPTY_BINANCE_WS_URL", streams.url)
        core = build_core(Settings.from_env(), CredentialStore(memory_keyring))
        for name in ("Binance", "Other"):
            core.platforms.add(name, PlatformType.BINANCE, ApiCredentials(KEY, SECRET))
        yield core
        core.close()


def trader(core: Core, name: str, platform: str = "Binance") -> BotSpec:
    return core.bots.create(
        name=name,
        platform_name=platform,
        kind=BotKind.TRADER,
        symbol="BTCUSDT",
        strategy="sma_cross",
        params={},
        budget="400",
    )


class Running:
    """A bot that bought 300 USDT of BTC, running its loop in its own thread."""

    def __init__(self, core: Core, spec: BotSpec) -> None:
        self.life = BotLife(core.bot_context, spec)
        self.built = self.life.start()
        self.runner = self.built.runner
        self.runner.broker.execute(
            Intent(Side.BUY, "entry", quote_amount=D("300")), candle(0, "30000")
        )
        self.stop = threading.Event()
        self.thread = threading.Thread(
            target=self.life.run_then_finish, args=(self.stop.is_set,), daemon=True
        )
        self.thread.start()

    def step(self, c: Candle) -> None:
        done = threading.Event()

        def one() -> None:
            self.runner.step(c)
            done.set()

        self.runner.call_soon(one)
        assert done.wait(5)

    def end(self) -> None:
        self.stop.set()
        self.thread.join(5)
        if self.life.holds_lock:
            self.life.finish()


def resting(fake: FakeBinance) -> list[str]:
    return [o.client_order_id for o in fake.orders() if o.status in ("NEW", "PARTIALLY_FILLED")]


@pytest.mark.logs(r"Daily loss limit of .* reached")
def test_the_limit_stops_cancels_and_sells_once_a_day(
    binance: Core, fake_binance: FakeBinance
) -> None:
    platform = binance.platforms.set_loss_limit(binance.platforms.find("Binance"), D("20"))
    assert platform.max_daily_loss == D("20")
    a, b = trader(binance, "a"), trader(binance, "b")
    other = trader(binance, "other", "Other")
    hits: list[LossLimitHit] = []
    binance.loss_limits.subscribe(hits.append)
    ra, rb = Running(binance, a), Running(binance, b)
    ro = Running(binance, other)
    try:
        for runner in (ra, rb, ro):
            runner.step(candle(1, "29500"))
        assert binance.loss_limits.wait_idle(5) and hits == []  # 10.59 lost: under 20
        day = time.strftime("%Y-%m-%d", time.gmtime(T0 / 1000))
        start = (T0 + STEP) // DAY_MS * DAY_MS
        assert binance.loss_limits.day_change(platform.id, day, start, "USDT") == D("-10.590")
        ra.step(candle(2, "29000"))  # a: 10.29 lost, b still 5.295: 15.585, under 20
        assert binance.loss_limits.wait_idle(5) and hits == []
        rb.step(candle(2, "29000"))  # b: 10.29 as well, 20.58 together
        assert binance.loss_limits.wait_idle(30)
        ra.thread.join(5)
        rb.thread.join(5)
        assert not ra.thread.is_alive() and not rb.thread.is_alive()
        assert ro.thread.is_alive()  # the other platform's bot runs on
        ro.step(candle(2, "29000"))
    finally:
        for runner in (ra, rb, ro):
            runner.end()

    assert len(hits) == 1
    hit = hits[0]
    assert hit.loss == D("20.580") and hit.limit == D("20")
    assert hit.headline.startswith(
        "Daily loss limit of “Binance” reached: its Trader bots lost 20.58 USDT today (the limit "
        "is 20 USDT)."
    )
    text = hit.text()
    assert "a (Trader, BTCUSDT):\n  stopped; it will not start again by itself\n" in text
    assert "b (Trader, BTCUSDT):\n  stopped; it will not start again by itself\n" in text
    assert text.count("  sold 0.00999 BTC at market for") == 2
    assert "other" not in text
    for spec in (a, b):
        assert binance.bot_store.state(spec.id) == (BotState.STOPPED, STOPPED_LOSS_LIMIT, False)
        assert any(d.message == hit.headline for d in binance.bot_store.decisions(spec.id))
    assert binance.bot_store.state(other.id)[0] is BotState.STOPPED  # ended by the test
    assert binance.bot_store.state(other.id)[1] != STOPPED_LOSS_LIMIT
    assert all(d.message != hit.headline for d in binance.bot_store.decisions(other.id))
    assert resting(fake_binance) == []
    sells = [o for o in fake_binance.orders() if o.side == "SELL"]
    assert len(sells) == 2  # a's and b's holdings; "other" keeps its 0.00999 BTC
    assert binance.platforms.find("Binance").loss_limit_day == day

    # The same day, a further loss does not act again.
    late = BotStatus(
        a.id,
        BotState.RUNNING,
        D("300"),
        None,
        None,
        D(0),
        D(300),
        D("28000"),
        candle_time=T0 + 3 * STEP,
        quote_asset="USDT",
    )
    binance.loss_limits.on_event(late)
    assert binance.loss_limits.wait_idle(5) and len(hits) == 1

    # The next UTC day acts again: "a" has no equity point recorded before it (these candles
    # were stepped by hand), so it starts from its budget, 400; 375 is a loss of 25.
    next_day = start + DAY_MS + STEP
    assert binance.bot_store.equity_before(a.id, start + DAY_MS) is None
    lower = BotStatus(
        a.id,
        BotState.RUNNING,
        D("375"),
        None,
        None,
        D(0),
        D(0),
        D("1"),
        candle_time=next_day,
        quote_asset="USDT",
    )
    binance.loss_limits.on_event(lower)
    assert binance.loss_limits.wait_idle(30)
    assert len(hits) == 2 and hits[1].loss == D("25")


def test_the_setting_from_the_command_line(binance: Core) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["platform", "set", "Binance", "--max-daily-loss", "50"],
        core=binance,
        stdout=out,
        stderr=err,
    )
    assert code == 0, err.getvalue()
    assert "Binance: daily loss limit 50." in out.getvalue()
    assert binance.platforms.find("Binance").max_daily_loss == D("50")
    out = io.StringIO()
    assert main(["platform", "show", "Binance"], core=binance, stdout=out, stderr=err) == 0
    assert "  Daily loss limit: 50" in out.getvalue()
    out = io.StringIO()
    assert main(["platform", "list"], core=binance, stdout=out, stderr=err) == 0
    assert "loss limit 50 " in out.getvalue() and "loss limit off " in out.getvalue()
    err = io.StringIO()
    code = main(
        ["platform", "set", "Binance", "--max-daily-loss", "-3"],
        core=binance,
        stdout=io.StringIO(),
        stderr=err,
    )
    assert code == 1 and "greater than 0" in err.getvalue()
    assert binance.platforms.find("Binance").max_daily_loss == D("50")  # unchanged
    out = io.StringIO()
    assert (
        main(
            ["platform", "set", "Binance", "--max-daily-loss", "off"],
            core=binance,
            stdout=out,
            stderr=err,
        )
        == 0
    )
    assert binance.platforms.find("Binance").max_daily_loss is None


@pytest.mark.parametrize("text", ["0", "abc", "nan", "inf", "-1"])
def test_a_bad_limit_is_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_loss_limit(text)


def test_migration_7_adds_the_limit_to_an_older_database_and_runs_twice_harmlessly(
    tmp_path: Path,
) -> None:
    db = tmp_path / "old.sqlite3"
    Store(db).close()
    with sqlite3.connect(db) as connection:  # as a version-6 database was
        connection.execute(
            "INSERT INTO platform (name, type, key_masked, key_fingerprint, "
            "key_kind, intended_use, created_at) VALUES ('Old', 'simulated', '', "
            "'', 'hmac', 'any', '2026-01-01 00:00:00')"
        )
        for name in ("max_daily_loss", "loss_limit_day"):
            connection.execute(f'ALTER TABLE "platform" DROP COLUMN {name}')
        connection.execute("DELETE FROM schema_version WHERE version >= 7")
    store = Store(db)
    assert store.schema_version() == SCHEMA_VERSION >= 7
    with sqlite3.connect(db) as connection:
        have = {row[1] for row in connection.execute('PRAGMA table_info("platform")')}
    assert {"max_daily_loss", "loss_limit_day"} <= have
    with Session(store.engine) as session:  # again: nothing to add, nothing fails
        migrate_loss_limit(session)
        session.commit()
    old = store.find_platform("Old")
    assert old.max_daily_loss is None and old.loss_limit_day == ""
    assert store.claim_loss_limit_day(old.id, "2026-01-02")
    assert not store.claim_loss_limit_day(old.id, "2026-01-02")  # once a day
    assert store.claim_loss_limit_day(old.id, "2026-01-03")
    store.close()
