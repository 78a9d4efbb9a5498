"""The strategies a bot can run, by name."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.strategies.base import Strategy
from crypty_desktop.strategies.dca import Dca
from crypty_desktop.strategies.grid import Grid
from crypty_desktop.strategies.rsi import RsiStrategy
from crypty_desktop.strategies.sma_cross import SmaCross
from crypty_desktop.wording import QT_TRANSLATE_NOOP

NO_SUCH_STRATEGY = QT_TRANSLATE_NOOP(
    "Core", "There is no strategy called “{name}”. Known: {known}."
)

STRATEGIES: dict[str, type[Strategy]] = {
    cls.name: cls for cls in (Grid, Dca, SmaCross, RsiStrategy)
}


def get_strategy(name: str) -> type[Strategy]:
    """The strategy class called ``name``; ``ValidationError`` naming the known ones otherwise."""
    try:
        return STRATEGIES[name]
    except KeyError:
        known = ", ".join(sorted(STRATEGIES))
        raise ValidationError(NO_SUCH_STRATEGY.format(name=name, known=known)) from None


def create_strategy(name: str, raw_params: Mapping[str, Any] | None = None) -> Strategy:
    """A ready strategy with parsed, bounded and checked parameters (``ValidationError`` if not)."""
    return get_strategy(name).create(raw_params)
