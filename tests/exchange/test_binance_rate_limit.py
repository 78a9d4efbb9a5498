"""The gateway within Binance's rate limits: real weights, one limiter per host, 429 and 418."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crypty_desktop.bots.orders import OrderExecutor
from crypty_desktop.domain.errors import IpBanned, RateLimited
from crypty_desktop.domain.orders import OrderRequest, OrderStatus, OrderType, Side
from crypty_desktop.exchange.binance_base import shared_limiter, use_limiter
from crypty_desktop.exchange.rate_limit import RateLimiter
from crypty_desktop.storage.orders import OrderLog
from tests.fakes.fake_binance import FakeBinance
from tests.fakes.trading import FakeClock, GatewayFactory, gateway_for, trading_gateway
from tests.platform_rows import store_with_platform

__all__ = ["trading_gateway"]  # the fixture, imported for this module's tests


class RecordingLimiter(RateLimiter):
    """A real limiter that also remembers what each request asked for."""

    def __init__(self, clock: FakeClock) -> None:
        super().__init__(clock=clock, sleep=clock.sleep)
        self.asked: list[tuple[int, int]] = []

    def acquire(self, weight: int, orders: int = 0) -> None:
        self.asked.append((weight, orders))
        super().acquire(weight, orders)


def order(cid: str = "cr-rate-1") -> OrderRequest:
    return OrderRequest("BTCUSDT", Side.BUY, OrderType.MARKET, Decimal("0.001"), cid)


@pytest.fixture
def fake(fake_binance: FakeBinance) -> FakeBinance:
    fake_binance.set_balance("USDT", "10000")
    return fake_binance


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_each_request_asks_for_its_real_weight_first(
    fake: FakeBinance, trading_gateway: GatewayFactory, clock: FakeClock
) -> None:
    limiter = RecordingLimiter(clock)
    gw = trading_gateway(limiter=limiter)
    gw.symbol_rules("BTCUSDT")
    gw.klines("BTCUSDT", "1m", 0, 60_000)
    gw.ticker_price("BTCUSDT")
    gw.place_order(order())
    gw.query_order("BTCUSDT", "cr-rate-1")
    gw.open_orders("BTCUSDT")
    gw.my_trades("BTCUSDT")
    gw.balances()
    assert limiter.asked == [
        (20, 0),  # exchangeInfo
        (2, 0),  # klines
        (2, 0),  # ticker/price
        (1, 0),  # time (first signed call)
        (1, 1),  # new order: weight 1 and one order
        (4, 0),  # query order
        (6, 0),  # open orders of a symbol
        (20, 0),  # myTrades
        (20, 0),  # account
    ]
    usage = gw.rate_usage()
    assert usage.weight == fake.used_weight == 76  # the server's count, learnt from headers
    assert usage.orders_10s == 1


def test_one_limiter_per_host_shared_by_every_gateway(
    fake: FakeBinance, trading_gateway: GatewayFactory
) -> None:
    first, second = trading_gateway(), trading_gateway()
    assert first.limiter is second.limiter is shared_limiter(fake.url + "/")
    with FakeBinance() as other:
        elsewhere = gateway_for(other)
        try:
            assert elsewhere.limiter is not first.limiter
        finally:
            elsewhere.close()


def test_429_pauses_every_request_to_the_host_until_retry_after(
    fake: FakeBinance, trading_gateway: GatewayFactory, clock: FakeClock, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    use_limiter(fake.url, RateLimiter(clock=clock, sleep=clock.sleep))
    bot_a, bot_b = trading_gateway(), trading_gateway()  # two bots, one host
    bot_a.ticker_price("BTCUSDT")
    fake.fail_next("/api/v3/order", status=429, headers={"Retry-After": "7"})
    executor = OrderExecutor(
        bot_a, OrderLog(store_with_platform(tmp_path / "db.sqlite3")), 1, sleep=clock.sleep
    )
    with pytest.raises(RateLimited) as info:
        executor.submit("bot-a", 0, order())
    assert info.value.retry_after == 7
    logged = executor.log.get(1, "cr-rate-1")
    assert logged is not None and logged.status is OrderStatus.NOT_SENT  # 429: not processed
    assert fake.orders() == []

    reached_during_pause: list[int] = []
    seen = len(fake.requests)
    clock.on_sleep = lambda _s: reached_during_pause.append(len(fake.requests) - seen)
    assert bot_b.ticker_price("BTCUSDT") == Decimal("30000")  # the OTHER bot waits too
    assert clock.slept == [7.0] and reached_during_pause == [0]
    statuses = [r.status for r in fake.requests]
    # ticker, time, exchangeInfo (the symbol's self-trade prevention modes), order, ticker
    assert statuses == [200, 200, 200, 429, 200] and 418 not in statuses


def test_a_pause_longer_than_the_limit_fails_at_once_without_sending(
    fake: FakeBinance, trading_gateway: GatewayFactory, clock: FakeClock
) -> None:
    use_limiter(fake.url, RateLimiter(clock=clock, sleep=clock.sleep, max_wait=120))
    gw = trading_gateway()
    fake.fail_next("/api/v3/ticker/price", status=429, headers={"Retry-After": "600"})
    with pytest.raises(RateLimited):
        gw.ticker_price("BTCUSDT")
    seen = len(fake.requests)
    with pytest.raises(RateLimited, match="paused"):
        gw.ticker_price("BTCUSDT")
    assert len(fake.requests) == seen and clock.slept == []


def test_418_is_ip_banned_until_and_nothing_is_sent_until_then(
    fake: FakeBinance, trading_gateway: GatewayFactory, clock: FakeClock
) -> None:
    use_limiter(fake.url, RateLimiter(clock=clock, sleep=clock.sleep))
    gw = trading_gateway()
    fake.fail_next("/api/v3/ticker/price", status=418, headers={"Retry-After": "120"})
    with pytest.raises(IpBanned) as info:
        gw.ticker_price("BTCUSDT")
    assert info.value.until is not None and 100 <= info.value.retry_after <= 130
    seen = len(fake.requests)
    with pytest.raises(IpBanned):
        gw.place_order(order())
    assert len(fake.requests) == seen  # the limiter refused it before it left
    assert gw.rate_usage().banned_until == clock.now + 120
    clock.now += 121
    assert gw.ticker_price("BTCUSDT") == Decimal("30000")


def test_slowing_down_before_the_weight_limit(
    fake: FakeBinance, trading_gateway: GatewayFactory, clock: FakeClock
) -> None:
    with fake.state.lock:
        fake.state.exchange_info["rateLimits"] = [
            {"rateLimitType": "REQUEST_WEIGHT", "interval": "MINUTE", "intervalNum": 1, "limit": 50}
        ]
    limiter = use_limiter(fake.url, RateLimiter(clock=clock, sleep=clock.sleep))
    gw = trading_gateway()
    gw.symbols()  # 20 of 50; the limiter now knows the limit
    gw.ticker_price("BTCUSDT")  # 22
    assert clock.slept == []
    gw.symbol_rules("BTCUSDT")  # cached: no weight
    gw.exchange_info(refresh=True)  # 42 > 80 % of 50: waits for the next minute first
    assert len(clock.slept) == 1 and 0 < clock.slept[0] <= 60.05
    assert limiter.usage().weight_limit == 50
