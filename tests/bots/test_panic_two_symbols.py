""" "Make everything safe" with three Trader bots on two symbols, against the loopback fake Binance
over real sockets: a BTCUSDT grid and an ETHUSDT grid, each with resting buys, a resting sell and
what one filled level bought, and a BTCUSDT bot holding what it bought.

- ``crypty panic --yes`` leaves none of the app's orders resting on the fake and keeps the
  holdings; ``crypty panic --sell --yes`` then sells them: no bot holds anything it could sell
  (what is left is less than one lot step, which Binance cannot sell).
- The platform's daily loss limit does the same by itself: the three bots run, the market falls,
  their loss together passes the limit, and they are stopped, their orders cancelled and their
  holdings sold, without anyone pressing a button.
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator
from decimal import Decimal

import pytest

from crypty_desktop.app import Core, build_core
from crypty_desktop.bots.host import BotLife, build_bot
from crypty_desktop.bots.loss_limit import STOPPED_LOSS_LIMIT, LossLimitHit
from crypty_desktop.cli import main
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.bots import BotKind, BotSpec, BotState
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.orders import Side
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, PlatformType
from crypty_desktop.reports.pnl import stored_pnl
from crypty_desktop.settings import Settings
from crypty_desktop.strategies.base import Intent
from tests.fakes.fake_binance import FakeBinance
from tests.fakes.fake_streams import FakeStreamServer
from tests.fakes.trading import KEY, SECRET, trading_key
from tests.memory_keyring import MemoryKeyring

D = Decimal
STEP = 60_000
BTC_GRID = {"lower": "29700", "upper": "30300", "levels": "20", "quote_per_level": "15"}
ETH_GRID = {"lower": "1980", "upper": "2020", "levels": "20", "quote_per_level": "15"}
LOT = {"BTCUSDT": D("0.00001"), "ETHUSDT": D("0.0001")}
START = {"BTCUSDT": "30000", "ETHUSDT": "2000"}


def candle(symbol: str, price: str, minute: int = 0) -> Candle:
    t = (int(time.time() * 1000) // STEP + minute) * STEP
    p = D(price)
    return Candle(symbol, "1m", t, p, p, p, p, D(1), t + STEP - 1)


@pytest.fixture
def binance(
    fake_binance: FakeBinance, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Core]:
    trading_key(fake_binance)
    fake_binance.set_balance("USDT", "10000")
    for symbol, price in START.items():
        fake_binance.set_price(symbol, price)
    monkeypatch.setenv("CRYPTY_BINANCE_URL", fake_binance.url)
    with FakeStreamServer() as streams:  # the kline streams stay on this machine
        monkeypatch.setenv("CRYPTY_BINANCE_WS_URL", streams.url)
        core = build_core(Settings.from_env(), CredentialStore(memory_keyring))
        core.platforms.add(
            "Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.ANY
        )
        yield core
        core.close()


def trader(core: Core, name: str, symbol: str, strategy: str, params: dict[str, str]) -> BotSpec:
    return core.bots.create(
        name=name,
        platform_name="Binance",
        kind=BotKind.TRADER,
        symbol=symbol,
        strategy=strategy,
        params=params,
        budget="400",
    )


def resting(fake: FakeBinance) -> list[str]:
    return [o.client_order_id for o in fake.orders() if o.status in ("NEW", "PARTIALLY_FILLED")]


def held(core: Core, spec: BotSpec) -> Decimal:
    """What the bot holds, free and locked, as its order log records it."""
    pnl = stored_pnl(core.bot_store, core.order_log, spec)
    assert pnl is not None
    return pnl.base_free + pnl.base_locked


def three_bots(core: Core, fake: FakeBinance) -> list[BotSpec]:
    """Two grids that each bought one level (a sell of it rests, with their other buys) and a
    BTCUSDT bot holding 60 USDT of BTC; none running, each as the app was quit."""
    btc = trader(core, "btc-grid", "BTCUSDT", "grid", BTC_GRID)
    eth = trader(core, "eth-grid", "ETHUSDT", "grid", ETH_GRID)
    for spec, dip in ((btc, "29980"), (eth, "1998.5")):
        built = build_bot(core, spec)
        assert built.feed is not None
        built.feed.close()
        built.runner.step(candle(spec.symbol, START[spec.symbol]))
        fake.set_price(spec.symbol, dip)  # the highest level's buy fills
        built.runner.step(candle(spec.symbol, dip, 1))  # the grid places that level's sell
        fake.set_price(spec.symbol, START[spec.symbol])
        built.runner.stop(resume_later=True)
        built.close()
    holder = trader(core, "btc-hold", "BTCUSDT", "sma_cross", {})
    built = build_bot(core, holder)
    assert built.feed is not None
    built.feed.close()
    built.runner.broker.execute(
        Intent(Side.BUY, "entry", quote_amount=D("60")), candle("BTCUSDT", "30000")
    )
    built.runner.stop()
    built.close()
    specs = [btc, eth, holder]
    for spec in specs:
        assert held(core, spec) > LOT[spec.symbol]
    sells = [o for o in fake.orders() if o.side == "SELL" and o.status == "NEW"]
    assert sorted(o.symbol for o in sells) == ["BTCUSDT", "ETHUSDT"]
    assert {o.symbol for o in fake.orders() if o.status == "NEW"} == {"BTCUSDT", "ETHUSDT"}
    return specs


def test_crypty_panic_cancels_everything_then_sell_leaves_no_holding(
    binance: Core, fake_binance: FakeBinance
) -> None:
    specs = three_bots(binance, fake_binance)
    assert len(resting(fake_binance)) > 10

    out, err = io.StringIO(), io.StringIO()
    assert main(["panic", "--yes"], core=binance, stdout=out, stderr=err) == 0, err.getvalue()
    assert resting(fake_binance) == []
    for spec in specs:  # without --sell the holdings stay
        assert held(binance, spec) > LOT[spec.symbol]
        assert binance.bot_store.state(spec.id)[2] is False  # not resumed on the next start

    out = io.StringIO()
    code = main(["panic", "--sell", "--yes"], core=binance, stdout=out, stderr=err)
    assert code == 0, err.getvalue()
    printed = out.getvalue()
    for name in ("btc-grid (Trader, BTCUSDT)", "eth-grid (Trader, ETHUSDT)", "btc-hold"):
        assert name in printed
    assert printed.count(" at market for ") == 3
    assert resting(fake_binance) == []
    for spec in specs:
        assert held(binance, spec) < LOT[spec.symbol], spec.name
    for asset, symbol in (("BTC", "BTCUSDT"), ("ETH", "ETHUSDT")):
        free, locked = fake_binance.balance(asset)
        assert locked == 0 and free < 3 * LOT[symbol]  # the account holds only dust


class Running:
    """A bot running its loop in its own thread, as ``crypty bot run`` or the window runs it."""

    def __init__(self, core: Core, spec: BotSpec) -> None:
        self.life = BotLife(core, spec)
        self.runner = self.life.start().runner
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
        assert done.wait(10)

    def end(self) -> None:
        self.stop.set()
        self.thread.join(10)
        if self.life.holds_lock:
            self.life.finish()


@pytest.mark.logs(r"Daily loss limit of .* reached")
def test_the_daily_loss_limit_makes_the_three_bots_safe_by_itself(
    binance: Core, fake_binance: FakeBinance
) -> None:
    specs = three_bots(binance, fake_binance)
    binance.platforms.set_loss_limit(binance.platforms.find("Binance"), D("20"))
    hits: list[LossLimitHit] = []
    binance.loss_limits.subscribe(hits.append)
    running = [Running(binance, spec) for spec in specs]
    try:
        for bot in running:  # the market as the bots left it: no loss yet
            bot.step(candle(bot.runner.spec.symbol, START[bot.runner.spec.symbol], 2))
        assert binance.loss_limits.wait_idle(10) and hits == []
        # The market falls 10 %: the grids' buys fill on the way, everything held loses.
        for symbol, low in (("BTCUSDT", "27000"), ("ETHUSDT", "1800")):
            fake_binance.set_price(symbol, low)
        for bot in running:
            symbol = bot.runner.spec.symbol
            bot.step(candle(symbol, "27000" if symbol == "BTCUSDT" else "1800", 3))
        assert binance.loss_limits.wait_idle(60)
        for bot in running:
            bot.thread.join(10)
            assert not bot.thread.is_alive(), bot.runner.spec.name
    finally:
        for bot in running:
            bot.end()

    [hit] = hits
    assert hit.loss >= hit.limit == D("20")
    assert resting(fake_binance) == []
    for spec in specs:
        assert binance.bot_store.state(spec.id) == (BotState.STOPPED, STOPPED_LOSS_LIMIT, False)
        assert held(binance, spec) < LOT[spec.symbol], spec.name
    text = hit.text()
    assert text.count(" at market for ") == 3
