"""The guards' heavy work as the search runs its own: Monte Carlo and stability on the worker
pool (``optimize.run_jobs``), with progress and a prompt cancel, for the window and the CLI alike.

- Monte Carlo: the best combination's backtest (cancellable every thousand candles), then the
  resampling in blocks (``montecarlo.blocks``), on every core when there are at least
  ``MC_POOL_STEPS`` trips to replay (below that, starting the worker processes costs more than it
  saves: see ``bench/bench_optimize.py``), else here, block by block. The figures are the same
  either way (each block has its own seed).
- Stability: the neighbours a random search did not try; on the worker pool when one of them
  takes the full backtest (seconds each on a large file, and a worker is ended at once on
  cancel), here when all take the SMA fast path (milliseconds each).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from multiprocessing.context import BaseContext

from crypty_desktop.backtest.metrics import trip_gains
from crypty_desktop.backtest.montecarlo import (
    Block,
    BlockFigures,
    MonteCarlo,
    monte_carlo,
    run_block,
)
from crypty_desktop.backtest.optimize import (
    Progress,
    Search,
    Trial,
    backtest_of,
    evaluate,
    fast_applies,
    run_jobs,
)
from crypty_desktop.backtest.series import CandleSeries
from crypty_desktop.backtest.stability import Stability, stability

MC_POOL_STEPS = 2_000_000  # trips to replay from which Monte Carlo uses the worker processes


def run_monte_carlo(
    search: Search,
    series: CandleSeries,
    params: dict[str, str],
    runs: int,
    seed: int,
    *,
    progress: Progress | None = None,
    should_continue: Callable[[], bool] | None = None,
    context: BaseContext | None = None,
    on_backtest: Callable[[int], None] | None = None,
) -> MonteCarlo | None:
    """Monte Carlo on the round trips of ``params``' backtest. ``on_backtest(trips)`` is told how
    many round trips the backtest gave before the resampling starts (the progress's total);
    ``progress`` then counts trips replayed."""
    result = backtest_of(search, series, params, should_continue)
    gains = trip_gains(result.fills, search.rules.base_asset, search.rules.quote_asset)
    if on_backtest is not None:
        on_backtest(len(gains))
    workers = search.workers or os.cpu_count() or 1

    def run_blocks(todo: list[Block]) -> list[BlockFigures]:
        steps = sum(block.steps for block in todo)
        return run_jobs(
            search, run_block, todo, weight=lambda block: block.steps,
            parallel=workers > 1 and len(todo) > 1 and steps >= MC_POOL_STEPS,
            progress=progress, should_continue=should_continue, context=context,
        )  # fmt: skip

    return monte_carlo(search.budget, gains, runs, seed, run_blocks)


def run_stability(
    search: Search,
    series: CandleSeries,
    ranges: Sequence[tuple[str, list[str]]],
    best: Trial,
    trials: Sequence[Trial],
    *,
    progress: Progress | None = None,
    should_continue: Callable[[], bool] | None = None,
    context: BaseContext | None = None,
    on_missing: Callable[[int], None] | None = None,
) -> Stability:
    """Stability around ``best``; ``on_missing(count)`` is told how many neighbours must be
    backtested (each counts ``len(series)`` candles in ``progress``)."""

    def run_missing(missing: list[dict[str, str]]) -> list[Trial]:
        if on_missing is not None:
            on_missing(len(missing))
        if not missing:
            return []
        return run_jobs(
            search, evaluate, missing, weight=lambda _params: len(series),
            parallel=not all(fast_applies(search, p) for p in missing),
            progress=progress, should_continue=should_continue, series=series, context=context,
        )  # fmt: skip

    return stability(ranges, best, trials, run_missing)
