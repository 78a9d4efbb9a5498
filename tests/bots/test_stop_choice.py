"""Stopping a Trader grid bot does what the user chose with its open orders, on the loopback fake
Binance over real sockets: keep them (and the log says so), cancel them (none left on the
exchange), or cancel them and sell what the bot holds at market. A bot restarted after a stop is
valued at once at its last stored price, never as if what it holds or locks were lost."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from decimal import Decimal

import pytest

from crypty_desktop.app import Core, build_core
from crypty_desktop.bots.host import BotLife
from crypty_desktop.bots.manual import cancel_stopped_order
from crypty_desktop.bots.ownership import Role
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.bots import BotKind, BotSpec, BotState, OnStop
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.orders import OrderStatus
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, PlatformType
from crypty_desktop.reports.pnl import stored_pnl
from crypty_desktop.settings import Settings
from tests.fakes.fake_binance import FakeBinance, FakeKey
from tests.fakes.fake_streams import FakeStreamServer
from tests.memory_keyring import MemoryKeyring

D = Decimal
KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
STEP = 60_000
DEADLINE = 20.0  # float-ok: seconds, generous for a loaded machine


def candle(base: int, i: int, close: str) -> Candle:
    t, price = base + i * STEP, D(close)
    return Candle("BTCUSDT", "1m", t, price, price + 10, price - 10, price, D(3), t + STEP - 1)


def this_minute() -> int:
    return int(time.time() * 1000) // STEP * STEP


def wait_for(predicate: object, timeout: float = DEADLINE) -> None:  # float-ok: seconds
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
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
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET, can_trade=True))
    fake_binance.set_balance("USDT", "10000")
    fake_binance.set_price("BTCUSDT", "60000")
    monkeypatch.setenv("CRYPTY_BINANCE_URL", fake_binance.url)
    monkeypatch.setenv("CRYPTY_BINANCE_WS_URL", streams.url)
    core = build_core(Settings.from_env(), CredentialStore(memory_keyring))
    core.platforms.add(
        "Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.ANY
    )
    yield core
    core.close()


def grid_bot(core: Core) -> BotSpec:
    """Levels 50000, 55000, 60000, 65000, 70000; 20 USDT a level: at 60000 it buys at 50000
    (0.0004 BTC, 20 USDT) and 55000 (0.00036 BTC, 19.80 USDT): 39.80 USDT locked."""
    return core.bots.create(
        name="grid",
        platform_name="Binance",
        kind=BotKind.TRADER,
        symbol="BTCUSDT",
        strategy="grid",
        params={"lower": "50000", "upper": "70000", "levels": "5", "quote_per_level": "20"},
        budget="100",
    )


class Running:
    """A bot's life in its own thread, as the window's worker and ``crypty bot run`` run it: the
    loop, then ``finish`` with the user's choice, on that same thread."""

    def __init__(self, core: Core, spec: BotSpec) -> None:
        self.life = BotLife(core.bot_context, spec, role=Role.CLI)
        self.life.start()
        self.stop_event = threading.Event()
        self.on_stop = OnStop.KEEP
        self.finished_on: str = ""
        self.thread = threading.Thread(target=self._run, name="bot-grid", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        self.life.run(self.stop_event.is_set)
        self.finished_on = threading.current_thread().name
        self.life.finish(on_stop=self.on_stop)

    def stop(self, on_stop: OnStop) -> None:
        self.on_stop = on_stop
        self.stop_event.set()
        self.thread.join(DEADLINE)
        assert not self.thread.is_alive()
        assert self.finished_on == "bot-grid"  # the choice ran on the bot's own thread


def resting(fake: FakeBinance) -> list[object]:
    return [o for o in fake.orders("BTCUSDT") if o.status in ("NEW", "PARTIALLY_FILLED")]


def log_of(core: Core, spec: BotSpec) -> list[str]:
    return [d.message for d in core.bot_store.decisions(spec.id)]


def start_with_two_buys(core: Core, spec: BotSpec, streams: FakeStreamServer) -> Running:
    bot = Running(core, spec)
    streams.wait_connections(1)
    streams.push_kline(candle(this_minute(), 0, "60000"))
    return bot


def test_stop_and_keep_leaves_the_orders_on_binance_and_says_so(
    binance: Core, fake_binance: FakeBinance, streams: FakeStreamServer
) -> None:
    spec = grid_bot(binance)
    bot = start_with_two_buys(binance, spec, streams)
    wait_for(lambda: len(resting(fake_binance)) == 2)
    bot.stop(OnStop.KEEP)
    assert len(resting(fake_binance)) == 2
    assert fake_binance.balance("USDT")[1] == D("39.80")
    assert log_of(binance, spec)[-1] == (
        "Stopped; open orders kept on Binance: 2 (39.80 USDT locked)."
    )
    assert binance.bot_store.state(spec.id)[0] is BotState.STOPPED

    # Restarted: valued at once at the last stored price, the locked funds still its own.
    again = BotLife(binance.bot_context, spec, role=Role.CLI)
    built = again.start()
    try:
        status = built.runner.status()
        assert status.last_price == D("60000")
        assert status.equity == D("100") and status.pnl == 0 and status.pnl_pct == 0
        assert status.quote_locked == D("39.80") and status.open_orders == 2
    finally:
        built.close()
        again.finish()
    figures = stored_pnl(binance.bot_store, binance.order_log, spec)
    assert figures is not None and figures.pnl == 0 and figures.quote_locked == D("39.80")

    # Stopped, one order cancelled by hand (the Orders tab of a stopped bot).
    cid = next(o.request.client_order_id for o in binance.order_log.orders(spec.id))
    text = cancel_stopped_order(binance.bot_context, spec, cid)
    assert text.startswith("Cancelled the order to buy ")
    assert len(resting(fake_binance)) == 1
    assert binance.order_log.get(spec.platform_id, cid).status is OrderStatus.CANCELED
    assert log_of(binance, spec)[-1] == text
    figures = stored_pnl(binance.bot_store, binance.order_log, spec)
    assert figures is not None and figures.open_orders == 1 and figures.pnl == 0


def test_stop_and_cancel_leaves_no_open_order_on_binance(
    binance: Core, fake_binance: FakeBinance, streams: FakeStreamServer
) -> None:
    spec = grid_bot(binance)
    bot = start_with_two_buys(binance, spec, streams)
    wait_for(lambda: len(resting(fake_binance)) == 2)
    bot.stop(OnStop.CANCEL)
    assert resting(fake_binance) == []
    assert fake_binance.balance("USDT") == (D("10000"), D("0"))
    orders = binance.order_log.orders(spec.id)
    assert [o.status for o in orders] == [OrderStatus.CANCELED] * 2
    assert all(o.settled for o in orders)
    log = log_of(binance, spec)
    assert log[-1] == "Stopped; 2 open orders cancelled."
    assert sum(1 for m in log if m.startswith("Cancelled the order to buy ")) == 2
    figures = stored_pnl(binance.bot_store, binance.order_log, spec)
    assert figures is not None
    assert (figures.open_orders, figures.quote_locked, figures.quote_free) == (0, 0, D("100"))


def test_stop_and_sell_cancels_then_sells_the_holdings_at_market(
    binance: Core, fake_binance: FakeBinance, streams: FakeStreamServer
) -> None:
    spec = grid_bot(binance)
    base = this_minute()
    bot = Running(binance, spec)
    streams.wait_connections(1)
    streams.push_kline(candle(base, 0, "60000"))
    wait_for(lambda: len(resting(fake_binance)) == 2)
    fake_binance.set_price("BTCUSDT", "54000")  # the buy at 55000 fills on the exchange
    streams.push_kline(candle(base, 1, "54000"))
    # The bot sees the fill and offers what it bought one level up (a sell at 60000).
    wait_for(lambda: any(o.side == "SELL" for o in resting(fake_binance)))
    fills = binance.order_log.fills(spec.platform_id, cids(binance, spec))
    bought = sum((f.quantity - f.fee for f in fills), D(0))
    assert bought > 0
    bot.stop(OnStop.SELL)

    assert resting(fake_binance) == []
    sells = [o for o in fake_binance.orders("BTCUSDT") if o.side == "SELL" and o.type == "MARKET"]
    assert len(sells) == 1 and sells[0].status == "FILLED"
    fills = binance.order_log.fills(spec.platform_id, cids(binance, spec))
    held = sum((f.quantity - f.fee for f in fills if f.side.value == "BUY"), D(0)) - sum(
        (f.quantity for f in fills if f.side.value == "SELL"), D(0)
    )
    assert D(0) <= held < D("0.00001")  # only dust below one lot step is left
    log = log_of(binance, spec)
    sold = f"{sells[0].executed_qty:f}"
    assert log[-1] == f"Stopped; 2 open orders cancelled and {sold} BTC sold at market."
    figures = stored_pnl(binance.bot_store, binance.order_log, spec)
    assert figures is not None and figures.open_orders == 0 and figures.quote_locked == 0


def cids(core: Core, spec: BotSpec) -> list[str]:
    return [o.request.client_order_id for o in core.order_log.orders(spec.id)]
