"""DCA on hand-written closes: schedule, drops, safety orders, take profit, new cycle."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest

from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.orders import Fill, OrderType, Side
from crypty_desktop.strategies.base import Position
from crypty_desktop.strategies.registry import create_strategy
from tests.strategies.helpers import HandBroker, closes

# quote 100 every 3 candles, take profit 10 %, 2 safety orders 5 % under the average, scale 2.
# The hand broker fills at the close, without fees: average = quote spent / base bought.
#  i close  holding / average                  rule                          order
#  0 100    flat                               no buy yet → first buy          buy 100
#  1  98    1 BTC @ 100                        TP at 110, safety at ≤ 95: no
#  2  96                                       (96 > 95)
#  3  94                                       94 ≤ 95 → safety 1 (before the schedule, due too)
#                                                                              buy 100 × 2 = 200
#  4  90    300 / (1 + 200/94) = 95.918        ≤ 95.918 × 0.95 = 91.12 → safety 2  buy 100 × 4 = 400
#  5  88    700 / 7.5721 = 92.444              safety used up; 5 candles since the regular buy
#                                                                              buy 100
#  6  99    800 / 8.7085 = 91.865              TP at 101.05: no; 1 candle since the last buy
#  7 102                                       102 ≥ 101.05 → take profit     sell all 8.7085
#  8 101    flat again: a new cycle             first buy of the cycle         buy 100
#  9 101                                       (the safety count was reset: 0 of 2)
PRICES = (100, 98, 96, 94, 90, 88, 99, 102, 101, 101)
PARAMS = {
    "quote_amount": "100",
    "every": "3",
    "take_profit_pct": "10",
    "safety_orders": "2",
    "safety_step_pct": "5",
    "safety_scale": "2",
}


def test_cycle_on_hand_written_closes() -> None:
    strategy = create_strategy("dca", PARAMS)
    broker = HandBroker(quote=D(10_000))
    log = broker.run(strategy, closes(*PRICES))
    assert [(i, it.side, it.quote_amount, it.tag) for i, it in log] == [
        (0, Side.BUY, D(100), "dca"),
        (3, Side.BUY, D(200), "safety-1"),
        (4, Side.BUY, D(400), "safety-2"),
        (5, Side.BUY, D(100), "dca"),
        (7, Side.SELL, None, ""),
        (8, Side.BUY, D(100), "dca"),
    ]
    reasons = [it.reason for _, it in log]
    assert reasons[0] == "first buy of the cycle"
    assert reasons[1].startswith("safety order 1 of 2: 94 is 5 % or more below the average")
    assert reasons[2].startswith("safety order 2 of 2: 90 is 5 % or more below the average")
    assert reasons[3] == "regular buy: 5 candles since the last one"
    assert reasons[4].startswith("take profit: 102 is 10 % or more above the average buying price")
    assert reasons[5] == "first buy of the cycle"
    sell = log[4][1]
    assert sell.type is OrderType.MARKET
    assert sell.base_qty == D(1) + D(200) / 94 + D(400) / 90 + D(100) / 88
    assert strategy.state()["safety_used"] == 0


def test_schedule_every_candle_and_every_n() -> None:
    strategy = create_strategy("dca", {"every": "1", "take_profit_pct": "50"})
    log = HandBroker(quote=D(10_000)).run(strategy, closes(10, 10, 10, 10))
    assert [i for i, _ in log] == [0, 1, 2, 3]
    strategy = create_strategy("dca", {"every": "3", "take_profit_pct": "50"})
    log = HandBroker(quote=D(10_000)).run(strategy, closes(*[10] * 8))
    assert [i for i, _ in log] == [0, 3, 6]


def test_buys_on_drops_from_the_last_buy() -> None:
    # no schedule; buy whenever the close is 5 % or more under the last regular buy:
    # 100 first buy; 97 no; 95 = 100 × 0.95 → buy (last 95); 93 no; 90.25 = 95 × 0.95 → buy
    strategy = create_strategy("dca", {"every": "0", "drop_pct": "5", "take_profit_pct": "50"})
    log = HandBroker(quote=D(10_000)).run(strategy, closes("100", "97", "95", "93", "90.25"))
    assert [i for i, _ in log] == [0, 2, 4]
    assert log[1][1].reason == "buy on a drop: 95 is 5 % or more below the last buy at 100"


def test_the_fill_price_becomes_the_last_buy() -> None:
    strategy = create_strategy("dca", {"every": "0", "drop_pct": "5", "take_profit_pct": "50"})
    assert strategy.on_candle(closes(100)[0], Position(quote=D(1000)))
    fill = Fill("BTCUSDT", Side.BUY, D(110), D("0.9"), D("0.0009"), "BTC", 0, "cr-x-0")
    assert strategy.on_fill(fill, "dca") == []
    held = Position(base=D("0.9"), quote=D(900), avg_entry=D(110))
    # 100 × 0.95 = 95 would be the threshold from the decided close; from the fill it is 104.5
    assert strategy.on_candle(closes(100, "104.5")[1], held)[0].quote_amount == D(100)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"every": "0"}, "Choose when to buy: every so many candles, on a price drop, or both."),
        ({"quote_amount": "0"}, "Amount per buy must be more than 0."),
        ({"take_profit_pct": "0"}, "Take profit at must be at least 0.1 %."),
        ({"safety_orders": "21"}, "Safety orders must be at most 20."),
        ({"drop_pct": "100"}, "Buy on a drop of must be at most 99 %."),
        ({"every": "1.5"}, "Buy every: “1.5” is not a valid value."),
    ],
)
def test_parameter_errors(raw: dict[str, str], message: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        create_strategy("dca", raw)
