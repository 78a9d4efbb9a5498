"""The optimiser's guards against overfitting, on synthetic candles whose outcome is known by
construction: a sine wave whose windows are identical (walk-forward finds no degradation), the same
wave shrunk and sliding down in the second half (the winner's gains all but vanish out-of-sample),
hand-picked round trips for Monte Carlo and hand-made score grids for stability and the verdict."""

from __future__ import annotations

import io
import json
import math
from decimal import Decimal as D
from pathlib import Path

import pytest

from crypty_desktop.backtest.engine import run_backtest
from crypty_desktop.backtest.montecarlo import monte_carlo, path_figures, percentile
from crypty_desktop.backtest.optimize import Search, Trial, combinations, ranked, trial_on
from crypty_desktop.backtest.overfit import verdict
from crypty_desktop.backtest.rules import bundled_rules
from crypty_desktop.backtest.series import CandleSeries, read_series_csv
from crypty_desktop.backtest.stability import neighbours, stability
from crypty_desktop.backtest.walkforward import (
    Fold,
    Searcher,
    WalkForward,
    degradation,
    walk_forward,
    windows,
)
from crypty_desktop.cli import main
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.strategies.registry import create_strategy

PERIOD = 40
T0 = 1_700_000_000_000


def _price(i: int, drift: float) -> float:  # float-ok: a synthetic price, rounded to cents
    slide = drift * max(i - 200, 0)
    wave = 100 if i < 200 or not drift else 15  # the slide also flattens the wave
    return round(1000 + wave * math.sin(2 * math.pi * i / PERIOD) - slide, 2)


def write_wave(path: Path, drift: float = 0.0, count: int = 400) -> Path:  # float-ok
    """A 40-candle sine wave around 1000 (±100); after candle 200, with a ``drift``, the wave
    shrinks to ±15 and the price slides ``drift`` per candle: a crossover bought on each small rise
    sells lower on the next fall."""
    lines = ["open_time,open,high,low,close,volume"]
    for i in range(count):
        o, c = _price(i - 1, drift), _price(i, drift)
        high, low = round(max(o, c) + 1, 2), round(min(o, c) - 1, 2)
        lines.append(f"{T0 + i * 60_000},{o},{high},{low},{c},1")
    path.write_text("\n".join(lines) + "\n")
    return path


def _search(path: Path, objective: str = "net_pnl") -> Search:
    return Search(path, "BTCUSDT", "1m", bundled_rules("BTCUSDT"), D(1000), D("0.001"),
                  "sma_cross", {}, objective, min_trades=1, workers=1)  # fmt: skip


def _in_process(series: CandleSeries) -> Searcher:
    """The search run here, candle window by candle window (the same ``trial_on`` as a worker)."""
    return lambda search, combos: [
        trial_on(search, series[search.start : search.stop], p) for p in combos
    ]


RANGES = [("fast", ["2", "4", "8"]), ("slow", ["10", "20"])]


def test_windows_are_rolling_and_equal() -> None:
    assert windows(100, 1) == [((0, 50), (50, 100))]
    assert windows(100, 3) == [((0, 25), (25, 50)), ((25, 50), (50, 75)), ((50, 75), (75, 100))]
    assert windows(103, 2)[-1] == ((34, 68), (68, 103))  # the last window takes the remainder
    with pytest.raises(ValidationError, match="too few for 10 walk-forward folds"):
        windows(100, 10)
    with pytest.raises(ValidationError, match="from 1 to 50"):
        windows(100, 0)
    assert degradation(D(100), D(20)) == D(80)
    assert degradation(D(100), D(-50)) == D(150)
    assert degradation(D(0), D(10)) is None and degradation(D(-5), D(10)) is None


def test_identical_windows_degrade_by_nothing(tmp_path: Path) -> None:
    # 200 candles are 5 whole waves: the out-of-sample window is the in-sample one again, so the
    # winner makes exactly the same P&L on it.
    path = write_wave(tmp_path / "wave.csv")
    series = read_series_csv(path, "BTCUSDT", "1m")
    search = _search(path)
    walk = walk_forward(search, combinations(RANGES), series, 1, _in_process(series))
    (fold,) = walk.folds
    assert fold.in_sample == (0, 200) and fold.out_sample == (200, 400)
    assert fold.params is not None and fold.in_pnl is not None and fold.in_pnl > 0
    assert fold.out_pnl == fold.in_pnl and fold.out_score == fold.in_score
    assert walk.degradation_pct == 0
    assert verdict(walk, None, None).overfit is False


def test_a_slide_after_the_in_sample_window_is_flagged(tmp_path: Path) -> None:
    path = write_wave(tmp_path / "slide.csv", drift=1.5)  # the second half falls 300
    series = read_series_csv(path, "BTCUSDT", "1m")
    search = _search(path)
    walk = walk_forward(search, combinations(RANGES), series, 1, _in_process(series))
    (fold,) = walk.folds
    # The winner is the best of the six backtests on the first 200 candles, run one by one.
    first, second = series[:200], series[200:]
    alone = [trial_on(search, first, p) for p in combinations(RANGES)]
    best = ranked(alone, 1)[0]
    assert fold.params == best.params and fold.in_pnl == best.net_pnl
    again = run_backtest(create_strategy("sma_cross", best.params), search.rules, second,
                         D(1000), fee_rate=D("0.001"))  # fmt: skip
    assert again.summary is not None and fold.out_pnl == again.summary.net_pnl
    assert fold.in_pnl is not None and fold.out_pnl is not None
    assert fold.in_pnl > 100 * fold.out_pnl  # the shrunken, sliding wave leaves almost nothing
    assert walk.degradation_pct == (fold.in_pnl - fold.out_pnl) / fold.in_pnl * 100 > 99
    said = verdict(walk, None, None)
    pct = f"{walk.degradation_pct:.0f}"
    assert said.overfit and said.text == (
        f"Overfit risk: out-of-sample P&L is {pct} % below in-sample."
    )


def test_walk_forward_on_worker_processes_matches_in_process(tmp_path: Path) -> None:
    path = write_wave(tmp_path / "slide.csv", drift=1.5)
    series = read_series_csv(path, "BTCUSDT", "1m")
    combos = combinations([("fast", ["2", "4"]), ("slow", ["10"])])
    pooled = walk_forward(_search(path), combos, series, 2)  # the real pool, one worker
    here = walk_forward(_search(path), combos, series, 2, _in_process(series))
    assert pooled == here and len(pooled.folds) == 2


def test_percentiles_and_paths_by_hand() -> None:
    values = [D(v) for v in range(20, 0, -1)]
    assert [percentile(values, p) for p in (5, 50, 95)] == [D(1), D(10), D(19)]
    assert path_figures(D(1000), [D(100), D(-100)]) == (D(0), D(100) * 100 / D(1100))
    assert path_figures(D(1000), [D(-100), D(100)]) == (D(0), D(10))
    assert path_figures(D(1000), []) == (D(0), D(0))


def test_monte_carlo_on_one_win_and_one_loss() -> None:
    # Two trips, +100 and -100 on 1000. Shuffled: the P&L is always 0; the drawdown is 10 % (loss
    # first) or 9.09 % (win first), about half the time each. Bootstrapped: +200 (a quarter of the
    # runs), 0 (half) or -200 (a quarter, the losses, with a 20 % drawdown).
    gains = [D(100), D(-100)]
    mc = monte_carlo(D(1000), gains, 2000, seed=7)
    win_first = D(100) * 100 / D(1100)
    assert mc is not None and mc.trips == 2 and mc.pnl == 0 and mc.max_drawdown_pct == win_first
    assert (mc.shuffled_pnl.p5, mc.shuffled_pnl.p95) == (D(0), D(0))
    assert (mc.shuffled_drawdown_pct.p5, mc.shuffled_drawdown_pct.p95) == (win_first, D(10))
    assert (mc.bootstrap_pnl.p5, mc.bootstrap_pnl.p50, mc.bootstrap_pnl.p95) == (
        D(-200), D(0), D(200)
    )  # fmt: skip
    assert mc.bootstrap_drawdown_pct.p95 == D(20) and mc.bootstrap_drawdown_pct.p5 == D(0)
    assert D(22) < mc.loss_probability_pct < D(28)
    assert monte_carlo(D(1000), gains, 2000, seed=7) == mc  # seeded
    assert monte_carlo(D(1000), gains, 2000, seed=8) != mc
    assert monte_carlo(D(1000), [], 10) is None
    with pytest.raises(ValidationError, match="--monte-carlo"):
        monte_carlo(D(1000), gains, 0)
    # Mostly losing trips: a loss is likely, and the verdict says so with the number.
    bad = monte_carlo(D(1000), [D(-30), D(-20), D(10)], 1000, seed=1)
    assert bad is not None and bad.loss_probability_pct > 25
    said = verdict(None, bad, None)
    assert said.overfit and said.reasons == (
        f"{bad.loss_probability_pct:.0f} % of 1,000 resampled trade sequences end in a loss",
    )


def _t(fast: str, slow: str, score: float | None, refused: str = "") -> Trial:  # float-ok
    return Trial({"fast": fast, "slow": slow}, score, 5, None, refused)


def test_neighbours_are_one_step_along_each_range() -> None:
    ranges = [("fast", ["1", "2", "3"]), ("slow", ["10", "20", "30"]), ("mode", ["x"])]
    point = {"fast": "1", "slow": "20", "mode": "x"}
    assert neighbours(ranges, point) == [
        {"fast": "2", "slow": "20", "mode": "x"},
        {"fast": "1", "slow": "10", "mode": "x"},
        {"fast": "1", "slow": "30", "mode": "x"},
    ]


def test_a_sharp_peak_and_a_plateau() -> None:
    ranges = [("fast", ["1", "2", "3"]), ("slow", ["10", "20", "30"])]
    best = _t("2", "20", 100.0)
    peak = [best, _t("1", "20", 10.0), _t("3", "20", 20.0), _t("2", "10", 30.0),
            _t("2", "30", None, refused="no")]  # fmt: skip
    missing: list[dict[str, str]] = []

    def run(asked: list[dict[str, str]]) -> list[Trial]:
        missing.extend(asked)
        return [_t(params["fast"], params["slow"], 40.0) for params in asked]

    sharp = stability(ranges, best, peak, run)
    assert missing == []  # every neighbour was in the grid (the refused one is left out)
    assert sharp.mean_score == 20.0 and sharp.drop_pct == 80.0 and sharp.sharp
    plateau = [best, _t("1", "20", 90.0), _t("3", "20", 95.0), _t("2", "10", 80.0)]
    flat = stability(ranges, best, plateau, run)
    assert missing == [{"fast": "2", "slow": "30"}]  # a random search's gap, backtested
    assert flat.mean_score == 76.25 and flat.drop_pct == 23.75 and not flat.sharp
    said = verdict(None, None, sharp)
    assert said.text == (
        "Overfit risk: the best point is a sharp peak (its neighbours score 80 % lower on average)."
    )
    assert verdict(None, None, flat).text == "No overfit warning from parameter stability."


def test_every_failed_guard_in_one_sentence() -> None:
    fold = Fold((0, 50), (50, 100), {"fast": "2"}, 100.0, 20.0, D(100), D(20))
    walk = WalkForward((fold,), D(100), D(20), D(80), 100.0, 20.0)
    sharp = stability(
        [("fast", ["1", "2", "3"]), ("slow", ["10"])],
        _t("2", "10", 100.0),
        [_t("1", "10", 0.0), _t("3", "10", 50.0)],
        lambda asked: [_t("9", "9", None) for _ in asked],
    )
    said = verdict(walk, None, sharp)
    assert said.text == (
        "Overfit risk: out-of-sample P&L is 80 % below in-sample; the best point is a sharp peak "
        "(its neighbours score 75 % lower on average)."
    )
    clean = WalkForward((fold,), D(100), D(60), D(40), 100.0, 60.0)
    assert verdict(clean, None, None).text == "No overfit warning from walk-forward."
    assert verdict(None, None, None).text.startswith("No overfit guard could run")


def test_cli_shows_the_guards_in_text_and_json(tmp_path: Path) -> None:
    path = write_wave(tmp_path / "slide.csv", drift=1.5)
    args = ["optimize", "--strategy", "sma_cross", "--symbol", "BTCUSDT", "--interval", "1m",
            "--candles", str(path), "--param", "fast=2,4,8", "--param", "slow=10,20",
            "--workers", "1", "--min-trades", "1", "--walk-forward", "1",
            "--monte-carlo", "300", "--seed", "3"]  # fmt: skip
    out, err = io.StringIO(), io.StringIO()
    assert main([*args, "--json"], stdout=out, stderr=err) == 0, err.getvalue()
    guards = json.loads(out.getvalue())["guards"]
    (fold,) = guards["walk_forward"]["folds"]
    assert fold["in_sample"] == [0, 200] and fold["out_of_sample"] == [200, 400]
    assert D(fold["in_sample_pnl"]) > 100 * D(fold["out_of_sample_pnl"])
    assert guards["walk_forward"]["mode"] == "rolling"
    assert guards["monte_carlo"]["runs"] == 300 and guards["monte_carlo"]["seed"] == 3
    assert set(guards["monte_carlo"]["bootstrap"]["pnl"]) == {"p5", "p50", "p95"}
    assert guards["stability"]["sharp_threshold_pct"] == 50.0
    assert guards["verdict"]["overfit_risk"] is True
    assert guards["verdict"]["text"].startswith("Overfit risk: out-of-sample P&L is ")
    text = io.StringIO()
    assert main(args, stdout=text, stderr=err) == 0
    shown = text.getvalue()
    assert "Walk-forward (rolling" in shown and "probability of a loss" in shown
    assert guards["verdict"]["text"] in shown  # the same sentence in both
    bad = io.StringIO()
    too_many = [*args[:-6], "--walk-forward", "50"]
    assert main(too_many, stdout=io.StringIO(), stderr=bad) == 1
    assert "too few for 50 walk-forward folds" in bad.getvalue()
