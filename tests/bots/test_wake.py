"""Sleep, wake and long absences: candles that closed while the bot was away warm its indicators
but are never traded on, the fills made meanwhile are recorded and told once, and the bot's log
says in one line what happened (``crypty_desktop/bots/wake.py``, ``BotRunner.catch_up``).

Two markets: the simulated exchange, whose clock the test moves (``advance_to``), and the loopback
fake Binance over real sockets, with a Trader grid bot whose level fills while the laptop sleeps
and while the app is closed for two days.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from decimal import Decimal

import pytest

from crypty_desktop.app import Core, build_core
from crypty_desktop.bots.brokers import PaperBroker
from crypty_desktop.bots.engine import BotRunner
from crypty_desktop.bots.host import build_bot
from crypty_desktop.bots.wake import WakeWatch, duration_text
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.bots import BotKind, BotSpec, BotStatus, Decision
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.orders import Fill, Side
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, PlatformType
from crypty_desktop.exchange.simulated import SimulatedExchange
from crypty_desktop.market.feed import CandleFeed, SeriesKey
from crypty_desktop.settings import Settings
from crypty_desktop.strategies.registry import create_strategy
from tests.fakes.fake_binance import FakeBinance
from tests.fakes.fake_streams import FakeStreamServer
from tests.fakes.trading import KEY, SECRET, trading_key
from tests.memory_keyring import MemoryKeyring

D = Decimal
STEP = 60_000
HOUR = 3_600_000


# --- noticing a suspend ---------------------------------------------------------------------------
class Clocks:
    def __init__(self) -> None:
        self.outside = 1000.0  # float-ok: seconds
        self.mono = 50.0  # float-ok: seconds

    def run(self, seconds: float) -> None:  # float-ok: both clocks move
        self.outside += seconds
        self.mono += seconds


def test_the_watch_tells_a_suspend_once_and_ignores_small_drifts() -> None:
    clocks = Clocks()
    watch = WakeWatch(limit=30, outside=lambda: clocks.outside, monotonic=lambda: clocks.mono)
    heard: list[float] = []
    watch.subscribe(heard.append)
    clocks.run(5)
    clocks.outside += 2  # NTP nudges the wall clock: not a suspend
    assert watch.check() is None
    clocks.run(3)
    clocks.outside += 2 * 3600 + 13 * 60  # asleep 2 h 13 min: the monotonic clock stood still
    assert watch.check() == pytest.approx(7980)
    assert watch.check() is None  # told once
    assert heard == [pytest.approx(7980)]
    assert duration_text(int(heard[0] * 1000)) == "2 h 13 min"
    assert duration_text(3 * 86_400_000 + 4 * HOUR + 59 * STEP) == "3 d 4 h"


# --- the simulated exchange -----------------------------------------------------------------------
def sma_bot(sim: SimulatedExchange, events: list[Decision], clock: bool) -> BotRunner:
    spec = BotSpec(
        id="sma",
        name="sma",
        kind=BotKind.GHOST,
        platform_id=1,
        symbol="BTCUSDT",
        interval="1m",
        strategy="sma_cross",
        params={"fast": "2", "slow": "3", "quote_amount": "100"},
        budget=D("1000"),
    )
    strategy = create_strategy(spec.strategy, spec.params)
    broker = PaperBroker(spec.id, 1, sim.symbol_rules("BTCUSDT"), spec.budget, None)

    def listen(event: BotStatus | Decision) -> None:
        if isinstance(event, Decision):
            events.append(event)

    return BotRunner(spec, strategy, broker, None, listen, (lambda: sim.now_ms) if clock else None)


def trades(events: list[Decision]) -> list[Decision]:
    return [e for e in events if e.action in ("buy", "sell")]


def test_two_hours_asleep_on_the_simulated_exchange_warm_the_indicators_without_trading() -> None:
    sim = SimulatedExchange()
    events: list[Decision] = []
    runner = sma_bot(sim, events, clock=True)
    runner.start()
    unsubscribe = sim.on_candle("BTCUSDT", "1m", runner.step)  # awake: each candle as it closes
    sim.advance_to(sim.now_ms + 10 * STEP)
    unsubscribe()
    assert runner.last_candle == sim.now_ms - STEP
    before = len(trades(events))

    # asleep: the candles wait in the feed, as the market data hub keeps filling it
    feed = CandleFeed(SeriesKey("BTCUSDT", "1m"), lambda _feed: unsubscribe())
    unsubscribe = sim.on_candle("BTCUSDT", "1m", feed.put)
    start = sim.now_ms
    sim.advance_to(start + 2 * HOUR)
    feed.close()
    waited = sim.klines("BTCUSDT", "1m", start, sim.now_ms - STEP)
    assert len(waited) == 120
    # The same candles decided on, as a bot without the rule would: the crosses trade.
    control_events: list[Decision] = []
    control = sma_bot(sim, control_events, clock=False)
    for candle in waited:
        control.step(candle)
    assert trades(control_events), "the price path must cross, or the test proves nothing"

    sim.advance_to(sim.now_ms + STEP)  # awake again, a minute after the last one closed
    stops = iter([False, True])
    runner.run(_Prefilled(waited), lambda: next(stops))  # the loop drains what waited, at once

    assert len(trades(events)) == before  # no decision on a candle older than the interval
    assert runner.last_candle == waited[-1].open_time
    closes = [c.close for c in waited[-3:]]
    values = {i.name: i.value for i in runner.strategy.indicators()}
    assert values["SMA 3"] == sum(closes) / 3  # the indicators saw every candle
    assert values["SMA 2"] == sum(closes[1:]) / 2
    runner.step(_next(waited[-1]))  # the next fresh candle: back, the summary comes first
    away = [e.message for e in events if e.message.startswith("Away")]
    assert away == ["Away 2 h 1 min: 120 candles caught up, no fill."]


class _Prefilled:
    """A feed holding candles that waited while the bot slept."""

    def __init__(self, candles: list[Candle]) -> None:
        self._candles = list(candles)

    def get(self, timeout: float | None = None) -> Candle:  # float-ok: seconds
        import queue

        if not self._candles:
            raise queue.Empty
        return self._candles.pop(0)

    def close(self) -> None:
        self._candles = []


def _next(candle: Candle) -> Candle:
    t = candle.open_time + STEP
    return Candle(
        candle.symbol, candle.interval, t, candle.close, candle.close, candle.close, candle.close,
        D(1), t + STEP - 1,
    )  # fmt: skip


# --- a Trader grid on the fake Binance ------------------------------------------------------------
GRID = {"lower": "29700", "upper": "30300", "levels": "20", "quote_per_level": "15"}


def kline(t: int, close: str) -> Candle:
    price = D(close)
    return Candle("BTCUSDT", "1m", t, price, price + 1, price - 1, price, D(1), t + STEP - 1)


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


def recorded(core: Core, spec: BotSpec) -> list[Fill]:
    cids = [o.request.client_order_id for o in core.order_log.orders(spec.id)]
    return core.order_log.fills(spec.platform_id, cids)


def test_a_trader_grid_asleep_then_closed_for_two_days_records_and_tells_each_fill_once(
    binance: Core, fake_binance: FakeBinance
) -> None:
    now_minute = int(time.time() * 1000) // STEP * STEP
    base = now_minute - (121 + 2880) * STEP  # candle k opens at base + k minutes
    # The absence's prices: down, then up through the idle levels 30015.78 and 30047.37 (a
    # grid trading on those candles would arm buys there), and back below them.
    path = ["29990"] * 40 + ["30060"] * 40 + ["29990"] * 40
    history = [kline(base + k * STEP, "30000") for k in range(1)]
    history += [kline(base + (k + 1) * STEP, p) for k, p in enumerate(path)]
    history += [kline(base + k * STEP, "30000") for k in range(121, 121 + 2880)]
    fake_binance.set_klines("BTCUSDT", "1m", history)
    spec = binance.bots.create(
        name="grid",
        platform_name="Binance",
        kind=BotKind.TRADER,
        symbol="BTCUSDT",
        strategy="grid",
        params=GRID,
        budget="400",
    )
    lines: list[str] = []

    def listen(event: BotStatus | Decision) -> None:
        if isinstance(event, Decision):
            lines.append(event.message)

    built = build_bot(binance.bot_context, spec, listen)
    built.feed.close()
    clock = [base + STEP + 1000]
    runner = built.runner
    runner.clock = lambda: clock[0]
    runner.step(history[0])
    assert len([o for o in fake_binance.orders() if o.side == "BUY"]) == 10

    # The lid closes. The level at 29984.21 fills on Binance meanwhile; two hours pass.
    fake_binance.set_price("BTCUSDT", "29980")
    clock[0] = base + 121 * STEP + 3000
    runner.catch_up(history[1:121])  # what the feed held on waking (the last one is fresh)

    buys = [o for o in fake_binance.orders() if o.side == "BUY"]
    assert len(buys) == 10  # the rise through idle levels while away bought nothing
    sells = [o for o in fake_binance.orders() if o.side == "SELL"]
    assert [(str(o.price), o.status) for o in sells] == [("30015.78", "NEW")]  # answered once
    fills = recorded(binance, spec)
    assert len(fills) == 1 and fills[0].side is Side.BUY
    quantity = fills[0].quantity
    assert [m for m in lines if m.startswith("Away")] == [
        f"Away 2 h 0 min: 119 candles caught up, 1 fill recorded (bought {quantity} BTC at "
        "29984.21 USDT)."
    ]

    # The app is quit for two days; the sale fills meanwhile.
    runner.stop()
    built.close()
    fake_binance.set_price("BTCUSDT", "30020")
    lines.clear()
    again = build_bot(
        binance.bot_context, binance.bots.find("grid"), listen
    )  # reconciles, then catches up
    again.feed.close()
    away = [m for m in lines if m.startswith("Away")]
    sold = [f.quantity for f in recorded(binance, spec) if f.side is Side.SELL]
    assert len(sold) == 1 and sold[0] <= quantity - fills[0].fee  # less the fee paid in BTC
    assert away == [
        f"Away 2 d 0 h: 2880 candles caught up, 1 fill recorded (sold {sold[0]} BTC at "
        "30015.78 USDT)."
    ]
    assert again.runner.last_candle == history[-1].open_time
    fake_binance.set_price("BTCUSDT", "30000")
    again.runner.step(kline(now_minute, "30000"))  # trading again: nothing is told twice
    again.runner.step(kline(now_minute + STEP, "30000"))
    at_level = [o for o in fake_binance.orders() if o.side == "BUY" and str(o.price) == "29984.21"]
    assert len(at_level) == 2  # bought, sold, bought again: once
    sells = [o for o in fake_binance.orders() if o.side == "SELL"]
    assert len(sells) == 1
    fills = recorded(binance, spec)
    assert len({f.trade_id for f in fills}) == len(fills) == 2
    told = [m for m in lines if m.startswith("Sold")]
    assert len(told) == 1
