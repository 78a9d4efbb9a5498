"""An optimisation as the window runs it: the search, the guards (walk-forward, Monte Carlo,
stability), the verdict and the best combinations checked against the bot engine, in one call
with one progress count, an estimate of the time left, and a prompt cancel.

Every search (the whole file, then each walk-forward fold) runs on worker processes, and so do
the guards' heavy parts (``backtest.guards``: the Monte Carlo resampling when it is big enough,
the neighbours a random search did not try when they take the full backtest); the rest (a fold's
out-of-sample backtest) runs in the calling thread, which must not be the window's. The progress
counts candles replayed, so a fold's search on a quarter of the file counts a quarter as much and
the estimate of the time left holds across phases; a Monte Carlo round trip resampled counts as
one candle. The guards' share is added to the total once it is known (the neighbours to
backtest after the search, the round trips to resample after the best's backtest).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from multiprocessing.context import BaseContext
from pathlib import Path

from crypty_desktop.backtest.engine import BacktestCancelled
from crypty_desktop.backtest.guards import run_monte_carlo, run_stability
from crypty_desktop.backtest.montecarlo import MonteCarlo, check_runs
from crypty_desktop.backtest.optimize import (
    CANCELLED,
    Progress,
    Search,
    Trial,
    check_references,
    combinations,
    ranked,
    run_search,
)
from crypty_desktop.backtest.overfit import Verdict, verdict
from crypty_desktop.backtest.series import CandleSeries, read_series_csv
from crypty_desktop.backtest.stability import Stability
from crypty_desktop.backtest.walkforward import WalkForward, walk_forward, windows

TOP = 10  # the best combinations re-run through the bot engine's loop


@dataclass(frozen=True, slots=True)
class LabRequest:
    search: Search
    ranges: list[tuple[str, list[str]]]
    sample: int | None = None  # a random search of this many combinations (None: the grid)
    seed: int = 0
    folds: int | None = None  # walk-forward folds (None: none)
    runs: int | None = None  # Monte Carlo runs (None: none)


@dataclass(frozen=True, slots=True)
class LabProgress:
    """Where the work is: ``phase`` "search", "fold" (``fold`` of ``folds``), "check",
    "stability" or "monte-carlo"."""

    phase: str
    done: int  # candles replayed so far, over every phase
    total: int
    seconds_left: float | None  # float-ok: an estimate (None until something is done)
    fold: int = 0
    folds: int = 0


@dataclass(frozen=True, slots=True)
class LabResult:
    request: LabRequest
    candles: int
    trials: tuple[Trial, ...]  # every combination tried, in the grid's order
    ranked: tuple[Trial, ...]  # scored with enough round trips, best first
    refused: int  # combinations the strategy refused
    reference: tuple[tuple[Trial, bool], ...]  # the best ones: same fills as the bot engine?
    walk: WalkForward | None
    monte: MonteCarlo | None
    stable: Stability | None
    verdict: Verdict
    seconds: float  # float-ok: wall time
    first_ms: int = 0  # the first candle's open time (UTC ms)
    last_ms: int = 0  # the last candle's close time (UTC ms)

    @property
    def best(self) -> Trial | None:
        return self.ranked[0] if self.ranked else None


def check_request(request: LabRequest, candles: int) -> list[dict[str, str]]:
    """The combinations to try; ``ValidationError`` in words for what cannot run."""
    combos = combinations(request.ranges, request.sample, request.seed)
    if request.folds:
        windows(candles, request.folds)
    if request.runs:
        check_runs(request.runs)
    return combos


class _Meter:
    """Candles replayed against candles to replay, and the time left at that pace."""

    def __init__(self, total: int, report: Callable[[LabProgress], None] | None) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.report = report
        self.started = time.perf_counter()

    def add(self, candles: int, phase: str, fold: int = 0, folds: int = 0) -> None:
        self.done = min(self.done + candles, self.total)
        if self.report is None:
            return
        elapsed = time.perf_counter() - self.started
        left = elapsed / self.done * (self.total - self.done) if self.done else None
        self.report(LabProgress(phase, self.done, self.total, left, fold, folds))

    def phase(self, name: str) -> Progress:
        """A pool loop's progress (in the meter's units) counted under ``name``."""
        seen = [0]

        def on_progress(done: int, _total: int, _left: float) -> None:  # float-ok: seconds
            self.add(done - seen[0], name)
            seen[0] = done

        return on_progress


def _guards(
    request: LabRequest,
    series: CandleSeries,
    best: Sequence[Trial],
    trials: Sequence[Trial],
    meter: _Meter,
    keep_going: Callable[[], bool],
    context: BaseContext | None,
) -> tuple[Stability | None, MonteCarlo | None]:
    """Stability and Monte Carlo on the best combination (none without one), counted in
    ``meter`` once their share is known."""
    if not best:
        return None, None
    search, n = request.search, len(series)

    def grow(units: int) -> None:
        meter.total += units

    stable = run_stability(
        search, series, request.ranges, best[0], trials, progress=meter.phase("stability"),
        should_continue=keep_going, context=context, on_missing=lambda k: grow(k * n),
    )  # fmt: skip
    if not keep_going():
        raise BacktestCancelled(CANCELLED)
    if not request.runs:
        return stable, None
    runs = request.runs
    grow(n)  # the best's backtest, then its trips resampled

    def backtested(trips: int) -> None:
        meter.add(n, "monte-carlo")
        grow(runs * 2 * trips)

    monte = run_monte_carlo(
        search, series, best[0].params, runs, request.seed, progress=meter.phase("monte-carlo"),
        should_continue=keep_going, context=context, on_backtest=backtested,
    )  # fmt: skip
    if not keep_going():
        raise BacktestCancelled(CANCELLED)
    return stable, monte


def run_lab(
    request: LabRequest,
    *,
    progress: Callable[[LabProgress], None] | None = None,
    should_continue: Callable[[], bool] | None = None,
    context: BaseContext | None = None,
) -> LabResult:
    """The whole optimisation; ``BacktestCancelled`` once ``should_continue()`` says no."""
    started = time.perf_counter()
    search = request.search
    series = read_series_csv(Path(search.csv_path), search.symbol, search.interval)
    n = len(series)
    combos = check_request(request, n)
    keep_going = should_continue or (lambda: True)

    def check() -> None:
        if not keep_going():
            raise BacktestCancelled(CANCELLED)

    folds = request.folds or 0
    fold_windows = windows(n, folds) if folds else []
    top = min(TOP, len(combos))
    total = len(combos) * n + sum(b - a for (a, b), _ in fold_windows) * len(combos)
    total += top * n * 2  # each check replays the candles twice (the backtest, the bot loop)
    meter = _Meter(total, progress)

    def searched(part: Search, phase: str, fold: int = 0) -> Callable[[int, int, float], None]:
        size = (part.stop if part.stop is not None else n) - part.start
        seen = [0]

        def on_progress(done: int, _total: int, _left: float) -> None:  # float-ok: seconds
            meter.add((done - seen[0]) * size, phase, fold, folds)
            seen[0] = done

        return on_progress

    trials = run_search(
        search, combos, progress=searched(search, "search"), should_continue=keep_going,
        context=context,
    )  # fmt: skip
    check()
    order = {tuple(sorted(c.items())): i for i, c in enumerate(combos)}
    trials.sort(key=lambda t: order.get(tuple(sorted(t.params.items())), 0))
    best = ranked(trials, search.min_trades)
    fold_no = [0]

    def fold_searcher(part: Search, fold_combos: list[dict[str, str]]) -> list[Trial]:
        check()
        fold_no[0] += 1
        return run_search(
            part, fold_combos, progress=searched(part, "fold", fold_no[0]),
            should_continue=keep_going, context=context,
        )  # fmt: skip

    walk = walk_forward(search, combos, series, folds, fold_searcher) if folds else None
    check()
    reference: list[tuple[Trial, bool]] = []
    picks = list(best[:top])
    meter.total -= (top - len(picks)) * n * 2  # fewer ranked than the best ten
    if picks:
        matches = check_references(
            search,
            [t.params for t in picks],
            progress=searched(replace(search, start=0, stop=2 * n), "check"),
            should_continue=keep_going,
            context=context,
        )
        reference = [(t, matches[i]) for i, t in enumerate(picks)]
    check()
    stable, monte = _guards(request, series, best, trials, meter, keep_going, context)
    return LabResult(
        request=replace(request),
        candles=n,
        trials=tuple(trials),
        ranked=tuple(best),
        refused=sum(1 for t in trials if t.refused),
        reference=tuple(reference),
        walk=walk,
        monte=monte,
        stable=stable,
        verdict=verdict(walk, monte, stable),
        seconds=time.perf_counter() - started,
        first_ms=series.open_times[0] if n else 0,
        last_ms=series.close_times[n - 1] if n else 0,
    )


def heat_cells(
    trials: Sequence[Trial], x: str, y: str, min_trades: int
) -> dict[tuple[str, str], float | None]:  # float-ok: objective
    """The best objective for each (x value, y value) over the other parameters (None: no
    combination there was ranked)."""
    cells: dict[tuple[str, str], float | None] = {}  # float-ok
    for trial in trials:
        if x not in trial.params or y not in trial.params:
            continue
        key = (trial.params[x], trial.params[y])
        score = trial.score if trial.round_trips >= min_trades and not trial.refused else None
        current = cells.get(key)
        if score is not None and (current is None or score > current):
            cells[key] = score
        else:
            cells.setdefault(key, None)
    return cells
