"""Market data through the real gateway and client against the fake: rules, klines, prices."""

from __future__ import annotations

import copy
import time
from decimal import Decimal

import pytest

from crypty_desktop.domain.errors import UnknownSymbol, ValidationError
from crypty_desktop.domain.market import Candle
from tests.fakes.fake_binance import FakeBinance
from tests.fakes.trading import FakeClock, GatewayFactory, candles, trading_gateway

__all__ = ["trading_gateway"]  # the fixture, imported for this module's tests

MINUTE = 60_000


def past_minute(minutes_ago: int) -> int:
    now = int(time.time() * 1000)
    return (now // MINUTE - minutes_ago) * MINUTE


# --- symbols and rules ---------------------------------------------------------------------------


def test_symbol_rules_are_exact_decimals_from_exchange_info(
    fake_binance: FakeBinance, trading_gateway: GatewayFactory
) -> None:
    gw = trading_gateway()
    rules = gw.symbol_rules("BTCUSDT")
    assert (rules.base_asset, rules.quote_asset, rules.trading) == ("BTC", "USDT", True)
    assert rules.tick_size == Decimal("0.01") and rules.min_price == Decimal("0.01")
    assert rules.step_size == Decimal("0.00001") and rules.min_qty == Decimal("0.00001")
    assert rules.max_qty == Decimal("9000") and rules.market_max_qty == Decimal("104.34142329")
    assert rules.market_step_size == 0 and rules.min_notional == Decimal("5")
    assert rules.apply_min_to_market and not rules.apply_max_to_market
    assert [r.symbol for r in gw.symbols()] == ["BTCUSDT", "ETHBTC", "ETHUSDT"]
    assert gw.symbol_rules("ethbtc").tick_size == Decimal("0.00001")  # any case
    assert len(fake_binance.requests_to("/api/v3/exchangeInfo")) == 1  # cached


def test_rules_are_refreshed_after_an_hour(
    fake_binance: FakeBinance, trading_gateway: GatewayFactory
) -> None:
    clock = FakeClock()
    gw = trading_gateway(clock=clock)
    assert gw.symbol_rules("BTCUSDT").trading
    fake_binance.set_symbol_status("BTCUSDT", "BREAK")
    clock.now += 3599
    assert gw.symbol_rules("BTCUSDT").trading  # still the cached rules
    clock.now += 2
    assert gw.symbol_rules("BTCUSDT").status == "BREAK"
    assert "BTCUSDT" not in [r.symbol for r in gw.symbols()]  # only trading symbols
    assert len(fake_binance.requests_to("/api/v3/exchangeInfo")) == 2


def test_unknown_symbol_is_rechecked_at_most_every_five_minutes(
    fake_binance: FakeBinance, trading_gateway: GatewayFactory
) -> None:
    clock = FakeClock()
    gw = trading_gateway(clock=clock)
    with pytest.raises(UnknownSymbol, match="NOPEUSDT"):
        gw.symbol_rules("NOPEUSDT")
    with pytest.raises(UnknownSymbol):
        gw.symbol_rules("NOPEUSDT")
    assert len(fake_binance.requests_to("/api/v3/exchangeInfo")) == 1
    listed = copy.deepcopy(fake_binance.state.exchange_info["symbols"][0])
    listed.update(symbol="NEWUSDT", baseAsset="NEW")
    with fake_binance.state.lock:
        fake_binance.state.exchange_info["symbols"].append(listed)
    clock.now += 301
    assert gw.symbol_rules("NEWUSDT").base_asset == "NEW"  # a new listing, found on recheck
    assert len(fake_binance.requests_to("/api/v3/exchangeInfo")) == 2


def test_rate_limits_come_from_exchange_info(
    fake_binance: FakeBinance, trading_gateway: GatewayFactory
) -> None:
    with fake_binance.state.lock:
        fake_binance.state.exchange_info["rateLimits"] = [
            {
                "rateLimitType": "REQUEST_WEIGHT",
                "interval": "MINUTE",
                "intervalNum": 1,
                "limit": 1200,
            },
            {"rateLimitType": "ORDERS", "interval": "SECOND", "intervalNum": 10, "limit": 50},
        ]
    gw = trading_gateway()
    gw.symbols()
    usage = gw.rate_usage()
    assert usage.weight_limit == 1200 and gw.limiter.limits.orders_per_10s == 50
    assert usage.weight == fake_binance.used_weight == 20


# --- klines --------------------------------------------------------------------------------------


def test_klines_are_paged_by_1000_and_bounded_by_the_time_range(
    fake_binance: FakeBinance, trading_gateway: GatewayFactory
) -> None:
    start = past_minute(3000)
    fake_binance.set_klines("BTCUSDT", "1m", candles("BTCUSDT", "1m", start, 2600))
    gw = trading_gateway()
    first, last = start + 100 * MINUTE, start + 2499 * MINUTE
    got = gw.klines("BTCUSDT", "1m", first, last)
    assert len(got) == 2400
    assert got[0].open_time == first and got[-1].open_time == last
    assert all(b.open_time - a.open_time == MINUTE for a, b in zip(got, got[1:], strict=False))
    assert got[0] == Candle(
        "BTCUSDT",
        "1m",
        first,
        Decimal("199.5"),
        Decimal("201"),
        Decimal("199"),
        Decimal("200"),
        Decimal("1.25"),
        first + MINUTE - 1,
    )
    calls = fake_binance.requests_to("/api/v3/klines")
    assert len(calls) == 3
    assert all(c.params["limit"] == "1000" and c.params["endTime"] == str(last) for c in calls)
    assert [int(c.params["startTime"]) for c in calls] == [
        first,
        first + 999 * MINUTE + 1,
        first + 1999 * MINUTE + 1,
    ]


def test_klines_leave_out_the_candle_still_forming(
    fake_binance: FakeBinance, trading_gateway: GatewayFactory
) -> None:
    start = past_minute(5)
    fake_binance.set_klines("BTCUSDT", "1m", candles("BTCUSDT", "1m", start, 6))
    got = trading_gateway().klines("BTCUSDT", "1m", start)
    assert [c.open_time for c in got] == [start + i * MINUTE for i in range(5)]
    assert all(c.closed and c.close_time < time.time() * 1000 for c in got)


def test_klines_without_end_stop_when_history_ends(
    fake_binance: FakeBinance, trading_gateway: GatewayFactory
) -> None:
    start = past_minute(3000)
    fake_binance.set_klines("BTCUSDT", "1m", candles("BTCUSDT", "1m", start, 1000))
    gw = trading_gateway()
    assert len(gw.klines("BTCUSDT", "1m", start)) == 1000
    assert len(fake_binance.requests_to("/api/v3/klines")) == 2  # a full page, then an empty one
    assert gw.klines("BTCUSDT", "1m", start + 5000 * MINUTE) == []


def test_klines_errors(trading_gateway: GatewayFactory) -> None:
    gw = trading_gateway()
    with pytest.raises(UnknownSymbol):
        gw.klines("NOPEUSDT", "1m", 0)
    with pytest.raises(ValidationError, match="interval"):
        gw.klines("BTCUSDT", "7m", 0)


# --- prices --------------------------------------------------------------------------------------


def test_ticker_price_is_exact(fake_binance: FakeBinance, trading_gateway: GatewayFactory) -> None:
    fake_binance.set_price("BTCUSDT", "64123.45")
    gw = trading_gateway()
    price = gw.ticker_price("BTCUSDT")
    assert price == Decimal("64123.45") and isinstance(price, Decimal)
    assert fake_binance.requests_to("/api/v3/ticker/price")[0].params == {"symbol": "BTCUSDT"}
    with pytest.raises(UnknownSymbol):
        gw.ticker_price("NOPEUSDT")
    assert gw.rate_usage().weight == fake_binance.used_weight == 4
