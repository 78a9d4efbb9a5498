"""``crypty optimize``'s guards against overfitting: walk-forward, Monte Carlo on the best result's
round trips, the best point's stability, and the verdict in words (text and ``--json``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from crypty_desktop.backtest.metrics import trip_gains
from crypty_desktop.backtest.montecarlo import MonteCarlo, monte_carlo
from crypty_desktop.backtest.optimize import Search, Trial, backtest_of, trial_on
from crypty_desktop.backtest.overfit import Verdict, verdict
from crypty_desktop.backtest.stability import SHARP_DROP_PCT, Stability, stability
from crypty_desktop.backtest.walkforward import WalkForward, walk_forward

if TYPE_CHECKING:
    from collections.abc import Sequence

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
) -> Guards:
    """Every guard asked (walk-forward with ``folds``, Monte Carlo with ``runs``; stability
    always when a combination was ranked)."""
    walk = walk_forward(search, combos, series, folds) if folds else None
    monte = stable = None
    if best is not None:
        stable = stability(ranges, best, trials, lambda p: trial_on(search, series, p))
        if runs:
            result = backtest_of(search, series, best.params)
            gains = trip_gains(result.fills, search.rules.base_asset, search.rules.quote_asset)
            monte = monte_carlo(search.budget, gains, runs, seed)
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
