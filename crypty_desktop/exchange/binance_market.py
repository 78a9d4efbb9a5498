"""The Binance gateway's market data: symbol rules (cached exchangeInfo), klines, prices.

- ``exchangeInfo`` (weight 20) is read once and kept ``info_max_age`` seconds (an hour by default);
  its ``rateLimits`` set the host's limiter. A symbol missing from a cache older than
  ``UNKNOWN_RECHECK_S`` is looked up once more (a new listing) before ``UnknownSymbol``.
- ``klines`` (weight 2 a page) are read by time range, at most 1000 a request, and only CLOSED
  candles are returned (the one still forming is left out).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import partial
from typing import Any

from crypty_desktop.domain.errors import ExchangeUnavailable, UnknownSymbol
from crypty_desktop.domain.market import Candle, SymbolRules
from crypty_desktop.domain.money import dec
from crypty_desktop.exchange.binance_base import (
    W_EXCHANGE_INFO,
    W_KLINES,
    W_TICKER_PRICE,
    GatewayBase,
)
from crypty_desktop.exchange.exchange_info import ExchangeInfo, parse_exchange_info
from crypty_desktop.exchange.gateway import KLINES_PAGE
from crypty_desktop.wording import QT_TRANSLATE_NOOP

UNKNOWN_RECHECK_S = 300.0  # float-ok: seconds
UNREADABLE_CANDLES = QT_TRANSLATE_NOOP(
    "Core", "Binance sent candles the app could not read. Try again later."
)
UNREADABLE_RULES = QT_TRANSLATE_NOOP(
    "Core", "Binance sent trading rules the app could not read. Try again later."
)
UNREADABLE_PRICE = QT_TRANSLATE_NOOP(
    "Core", "Binance sent a price the app could not read. Try again later."
)
UNREADABLE_ORDER = QT_TRANSLATE_NOOP(
    "Core", "Binance sent an order the app could not read. Try again later."
)
UNREADABLE_ORDER_STATUS = QT_TRANSLATE_NOOP(
    "Core", "Binance sent an order status the app could not read. Try again later."
)
UNREADABLE_FILL = QT_TRANSLATE_NOOP(
    "Core", "Binance sent an order fill the app could not read. Try again later."
)
UNREADABLE_TRADE = QT_TRANSLATE_NOOP(
    "Core", "Binance sent a trade the app could not read. Try again later."
)
NOT_LISTED = QT_TRANSLATE_NOOP("Core", "Binance does not list the market {symbol}.")


def amount(value: object, unreadable: str) -> Decimal:
    """An amount from Binance's JSON: a decimal string (a float would not be exact).

    ``unreadable`` is the message (one of the ``UNREADABLE_*`` sentences) of the error raised
    when it is not one.
    """
    if not isinstance(value, str):
        raise ExchangeUnavailable(unreadable)
    try:
        return dec(value)
    except ValueError:
        raise ExchangeUnavailable(unreadable) from None


def parse_kline(symbol: str, interval: str, row: Sequence[Any]) -> Candle:
    """One 12-column kline array as a Candle (``closed`` is decided by the caller)."""
    if len(row) < 7:
        raise ExchangeUnavailable(UNREADABLE_CANDLES)
    return Candle(
        symbol=symbol,
        interval=interval,
        open_time=int(row[0]),
        open=amount(row[1], UNREADABLE_CANDLES),
        high=amount(row[2], UNREADABLE_CANDLES),
        low=amount(row[3], UNREADABLE_CANDLES),
        close=amount(row[4], UNREADABLE_CANDLES),
        volume=amount(row[5], UNREADABLE_CANDLES),
        close_time=int(row[6]),
    )


class MarketMixin(GatewayBase):
    """Symbols, candles and prices for :class:`~crypty_desktop.exchange.binance.BinanceGateway`."""

    def _init_market(self, info_max_age: float, clock: Callable[[], float]) -> None:  # float-ok
        self.info_max_age = info_max_age
        self._monotonic = clock
        self._info: ExchangeInfo | None = None
        self._info_at = 0.0
        self._info_lock = threading.Lock()

    def exchange_info(self, *, refresh: bool = False) -> ExchangeInfo:
        """Every symbol's rules and the host's limits; cached ``info_max_age`` seconds."""
        with self._info_lock:
            fresh = self._monotonic() - self._info_at < self.info_max_age
            if self._info is not None and fresh and not refresh:
                return self._info
        payload = self._call(self._client.get_exchange_info, weight=W_EXCHANGE_INFO)
        try:
            info = parse_exchange_info(payload)
        except ValueError:
            raise ExchangeUnavailable(UNREADABLE_RULES) from None
        self._limiter.set_limits(info.limits)
        with self._info_lock:
            self._info, self._info_at = info, self._monotonic()
        return info

    def symbols(self) -> list[SymbolRules]:
        """Every symbol that is trading now, by name."""
        info = self.exchange_info()
        return [info.symbols[name] for name in sorted(info.symbols) if info.symbols[name].trading]

    def symbol_rules(self, symbol: str) -> SymbolRules:
        """One symbol's filters (any status); ``UnknownSymbol`` when Binance does not list it."""
        name = symbol.strip().upper()
        info = self.exchange_info()
        rules = info.symbols.get(name)
        if rules is None and self._monotonic() - self._info_at >= UNKNOWN_RECHECK_S:
            rules = self.exchange_info(refresh=True).symbols.get(name)
        if rules is None:
            raise UnknownSymbol(NOT_LISTED.format(symbol=name), code=-1121)
        return rules

    def klines(
        self, symbol: str, interval: str, start_ms: int, end_ms: int | None = None
    ) -> list[Candle]:
        """Closed candles with ``start_ms ≤ open_time ≤ end_ms``, oldest first."""
        now_ms = self._server_now_ms()
        candles: list[Candle] = []
        cursor = start_ms
        while end_ms is None or cursor <= end_ms:
            params: dict[str, Any] = {
                "symbol": symbol,
                "interval": interval,
                "startTime": cursor,
                "limit": KLINES_PAGE,
            }
            if end_ms is not None:
                params["endTime"] = end_ms
            fetch = partial(self._client.get_klines, **params)
            rows: list[Any] = self._call(fetch, weight=W_KLINES)
            page = [parse_kline(symbol, interval, row) for row in rows]
            closed = [c for c in page if c.close_time < now_ms and c.open_time >= cursor]
            candles.extend(closed)
            if len(page) < KLINES_PAGE or len(closed) < len(page):
                break  # the last page, or the candle still forming was reached
            cursor = page[-1].open_time + 1
        return candles

    def _server_now_ms(self) -> int:
        return int(time.time() * 1000) + (self.time_offset_ms or 0)

    def ticker_price(self, symbol: str) -> Decimal:
        """The last traded price of ``symbol``."""
        answer: dict[str, Any] = self._call(
            lambda: self._client.get_symbol_ticker(symbol=symbol), weight=W_TICKER_PRICE
        )
        return amount(answer.get("price"), UNREADABLE_PRICE)
