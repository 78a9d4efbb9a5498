"""A whole SMA crossover backtest from the fast path: the result the per-candle loop gives.

``run_backtest`` hands an ``SmaCross`` without risk limits on a ``CandleSeries`` here. The fills
come from ``fast_sma`` (only the crossing candles go through the paper broker); the rest is built
from them the way ``engine._Replay`` builds it, in Decimal:

- each order's reason in the strategy's own words, the averages' values from the exact window
  sums;
- the equity at every close, ``cash + held × close`` with the wallet after that candle's fills,
  held as stretches (``equity.SteppedEquity``: a value is made when read);
- the worst drawdown by the replay's own steps (on the candles that may change them), the
  candles with a position, then the engine's summary and ``compute_metrics``.

``tests/backtest/test_fast_sma.py`` compares every part with the loop's
(``run_backtest(fast=False)``) and the fills with the bot engine's; ``None`` means the loop must
run (prices the tables cannot hold exactly).
"""

from __future__ import annotations

import time
from decimal import Decimal
from typing import TYPE_CHECKING

from crypty_desktop.backtest.equity import SteppedEquity
from crypty_desktop.backtest.fast_sma import Tables, replay_with_reasons, tables_of
from crypty_desktop.backtest.metrics import compute_metrics, trip_gains
from crypty_desktop.domain.market import INTERVAL_MS, SymbolRules
from crypty_desktop.strategies.helpers import fmt
from crypty_desktop.strategies.sma_cross import DEATH_CROSS, GOLDEN_CROSS, SmaCross

if TYPE_CHECKING:
    from crypty_desktop.backtest.engine import BacktestResult
    from crypty_desktop.backtest.series import CandleSeries

CENT = Decimal("0.01")


def sma_backtest(
    strategy: SmaCross,
    rules: SymbolRules,
    series: CandleSeries,
    budget: Decimal,
    fee_rate: Decimal,
    tables: Tables | None = None,
) -> BacktestResult | None:
    """The full backtest's result for an SMA crossover (``None``: run the loop instead)."""
    from crypty_desktop.backtest.engine import BacktestResult, summarise

    started = time.perf_counter()
    fast, slow = int(strategy.values["fast"]), int(strategy.values["slow"])
    tables = tables or tables_of(series)
    if tables is None or not len(series) or not tables.fits(slow) or fast >= slow:
        return None
    scale = Decimal(1).scaleb(-tables.decimals)

    def reason(index: int, golden: bool) -> str:
        fast_sum = tables.window_sum(fast, index)
        slow_sum = tables.window_sum(slow, index)
        return (GOLDEN_CROSS if golden else DEATH_CROSS).format(
            fast=fast,
            fast_value=fmt((Decimal(fast_sum) * scale / Decimal(fast)).quantize(CENT)),
            slow=slow,
            slow_value=fmt((Decimal(slow_sum) * scale / Decimal(slow)).quantize(CENT)),
        )

    replayed = replay_with_reasons(tables, strategy, rules, budget, fee_rate, reason)
    broker, states, _decisions = replayed
    min_held = max(rules.min_qty, rules.step_size)
    equity, max_dd, held_candles = _equity(series, budget, states, min_held)
    result = BacktestResult(fills=broker.fills, equity=equity, reasons=broker.reasons)
    result.covered = (series.open_times[0], series.close_times[len(series) - 1])
    gains = trip_gains(broker.fills, rules.base_asset, rules.quote_asset)
    result.summary = summarise(
        budget, series, equity, max_dd, held_candles, gains,
        wallet=broker.wallet, fee_rate=broker.fee_rate, trades=len(broker.fills),
        seconds=time.perf_counter() - started,
    )  # fmt: skip
    result.metrics = compute_metrics(
        equity.times, equity.values, budget, INTERVAL_MS[series.interval], gains, max_dd,
        floats=equity.floats,
    )  # fmt: skip
    return result


def _equity(
    series: CandleSeries,
    budget: Decimal,
    states: list[tuple[int, Decimal, Decimal]],
    min_held: Decimal,
) -> tuple[SteppedEquity, Decimal, int]:
    """The equity curve, the worst drawdown (percent) and the candles with a position held, as
    ``engine._Replay.mark`` computes them candle by candle."""
    curve = SteppedEquity(series.close_times, series.closes, budget, states)
    held_candles = sum(
        stop - start
        for start, stop, _, held in curve.values.stretches()
        if held and held >= min_held
    )
    return curve, curve.max_drawdown(budget), held_candles
