"""Parsing Binance's exchangeInfo answer into SymbolRules and rate limits."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from crypty_desktop.exchange.exchange_info import (
    parse_exchange_info,
    parse_rate_limits,
    parse_symbol,
)
from crypty_desktop.exchange.rate_limit import Limits
from crypty_desktop.resources import resource_path

D = Decimal

# The shape Binance sends today for BTCUSDT (values of 2024), filters in Binance's order.
BTCUSDT: dict[str, Any] = {
    "symbol": "BTCUSDT",
    "status": "TRADING",
    "baseAsset": "BTC",
    "baseAssetPrecision": 8,
    "quoteAsset": "USDT",
    "quotePrecision": 8,
    "quoteAssetPrecision": 8,
    "filters": [
        {
            "filterType": "PRICE_FILTER",
            "minPrice": "0.01000000",
            "maxPrice": "1000000.00000000",
            "tickSize": "0.01000000",
        },
        {
            "filterType": "LOT_SIZE",
            "minQty": "0.00001000",
            "maxQty": "9000.00000000",
            "stepSize": "0.00001000",
        },
        {"filterType": "ICEBERG_PARTS", "limit": 10},
        {
            "filterType": "MARKET_LOT_SIZE",
            "minQty": "0.00000000",
            "maxQty": "104.34142329",
            "stepSize": "0.00000000",
        },
        {"filterType": "TRAILING_DELTA", "minTrailingAboveDelta": 10},
        {
            "filterType": "PERCENT_PRICE_BY_SIDE",
            "bidMultiplierUp": "5",
            "bidMultiplierDown": "0.2",
            "avgPriceMins": 5,
        },
        {
            "filterType": "NOTIONAL",
            "minNotional": "5.00000000",
            "applyMinToMarket": True,
            "maxNotional": "9000000.00000000",
            "applyMaxToMarket": False,
            "avgPriceMins": 5,
        },
        {"filterType": "MAX_NUM_ORDERS", "maxNumOrders": 200},
    ],
}


def test_parse_current_symbol_shape() -> None:
    rules = parse_symbol(BTCUSDT)
    assert (rules.symbol, rules.base_asset, rules.quote_asset) == ("BTCUSDT", "BTC", "USDT")
    assert rules.trading
    assert (rules.tick_size, rules.min_price, rules.max_price) == (
        D("0.01"),
        D("0.01"),
        D("1000000"),
    )
    assert (rules.step_size, rules.min_qty, rules.max_qty) == (
        D("0.00001"),
        D("0.00001"),
        D("9000"),
    )
    assert (rules.market_step_size, rules.market_min_qty) == (0, 0)
    assert rules.market_max_qty == D("104.34142329")
    assert (rules.min_notional, rules.max_notional) == (D("5"), D("9000000"))
    assert rules.apply_min_to_market is True and rules.apply_max_to_market is False
    assert (rules.base_precision, rules.quote_precision) == (8, 8)
    for value in (rules.tick_size, rules.step_size, rules.min_notional):
        assert isinstance(value, Decimal)


def test_parse_older_min_notional_and_status() -> None:
    item = {
        "symbol": "ETHBTC",
        "status": "BREAK",
        "baseAsset": "ETH",
        "quoteAsset": "BTC",
        "quotePrecision": 6,
        "filters": [
            {"filterType": "MIN_NOTIONAL", "minNotional": "0.00100000", "applyToMarket": False}
        ],
    }
    rules = parse_symbol(item)
    assert not rules.trading and rules.status == "BREAK"
    assert rules.min_notional == D("0.001") and rules.apply_min_to_market is False
    assert rules.quote_precision == 6
    assert rules.tick_size == 0 and rules.step_size == 0  # no filter → no rule


def test_stricter_minimum_wins_when_both_notional_filters_appear() -> None:
    item = dict(BTCUSDT)
    item["filters"] = [
        {"filterType": "MIN_NOTIONAL", "minNotional": "10.0"},
        {"filterType": "NOTIONAL", "minNotional": "5.0", "applyMinToMarket": True},
    ]
    assert parse_symbol(item).min_notional == D("10")


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ([{"filterType": "LOT_SIZE", "stepSize": 0.001}], "not a decimal string"),
        ([{"filterType": "LOT_SIZE", "stepSize": "abc"}], "not a number"),
        ([{"filterType": "PRICE_FILTER", "tickSize": "-0.01"}], "negative"),
        (["PRICE_FILTER"], "not an object"),
    ],
)
def test_malformed_filters_are_refused_by_name(filters: list[Any], message: str) -> None:
    item = dict(BTCUSDT, filters=filters)
    with pytest.raises(ValueError, match=message):
        parse_symbol(item)


def test_missing_symbol_fields_are_refused() -> None:
    with pytest.raises(ValueError, match="'baseAsset'"):
        parse_symbol({"symbol": "X", "quoteAsset": "USDT"})


def test_rate_limits_current_defaults() -> None:
    limits = parse_rate_limits(
        [
            {
                "rateLimitType": "REQUEST_WEIGHT",
                "interval": "MINUTE",
                "intervalNum": 1,
                "limit": 6000,
            },
            {"rateLimitType": "ORDERS", "interval": "SECOND", "intervalNum": 10, "limit": 100},
            {"rateLimitType": "ORDERS", "interval": "DAY", "intervalNum": 1, "limit": 200000},
            {
                "rateLimitType": "RAW_REQUESTS",
                "interval": "MINUTE",
                "intervalNum": 5,
                "limit": 61000,
            },
        ]
    )
    assert limits == Limits(weight_per_minute=6000, orders_per_10s=100, orders_per_day=200_000)


def test_rate_limits_other_windows_are_converted_conservatively() -> None:
    limits = parse_rate_limits(
        [
            # 2018-style entries without intervalNum: 1200 per minute, 10 orders per second
            {"rateLimitType": "REQUEST_WEIGHT", "interval": "MINUTE", "limit": 1200},
            {"rateLimitType": "ORDERS", "interval": "SECOND", "limit": 10},
            # a 5-minute weight window is spread: 3000 / 5 = 600 per minute, the smaller wins
            {
                "rateLimitType": "REQUEST_WEIGHT",
                "interval": "MINUTE",
                "intervalNum": 5,
                "limit": 3000,
            },
            {"rateLimitType": "ORDERS", "interval": "DAY", "intervalNum": 2, "limit": 100000},
        ]
    )
    assert limits == Limits(weight_per_minute=600, orders_per_10s=10, orders_per_day=50_000)


def test_rate_limits_missing_keep_defaults() -> None:
    assert parse_rate_limits([]) == Limits()


def test_whole_answer_and_the_bundled_demo_file() -> None:
    info = parse_exchange_info({"serverTime": 1712019600000, "symbols": [BTCUSDT]})
    assert info.server_time == 1712019600000 and list(info.symbols) == ["BTCUSDT"]
    path = resource_path("demo", "exchange_info.json")
    demo = parse_exchange_info(json.loads(path.read_text("utf-8")))
    assert sorted(demo.symbols) == ["BTCUSDT", "ETHBTC", "ETHUSDT"]
    eth = demo.symbols["ETHUSDT"]
    assert (eth.tick_size, eth.step_size, eth.min_notional) == (D("0.01"), D("0.0001"), D("5"))
    ethbtc = demo.symbols["ETHBTC"]
    assert (ethbtc.tick_size, ethbtc.step_size, ethbtc.min_notional) == (
        D("0.00001"),
        D("0.0001"),
        D("0.0001"),
    )
    btc = demo.symbols["BTCUSDT"]
    assert (btc.tick_size, btc.step_size, btc.min_notional) == (D("0.01"), D("0.00001"), D("5"))
    assert demo.limits == Limits()


def test_not_an_object() -> None:
    with pytest.raises(ValueError, match="JSON object"):
        parse_exchange_info([])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="'symbols' is not a list"):
        parse_exchange_info({"symbols": {}})
