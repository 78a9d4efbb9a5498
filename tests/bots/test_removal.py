"""Removing a bot or a platform never strands money on the exchange, and a removed key is never
used again: a Trader grid bot runs against the loopback fake Binance (real python-binance, real
sockets, the kline stream of the fake stream server) in a ``BotLife``, as the window runs it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest

from crypty_desktop.app import Core, build_core
from crypty_desktop.bots.host import BotLife
from crypty_desktop.bots.ownership import Role
from crypty_desktop.bots.removal import NeedsConfirmation
from crypty_desktop.cli import main
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.bots import BotKind, BotSpec, BotState
from crypty_desktop.domain.errors import NotFound, ValidationError
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, PlatformType
from crypty_desktop.settings import Settings
from tests.fakes.fake_binance import FakeBinance, FakeKey
from tests.fakes.fake_streams import FakeStreamServer
from tests.fakes.trading import KEY, SECRET, trading_key
from tests.lock_holder import holding
from tests.memory_keyring import MemoryKeyring

STEP = 60_000
PRICE = Decimal("30000")
NEW_KEY = "Zq1Xw2Ec3Rv4Tb5Yn6Um7Ik8Ol9Pa0SsDdFfGgHhJjKkLlQqWwEeRrTtYyUuIiOo"
NEW_SECRET = "Lk9Jh8Gf7Ds6Ap5Oi4Uy3Tr2Ew1QaZxScVbNmLkJhGfDsApOiUyTrEwQzXcVbNm"


def candle(base: int, i: int) -> Candle:
    t = base + i * STEP
    return Candle("BTCUSDT", "1m", t, PRICE, PRICE + 5, PRICE - 5, PRICE, Decimal(1), t + STEP - 1)


def wait_for(predicate: Callable[[], bool], timeout: float = 20.0) -> None:  # float-ok
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


@pytest.fixture
def streams() -> Iterator[FakeStreamServer]:
    with FakeStreamServer() as server:
        yield server


@pytest.fixture
def binance(
    fake_binance: FakeBinance,
    streams: FakeStreamServer,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Core]:
    trading_key(fake_binance)
    fake_binance.add_key(FakeKey(api_key=NEW_KEY, secret=NEW_SECRET, can_trade=True))
    fake_binance.set_balance("USDT", "10000")
    fake_binance.set_price("BTCUSDT", PRICE)
    monkeypatch.setenv("CRYPTY_BINANCE_URL", fake_binance.url)
    monkeypatch.setenv("CRYPTY_BINANCE_WS_URL", streams.url)
    core = build_core(Settings.from_env(), CredentialStore(memory_keyring))
    core.platforms.add(
        "Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.ANY
    )
    yield core
    core.close()


def grid(core: Core) -> BotSpec:
    return core.bots.create(
        name="grid",
        platform_name="Binance",
        kind=BotKind.TRADER,
        symbol="BTCUSDT",
        strategy="grid",
        params={"lower": "29700", "upper": "30300", "levels": "20", "quote_per_level": "15"},
        budget="400",
    )


class Running:
    """A bot's life in a thread, as the window's worker runs it."""

    def __init__(self, core: Core, spec: BotSpec) -> None:
        self.life = BotLife(core.bot_context, spec, role=Role.WINDOW)
        self.stop = threading.Event()
        self.life.start()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            self.life.run(self.stop.is_set)
        finally:
            self.life.finish()


def resting(fake: FakeBinance) -> list[object]:
    return [o for o in fake.orders() if o.status in ("NEW", "PARTIALLY_FILLED")]


def with_key(fake: FakeBinance, api_key: str, after: int = 0) -> list[object]:
    return [r for r in fake.requests[after:] if r.headers.get("x-mbx-apikey") == api_key]


def start_grid(core: Core, fake: FakeBinance, streams: FakeStreamServer) -> tuple[BotSpec, Running]:
    spec = grid(core)
    running = Running(core, spec)
    streams.wait_connections(1)
    streams.push_kline(candle(int(time.time() * 1000) // STEP * STEP, 0))
    wait_for(lambda: len(resting(fake)) == 10)  # a buy at each level below the price
    return spec, running


def assert_log_matches_exchange(core: Core, spec_id: str, fake: FakeBinance) -> None:
    on_exchange = {o.client_order_id: o for o in fake.orders()}
    for order in core.order_log.orders(spec_id):
        theirs = on_exchange[order.request.client_order_id]
        assert order.status.value == theirs.status
        assert order.executed_qty == theirs.executed_qty


def test_removing_a_running_grid_bot_is_refused_then_cancels_everything(
    binance: Core, fake_binance: FakeBinance, streams: FakeStreamServer
) -> None:
    spec, running = start_grid(binance, fake_binance, streams)
    with pytest.raises(NeedsConfirmation) as refused:
        binance.bots.remove(spec)
    plan = refused.value.plans[0]
    assert plan.running_here and len(plan.orders) == 10
    locked = plan.locked()
    assert set(locked) == {"USDT"} and Decimal("140") < locked["USDT"] <= Decimal("150")
    assert "is running" in str(refused.value) and "10" in str(refused.value)
    # Refused: nothing changed.
    assert binance.bots.find("grid").id == spec.id and running.thread.is_alive()
    assert len(resting(fake_binance)) == 10

    done = binance.bots.remove(spec, confirmed=True, role=Role.WINDOW)
    assert done.stopped == ["grid"] and done.cancelled == 10
    assert not running.thread.is_alive() or running.life.wait_ended(5)
    assert resting(fake_binance) == []
    assert fake_binance.balance("USDT") == (Decimal("10000"), Decimal("0"))  # nothing locked
    with pytest.raises(NotFound):
        binance.bots.find("grid")
    assert_log_matches_exchange(binance, spec.id, fake_binance)
    assert binance.platforms.find("Binance")  # the platform stays


def test_removing_the_platform_of_a_running_bot_cancels_then_never_uses_the_key_again(
    binance: Core, fake_binance: FakeBinance, streams: FakeStreamServer
) -> None:
    spec, running = start_grid(binance, fake_binance, streams)
    platform = binance.platforms.find("Binance")
    with pytest.raises(ValidationError):  # the plain service refuses a platform with bots
        binance.platforms.remove(platform)
    with pytest.raises(NeedsConfirmation) as refused:
        binance.removals.remove_platform(platform)
    assert "“grid”" in str(refused.value)
    assert len(resting(fake_binance)) == 10 and running.thread.is_alive()

    binance.removals.remove_platform(platform, confirmed=True, role=Role.WINDOW)
    after = len(fake_binance.requests)
    assert resting(fake_binance) == []
    assert binance.platforms.list() == [] and binance.bots.list() == []
    assert binance.running.ids() == []
    # The bot is gone, its stream too: candles keep coming, the key is never used again.
    base = int(time.time() * 1000) // STEP * STEP
    for i in range(1, 4):
        streams.push_kline(candle(base, i))
    time.sleep(1.0)
    assert with_key(fake_binance, KEY, after) == []
    assert_log_matches_exchange(binance, spec.id, fake_binance)


def test_a_key_change_is_refused_while_a_bot_of_the_platform_runs(
    binance: Core, fake_binance: FakeBinance, streams: FakeStreamServer
) -> None:
    spec, running = start_grid(binance, fake_binance, streams)
    platform = binance.platforms.find("Binance")
    before = len(fake_binance.requests)
    with pytest.raises(ValidationError, match="Stop them first"):
        binance.platforms.edit(platform, creds=ApiCredentials(NEW_KEY, NEW_SECRET))
    assert with_key(fake_binance, NEW_KEY, before) == []  # refused before any check
    assert binance.platforms.credentials_for(platform).api_key == KEY

    running.stop.set()
    assert running.life.wait_ended(10)
    binance.platforms.edit(platform, creds=ApiCredentials(NEW_KEY, NEW_SECRET))
    after = len(fake_binance.requests)
    # The bot's next start, and its orders' cancellation, use the new key only.
    binance.bots.remove(binance.bots.find("grid"), confirmed=True)
    assert resting(fake_binance) == []
    assert with_key(fake_binance, KEY, after) == []
    assert with_key(fake_binance, NEW_KEY, after) != []
    assert_log_matches_exchange(binance, spec.id, fake_binance)


def test_a_bot_run_by_another_process_is_never_removed(binance: Core) -> None:
    spec = grid(binance)
    with holding(binance.locks.folder, spec.id, Role.CLI):
        for confirmed in (False, True):
            with pytest.raises(ValidationError, match="Stop it there first"):
                binance.bots.remove(spec, confirmed=confirmed)
        with pytest.raises(ValidationError, match="Stop it there first"):
            binance.removals.remove_platform(binance.platforms.find("Binance"), confirmed=True)
        with pytest.raises(ValidationError, match="Stop them first"):
            binance.platforms.edit(
                binance.platforms.find("Binance"), creds=ApiCredentials(NEW_KEY, NEW_SECRET)
            )
    assert binance.bots.find("grid").id == spec.id
    assert binance.platforms.find("Binance")


def test_the_cli_refuses_a_bot_with_open_orders_then_cancels_them(
    binance: Core, fake_binance: FakeBinance, streams: FakeStreamServer
) -> None:
    import io

    spec, running = start_grid(binance, fake_binance, streams)
    running.stop.set()  # stopped: its grid stays on the exchange
    assert running.life.wait_ended(10)
    assert binance.bot_store.state(spec.id)[0] is BotState.STOPPED
    assert len(resting(fake_binance)) == 10

    def run(*argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = main(list(argv), core=binance, stdout=out, stderr=err)
        return code, out.getvalue(), err.getvalue()

    code, _out, err = run("bot", "remove", "grid")
    assert code == 1 and "open orders on the exchange: 10" in err and "--cancel-orders" in err
    code, _out, err = run("platform", "remove", "Binance")
    assert code == 1 and "--force" in err
    assert len(resting(fake_binance)) == 10
    code, out, _err = run("bot", "remove", "grid", "--cancel-orders")
    assert code == 0 and "Cancelled 10 open orders" in out
    assert resting(fake_binance) == []
    code, out, _err = run("platform", "remove", "Binance")  # no bot left: no question
    assert code == 0 and binance.platforms.list() == []
