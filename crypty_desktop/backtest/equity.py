"""A backtest's equity at each candle's close: the exact Decimal the summary reads, and the same
values in floats for the ratios (Sharpe, Sortino), which are float statistics.

Two forms hold the same curve:

- ``EquityCurve``, filled candle by candle by the backtest loop;
- ``SteppedEquity``, from the SMA fast path: the wallet changes only on the candles with a fill,
  so the curve is a few thousand stretches ``cash + held × close`` over the series' own closes.
  Nothing is stored per candle; a value is made when read, and the floats are built in one pass
  of C-level maps. Half a million candles take a few megabytes instead of fifty.

Both compute the floats with the same operations in the same order (``cash + held × close`` in
floats, ``cash`` alone when nothing is held), so the ratios are identical whichever ran.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from decimal import Decimal
from itertools import repeat
from typing import overload

from crypty_desktop.domain.money import ZERO

HUNDRED = Decimal(100)
# Float equity agrees with the exact equity to about 1e-15 of its size; a candle whose float
# drawdown comes this close to a new worst (or whose value comes this close to a new peak) is
# looked at in Decimal.
_MARGIN = 1e-9  # float-ok: a tolerance


def float_equity(
    cash: Decimal,
    held: Decimal,
    closes: Sequence[float],  # float-ok: the series' closes
) -> Iterator[float]:  # float-ok
    """The equity in floats over candles with the same wallet: ``cash + held × close``, or
    ``cash`` when nothing is held (the rule the loop's ``_Replay.mark`` applies too)."""
    cash_f = float(cash)  # float-ok: ratios are float statistics
    if not held:
        return repeat(cash_f, len(closes))
    return map(cash_f.__add__, map(float(held).__mul__, closes))  # float-ok: the same


class Equity(Sequence[tuple[int, Decimal]]):
    """(close time ms, equity) per candle; ``floats`` the same equity in floats."""

    __slots__ = ()
    times: Sequence[int]
    values: Sequence[Decimal]
    floats: Sequence[float]  # float-ok: ratios

    def __len__(self) -> int:
        return len(self.times)

    @overload
    def __getitem__(self, index: int) -> tuple[int, Decimal]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[int, Decimal]]: ...

    def __getitem__(self, index: int | slice) -> tuple[int, Decimal] | list[tuple[int, Decimal]]:
        if isinstance(index, slice):
            return list(zip(self.times[index], self.values[index], strict=True))
        return self.times[index], self.values[index]

    def __iter__(self) -> Iterator[tuple[int, Decimal]]:
        return zip(self.times, self.values, strict=True)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Equity):
            return list(self.times) == list(other.times) and list(self) == list(other)
        return list(self) == other

    __hash__ = None  # type: ignore[assignment]


class EquityCurve(Equity):
    """The loop's curve: times as 64-bit integers, a value stored once per candle (a flat stretch
    shares its Decimal), the floats beside."""

    __slots__ = ("floats", "times", "values")
    times: array[int]
    values: list[Decimal]
    floats: array[float]  # float-ok: ratios

    def __init__(self) -> None:
        self.times = array("q")
        self.values = []
        self.floats = array("d")  # float-ok: ratios

    def append(self, at: int, value: Decimal, value_f: float) -> None:  # float-ok: ratios
        self.times.append(at)
        self.values.append(value)
        self.floats.append(value_f)


class SteppedValues(Sequence[Decimal]):
    """The equity at each candle from the wallet after each fill: candle ``i`` of the stretch that
    starts at ``starts[k]`` is worth ``cash[k] + held[k] × close[i]`` (``cash[k]`` when nothing is
    held, one shared Decimal), each close as its own Decimal, as the loop values it."""

    __slots__ = ("_closes", "_starts", "_wallets")

    def __init__(
        self, closes: Sequence[float], budget: Decimal, states: list[tuple[int, Decimal, Decimal]]
    ) -> None:
        self._closes = closes
        self._starts = [0, *(start for start, _, _ in states)]
        self._wallets = [(budget, ZERO), *((cash, held) for _, cash, held in states)]

    def __len__(self) -> int:
        return len(self._closes)

    @overload
    def __getitem__(self, index: int) -> Decimal: ...

    @overload
    def __getitem__(self, index: slice) -> list[Decimal]: ...

    def __getitem__(self, index: int | slice) -> Decimal | list[Decimal]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        cash, held = self._wallets[bisect_right(self._starts, index) - 1]
        return cash + held * Decimal(repr(self._closes[index])) if held else cash

    def stretches(self) -> Iterator[tuple[int, int, Decimal, Decimal]]:
        """(start, stop, cash, held) of each stretch with candles."""
        stops = [*self._starts[1:], len(self)]
        for start, stop, (cash, held) in zip(self._starts, stops, self._wallets, strict=True):
            if stop > start:
                yield start, stop, cash, held

    def __iter__(self) -> Iterator[Decimal]:
        closes = self._closes
        for start, stop, cash, held in self.stretches():
            if not held:
                yield from repeat(cash, stop - start)
            else:
                prices = map(Decimal, map(repr, closes[start:stop]))  # each close's own Decimal
                yield from map(cash.__add__, map(held.__mul__, prices))


class SteppedEquity(Equity):
    """The fast path's curve (see the module doc)."""

    __slots__ = ("floats", "times", "values")
    values: SteppedValues

    def __init__(
        self,
        close_times: Sequence[int],
        closes: Sequence[float],
        budget: Decimal,
        states: list[tuple[int, Decimal, Decimal]],
    ) -> None:
        self.times = close_times
        self.values = values = SteppedValues(closes, budget, states)
        self.floats = array("d")  # float-ok: ratios
        for start, stop, cash, held in values.stretches():
            self.floats.extend(float_equity(cash, held, closes[start:stop]))

    def max_drawdown(self, budget: Decimal) -> Decimal:
        """The worst drawdown (percent) as the loop's steps find it, in Decimal.

        The steps change only on a candle above the peak or below the floor (a new worst); every
        other candle leaves them as they are. The floats find every candle that may do either,
        with a margin far wider than their error; only those are valued in Decimal and stepped.
        """
        values, floats = self.values, self.floats
        peak = float(budget)  # float-ok: finding candidates only
        worst = 0.0
        maybe: list[int] = []
        for start, stop, _cash, held in values.stretches():
            for i in range(start, stop if held else start + 1):  # a flat stretch: one value
                value = floats[i]
                if value > peak * (1 - _MARGIN):
                    maybe.append(i)
                    peak = max(peak, value)
                elif peak > 0 and (peak - value) / peak > worst - _MARGIN:
                    maybe.append(i)
                    worst = max(worst, (peak - value) / peak)
        return drawdown_steps((values[i] for i in maybe), budget)


def drawdown_steps(values: Iterator[Decimal] | Sequence[Decimal], budget: Decimal) -> Decimal:
    """The loop's drawdown steps: a new peak moves the floor, a value under it a new worst."""
    peak = floor = budget
    max_dd = ZERO
    for value in values:
        if value > peak:
            peak = value
            floor = value - value * max_dd / HUNDRED
        elif value < floor:
            max_dd = (peak - value) * HUNDRED / peak
            floor = value
    return max_dd
