"""The user data stream over real sockets: the app's client against the fake WebSocket API.

Orders go through the app's REST gateway (real python-binance) to the fake; the fake's matching
engine turns them into executionReports on the fake WebSocket API; the app's UserDataStream reads
them. Waits are generous and only for events; nothing is timed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest

from crypty_desktop.domain.errors import AuthError
from crypty_desktop.domain.orders import (
    OrderRequest,
    OrderStatus,
    OrderType,
    Side,
    client_order_id,
)
from crypty_desktop.domain.platform import ApiCredentials, KeyKind, PlatformType
from crypty_desktop.exchange.streams import Backoff, LinkState
from crypty_desktop.exchange.user_events import AccountPosition, OrderUpdate, UserEvent
from crypty_desktop.exchange.user_stream import StreamStatus, UserDataStream
from crypty_desktop.exchange.user_streams import UserStreams
from crypty_desktop.keypair import generate_ed25519
from tests.fakes.binance_state import FakeOrder
from tests.fakes.fake_binance import FakeBinance, FakeKey
from tests.fakes.fake_ws_api import execution_report
from tests.fakes.trading import KEY, SECRET, GatewayFactory, trading_gateway

__all__ = ["trading_gateway"]  # the fixture, imported for this module's tests

D = Decimal
BOT = "bot-stream"
WAIT = 15.0  # float-ok: seconds; generous, only ever waited for events
FAST = Backoff(initial=0.05, cap=0.2)
HMAC = ApiCredentials(KEY, SECRET, KeyKind.HMAC)


class Collector:
    """A listener that records what it gets (optionally slowly) and lets the test wait for it."""

    def __init__(self, delay: float = 0.0) -> None:  # float-ok: seconds
        self.delay = delay
        self.events: list[UserEvent] = []
        self.gaps: list[int] = []
        self.threads: set[str] = set()
        self._cond = threading.Condition()

    def on_event(self, event: UserEvent) -> None:
        if self.delay:
            time.sleep(self.delay)
        with self._cond:
            self.events.append(event)
            self.threads.add(threading.current_thread().name)
            self._cond.notify_all()

    def on_gap(self, since_ms: int) -> None:
        with self._cond:
            self.gaps.append(since_ms)
            self._cond.notify_all()

    def wait(self, predicate: Callable[[Collector], bool], what: str) -> None:
        with self._cond:
            if not self._cond.wait_for(lambda: predicate(self), WAIT):
                raise AssertionError(f"waited for {what}; got {self.events!r}, gaps {self.gaps}")

    def updates(self, client_id: str | None = None) -> list[OrderUpdate]:
        with self._cond:
            return [
                e
                for e in self.events
                if isinstance(e, OrderUpdate) and client_id in (None, e.client_order_id)
            ]


@pytest.fixture
def fake(fake_binance: FakeBinance) -> FakeBinance:
    fake_binance.set_balance("USDT", "1000")
    fake_binance.set_balance("BTC", "0.5")
    fake_binance.set_price("BTCUSDT", "30000")
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET, can_trade=True))
    return fake_binance


StreamFactory = Callable[..., UserDataStream]


@pytest.fixture
def open_stream(fake: FakeBinance) -> Iterator[StreamFactory]:
    """Makes started streams on the fake's WebSocket API (stopped after the test)."""
    made: list[UserDataStream] = []

    def make(
        creds: ApiCredentials = HMAC, listener: Collector | None = None, **options: Any
    ) -> UserDataStream:
        options.setdefault("backoff", FAST)
        stream = UserDataStream(PlatformType.BINANCE, creds, url=fake.ws_api_url, **options)
        if listener is not None:
            stream.add_listener(listener.on_event, on_gap=listener.on_gap)
        made.append(stream)
        stream.start()
        return stream

    yield make
    for stream in made:
        stream.stop()
    for stream in made:
        assert not stream.alive


def wait_live(stream: UserDataStream, subscriptions: int = 1) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if stream.is_live() and stream.status().subscriptions >= subscriptions:
            return
        time.sleep(0.01)
    raise AssertionError(f"not live with {subscriptions} subscriptions: {stream.status()}")


def market(qty: str, seq: int, side: Side = Side.BUY) -> OrderRequest:
    return OrderRequest("BTCUSDT", side, OrderType.MARKET, D(qty), client_order_id(BOT, seq))


def limit(qty: str, price: str, seq: int, side: Side = Side.BUY) -> OrderRequest:
    return OrderRequest(
        "BTCUSDT", side, OrderType.LIMIT, D(qty), client_order_id(BOT, seq), price=D(price)
    )


# --- subscribing -------------------------------------------------------------------------------


def test_an_hmac_key_subscribes_and_the_owner_is_told_to_backfill(
    fake: FakeBinance, open_stream: StreamFactory
) -> None:
    before_ms = fake.state.now_ms()
    seen: list[StreamStatus] = []
    got = Collector()
    stream = open_stream(listener=got, on_state=seen.append)
    wait_live(stream)
    got.wait(lambda c: len(c.gaps) == 1, "the first gap notice")
    assert got.gaps[0] <= fake.state.now_ms() and got.gaps[0] >= before_ms - 2000
    [attempt] = fake.ws_api.attempts
    assert attempt.ok and attempt.api_key == KEY
    assert fake.ws_api.methods[:2] == ["time", "userDataStream.subscribe.signature"]
    status = stream.status()
    assert (status.state, status.error, status.subscriptions) == (LinkState.CONNECTED, None, 1)
    assert [s.state for s in seen][:2] == [LinkState.CONNECTING, LinkState.CONNECTED]
    assert SECRET not in repr(stream) and KEY not in repr(stream)


def test_an_ed25519_key_subscribes(fake: FakeBinance, open_stream: StreamFactory) -> None:
    pair = generate_ed25519()
    ed_key = "E" * 32 + "d" * 32
    fake.add_key(FakeKey(api_key=ed_key, public_pem=pair.public_pem))
    stream = open_stream(ApiCredentials(ed_key, pair.private_pem, KeyKind.ED25519))
    wait_live(stream)
    assert [(a.api_key, a.ok) for a in fake.ws_api.attempts] == [(ed_key, True)]


@pytest.mark.parametrize(
    ("creds", "code"),
    [
        (ApiCredentials(KEY, "W" * 64, KeyKind.HMAC), -1022),  # wrong secret: bad signature
        (ApiCredentials("U" * 64, SECRET, KeyKind.HMAC), -2015),  # a key Binance does not know
    ],
)
@pytest.mark.logs(r"userDataStream\.subscribe")
def test_a_refused_subscription_is_reported_and_never_live(
    fake: FakeBinance, open_stream: StreamFactory, creds: ApiCredentials, code: int
) -> None:
    stream = open_stream(creds)
    fake.ws_api.wait_attempts(1)
    deadline = time.monotonic() + WAIT
    while stream.status().error is None and time.monotonic() < deadline:
        time.sleep(0.01)
    status = stream.status()
    assert isinstance(status.error, AuthError) and status.error.code == code
    assert status.state is LinkState.RECONNECTING and status.subscriptions == 0
    assert not stream.is_live()
    assert [(a.ok, a.code) for a in fake.ws_api.attempts] == [(False, code)]
    assert creds.secret not in str(status.error)


# --- events from the account's orders ---------------------------------------------------------


def test_a_market_order_through_the_gateway_becomes_a_new_then_a_trade_report(
    fake: FakeBinance, open_stream: StreamFactory, trading_gateway: GatewayFactory
) -> None:
    got = Collector()
    wait_live(open_stream(listener=got))
    request = market("0.01", 1)
    placed = trading_gateway().place_order(request)
    cid = request.client_order_id
    got.wait(lambda c: len(c.updates(cid)) == 2, "NEW and TRADE")
    new, traded = got.updates(cid)
    assert (new.execution_type, new.status, new.fill) == ("NEW", OrderStatus.NEW, None)
    assert traded.execution_type == "TRADE" and traded.status is OrderStatus.FILLED
    assert traded.exchange_order_id == placed.exchange_order_id
    assert (traded.symbol, traded.side, traded.type) == ("BTCUSDT", Side.BUY, "MARKET")
    assert (traded.quantity, traded.executed_qty, traded.quote_qty) == (
        D("0.01"),
        D("0.01"),
        D(300),
    )
    [trade] = fake.trades
    fill = traded.fill
    assert fill is not None and fill.trade_id == trade.trade_id
    assert (fill.price, fill.quantity, fill.fee, fill.fee_asset) == (
        D(30000),
        D("0.01"),
        D("0.00001"),
        "BTC",
    )
    assert fill.client_order_id == cid and fill.exchange_order_id == placed.exchange_order_id
    assert fill.time == trade.time and not traded.is_maker
    assert all(isinstance(v, Decimal) for v in (fill.price, fill.quantity, fill.fee))
    got.wait(
        lambda c: any(isinstance(e, AccountPosition) and "BTC" in e.by_asset() for e in c.events),
        "the balances after the trade",
    )
    [position] = [e for e in got.events if isinstance(e, AccountPosition)]
    assert position.by_asset()["BTC"].free == fake.balance("BTC")[0] == D("0.50999")
    assert position.by_asset()["USDT"].free == D(700)


def test_a_resting_limit_filled_later_by_the_price_sends_a_maker_trade(
    fake: FakeBinance, open_stream: StreamFactory, trading_gateway: GatewayFactory
) -> None:
    got = Collector()
    wait_live(open_stream(listener=got))
    request = limit("0.002", "29000.5", 2)
    trading_gateway().place_order(request)
    cid = request.client_order_id
    got.wait(lambda c: len(c.updates(cid)) == 1, "the NEW report")
    assert got.updates(cid)[0].price == D("29000.5")
    assert fake.set_price("BTCUSDT", "29000") == 1
    got.wait(lambda c: len(c.updates(cid)) == 2, "the TRADE report")
    traded = got.updates(cid)[1]
    assert traded.execution_type == "TRADE" and traded.status is OrderStatus.FILLED
    assert traded.is_maker and traded.fill is not None
    assert (traded.fill.price, traded.fill.quantity) == (D("29000.5"), D("0.002"))
    assert traded.quote_qty == D("58.001") and traded.fill.fee == D("0.000002")


def test_a_cancel_report_names_the_original_order(
    fake: FakeBinance, open_stream: StreamFactory, trading_gateway: GatewayFactory
) -> None:
    got = Collector()
    wait_live(open_stream(listener=got))
    request = limit("0.01", "31000", 3, Side.SELL)
    gw = trading_gateway()
    gw.place_order(request)
    gw.cancel_order("BTCUSDT", request.client_order_id)
    got.wait(lambda c: len(c.updates(request.client_order_id)) == 2, "NEW and CANCELED")
    canceled = got.updates(request.client_order_id)[1]
    assert canceled.status is OrderStatus.CANCELED and canceled.execution_type == "CANCELED"
    assert canceled.cancel_client_order_id not in (None, request.client_order_id)


def test_a_symbol_listener_gets_its_market_and_the_balances_only(
    fake: FakeBinance, open_stream: StreamFactory, trading_gateway: GatewayFactory
) -> None:
    everything, eth_only = Collector(), Collector()
    stream = open_stream(listener=everything)
    stream.add_listener(eth_only.on_event, symbol="ethbtc")
    wait_live(stream)
    trading_gateway().place_order(market("0.01", 4))
    everything.wait(lambda c: len(c.updates()) == 2, "both reports")
    everything.wait(lambda c: len(c.events) >= 3, "the balances")
    eth_only.wait(lambda c: len(c.events) >= 1, "the balances")
    assert eth_only.updates() == []
    assert all(isinstance(e, AccountPosition) for e in eth_only.events)


# --- reconnecting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cut", ["disconnect", "drop_connections", "server_shutdown", "terminate_subscriptions"]
)
def test_after_any_cut_it_subscribes_again_reports_the_gap_and_events_flow(
    fake: FakeBinance, open_stream: StreamFactory, trading_gateway: GatewayFactory, cut: str
) -> None:
    got = Collector()
    stream = open_stream(listener=got)
    wait_live(stream)
    got.wait(lambda c: len(c.gaps) == 1, "the first gap notice")
    getattr(fake.ws_api, cut)()
    fake.ws_api.wait_subscriptions(2)
    wait_live(stream, subscriptions=2)
    got.wait(lambda c: len(c.gaps) == 2, "the gap notice after the renewal")
    assert got.gaps[0] <= got.gaps[1] <= fake.state.now_ms()
    assert fake.ws_api.active_subscriptions == 1  # the old one died with its connection
    request = market("0.01", 5)
    trading_gateway().place_order(request)
    got.wait(lambda c: len(c.updates(request.client_order_id)) == 2, "events after renewal")
    assert [a.ok for a in fake.ws_api.attempts] == [True, True]


def test_the_gap_notice_comes_before_the_new_subscriptions_events(
    fake: FakeBinance, open_stream: StreamFactory, trading_gateway: GatewayFactory
) -> None:
    order: list[str] = []
    stream = open_stream()
    stream.add_listener(lambda e: order.append("event"), on_gap=lambda s: order.append("gap"))
    wait_live(stream)
    fake.ws_api.drop_connections()
    wait_live(stream, subscriptions=2)
    trading_gateway().place_order(market("0.01", 6))
    deadline = time.monotonic() + WAIT
    while order.count("event") < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert order[:2] == ["gap", "gap"] and order.count("event") >= 2


def test_a_connection_is_renewed_before_its_age_limit(
    fake: FakeBinance, open_stream: StreamFactory
) -> None:
    got = Collector()
    stream = open_stream(listener=got, max_age=0.3)
    fake.ws_api.wait_subscriptions(3)
    got.wait(lambda c: len(c.gaps) >= 3, "a gap notice per renewal")
    assert stream.status().error is None
    assert fake.ws_api.connections <= 1


def test_renew_on_request_subscribes_again_and_late_listeners_get_no_gap(
    fake: FakeBinance, open_stream: StreamFactory
) -> None:
    early = Collector()
    stream = open_stream(listener=early)
    wait_live(stream)
    late = Collector()
    stream.add_listener(late.on_event, on_gap=late.on_gap)  # live: nothing to backfill
    stream.renew()
    fake.ws_api.wait_subscriptions(2)
    early.wait(lambda c: len(c.gaps) == 2, "a gap notice per subscription")
    late.wait(lambda c: len(c.gaps) == 1, "the renewal's gap notice only")
    assert late.gaps[0] >= early.gaps[0]


def test_it_keeps_trying_while_the_server_refuses_then_subscribes(
    fake: FakeBinance, open_stream: StreamFactory
) -> None:
    fake.ws_api.refuse()
    stream = open_stream()
    time.sleep(0.3)  # a few refused handshakes (not asserted: only the outcome is)
    assert not stream.is_live() and fake.ws_api.attempts == []
    fake.ws_api.accept()
    wait_live(stream)


# --- delivery -----------------------------------------------------------------------------------


def synthetic_order(i: int) -> FakeOrder:
    return FakeOrder(
        order_id=9_000_000 + i,
        symbol="BTCUSDT",
        client_order_id=f"burst-{i}",
        side="BUY",
        type="LIMIT",
        time_in_force="GTC",
        price=D("100.5"),
        orig_qty=D("0.001"),
        time=1_700_000_000_000 + i,
    )


def test_a_slow_listener_loses_nothing_and_gets_everything_in_order(
    fake: FakeBinance, open_stream: StreamFactory
) -> None:
    count = 500
    slow = Collector(delay=0.002)
    stream = open_stream(listener=slow)
    wait_live(stream)
    for i in range(count):
        fake.ws_api.emit(execution_report(synthetic_order(i), None, 1_700_000_000_000 + i))
    slow.wait(lambda c: len(c.events) == count, f"{count} events")
    ids = [u.exchange_order_id for u in slow.updates()]
    assert ids == [9_000_000 + i for i in range(count)]
    assert stream.is_live() and stream.status().subscriptions == 1  # the link never suffered
    assert len(slow.threads) == 1 and threading.current_thread().name not in slow.threads


def test_a_failing_listener_does_not_starve_the_others(
    fake: FakeBinance, open_stream: StreamFactory, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(event: UserEvent) -> None:
        raise RuntimeError("listener bug")

    got = Collector()
    stream = open_stream()
    stream.add_listener(broken)
    stream.add_listener(got.on_event)
    wait_live(stream)
    for i in range(3):
        fake.ws_api.emit(execution_report(synthetic_order(i), None, 1))
    got.wait(lambda c: len(c.events) == 3, "three events")
    assert sum("a listener failed" in r.getMessage() for r in caplog.records) == 3


def test_a_removed_listener_gets_nothing_more(
    fake: FakeBinance, open_stream: StreamFactory
) -> None:
    kept, removed = Collector(), Collector()
    stream = open_stream(listener=kept)
    handle = stream.add_listener(removed.on_event)
    wait_live(stream)
    handle.remove()
    fake.ws_api.emit(execution_report(synthetic_order(1), None, 1))
    kept.wait(lambda c: len(c.events) == 1, "the event")
    assert removed.events == []


def test_streams_are_shared_per_key_and_stopped_with_their_last_user(fake: FakeBinance) -> None:
    streams = UserStreams()
    first = streams.acquire(PlatformType.BINANCE, HMAC, url=fake.ws_api_url, backoff=FAST)
    second = streams.acquire(PlatformType.BINANCE, HMAC, url=fake.ws_api_url, backoff=FAST)
    try:
        assert first is second
        wait_live(first)
        assert fake.ws_api.connections == 1
        streams.release(first)
        assert first.alive and first.is_live()
    finally:
        streams.release(second)
    assert not first.alive and not first.is_live()
    assert first.status().state is LinkState.STOPPED
    streams.close()
