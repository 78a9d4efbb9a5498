"""Parameter search: a strategy over a grid (or a random sample) of parameter values, on every
core, ranked by an objective; the best combinations re-run through the bot engine's loop.

Each worker process reads the candle file once (columns, see ``series``) and runs one backtest per
combination. A combination the strategy refuses (e.g. a fast average not shorter than the slow
one) is skipped and counted; one with fewer round trips than asked is not ranked.
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
from crypty_desktop.backtest.series import CandleSeries, read_series_csv
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.market import SymbolRules
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


# --- the workers' side ---------------------------------------------------------------------------
_JOB: list[tuple[Search, CandleSeries]] = []  # this worker's search and candles


def _init_worker(search: Search) -> None:
    series = read_series_csv(search.csv_path, search.symbol, search.interval)
    if search.start or search.stop is not None:
        series = series[search.start : search.stop]
    _JOB[:] = [(search, series)]


def evaluate(params: dict[str, str]) -> Trial:
    """One combination's backtest in a worker (after ``_init_worker``)."""
    search, series = _JOB[0]
    return trial_on(search, series, params)


def trial_on(search: Search, series: CandleSeries, params: dict[str, str]) -> Trial:
    """One combination's backtest on these candles, in this process."""
    try:
        strategy = create_strategy(search.strategy, {**search.base_params, **params})
    except ValidationError as exc:
        return Trial(params, None, 0, None, refused=str(exc))
    result = run_backtest(strategy, search.rules, series, search.budget, fee_rate=search.fee_rate)
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
) -> list[Trial]:
    """Every combination's trial (in the order they finish)."""
    workers = search.workers or os.cpu_count() or 1
    trials: list[Trial] = []
    started = time.perf_counter()
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(search,)
    ) as pool:
        pending: set[Future[Trial]] = set()
        todo: Iterator[dict[str, str]] = iter(combos)
        for params in itertools.islice(todo, workers * 2):
            pending.add(pool.submit(evaluate, params))
        while pending:
            done, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
            for future in done:
                trials.append(future.result())
                nxt = next(todo, None)
                if nxt is not None:
                    pending.add(pool.submit(evaluate, nxt))
            if should_continue is not None and not should_continue():
                pool.shutdown(wait=True, cancel_futures=True)
                raise BacktestCancelled(CANCELLED)
            if progress is not None and done:
                elapsed = time.perf_counter() - started
                left = elapsed / len(trials) * (len(combos) - len(trials))
                progress(len(trials), len(combos), left)
    return trials


def ranked(trials: Sequence[Trial], min_trades: int) -> list[Trial]:
    """Scored trials with enough round trips, best first."""
    eligible = [t for t in trials if t.score is not None and t.round_trips >= min_trades]
    return sorted(eligible, key=lambda t: t.score or 0.0, reverse=True)


def matches_reference(search: Search, params: dict[str, str], series: CandleSeries) -> bool:
    """Whether the bot engine's own loop (a Ghost bot's ``BotRunner.step``, candle by candle)
    gives exactly the fills the backtest gave for these parameters."""
    from crypty_desktop.bots.brokers import PaperBroker
    from crypty_desktop.bots.engine import BotRunner
    from crypty_desktop.domain.bots import BotKind, BotSpec

    merged = {**search.base_params, **params}
    fast = run_backtest(
        create_strategy(search.strategy, merged),
        search.rules,
        series,
        search.budget,
        fee_rate=search.fee_rate,
    )
    spec = BotSpec(
        "check", "check", BotKind.GHOST, 0, search.symbol, search.interval, search.strategy,
        budget=search.budget,
    )  # fmt: skip
    broker = PaperBroker("backtest", 0, search.rules, search.budget, None, search.fee_rate)
    runner = BotRunner(spec, create_strategy(search.strategy, merged), broker)
    for candle in series:
        runner.step(candle)
    return broker.fills == fast.fills
