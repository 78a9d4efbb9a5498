"""Market streams and bans that heal, over real sockets.

- A kline stream that stays connected but says nothing is closed after its silence limit, the
  candles it missed come by REST at once (and keep coming while it stays silent), and it
  reconnects; a bot's stop-loss therefore fires during the silence, not when the stream speaks.
- A 429 or 418 met while catching up makes the stream wait for the end of the pause before any
  other REST call.
- A Trader bot that meets a 418 (or a 429) does not stop: it says until when Binance blocks
  requests, sends nothing until then, and trades again after, with the candles that closed
  meanwhile.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import cast

import pytest

from crypty_desktop.app import Core, build_core
from crypty_desktop.bots.brokers import PaperBroker
from crypty_desktop.bots.engine import BLOCKED_UNTIL, REQUESTS_BACK, SLOWED_UNTIL, BotRunner
from crypty_desktop.bots.host import BotThread, BuiltBot, build_bot
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.bots import BotKind, BotSpec, BotState, BotStatus, Decision
from crypty_desktop.domain.errors import IpBanned
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.orders import OrderStatus, Side
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, PlatformType
from crypty_desktop.exchange.gateway import ExchangeGateway
from crypty_desktop.exchange.streams import SILENCE_LIMIT, LinkState, silence_limit
from crypty_desktop.market.hub import MarketDataHub
from crypty_desktop.settings import Settings
from crypty_desktop.strategies.registry import create_strategy
from crypty_desktop.wording import parse
from tests.fakes.fake_binance import FakeBinance, FakeKey
from tests.fakes.fake_streams import FakeStreamServer
from tests.market.test_market_data import FAST, WAIT, Market, Recorder, assert_empty, candle, take
from tests.memory_keyring import MemoryKeyring

pytestmark = pytest.mark.logs(r"KlineStream\(.*\): (banned|connected but silent)")

KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
STEP = 60_000
PRICE = Decimal("60000")
SILENCE = 0.5  # float-ok: seconds, the tests' silence limit
GENEROUS = 20.0  # float-ok: seconds; a bound for a loaded machine, never a speed target


def wait_for(predicate: object, timeout: float = GENEROUS) -> None:  # float-ok: seconds
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.02)
    raise AssertionError("condition not met in time")


@pytest.fixture
def streams() -> Iterator[FakeStreamServer]:
    with FakeStreamServer() as server:
        yield server


# --- the watchdog, on the hub ---------------------------------------------------------------------


def test_the_silence_limit_is_one_and_a_half_intervals_at_most_ten_seconds() -> None:
    assert SILENCE_LIMIT == 10.0
    assert silence_limit("1m") == 10.0  # Binance pushes every 2 s: 10 s of nothing is a fault
    assert silence_limit("1m", limit=600.0) == 90.0  # never later than 1.5 intervals
    assert silence_limit("4h", limit=SILENCE) == SILENCE


def test_a_connected_but_silent_stream_is_caught_up_by_rest_and_reconnected(
    streams: FakeStreamServer,
) -> None:
    market = Market()
    hub = MarketDataHub(
        cast(ExchangeGateway, market),
        ws_url=streams.url,
        backoff=FAST,
        silence=SILENCE,
        now_ms=market.now_ms,
    )
    recorder = Recorder()
    hub.add_listener(recorder)
    try:
        feed = hub.subscribe("BTCUSDT", "1m")
        streams.wait_connections(1)
        streams.push_kline(market.produce(0))
        assert feed.get(timeout=WAIT) == candle(0)

        streams.silence()  # the link stays open and answers pings, but says nothing
        missed = [market.produce(i) for i in range(1, 4)]
        for c in missed:
            streams.push_kline(c)
        assert [feed.get(timeout=GENEROUS) for _ in missed] == missed  # by REST, in order
        assert any(call[1] == candle(1).open_time for call in market.calls)
        streams.wait_requests(2)  # the silent link was closed and opened again
        assert any(
            s.state is LinkState.RECONNECTING and "no data" in s.detail for s in recorder.seen
        )
        assert streams.swallowed >= 1

        later = market.produce(4)  # still silent: REST keeps the candles coming
        assert feed.get(timeout=GENEROUS) == later

        streams.speak()
        streams.wait_connections(1)
        streams.push_kline(market.produce(5))  # heard, or fetched at the next catch-up
        assert feed.get(timeout=GENEROUS) == candle(5)
        assert_empty(feed)
    finally:
        hub.close()


def test_a_ban_met_while_catching_up_holds_every_rest_call_until_it_ends(
    streams: FakeStreamServer,
) -> None:
    market = Market()
    hub = MarketDataHub(
        cast(ExchangeGateway, market), ws_url=streams.url, backoff=FAST, now_ms=market.now_ms
    )
    try:
        feed = hub.subscribe("BTCUSDT", "1m")
        streams.wait_connections(1)
        streams.push_kline(market.produce(0))
        assert feed.get(timeout=WAIT) == candle(0)

        market.produce(1)  # closes while the link is down
        ban = 1.0  # float-ok: seconds
        until = datetime.now(UTC) + timedelta(seconds=ban)
        market.fail_next(1, IpBanned("banned", retry_after=ban, until=until, code=418))
        streams.drop_connections()
        assert take(feed, 1) == [candle(1)]  # after the ban, through the same backfill
        first_after = next(i for i, c in enumerate(market.calls) if c[1] == candle(1).open_time)
        refused_at = market.times[first_after]
        later = market.times[first_after + 1 :]
        assert later and all(t >= refused_at + ban for t in later)
    finally:
        hub.close()


# --- a bot on the real client against the fake Binance -------------------------------------------


@pytest.fixture
def env(
    fake_binance: FakeBinance, streams: FakeStreamServer, monkeypatch: pytest.MonkeyPatch
) -> FakeBinance:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET, can_trade=True))
    fake_binance.set_balance("USDT", "10000")
    fake_binance.set_price("BTCUSDT", PRICE)
    monkeypatch.setenv("CRYPTY_BINANCE_URL", fake_binance.url)
    monkeypatch.setenv("CRYPTY_BINANCE_WS_URL", streams.url)
    return fake_binance


@pytest.fixture
def binance(env: FakeBinance, memory_keyring: MemoryKeyring) -> Iterator[Core]:
    core = build_core(Settings.from_env(), CredentialStore(memory_keyring))
    core.platforms.add(
        "Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.ANY
    )
    yield core
    core.close()


def dca_bot(core: Core, kind: BotKind, stop_loss: str | None = None) -> BotSpec:
    return core.bots.create(
        name=f"{kind.value}-dca",
        platform_name="Binance",
        kind=kind,
        symbol="BTCUSDT",
        strategy="dca",
        params={"every": "1", "quote_amount": "20"},
        budget="200",
        stop_loss=stop_loss,
    )


def minute_candle(t: int, price: Decimal) -> Candle:
    return Candle(
        "BTCUSDT", "1m", t, price, price + 10, price - 10, price, Decimal(3), t + STEP - 1
    )


class Clock:
    """The hub's market clock, moved by the test (candles an hour old close when it says)."""

    def __init__(self, now: int) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now


def template(message: str) -> str:
    parsed = parse(message)
    return parsed.template if parsed is not None else message


def build_runner(core: Core, spec: BotSpec, broker: PaperBroker) -> BotRunner:
    runner = BotRunner(spec, create_strategy(spec.strategy, spec.params), broker, core.bot_store)
    runner.start()
    return runner


def test_a_silent_stream_does_not_switch_the_stop_loss_off(
    binance: Core, env: FakeBinance, streams: FakeStreamServer
) -> None:
    spec = dca_bot(binance, BotKind.GHOST, stop_loss="2")
    platform = binance.bots.platform_of(spec)
    gateway = binance.gateway_for(platform)
    base = int(time.time() * 1000) // STEP * STEP - 30 * STEP  # closed long ago for REST too
    clock = Clock(base)
    hub = MarketDataHub(gateway, ws_url=streams.url, backoff=FAST, silence=SILENCE, now_ms=clock)
    recorder = Recorder()
    hub.add_listener(recorder)
    steady = [minute_candle(base + i * STEP, PRICE) for i in range(2)]
    drop = [minute_candle(base + i * STEP, PRICE * Decimal("0.9")) for i in range(2, 4)]
    broker = PaperBroker(
        spec.id, platform.id, gateway.symbol_rules("BTCUSDT"), spec.budget, binance.order_log
    )
    runner = build_runner(binance, spec, broker)
    thread = BotThread(BuiltBot(runner, hub.subscribe("BTCUSDT", "1m"), platform))
    thread.start()
    try:
        streams.wait_connections(1)
        env.set_klines("BTCUSDT", "1m", steady)  # what REST has if a push falls between links
        for c in steady:
            clock.now = c.close_time + 1
            streams.push_kline(c)
        wait_for(lambda: runner.last_candle == steady[-1].open_time)
        assert runner.broker.wallet.base_total > 0 and runner.state is BotState.RUNNING

        streams.silence()  # connected, answering pings, and mute: the −10 % comes only by REST
        env.clear_requests()
        env.set_klines("BTCUSDT", "1m", steady + drop)
        clock.now = drop[-1].close_time + 1
        for c in drop:
            streams.push_kline(c)  # swallowed
        wait_for(lambda: runner.state is BotState.ERROR)
        assert "Stop-loss" in runner.reason
        assert env.requests_to("/api/v3/klines")  # caught up by REST during the silence
        assert any("no data" in status.detail for status in recorder.seen)  # found silent
        sells = [o for o in binance.order_log.orders(spec.id) if o.request.side is Side.SELL]
        # The paper sale that ends the bot filled at once, at the caught-up close.
        assert sells and sells[0].status is OrderStatus.FILLED
        assert runner.broker.wallet.locked_base == 0 and runner.broker.open == {}
        assert env.orders() == []  # a Ghost bot: paper only
    finally:
        thread.stop()
        hub.close()
    assert not thread.is_alive()


# --- 418 and 429 pause a Trader bot, which then resumes ------------------------------------------


@pytest.mark.parametrize(
    ("status", "words"), [(418, BLOCKED_UNTIL), (429, SLOWED_UNTIL)], ids=["418", "429"]
)
def test_a_ban_pauses_a_trader_bot_which_sends_nothing_then_resumes(
    binance: Core, env: FakeBinance, streams: FakeStreamServer, status: int, words: str
) -> None:
    spec = dca_bot(binance, BotKind.TRADER)
    events: list[BotStatus | Decision] = []
    built = build_bot(binance.bot_context, spec, events.append)
    thread = BotThread(built)
    runner = built.runner
    thread.start()
    base = int(time.time() * 1000) // STEP * STEP  # the stream only has newer candles
    try:
        streams.wait_connections(1)
        streams.push_kline(minute_candle(base, PRICE))
        wait_for(lambda: len(env.orders()) == 1)

        env.fail_next("/api/v3/order", status=status, headers={"Retry-After": "2"})
        streams.push_kline(minute_candle(base + STEP, PRICE))  # its buy meets the refusal
        wait_for(lambda: any(isinstance(e, Decision) and e.action == "wait" for e in events))
        refused = env.requests_to("/api/v3/order")[-1]
        assert refused.status == status
        assert thread.is_alive()  # paused, not stopped
        for i in (2, 3):  # candles close during the ban: they wait in the feed
            streams.push_kline(minute_candle(base + i * STEP, PRICE))

        wait_for(lambda: len(env.orders()) == 3)  # the two candles of the ban, traded after it
        assert thread.is_alive() and runner.state is BotState.RUNNING and runner.reason == ""
        later = [r for r in env.requests if r.at_ms > refused.at_ms]
        assert later and all(r.at_ms >= refused.at_ms + 2000 for r in later)
        waits = [e for e in events if isinstance(e, Decision) and e.action == "wait"]
        assert [template(e.message) for e in waits] == [words]  # once, saying until when
        paused = [e for e in events if isinstance(e, BotStatus) and e.reason]
        assert paused and all(
            e.state is BotState.RUNNING and template(e.reason) == words for e in paused
        )
        assert any(isinstance(e, Decision) and e.message == REQUESTS_BACK for e in events)
        not_sent = [
            o for o in binance.order_log.orders(spec.id) if o.status is OrderStatus.NOT_SENT
        ]
        assert len(not_sent) == 1  # the refused one: never on the exchange, never re-sent
        assert {o.client_order_id for o in env.orders()}.isdisjoint(
            {o.request.client_order_id for o in not_sent}
        )
    finally:
        thread.stop()
    assert not thread.is_alive()
