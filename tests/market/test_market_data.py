"""The market data hub against a real loopback websocket server (tests/fakes/fake_streams.py).

The REST side is ``Market``: ``klines`` over the candles produced so far, recording each request,
on a clock that stands at the close of the last produced candle.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import cast

import pytest

from crypty_desktop.app import build_core
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.errors import CryptyError, ExchangeUnavailable, ValidationError
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, PlatformType
from crypty_desktop.exchange.gateway import ExchangeGateway
from crypty_desktop.exchange.simulated import SimulatedExchange
from crypty_desktop.exchange.streams import (
    LIVE_WS_URL,
    TESTNET_WS_URL,
    Backoff,
    LinkState,
    parse_kline_event,
    ws_base_url,
)
from crypty_desktop.market.hub import (
    CandleFeed,
    FeedClosed,
    MarketDataHub,
    SeriesKey,
    StreamStatus,
    wall_clock_ms,
)
from crypty_desktop.settings import Settings
from crypty_desktop.storage import Store
from crypty_desktop.storage.candles import CandleStore
from tests.fakes.fake_binance import FakeBinance, FakeKey
from tests.fakes.fake_streams import FakeStreamServer, kline_event
from tests.memory_keyring import MemoryKeyring

STEP = 60_000
T0 = 1_700_000_000_000 // STEP * STEP
FAST = Backoff(initial=0.02, cap=0.2, jitter=0.2)
WAIT = 5.0
KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"


def candle(i: int, symbol: str = "BTCUSDT", close: str | None = None) -> Candle:
    """The i-th one-minute candle after T0, with prices that tell it apart."""
    price = Decimal(100 + i)
    return Candle(
        symbol,
        "1m",
        T0 + i * STEP,
        price,
        price + 2,
        price - 1,
        Decimal(close) if close is not None else price + Decimal("0.5"),
        Decimal("1.25"),
        T0 + (i + 1) * STEP - 1,
    )


class Market:
    """The REST side of the exchange: only ``klines``, over the candles produced so far."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._candles: dict[str, list[Candle]] = {}
        self.now = T0  # no candle of index ≥ 0 has closed yet
        self.calls: list[tuple[str, int, int | None]] = []
        self.times: list[float] = []  # float-ok: monotonic time of each call
        self._failures = 0
        self._error: CryptyError | None = None

    def produce(self, i: int, symbol: str = "BTCUSDT") -> Candle:
        """Candle i closes: REST has it from now on, and the clock is at its end."""
        c = candle(i, symbol)
        with self._lock:
            self._candles.setdefault(symbol, []).append(c)
            self.now = max(self.now, c.close_time + 1)
        return c

    def fail_next(self, count: int, error: CryptyError | None = None) -> None:
        """The next ``count`` calls raise ``error`` (default: Binance is not answering)."""
        with self._lock:
            self._failures = count
            self._error = error

    def now_ms(self) -> int:
        with self._lock:
            return self.now

    def klines(
        self, symbol: str, interval: str, start_ms: int, end_ms: int | None = None
    ) -> list[Candle]:
        with self._lock:
            self.calls.append((symbol, start_ms, end_ms))
            self.times.append(time.monotonic())
            if self._failures:
                self._failures -= 1
                raise self._error or ExchangeUnavailable("Binance is not answering.")
            last = self.now if end_ms is None else end_ms
            return [c for c in self._candles.get(symbol, []) if start_ms <= c.open_time <= last]


class Recorder:
    """A status listener keeping every status it is told, and waking waiters."""

    def __init__(self) -> None:
        self.seen: list[StreamStatus] = []
        self._cond = threading.Condition()

    def __call__(self, status: StreamStatus) -> None:
        with self._cond:
            self.seen.append(status)
            self._cond.notify_all()

    def wait_state(self, state: LinkState, after: int = 0) -> StreamStatus:
        def found() -> StreamStatus | None:
            return next((s for s in self.seen[after:] if s.state is state), None)

        with self._cond:
            assert self._cond.wait_for(lambda: found() is not None, WAIT), f"never {state}"
            status = found()
            assert status is not None
            return status


@pytest.fixture
def server() -> Iterator[FakeStreamServer]:
    with FakeStreamServer() as fake:
        yield fake


@pytest.fixture
def market() -> Market:
    return Market()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[CandleStore]:
    db = Store(tmp_path / "candles.sqlite3")
    yield CandleStore(db)
    db.close()


@pytest.fixture
def hub(server: FakeStreamServer, market: Market, store: CandleStore) -> Iterator[MarketDataHub]:
    hub = MarketDataHub(
        cast(ExchangeGateway, market),
        store,
        venue="binance",
        ws_url=server.url,
        backoff=FAST,
        now_ms=market.now_ms,
    )
    yield hub
    hub.close()


def take(feed: CandleFeed, count: int) -> list[Candle]:
    return [feed.get(timeout=WAIT) for _ in range(count)]


def assert_empty(feed: CandleFeed) -> None:
    with pytest.raises(queue.Empty):
        feed.get(timeout=0)


def stream_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("kline-stream-")]


# --- delivery ------------------------------------------------------------------------------------


def test_feeds_get_closed_candles_only_in_order_once_each(
    hub: MarketDataHub, server: FakeStreamServer, market: Market
) -> None:
    feed = hub.subscribe("btcusdt", "1m")
    server.wait_connections(1)
    c0, c1, c2 = (market.produce(i) for i in range(3))
    server.push_kline(candle(0, close="999"), closed=False)  # still moving: not for bots
    server.push_kline(c0)
    server.push_kline(candle(1, close="998"), closed=False)
    server.push_kline(c1)
    server.push_kline(c0)  # heard again: dropped
    server.push_kline(c1)
    server.push_kline(c2)

    assert take(feed, 3) == [c0, c1, c2]
    assert all(c.closed for c in (c0, c1, c2))
    assert_empty(feed)
    status = hub.status()[SeriesKey("BTCUSDT", "1m")]
    assert status.state is LinkState.CONNECTED
    assert status.last_candle_ms == c2.open_time
    assert status.subscribers == 1


def test_two_subscribers_share_one_connection_and_the_last_one_out_closes_it(
    hub: MarketDataHub, server: FakeStreamServer, market: Market
) -> None:
    first = hub.subscribe("BTCUSDT", "1m")
    second = hub.subscribe("BTCUSDT", "1m")
    server.wait_connections(1)
    assert server.paths == ["/ws/btcusdt@kline_1m"]
    server.push_kline(market.produce(0))
    assert first.get(timeout=WAIT) == second.get(timeout=WAIT) == candle(0)

    other = hub.subscribe("ETHUSDT", "1m")  # another series: its own stream
    server.wait_connections(2)
    assert server.paths[1] == "/ws/ethusdt@kline_1m"
    other.close()
    server.wait_connections(1)

    first.close()
    server.push_kline(market.produce(1))
    assert second.get(timeout=WAIT) == candle(1)
    assert server.connections == 1
    assert_empty(first)
    with pytest.raises(FeedClosed):
        first.get(timeout=WAIT)

    second.close()
    server.wait_connections(0)
    assert hub.status() == {}
    assert stream_threads() == []
    assert len(server.paths) == 2  # nobody reconnected


def test_a_drop_mid_stream_loses_and_doubles_nothing(
    hub: MarketDataHub, server: FakeStreamServer, market: Market
) -> None:
    feed = hub.subscribe("BTCUSDT", "1m")
    server.wait_connections(1)
    for i in range(3):
        server.push_kline(market.produce(i))
    assert take(feed, 3) == [candle(i) for i in range(3)]

    server.drop_connections()
    for i in range(3, 9):  # candles keep closing: pushed to whoever is connected, REST has them
        server.push_kline(market.produce(i))
    server.wait_requests(2)
    server.wait_connections(1)
    server.push_kline(market.produce(9))

    assert take(feed, 7) == [candle(i) for i in range(3, 10)]
    assert_empty(feed)


def test_an_outage_is_backfilled_by_rest_after_reconnecting(
    hub: MarketDataHub, server: FakeStreamServer, market: Market
) -> None:
    recorder = Recorder()
    hub.add_listener(recorder)
    feed = hub.subscribe("BTCUSDT", "1m")
    server.wait_connections(1)
    server.push_kline(market.produce(0))
    assert feed.get(timeout=WAIT) == candle(0)

    server.refuse()
    mark = len(recorder.seen)
    server.drop_connections()
    down = recorder.wait_state(LinkState.RECONNECTING, mark)
    server.wait_requests(3)  # at least one more attempt, refused
    assert down.detail and down.since_ms > 0
    assert hub.status()[SeriesKey("BTCUSDT", "1m")].state is LinkState.RECONNECTING
    missed = [market.produce(i) for i in range(1, 4)]  # closed while we were away

    server.accept()
    server.wait_connections(1)
    assert take(feed, 3) == missed
    assert ("BTCUSDT", candle(1).open_time, market.now) in market.calls
    server.push_kline(missed[-1])  # the stream repeats the last one: dropped
    server.push_kline(market.produce(4))
    assert feed.get(timeout=WAIT) == candle(4)
    assert_empty(feed)
    up = recorder.wait_state(LinkState.CONNECTED, mark)
    assert up.since_ms >= down.since_ms


@pytest.mark.logs(r"Binance is not answering")
def test_a_failed_backfill_reconnects_and_tries_again(
    hub: MarketDataHub, server: FakeStreamServer, market: Market
) -> None:
    recorder = Recorder()
    hub.add_listener(recorder)
    feed = hub.subscribe("BTCUSDT", "1m")
    server.wait_connections(1)
    server.push_kline(market.produce(0))
    assert feed.get(timeout=WAIT) == candle(0)

    market.produce(1)  # closes while the link is down
    market.fail_next(1)
    server.drop_connections()
    assert feed.get(timeout=WAIT) == candle(1)
    assert any("not answering" in s.detail for s in recorder.seen)
    assert [call[1] for call in market.calls].count(candle(1).open_time) >= 2


def test_a_gap_in_the_stream_is_filled_from_rest_first(
    hub: MarketDataHub, server: FakeStreamServer, market: Market
) -> None:
    feed = hub.subscribe("BTCUSDT", "1m")
    server.wait_connections(1)
    server.push_kline(market.produce(0))
    assert feed.get(timeout=WAIT) == candle(0)

    market.produce(1)
    market.produce(2)  # the stream never says a word about these two
    server.push_kline(market.produce(3))
    assert take(feed, 3) == [candle(1), candle(2), candle(3)]
    assert ("BTCUSDT", candle(1).open_time, candle(3).open_time - 1) in market.calls
    assert_empty(feed)


# --- storage and warm-up -------------------------------------------------------------------------


def test_closed_candles_are_saved_in_the_candle_store(
    hub: MarketDataHub, server: FakeStreamServer, market: Market, store: CandleStore
) -> None:
    feed = hub.subscribe("BTCUSDT", "1m")
    server.wait_connections(1)
    server.push_kline(candle(0, close="1"), closed=False)
    server.push_kline(market.produce(0))
    server.push_kline(market.produce(1))
    assert take(feed, 2) == [candle(0), candle(1)]
    assert store.load("binance", "BTCUSDT", "1m") == [candle(0), candle(1)]


def test_warm_up_history_comes_from_the_store_and_rest_only_for_the_rest(
    hub: MarketDataHub, server: FakeStreamServer, market: Market, store: CandleStore
) -> None:
    produced = [market.produce(i) for i in range(10)]
    store.save("binance", produced[:8])

    feed = hub.subscribe("BTCUSDT", "1m", history=10)
    assert take(feed, 10) == produced
    assert market.calls[0] == ("BTCUSDT", candle(8).open_time, candle(9).open_time)
    assert all(start >= candle(8).open_time for _, start, _ in market.calls)
    assert store.load("binance", "BTCUSDT", "1m") == produced

    server.wait_connections(1)
    server.push_kline(market.produce(10))
    assert feed.get(timeout=WAIT) == candle(10)

    calls = len(market.calls)
    later = hub.subscribe("BTCUSDT", "1m", history=5)  # the series is running: all stored
    assert take(later, 5) == [candle(i) for i in range(6, 11)]
    assert len(market.calls) == calls
    server.push_kline(market.produce(11))
    assert feed.get(timeout=WAIT) == later.get(timeout=WAIT) == candle(11)
    assert_empty(feed)
    assert_empty(later)


def test_a_resuming_subscriber_gets_every_candle_since_its_last_one(
    hub: MarketDataHub, server: FakeStreamServer, market: Market, store: CandleStore
) -> None:
    produced = [market.produce(i) for i in range(6)]
    store.save("binance", produced[:3])

    feed = hub.subscribe("BTCUSDT", "1m", since_ms=candle(1).open_time)
    assert take(feed, 5) == produced[1:]
    assert market.calls[0] == ("BTCUSDT", candle(3).open_time, candle(5).open_time)
    server.wait_connections(1)
    server.push_kline(market.produce(6))
    assert feed.get(timeout=WAIT) == candle(6)

    up_to_date = hub.subscribe("BTCUSDT", "1m", since_ms=candle(7).open_time)
    assert_empty(up_to_date)
    server.push_kline(market.produce(7))
    assert up_to_date.get(timeout=WAIT) == feed.get(timeout=WAIT) == candle(7)


def test_a_failed_warm_up_subscribes_nothing(
    hub: MarketDataHub, server: FakeStreamServer, market: Market
) -> None:
    market.produce(0)
    market.fail_next(1)
    with pytest.raises(ExchangeUnavailable):
        hub.subscribe("BTCUSDT", "1m", history=3)
    assert hub.status() == {}
    assert server.paths == []
    with pytest.raises(ValidationError):
        hub.subscribe("BTCUSDT", "7m")


# --- lifecycle -----------------------------------------------------------------------------------


def test_close_ends_feeds_streams_and_threads(
    server: FakeStreamServer, market: Market, store: CandleStore
) -> None:
    before = set(threading.enumerate())
    hub = MarketDataHub(
        cast(ExchangeGateway, market), store, venue="binance", ws_url=server.url, backoff=FAST
    )
    feeds = [hub.subscribe(s, "1m") for s in ("BTCUSDT", "ETHUSDT", "BTCUSDT")]
    server.wait_connections(2)
    hub.close()

    server.wait_connections(0)
    assert all(f.closed for f in feeds)
    assert list(feeds[0]) == []  # iteration ends on a closed feed
    for thread in set(threading.enumerate()) - before:
        thread.join(WAIT)
    assert [t.name for t in set(threading.enumerate()) - before if t.is_alive()] == []
    with pytest.raises(ValidationError):
        hub.subscribe("BTCUSDT", "1m")


def test_a_stopped_stream_does_not_wait_for_a_refusing_server(
    hub: MarketDataHub, server: FakeStreamServer
) -> None:
    server.refuse()
    feed = hub.subscribe("BTCUSDT", "1m")
    server.wait_requests(2)  # it keeps trying, backing off
    feed.close()
    assert stream_threads() == []


# --- the simulated exchange ----------------------------------------------------------------------


def test_the_simulated_exchange_feeds_the_same_way() -> None:
    sim = SimulatedExchange()
    symbol = sim.symbols()[0].symbol
    hub = MarketDataHub(sim)
    try:
        feed = hub.subscribe(symbol, "1m", history=3)
        history = take(feed, 3)
        assert history[-1].close_time < sim.now_ms
        assert history == sim.klines(symbol, "1m", history[0].open_time, history[-1].open_time)
        sim.advance(2)
        live = take(feed, 2)
        assert [c.open_time for c in live] == [
            history[-1].open_time + STEP,
            history[-1].open_time + 2 * STEP,
        ]
        assert live == sim.klines(symbol, "1m", live[0].open_time, live[-1].open_time)
        assert_empty(feed)
        assert hub.status()[SeriesKey(symbol, "1m")].state is LinkState.CONNECTED
        feed.close()
        assert hub.status() == {}
        sim.advance(1)
        assert_empty(feed)
    finally:
        hub.close()


# --- pieces --------------------------------------------------------------------------------------


@pytest.mark.logs(r"ignored a message that is not a valid kline event")
def test_kline_events_parse_to_exact_decimals() -> None:
    c = candle(0, close="0.00000001")
    assert parse_kline_event(kline_event(c)) == c
    partial = parse_kline_event(kline_event(c, closed=False))
    assert partial is not None and not partial.closed
    combined = '{"stream":"btcusdt@kline_1m","data":' + kline_event(c) + "}"
    assert parse_kline_event(combined) == c
    assert parse_kline_event('{"result":null,"id":1}') is None
    assert parse_kline_event('{"e":"kline","k":{"t":"soon"}}') is None
    assert parse_kline_event("not json") is None


def test_backoff_doubles_with_jitter_up_to_the_cap() -> None:
    backoff = Backoff(initial=1.0, cap=30.0, jitter=0.2)
    for attempt, base in enumerate([1.0, 2.0, 4.0, 8.0, 16.0]):
        assert base * 0.8 <= backoff.delay(attempt) <= base * 1.2
    assert all(24.0 <= backoff.delay(n) <= 30.0 for n in (5, 6, 50, 10_000))


def test_stream_hosts_live_testnet_and_override() -> None:
    assert ws_base_url(PlatformType.BINANCE) == LIVE_WS_URL == "wss://stream.binance.com:9443"
    assert ws_base_url(PlatformType.BINANCE_TESTNET) == TESTNET_WS_URL
    assert ws_base_url(PlatformType.BINANCE, "ws://127.0.0.1:9/") == "ws://127.0.0.1:9"


# --- the whole path: core, real python-binance against the fake REST, real websocket -------------


def test_core_hub_over_the_fake_binance_rest_and_streams(
    fake_binance: FakeBinance,
    server: FakeStreamServer,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CRYPTY_BINANCE_URL", fake_binance.url)
    monkeypatch.setenv("CRYPTY_BINANCE_WS_URL", server.url)
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    last_closed = wall_clock_ms() // STEP * STEP - STEP
    first = (last_closed - T0) // STEP - 9
    closed = [candle(i) for i in range(first, first + 10)]  # the ten last closed minutes
    fake_binance.set_klines("BTCUSDT", "1m", closed)
    core = build_core(Settings.from_env(), CredentialStore(memory_keyring))
    try:
        platform = core.platforms.add(
            "Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.GHOST
        )
        feed = core.market_data(platform).subscribe("BTCUSDT", "1m", history=5)
        got = take(feed, 4)  # 5 unless the minute turned meanwhile
        server.wait_connections(1)
        assert server.paths == ["/ws/btcusdt@kline_1m"]
        server.push_kline(candle(first + 10))  # the minute now forming, when it closes
        while got[-1] != candle(first + 10):
            got.append(feed.get(timeout=WAIT))
        assert got in ([candle(i) for i in range(first + 5, first + 11)], closed[-4:] + got[-1:])
        assert core.candles.load("binance", "BTCUSDT", "1m", got[0].open_time) == got
        assert fake_binance.requests_to("/api/v3/klines")
    finally:
        core.close()
    server.wait_connections(0)
    assert stream_threads() == []
