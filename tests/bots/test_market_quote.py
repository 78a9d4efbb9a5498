"""The smallest budget is one function, and saving a bot the editor just read asks the exchange
nothing more (``BotService.market_quote`` / ``checked_spec(market=...)``)."""

from __future__ import annotations

import time
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from crypty_desktop.app import Core
from crypty_desktop.bots.service import QUOTE_FRESH_S
from crypty_desktop.domain.bots import BotKind
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.filters import min_order_quote, smallest_budget
from crypty_desktop.domain.market import SymbolRules
from crypty_desktop.domain.orders import OrderType
from crypty_desktop.domain.platform import Platform, PlatformType


class CountingGateway:
    """The real gateway, with a count of the market reads asked of it."""

    def __init__(self, inner: Any, reads: list[str]) -> None:
        self.inner, self.reads = inner, reads

    def symbol_rules(self, symbol: str) -> SymbolRules:
        self.reads.append("rules")
        return self.inner.symbol_rules(symbol)  # type: ignore[no-any-return]

    def ticker_price(self, symbol: str) -> Decimal:
        self.reads.append("price")
        return self.inner.ticker_price(symbol)  # type: ignore[no-any-return]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


@pytest.fixture
def counted(core: Core) -> tuple[Core, Platform, list[str]]:
    platform = core.platforms.add("Demo", PlatformType.SIMULATED)
    reads: list[str] = []
    real = core.bots._gateway_for
    core.bots._gateway_for = lambda p: CountingGateway(real(p), reads)  # type: ignore[assignment]
    return core, platform, reads


def _inputs(**changes: object) -> dict[str, object]:
    inputs: dict[str, object] = {
        "name": "once",
        "platform_name": "Demo",
        "kind": BotKind.GHOST,
        "symbol": "BTCUSDT",
        "strategy": "sma_cross",
        "budget": Decimal(100),
    }
    inputs.update(changes)
    return inputs


def test_saving_with_the_editors_recent_reading_asks_the_exchange_nothing(
    counted: tuple[Core, Platform, list[str]],
) -> None:
    core, platform, reads = counted
    quote = core.bots.market_quote(platform, "btcusdt")
    assert reads == ["rules", "price"] and quote.symbol == "BTCUSDT"
    assert quote.minimum == smallest_budget(quote.rules, quote.price)
    reads.clear()
    spec = core.bots.create(**_inputs(market=quote))  # type: ignore[arg-type]
    assert reads == [] and core.bots.find("once").id == spec.id


def test_an_old_or_other_reading_is_asked_again(
    counted: tuple[Core, Platform, list[str]],
) -> None:
    core, platform, reads = counted
    quote = core.bots.market_quote(platform, "BTCUSDT")
    old = replace(quote, taken=time.monotonic() - QUOTE_FRESH_S - 1)
    reads.clear()
    core.bots.create(**_inputs(name="old", market=old))  # type: ignore[arg-type]
    assert reads == ["rules", "price"]
    reads.clear()
    core.bots.create(**_inputs(name="eth", symbol="ETHBTC", budget="1", market=quote))  # type: ignore[arg-type]
    assert reads == ["rules", "price"]  # another market: its own reading


def test_the_budget_is_checked_against_the_minimum_the_editor_shows(
    counted: tuple[Core, Platform, list[str]],
) -> None:
    core, platform, _reads = counted
    quote = core.bots.market_quote(platform, "BTCUSDT")
    shown_minimum = replace(quote, minimum=Decimal("5.01"))
    with pytest.raises(ValidationError, match="5.01"):
        core.bots.create(**_inputs(budget=Decimal("5.005"), market=shown_minimum))  # type: ignore[arg-type]
    assert core.bots.list() == []  # refused: nothing saved


def test_smallest_budget_rounds_the_exchange_minimum_up_to_the_cent() -> None:
    rules = SymbolRules(
        symbol="BTCUSDT",
        base_asset="BTC",
        quote_asset="USDT",
        step_size=Decimal("0.00001"),
        tick_size=Decimal("0.01"),
        min_qty=Decimal("0.00001"),
        min_notional=Decimal(5),
    )
    price = Decimal("60003.33")
    raw = min_order_quote(rules, price, OrderType.LIMIT)
    assert raw == Decimal("0.00009") * price  # 5.4002997: nine steps reach 5
    assert smallest_budget(rules, price, OrderType.LIMIT) == Decimal("5.41")
    tiny = replace(rules, min_notional=Decimal(0), min_qty=Decimal("0.00001"))
    assert smallest_budget(tiny, Decimal(100), OrderType.LIMIT) == Decimal("0.001")  # below 1
