"""Parameter search: a strategy over a grid (or a random sample) of parameter values, on every
core, ranked by an objective; the best combinations re-run through the bot engine's loop.

Each worker process gets the candles once (inherited from the parent when it forks, else read from
the file; columns, see ``series``) and runs batches of combinations, one backtest each. A
combination the strategy refuses (e.g. a fast average not shorter than the slow one) is skipped
and counted; one with fewer round trips than asked is not ranked.

SMA crossover takes a fast path (``fast_sma``): the averages' window sums are computed once per
length and shared by every combination, and only the candles where the averages cross go through
the paper broker. Its fills are the full backtest's; the best ten are re-run through the bot
engine's loop all the same (``matches_reference``).
"""

from __future__ import annotations

import itertools
import os
import random
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from crypty_desktop.backtest.engine import BacktestCancelled, BacktestResult, run_backtest
from crypty_desktop.backtest.fast_sma import SmaTables, ratio, run_sma_cross
from crypty_desktop.backtest.series import CandleSeries, read_series_csv
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.market import SymbolRules
from crypty_desktop.domain.orders import Fill
from crypty_desktop.strategies.base import Strategy
from crypty_desktop.strategies.registry import create_strategy
from crypty_desktop.wording import QT_TRANSLATE_NOOP

OBJECTIVES = ("net_pnl", "sharpe", "sortino", "calmar", "profit_factor")
BAD_RANGE = QT_TRANSLATE_NOOP("Core", "“{text}”: give NAME=FROM:TO:STEP, NAME=A,B,C or NAME=VALUE.")
TOO_MANY = QT_TRANSLATE_NOOP(
    "Core", "{count} combinations is too many; narrow the ranges or use --random N."
)
CANCELLED = QT_TRANSLATE_NOOP("Core", "Optimisation cancelled.")
MAX_COMBINATIONS = 100_000


def parse_range(text: str) -> tuple[str, list[str]]:
    """``fast=5:50:5`` → ("fast", ["5", "10", …, "50"]); ``mode=a,b`` → choices; one value."""
    name, sep, spec = text.partition("=")
    name, spec = name.strip(), spec.strip()
    if not sep or not name or not spec:
        raise ValidationError(BAD_RANGE.format(text=text))
    if ":" in spec:
        parts = spec.split(":")
        try:
            start, stop, step = (Decimal(p) for p in parts) if len(parts) == 3 else (0, 0, 0)
        except InvalidOperation:
            raise ValidationError(BAD_RANGE.format(text=text)) from None
        if len(parts) != 3 or step <= 0 or stop < start or (stop - start) / step > MAX_COMBINATIONS:
            raise ValidationError(BAD_RANGE.format(text=text))
        count = int((stop - start) / step) + 1
        return name, [format(start + step * i, "f") for i in range(count)]
    return name, [v.strip() for v in spec.split(",") if v.strip()]


def combinations(
    ranges: Sequence[tuple[str, list[str]]], sample: int | None = None, seed: int = 0
) -> list[dict[str, str]]:
    """Every combination (grid), or ``sample`` of them drawn without repetition (random)."""
    names = [n for n, _ in ranges]
    total = 1
    for _, values in ranges:
        total *= len(values)
    if sample is not None and sample < total:
        picks = random.Random(seed).sample(range(total), sample)  # noqa: S311 - not security
        return [dict(zip(names, _nth(ranges, i), strict=True)) for i in sorted(picks)]
    if total > MAX_COMBINATIONS:
        raise ValidationError(TOO_MANY.format(count=f"{total:,}"))
    grid = itertools.product(*(values for _, values in ranges))
    return [dict(zip(names, combo, strict=True)) for combo in grid]


def _nth(ranges: Sequence[tuple[str, list[str]]], index: int) -> list[str]:
    out = []
    for _, values in reversed(ranges):
        index, pick = divmod(index, len(values))
        out.append(values[pick])
    return out[::-1]


@dataclass(frozen=True, slots=True)
class Trial:
    params: dict[str, str]
    score: float | None  # float-ok: the objective (None: not computable or refused)
    round_trips: int
    net_pnl: Decimal | None
    refused: str = ""  # why the strategy refused these parameters


def score_of(result: BacktestResult, objective: str) -> float | None:  # float-ok
    assert result.summary is not None and result.metrics is not None
    if objective == "net_pnl":
        return float(result.summary.net_pnl)  # float-ok: ranking only
    value = getattr(result.metrics, objective)
    return None if value is None else float(value)  # float-ok: ranking only


@dataclass
class Search:
    """What to search and on what."""

    csv_path: Path
    symbol: str
    interval: str
    rules: SymbolRules
    budget: Decimal
    fee_rate: Decimal
    strategy: str
    base_params: dict[str, str]
    objective: str
    min_trades: int = 0
    workers: int = 0  # 0: every core
    start: int = 0  # the candles searched: [start, stop) of the file (walk-forward folds)
    stop: int | None = None
    fast_path: bool = True  # False: every combination through the full backtest


# --- the workers' side ---------------------------------------------------------------------------
_JOB: list[tuple[Search, CandleSeries]] = []  # this worker's search and candles
_FAST_STRATEGIES = ("sma_cross",)
_TABLES: dict[int, tuple[CandleSeries, SmaTables | None]] = {}  # by id(series), series kept
_TABLES_KEPT = 8


def _candles_for(search: Search) -> CandleSeries:
    series = read_series_csv(search.csv_path, search.symbol, search.interval)
    if search.start or search.stop is not None:
        series = series[search.start : search.stop]
    return series


def _init_worker(search: Search) -> None:
    if _JOB and _JOB[0][0] == search:
        return  # forked from the parent, which holds these candles already
    _JOB[:] = [(search, _candles_for(search))]


def evaluate(params: dict[str, str]) -> Trial:
    """One combination's backtest in a worker (after ``_init_worker``)."""
    search, series = _JOB[0]
    return trial_on(search, series, params)


def evaluate_batch(batch: list[dict[str, str]]) -> list[Trial]:
    """Several combinations' backtests in a worker: one round trip between processes."""
    search, series = _JOB[0]
    return [trial_on(search, series, params) for params in batch]


def tables_for(series: CandleSeries) -> SmaTables | None:
    """The series' shared indicator tables (built on first use, kept for a few series)."""
    kept = _TABLES.get(id(series))
    if kept is None or kept[0] is not series:
        if len(_TABLES) >= _TABLES_KEPT:
            del _TABLES[next(iter(_TABLES))]
        kept = (series, SmaTables.of(series))
        _TABLES[id(series)] = kept
    return kept[1]


def _fast_trial(
    search: Search, series: CandleSeries, strategy: Strategy, params: dict[str, str]
) -> Trial | None:
    if not search.fast_path or search.strategy not in _FAST_STRATEGIES:
        return None
    tables = tables_for(series)
    if tables is None:
        return None
    ratios = search.objective in ("sharpe", "sortino", "calmar")
    run = run_sma_cross(
        tables, strategy, search.rules, search.budget, search.fee_rate, equity=ratios
    )
    if run is None:
        return None
    net = run.final_equity - search.budget
    if search.objective == "net_pnl":
        score: float | None = float(net)  # float-ok: ranking only
    else:
        score = ratio(run, search.objective, search.budget, search.interval)
    return Trial(params, score, len(run.gains), net)


def trial_on(search: Search, series: CandleSeries, params: dict[str, str]) -> Trial:
    """One combination's backtest on these candles, in this process."""
    try:
        strategy = create_strategy(search.strategy, {**search.base_params, **params})
    except ValidationError as exc:
        return Trial(params, None, 0, None, refused=str(exc))
    fast = _fast_trial(search, series, strategy, params)
    if fast is not None:
        return fast
    result = run_backtest(
        strategy, search.rules, series, search.budget, fee_rate=search.fee_rate,
        fast=search.fast_path,
    )  # fmt: skip
    assert result.summary is not None
    score = score_of(result, search.objective)
    return Trial(params, score, result.summary.round_trips, result.summary.net_pnl)


Progress = Callable[[int, int, float], None]  # done, total, seconds left (estimate)  # float-ok


def run_search(
    search: Search,
    combos: list[dict[str, str]],
    *,
    progress: Progress | None = None,
    should_continue: Callable[[], bool] | None = None,
    series: CandleSeries | None = None,
) -> list[Trial]:
    """Every combination's trial (in the order they finish).

    ``series``: the search's candles when the caller has read them already (workers forked from
    this process then inherit them instead of reading the file again).
    """
    workers = search.workers or os.cpu_count() or 1
    trials: list[Trial] = []
    started = time.perf_counter()
    if series is not None:
        _JOB[:] = [(search, series)]
        if search.fast_path and search.strategy in _FAST_STRATEGIES:
            tables_for(series)  # built once here, shared by the forked workers
    # Batches small enough for a smooth progress bar and cancel, large enough that the round
    # trips between processes cost little beside the fast path's few milliseconds per trial.
    size = max(1, min(32, len(combos) // (workers * 8)))
    batches: Iterator[list[dict[str, str]]] = (
        combos[i : i + size] for i in range(0, len(combos), size)
    )
    try:
        with ProcessPoolExecutor(
            max_workers=workers, initializer=_init_worker, initargs=(search,)
        ) as pool:
            pending: set[Future[list[Trial]]] = set()
            for batch in itertools.islice(batches, workers * 2):
                pending.add(pool.submit(evaluate_batch, batch))
            while pending:
                done, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                for future in done:
                    trials.extend(future.result())
                    nxt = next(batches, None)
                    if nxt is not None:
                        pending.add(pool.submit(evaluate_batch, nxt))
                if should_continue is not None and not should_continue():
                    pool.shutdown(wait=True, cancel_futures=True)
                    raise BacktestCancelled(CANCELLED)
                if progress is not None and done:
                    elapsed = time.perf_counter() - started
                    left = elapsed / len(trials) * (len(combos) - len(trials))
                    progress(len(trials), len(combos), left)
    finally:
        if series is not None:
            _JOB.clear()
    return trials


def ranked(trials: Sequence[Trial], min_trades: int) -> list[Trial]:
    """Scored trials with enough round trips, best first."""
    eligible = [t for t in trials if t.score is not None and t.round_trips >= min_trades]
    return sorted(eligible, key=lambda t: t.score or 0.0, reverse=True)


def search_fills(search: Search, series: CandleSeries, params: dict[str, str]) -> list[Fill]:
    """The fills the search's backtest gives for these parameters (the fast path's where it
    applies, the full backtest's otherwise)."""
    merged = {**search.base_params, **params}
    strategy = create_strategy(search.strategy, merged)
    if search.fast_path and search.strategy in _FAST_STRATEGIES:
        tables = tables_for(series)
        if tables is not None:
            run = run_sma_cross(
                tables, strategy, search.rules, search.budget, search.fee_rate, equity=False
            )
            if run is not None:
                return run.broker.fills
    return run_backtest(
        strategy, search.rules, series, search.budget, fee_rate=search.fee_rate,
        fast=search.fast_path,
    ).fills  # fmt: skip


def matches_reference(search: Search, params: dict[str, str], series: CandleSeries) -> bool:
    """Whether the bot engine's own loop (a Ghost bot's ``BotRunner.step``, candle by candle)
    gives exactly the fills the search's backtest gave for these parameters."""
    from crypty_desktop.bots.brokers import PaperBroker
    from crypty_desktop.bots.engine import BotRunner
    from crypty_desktop.domain.bots import BotKind, BotSpec

    fills = search_fills(search, series, params)
    spec = BotSpec(
        "check", "check", BotKind.GHOST, 0, search.symbol, search.interval, search.strategy,
        budget=search.budget,
    )  # fmt: skip
    broker = PaperBroker("backtest", 0, search.rules, search.budget, None, search.fee_rate)
    merged = {**search.base_params, **params}
    runner = BotRunner(spec, create_strategy(search.strategy, merged), broker)
    for candle in series:
        runner.step(candle)
    return broker.fills == fills


def _matches_in_worker(params: dict[str, str]) -> bool:
    search, series = _JOB[0]
    return matches_reference(search, params, series)


def reference_matches(
    search: Search, chosen: Sequence[dict[str, str]], series: CandleSeries
) -> list[bool]:
    """``matches_reference`` for each chosen combination, on every core (in the given order)."""
    workers = min(search.workers or os.cpu_count() or 1, len(chosen))
    if workers <= 1:
        return [matches_reference(search, params, series) for params in chosen]
    _JOB[:] = [(search, series)]
    try:
        with ProcessPoolExecutor(
            max_workers=workers, initializer=_init_worker, initargs=(search,)
        ) as pool:
            return list(pool.map(_matches_in_worker, chosen))
    finally:
        _JOB.clear()
