"""The optimiser: ranges read by hand, grid and random combinations, a search on real candles on
two processes whose best result is the same backtest the engine and the bot loop give."""

from __future__ import annotations

import io
import json
from decimal import Decimal as D

import pytest

from crypty_desktop.backtest.engine import run_backtest
from crypty_desktop.backtest.optimize import (
    Search,
    combinations,
    parse_range,
    ranked,
    run_search,
    score_of,
)
from crypty_desktop.backtest.rules import bundled_rules
from crypty_desktop.backtest.series import read_series_csv
from crypty_desktop.cli import main
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.resources import resource_path
from crypty_desktop.strategies.registry import create_strategy

DEMO = resource_path("demo", "BTCUSDT-1m.csv")


def test_ranges_choices_and_values() -> None:
    assert parse_range("fast=5:20:5") == ("fast", ["5", "10", "15", "20"])
    assert parse_range("pct=0.5:1.5:0.5") == ("pct", ["0.5", "1.0", "1.5"])
    assert parse_range("mode=a, b") == ("mode", ["a", "b"])
    assert parse_range("slow=30") == ("slow", ["30"])
    for bad in ("fast", "fast=5:1:1", "fast=1:5:0", "fast=1:x:1", "fast=1:2"):
        with pytest.raises(ValidationError, match="FROM:TO:STEP"):
            parse_range(bad)


def test_grid_and_random_combinations() -> None:
    ranges = [("a", ["1", "2"]), ("b", ["x", "y", "z"])]
    grid = combinations(ranges)
    assert len(grid) == 6 and grid[0] == {"a": "1", "b": "x"} and grid[-1] == {"a": "2", "b": "z"}
    picked = combinations(ranges, sample=4, seed=7)
    assert len(picked) == 4 and all(p in grid for p in picked)
    assert len({tuple(p.items()) for p in picked}) == 4  # no combination twice
    with pytest.raises(ValidationError, match="too many"):
        combinations([("a", [str(i) for i in range(1000)]), ("b", [str(i) for i in range(1000)])])


def test_search_on_two_processes_ranks_like_single_backtests() -> None:
    rules = bundled_rules("BTCUSDT")
    search = Search(DEMO, "BTCUSDT", "1m", rules, D(1000), D("0.001"), "sma_cross", {}, "sharpe",
                    min_trades=3, workers=2)  # fmt: skip
    combos = combinations([("fast", ["5", "10", "40"]), ("slow", ["20", "40"])])
    seen: list[int] = []
    trials = run_search(search, combos, progress=lambda done, total, left: seen.append(done))
    assert len(trials) == 6 and seen[-1] == 6
    refused = [t for t in trials if t.refused]
    assert {tuple(t.params.values()) for t in refused} == {("40", "20"), ("40", "40")}
    best = ranked(trials, 3)
    series = read_series_csv(DEMO, "BTCUSDT", "1m")
    for trial in best:
        alone = run_backtest(
            create_strategy("sma_cross", trial.params), rules, series, D(1000), fee_rate=D("0.001")
        )
        # The fast path's fills and P&L are the backtest's exactly; its Sharpe comes from the same
        # equity computed in floats, equal to a few units in the 14th digit.
        assert alone.summary is not None
        assert (trial.net_pnl, trial.round_trips) == (
            alone.summary.net_pnl,
            alone.summary.round_trips,
        )
        assert trial.score == pytest.approx(score_of(alone, "sharpe"), rel=1e-9)
    scores = [t.score for t in best]
    assert scores == sorted(scores, reverse=True)  # type: ignore[type-var]


def test_cli_optimize_json_shows_the_reference_match() -> None:
    out, err = io.StringIO(), io.StringIO()
    args = ["optimize", "--strategy", "sma_cross", "--symbol", "BTCUSDT", "--interval", "1m"]
    more = ["--candles", str(DEMO), "--param", "fast=5:10:5", "--param", "slow=20:30:10"]
    code = main([*args, *more, "--objective", "net_pnl", "--top", "2", "--workers", "2", "--json"],
                stdout=out, stderr=err)  # fmt: skip
    assert code == 0, err.getvalue()
    data = json.loads(out.getvalue())
    assert data["tried"] == 4 and len(data["best"]) == 2
    assert all(row["reference_match"] for row in data["best"])
    code = main([*args, *more, "--objective", "luck"], stdout=out, stderr=err)
    assert code == 1 and "--objective: one of" in err.getvalue()
