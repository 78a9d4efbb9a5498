"""The guards run like the search: Monte Carlo and stability on the worker pool, with progress
and a cancel that ends the workers; Monte Carlo gives the same figures whatever the number of
workers (each block of runs has its own seed); ``crypty optimize`` stops on Ctrl+C in any phase."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
from dataclasses import replace
from decimal import Decimal as D
from pathlib import Path

import pytest

from crypty_desktop.backtest.engine import BacktestCancelled
from crypty_desktop.backtest.guards import run_monte_carlo, run_stability
from crypty_desktop.backtest.lab import LabProgress, LabRequest, run_lab
from crypty_desktop.backtest.montecarlo import Block, BlockFigures, blocks, monte_carlo, run_block
from crypty_desktop.backtest.optimize import (
    Search,
    Trial,
    combinations,
    parse_range,
    ranked,
    run_jobs,
    trial_on,
)
from crypty_desktop.backtest.rules import bundled_rules
from crypty_desktop.backtest.series import read_series_csv
from tests.backtest.test_overfit_guards import write_wave

ROOT = Path(__file__).resolve().parents[2]
GAINS = [D(v) for v in ("12.5", "-8", "30", "-22.25", "5", "-1", "17", "-40", "9.75", "3")]


def _search(path: Path, workers: int = 2, **extra: object) -> Search:
    return Search(path, "BTCUSDT", "1m", bundled_rules("BTCUSDT"), D(1000), D("0.001"),
                  "sma_cross", {}, "net_pnl", min_trades=1, workers=workers,
                  **extra)  # type: ignore[arg-type]  # fmt: skip


def _on_pool(search: Search) -> object:
    def run_blocks(todo: list[Block]) -> list[BlockFigures]:
        return run_jobs(search, run_block, todo, weight=lambda b: b.steps, parallel=True)

    return run_blocks


def test_monte_carlo_gives_the_same_figures_on_any_number_of_workers(tmp_path: Path) -> None:
    runs = 4_500  # 10 trips: 1,000 runs a block, five blocks (the last one short)
    assert [b.runs for b in blocks(D(1000), GAINS, runs, 5)] == [1000, 1000, 1000, 1000, 500]
    here = monte_carlo(D(1000), GAINS, runs, seed=5)
    backwards = monte_carlo(
        D(1000), GAINS, runs, 5, lambda todo: [run_block(b) for b in reversed(todo)]
    )
    two = monte_carlo(D(1000), GAINS, runs, 5, _on_pool(_search(tmp_path / "x.csv", 2)))  # type: ignore[arg-type]
    one = monte_carlo(D(1000), GAINS, runs, 5, _on_pool(_search(tmp_path / "x.csv", 1)))  # type: ignore[arg-type]
    assert here is not None and len(here.bootstrap_pnls) == runs
    assert here == backwards == two == one
    other = monte_carlo(D(1000), GAINS, runs, seed=6)
    assert other is not None and other.bootstrap_pnls != here.bootstrap_pnls
    # the blocks draw different sequences: no block repeats another's paths
    firsts = {run_block(b).bootstrap_pnl[:20] for b in blocks(D(1000), GAINS, runs, 5)}
    assert len(firsts) == 5


def test_monte_carlo_on_the_pool_reports_progress_and_a_cancel_ends_the_workers(
    tmp_path: Path,
) -> None:
    path = write_wave(tmp_path / "wave.csv", count=600)
    series = read_series_csv(path, "BTCUSDT", "1m")
    search = _search(path, 2)
    seen: list[tuple[int, int]] = []
    told: list[int] = []
    monte = run_monte_carlo(
        search, series, {"fast": "2", "slow": "10"}, 400, 1,
        progress=lambda done, total, _left: seen.append((done, total)), on_backtest=told.append,
    )  # fmt: skip
    assert monte is not None and told == [monte.trips] and monte.trips > 0
    assert seen and seen[-1] == (400 * 2 * monte.trips,) * 2  # every trip resampled counted
    # A long run (here, in one process: no pool) stops between two blocks.
    asked: list[int] = []

    def go_on() -> bool:
        asked.append(1)
        return len(asked) < 4

    with pytest.raises(BacktestCancelled):
        run_monte_carlo(replace(search, workers=1), series, {"fast": "2", "slow": "10"},
                        1_000_000, 1, should_continue=go_on)  # fmt: skip
    # On the pool: the workers are ended at the first no.
    pool: list[int] = []
    with pytest.raises(BacktestCancelled):
        run_jobs(
            search, run_block, blocks(D(1000), GAINS, 1_000_000, 1),
            weight=lambda b: b.steps, parallel=True,
            progress=lambda done, _t, _l: pool.append(done), should_continue=lambda: not pool,
        )  # fmt: skip
    assert len(pool) == 1
    assert multiprocessing.active_children() == []


def test_stability_backtests_a_random_searchs_gaps_on_the_pool(tmp_path: Path) -> None:
    path = write_wave(tmp_path / "wave.csv", count=600)
    series = read_series_csv(path, "BTCUSDT", "1m")
    search = _search(path, 2, fast_path=False)  # the full backtest: worth the worker processes
    ranges = [parse_range("fast=2:6:2"), parse_range("slow=10:30:10")]
    tried = [trial_on(search, series, p) for p in combinations(ranges, sample=4, seed=1)]
    best = ranked(tried, 1)[0]
    counted: list[int] = []
    seen: list[int] = []
    stable = run_stability(
        search, series, ranges, best, tried, on_missing=counted.append,
        progress=lambda done, _total, _left: seen.append(done),
    )  # fmt: skip
    known = {tuple(sorted(t.params.items())) for t in tried}
    assert counted and counted[0] > 0 and seen[-1] == counted[0] * len(series)
    by_hand: list[Trial] = []
    for t in stable.neighbours:
        if tuple(sorted(t.params.items())) not in known:
            by_hand.append(trial_on(search, series, t.params))
            assert t == by_hand[-1]  # the worker's backtest is this process's
    assert by_hand
    with pytest.raises(BacktestCancelled):
        run_stability(search, series, ranges, best, tried, should_continue=lambda: False)
    assert multiprocessing.active_children() == []


def test_the_window_s_run_shows_the_guards_phases(tmp_path: Path) -> None:
    path = write_wave(tmp_path / "wave.csv", count=600)
    ranges = [parse_range("fast=2:10:2"), parse_range("slow=10:30:10")]
    seen: list[LabProgress] = []
    result = run_lab(
        LabRequest(_search(path, 2, fast_path=False), ranges, sample=4, runs=300, seed=2),
        progress=seen.append,
        context=multiprocessing.get_context("spawn"),
    )
    assert result.monte is not None and result.stable is not None
    phases = [p.phase for p in seen]
    assert {"search", "check", "stability", "monte-carlo"} <= set(phases)
    assert phases.index("stability") < phases.index("monte-carlo")
    assert seen[-1].done == seen[-1].total
    assert [p.done for p in seen] == sorted(p.done for p in seen)
    again = run_lab(LabRequest(_search(path, 1, fast_path=False), ranges, sample=4, runs=300,
                               seed=2))  # fmt: skip
    assert again.monte == result.monte  # one worker or two: the same Monte Carlo


def test_ctrl_c_stops_crypty_optimize_during_monte_carlo(tmp_path: Path) -> None:
    path = write_wave(tmp_path / "wave.csv", count=600)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CRYPTY_DATA_DIR": str(tmp_path / "data")}
    command = [sys.executable, "-m", "crypty_desktop.cli", "optimize", "--strategy", "sma_cross",
               "--symbol", "BTCUSDT", "--interval", "1m", "--candles", str(path),
               "--param", "fast=2:4:2", "--param", "slow=10", "--workers", "2",
               "--monte-carlo", "1000000"]  # fmt: skip
    # As a terminal does: Ctrl+C goes to the whole process group (the workers too).
    process = subprocess.Popen(  # noqa: S603 - our own command
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True,
    )  # fmt: skip
    assert process.stderr is not None
    said = b""
    while b"Monte Carlo:" not in said:
        chunk = process.stderr.read1(4096)
        assert chunk, f"ended before Monte Carlo: {said!r}"
        said += chunk
    os.killpg(process.pid, signal.SIGINT)
    _out, rest = process.communicate(timeout=30)
    assert process.returncode == 130
    assert "Optimisation cancelled." in (said + rest).decode()
    with pytest.raises(ProcessLookupError):  # no worker process left behind
        os.killpg(process.pid, 0)
