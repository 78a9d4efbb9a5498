"""The fake's market clock jumping ahead while a client is stopped (a laptop asleep, an app quit).

``advance_market(state, symbol, interval, closes)`` lets ``len(closes)`` candles of market time
pass at once: Binance's clock (``server_time_offset_ms``) moves forward by that many intervals
(the forming candle and those after it have then closed),
the price walks each candle's path (open, high, low, close) through ``set_price`` so resting
orders, stop-loss and take-profit legs trade on the way as they would have, and the candles of
the skipped time are added to what ``GET /api/v3/klines`` serves, so a client that wakes up can
backfill them. The first candle opens right after the last one served (or at the start of the
current interval when none is); each opens at the previous close.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from crypty_desktop.domain.market import INTERVAL_MS, Candle
from tests.fakes.binance_state import FakeState

SetPrice = Callable[[str, Decimal], int]


def skipped_candles(
    state: FakeState, symbol: str, interval: str, closes: Sequence[Decimal | str]
) -> list[Candle]:
    """The candles the skipped time is made of (not served yet)."""
    step = INTERVAL_MS[interval]
    with state.lock:
        served = state.klines.get((symbol, interval), [])
        last = max(served, key=lambda c: c.open_time) if served else None
        price = last.close if last is not None else state.prices[symbol]
        start = last.open_time + step if last is not None else state.now_ms() // step * step
    out: list[Candle] = []
    for k, raw in enumerate(closes):
        close = Decimal(raw)
        t = start + k * step
        high, low = max(price, close), min(price, close)
        out.append(Candle(symbol, interval, t, price, high, low, close, Decimal(1), t + step - 1))
        price = close
    return out


def advance_market(
    state: FakeState,
    set_price: SetPrice,
    symbol: str,
    interval: str,
    closes: Sequence[Decimal | str],
) -> list[Candle]:
    """Let the candles of ``closes`` pass: clock, price path and served klines (see the module)."""
    candles = skipped_candles(state, symbol, interval, closes)
    if not candles:
        return []
    for candle in candles:
        for price in (candle.open, candle.high, candle.low, candle.close):
            set_price(symbol, price)
    with state.lock:
        state.server_time_offset_ms += len(candles) * INTERVAL_MS[interval]
        state.klines.setdefault((symbol, interval), []).extend(candles)
    return candles
