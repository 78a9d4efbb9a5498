"""Grid on hand-written candles and fills."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest

from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.orders import Fill, OrderType, Side
from crypty_desktop.strategies.base import Intent, Position
from crypty_desktop.strategies.grid import Grid, grid_levels, suggested_grid
from crypty_desktop.strategies.registry import create_strategy
from tests.strategies.helpers import candle

# Levels 1..4 at 100, 110, 120, 130; 110 USDT per buy.
PARAMS = {"lower": "100", "upper": "130", "levels": "4", "quote_per_level": "110"}


def at(tags: str = "") -> Position:
    return Position(quote=D(1000), open_tags=frozenset(t for t in tags.split() if t))


def fill(side: Side, price: str, qty: str, fee: str = "0", fee_asset: str = "BTC") -> Fill:
    return Fill("BTCUSDT", side, D(price), D(qty), D(fee), fee_asset, 0, "cr-x-1")


def short(intents: list[Intent]) -> list[tuple[object, ...]]:
    return [
        (
            "cancel" if i.cancel else i.side.value.lower(),
            i.tag,
            i.limit_price,
            i.quote_amount if i.side is Side.BUY else i.base_qty,
        )
        for i in intents
    ]


def test_levels_are_evenly_spaced() -> None:
    assert grid_levels(D(100), D(130), 4) == [D(100), D(110), D(120), D(130)]
    assert grid_levels(D(60000), D(62000), 4) == [
        D(60000),
        D("60666.66666667"),
        D("61333.33333333"),
        D(62000),
    ]


def test_a_grid_by_hand() -> None:
    g = create_strategy("grid", PARAMS)
    assert g.warmup() == 0
    # close 115: buys at every level strictly below it, 100 and 110; none at 120 or 130
    first = g.on_candle(candle(0, "115"), at())
    assert short(first) == [
        ("buy", "buy-1", D(100), D(110)),
        ("buy", "buy-2", D(110), D(110)),
    ]
    assert all(i.type is OrderType.LIMIT for i in first)
    assert first[0].reason == "grid level 1 of 4: buy at 100"
    assert first[1].reason == "grid level 2 of 4: buy at 110"
    assert g.on_candle(candle(1, "112"), at("buy-1 buy-2")) == []

    # the buy at 110 fills (1 BTC, fee 0.001 BTC): sell the 0.999 BTC received one level up
    sell = g.on_fill(fill(Side.BUY, "110", "1", "0.001"), "buy-2")
    assert short(sell) == [("sell", "sell-3", D(120), D("0.999"))]
    assert sell[0].reason == "grid level 3 of 4: sell at 120 what level 2 bought"
    assert g.on_candle(candle(2, "108"), at("buy-1 sell-3")) == []

    # it sells at 120: the buy at 110 is placed again
    again = g.on_fill(fill(Side.SELL, "120", "0.999"), "sell-3")
    assert short(again) == [("buy", "buy-2", D(110), D(110))]

    # the close rises from 108 through 120 to 121: level 3 joins the grid with a buy
    assert short(g.on_candle(candle(3, "121"), at("buy-1 buy-2"))) == [
        ("buy", "buy-3", D(120), D(110))
    ]
    # above the upper price: level 4 is only a selling level, nothing is bought up there
    assert g.on_candle(candle(4, "135"), at("buy-1 buy-2 buy-3")) == []

    # a crash to 95 fills the three buys; each is offered one level up. A fee paid in BNB is not
    # taken from the BTC bought, so all 0.9 BTC are offered.
    assert short(g.on_fill(fill(Side.BUY, "120", "0.9", "0.01", "BNB"), "buy-3")) == [
        ("sell", "sell-4", D(130), D("0.9"))
    ]
    assert short(g.on_fill(fill(Side.BUY, "110", "1", "0.001"), "buy-2")) == [
        ("sell", "sell-3", D(120), D("0.999"))
    ]
    assert short(g.on_fill(fill(Side.BUY, "100", "1.1", "0.0011"), "buy-1")) == [
        ("sell", "sell-2", D(110), D("1.0989"))
    ]
    # below the lower price: every buy has filled, no new buy is placed below 100
    assert g.on_candle(candle(5, "95"), at("sell-2 sell-3 sell-4")) == []

    # the sell at 120 disappears without a fill: placed once more, then given up
    assert short(g.on_candle(candle(6, "96"), at("sell-2 sell-4"))) == [
        ("sell", "sell-3", D(120), D("0.999"))
    ]
    assert g.on_candle(candle(7, "97"), at("sell-2 sell-4")) == []

    # the price climbs to 111: the sell at 110 fills (the buy at 100 comes back) and level 2,
    # idle since the sell was given up, gets its buy as the close crosses 110 upwards
    assert short(g.on_fill(fill(Side.SELL, "110", "1.0989"), "sell-2")) == [
        ("buy", "buy-1", D(100), D(110))
    ]
    assert short(g.on_candle(candle(8, "111"), at("buy-1 sell-4"))) == [
        ("buy", "buy-2", D(110), D(110))
    ]


def test_unknown_tags_and_market_fills_are_ignored() -> None:
    g = create_strategy("grid", PARAMS)
    g.on_candle(candle(0, "115"), at())
    assert g.on_fill(fill(Side.SELL, "115", "1"), "") == []
    assert g.on_fill(fill(Side.BUY, "115", "1"), "buy-9") == []


def test_a_buy_filled_in_two_parts_replaces_its_sell() -> None:
    g = create_strategy("grid", PARAMS)
    g.on_candle(candle(0, "115"), at())
    assert short(g.on_fill(fill(Side.BUY, "110", "0.4"), "buy-2")) == [
        ("sell", "sell-3", D(120), D("0.4"))
    ]
    assert g.on_candle(candle(1, "112"), at("buy-1 buy-2 sell-3")) == []  # the rest still rests
    assert short(g.on_fill(fill(Side.BUY, "110", "0.6"), "buy-2")) == [
        ("cancel", "sell-3", None, None),
        ("sell", "sell-3", D(120), D("1.0")),
    ]
    assert g.on_candle(candle(2, "113"), at("buy-1 sell-3")) == []
    assert short(g.on_fill(fill(Side.SELL, "120", "1.0"), "sell-3")) == [
        ("buy", "buy-2", D(110), D(110))
    ]


def test_orders_decided_during_warm_up_are_placed_on_the_next_candle() -> None:
    """The engine drops decisions taken on warm-up candles: the grid notices the missing buys."""
    g = create_strategy("grid", PARAMS)
    g.on_candle(candle(0, "115"), at())  # dropped
    assert [i.tag for i in g.on_candle(candle(1, "116"), at())] == ["buy-1", "buy-2"]
    assert g.on_candle(candle(2, "116"), at("buy-1 buy-2")) == []


def test_a_missing_buy_above_the_price_waits_for_the_next_cross() -> None:
    g = create_strategy("grid", PARAMS)
    g.on_candle(candle(0, "115"), at())
    # buy-2 (110) vanished and the close is now under it: not re-placed above the price
    assert [i.tag for i in g.on_candle(candle(1, "105"), at("buy-1"))] == []
    assert [i.tag for i in g.on_candle(candle(2, "109"), at("buy-1"))] == []
    assert [i.tag for i in g.on_candle(candle(3, "112"), at("buy-1"))] == ["buy-2"]


def test_below_the_range_at_start_nothing_until_the_price_enters() -> None:
    g = create_strategy("grid", PARAMS)
    assert g.on_candle(candle(0, "90"), at()) == []
    assert g.on_candle(candle(1, "100"), at()) == []  # 100 is not strictly below 100
    assert [i.tag for i in g.on_candle(candle(2, "111"), at())] == ["buy-1", "buy-2"]


def test_levels_for_charts_and_defaults() -> None:
    g = create_strategy("grid", PARAMS)
    assert [(v.name, v.value) for v in g.indicators()] == [
        ("grid 1", D(100)),
        ("grid 2", D(110)),
        ("grid 3", D(120)),
        ("grid 4", D(130)),
    ]
    assert Grid().values["levels"] == 10


def test_state_saved_for_other_levels_is_ignored() -> None:
    g = create_strategy("grid", PARAMS)
    g.on_candle(candle(0, "115"), at())
    other = create_strategy("grid", {**PARAMS, "levels": "5"})
    other.restore(g.state())
    assert [i.tag for i in other.on_candle(candle(1, "116"), at())] == [
        "buy-1",
        "buy-2",
        "buy-3",
    ]  # a fresh grid at 100, 107.5, 115, 122.5, 130


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            {"lower": "130", "upper": "100"},
            "Upper price (100) must be above the lower price (130).",
        ),
        ({"lower": "0"}, "Lower price must be more than 0."),
        ({"levels": "1"}, "Number of levels must be at least 2."),
        ({"levels": "201"}, "Number of levels must be at most 200."),
        ({"quote_per_level": "0"}, "Amount per level must be more than 0."),
        (
            {"lower": "1", "upper": "1.0000001", "levels": "200"},
            "The range is too narrow for that many levels.",
        ),
        ({"upper": "lots"}, "Upper price: “lots” is not a valid value."),
    ],
)
def test_parameter_errors(raw: dict[str, str], message: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        create_strategy("grid", raw)


def test_suggested_grid_fits_the_market_it_is_for() -> None:
    # BTCUSDT at 69,349.08 (tick 0.01, smallest order 5.5479264): ±10 % on the tick; a budget
    # of 1,000 shared over nine buying levels is 111.11…, shown as 110.
    assert suggested_grid(D("69349.08"), D("0.01"), D("5.5479264"), D(1000)) == {
        "lower": D("62414.17"),
        "upper": D("76283.99"),
        "levels": 10,
        "quote_per_level": D(110),
    }
    # ETHBTC at 0.05029 BTC (tick 0.00001): no BTCUSDT prices; a budget too small for nine
    # levels gets the smallest order, rounded up to two digits.
    eth = suggested_grid(D("0.05029"), D("0.00001"), D("0.00010058"), None)
    assert eth["lower"] == D("0.04526") and eth["upper"] == D("0.05532")
    assert eth["quote_per_level"] == D("0.00011")
    small = suggested_grid(D(100), D(0), D(5), D(9))
    assert small["quote_per_level"] == D(5)  # never below the smallest order
