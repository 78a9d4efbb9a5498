"""The optimiser's fast path for SMA crossover: the same fills as a full backtest, in milliseconds.

A full backtest walks every candle in Decimal. An SMA crossover acts only on the candles where the
fast average crosses the slow one, and the fills it makes depend only on those candles and the
next ones. So, once per series:

- the closes become exact integers (each price × 10^d, d the most decimals any close has) and
  their running total, from which the sum of any window is one subtraction;
- the window sums of each average's length are computed once, as integer arrays, and shared by
  every combination that uses that length (``SmaTables.sums``).

Then, per combination, the sign of ``sum_fast × slow − sum_slow × fast`` on every candle (exact, in
64-bit integers, the very comparison the strategy makes in Decimal) gives the candidate crosses,
and only those candles go through the real ``PaperBroker`` with the intents the strategy would
send (a market buy of what is left, or a sale of the position): the fills, the wallet and the P&L
are the broker's own, in Decimal. ``tests/backtest/test_fast_sma.py`` checks them against
``run_backtest`` and the bot engine's loop on many combinations; the optimiser also re-runs its
best ten through the bot engine (``optimize.matches_reference``).

The ratios some objectives rank by (Sharpe, Sortino, Calmar) need the equity at every candle: it
is built from the fills in floats (a ratio is a float statistic anyway) and agrees with the full
backtest's to about 1e-12. ``None`` means the fast path does not apply (another strategy, or
prices too large for 64-bit sums): the caller runs the full backtest.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable
from decimal import Decimal
from itertools import accumulate, islice, repeat
from operator import mul, sub
from typing import TYPE_CHECKING, Protocol

from crypty_desktop.backtest.metrics import YEAR_MS, trip_gains
from crypty_desktop.bots.brokers import PaperBroker
from crypty_desktop.domain.errors import FilterRejected, InsufficientBalance, ValidationError
from crypty_desktop.domain.market import INTERVAL_MS, Candle, SymbolRules
from crypty_desktop.domain.money import ZERO
from crypty_desktop.strategies.base import Strategy
from crypty_desktop.strategies.helpers import buy_all_or, sell_all
from crypty_desktop.strategies.sma_cross import SmaCross

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from crypty_desktop.backtest.series import CandleSeries

    Ints = npt.NDArray[np.int64]
    Floats = npt.NDArray[np.float64]

_SKIP = (FilterRejected, InsufficientBalance, ValidationError)
_MAX_DECIMALS = 12
_INT64 = 2**63 - 1
_CANDLES_KEPT = 50_000  # about 25 MB of candle objects at most
NUMPY_FROM_CANDLES = 70_000  # below, importing numpy takes longer than the plain tables


class FastRun:
    """What one combination's fast backtest gives the optimiser."""

    __slots__ = ("broker", "equity_floats", "final_equity", "gains", "max_dd_pct")

    def __init__(self, broker: PaperBroker, final_equity: Decimal, gains: list[Decimal]) -> None:
        self.broker = broker
        self.final_equity = final_equity
        self.gains = gains
        self.equity_floats: Floats | None = None
        self.max_dd_pct: float | None = None  # float-ok: a statistic


class Tables(Protocol):
    """What the replay reads: numpy arrays for many combinations, plain lists for one."""

    series: CandleSeries
    decimals: int
    n: int

    def candle(self, index: int) -> Candle: ...

    def window_sum(self, length: int, index: int) -> int: ...

    def fits(self, slow: int) -> bool: ...

    def crosses(self, fast: int, slow: int) -> tuple[list[int], list[bool]]: ...


class SmaTables:
    """One series' closes as exact integers, with every window sum asked for so far."""

    def __init__(self, series: CandleSeries, scaled: Ints, decimals: int) -> None:
        import numpy as np

        self.series = series
        self.decimals = decimals  # the closes are these integers × 10^-decimals
        self.n = len(scaled)
        self.max_close = int(scaled.max()) if self.n else 0
        self.totals = np.concatenate(([0], np.cumsum(scaled, dtype=np.int64)))
        self.closes = np.frombuffer(series.closes, dtype=np.float64)
        self._sums: dict[int, Ints] = {}
        self._candles: dict[int, Candle] = {}

    def candle(self, index: int) -> Candle:
        """The candle at ``index``, kept: combinations cross on many of the same candles."""
        found = self._candles.get(index)
        if found is None:
            if len(self._candles) >= _CANDLES_KEPT:
                self._candles.clear()
            found = self._candles[index] = self.series[index]
        return found

    @classmethod
    def of(cls, series: CandleSeries) -> SmaTables | None:
        """The tables, or ``None`` when the closes cannot be held as 64-bit integers exactly."""
        import numpy as np

        closes = np.frombuffer(series.closes, dtype=np.float64)
        if not len(closes) or float(closes.max()) * len(closes) >= 2**62:  # float-ok: a bound
            return None
        for decimals in range(_MAX_DECIMALS + 1):
            scale = 10**decimals
            if float(closes.max()) * scale * len(closes) >= 2**62:  # float-ok: a bound
                return None
            scaled = np.rint(closes * scale)
            # An integer over a power of ten, divided in floats, rounds to the nearest float:
            # equal to the close iff that decimal is the close's own text (<= 15 digits).
            if np.array_equal(scaled / scale, closes):
                return cls(series, scaled.astype(np.int64), decimals)
        return None

    def sums(self, length: int) -> Ints:
        """The sum of the ``length`` closes ending at each candle, from candle ``length − 1`` on."""
        found = self._sums.get(length)
        if found is None:
            found = self.totals[length:] - self.totals[: -length or None]
            self._sums[length] = found
        return found

    def window_sum(self, length: int, index: int) -> int:
        """The sum of the ``length`` closes ending at candle ``index``."""
        return int(self.totals[index + 1] - self.totals[index + 1 - length])

    def fits(self, slow: int) -> bool:
        """Whether ``sum_fast × slow − sum_slow × fast`` stays within 64 bits."""
        return self.max_close * slow * slow * 2 < _INT64

    def crosses(self, fast: int, slow: int) -> tuple[list[int], list[bool]]:
        """Candle indexes where the sign test sees a cross, and whether each is golden."""
        import numpy as np

        if slow > self.n:
            return [], []
        fast_sums = self.sums(fast)[slow - fast :]
        slow_sums = self.sums(slow)
        diff = fast_sums * slow - slow_sums * fast  # from candle slow − 1 on
        sign = np.sign(diff)
        before, now = sign[:-1], sign[1:]
        golden = (now > 0) & (before <= 0)
        death = (now < 0) & (before >= 0)
        where = np.flatnonzero(golden | death)
        return (where + slow).tolist(), golden[where].tolist()


class PlainTables:
    """The same tables without numpy, for a single backtest: importing numpy takes a tenth of a
    second, more than the whole replay of a month. Only the running total is kept (8 bytes a
    candle); window sums are differences of it; a candle is made when asked, not kept."""

    def __init__(self, series: CandleSeries, scaled: array[int], decimals: int) -> None:
        self.series = series
        self.decimals = decimals
        self.n = len(scaled)
        self.totals = array("q", accumulate(scaled, initial=0))

    def candle(self, index: int) -> Candle:
        return self.series[index]

    @classmethod
    def of(cls, series: CandleSeries) -> PlainTables | None:
        """The tables, or ``None`` when a close is not a decimal of at most 12 places, or the sums
        could pass 64 bits."""
        closes = series.closes
        if not closes:
            return None
        for decimals in range(_MAX_DECIMALS + 1):
            scale = 10**decimals
            # Integer division rounds correctly: equal iff the decimal is the close's own text.
            if all(round(c * scale) / scale == c for c in closes):
                if max(closes) * scale * len(closes) >= 2**62:  # float-ok: a bound
                    return None
                return cls(series, array("q", (round(c * scale) for c in closes)), decimals)
        return None

    def window_sum(self, length: int, index: int) -> int:
        return self.totals[index + 1] - self.totals[index + 1 - length]

    def fits(self, slow: int) -> bool:
        return True  # the products are Python integers; the sums' bound was checked in ``of``

    def crosses(self, fast: int, slow: int) -> tuple[list[int], list[bool]]:
        if slow > self.n:
            return [], []
        # From candle slow − 1 on, each window's sum is a difference of two running totals.
        totals = self.totals
        ends = islice(totals, slow, None)
        fast_sums = map(sub, ends, islice(totals, slow - fast, None))
        slow_sums = map(sub, islice(totals, slow, None), totals)
        diff = map(sub, map(mul, fast_sums, repeat(slow)), map(mul, slow_sums, repeat(fast)))
        indexes: list[int] = []
        golden: list[bool] = []
        before = next(diff)
        for k, now in enumerate(diff, slow):
            if (now > 0 and before <= 0) or (now < 0 and before >= 0):
                indexes.append(k)
                golden.append(now > 0)
            before = now
        return indexes, golden


def tables_of(series: CandleSeries) -> Tables | None:
    """The tables for one backtest of ``series``: numpy's for a long series, plain ones below."""
    if len(series) >= NUMPY_FROM_CANDLES:
        return SmaTables.of(series)
    return PlainTables.of(series)


def run_sma_cross(
    tables: SmaTables,
    strategy: Strategy,
    rules: SymbolRules,
    budget: Decimal,
    fee_rate: Decimal,
    *,
    equity: bool,
) -> FastRun | None:
    """The fills and P&L of an SMA crossover on the tables' series (``None``: not applicable)."""
    if not isinstance(strategy, SmaCross):
        return None
    fast, slow = int(strategy.values["fast"]), int(strategy.values["slow"])
    amount = Decimal(strategy.values["quote_amount"])
    if fast >= slow or not tables.fits(slow):
        return None
    broker = PaperBroker("backtest", 0, rules, budget, None, fee_rate)
    states = _replay(tables, broker, amount, tables.crosses(fast, slow))
    wallet = broker.wallet
    cash, held = wallet.quote + wallet.locked_quote, wallet.base + wallet.locked_base
    last_close = tables.candle(tables.n - 1).close
    final = cash + held * last_close if held else cash
    run = FastRun(broker, final, trip_gains(broker.fills, rules.base_asset, rules.quote_asset))
    if equity:
        _equity(run, tables, budget, states)
    return run


Reason = Callable[[int, bool], str]  # (candle index, golden) → the strategy's words
Decisions = list[tuple[int, str]]  # (close time, reason), as ``BacktestResult.decisions``


def _replay(
    tables: Tables,
    broker: PaperBroker,
    amount: Decimal,
    crosses: tuple[list[int], list[bool]],
    reason: Reason | None = None,
    decisions: Decisions | None = None,
) -> list[tuple[int, Decimal, Decimal]]:
    """The strategy's decisions on the crosses, through the broker; (candle index, cash, held)
    after each candle that brought a fill. With ``reason``, each decision is recorded in
    ``decisions`` in the full backtest's words."""
    states: list[tuple[int, Decimal, Decimal]] = []
    pending = -1  # the candle an order was placed on, to fill at the next one's open
    for index, is_golden in zip(*crosses, strict=True):
        if pending >= 0:
            _fill(broker, tables, pending + 1, states)
            pending = -1
        position = broker.position()
        if is_golden == (position.base > 0):  # a buy while holding, a sale while flat: ignored
            continue
        why = reason(index, is_golden) if reason is not None else ""
        intent = buy_all_or(amount, position, why) if is_golden else sell_all(position, why)
        if intent is None:
            continue
        candle = tables.candle(index)
        try:
            broker.execute(intent, candle)
        except _SKIP as exc:
            if decisions is not None:
                decisions.append((candle.close_time, f"refused: {why}: {exc}"))
            continue
        if decisions is not None:
            decisions.append((candle.close_time, why))
        pending = index
    if 0 <= pending < tables.n - 1:
        _fill(broker, tables, pending + 1, states)
    return states


def replay_with_reasons(
    tables: Tables,
    strategy: SmaCross,
    rules: SymbolRules,
    budget: Decimal,
    fee_rate: Decimal,
    reason: Reason,
) -> tuple[PaperBroker, list[tuple[int, Decimal, Decimal]], Decisions]:
    """The broker after the strategy's decisions, the wallet after each fill, the decisions."""
    fast, slow = int(strategy.values["fast"]), int(strategy.values["slow"])
    broker = PaperBroker("backtest", 0, rules, budget, None, fee_rate)
    decisions: Decisions = []
    amount = Decimal(strategy.values["quote_amount"])
    states = _replay(tables, broker, amount, tables.crosses(fast, slow), reason, decisions)
    return broker, states, decisions


def _fill(
    broker: PaperBroker,
    tables: Tables,
    index: int,
    states: list[tuple[int, Decimal, Decimal]],
) -> None:
    if broker.on_candle(tables.candle(index)):
        wallet = broker.wallet
        states.append((index, wallet.quote + wallet.locked_quote, wallet.base + wallet.locked_base))


def _equity(
    run: FastRun, tables: SmaTables, budget: Decimal, states: list[tuple[int, Decimal, Decimal]]
) -> None:
    """The equity at each close, in floats, and the worst drawdown (percent) it shows."""
    import numpy as np

    closes = tables.closes
    out = np.full(tables.n, float(budget))  # float-ok: statistics
    bounds = [*(s[0] for s in states), tables.n]
    for (start, cash, held), stop in zip(states, bounds[1:], strict=True):
        out[start:stop] = (
            float(cash) + float(held) * closes[start:stop]
        )  # float-ok: ranking statistics
    peaks = np.maximum.accumulate(np.concatenate(([float(budget)], out)))[
        1:
    ]  # float-ok: ranking statistics
    run.equity_floats = out
    run.max_dd_pct = (
        float(((peaks - out) / peaks).max() * 100) if tables.n else 0.0
    )  # float-ok: ranking statistics


def ratio(run: FastRun, objective: str, budget: Decimal, interval: str) -> float | None:  # float-ok
    """The objective's value for a fast run, computed as ``metrics`` computes it."""
    import numpy as np

    if objective == "profit_factor":
        wins = sum((g for g in run.gains if g > 0), ZERO)
        losses = -sum((g for g in run.gains if g < 0), ZERO)
        return float(wins / losses) if losses > 0 else None  # float-ok: ranking only
    values = run.equity_floats
    assert values is not None and run.max_dd_pct is not None
    per_year = YEAR_MS / INTERVAL_MS[interval]
    if objective == "calmar":
        years = len(values) / per_year
        if not len(values) or years <= 0 or run.max_dd_pct <= 0 or budget <= 0:
            return None
        growth = float(values[-1]) / float(budget)  # float-ok: ranking statistics
        if growth <= 0:
            return None
        try:
            annual = math.pow(growth, 1 / years) - 1
        except OverflowError:
            return None
        return annual / (run.max_dd_pct / 100)
    previous = np.concatenate(([float(budget)], values[:-1]))  # float-ok: ranking statistics
    returns = np.where(previous != 0, values / np.where(previous != 0, previous, 1) - 1, 0.0)
    n = len(returns)
    if n < 2:
        return None
    mean = math.fsum(returns) / n
    scale = math.sqrt(per_year)
    if objective == "sharpe":
        var = math.fsum((returns - mean) ** 2) / (n - 1)
        return mean / math.sqrt(var) * scale if var > 0 else None
    down = math.fsum(np.minimum(returns, 0.0) ** 2) / n
    return mean / math.sqrt(down) * scale if down > 0 else None
