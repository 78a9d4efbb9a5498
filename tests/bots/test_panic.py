""" "Make everything safe" against the loopback fake Binance over real sockets: two Trader bots (a
grid with resting orders, running in this process, and one holding bought BTC), a bot another
process runs, then ``make_safe`` and ``crypty panic``: none of the app's orders rests on the fake
any more, with ``--sell`` the holdings are sold, and the report says it bot by bot."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator
from decimal import Decimal

import pytest

from crypty_desktop.app import Core, build_core
from crypty_desktop.bots.host import BotLife, build_bot
from crypty_desktop.bots.panic import make_safe, panic_plan
from crypty_desktop.cli import main
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.bots import BotKind, BotSpec, BotState
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.orders import Side
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, PlatformType
from crypty_desktop.settings import Settings
from crypty_desktop.strategies.base import Intent
from tests.fakes.fake_binance import FakeBinance
from tests.fakes.fake_streams import FakeStreamServer
from tests.fakes.trading import KEY, SECRET, trading_key
from tests.lock_holder import holding
from tests.memory_keyring import MemoryKeyring

D = Decimal
STEP = 60_000
GRID = {"lower": "29700", "upper": "30300", "levels": "20", "quote_per_level": "15"}


def candle() -> Candle:
    t = int(time.time() * 1000) // STEP * STEP
    p = D("30000")
    return Candle("BTCUSDT", "1m", t, p, p + 5, p - 5, p, D(1), t + STEP - 1)


@pytest.fixture
def binance(
    fake_binance: FakeBinance, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Core]:
    trading_key(fake_binance)
    fake_binance.set_balance("USDT", "10000")
    fake_binance.set_price("BTCUSDT", "30000")
    monkeypatch.setenv("CRYPTY_BINANCE_URL", fake_binance.url)
    with FakeStreamServer() as streams:  # the kline stream stays on this machine
        monkeypatch.setenv("CRYPTY_BINANCE_WS_URL", streams.url)
        core = build_core(Settings.from_env(), CredentialStore(memory_keyring))
        core.platforms.add(
            "Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.ANY
        )
        yield core
        core.close()


def trader(core: Core, name: str, strategy: str, params: dict[str, str]) -> BotSpec:
    return core.bots.create(
        name=name,
        platform_name="Binance",
        kind=BotKind.TRADER,
        symbol="BTCUSDT",
        strategy=strategy,
        params=params,
        budget="400",
    )


def resting(fake: FakeBinance) -> list[str]:
    """The app's orders still resting on the fake (every bot's client ids start with ``cr``)."""
    return [o.client_order_id for o in fake.orders() if o.status in ("NEW", "PARTIALLY_FILLED")]


class Running:
    """A bot running in this process's own thread, as the window's worker runs it."""

    def __init__(self, core: Core, spec: BotSpec) -> None:
        self.life = BotLife(core.bot_context, spec)
        self.built = self.life.start()
        self.built.runner.step(candle())  # the grid places its buys
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        self.life.run(self.stop.is_set)
        self.life.finish()


def holder(core: Core) -> BotSpec:
    """A Trader bot that bought BTC for 60 USDT and was stopped (its holding stays)."""
    spec = trader(core, "holder", "sma_cross", {})
    built = build_bot(core.bot_context, spec)
    built.feed.close()
    built.runner.broker.execute(Intent(Side.BUY, "entry", quote_amount=D("60")), candle())
    built.runner.stop()
    built.close()
    return spec


def test_make_everything_safe_stops_cancels_and_sells_and_says_so(
    binance: Core, fake_binance: FakeBinance
) -> None:
    grid = trader(binance, "grid", "grid", GRID)
    holder(binance)
    far = trader(binance, "far", "sma_cross", {})
    running = Running(binance, grid)
    assert len(resting(fake_binance)) == 10
    btc_before, _ = fake_binance.balance("BTC")
    assert btc_before > 0

    with holding(binance.locks.folder, far.id):  # another process runs "far"
        plan = panic_plan(binance.bot_context)
        assert [s.name for s in plan.running_here] == ["grid"]
        assert [s.name for s, _o in plan.elsewhere] == ["far"]
        running.stop.set()  # the window asks its own bots to stop, then runs the button
        report = make_safe(binance.bot_context, sell=True, stopping=[grid.id])
    running.thread.join(5)

    assert resting(fake_binance) == []
    btc_after, locked = fake_binance.balance("BTC")
    assert locked == 0 and btc_after < D("0.00001")  # sold, all but what a lot step leaves
    assert binance.bot_store.state(grid.id)[:1] == (BotState.STOPPED,)
    assert binance.bot_store.state(grid.id)[2] is False  # not resumed on the next start
    text = report.text()
    assert "grid (Trader, BTCUSDT):\n  stopped; it will not start again by itself\n" in text
    assert "  cancelled 10 open orders\n  holds nothing to sell" in text
    assert "holder (Trader, BTCUSDT):\n  was not running\n  no open order on the exchange\n" in text
    # 60 USDT at 30000 bought 0.002 BTC less its 0.1 % fee: 0.001998; sold to the lot step.
    assert "  sold 0.00199 BTC at market for 59.70 USDT" in text
    assert (
        "far (Trader, BTCUSDT):\n  not touched: Bot “far” is already running in `crypty bot run`"
        in text
    )
    assert report.failed  # "far" could not be made safe from here


def test_crypty_panic_asks_then_cancels_and_keeps_holdings_without_sell(
    binance: Core, fake_binance: FakeBinance
) -> None:
    grid = trader(binance, "grid", "grid", GRID)
    held = holder(binance)
    built = build_bot(binance.bot_context, grid)
    built.feed.close()
    built.runner.step(candle())
    built.runner.stop(resume_later=True)  # quit with the bot running: it would resume
    built.close()
    assert len(resting(fake_binance)) == 10

    out, err = io.StringIO(), io.StringIO()
    code = main(["panic"], core=binance, stdin=io.StringIO(""), stdout=out, stderr=err)
    assert code == 1 and "add --yes" in err.getvalue()  # no terminal to ask: nothing done
    assert len(resting(fake_binance)) == 10
    assert (
        "Cancel every open order on the exchange of the Trader bots: grid, holder."
        in out.getvalue()
    )

    out = io.StringIO()
    code = main(["panic", "--yes"], core=binance, stdout=out, stderr=err)
    assert code == 0, err.getvalue()
    assert resting(fake_binance) == []
    printed = out.getvalue()
    assert "grid (Trader, BTCUSDT):\n  stopped; it will not start again by itself\n" in printed
    assert "  cancelled 10 open orders" in printed
    assert "  keeps 0.001998 BTC (not sold: you did not ask)" in printed
    assert fake_binance.balance("BTC")[0] > D("0.0019")  # kept
    assert binance.bot_store.state(grid.id)[2] is False
    assert binance.bot_store.state(held.id)[0] is BotState.STOPPED
