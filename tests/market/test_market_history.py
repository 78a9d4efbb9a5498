"""market/: the one history module, the one candle feed, and bots reading both.

History runs over the real simulated exchange (``CountingExchange`` writes down each ``klines``
call) and a real SQLite candle store; the Binance bot reads the loopback fake Binance through the
real python-binance client, and its live candles from the loopback websocket server.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crypty_desktop.app import Core, build_core
from crypty_desktop.bots.host import build_bot
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.demo import SAMPLE_SYMBOL, ensure_demo
from crypty_desktop.domain.bots import BotKind, Decision
from crypty_desktop.domain.platform import PlatformType
from crypty_desktop.exchange.simulated import SimulatedExchange
from crypty_desktop.market.feed import CandleFeed, SeriesKey
from crypty_desktop.market.history import MAX_HOLES, History
from crypty_desktop.market.hub import MarketDataHub
from crypty_desktop.settings import Settings
from crypty_desktop.storage import Store
from crypty_desktop.storage.candles import CandleStore
from tests.bots.test_bots_binance import PRICE, candle, this_minute
from tests.fakes.fake_binance import FakeBinance
from tests.fakes.fake_streams import FakeStreamServer
from tests.market.test_history import CountingExchange
from tests.memory_keyring import MemoryKeyring

STEP = 60_000
SYMBOL = "BTCUSDT"


@pytest.fixture
def exchange() -> CountingExchange:
    sim = CountingExchange()
    sim.calls = []
    sim.advance_to(sim.now_ms + 200 * STEP)
    return sim


@pytest.fixture
def candles(tmp_path: Path) -> Iterator[CandleStore]:
    store = Store(tmp_path / "candles.sqlite3")
    yield CandleStore(store)
    store.close()


def _last_closed(sim: SimulatedExchange) -> int:
    return sim.now_ms // STEP * STEP - STEP


def test_history_reads_the_store_and_fetches_only_the_missing_candles(
    exchange: CountingExchange, candles: CandleStore
) -> None:
    end = _last_closed(exchange)
    start = end - 19 * STEP
    every = exchange.klines(SYMBOL, "1m", start, end)
    assert len(every) == 20
    candles.save("simulated", every[:5] + every[8:])  # open times 5, 6 and 7 are missing
    exchange.calls.clear()
    history = History(exchange, candles, "simulated")

    assert history.candles(SYMBOL, "1m", start, end) == every
    assert exchange.calls == [(every[5].open_time, every[7].open_time)]  # only the hole
    assert candles.load("simulated", SYMBOL, "1m", start, end) == every  # saved: fetched once
    assert history.candles(SYMBOL, "1m", start, end) == every
    assert len(exchange.calls) == 1


def test_history_fetches_one_span_when_the_store_is_full_of_holes(
    exchange: CountingExchange, candles: CandleStore
) -> None:
    end = _last_closed(exchange)
    start = end - 29 * STEP
    every = exchange.klines(SYMBOL, "1m", start, end)
    candles.save("simulated", every[::2])  # fifteen one-candle holes
    exchange.calls.clear()
    history = History(exchange, candles, "simulated")

    assert history.candles(SYMBOL, "1m", start, end) == every
    assert len(exchange.calls) == 1 < MAX_HOLES  # one request, not one per hole
    assert exchange.calls == [(every[1].open_time, every[-1].open_time)]


def test_history_without_a_store_fetches_and_keeps_nothing(exchange: CountingExchange) -> None:
    end = _last_closed(exchange)
    history = History(exchange, None, "simulated")
    got = history.candles(SYMBOL, "1m", end - 4 * STEP, end)
    assert [c.open_time for c in got] == [end - i * STEP for i in range(4, -1, -1)]
    assert history.stored(SYMBOL, "1m", end - 4 * STEP, end) == []
    assert history.candles(SYMBOL, "1m", end, end - STEP) == []  # an empty range asks nothing
    assert len(exchange.calls) == 1


def test_a_feed_hands_its_history_apart_from_the_live_candles(exchange: SimulatedExchange) -> None:
    end = _last_closed(exchange)
    old = exchange.klines(SYMBOL, "1m", end - 2 * STEP, end)
    closed: list[CandleFeed] = []
    feed = CandleFeed(SeriesKey(SYMBOL, "1m"), closed.append)
    feed.put_history(old)
    exchange.advance(1)
    [live] = exchange.klines(SYMBOL, "1m", end + STEP, end + STEP)
    feed.put(live)

    assert feed.take_history() == old
    assert feed.take_history() == []  # taken once
    assert feed.get(timeout=0) == live
    feed.close()
    assert closed == [feed]


def test_a_hub_subscription_keeps_its_history_apart(exchange: SimulatedExchange) -> None:
    hub = MarketDataHub(exchange)
    try:
        end = _last_closed(exchange)
        feed = hub.subscribe(SYMBOL, "1m", since_ms=end - 9 * STEP)
        history = feed.take_history()
        assert [c.open_time for c in history] == [end - i * STEP for i in range(9, -1, -1)]
        exchange.advance(1)
        assert feed.get(timeout=5).open_time == end + STEP
        feed.close()
    finally:
        hub.close()


def test_a_demo_bot_reads_its_candles_from_the_market_data_hub(core: Core) -> None:
    platform = ensure_demo(core.platforms, core.bots, with_sample_bot=False)
    spec = core.bots.create(
        name="demo sma",
        platform_name=platform.name,
        kind=BotKind.GHOST,
        symbol=SAMPLE_SYMBOL,
        strategy="sma_cross",
        params={"fast": "3", "slow": "8"},
        budget="1000",
    )
    events: list[object] = []
    built = build_bot(core.bot_context, spec, events.append)
    try:
        hub = core.market_data(platform)
        status = hub.status()[SeriesKey(SAMPLE_SYMBOL, "1m")]
        assert status.subscribers == 1  # the bot's feed is the hub's
        notes = [e.message for e in events if isinstance(e, Decision)]
        assert any(n.startswith("Warmed up on") for n in notes), notes  # history from the hub
        assert built.runner.last_candle >= 0
    finally:
        built.close()
    assert core.market_data(platform).status() == {}  # the last subscriber left


def test_a_binance_bot_warms_up_on_stored_candles_and_fetches_only_the_rest(
    fake_binance: FakeBinance,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with FakeStreamServer() as streams:
        monkeypatch.setenv("CRYPTY_BINANCE_URL", fake_binance.url)
        monkeypatch.setenv("CRYPTY_BINANCE_WS_URL", streams.url)
        fake_binance.set_price(SYMBOL, PRICE)
        now = this_minute()
        base = now - 30 * STEP
        closed = [candle(base, i) for i in range(30)]  # every minute up to the one forming
        fake_binance.set_klines(SYMBOL, "1m", closed)
        core = build_core(Settings.from_env(), CredentialStore(memory_keyring))
        try:
            core.platforms.add("Prices", PlatformType.BINANCE_PUBLIC)
            core.candles.save(PlatformType.BINANCE_PUBLIC.value, closed[:27])
            spec = core.bots.create(
                name="sma",
                platform_name="Prices",
                kind=BotKind.GHOST,
                symbol=SYMBOL,
                strategy="sma_cross",
                params={"fast": "3", "slow": "8"},
                budget="300",
            )
            fake_binance.clear_requests()
            built = build_bot(core.bot_context, spec)
            built.close()
            asked = [int(r.params["startTime"]) for r in fake_binance.requests_to("/api/v3/klines")]
            stored = core.candles.load(PlatformType.BINANCE_PUBLIC.value, SYMBOL, "1m")
        finally:
            core.close()
    assert asked, "the minutes the store lacks are fetched"
    assert min(asked) >= closed[27].open_time  # the stored ones are not asked again
    assert built.runner.last_candle == closed[-1].open_time  # warmed up to the last closed
    assert stored[-3:] == closed[-3:]  # and what was fetched is recorded
