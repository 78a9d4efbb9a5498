"""Changing a stopped bot: the same checks as creating it; a bot with orders keeps its market."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crypty_desktop.app import Core
from crypty_desktop.domain.bots import BotKind
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.orders import OrderRequest, OrderType, Side
from crypty_desktop.domain.platform import PlatformType


@pytest.fixture
def demo(core: Core) -> Core:
    core.platforms.add("Demo", PlatformType.SIMULATED)
    return core


def inputs(**changes: object) -> dict[str, object]:
    base: dict[str, object] = dict(
        name="b1",
        platform_name="Demo",
        kind=BotKind.GHOST,
        symbol="BTCUSDT",
        strategy="dca",
        params={"every": "1"},
        budget="1000",
    )
    base.update(changes)
    return base


def test_update_keeps_the_id_and_checks_like_create(demo: Core) -> None:
    spec = demo.bots.create(**inputs())  # type: ignore[arg-type]
    demo.bots.create(**inputs(name="other"))  # type: ignore[arg-type]
    demo.bot_store.save_runtime(spec.id, {"strategy": {"x": 1}, "last_candle": 5})
    new = demo.bots.update(spec, **inputs(name="renamed", strategy="rsi", params={}))  # type: ignore[arg-type]
    assert new.id == spec.id and demo.bots.find("renamed") == new
    assert demo.bot_store.runtime(spec.id) == {"last_candle": 5}  # a new strategy starts clean
    with pytest.raises(ValidationError, match="already exists"):
        demo.bots.update(new, **inputs(name="other"))  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="below the smallest order"):
        demo.bots.update(new, **inputs(name="renamed", budget="1"))  # type: ignore[arg-type]
    assert demo.bots.find("renamed").budget == Decimal("1000")  # nothing changed


def test_a_bot_with_orders_keeps_its_kind_platform_and_market(demo: Core) -> None:
    spec = demo.bots.create(**inputs())  # type: ignore[arg-type]
    request = OrderRequest("BTCUSDT", Side.BUY, OrderType.MARKET, Decimal("0.001"), "cid-1")
    demo.order_log.record_pending(spec.platform_id, spec.id, 0, request)
    with pytest.raises(ValidationError, match="cannot change"):
        demo.bots.update(spec, **inputs(symbol="ETHBTC", budget="0.5"))  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="cannot change"):
        demo.bots.update(spec, **inputs(kind=BotKind.TRADER))  # type: ignore[arg-type]
    assert demo.bots.update(spec, **inputs(budget="2000")).budget == Decimal("2000")  # type: ignore[arg-type]
