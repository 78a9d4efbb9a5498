"""The optimisation the window runs: risk settings searched like strategy parameters, the whole
run (search, walk-forward, Monte Carlo, stability, verdict, reference check) on real worker
processes, the heatmap's cells, and a cancel that leaves no worker process behind."""

from __future__ import annotations

import multiprocessing
from decimal import Decimal as D
from pathlib import Path

import pytest

from crypty_desktop.backtest.engine import BacktestCancelled, run_backtest
from crypty_desktop.backtest.lab import LabProgress, LabRequest, heat_cells, run_lab
from crypty_desktop.backtest.optimize import (
    Search,
    Trial,
    backtest_of,
    matches_reference,
    parse_range,
    split_params,
    trial_on,
)
from crypty_desktop.backtest.rules import bundled_rules
from crypty_desktop.backtest.series import read_series_csv
from crypty_desktop.cli import main
from crypty_desktop.domain.bots import RiskLimits
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.strategies.registry import create_strategy
from tests.backtest.test_overfit_guards import write_wave


def _search(path: Path, workers: int = 1, **extra: object) -> Search:
    return Search(path, "BTCUSDT", "1m", bundled_rules("BTCUSDT"), D(1000), D("0.001"),
                  "sma_cross", {}, "net_pnl", min_trades=1, workers=workers,
                  **extra)  # type: ignore[arg-type]  # fmt: skip


def test_risk_settings_split_from_the_strategy_parameters(tmp_path: Path) -> None:
    search = _search(tmp_path / "x.csv", risk=RiskLimits(max_drawdown_pct=D(30)))
    params, risk = split_params(search, {"fast": "2", "risk.stop_loss_pct": "1.5",
                                         "risk.take_profit_pct": "0"})  # fmt: skip
    assert params == {"fast": "2"}
    assert risk == RiskLimits(stop_loss_pct=D("1.5"), max_drawdown_pct=D(30))  # 0 is off
    for bad in ("-1", "100", "x", "NaN"):
        with pytest.raises(ValidationError, match="risk.trailing_stop_pct"):
            split_params(search, {"risk.trailing_stop_pct": bad})


def test_a_stop_loss_range_gives_the_backtests_with_those_limits(tmp_path: Path) -> None:
    path = write_wave(tmp_path / "slide.csv", drift=2.0)
    series = read_series_csv(path, "BTCUSDT", "1m")
    search = _search(path)
    rules = bundled_rules("BTCUSDT")
    for pct in ("0", "0.5", "2"):
        params = {"fast": "2", "slow": "10", "risk.stop_loss_pct": pct}
        trial = trial_on(search, series, params)
        limits = RiskLimits(stop_loss_pct=None if pct == "0" else D(pct))
        by_hand = run_backtest(create_strategy("sma_cross", {"fast": "2", "slow": "10"}), rules,
                               series, D(1000), fee_rate=D("0.001"), risk=limits)  # fmt: skip
        assert by_hand.summary is not None
        assert trial.net_pnl == by_hand.summary.net_pnl
        assert backtest_of(search, series, params).fills == by_hand.fills
        assert matches_reference(search, params, series)  # the bot loop applies the same stop
    # a stop-loss stops the bot: on the slide the 0.5 % stop trades less than no stop at all
    none = trial_on(search, series, {"fast": "2", "slow": "10"})
    tight = trial_on(search, series, {"fast": "2", "slow": "10", "risk.stop_loss_pct": "0.5"})
    assert tight.round_trips < none.round_trips
    bad = trial_on(search, series, {"fast": "2", "slow": "10", "risk.stop_loss_pct": "150"})
    assert bad.score is None and "risk.stop_loss_pct" in bad.refused


def test_the_whole_run_on_two_worker_processes(tmp_path: Path) -> None:
    path = write_wave(tmp_path / "wave.csv", count=600)
    ranges = [parse_range("fast=2:8:2"), parse_range("slow=10,20"),
              parse_range("risk.take_profit_pct=0,5")]  # fmt: skip
    seen: list[LabProgress] = []
    result = run_lab(
        LabRequest(_search(path, workers=2), ranges, folds=2, runs=200, seed=3),
        progress=seen.append,
    )
    assert result.candles == 600 and len(result.trials) == 16
    assert [t.params for t in result.trials][:2] == [
        {"fast": "2", "slow": "10", "risk.take_profit_pct": "0"},
        {"fast": "2", "slow": "10", "risk.take_profit_pct": "5"},
    ]  # the grid's order
    scores = [t.score for t in result.ranked]
    assert scores == sorted(scores, reverse=True)  # type: ignore[type-var]
    assert len(result.reference) == min(10, len(result.ranked))
    assert all(match for _, match in result.reference)
    assert result.walk is not None and len(result.walk.folds) == 2
    assert result.monte is not None and len(result.monte.bootstrap_pnls) == 200
    assert result.stable is not None and result.verdict.text
    assert {p.phase for p in seen} == {"search", "fold", "check", "monte-carlo"}
    assert seen[-1].done == seen[-1].total  # every candle counted once
    assert [p.done for p in seen] == sorted(p.done for p in seen)


def test_heatmap_cells_keep_the_best_score_over_the_other_parameters() -> None:
    def t(fast: str, slow: str, tp: str, score: float | None, trips: int = 5) -> Trial:  # float-ok
        return Trial({"fast": fast, "slow": slow, "tp": tp}, score, trips, None)

    trials = [t("2", "10", "0", 1.0), t("2", "10", "5", 3.0), t("4", "10", "0", -2.0),
              t("4", "20", "0", 9.0, trips=0), t("2", "20", "0", None)]  # fmt: skip
    cells = heat_cells(trials, "fast", "slow", min_trades=1)
    assert cells == {("2", "10"): 3.0, ("4", "10"): -2.0, ("4", "20"): None, ("2", "20"): None}


def test_cancel_ends_every_worker_process(tmp_path: Path) -> None:
    path = write_wave(tmp_path / "wave.csv", count=2000)
    ranges = [parse_range("fast=2:20:1"), parse_range("slow=21:60:1")]
    asked: list[int] = []

    def go_on() -> bool:
        asked.append(1)
        return len(asked) < 3

    with pytest.raises(BacktestCancelled):
        run_lab(LabRequest(_search(path, workers=2), ranges), should_continue=go_on)
    assert multiprocessing.active_children() == []


def test_cli_optimises_a_risk_setting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_wave(tmp_path / "slide.csv", drift=2.0)
    code = main(["optimize", "--strategy", "sma_cross", "--symbol", "BTCUSDT", "--interval", "1m",
                 "--candles", str(path), "--param", "fast=2", "--param", "slow=10",
                 "--param", "risk.stop_loss_pct=0,0.5", "--workers", "1"])  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    assert "risk.stop_loss_pct=0.5" in out and "risk.stop_loss_pct=0 " in out
