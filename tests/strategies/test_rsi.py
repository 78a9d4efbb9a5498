"""RSI strategy on hand-written closes."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest

from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.orders import Side
from crypty_desktop.strategies.base import Position
from crypty_desktop.strategies.registry import create_strategy
from tests.strategies.helpers import HandBroker, closes

# RSI period 2 (Wilder), oversold 30, overbought 70:
#  i close change avg gain   avg loss   RSI
#  0 10
#  1  9    −1
#  2  8    −1    0          1          0         seed: the first 2 changes
#  3  9    +1    0.5        0.5        50        0 < 30 ≤ 50: crossed up oversold → buy all
#  4 10    +1    0.75       0.25       75
#  5 11    +1    0.875      0.125      87.5
#  6 10    −1    0.4375     0.5625     43.75     87.5 > 70 ≥ 43.75: crossed down → sell all
#  7  9    −1    0.21875    0.78125    21.875
#  8  8    −1    0.109375   0.890625   10.9375
#  9 10    +2    1.0546875  0.4453125  70.3125   10.94 < 30 ≤ 70.31 → buy again
PRICES = (10, 9, 8, 9, 10, 11, 10, 9, 8, 10)


def test_trades_on_hand_written_closes() -> None:
    strategy = create_strategy("rsi", {"period": 2})
    assert strategy.warmup() == 3
    log = HandBroker(quote=D(900)).run(strategy, closes(*PRICES))
    assert [(i, it.side) for i, it in log] == [(3, Side.BUY), (6, Side.SELL), (9, Side.BUY)]
    buy, sell, rebuy = (it for _, it in log)
    assert buy.quote_amount == D(900)
    assert buy.reason == "RSI rose through the oversold line 30: 0 → 50"
    assert sell.base_qty == D(100)  # 900 USDT at 9
    assert sell.reason == "RSI fell through the overbought line 70: 87.5 → 43.75"
    assert rebuy.quote_amount == D(1000) and "10.9375 → 70.3125" in rebuy.reason
    assert strategy.indicators()[0].value == D("70.3125")
    assert strategy.indicators()[0].panel == "rsi"


def test_no_buy_while_holding_no_sell_while_flat() -> None:
    strategy = create_strategy("rsi", {"period": 2, "quote_amount": "50"})
    flat = [strategy.on_candle(c, Position(quote=D(100))) for c in closes(*PRICES)]
    assert [(i, x[0].side, x[0].quote_amount) for i, x in enumerate(flat) if x] == [
        (3, Side.BUY, D(50)),
        (9, Side.BUY, D(50)),
    ]
    strategy = create_strategy("rsi", {"period": 2})
    held = Position(base=D(1), avg_entry=D(9))
    got = [strategy.on_candle(c, held) for c in closes(*PRICES)]
    assert [(i, x[0].side) for i, x in enumerate(got) if x] == [(6, Side.SELL)]


def test_being_below_oversold_is_not_a_cross() -> None:
    # RSI 0 at candle 2, still 0 at 3 and 4 (only falls): no buy while it stays under the line
    strategy = create_strategy("rsi", {"period": 2})
    got = [strategy.on_candle(c, Position(quote=D(100))) for c in closes(10, 9, 8, 7, 6)]
    assert got == [[]] * 5


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"oversold": "70", "overbought": "30"}, "The oversold line (70) must be below the"),
        ({"oversold": "50", "overbought": "50"}, "must be below the overbought line (50)."),
        ({"period": "1"}, "RSI period must be at least 2 candles."),
        ({"overbought": "100"}, "Overbought line must be at most 99."),
        ({"oversold": "0.5"}, "Oversold line must be at least 1."),
        ({"oversold": "nan"}, "Oversold line: “nan” is not a valid value."),
        ({"oversold": 30.5}, "Oversold line: “30.5” is not a valid value."),  # no floats
    ],
)
def test_parameter_errors(raw: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        create_strategy("rsi", raw)
