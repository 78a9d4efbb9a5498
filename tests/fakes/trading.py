"""Helpers for tests that trade through the real gateway against the fake: a trading key, candles,
and a gateway factory (import the fixture ``trading_gateway`` into a test module to use it)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest

from crypty_desktop.domain.market import INTERVAL_MS, Candle
from crypty_desktop.domain.platform import ApiCredentials, KeyKind, PlatformType
from crypty_desktop.exchange.binance import BinanceGateway
from tests.fakes.fake_binance import FakeBinance, FakeKey

KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"

GatewayFactory = Callable[..., BinanceGateway]


def trading_key(fake: FakeBinance) -> FakeKey:
    return fake.add_key(FakeKey(api_key=KEY, secret=SECRET, can_trade=True))


def gateway_for(fake: FakeBinance, **options: Any) -> BinanceGateway:
    """A real gateway (real python-binance client) pointed at the fake."""
    options.setdefault("timeout", 5.0)
    return BinanceGateway(
        PlatformType.BINANCE,
        ApiCredentials(KEY, SECRET, KeyKind.HMAC),
        base_url=fake.url,
        **options,
    )


@pytest.fixture
def trading_gateway(fake_binance: FakeBinance) -> Iterator[GatewayFactory]:
    """Makes gateways for the fake (with a trading key registered); closes them afterwards."""
    trading_key(fake_binance)
    opened: list[BinanceGateway] = []

    def make(**options: Any) -> BinanceGateway:
        gw = gateway_for(fake_binance, **options)
        opened.append(gw)
        return gw

    yield make
    for gw in opened:
        gw.close()


def candles(
    symbol: str, interval: str, start_ms: int, count: int, first_close: str = "100"
) -> list[Candle]:
    """``count`` consecutive candles from ``start_ms``; candle i closes at first_close + i."""
    step = INTERVAL_MS[interval]
    out = []
    for i in range(count):
        close = Decimal(first_close) + i
        out.append(
            Candle(
                symbol=symbol,
                interval=interval,
                open_time=start_ms + i * step,
                open=close - Decimal("0.5"),
                high=close + 1,
                low=close - 1,
                close=close,
                volume=Decimal("1.25"),
                close_time=start_ms + (i + 1) * step - 1,
            )
        )
    return out


class FakeClock:
    """A clock and a sleep that only move time forward on demand (for the rate limiter)."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:  # float-ok: seconds
        self.now = start
        self.slept: list[float] = []  # float-ok: seconds
        self.on_sleep: Callable[[float], None] | None = None  # float-ok

    def __call__(self) -> float:  # float-ok: seconds
        return self.now

    def sleep(self, seconds: float) -> None:  # float-ok: seconds
        self.slept.append(seconds)
        if self.on_sleep is not None:
            self.on_sleep(seconds)
        self.now += seconds
