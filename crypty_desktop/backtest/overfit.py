"""The guards' verdict in words: which of walk-forward, Monte Carlo and stability a search's best
result fails, with the numbers.

A guard fails when:

- walk-forward: the out-of-sample P&L is more than ``DEGRADATION_LIMIT_PCT`` (50 %) below the
  in-sample P&L (or the in-sample made money and the out-of-sample did not);
- Monte Carlo: more than ``LOSS_LIMIT_PCT`` (25 %) of the bootstrapped trade sequences end in a
  loss;
- stability: the best point is a sharp peak (see ``stability.SHARP_DROP_PCT``).

A guard that was not run says nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from crypty_desktop.backtest.montecarlo import MonteCarlo
from crypty_desktop.backtest.stability import Stability
from crypty_desktop.backtest.walkforward import WalkForward
from crypty_desktop.wording import QT_TRANSLATE_NOOP

DEGRADATION_LIMIT_PCT = Decimal(50)
LOSS_LIMIT_PCT = Decimal(25)

OVERFIT = QT_TRANSLATE_NOOP("Core", "Overfit risk: {reasons}.")
CLEAN = QT_TRANSLATE_NOOP("Core", "No overfit warning from {guards}.")
WF_BELOW = QT_TRANSLATE_NOOP("Core", "out-of-sample P&L is {pct} % below in-sample")
WF_NO_GAIN = QT_TRANSLATE_NOOP("Core", "in-sample P&L is {pnl}: walk-forward found no edge")
MC_LOSS = QT_TRANSLATE_NOOP("Core", "{pct} % of {runs} resampled trade sequences end in a loss")
SHARP = QT_TRANSLATE_NOOP(
    "Core", "the best point is a sharp peak (its neighbours score {pct} % lower on average)"
)
GUARD_WALK = QT_TRANSLATE_NOOP("Core", "walk-forward")
GUARD_MONTE = QT_TRANSLATE_NOOP("Core", "Monte Carlo")
GUARD_STABILITY = QT_TRANSLATE_NOOP("Core", "parameter stability")
AND = QT_TRANSLATE_NOOP("Core", "{first} and {last}")
NO_GUARD = QT_TRANSLATE_NOOP("Core", "No overfit guard could run: no combination was ranked.")


@dataclass(frozen=True, slots=True)
class Verdict:
    overfit: bool
    reasons: tuple[str, ...]  # one clause per failed guard
    text: str  # the sentence for people

    def as_json(self) -> dict[str, object]:
        return {"overfit_risk": self.overfit, "reasons": list(self.reasons), "text": self.text}


def _pct(value: Decimal | float) -> str:  # float-ok: a figure to show
    return f"{Decimal(str(value)).quantize(Decimal(1)):,}"


def walk_reason(walk: WalkForward) -> str | None:
    """The walk-forward clause when it fails, else None."""
    if walk.degradation_pct is None:
        if any(f.params is not None for f in walk.folds):
            return WF_NO_GAIN.format(pnl=format(walk.in_pnl.quantize(Decimal("0.01")), "f"))
        return None
    if walk.degradation_pct > DEGRADATION_LIMIT_PCT:
        return WF_BELOW.format(pct=_pct(walk.degradation_pct))
    return None


def verdict(
    walk: WalkForward | None, monte: MonteCarlo | None, stable: Stability | None
) -> Verdict:
    reasons = []
    guards = []
    if walk is not None:
        guards.append(GUARD_WALK)
        reason = walk_reason(walk)
        if reason:
            reasons.append(reason)
    if monte is not None:
        guards.append(GUARD_MONTE)
        if monte.loss_probability_pct > LOSS_LIMIT_PCT:
            pct = _pct(monte.loss_probability_pct)
            reasons.append(MC_LOSS.format(pct=pct, runs=f"{monte.runs:,}"))
    if stable is not None:
        guards.append(GUARD_STABILITY)
        if stable.sharp and stable.drop_pct is not None:
            reasons.append(SHARP.format(pct=_pct(stable.drop_pct)))
    if reasons:
        return Verdict(True, tuple(reasons), OVERFIT.format(reasons="; ".join(reasons)))
    if not guards:
        return Verdict(False, (), NO_GUARD)
    named = ", ".join(guards[:-1])
    words = AND.format(first=named, last=guards[-1]) if named else guards[0]
    return Verdict(False, (), CLEAN.format(guards=words))
