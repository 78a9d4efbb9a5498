"""No lost or doubled order when the network fails, end to end: OrderExecutor + OrderLog over the
real gateway, the real python-binance client and real HTTP to the fake Binance."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from crypty_desktop.bots.orders import OrderExecutor
from crypty_desktop.domain.orders import (
    OrderRequest,
    OrderStatus,
    OrderType,
    Side,
    client_order_id,
)
from crypty_desktop.exchange.binance import BinanceGateway
from crypty_desktop.storage.orders import OrderLog
from tests.fakes.fake_binance import FakeBinance
from tests.fakes.trading import gateway_for, trading_key
from tests.platform_rows import store_with_platform

pytestmark = pytest.mark.logs(r"outcome unknown \(\w+\); querying", r"trades not read yet")

BOT = "bot-faults"
PLATFORM = 1
ORDER_PATH = "/api/v3/order"
TIMEOUT = 0.25  # float-ok: seconds; stalls below last longer than this
D = Decimal


def market(seq: int = 0, qty: str = "0.001") -> OrderRequest:
    return OrderRequest("BTCUSDT", Side.BUY, OrderType.MARKET, D(qty), client_order_id(BOT, seq))


RECV_WINDOW_MS = 600  # short, so that "can no longer arrive" comes quickly
BACKOFF = (0.05, 0.1, 0.2, 0.4, 0.5, 0.5, 0.5)  # float-ok: seconds, > the window and its margin


class Rig:
    """The fake, a gateway with a short timeout and recvWindow, an order log and an executor."""

    def __init__(self, fake: FakeBinance, tmp_path: Path) -> None:
        self.fake = fake
        self.gateway: BinanceGateway = gateway_for(
            fake, timeout=TIMEOUT, recv_window_ms=RECV_WINDOW_MS
        )
        self.gateway.sync_time()
        self.log = OrderLog(store_with_platform(tmp_path / "orders.sqlite3"))
        self.slept: list[float] = []  # float-ok: seconds
        self.on_sleep: Callable[[], None] | None = None
        self.executor = OrderExecutor(
            self.gateway, self.log, PLATFORM, backoff=BACKOFF, sleep=self._sleep, margin_ms=200
        )

    def _sleep(self, seconds: float) -> None:  # float-ok: seconds
        self.slept.append(seconds)
        if self.on_sleep is not None:
            self.on_sleep()
        time.sleep(seconds)

    def assert_one_filled(self, request: OrderRequest) -> None:
        """Exactly one order on the exchange, FILLED in the log, its fill recorded once."""
        cid = request.client_order_id
        [placed] = self.fake.orders_with_client_id(cid)
        assert len(self.fake.orders()) == 1
        logged = self.log.get(PLATFORM, cid)
        assert logged is not None and logged.status is OrderStatus.FILLED
        assert logged.exchange_order_id == placed.order_id
        assert logged.executed_qty == request.quantity and logged.quote_qty == D("30")
        [fill] = self.log.fills(PLATFORM, [cid])
        [trade] = self.fake.trades
        assert (fill.trade_id, fill.exchange_order_id) == (trade.trade_id, placed.order_id)
        assert (fill.price, fill.quantity, fill.fee, fill.fee_asset) == (
            D("30000"),
            D("0.001"),
            D("0.000001"),
            "BTC",
        )


@pytest.fixture
def rig(fake_binance: FakeBinance, tmp_path: Path) -> Iterator[Rig]:
    trading_key(fake_binance)
    fake_binance.set_balance("USDT", "1000")
    fake_binance.set_price("BTCUSDT", "30000")
    r = Rig(fake_binance, tmp_path)
    yield r
    r.gateway.close()


@pytest.mark.parametrize(
    "fault",
    [{"status": 503}, {"status": 500}, {"drop": True}, {"stall": 0.8}],
    ids=["503-after-accept", "500-after-accept", "dropped-after-accept", "stalled-past-timeout"],
)
def test_order_accepted_but_answer_lost_is_found_not_resent(
    rig: Rig, fault: dict[str, object]
) -> None:
    rig.fake.accept_then(ORDER_PATH, **fault)  # type: ignore[arg-type]
    state = rig.executor.submit(BOT, 0, market())
    assert state.status is OrderStatus.FILLED and len(state.fills) == 1  # fills from myTrades
    rig.assert_one_filled(market())
    # Submitting the same intent again (a restarted bot) does not place a second order.
    assert rig.executor.submit(BOT, 0, market()).status is OrderStatus.FILLED
    rig.assert_one_filled(market())


def test_refused_connection_sends_once_the_first_request_can_no_longer_arrive(rig: Rig) -> None:
    rig.fake.down()
    rig.on_sleep = rig.fake.up  # the network comes back during the first wait
    state = rig.executor.submit(BOT, 0, market())
    assert state.status is OrderStatus.FILLED
    rig.assert_one_filled(market())
    requests = rig.fake.requests_to(ORDER_PATH)
    queries = [r for r in requests if r.method == "GET"]
    assert queries and {r.status for r in queries} == {400}  # "Order does not exist."
    assert [r.method for r in requests][-1] == "POST" and len(requests) == len(queries) + 1
    logged = rig.log.get(PLATFORM, market().client_order_id)
    assert logged is not None and logged.stamp is not None


def test_order_not_visible_at_first_is_not_doubled(rig: Rig) -> None:
    """Binance may answer -2013 just after accepting: one 'absent' alone never triggers a resend."""
    rig.fake.accept_then(ORDER_PATH, status=503)
    rig.fake.fail_next(
        ORDER_PATH, status=400, body={"code": -2013, "msg": "Order does not exist."}
    )  # the first query (the POST took the 503 fault already)
    state = rig.executor.submit(BOT, 0, market())
    assert state.status is OrderStatus.FILLED
    rig.assert_one_filled(market())


def test_query_failures_while_resolving_are_retried(rig: Rig) -> None:
    rig.fake.accept_then(ORDER_PATH, drop=True)
    rig.fake.fail_next(ORDER_PATH, status=502, count=2)  # the next two queries
    assert rig.executor.submit(BOT, 0, market()).status is OrderStatus.FILLED
    assert len(rig.slept) >= 2
    rig.assert_one_filled(market())


def test_clock_skew_once_is_resynced_and_the_order_placed_once(rig: Rig) -> None:
    rig.fake.fail_next(
        ORDER_PATH,
        status=400,
        body={"code": -1021, "msg": "Timestamp for this request is outside of the recvWindow."},
    )
    assert rig.executor.submit(BOT, 0, market()).status is OrderStatus.FILLED
    assert len(rig.fake.requests_to("/api/v3/time")) == 2  # first sync, then the resync
    rig.assert_one_filled(market())


def test_lost_order_is_settled_when_the_exchange_clock_moves_back_meanwhile(rig: Rig) -> None:
    """The placement fails before Binance reads it (a 503), then Binance's clock moves back 2 s
    (the gateway measures it again on the -1021 that follows): the order's deadline, on
    Binance's clock, is now further away than the tries a failing query gets. "No such order"
    is asked again until that deadline has passed, then the order is sent again, once: it is
    settled, never left "outcome unknown" (which stopped the bot with the order pending)."""
    rig.fake.fail_next(ORDER_PATH, status=503)  # refused before it is read: never placed

    def clock_moves_back() -> None:
        rig.on_sleep = None
        rig.fake.server_time_offset_ms = -2000

    rig.on_sleep = clock_moves_back  # during the first pause after "no such order"
    state = rig.executor.submit(BOT, 0, market())
    assert state.status is OrderStatus.FILLED
    rig.assert_one_filled(market())
    assert sum(rig.slept) > sum(BACKOFF[:-1])  # waited past what the tries alone allow
    posts = [r.status for r in rig.fake.requests_to(ORDER_PATH) if r.method == "POST"]
    assert posts == [503, 200]


def test_query_refused_for_the_clock_twice_is_asked_again(rig: Rig) -> None:
    """A query refused with -1021 even after the gateway measured the clock again is a
    temporary failure of the question, not an unknown outcome: it is asked again."""
    rig.fake.accept_then(ORDER_PATH, status=503)  # placed, its answer lost
    skew = {"code": -1021, "msg": "Timestamp for this request is outside of the recvWindow."}
    rig.fake.fail_next(ORDER_PATH, status=400, body=skew, count=2)  # the query, then its retry
    assert rig.executor.submit(BOT, 0, market()).status is OrderStatus.FILLED
    rig.assert_one_filled(market())


def test_reconcile_after_a_crash_matches_the_exchange(rig: Rig) -> None:
    filled, never_sent, resting = market(0), market(1), market(2)
    for seq, request in enumerate((filled, never_sent, resting)):  # recorded, then the crash
        rig.log.record_for_send(PLATFORM, BOT, seq, request, rig.gateway.order_stamp())
    rig.fake.place("BTCUSDT", "BUY", "MARKET", "0.001", client_order_id=filled.client_order_id)
    rig.fake.place(
        "BTCUSDT", "BUY", "LIMIT", "0.001", "29000", client_order_id=resting.client_order_id
    )

    states = rig.executor.reconcile(BOT)
    assert {s.client_order_id: s.status for s in states} == {
        filled.client_order_id: OrderStatus.FILLED,
        resting.client_order_id: OrderStatus.NEW,
    }
    by_cid = {o.request.client_order_id: o for o in rig.log.orders(BOT)}
    assert by_cid[never_sent.client_order_id].status is OrderStatus.NOT_SENT
    assert by_cid[resting.client_order_id].status is OrderStatus.NEW
    [fill] = rig.log.fills(PLATFORM, [filled.client_order_id])
    assert (
        fill.exchange_order_id == rig.fake.orders_with_client_id(filled.client_order_id)[0].order_id
    )

    rig.fake.set_price("BTCUSDT", "28999")  # the resting limit fills at 29000
    rig.executor.reconcile(BOT)
    rig.executor.reconcile(BOT)  # twice: fills are still recorded once
    assert rig.log.get(PLATFORM, resting.client_order_id).status is OrderStatus.FILLED  # type: ignore[union-attr]
    fills = rig.log.fills(PLATFORM, [c.client_order_id for c in (filled, never_sent, resting)])
    assert sorted(f.trade_id for f in fills) == sorted(t.trade_id for t in rig.fake.trades)
    assert len(fills) == 2 and len(rig.fake.orders()) == 2
    [limit_fill] = rig.log.fills(PLATFORM, [resting.client_order_id])
    assert limit_fill.price == D("29000") and limit_fill.fee == D("0.000001")


@pytest.mark.parametrize(
    ("stall", "accepted_late"),
    [(0.5, True), (1.5, False)],
    ids=["arrives-within-recv-window", "arrives-after-recv-window"],
)
def test_request_held_up_in_the_network_is_never_doubled(
    fake_binance: FakeBinance, tmp_path: Path, stall: float, accepted_late: bool
) -> None:
    """The order request reaches Binance only after the client gave up and Binance said twice
    it had no such order. Within its recvWindow Binance still accepts it, so the executor waits
    for that window to pass before re-sending; after it, Binance refuses the late request."""
    trading_key(fake_binance)
    fake_binance.set_balance("USDT", "1000")
    fake_binance.set_price("BTCUSDT", "30000")
    gw = gateway_for(fake_binance, timeout=0.2, recv_window_ms=1000)
    try:
        gw.sync_time()
        log = OrderLog(store_with_platform(tmp_path / "orders.sqlite3"))
        executor = OrderExecutor(
            gw, log, PLATFORM, backoff=(0.1, 0.2, 0.4, 0.8, 0.8), margin_ms=300
        )
        fake_binance.stall_next(ORDER_PATH, seconds=stall)  # held up BEFORE it is processed
        assert executor.submit(BOT, 0, market()).status is OrderStatus.FILLED
        assert fake_binance.wait_idle()  # the held-up request has landed too, by now
        [placed] = fake_binance.orders()
        posts = [r.status for r in fake_binance.requests_to(ORDER_PATH) if r.method == "POST"]
        assert sorted(posts) == ([200] if accepted_late else [200, 400])  # late: -1021
        logged = log.get(PLATFORM, market().client_order_id)
        assert logged is not None and logged.exchange_order_id == placed.order_id
    finally:
        gw.close()
