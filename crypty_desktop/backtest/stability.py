"""Parameter stability: is the best combination a plateau or a lone spike?

The neighbours of a point are the combinations one step away along one parameter's range (the
value just before or just after, every other parameter unchanged): up to two per parameter that has
more than one value. A neighbour the strategy refuses, or whose objective cannot be computed, is
left out. Neighbours a random search did not try are backtested here.

The drop is how far the neighbours' mean objective falls below the best's, in % of the best's size:
``(best - mean) / |best| × 100``. Above ``SHARP_DROP_PCT`` (50 %) the best point is a sharp peak:
moving one parameter by one step loses more than half of what it scored, so the score is more
likely luck of those exact values than an edge.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from crypty_desktop.backtest.optimize import Trial

SHARP_DROP_PCT = 50.0  # float-ok: a threshold on a statistic

Key = tuple[tuple[str, str], ...]


def _key(params: dict[str, str]) -> Key:
    return tuple(sorted(params.items()))


def neighbours(
    ranges: Sequence[tuple[str, list[str]]], point: dict[str, str]
) -> list[dict[str, str]]:
    """The combinations one step away from ``point`` along each range."""
    out = []
    for name, values in ranges:
        if len(values) < 2 or point.get(name) not in values:
            continue
        i = values.index(point[name])
        for j in (i - 1, i + 1):
            if 0 <= j < len(values):
                out.append({**point, name: values[j]})
    return out


@dataclass(frozen=True, slots=True)
class Stability:
    params: dict[str, str]
    score: float  # float-ok: the best's objective
    neighbours: tuple[Trial, ...]  # the scored neighbours
    mean_score: float | None  # float-ok: None without a scored neighbour
    drop_pct: float | None  # float-ok: None without neighbours or when the best scores 0
    sharp: bool

    def as_json(self) -> dict[str, object]:
        return {
            "params": self.params,
            "score": round(self.score, 4),
            "neighbours": [
                {"params": t.params, "score": None if t.score is None else round(t.score, 4)}
                for t in self.neighbours
            ],
            "neighbours_mean_score": None if self.mean_score is None else round(self.mean_score, 4),
            "drop_pct": None if self.drop_pct is None else round(self.drop_pct, 2),
            "sharp_threshold_pct": SHARP_DROP_PCT,
            "sharp_peak": self.sharp,
        }


def stability(
    ranges: Sequence[tuple[str, list[str]]],
    best: Trial,
    trials: Sequence[Trial],
    evaluate: Callable[[list[dict[str, str]]], list[Trial]],
) -> Stability:
    """How the objective changes around ``best``; ``evaluate`` runs the neighbours not in
    ``trials``, all at once (their trials in the same order)."""
    assert best.score is not None
    known = {_key(t.params): t for t in trials}
    around = neighbours(ranges, best.params)
    missing = [params for params in around if _key(params) not in known]
    known.update({_key(t.params): t for t in evaluate(missing)} if missing else {})
    scored = []
    for params in around:
        trial = known[_key(params)]
        if trial.score is not None and not trial.refused:
            scored.append(trial)
    mean = math.fsum(t.score or 0.0 for t in scored) / len(scored) if scored else None
    drop = None
    if mean is not None and best.score != 0:
        drop = (best.score - mean) / abs(best.score) * 100
    sharp = drop is not None and drop > SHARP_DROP_PCT
    return Stability(best.params, best.score, tuple(scored), mean, drop, sharp)
