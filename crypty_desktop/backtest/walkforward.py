"""Walk-forward: does a parameter search's winner keep winning on candles it has not seen?

Rolling, equal windows: the candles are cut into K + 1 consecutive segments of the same length
(the last one takes the remainder). Fold i searches segment i (in-sample), keeps the best-ranked
combination, and backtests it alone on segment i + 1 (out-of-sample), which is the next fold's
in-sample. Every backtest starts flat with the whole budget on its own segment, warm-up included,
so an in-sample and an out-of-sample P&L cover the same number of candles and compare directly.

The degradation is how far the out-of-sample P&L (summed over folds) falls below the in-sample
P&L: ``(in - out) / in × 100`` %, only when the in-sample made money (otherwise there is nothing
to degrade and the figure is None). 100 % means out-of-sample made nothing; above 100 %, it lost.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from crypty_desktop.backtest.optimize import Search, Trial, ranked, run_search, trial_on
from crypty_desktop.backtest.series import CandleSeries
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.wording import QT_TRANSLATE_NOOP

HUNDRED = Decimal(100)
MIN_SEGMENT = 10  # candles in one in-sample or out-of-sample window
TOO_FEW = QT_TRANSLATE_NOOP(
    "Core",
    "{candles} candles are too few for {folds} walk-forward folds: each window needs at least "
    "{least} candles.",
)
BAD_FOLDS = QT_TRANSLATE_NOOP("Core", "--walk-forward: give a number of folds from 1 to {most}.")
MAX_FOLDS = 50

Searcher = Callable[[Search, list[dict[str, str]]], list[Trial]]


@dataclass(frozen=True, slots=True)
class Fold:
    in_sample: tuple[int, int]  # candle indexes [from, to) in the file
    out_sample: tuple[int, int]
    params: dict[str, str] | None  # None: no combination was ranked in-sample
    in_score: float | None  # float-ok: the objective
    out_score: float | None  # float-ok: the objective
    in_pnl: Decimal | None
    out_pnl: Decimal | None

    def as_json(self) -> dict[str, object]:
        return {
            "in_sample": list(self.in_sample),
            "out_of_sample": list(self.out_sample),
            "params": self.params,
            "in_sample_score": _round(self.in_score),
            "out_of_sample_score": _round(self.out_score),
            "in_sample_pnl": _money(self.in_pnl),
            "out_of_sample_pnl": _money(self.out_pnl),
        }


@dataclass(frozen=True, slots=True)
class WalkForward:
    folds: tuple[Fold, ...]
    in_pnl: Decimal  # summed over the folds that chose parameters
    out_pnl: Decimal
    degradation_pct: Decimal | None  # see the module's docstring
    in_score: float | None  # float-ok: mean objective in-sample over the folds that have one
    out_score: float | None  # float-ok: the same out-of-sample

    def as_json(self) -> dict[str, object]:
        return {
            "mode": "rolling",
            "folds": [fold.as_json() for fold in self.folds],
            "in_sample_pnl": _money(self.in_pnl),
            "out_of_sample_pnl": _money(self.out_pnl),
            "degradation_pct": _money(self.degradation_pct),
            "in_sample_mean_score": _round(self.in_score),
            "out_of_sample_mean_score": _round(self.out_score),
        }


def windows(candles: int, folds: int) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """((in-sample from, to), (out-of-sample from, to)) per fold, as candle indexes."""
    if not 1 <= folds <= MAX_FOLDS:
        raise ValidationError(BAD_FOLDS.format(most=MAX_FOLDS))
    size = candles // (folds + 1)
    if size < MIN_SEGMENT:
        raise ValidationError(TOO_FEW.format(candles=candles, folds=folds, least=MIN_SEGMENT))
    bounds = [i * size for i in range(folds + 1)] + [candles]
    return [((bounds[i], bounds[i + 1]), (bounds[i + 1], bounds[i + 2])) for i in range(folds)]


def degradation(in_pnl: Decimal, out_pnl: Decimal) -> Decimal | None:
    """How far out-of-sample falls below in-sample, in % of in-sample (None if it made nothing)."""
    if in_pnl <= 0:
        return None
    return (in_pnl - out_pnl) / in_pnl * HUNDRED


def walk_forward(
    search: Search,
    combos: list[dict[str, str]],
    series: CandleSeries,
    folds: int,
    searcher: Searcher = run_search,
) -> WalkForward:
    """Search each fold's in-sample window, score its winner on the next window."""
    done: list[Fold] = []
    for (a, b), (c, d) in windows(len(series), folds):
        trials = searcher(replace(search, start=a, stop=b), combos)
        best = ranked(trials, search.min_trades)
        if not best:
            done.append(Fold((a, b), (c, d), None, None, None, None, None))
            continue
        chosen = best[0]
        out = trial_on(search, series[c:d], chosen.params)
        done.append(
            Fold(
                (a, b), (c, d), chosen.params, chosen.score, out.score, chosen.net_pnl, out.net_pnl
            )
        )
    scored = [f for f in done if f.params is not None]
    in_pnl = sum((f.in_pnl or Decimal(0) for f in scored), Decimal(0))
    out_pnl = sum((f.out_pnl or Decimal(0) for f in scored), Decimal(0))
    return WalkForward(
        tuple(done),
        in_pnl,
        out_pnl,
        degradation(in_pnl, out_pnl) if scored else None,
        _mean([f.in_score for f in scored]),
        _mean([f.out_score for f in scored]),
    )


def _mean(values: Sequence[float | None]) -> float | None:  # float-ok
    known = [v for v in values if v is not None]
    return math.fsum(known) / len(known) if known else None


def _round(value: float | None) -> float | None:  # float-ok
    return None if value is None else round(value, 4)


def _money(value: Decimal | None) -> str | None:
    return None if value is None else format(value.quantize(Decimal("0.01")), "f")
