"""The fast path's equity: values made when read equal the loop's, and its drawdown, found from
the floats' candidates, equals the loop's steps over every candle."""

from __future__ import annotations

import random
from decimal import Decimal as D

import pytest

from crypty_desktop.backtest.equity import SteppedEquity, drawdown_steps, float_equity


def _random_curve(seed: int) -> tuple[list[float], D, list[tuple[int, D, D]]]:  # float-ok: closes
    rng = random.Random(seed)
    n = rng.randint(1, 400)
    price = 100.0  # float-ok: a close read from text
    closes: list[float] = []  # float-ok: closes
    for _ in range(n):
        price = max(0.01, round(price + rng.choice([-1, 0, 0, 1]) * rng.randint(0, 300) / 100, 2))
        closes.append(price)
    budget = D(1000)
    states: list[tuple[int, D, D]] = []
    at = 0
    while True:
        at += rng.randint(1, 40)
        if at >= n:
            break
        held = rng.choice([D(0), D("0.00000001"), D(rng.randint(1, 900)) / 100])
        cash = rng.choice([budget, D(rng.randint(0, 200000)) / 100])  # the budget again: a tie
        states.append((at, cash, held))
    return closes, budget, states


def _by_hand(closes: list[float], budget: D, states: list[tuple[int, D, D]]) -> list[D]:  # float-ok
    wallet = (budget, D(0))
    starts = {start: (cash, held) for start, cash, held in states}
    out = []
    for i, close in enumerate(closes):
        wallet = starts.get(i, wallet)
        cash, held = wallet
        out.append(cash + held * D(repr(close)) if held else cash)
    return out


@pytest.mark.parametrize("seed", range(60))
def test_the_stepped_curve_is_the_loops_curve(seed: int) -> None:
    closes, budget, states = _random_curve(seed)
    curve = SteppedEquity(range(len(closes)), closes, budget, states)
    expected = _by_hand(closes, budget, states)
    assert list(curve.values) == expected
    assert [curve.values[i] for i in range(len(closes))] == expected
    assert curve.values[-1] == expected[-1] and curve.values[1:7:2] == expected[1:7:2]
    assert curve.max_drawdown(budget) == drawdown_steps(expected, budget)
    assert len(curve.floats) == len(closes)
    for i, value in enumerate(curve.floats):
        assert value == pytest.approx(float(expected[i]), rel=1e-12)  # float-ok: a check


def test_a_value_only_just_above_the_peak_is_still_stepped() -> None:
    """Two stretches whose values differ by far less than a float can tell: the Decimal decides."""
    budget = D(1000)
    closes = [1.0, 2.0, 1.5, 3.0]  # float-ok: closes
    states = [
        (1, D("1000.0000000000000000001"), D(0)),  # a hair above the budget: a new peak
        (2, D("900"), D(0)),  # a drawdown from that hair, not from the budget
        (3, D("1000.0000000000000000002"), D(0)),
    ]
    curve = SteppedEquity(range(4), closes, budget, states)
    expected = _by_hand(closes, budget, states)
    assert curve.max_drawdown(budget) == drawdown_steps(expected, budget)
    assert curve.max_drawdown(budget) != (budget - D(900)) * 100 / budget


def test_float_equity_is_cash_alone_when_nothing_is_held() -> None:
    assert list(float_equity(D("10.5"), D(0), [3.0, 4.0])) == [10.5, 10.5]  # float-ok: a check
    assert list(float_equity(D(10), D(2), [3.0])) == [16.0]  # float-ok: a check
