"""What a backtest's equity curve and trades say beyond its P&L: risk-adjusted ratios, the trades'
edge, the longest drawdown and the month-by-month returns. Qt-free: the CLI, the window and the
exports (CSV, a standalone HTML page in ``backtest.report``) read the same ``Metrics``.

Definitions (crypto trades every day, so a year is 365 days of candles; no risk-free rate):

- returns are candle to candle, ``equity[i] / equity[i-1] - 1``;
- Sharpe = mean(returns) / sample standard deviation(returns) × √(candles per year);
- Sortino = mean(returns) / downside deviation × √(candles per year), the downside deviation being
  √(mean of min(return, 0)²) over every candle;
- Calmar = annual growth rate (compounded over the time covered) / max drawdown (as fractions);
- profit factor = gross gains / gross losses of the round trips (a sell that closes all or part of
  a position, its cost on the average entry price, fees included); expectancy = their mean gain;
- the longest drawdown is the longest time from a peak of equity to the first close back at or above
  it (or to the end, if equity never recovers);
- a month's return is its last equity over the previous month's last (the budget for the first).

Ratios are statistics, computed in floats; amounts (gains, expectancy, monthly returns) in Decimal.
A ratio that cannot be computed (no variation, no loss, no drawdown) is None, never infinite.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from itertools import repeat
from operator import truediv

from crypty_desktop.domain.money import ZERO
from crypty_desktop.domain.orders import Fill, Side

HUNDRED = Decimal(100)
YEAR_MS = 365 * 86_400_000
FOUR = Decimal("0.0001")


def trip_gains(fills: Sequence[Fill], base_asset: str, quote_asset: str) -> list[Decimal]:
    """Each round trip's gain in the quote asset, on the average cost like the wallet."""
    gains: list[Decimal] = []
    cost = qty = ZERO
    for fill in fills:
        if fill.side is Side.BUY:
            fee_base = fill.fee if fill.fee_asset == base_asset else ZERO
            cost += fill.price * fill.quantity
            qty += fill.quantity - fee_base
        elif qty > 0:
            share = min(fill.quantity / qty, Decimal(1))
            fee_quote = fill.fee if fill.fee_asset == quote_asset else ZERO
            gains.append(fill.price * fill.quantity - fee_quote - cost * share)
            cost -= cost * share
            qty -= fill.quantity
    return gains


@dataclass(frozen=True, slots=True)
class MonthReturn:
    month: str  # "2024-07" (UTC)
    return_pct: Decimal


@dataclass(frozen=True, slots=True)
class Metrics:
    sharpe: float | None  # float-ok: a statistic
    sortino: float | None  # float-ok: a statistic
    calmar: float | None  # float-ok: a statistic
    profit_factor: Decimal | None
    expectancy: Decimal | None  # quote asset per round trip
    round_trips: int
    longest_drawdown_ms: int
    longest_drawdown_candles: int
    monthly: tuple[MonthReturn, ...] = field(default_factory=tuple)

    def as_json(self) -> dict[str, object]:
        def ratio(v: float | None) -> float | None:  # float-ok
            return None if v is None else round(v, 4)

        def dec(v: Decimal | None) -> str | None:
            return None if v is None else format(v.quantize(FOUR), "f")

        return {
            "sharpe": ratio(self.sharpe),
            "sortino": ratio(self.sortino),
            "calmar": ratio(self.calmar),
            "profit_factor": dec(self.profit_factor),
            "expectancy": dec(self.expectancy),
            "round_trips": self.round_trips,
            "longest_drawdown_days": round(self.longest_drawdown_ms / 86_400_000, 3),
            "longest_drawdown_candles": self.longest_drawdown_candles,
            "monthly_returns_pct": {m.month: dec(m.return_pct) for m in self.monthly},
        }

    def rows(self) -> list[tuple[str, str]]:
        """(name, value) pairs, the CSV export's rows; a missing ratio is an empty value."""
        rows = [(k, "" if v is None else str(v)) for k, v in self.as_json().items()]
        rows = [(k, v) for k, v in rows if k != "monthly_returns_pct"]
        rows += [(f"return_pct_{m.month}", format(m.return_pct.quantize(FOUR), "f")) for m in
                 self.monthly]  # fmt: skip
        return rows


def compute_metrics(
    times: Sequence[int],
    values: Sequence[Decimal],
    budget: Decimal,
    interval_ms: int,
    gains: Sequence[Decimal],
    max_drawdown_pct: Decimal,
    *,
    floats: Sequence[float] | None = None,  # float-ok: the equity for the ratios
) -> Metrics:
    """The metrics of an equity curve (close time ms, equity per candle) and its round trips.

    ``floats`` is the same equity in floats when the caller has it (``equity.Equity.floats``);
    the ratios and the longest drawdown read it, the amounts read ``values`` (only at each
    month's end and the last candle, so a curve may make its values when read).
    """
    per_year = YEAR_MS / interval_ms
    if floats is None:
        floats = _floats(values)
    sharpe, sortino = _sharpe_sortino(floats, budget, per_year)
    longest_ms, longest_candles = _longest_drawdown(times, floats)
    wins = sum((g for g in gains if g > 0), ZERO)
    losses = -sum((g for g in gains if g < 0), ZERO)
    return Metrics(
        sharpe=sharpe,
        sortino=sortino,
        calmar=_calmar(values, budget, len(values) / per_year, max_drawdown_pct),
        profit_factor=wins / losses if losses > 0 else None,
        expectancy=sum(gains, ZERO) / len(gains) if gains else None,
        round_trips=len(gains),
        longest_drawdown_ms=longest_ms,
        longest_drawdown_candles=longest_candles,
        monthly=tuple(_monthly(times, values, budget)),
    )


def _floats(values: Sequence[Decimal]) -> array[float]:  # float-ok
    floats = array("d")  # float-ok: statistics
    current = 0.0
    last: Decimal | None = None
    for value in values:
        if value is not last:  # a flat stretch shares its Decimal: skip re-converting it
            current = float(value)  # float-ok: a statistic
            last = value
        floats.append(current)
    return floats


def _sharpe_sortino(
    floats: Sequence[float],  # float-ok
    budget: Decimal,
    per_year: float,  # float-ok
) -> tuple[float | None, float | None]:  # float-ok
    n = len(floats)
    if n < 2:
        return None, None
    first = float(budget)  # float-ok: a statistic
    returns = array("d", [floats[0] / first - 1 if first else 0.0])  # float-ok: statistics
    if 0.0 in floats[:-1]:  # nothing left at some close: no return from there
        returns.extend(map(_change, floats[1:], floats))
    else:  # the same arithmetic by C-level maps: a 500,000-candle run in a tenth of the time
        returns.extend(map((-1.0).__add__, map(truediv, floats[1:], floats)))
    mean = math.fsum(returns) / n
    var = math.fsum(map(pow, map((-mean).__add__, returns), repeat(2))) / (n - 1)
    scale = math.sqrt(per_year)
    sharpe = mean / math.sqrt(var) * scale if var > 0 else None
    down = math.fsum(map(pow, filter((0.0).__gt__, returns), repeat(2))) / n  # gains add zeros
    sortino = mean / math.sqrt(down) * scale if down > 0 else None
    return sharpe, sortino


def _change(now: float, before: float) -> float:  # float-ok
    return now / before - 1 if before else 0.0


def _calmar(
    values: Sequence[Decimal],
    budget: Decimal,
    years: float,
    max_dd_pct: Decimal,  # float-ok
) -> float | None:  # float-ok
    if not values or years <= 0 or max_dd_pct <= 0 or budget <= 0:
        return None
    growth = float(values[-1] / budget)  # float-ok: a statistic
    if growth <= 0:
        return None
    try:
        annual: float = math.pow(growth, 1 / years) - 1  # float-ok
    except OverflowError:  # a short, steep run: the rate per year is beyond a number
        return None
    return annual / float(max_dd_pct / HUNDRED)  # float-ok: a statistic


def _longest_drawdown(
    times: Sequence[int],
    floats: Sequence[float],  # float-ok
) -> tuple[int, int]:
    """(ms, candles) of the longest stretch below a previous peak (from the first close on)."""
    best_ms = best_n = 0
    peak: float | None = None  # float-ok: a statistic
    peak_i = 0
    below = False
    for i, value in enumerate(floats):
        if peak is None or value >= peak:
            if below:
                best_ms, best_n = _longer(best_ms, best_n, times[i] - times[peak_i], i - peak_i)
            peak, peak_i, below = value, i, False
        else:
            below = True
    if below:
        end = len(floats) - 1
        best_ms, best_n = _longer(best_ms, best_n, times[end] - times[peak_i], end - peak_i)
    return best_ms, best_n


def _longer(ms: int, n: int, new_ms: int, new_n: int) -> tuple[int, int]:
    return (new_ms, new_n) if new_n > n else (ms, n)


def _month_of(t: int) -> tuple[str, int]:
    """A close time's month ("2024-07", UTC) and the first millisecond of the next month."""
    day = datetime.fromtimestamp(t // 1000, UTC)
    year, month = (day.year, day.month + 1) if day.month < 12 else (day.year + 1, 1)
    return day.strftime("%Y-%m"), int(datetime(year, month, 1, tzinfo=UTC).timestamp() * 1000)


def _monthly(times: Sequence[int], values: Sequence[Decimal], budget: Decimal) -> list[MonthReturn]:
    """Each month's return; ``values`` is read only at each month's last candle."""
    out: list[MonthReturn] = []
    base = budget
    month, next_month = "", -1
    for i, t in enumerate(times):
        if t >= next_month:
            if month:
                last = values[i - 1]
                out.append(MonthReturn(month, (last / base - 1) * HUNDRED if base else ZERO))
                base = last
            month, next_month = _month_of(t)
    if month:
        last = values[len(times) - 1]
        out.append(MonthReturn(month, (last / base - 1) * HUNDRED if base else ZERO))
    return out
