"""Monte Carlo on a backtest's round trips: how much of its result is the order luck dealt it?

The round trips' gains (quote asset, fees included, see ``metrics.trip_gains``) are replayed as an
equity path ``budget + g1 + g2 + …`` (no compounding: each trip keeps its own amount), N times:

- shuffled: the same trips in a random order. The final P&L cannot change; the max drawdown can;
- bootstrapped: as many trips drawn at random with replacement. Both can change.

The max drawdown is the largest fall from a peak of that path, in % of the peak (the budget is the
first peak). Percentiles are nearest-rank: the p-th of N sorted values is the ⌈p × N / 100⌉-th.
The probability of a loss is the share of bootstrapped paths that end below the budget.
Seeded: the same trips, N and seed give the same figures.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.money import ZERO
from crypty_desktop.wording import QT_TRANSLATE_NOOP

HUNDRED = Decimal(100)
PERCENTILES = (5, 50, 95)
MAX_RUNS = 1_000_000
BAD_RUNS = QT_TRANSLATE_NOOP("Core", "--monte-carlo: give a number of runs from 1 to {most}.")


def check_runs(runs: int) -> None:
    """A clear error for a number of runs out of range."""
    if not 1 <= runs <= MAX_RUNS:
        raise ValidationError(BAD_RUNS.format(most=f"{MAX_RUNS:,}"))


def percentile(values: Sequence[Decimal], p: int) -> Decimal:
    """The nearest-rank p-th percentile of ``values`` (sorted here)."""
    ordered = sorted(values)
    rank = max(math.ceil(p * len(ordered) / 100), 1)
    return ordered[rank - 1]


def path_figures(budget: Decimal, gains: Sequence[Decimal]) -> tuple[Decimal, Decimal]:
    """(final P&L, max drawdown %) of the equity path ``budget + cumulative gains``."""
    equity = peak = budget
    worst = ZERO
    for gain in gains:
        equity += gain
        if equity > peak:
            peak = equity
        elif peak > 0 and (peak - equity) * HUNDRED / peak > worst:
            worst = (peak - equity) * HUNDRED / peak
    return equity - budget, worst


@dataclass(frozen=True, slots=True)
class Spread:
    """The 5th, 50th and 95th percentiles of a figure over the runs."""

    p5: Decimal
    p50: Decimal
    p95: Decimal

    @classmethod
    def of(cls, values: Sequence[Decimal]) -> Spread:
        return cls(*(percentile(values, p) for p in PERCENTILES))

    def as_json(self) -> dict[str, str]:
        def s(v: Decimal) -> str:
            return format(v.quantize(Decimal("0.01")), "f")

        return {"p5": s(self.p5), "p50": s(self.p50), "p95": s(self.p95)}


@dataclass(frozen=True, slots=True)
class MonteCarlo:
    runs: int
    seed: int
    trips: int
    pnl: Decimal  # the backtest's own trips, in their order
    max_drawdown_pct: Decimal
    shuffled_pnl: Spread
    shuffled_drawdown_pct: Spread
    bootstrap_pnl: Spread
    bootstrap_drawdown_pct: Spread
    loss_probability_pct: Decimal  # bootstrapped paths ending below the budget
    # every bootstrapped path's final P&L and max drawdown % (the window draws their histograms)
    bootstrap_pnls: tuple[Decimal, ...] = ()
    bootstrap_drawdowns_pct: tuple[Decimal, ...] = ()

    def as_json(self) -> dict[str, object]:
        q = Decimal("0.01")
        return {
            "runs": self.runs,
            "seed": self.seed,
            "round_trips": self.trips,
            "pnl": format(self.pnl.quantize(q), "f"),
            "max_drawdown_pct": format(self.max_drawdown_pct.quantize(q), "f"),
            "shuffled": {
                "pnl": self.shuffled_pnl.as_json(),
                "max_drawdown_pct": self.shuffled_drawdown_pct.as_json(),
            },
            "bootstrap": {
                "pnl": self.bootstrap_pnl.as_json(),
                "max_drawdown_pct": self.bootstrap_drawdown_pct.as_json(),
            },
            "loss_probability_pct": format(self.loss_probability_pct.quantize(q), "f"),
        }


def monte_carlo(
    budget: Decimal, gains: Sequence[Decimal], runs: int, seed: int = 0
) -> MonteCarlo | None:
    """The spread of final P&L and max drawdown over ``runs`` resampled trip sequences (None
    without any round trip)."""
    check_runs(runs)
    if not gains:
        return None
    rng = random.Random(seed)  # noqa: S311 - statistics, not security
    trips = list(gains)

    def resample(draw: Callable[[], list[Decimal]]) -> tuple[list[Decimal], list[Decimal]]:
        pnls, drawdowns = [], []
        for _ in range(runs):
            pnl, dd = path_figures(budget, draw())
            pnls.append(pnl)
            drawdowns.append(dd)
        return pnls, drawdowns

    def shuffled() -> list[Decimal]:
        rng.shuffle(trips)
        return trips

    sh_pnl, sh_dd = resample(shuffled)
    bs_pnl, bs_dd = resample(lambda: rng.choices(gains, k=len(gains)))
    own_pnl, own_dd = path_figures(budget, gains)
    losses = sum(1 for pnl in bs_pnl if pnl < 0)
    return MonteCarlo(
        runs=runs,
        seed=seed,
        trips=len(gains),
        pnl=own_pnl,
        max_drawdown_pct=own_dd,
        shuffled_pnl=Spread.of(sh_pnl),
        shuffled_drawdown_pct=Spread.of(sh_dd),
        bootstrap_pnl=Spread.of(bs_pnl),
        bootstrap_drawdown_pct=Spread.of(bs_dd),
        loss_probability_pct=Decimal(losses) * HUNDRED / runs,
        bootstrap_pnls=tuple(bs_pnl),
        bootstrap_drawdowns_pct=tuple(bs_dd),
    )
