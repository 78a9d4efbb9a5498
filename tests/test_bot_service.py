"""Creating bots: every check happens before anything is saved."""

from __future__ import annotations

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
        ({"budget": "lots"}, ValidationError, "not a number"),
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
