"""What the Binance gateway's parts share: request weights, one rate limiter per host, the base.

Binance counts request weight and orders per IP address, so every gateway of the process that talks
to one REST host (every bot, every platform with a key on that host) must draw from ONE limiter:
:func:`shared_limiter` hands out that limiter, created on first use.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from binance.client import Client

from crypty_desktop.domain.market import SymbolRules
from crypty_desktop.domain.orders import OrderStamp
from crypty_desktop.exchange.rate_limit import RateLimiter

T = TypeVar("T")

# Request weights of the spot REST endpoints the app uses (Binance's documentation).
W_PING = 1
W_TIME = 1
W_ACCOUNT = 20
W_API_RESTRICTIONS = 1
W_EXCHANGE_INFO = 20
W_KLINES = 2
W_TICKER_PRICE = 2
W_NEW_ORDER = 1  # and one order towards the order-count limits
W_QUERY_ORDER = 4
W_CANCEL_ORDER = 1
W_OPEN_ORDERS = 6  # with a symbol (80 without)
W_MY_TRADES = 20
W_MY_TRADES_ORDER = 5  # myTrades with an orderId

_limiters: dict[str, RateLimiter] = {}
_limiters_lock = threading.Lock()


def host_key(url: str) -> str:
    """The key of a REST host: its base URL without a trailing slash, lower case."""
    return url.rstrip("/").lower()


def shared_limiter(url: str) -> RateLimiter:
    """The process-wide limiter of the REST host at ``url`` (created on first use)."""
    key = host_key(url)
    with _limiters_lock:
        limiter = _limiters.get(key)
        if limiter is None:
            limiter = _limiters[key] = RateLimiter()
        return limiter


def use_limiter(url: str, limiter: RateLimiter) -> RateLimiter:
    """Install the limiter every gateway of this host will share (e.g. one with other settings)."""
    with _limiters_lock:
        _limiters[host_key(url)] = limiter
    return limiter


def forget_host(url: str) -> None:
    """Drop a host's limiter (a test server that stopped; the next one starts fresh)."""
    with _limiters_lock:
        _limiters.pop(host_key(url), None)


class GatewayBase:
    """The plumbing the gateway's market and order parts rely on (implemented by the gateway)."""

    _client: Client
    _limiter: RateLimiter
    time_offset_ms: int | None

    def _call(
        self,
        fn: Callable[[], T],
        *,
        signed: bool = False,
        mutating: bool = False,
        weight: int = 1,
        orders: int = 0,
        stamp: OrderStamp | None = None,
    ) -> T:
        raise NotImplementedError

    def symbol_rules(self, symbol: str) -> SymbolRules:
        raise NotImplementedError
