"""SMA crossover on hand-written closes."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest

from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.orders import OrderType, Side
from crypty_desktop.strategies.base import Position
from crypty_desktop.strategies.registry import create_strategy
from crypty_desktop.strategies.sma_cross import SmaCross
from tests.strategies.helpers import HandBroker, closes

# fast = SMA 2, slow = SMA 3:
#  i close  fast   slow    fast − slow
#  0  10     –      –
#  1   9    9.5     –
#  2   8    8.5    9       −0.5      first pair: no decision (no previous pair)
#  3   9    8.5    8.667   −0.167
#  4  11   10      9.333   +0.667    golden cross → buy with all 1000 USDT (0 = all)
#  5  12   11.5   10.667   +0.833
#  6  10   11     11        0        equal is not below: no cross yet
#  7   8    9     10       −1        death cross (0 → −1) → sell all 1000/11 BTC
#  8   7    7.5    8.333   −0.833
#  9   9    8      8       0
# 10  12   10.5    9.333   +1.167    golden cross → buy with the 1000/11 × 8 USDT the sale gave
PRICES = (10, 9, 8, 9, 11, 12, 10, 8, 7, 9, 12)


def test_trades_on_hand_written_closes() -> None:
    strategy = create_strategy("sma_cross", {"fast": "2", "slow": "3"})
    log = HandBroker(quote=D(1000)).run(strategy, closes(*PRICES))
    assert [(i, it.side) for i, it in log] == [(4, Side.BUY), (7, Side.SELL), (10, Side.BUY)]
    buy, sell, rebuy = (it for _, it in log)
    assert buy.type is OrderType.MARKET and buy.quote_amount == D(1000) and buy.base_qty is None
    assert buy.reason == "golden cross: SMA 2 (10) crossed above SMA 3 (9.33)"
    assert sell.base_qty == D(1000) / D(11) and sell.quote_amount is None
    assert sell.reason == "death cross: SMA 2 (9) crossed below SMA 3 (10)"
    assert rebuy.quote_amount == D(1000) / D(11) * 8


def test_fixed_amount_per_buy() -> None:
    strategy = create_strategy("sma_cross", {"fast": 2, "slow": 3, "quote_amount": "250"})
    log = HandBroker(quote=D(1000)).run(strategy, closes(*PRICES))
    assert log[0][1].quote_amount == D(250)


def test_no_buy_while_holding_no_sell_while_flat() -> None:
    holding = Position(base=D("0.5"), quote=D(0), avg_entry=D(9))
    flat = Position(quote=D(1000))
    strategy = create_strategy("sma_cross", {"fast": 2, "slow": 3})
    # the same closes, but the position never changes: the golden crosses (4, 10) see a holder
    got = [strategy.on_candle(c, holding) for c in closes(*PRICES)]
    assert [(i, x[0].side) for i, x in enumerate(got) if x] == [(7, Side.SELL)]
    strategy = create_strategy("sma_cross", {"fast": 2, "slow": 3})
    got = [strategy.on_candle(c, flat) for c in closes(*PRICES)]
    assert [i for i, x in enumerate(got) if x] == [4, 10]  # the death cross at 7 sees nothing held


def test_no_buy_without_quote() -> None:
    strategy = create_strategy("sma_cross", {"fast": 2, "slow": 3})
    assert all(not strategy.on_candle(c, Position()) for c in closes(*PRICES))


def test_no_decision_before_both_averages_and_a_previous_pair() -> None:
    strategy = create_strategy("sma_cross", {"fast": 1, "slow": 2})
    assert strategy.warmup() == 2
    # 5 then 10: the first pair exists at candle 1 (fast 10 > slow 7.5) but there is no previous
    # pair to cross from, so no buy, although fast is above slow.
    got = [strategy.on_candle(c, Position(quote=D(100))) for c in closes(5, 10, 11)]
    assert got == [[], [], []]


def test_indicators_for_charts() -> None:
    strategy = create_strategy("sma_cross", {"fast": 2, "slow": 3})
    for c in closes(1, 2, 3):
        strategy.on_candle(c, Position())
    values = {v.name: v.value for v in strategy.indicators()}
    assert values == {"SMA 2": D("2.5"), "SMA 3": D(2)}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"fast": "30", "slow": "10"}, "The fast average (30 candles) must be shorter than"),
        ({"fast": "10", "slow": "10"}, "must be shorter"),
        ({"fast": "0"}, "Fast average must be at least 1 candles."),
        ({"slow": "5000"}, "Slow average must be at most 1000 candles."),
        ({"fast": "ten"}, "Fast average: “ten” is not a valid value."),
        ({"quote_amount": "-1"}, "Amount per buy must be at least 0."),
        ({"speed": "1"}, "SMA crossover has no parameter named speed."),
    ],
)
def test_parameter_errors(raw: dict[str, str], message: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        create_strategy("sma_cross", raw)


def test_direct_construction_uses_defaults() -> None:
    strategy = SmaCross()
    assert strategy.values == {"fast": 10, "slow": 30, "quote_amount": D(0)}
    assert strategy.warmup() == 30
