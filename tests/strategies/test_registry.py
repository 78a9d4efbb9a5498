"""The registry: names, unknown names, parameters by name."""

from __future__ import annotations

import pytest

from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.strategies.registry import create_strategy, get_strategy
from crypty_desktop.strategies.sma_cross import SmaCross


def test_get_strategy_by_name() -> None:
    assert get_strategy("sma_cross") is SmaCross


def test_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(ValidationError) as err:
        get_strategy("martingale")
    assert str(err.value) == (
        "There is no strategy called “martingale”. Known: dca, grid, rsi, sma_cross."
    )


def test_create_parses_text_as_the_editor_sends_it() -> None:
    strategy = create_strategy("sma_cross", {"fast": " 5 ", "slow": "20"})
    assert strategy.values["fast"] == 5 and strategy.warmup() == 20
    assert create_strategy("rsi", None).values["period"] == 14
