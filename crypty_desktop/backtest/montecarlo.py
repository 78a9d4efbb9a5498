"""Monte Carlo on a backtest's round trips: how much of its result is the order luck dealt it?

The round trips' gains (quote asset, fees included, see ``metrics.trip_gains``) are replayed as an
equity path ``budget + g1 + g2 + …`` (no compounding: each trip keeps its own amount), N times:

- shuffled: the same trips in a random order. The final P&L cannot change; the max drawdown can;
- bootstrapped: as many trips drawn at random with replacement. Both can change.

The max drawdown is the largest fall from a peak of that path, in % of the peak (the budget is the
first peak). Percentiles are nearest-rank: the p-th of N sorted values is the ⌈p × N / 100⌉-th.
The probability of a loss is the share of bootstrapped paths that end below the budget.

The N runs are cut into blocks (``blocks``) whose size depends only on the number of trips, each
with its own random generator derived from the seed and the block's number, so blocks can run in
any order, on any number of worker processes, and give the same figures: the same trips, N and
seed give the same figures however the work is shared. Each block replays about
``BLOCK_STEPS`` trips (a fraction of a second), so a cancel between blocks is prompt.
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
BLOCK_STEPS = 40_000  # trips replayed by one block (shuffled and bootstrapped runs together)
BLOCK_RUNS = 1_000  # the most runs in one block
PERCENTILES = (5, 50, 95)
MAX_RUNS = 1_000_000
# The window's limit: at 100 round trips, 87 s and a 127 MB peak with every path's figures kept
# for the histograms, on a busy two-core machine (``bench/bench_optimize.py``,
# montecarlo.window_max_runs); with progress and a prompt cancel, longer than the search rarely.
WINDOW_MAX_RUNS = 200_000
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


@dataclass(frozen=True, slots=True)
class Block:
    """Some of the runs, with what they need: a job for a worker process."""

    budget: Decimal
    gains: tuple[Decimal, ...]
    seed: int
    index: int  # the block's number: its random generator is derived from it and the seed
    runs: int

    @property
    def steps(self) -> int:
        """Trips replayed by the block (its weight in the progress)."""
        return self.runs * 2 * len(self.gains)


@dataclass(frozen=True, slots=True)
class BlockFigures:
    """A block's runs: final P&L and max drawdown % of each shuffled and bootstrapped path."""

    index: int
    shuffled_pnl: tuple[Decimal, ...]
    shuffled_drawdown_pct: tuple[Decimal, ...]
    bootstrap_pnl: tuple[Decimal, ...]
    bootstrap_drawdown_pct: tuple[Decimal, ...]


def blocks(budget: Decimal, gains: Sequence[Decimal], runs: int, seed: int) -> list[Block]:
    """The runs cut into blocks; their size depends on the number of trips only."""
    size = max(1, min(BLOCK_RUNS, BLOCK_STEPS // (2 * max(len(gains), 1))))
    trips = tuple(gains)
    return [
        Block(budget, trips, seed, index, min(size, runs - start))
        for index, start in enumerate(range(0, runs, size))
    ]


def block_random(seed: int, index: int) -> random.Random:
    """The generator of one block: the same for the same seed and block, in any process."""
    return random.Random(f"monte-carlo {seed} {index}")  # noqa: S311 - statistics, not security


def run_block(block: Block) -> BlockFigures:
    """A block's runs (in any process: a module-level function for the worker pool)."""
    rng = block_random(block.seed, block.index)
    trips = list(block.gains)
    sh_pnl, sh_dd, bs_pnl, bs_dd = [], [], [], []
    for _ in range(block.runs):
        rng.shuffle(trips)
        pnl, dd = path_figures(block.budget, trips)
        sh_pnl.append(pnl)
        sh_dd.append(dd)
    for _ in range(block.runs):
        pnl, dd = path_figures(block.budget, rng.choices(block.gains, k=len(block.gains)))
        bs_pnl.append(pnl)
        bs_dd.append(dd)
    return BlockFigures(block.index, tuple(sh_pnl), tuple(sh_dd), tuple(bs_pnl), tuple(bs_dd))


RunBlocks = Callable[[list[Block]], list[BlockFigures]]


def monte_carlo(
    budget: Decimal,
    gains: Sequence[Decimal],
    runs: int,
    seed: int = 0,
    run_blocks: RunBlocks | None = None,
) -> MonteCarlo | None:
    """The spread of final P&L and max drawdown over ``runs`` resampled trip sequences (None
    without any round trip). ``run_blocks`` runs the blocks (on worker processes, with progress
    and cancel); by default they run here, one after the other."""
    check_runs(runs)
    if not gains:
        return None
    todo = blocks(budget, gains, runs, seed)
    done = run_blocks(todo) if run_blocks is not None else [run_block(b) for b in todo]
    done = sorted(done, key=lambda figures: figures.index)
    assert [f.index for f in done] == [b.index for b in todo], "every block once"
    sh_pnl = [v for f in done for v in f.shuffled_pnl]
    sh_dd = [v for f in done for v in f.shuffled_drawdown_pct]
    bs_pnl = [v for f in done for v in f.bootstrap_pnl]
    bs_dd = [v for f in done for v in f.bootstrap_drawdown_pct]
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
