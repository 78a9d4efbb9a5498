"""The rate limiter, on a fake clock: slows down before the limit, pauses on 429, stops on 418."""

from __future__ import annotations

import pytest

from crypty_desktop.domain.errors import IpBanned, RateLimited
from crypty_desktop.exchange.rate_limit import Limits, RateLimiter


class Clock:
    def __init__(self, now: float = 1_700_000_000.0) -> None:  # 22:13:20 UTC, minute + 20 s
        self.now = now
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 2))
        self.now += seconds


def limiter(clock: Clock, **kw: object) -> RateLimiter:
    return RateLimiter(
        Limits(weight_per_minute=100, orders_per_10s=10), clock=clock, sleep=clock.sleep, **kw
    )  # type: ignore[arg-type]


def test_requests_under_the_budget_pass_without_waiting() -> None:
    clock = Clock()
    rl = limiter(clock)
    for _ in range(8):
        rl.acquire(10)
    assert clock.slept == [] and rl.usage().weight == 80


def test_slows_down_before_the_limit_until_the_next_minute() -> None:
    clock = Clock()
    rl = limiter(clock)
    for _ in range(8):
        rl.acquire(10)
    rl.acquire(10)  # 90 > 80 % of 100: wait for the next minute (40 s left + margin)
    assert clock.slept == [40.05]
    assert rl.usage().weight == 10


def test_server_counters_are_the_truth() -> None:
    clock = Clock()
    rl = limiter(clock)
    rl.observe(200, {"X-MBX-USED-WEIGHT-1M": "79"})
    rl.acquire(1)
    assert clock.slept == []
    rl.acquire(5)
    assert clock.slept == [40.05]


def test_429_pauses_every_request_for_retry_after() -> None:
    clock = Clock()
    rl = limiter(clock)
    rl.observe(429, {"Retry-After": "7"})
    rl.acquire(1)
    assert clock.slept == [7.0]


def test_a_long_pause_is_reported_not_waited() -> None:
    clock = Clock()
    rl = limiter(clock, max_wait=30.0)
    rl.observe(429, {"Retry-After": "300"})
    with pytest.raises(RateLimited) as err:
        rl.acquire(1)
    assert err.value.retry_after == 300 and "paused" in str(err.value)


def test_418_stops_everything_until_the_ban_ends() -> None:
    clock = Clock()
    rl = limiter(clock)
    rl.observe(418, {"Retry-After": "600"})
    with pytest.raises(IpBanned) as err:
        rl.acquire(1)
    assert err.value.retry_after == 600 and err.value.until.timestamp() == clock.now + 600
    assert "banned" in str(err.value)
    clock.now += 601
    rl.acquire(1)


def test_order_count_is_kept_under_the_10s_limit() -> None:
    clock = Clock()
    rl = limiter(clock)
    for _ in range(8):
        rl.acquire(1, orders=1)
    rl.acquire(1, orders=1)
    assert clock.slept == [10.05]
