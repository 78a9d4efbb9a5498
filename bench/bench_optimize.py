"""Optimiser throughput: SMA crossover, fast 5–50 × slow 20–200, on the bundled month, every core.

    python -m bench.bench_optimize [--quick]

- ``optimize.combinations_per_s``: combinations the strategy accepts (a fast average shorter than
  the slow one: 174 of the grid's 190) per second of wall time of ``run_search`` on every core,
  process start-up included (the fast path, ``backtest.fast_sma``);
- ``optimize.reference.combinations_per_s``: the same search through the full backtest (every
  candle, ``fast_path=False``) on an evenly spread fifth of the grid;
- ``optimize_e2e.*``: ``crypty optimize`` over the whole grid as a user runs it, in a fresh
  process: reading, the search, the best ten re-run through the bot engine's loop, the stability
  guard; wall time and peak memory (the largest of the process and its workers).
- ``montecarlo.*``: the Monte Carlo guard on 100 round trips (a seeded set of gains): trips
  resampled per second in one process and on every core, the worker pool's start-up, the trips
  from which the pool pays (``backtest.guards.MC_POOL_STEPS`` is set from it), and the window's
  limit (``montecarlo.WINDOW_MAX_RUNS``) run as the window runs it, in a fresh process on every
  core: its wall time and peak memory (every path's P&L and drawdown are kept for the histograms).

Before timing, the fast path's fills are checked against the full backtest's on a few combinations.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from bench.data import SHARED, cli_env, measure
from crypty_desktop.backtest.engine import run_backtest
from crypty_desktop.backtest.guards import MC_POOL_STEPS
from crypty_desktop.backtest.montecarlo import (
    WINDOW_MAX_RUNS,
    Block,
    blocks,
    monte_carlo,
    run_block,
)
from crypty_desktop.backtest.optimize import (
    Search,
    combinations,
    parse_range,
    run_jobs,
    run_search,
    search_fills,
)
from crypty_desktop.backtest.rules import bundled_rules
from crypty_desktop.backtest.series import CandleSeries, read_series_csv
from crypty_desktop.resources import resource_path
from crypty_desktop.strategies.registry import create_strategy

ROOT = Path(__file__).resolve().parent.parent
MONTH = SHARED / "BTCUSDT-1m-2024-07-26-2024-08-25.csv"
GRID = ("fast=5:50:5", "slow=20:200:10")
QUICK_GRID = ("fast=5:15:5", "slow=20:40:20")


def month_file() -> Path:
    return MONTH if MONTH.exists() else resource_path("demo", "BTCUSDT-1m.csv")


def check_fast_path(search: Search, series: CandleSeries, combos: list[dict[str, str]]) -> bool:
    part = series[: min(len(series), 10_000)]
    for params in combos:
        strategy = create_strategy(search.strategy, params)
        full = run_backtest(strategy, search.rules, part, search.budget, fee_rate=search.fee_rate)
        if search_fills(search, part, params) != full.fills:
            print(f"error: fast path fills differ for {params}", file=sys.stderr)
            return False
    return True


def run_cli(
    csv: Path, grid: tuple[str, ...], data_dir: Path
) -> tuple[float, float, str]:  # float-ok
    """Seconds and peak RSS (MB) of one ``crypty optimize`` process (and workers), its output."""
    cmd = [sys.executable, "-m", "crypty_desktop.cli", "optimize", "--strategy", "sma_cross",
           "--symbol", "BTCUSDT", "--interval", "1m", "--candles", str(csv)]  # fmt: skip
    for item in grid:
        cmd += ["--param", item]
    log = data_dir.parent / "optimize.txt"
    seconds, peak = measure(cmd, cli_env(CRYPTY_DATA_DIR=str(data_dir)), log)
    return seconds, peak, log.read_text()


def trip_gains_sample(trips: int = 100) -> list[Decimal]:
    """Round trips' gains on a 1000 budget, seeded: about as many wins as losses."""
    import random

    rng = random.Random(42)  # noqa: S311 - sample data
    return [Decimal(rng.randint(-4000, 4500)) / 100 for _ in range(trips)]


def pooled_monte_carlo(search: Search, runs: int) -> float:  # float-ok: seconds
    """Seconds of a Monte Carlo of ``runs`` on every core (process start-up included)."""
    gains = trip_gains_sample()

    def on_pool(todo: list[Block]) -> list:  # type: ignore[type-arg]
        return run_jobs(search, run_block, todo, weight=lambda b: b.steps, parallel=True,
                        context=multiprocessing.get_context("spawn"))  # as the window  # fmt: skip

    started = time.perf_counter()
    monte_carlo(Decimal(1000), gains, runs, 1, on_pool)
    return time.perf_counter() - started


def bench_monte_carlo(search: Search, quick: bool, tmp: Path) -> None:
    gains = trip_gains_sample()
    runs = 2_000 if quick else 10_000
    started = time.perf_counter()
    here = monte_carlo(Decimal(1000), gains, runs, 1)
    alone = time.perf_counter() - started
    steps = runs * 2 * len(gains)
    rate = steps / alone
    print(f"montecarlo.steps_per_s.one_process {rate:,.0f} trips/s", flush=True)
    pooled = pooled_monte_carlo(search, runs)
    assert pooled_result_same(search, gains, runs, here)
    print(f"montecarlo.steps_per_s.every_core {steps / pooled:,.0f} trips/s", flush=True)
    small = len(blocks(Decimal(1000), gains, 2 * 200, 1))  # two blocks: the pool's own cost
    start_up = pooled_monte_carlo(search, 400) - 400 * 2 * len(gains) / rate
    print(f"montecarlo.pool_start_up {max(start_up, 0.0):.2f} s ({small} blocks)", flush=True)
    workers = os.cpu_count() or 1
    if workers > 1:  # the pool pays when (1 - 1/workers) of the work outlasts its start-up
        even = max(start_up, 0.0) * rate / (1 - 1 / workers)
        print(f"montecarlo.pool_break_even {even:,.0f} trips (MC_POOL_STEPS {MC_POOL_STEPS:,})",
              flush=True)  # fmt: skip
    big = 20_000 if quick else WINDOW_MAX_RUNS
    code = (
        "import sys; from bench.bench_optimize import pooled_monte_carlo, MONTH; "
        "from bench.bench_optimize import window_search; "
        f"print(pooled_monte_carlo(window_search(), {big}))"
    )
    seconds, peak = measure([sys.executable, "-c", code], cli_env(), tmp / "mc.txt")
    print(f"montecarlo.window_max_runs {big:,} runs of {len(gains)} trips: {seconds:.1f} s, "
          f"peak {peak:.0f} MB (WINDOW_MAX_RUNS {WINDOW_MAX_RUNS:,})", flush=True)  # fmt: skip


def pooled_result_same(search: Search, gains: list[Decimal], runs: int, here: object) -> bool:
    """The pool's figures are the one process's (each block has its own seed)."""

    def on_pool(todo: list[Block]) -> list:  # type: ignore[type-arg]
        return run_jobs(search, run_block, todo, weight=lambda b: b.steps, parallel=True)

    same = monte_carlo(Decimal(1000), gains, runs, 1, on_pool) == here
    if not same:
        print("error: Monte Carlo differs on the worker pool", file=sys.stderr)
    return same


def window_search() -> Search:
    """A search as the window's guards run on (the pool's workers read nothing for Monte Carlo)."""
    return Search(month_file(), "BTCUSDT", "1m", bundled_rules("BTCUSDT"), Decimal(1000),
                  Decimal("0.001"), "sma_cross", {}, "net_pnl")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.bench_optimize")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--monte-carlo", action="store_true", help="only the Monte Carlo figures")
    args = parser.parse_args(argv)
    if args.monte_carlo:
        with tempfile.TemporaryDirectory() as tmp:
            bench_monte_carlo(window_search(), args.quick, Path(tmp))
        return 0
    path = month_file()
    series = read_series_csv(path, "BTCUSDT", "1m")
    if args.quick:
        series = series[:5_000]
    grid = QUICK_GRID if args.quick else GRID
    search = Search(path, "BTCUSDT", "1m", bundled_rules("BTCUSDT"), Decimal(1000),
                    Decimal("0.001"), "sma_cross", {}, "net_pnl", stop=len(series))  # fmt: skip
    combos = combinations([parse_range(g) for g in grid])
    valid = [c for c in combos if int(c["fast"]) < int(c["slow"])]
    if not check_fast_path(search, series, valid[:: max(1, len(valid) // 4)]):
        return 1
    workers = os.cpu_count() or 1
    print(f"# {len(series)} candles from {path.name}, {len(combos)} combinations, {workers} "
          f"processes", flush=True)  # fmt: skip
    started = time.perf_counter()
    trials = run_search(search, combos, series=series)
    seconds = time.perf_counter() - started
    accepted = sum(1 for t in trials if not t.refused)
    print(f"optimize.combinations {accepted} combinations", flush=True)
    print(f"optimize.seconds {seconds:.3f} s", flush=True)
    print(f"optimize.combinations_per_s {accepted / seconds:.1f} combinations/s", flush=True)

    sample = valid[:: 2 if args.quick else 5]
    started = time.perf_counter()
    run_search(replace(search, fast_path=False), sample, series=series)
    ref_rate = len(sample) / (time.perf_counter() - started)
    print(f"optimize.reference.combinations_per_s {ref_rate:.2f} combinations/s", flush=True)
    print(f"optimize.fast_path_speedup {accepted / seconds / ref_rate:.1f} x", flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        csv = path
        if args.quick:
            csv = Path(tmp) / "part.csv"
            with csv.open("w") as out:
                out.write("open_time,open,high,low,close,volume\n")
                for c in series:
                    out.write(f"{c.open_time},{c.open},{c.high},{c.low},{c.close},{c.volume}\n")
        e2e, peak, out = run_cli(csv, grid, Path(tmp) / "data")
    tried = next((line for line in out.splitlines() if "combinations tried" in line), "")
    print(f"# crypty optimize: {tried.strip()}", flush=True)
    print(f"optimize_e2e.seconds {e2e:.3f} s", flush=True)
    print(f"optimize_e2e.peak_rss {peak:.1f} MB", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        bench_monte_carlo(window_search(), args.quick, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
