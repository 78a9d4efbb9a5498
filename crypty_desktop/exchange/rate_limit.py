"""Staying far from Binance's rate limits, for every request to one host.

Binance counts request weight per calendar minute (``X-MBX-USED-WEIGHT-1M``) and orders per 10 s and
per day (``X-MBX-ORDER-COUNT-10S`` / ``-1D``). Going over earns HTTP 429 with ``Retry-After``;
continuing after a 429 earns HTTP 418, an IP ban that grows with each repeat. So:
- the server's own counters (response headers) are the truth; between responses we add our weights;
- before a request that would bring the minute's weight above ``slow_down_at`` of the limit, we wait
  for the next minute instead of sending;
- after a 429 every request to the host waits until ``Retry-After`` has passed (never into a 418);
- after a 418 every request fails at once with ``IpBanned`` until the ban ends.
Thread-safe: one limiter is shared by every bot using the host.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from crypty_desktop.domain.errors import IpBanned, RateLimited
from crypty_desktop.wording import QT_TRANSLATE_NOOP

BANNED = QT_TRANSLATE_NOOP(
    "Core",
    "Binance has banned this IP address for sending too many requests, until {time}. Bots will "
    "resume after that.",
)
PAUSED = QT_TRANSLATE_NOOP(
    "Core", "Binance asked to slow down; requests are paused for {seconds} s to avoid a ban."
)


@dataclass(frozen=True, slots=True)
class Limits:
    """The host's limits, from exchangeInfo's ``rateLimits`` (Binance's spot defaults here)."""

    weight_per_minute: int = 6000
    orders_per_10s: int = 100
    orders_per_day: int = 200_000


@dataclass(frozen=True, slots=True)
class Usage:
    weight: int
    weight_limit: int
    orders_10s: int
    paused_until: float | None
    banned_until: float | None

    @property
    def weight_share(self) -> float:  # float-ok: a ratio for the status bar, not money
        return self.weight / self.weight_limit if self.weight_limit else 0.0


class RateLimiter:
    """Gatekeeper for one host's requests."""

    def __init__(
        self,
        limits: Limits | None = None,
        *,
        slow_down_at: float = 0.8,  # float-ok: a share of the limit
        max_wait: float = 120.0,  # float-ok: seconds
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.limits = limits or Limits()
        self.slow_down_at = slow_down_at
        self.max_wait = max_wait
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._minute = -1
        self._weight = 0
        self._ten_s = -1
        self._orders_10s = 0
        self._paused_until: float | None = None
        self._banned_until: float | None = None

    def set_limits(self, limits: Limits) -> None:
        with self._lock:
            self.limits = limits

    # --- before ---------------------------------------------------------------------------------
    def acquire(self, weight: int, orders: int = 0) -> None:
        """Wait until a request of this weight may be sent; raise if it must not be sent now."""
        while True:
            wait = self._reserve(weight, orders)
            if wait <= 0:
                return
            self._sleep(wait)

    def _reserve(self, weight: int, orders: int) -> float:
        with self._lock:
            now = self._clock()
            self._roll(now)
            if self._banned_until is not None and now < self._banned_until:
                raise IpBanned(
                    BANNED.format(time=_hhmm(self._banned_until)),
                    retry_after=self._banned_until - now,
                    until=datetime.fromtimestamp(self._banned_until, UTC),
                    code=418,
                )
            if self._paused_until is not None and now < self._paused_until:
                return self._bounded(self._paused_until - now)
            budget = int(self.limits.weight_per_minute * self.slow_down_at)
            if self._weight and self._weight + weight > budget:
                return self._bounded(60 - (now % 60) + 0.05)
            if orders and self._orders_10s + orders > int(self.limits.orders_per_10s * 0.8):
                return self._bounded(10 - (now % 10) + 0.05)
            self._weight += weight
            self._orders_10s += orders
            return 0.0

    def _bounded(self, wait: float) -> float:
        if wait > self.max_wait:
            raise RateLimited(
                PAUSED.format(seconds=int(wait)),
                retry_after=wait,
                code=429,
            )
        return wait

    def _roll(self, now: float) -> None:
        minute, ten_s = int(now // 60), int(now // 10)
        if minute != self._minute:
            self._minute, self._weight = minute, 0
        if ten_s != self._ten_s:
            self._ten_s, self._orders_10s = ten_s, 0

    # --- after ----------------------------------------------------------------------------------
    def observe(self, status: int, headers: Mapping[str, str]) -> None:
        """Learn from a response: the server's counters, and 429/418 pauses."""
        lower = {k.lower(): v for k, v in headers.items()}
        with self._lock:
            now = self._clock()
            self._roll(now)
            used = lower.get("x-mbx-used-weight-1m")
            if used is not None and used.isdigit():
                self._weight = int(used)
            orders = lower.get("x-mbx-order-count-10s")
            if orders is not None and orders.isdigit():
                self._orders_10s = int(orders)
            retry_after = _seconds(lower.get("retry-after"))
            if status == 429:
                self._paused_until = now + (retry_after if retry_after is not None else 60.0)
            elif status == 418:
                self._banned_until = now + (retry_after if retry_after is not None else 120.0)

    def usage(self) -> Usage:
        with self._lock:
            self._roll(self._clock())
            return Usage(
                weight=self._weight,
                weight_limit=self.limits.weight_per_minute,
                orders_10s=self._orders_10s,
                paused_until=self._paused_until,
                banned_until=self._banned_until,
            )


def _seconds(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return max(0.0, float(value))  # float-ok: seconds from a header
    except ValueError:
        return None


def _hhmm(epoch: float) -> str:
    return datetime.fromtimestamp(epoch).strftime("%H:%M")
