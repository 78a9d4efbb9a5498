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

Risk settings are searched like strategy parameters, under the names of ``RISK_PARAMS``
(``risk.stop_loss_pct=1:5:1``): a percentage, 0 for off. They apply on top of ``Search.risk``; a
combination with risk limits takes the full backtest. Cancelling stops the worker processes at
once (a backtest under way is not waited for); the workers ignore Ctrl+C, which is the parent's to
act on (``should_continue``).

``run_jobs`` is the same worker-pool loop for the guards' work (Monte Carlo blocks, stability's
neighbours): on the pool when the work is big enough, else in the calling process between checks
of ``should_continue``; its results come back in the order of the jobs.
"""

from __future__ import annotations

import itertools
import os
import random
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import TypeVar

from crypty_desktop.backtest.engine import BacktestCancelled, BacktestResult, run_backtest
from crypty_desktop.backtest.fast_sma import SmaTables, ratio, run_sma_cross
from crypty_desktop.backtest.series import CandleSeries, read_series_csv
from crypty_desktop.backtest.workers import run_unordered
from crypty_desktop.domain.bots import RiskLimits
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
POLL_SECONDS = 0.2  # how often the pool loop asks whether to go on
T = TypeVar("T")
R = TypeVar("R")
RISK_PARAMS = {  # a searchable name: the RiskLimits field it sets
    "risk.stop_loss_pct": "stop_loss_pct",
    "risk.take_profit_pct": "take_profit_pct",
    "risk.trailing_stop_pct": "trailing_stop_pct",
    "risk.max_drawdown_pct": "max_drawdown_pct",
}
BAD_RISK = QT_TRANSLATE_NOOP(
    "Core", "{name} = {value}: a risk setting is a percentage from 0 (off) to below 100."
)


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
    risk: RiskLimits = field(default_factory=RiskLimits)  # what ``risk.*`` values apply on top of


def split_params(search: Search, params: dict[str, str]) -> tuple[dict[str, str], RiskLimits]:
    """(the strategy's parameters, the risk limits) of a combination; ``ValidationError`` for a
    risk setting that is not a percentage from 0 to below 100 (0: off)."""
    merged = {**search.base_params, **params}
    strategy = {k: v for k, v in merged.items() if k not in RISK_PARAMS}
    changes: dict[str, Decimal | None] = {}
    for name, attribute in RISK_PARAMS.items():
        if name not in merged:
            continue
        try:
            value = Decimal(merged[name])
        except InvalidOperation:
            value = Decimal(-1)
        if not value.is_finite() or not Decimal(0) <= value < Decimal(100):
            raise ValidationError(BAD_RISK.format(name=name, value=merged[name]))
        changes[attribute] = value if value > 0 else None
    return strategy, replace(search.risk, **changes)


def backtest_of(
    search: Search,
    series: CandleSeries,
    params: dict[str, str],
    should_continue: Callable[[], bool] | None = None,
) -> BacktestResult:
    """One combination's full backtest (strategy and risk) on these candles, in this process;
    ``should_continue()`` is asked every thousand candles (``BacktestCancelled``)."""
    strategy_params, risk = split_params(search, params)
    strategy = create_strategy(search.strategy, strategy_params)
    return run_backtest(
        strategy, search.rules, series, search.budget, fee_rate=search.fee_rate, risk=risk,
        fast=search.fast_path, should_continue=should_continue, progress_every=1_000,
    )  # fmt: skip


def _fast_applies(search: Search, risk: RiskLimits) -> bool:
    """The SMA fast path knows no risk limits: a combination with any takes the full backtest."""
    return search.fast_path and search.strategy in _FAST_STRATEGIES and risk == RiskLimits()


def fast_applies(search: Search, params: dict[str, str]) -> bool:
    """Whether this combination takes the SMA fast path (milliseconds, not a full replay)."""
    try:
        return _fast_applies(search, split_params(search, params)[1])
    except ValidationError:
        return True  # refused at once, nothing replayed


# --- the workers' side ---------------------------------------------------------------------------
_JOB: list[tuple[Search, CandleSeries | None]] = []  # this worker's search and candles (read
# on first use: a worker that runs Monte Carlo blocks never reads the file)
_FAST_STRATEGIES = ("sma_cross",)
_TABLES: dict[int, tuple[CandleSeries, SmaTables | None]] = {}  # by id(series), series kept
_TABLES_KEPT = 8


def _candles_for(search: Search) -> CandleSeries:
    series = read_series_csv(search.csv_path, search.symbol, search.interval)
    if search.start or search.stop is not None:
        series = series[search.start : search.stop]
    return series


def _init_worker(search: Search) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's: it ends the workers
    if _JOB and _JOB[0][0] == search:
        return  # forked from the parent, which holds these candles already
    _JOB[:] = [(search, None)]


def _job() -> tuple[Search, CandleSeries]:
    """This worker's search and its candles (read from the file the first time)."""
    search, series = _JOB[0]
    if series is None:
        series = _candles_for(search)
        _JOB[:] = [(search, series)]
    return search, series


def evaluate(params: dict[str, str]) -> Trial:
    """One combination's backtest in a worker (after ``_init_worker``)."""
    search, series = _job()
    return trial_on(search, series, params)


def evaluate_batch(batch: list[dict[str, str]]) -> list[Trial]:
    """Several combinations' backtests in a worker: one round trip between processes."""
    search, series = _job()
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
    search: Search,
    series: CandleSeries,
    strategy: Strategy,
    params: dict[str, str],
    risk: RiskLimits,
) -> Trial | None:
    if not _fast_applies(search, risk):
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
        strategy_params, risk = split_params(search, params)
        strategy = create_strategy(search.strategy, strategy_params)
    except ValidationError as exc:
        return Trial(params, None, 0, None, refused=str(exc))
    fast = _fast_trial(search, series, strategy, params, risk)
    if fast is not None:
        return fast
    result = run_backtest(
        strategy, search.rules, series, search.budget, fee_rate=search.fee_rate, risk=risk,
        fast=search.fast_path,
    )  # fmt: skip
    assert result.summary is not None
    score = score_of(result, search.objective)
    return Trial(params, score, result.summary.round_trips, result.summary.net_pnl)


# done, total, and the seconds left (an estimate)
Progress = Callable[[int, int, float], None]  # float-ok: seconds


def run_search(
    search: Search,
    combos: list[dict[str, str]],
    *,
    progress: Progress | None = None,
    should_continue: Callable[[], bool] | None = None,
    series: CandleSeries | None = None,
    context: BaseContext | None = None,
) -> list[Trial]:
    """Every combination's trial (in the order they finish).

    ``series``: the search's candles when the caller has read them already (workers forked from
    this process then inherit them instead of reading the file again). ``context``: how worker
    processes start (the window asks for "spawn": forking a process that runs threads may copy a
    held lock; spawned workers read the file). ``should_continue()`` is asked at least five times
    a second; once it says no, the workers are terminated and ``BacktestCancelled`` is raised.
    """
    workers = search.workers or os.cpu_count() or 1
    if series is not None and search.fast_path and search.strategy in _FAST_STRATEGIES:
        tables_for(series)  # built once here, shared by the forked workers
    # Batches small enough for a smooth progress bar and cancel, large enough that the round
    # trips between processes cost little beside the fast path's few milliseconds per trial.
    size = max(1, min(32, len(combos) // (workers * 8)))
    batches = [combos[i : i + size] for i in range(0, len(combos), size)]
    done = _in_workers(
        search, evaluate_batch, batches, len, progress, should_continue, series, context
    )
    return [trial for batch in done for trial in batch]


def _in_workers(
    search: Search,
    task: Callable[[T], R],
    items: list[T],
    weight: Callable[[T], int],
    progress: Progress | None,
    should_continue: Callable[[], bool] | None,
    series: CandleSeries | None,
    context: BaseContext | None,
) -> list[R]:
    """``task`` over ``items`` on worker processes (``workers.run_unordered``; results in the
    order they finish); ``weight`` counts what an item stands for in the progress. With
    ``series`` the forked workers inherit the candles; ``should_continue()`` is asked at least
    five times a second, and a no ends the workers at once (``BacktestCancelled``)."""
    workers = min(search.workers or os.cpu_count() or 1, max(len(items), 1))
    total = sum(map(weight, items))
    out: list[R] = []
    counted = 0
    started = time.perf_counter()

    def between() -> None:
        if should_continue is not None and not should_continue():
            raise BacktestCancelled(CANCELLED)

    if series is not None:
        _JOB[:] = [(search, series)]
    try:
        finished = run_unordered(
            task, items, workers=workers, initializer=_init_worker, initargs=(search,),
            context=context, poll_seconds=POLL_SECONDS, between=between,
        )  # fmt: skip
        for item, result in finished:
            out.append(result)
            counted += weight(item)
            if progress is not None:
                elapsed = time.perf_counter() - started
                progress(counted, total, elapsed / counted * (total - counted))
    finally:
        if series is not None:
            _JOB.clear()
    return out


def _indexed(job: tuple[int, Callable[[T], R], T]) -> tuple[int, R]:
    """In a worker: one job of ``run_jobs``, with its place."""
    return job[0], job[1](job[2])


def run_jobs(
    search: Search,
    task: Callable[[T], R],
    items: Sequence[T],
    *,
    weight: Callable[[T], int],
    parallel: bool,
    progress: Progress | None = None,
    should_continue: Callable[[], bool] | None = None,
    series: CandleSeries | None = None,
    context: BaseContext | None = None,
) -> list[R]:
    """``task`` (a module-level function) over ``items``, results in the items' order.

    ``parallel``: on the worker processes (``search.workers``, the pool loop of the search), for
    work big enough to pay for starting them; else here, one item at a time, with
    ``should_continue()`` asked between items (keep each item a fraction of a second).
    ``progress``, ``series`` and ``context`` as for ``run_search``.
    """
    if parallel:
        jobs = [(i, task, item) for i, item in enumerate(items)]
        done = _in_workers(
            search, _indexed, jobs, lambda job: weight(job[2]), progress, should_continue,
            series, context,
        )  # fmt: skip
        return [result for _, result in sorted(done, key=lambda pair: pair[0])]
    total = sum(map(weight, items))
    counted = 0
    started = time.perf_counter()
    out: list[R] = []
    if series is not None:
        _JOB[:] = [(search, series)]  # a task that reads the candles finds them here too
    try:
        for item in items:
            if should_continue is not None and not should_continue():
                raise BacktestCancelled(CANCELLED)
            out.append(task(item))
            counted += weight(item)
            if progress is not None:
                elapsed = time.perf_counter() - started
                left = elapsed / counted * (total - counted) if counted else 0.0
                progress(counted, total, left)
    finally:
        if series is not None:
            _JOB.clear()
    return out


def ranked(trials: Sequence[Trial], min_trades: int) -> list[Trial]:
    """Scored trials with enough round trips, best first."""
    eligible = [t for t in trials if t.score is not None and t.round_trips >= min_trades]
    return sorted(eligible, key=lambda t: t.score or 0.0, reverse=True)


def search_fills(search: Search, series: CandleSeries, params: dict[str, str]) -> list[Fill]:
    """The fills the search's backtest gives for these parameters (the fast path's where it
    applies, the full backtest's otherwise)."""
    strategy_params, risk = split_params(search, params)
    strategy = create_strategy(search.strategy, strategy_params)
    if _fast_applies(search, risk):
        tables = tables_for(series)
        if tables is not None:
            run = run_sma_cross(
                tables, strategy, search.rules, search.budget, search.fee_rate, equity=False
            )
            if run is not None:
                return run.broker.fills
    return run_backtest(
        strategy, search.rules, series, search.budget, fee_rate=search.fee_rate, risk=risk,
        fast=search.fast_path,
    ).fills  # fmt: skip


def matches_reference(search: Search, params: dict[str, str], series: CandleSeries) -> bool:
    """Whether the bot engine's own loop (a Ghost bot's ``BotRunner.step``, candle by candle)
    gives exactly the fills the search's backtest gave for these parameters: the same time,
    side, price, quantity and fee, one for one. (Order ids are not compared: an order the broker
    refuses, such as a take-profit sell of a dust balance, takes a number in one loop and not in
    the other.)"""
    from crypty_desktop.bots.brokers import PaperBroker
    from crypty_desktop.bots.engine import BotRunner, BotStopped
    from crypty_desktop.domain.bots import BotKind, BotSpec

    fills = search_fills(search, series, params)
    strategy_params, risk = split_params(search, params)
    spec = BotSpec(
        "check", "check", BotKind.GHOST, 0, search.symbol, search.interval, search.strategy,
        budget=search.budget, risk=risk,
    )  # fmt: skip
    broker = PaperBroker("backtest", 0, search.rules, search.budget, None, search.fee_rate)
    runner = BotRunner(spec, create_strategy(search.strategy, strategy_params), broker)
    for candle in series:
        try:
            runner.step(candle)
        except BotStopped:  # a stop-loss, trailing stop or max drawdown: the bot trades no more
            break
    return [_trade(f) for f in broker.fills] == [_trade(f) for f in fills]


def _trade(fill: Fill) -> tuple[object, ...]:
    return fill.time, fill.side, fill.price, fill.quantity, fill.fee, fill.fee_asset


def _reference(job: tuple[int, dict[str, str]]) -> tuple[int, bool]:
    """In a worker: whether one combination's fills are the bot engine's."""
    search, series = _job()
    return job[0], matches_reference(search, job[1], series)


def check_references(
    search: Search,
    picks: Sequence[dict[str, str]],
    *,
    series: CandleSeries | None = None,
    progress: Progress | None = None,
    should_continue: Callable[[], bool] | None = None,
    context: BaseContext | None = None,
) -> list[bool]:
    """``matches_reference`` for each combination of ``picks`` (in that order), on every core;
    ``series``, ``progress``, ``should_continue`` and ``context`` as for ``run_search``."""
    jobs = list(enumerate(picks))
    done = _in_workers(
        search, _reference, jobs, lambda _job: 1, progress, should_continue, series, context
    )
    return [match for _, match in sorted(done)]
