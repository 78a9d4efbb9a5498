"""No lost or doubled orders: recorded before sending, unknown outcomes resolved by querying."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crypty_desktop.bots.orders import OrderExecutor
from crypty_desktop.domain.errors import CryptyError, RateLimited, UnknownOrderStatus
from crypty_desktop.domain.orders import (
    OrderRequest,
    OrderStatus,
    OrderType,
    Side,
    client_order_id,
)
from crypty_desktop.storage.orders import OrderLog
from tests.platform_rows import store_with_platform
from tests.scripted_exchange import ScriptedExchange

pytestmark = pytest.mark.logs(r"outcome unknown \(\w+\); querying", r"trades not read yet")

BOT = "bot-7"


def request(seq: int) -> OrderRequest:
    return OrderRequest(
        symbol="BTCUSDT",
        side=Side.BUY,
        type=OrderType.MARKET,
        quantity=Decimal("0.00100"),
        client_order_id=client_order_id(BOT, seq),
    )


@pytest.fixture
def order_log(tmp_path) -> OrderLog:  # type: ignore[no-untyped-def]
    return OrderLog(store_with_platform(tmp_path / "db.sqlite3"))


def executor(exchange: ScriptedExchange, order_log: OrderLog) -> tuple[OrderExecutor, list[float]]:
    """An executor whose sleeps let the exchange's time pass (and are noted)."""
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        exchange.advance(seconds)

    return OrderExecutor(exchange, order_log, 1, sleep=sleep), slept  # type: ignore[arg-type]


def test_client_order_ids_are_deterministic_and_valid() -> None:
    assert client_order_id(BOT, 3) == client_order_id(BOT, 3)
    assert client_order_id(BOT, 3) != client_order_id(BOT, 4) != client_order_id("bot-8", 3)
    cid = client_order_id("a" * 500, 10**12)
    assert len(cid) <= 36 and cid.replace("-", "").isalnum()


def test_order_is_recorded_pending_before_it_leaves(order_log: OrderLog) -> None:
    exchange = ScriptedExchange()
    seen: list[OrderStatus | None] = []
    original = exchange.place_order

    def spying_place(req: OrderRequest, stamp):  # type: ignore[no-untyped-def]
        logged = order_log.get(1, req.client_order_id)
        seen.append(logged.status if logged else None)
        assert logged is not None and logged.stamp == stamp  # the stamp is on record first
        return original(req, stamp)

    exchange.place_order = spying_place  # type: ignore[method-assign]
    ex, _ = executor(exchange, order_log)
    state = ex.submit(BOT, 0, request(0))
    assert seen == [OrderStatus.PENDING]
    assert state.status is OrderStatus.FILLED
    logged = order_log.get(1, request(0).client_order_id)
    assert logged is not None and logged.status is OrderStatus.FILLED
    [fill] = order_log.fills(1, [request(0).client_order_id])
    assert fill.fee == Decimal("0.00000100") and fill.price == Decimal("100")


def test_timeout_after_acceptance_is_resolved_by_query_not_resend(order_log: OrderLog) -> None:
    exchange = ScriptedExchange()
    exchange.place_faults.append("accept-then-timeout")
    ex, _ = executor(exchange, order_log)
    state = ex.submit(BOT, 0, request(0))
    assert state.status is OrderStatus.FILLED
    assert exchange.place_calls == 1 and len(exchange.book) == 1
    assert order_log.get(1, request(0).client_order_id).status is OrderStatus.FILLED  # type: ignore[union-attr]


def test_5xx_after_acceptance_while_exchange_is_down_for_a_while(order_log: OrderLog) -> None:
    exchange = ScriptedExchange()
    exchange.place_faults.append("5xx")
    exchange.query_faults.extend(["down", "down", "down"])
    ex, slept = executor(exchange, order_log)
    assert ex.submit(BOT, 0, request(0)).status is OrderStatus.FILLED
    assert exchange.place_calls == 1 and len(exchange.book) == 1
    assert slept[:3] == [0.5, 1.0, 2.0]  # backed off while it was down


def test_connection_refused_is_resent_only_once_the_first_request_can_no_longer_arrive(
    order_log: OrderLog,
) -> None:
    exchange = ScriptedExchange()
    exchange.place_faults.append("refuse")
    ex, slept = executor(exchange, order_log)
    start = exchange.now_ms
    assert ex.submit(BOT, 0, request(0)).status is OrderStatus.FILLED
    assert exchange.place_calls == 2 and len(exchange.book) == 1
    # Not before the exchange's clock passed the first request's timestamp + recvWindow.
    assert exchange.now_ms > start + 5000
    logged = order_log.get(1, request(0).client_order_id)
    assert logged is not None and logged.attempts == 3 and logged.stamp is not None
    assert logged.stamp.timestamp_ms > start + 5000  # sent again with a new stamp, on record


def test_a_slow_request_that_arrives_late_is_found_not_sent_twice(order_log: OrderLog) -> None:
    """Two "no such order" answers prove nothing while the request can still arrive."""
    exchange = ScriptedExchange()
    exchange.place_faults.append("slow-4000")  # Binance gets it 4 s later, within recvWindow
    ex, _ = executor(exchange, order_log)
    assert ex.submit(BOT, 0, request(0)).status is OrderStatus.FILLED
    assert exchange.place_calls == 1 and len(exchange.book) == 1


def test_restart_while_a_slow_order_is_on_its_way_finds_it(order_log: OrderLog) -> None:
    """The crash path that doubled a buy: the app died with the request in flight and restarted
    at once; the exchange executed the order 3 s later. It must be recorded FILLED, not NOT_SENT."""
    exchange = ScriptedExchange()
    stamp = exchange.order_stamp()
    assert order_log.record_for_send(1, BOT, 0, request(0), stamp)
    exchange.in_network.append((exchange.now_ms + 3000, request(0), stamp))
    exchange.advance(0.5)  # the app was killed and restarted half a second later
    ex, _ = executor(exchange, order_log)
    states = ex.reconcile(BOT)
    assert [s.status for s in states] == [OrderStatus.FILLED]
    logged = order_log.get(1, request(0).client_order_id)
    assert logged is not None and logged.status is OrderStatus.FILLED and logged.settled
    assert len(order_log.fills(1, [request(0).client_order_id])) == 1
    assert exchange.place_calls == 0  # nothing re-sent


def test_restart_never_resends_an_old_intent(order_log: OrderLog) -> None:
    """An order the exchange never got is settled NOT_SENT after its deadline, never sent."""
    exchange = ScriptedExchange()
    stamp = exchange.order_stamp()
    assert order_log.record_for_send(1, BOT, 0, request(0), stamp)
    exchange.in_network.append((exchange.now_ms + 9000, request(0), stamp))  # too late: refused
    ex, _ = executor(exchange, order_log)
    assert ex.reconcile(BOT) == []
    exchange.advance(10)
    assert exchange.book == {} and exchange.place_calls == 0
    logged = order_log.get(1, request(0).client_order_id)
    assert logged is not None and logged.status is OrderStatus.NOT_SENT
    with pytest.raises(CryptyError):  # the same intent is refused, not sent
        ex.submit(BOT, 0, request(0))
    assert exchange.place_calls == 0


def test_fills_missing_keep_the_order_unresolved_until_read(order_log: OrderLog) -> None:
    """A query shows FILLED without fills; reading its trades fails: not settled, read later."""
    exchange = ScriptedExchange()
    exchange.place_faults.append("accept-then-timeout")
    exchange.trade_faults.append("down")
    ex, _ = executor(exchange, order_log)
    assert ex.submit(BOT, 0, request(0)).status is OrderStatus.FILLED
    cid = request(0).client_order_id
    logged = order_log.get(1, cid)
    assert logged is not None and logged.status is OrderStatus.FILLED and not logged.settled
    assert [o.request.client_order_id for o in order_log.unresolved(1, BOT)] == [cid]
    ex.reconcile(BOT)
    logged = order_log.get(1, cid)
    assert logged is not None and logged.settled and logged.filled_qty == Decimal("0.00100")
    assert order_log.unresolved(1, BOT) == []


def test_order_hidden_once_is_not_doubled(order_log: OrderLog) -> None:
    exchange = ScriptedExchange()
    exchange.place_faults.append("accept-then-timeout")
    exchange.query_faults.append("hidden")  # Binance may not show a just-accepted order at once
    ex, _ = executor(exchange, order_log)
    ex.submit(BOT, 0, request(0))
    assert exchange.place_calls == 1 and len(exchange.book) == 1


def test_exchange_unreachable_leaves_the_order_pending_and_says_so(order_log: OrderLog) -> None:
    exchange = ScriptedExchange()
    exchange.place_faults.append("accept-then-timeout")
    exchange.query_faults.extend(["down"] * 10)
    ex, _ = executor(exchange, order_log)
    with pytest.raises(UnknownOrderStatus, match="will not be sent twice"):
        ex.submit(BOT, 0, request(0))
    assert order_log.get(1, request(0).client_order_id).status is OrderStatus.PENDING  # type: ignore[union-attr]
    # Submitting the same intent again queries instead of sending.
    assert ex.submit(BOT, 0, request(0)).status is OrderStatus.FILLED
    assert exchange.place_calls == 1


def test_rate_limited_order_is_marked_not_sent(order_log: OrderLog) -> None:
    exchange = ScriptedExchange()
    exchange.place_faults.append("429")
    ex, _ = executor(exchange, order_log)
    with pytest.raises(RateLimited):
        ex.submit(BOT, 0, request(0))
    assert order_log.get(1, request(0).client_order_id).status is OrderStatus.NOT_SENT  # type: ignore[union-attr]
    with pytest.raises(CryptyError, match="was not placed"):
        ex.submit(BOT, 0, request(0))
    assert exchange.book == {}


def test_reconcile_after_a_crash_matches_the_exchange(order_log: OrderLog) -> None:
    exchange = ScriptedExchange()
    # Crash 1: order 0 recorded and sent, the app died before the answer was stored.
    order_log.record_for_send(1, BOT, 0, request(0), exchange.order_stamp())
    exchange._execute(request(0))
    # Crash 2: order 1 recorded, the app died before it was sent.
    order_log.record_for_send(1, BOT, 1, request(1), exchange.order_stamp())
    ex, _ = executor(exchange, order_log)
    states = ex.reconcile(BOT)
    assert [s.client_order_id for s in states] == [request(0).client_order_id]
    assert order_log.get(1, request(0).client_order_id).status is OrderStatus.FILLED  # type: ignore[union-attr]
    assert order_log.get(1, request(1).client_order_id).status is OrderStatus.NOT_SENT  # type: ignore[union-attr]
    fills = order_log.fills(1, [request(0).client_order_id])
    assert len(fills) == 1 and fills[0].client_order_id == request(0).client_order_id
    assert exchange.place_calls == 0
    assert order_log.unresolved(1, BOT) == []
    # Reconciling twice records nothing twice.
    ex.reconcile(BOT)
    assert len(order_log.fills(1, [request(0).client_order_id])) == 1


def test_next_sequence_continues_after_restart(order_log: OrderLog) -> None:
    assert order_log.next_sequence(BOT) == 0
    order_log.record_pending(1, BOT, 0, request(0))
    order_log.record_pending(1, BOT, 1, request(1))
    assert order_log.next_sequence(BOT) == 2


def test_a_fee_paid_in_bnb_is_valued_in_quote_when_paid(order_log: OrderLog) -> None:
    exchange = ScriptedExchange()
    exchange.fee_asset = "BNB"  # the account pays its fees with BNB
    ex, _ = executor(exchange, order_log)
    ex.submit(BOT, 0, request(0))
    exchange.prices["BNBUSDT"] = Decimal("900")  # later prices do not change what was paid
    [fill] = order_log.fills(1, [request(0).client_order_id])
    assert fill.fee_asset == "BNB" and fill.fee == Decimal("0.00000100")
    assert fill.fee_quote == Decimal("0.00000100") * 600


def test_a_stop_asks_with_the_first_pauses_only(order_log: OrderLog) -> None:
    """A stop asks about orders of unknown outcome with the backoff cut to about its time: the
    first pauses up to that total, at least one try."""
    ex, _ = executor(ScriptedExchange(), order_log)
    assert ex.backoff[:4] == (0.5, 1.0, 2.0, 4.0)
    assert ex.within(3.5).backoff == (0.5, 1.0, 2.0)
    assert ex.within(3.6).backoff == (0.5, 1.0, 2.0, 4.0)
    assert ex.within(0).backoff == (0.5,)
    assert ex.within(10**6).backoff == ex.backoff
