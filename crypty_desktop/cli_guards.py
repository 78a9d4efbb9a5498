"""``crypty optimize``'s guards against overfitting: walk-forward, Monte Carlo on the best result's
round trips, the best point's stability, and the verdict in words (text and ``--json``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from crypty_desktop.backtest.engine import BacktestCancelled
from crypty_desktop.backtest.guards import run_monte_carlo, run_stability
from crypty_desktop.backtest.montecarlo import MonteCarlo
from crypty_desktop.backtest.optimize import CANCELLED, Search, Trial, run_search
from crypty_desktop.backtest.overfit import Verdict, verdict
from crypty_desktop.backtest.stability import SHARP_DROP_PCT, Stability
from crypty_desktop.backtest.walkforward import WalkForward, walk_forward

if TYPE_CHECKING:
    from crypty_desktop.backtest.series import CandleSeries


@dataclass(frozen=True, slots=True)
class Guards:
    walk: WalkForward | None
    monte: MonteCarlo | None
    stable: Stability | None
    verdict: Verdict

    def as_json(self) -> dict[str, object]:
        return {
            "walk_forward": None if self.walk is None else self.walk.as_json(),
            "monte_carlo": None if self.monte is None else self.monte.as_json(),
            "stability": None if self.stable is None else self.stable.as_json(),
            "verdict": self.verdict.as_json(),
        }


# (phase, done, total): "stability" counts candles replayed, "monte-carlo" trips resampled
GuardProgress = Callable[[str, int, int], None]


def run_guards(
    search: Search,
    series: CandleSeries,
    ranges: Sequence[tuple[str, list[str]]],
    combos: list[dict[str, str]],
    trials: Sequence[Trial],
    best: Trial | None,
    *,
    folds: int | None,
    runs: int | None,
    seed: int,
    should_continue: Callable[[], bool] | None = None,
    progress: GuardProgress | None = None,
) -> Guards:
    """Every guard asked (walk-forward with ``folds``, Monte Carlo with ``runs``; stability
    always when a combination was ranked), on the worker processes like the search;
    ``BacktestCancelled`` once ``should_continue()`` says no."""
    go_on = should_continue or (lambda: True)

    def check() -> None:
        if not go_on():
            raise BacktestCancelled(CANCELLED)

    def searcher(part: Search, fold_combos: list[dict[str, str]]) -> list[Trial]:
        check()
        return run_search(part, fold_combos, should_continue=go_on)

    def phase(name: str) -> Callable[[int, int, float], None] | None:
        if progress is None:
            return None
        return lambda done, total, _left: progress(name, done, total)

    walk = walk_forward(search, combos, series, folds, searcher) if folds else None
    monte = stable = None
    if best is not None:
        check()
        stable = run_stability(search, series, ranges, best, trials, progress=phase("stability"),
                               should_continue=go_on)  # fmt: skip
        if runs:
            check()
            monte = run_monte_carlo(
                search, series, best.params, runs, seed, progress=phase("monte-carlo"),
                should_continue=go_on,
            )  # fmt: skip
    return Guards(walk, monte, stable, verdict(walk, monte, stable))


def _params(params: dict[str, str] | None) -> str:
    return "-" if params is None else " ".join(f"{k}={v}" for k, v in params.items())


def print_guards(guards: Guards, objective: str, out: TextIO) -> None:
    walk, monte, stable = guards.walk, guards.monte, guards.stable
    if walk is not None:
        print("Walk-forward (rolling, equal windows; each fold's winner on the next window):",
              file=out)  # fmt: skip
        for i, fold in enumerate(walk.folds, 1):
            row = fold.as_json()
            print(f"  fold {i}: {_params(fold.params):<24} {objective} in {row['in_sample_score']}"
                  f" out {row['out_of_sample_score']}  P&L in {row['in_sample_pnl']}"
                  f" out {row['out_of_sample_pnl']}", file=out)  # fmt: skip
        data = walk.as_json()
        degradation = data["degradation_pct"]
        print(f"  P&L in-sample {data['in_sample_pnl']}, out-of-sample "
              f"{data['out_of_sample_pnl']}: degradation "
              f"{'-' if degradation is None else f'{degradation} %'}", file=out)  # fmt: skip
    if monte is not None:
        m = monte.as_json()
        print(f"Monte Carlo ({monte.runs} runs, seed {monte.seed}, {monte.trips} round trips; "
              f"percentiles 5/50/95):", file=out)  # fmt: skip
        for name in ("shuffled", "bootstrap"):
            part = m[name]
            assert isinstance(part, dict)
            pnl, dd = part["pnl"], part["max_drawdown_pct"]
            print(f"  {name:<10} P&L {pnl['p5']} / {pnl['p50']} / {pnl['p95']}   max drawdown % "
                  f"{dd['p5']} / {dd['p50']} / {dd['p95']}", file=out)  # fmt: skip
        print(f"  probability of a loss {m['loss_probability_pct']} %", file=out)
    if stable is not None:
        s = stable.as_json()
        drop = s["drop_pct"]
        print(f"Stability: {len(stable.neighbours)} neighbours score "
              f"{s['neighbours_mean_score']} on average against {s['score']} "
              f"(drop {'-' if drop is None else f'{drop} %'}; a sharp peak above "
              f"{SHARP_DROP_PCT:g} %)", file=out)  # fmt: skip
    print(guards.verdict.text, file=out)
