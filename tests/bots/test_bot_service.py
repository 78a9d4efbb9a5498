"""Creating bots: every check happens before anything is saved."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from crypty_desktop.app import Core
from crypty_desktop.domain.audit import audit_permissions
from crypty_desktop.domain.bots import BotKind
from crypty_desktop.domain.errors import (
    NotFound,
    PermissionDenied,
    UnknownSymbol,
    ValidationError,
)
from crypty_desktop.domain.platform import IntendedUse, KeyKind, Permissions, PlatformType


def create(core: Core, **kw: object) -> object:
    args: dict[str, object] = dict(
        name="btc1",
        platform_name="Demo",
        kind=BotKind.GHOST,
        symbol="btcusdt",
        strategy="sma_cross",
        params={"fast": "5", "slow": "20"},
        budget="1000",
    )
    args.update(kw)
    return core.bots.create(**args)  # type: ignore[arg-type]


@pytest.fixture
def demo(core: Core) -> Core:
    core.platforms.add("Demo", PlatformType.SIMULATED)
    return core


def test_a_valid_bot_is_saved_stopped(demo: Core) -> None:
    spec = create(demo, stop_loss="5", take_profit="10")
    saved = demo.bots.find("btc1")
    assert saved == spec
    assert saved.symbol == "BTCUSDT" and saved.budget == Decimal("1000")
    assert saved.risk.stop_loss_pct == Decimal("5") and saved.risk.max_drawdown_pct is None
    assert demo.bot_store.state(saved.id)[0].value == "stopped"


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"name": ""}, ValidationError, "name of 1 to 40"),
        ({"platform_name": "Nope"}, NotFound, "no platform named"),
        ({"symbol": "NOPEUSDT"}, UnknownSymbol, "no NOPEUSDT market"),
        ({"strategy": "magic"}, ValidationError, "no strategy called"),
        ({"params": {"fast": "50", "slow": "20"}}, ValidationError, "shorter"),
        ({"params": {"fast": "abc"}}, ValidationError, "not a valid value"),
        ({"budget": "1"}, ValidationError, "below the smallest order"),
        ({"budget": "-5"}, ValidationError, "positive"),
        ({"budget": "lots"}, ValidationError, "not a plain number"),
        ({"budget": "1,000"}, ValidationError, "without thousands separators"),
        ({"stop_loss": "150"}, ValidationError, "below 100 %"),
        ({"stop_loss": "100"}, ValidationError, "below 100 %"),
        ({"max_drawdown": "100"}, ValidationError, "below 100 %"),
        ({"take_profit": "0"}, ValidationError, "Take-profit must be a positive"),
        ({"stop_loss": "0"}, ValidationError, "Stop-loss must be a positive"),
        ({"interval": "7m"}, ValidationError, "Unknown candle interval"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(
    demo: Core, changes: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        create(demo, **changes)
    assert demo.bots.list() == []


def test_duplicate_names_are_refused(demo: Core) -> None:
    create(demo)
    with pytest.raises(ValidationError, match="already exists"):
        create(demo)


def test_trader_bot_needs_a_key_that_can_trade(core: Core) -> None:
    read_only = audit_permissions(
        Permissions(True, False, False, True), IntendedUse.GHOST, datetime.now(UTC)
    )
    with core.store.adding_platform(
        name="Binance Ghost",
        type_=PlatformType.BINANCE,
        key_masked="abcd…wxyz",
        key_fingerprint="f",
        key_kind=KeyKind.HMAC,
        intended_use=IntendedUse.GHOST,
        audit=read_only,
    ):
        pass
    with pytest.raises(PermissionDenied, match="cannot trade"):
        create(core, platform_name="Binance Ghost", kind=BotKind.TRADER)
    assert core.bots.list() == []


def grid(core: Core, **params: str) -> object:
    values = {"lower": "62000", "upper": "76000", "levels": "10", "quote_per_level": "50"}
    values.update(params)
    return create(core, name="g", strategy="grid", params=values, budget="450")


def test_a_grid_around_the_price_with_enough_budget_is_saved(demo: Core) -> None:
    # The demo's BTCUSDT price at its first moment is 69,349.08 USDT: inside 62,000–76,000,
    # and nine buying levels of 50 USDT need exactly the budget of 450 USDT.
    spec = grid(demo)
    assert demo.bots.find("g") == spec


@pytest.mark.parametrize(
    ("params", "message"),
    [
        # The typo the check is for: 60–72 typed for 60,000–72,000.
        (
            {"lower": "60", "upper": "72"},
            "The grid from 60 to 72 USDT does not contain the current BTCUSDT price, "
            "69,349.08 USDT",
        ),
        ({"lower": "70000", "upper": "80000"}, "does not contain the current BTCUSDT price"),
        ({"quote_per_level": "5"}, r"amount per level, 5 USDT, is below the smallest order"),
        (
            {"quote_per_level": "60"},
            r"A grid of 10 levels buys on up to 9 levels of 60 USDT each: that needs a budget "
            r"of 540 USDT, more than the budget of 450 USDT.",
        ),
    ],
)
def test_a_grid_that_cannot_work_at_the_current_price_is_refused(
    demo: Core, params: dict[str, str], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        grid(demo, **params)
    assert demo.bots.list() == []


def test_a_saved_grid_the_price_left_can_still_be_renamed_but_not_moved_elsewhere(
    demo: Core,
) -> None:
    grid(demo)
    saved = demo.bots.find("g")
    # Saved as if the price had since left the range (the range is kept as it was).
    params = {**saved.params, "upper": "69000"}
    demo.bot_store.update(replace(saved, params=params), reset_strategy=False)
    kept = demo.bots.find("g")
    inputs = dict(
        name="renamed",
        platform_name="Demo",
        kind=BotKind.GHOST,
        symbol="BTCUSDT",
        strategy="grid",
        params=dict(kept.params),
        budget="450",
    )
    assert demo.bots.update(kept, **inputs).name == "renamed"  # type: ignore[arg-type]
    moved = {**inputs, "params": {**kept.params, "lower": "60", "upper": "72"}}
    with pytest.raises(ValidationError, match="does not contain the current"):
        demo.bots.update(demo.bots.find("renamed"), **moved)  # type: ignore[arg-type]
