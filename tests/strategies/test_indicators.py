"""Incremental SMA and Wilder's RSI against hand values and a naive full recomputation."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest

from crypty_desktop.strategies.indicators import RSI_QUANTUM, Rsi, Sma, rsi_from_averages
from tests.strategies.helpers import real_candles


def naive_sma(values: list[D], period: int) -> list[D | None]:
    """Sum the window again at every index."""
    return [
        sum(values[i + 1 - period : i + 1], D(0)) / D(period) if i + 1 >= period else None
        for i in range(len(values))
    ]


def naive_rsi(values: list[D], period: int) -> list[D | None]:
    """Wilder's definition from scratch at every index: seed on the first ``period`` changes, then
    smooth. Quadratic on purpose: no state is carried from one index to the next."""
    out: list[D | None] = []
    for end in range(len(values)):
        changes = [values[i] - values[i - 1] for i in range(1, end + 1)]
        if len(changes) < period:
            out.append(None)
            continue
        gains = [max(c, D(0)) for c in changes]
        losses = [max(-c, D(0)) for c in changes]
        ag = sum(gains[:period], D(0)) / period
        al = sum(losses[:period], D(0)) / period
        for g, loss in zip(gains[period:], losses[period:], strict=True):
            ag = (ag * (period - 1) + g) / period
            al = (al * (period - 1) + loss) / period
        out.append(rsi_from_averages(ag, al))
    return out


def float_rsi(values: list[float], period: int) -> list[float | None]:  # float-ok: a check
    """An independent float implementation (100 − 100 / (1 + RS)), for a tolerance check."""
    out: list[float | None] = [None] * len(values)  # float-ok
    ag = al = 0.0  # float-ok
    for i in range(1, len(values)):
        ch = values[i] - values[i - 1]
        g, loss = max(ch, 0.0), max(-ch, 0.0)
        if i <= period:
            ag += g / period
            al += loss / period
            if i < period:
                continue
        else:
            ag = (ag * (period - 1) + g) / period
            al = (al * (period - 1) + loss) / period
        out[i] = 100.0 if al == 0 else 100.0 - 100.0 / (1.0 + ag / al)
    return out


# --- by hand -------------------------------------------------------------------------------------
def test_sma_by_hand() -> None:
    sma = Sma(3)
    got = [sma.update(D(v)) for v in (1, 2, 3, 4, 10)]
    # (1+2+3)/3 = 2, (2+3+4)/3 = 3, (3+4+10)/3 = 17/3
    assert got == [None, None, D(2), D(3), D(17) / D(3)]
    assert sma.value == D(17) / D(3)


def test_rsi_by_hand() -> None:
    """Period 3 on 10, 11, 12, 11, 13, 12: changes +1, +1, −1, +2, −1.

    Seed (first 3 changes): avg gain 2/3, avg loss 1/3 → RSI 100 × (2/3) / 1 = 66.6667.
    +2: gain (2/3 × 2 + 2) / 3 = 10/9, loss (1/3 × 2 + 0) / 3 = 2/9 → 100 × 10/12 = 83.3333.
    −1: gain (10/9 × 2) / 3 = 20/27, loss (2/9 × 2 + 1) / 3 = 13/27 → 100 × 20/33 = 60.6061.
    """
    rsi = Rsi(3)
    got = [rsi.update(D(v)) for v in (10, 11, 12, 11, 13, 12)]
    assert got == [None, None, None, D("66.6667"), D("83.3333"), D("60.6061")]


def test_rsi_edges_only_up_is_100_flat_is_50() -> None:
    up = Rsi(2)
    assert [up.update(D(v)) for v in (1, 2, 3)][-1] == D(100)
    flat = Rsi(2)
    assert [flat.update(D(5)) for _ in range(3)][-1] == D(50)
    down = Rsi(2)
    assert [down.update(D(v)) for v in (3, 2, 1)][-1] == D(0)


def test_bad_periods_are_refused() -> None:
    with pytest.raises(ValueError, match="SMA period"):
        Sma(0)
    with pytest.raises(ValueError, match="RSI period"):
        Rsi(0)


# --- real candles --------------------------------------------------------------------------------
@pytest.mark.parametrize("period", [1, 7, 50, 200])
def test_sma_equals_a_full_recomputation_on_real_candles(period: int) -> None:
    closes = [c.close for c in real_candles(3000)]
    sma = Sma(period)
    assert [sma.update(v) for v in closes] == naive_sma(closes, period)


@pytest.mark.parametrize("period", [2, 14])
def test_rsi_equals_a_full_recomputation_on_real_candles(period: int) -> None:
    closes = [c.close for c in real_candles(600)]
    rsi = Rsi(period)
    got = [rsi.update(v) for v in closes]
    assert got == naive_rsi(closes, period)
    assert got[period - 1] is None and got[period] is not None
    floats = float_rsi([float(v) for v in closes], period)  # float-ok
    for mine, ref in zip(got, floats, strict=True):
        assert (mine is None) == (ref is None)
        if mine is not None and ref is not None:
            assert abs(float(mine) - ref) < 0.0002  # float-ok
            assert mine == mine.quantize(RSI_QUANTUM)


def test_updates_keep_constant_memory() -> None:
    """O(1): the SMA never holds more than ``period`` values; the RSI holds a few scalars."""
    sma, rsi = Sma(20), Rsi(14)
    for c in real_candles(3000):
        sma.update(c.close)
        rsi.update(c.close)
        assert len(sma.window) <= 20
    assert len(sma.window) == 20
    assert not hasattr(rsi, "__dict__")  # slots only: no list can grow


def test_state_round_trip_continues_exactly() -> None:
    closes = [c.close for c in real_candles(400)]
    sma, rsi = Sma(30), Rsi(14)
    for v in closes[:200]:
        sma.update(v)
        rsi.update(v)
    sma2, rsi2 = Sma(30), Rsi(14)
    sma2.restore(json.loads(json.dumps(sma.state())))
    rsi2.restore(json.loads(json.dumps(rsi.state())))
    for v in closes[200:]:
        assert sma2.update(v) == sma.update(v)
        assert rsi2.update(v) == rsi.update(v)
