"""What a user reads before a Trader bot spends real money: risk limits, the key's IP
restriction, a budget above the account's free balance (over real sockets for the balance)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from crypty_desktop.bots.confirm import budget_warning, key_warnings, risk_lines
from crypty_desktop.domain.bots import BotKind, BotSpec, RiskLimits
from crypty_desktop.domain.platform import (
    Audit,
    IntendedUse,
    KeyKind,
    Permissions,
    Platform,
    PlatformType,
)
from tests.fakes.fake_binance import FakeBinance
from tests.fakes.trading import gateway_for, trading_key

D = Decimal


def spec(budget: str = "1000", **risk: Decimal) -> BotSpec:
    return BotSpec(
        id="b1",
        name="real",
        kind=BotKind.TRADER,
        platform_id=1,
        symbol="BTCUSDT",
        interval="1m",
        strategy="sma_cross",
        budget=D(budget),
        risk=RiskLimits(**risk),
    )


def test_risk_limits_in_words() -> None:
    lines = risk_lines(spec(stop_loss_pct=D("5"), take_profit_pct=D("12.5")).risk)
    assert lines == [
        "Stop-loss: sells everything 5 % below entry.",
        "Take-profit: sells everything 12.5 % above entry.",
    ]
    assert risk_lines(RiskLimits()) == [
        "No stop-loss, take-profit, trailing stop or drawdown limit: nothing sells for you."
    ]


def platform(ip_restricted: bool | None) -> Platform:
    perms = Permissions(
        reading=True, spot_trading=True, withdrawals=False, ip_restricted=ip_restricted
    )
    audit = Audit(perms, datetime.now(UTC), ghost_ok=True, trader_ok=True)
    return Platform(
        id=1,
        name="Binance",
        type=PlatformType.BINANCE,
        key_masked="vmPU…Eh8A",
        key_fingerprint="",
        key_kind=KeyKind.HMAC,
        intended_use=IntendedUse.ANY,
        audit=audit,
    )


def test_a_key_that_works_from_any_ip_is_said_again() -> None:
    assert key_warnings(platform(False)) == [
        "This key works from any IP address: whoever obtains it can trade on your account. "
        "Restrict it to your IP address on Binance."
    ]
    assert key_warnings(platform(True)) == []


def test_a_budget_above_the_free_balance_is_warned_about(fake_binance: FakeBinance) -> None:
    trading_key(fake_binance)
    fake_binance.set_balance("USDT", "200")
    fake_binance.set_price("BTCUSDT", "30000")
    gateway = gateway_for(fake_binance)
    try:
        rules = gateway.symbol_rules("BTCUSDT")
        assert budget_warning(spec("150"), rules, gateway) is None
        assert budget_warning(spec("1000"), rules, gateway) == (
            "The budget (1,000 USDT) is more than the 200 USDT free on the account now: orders "
            "beyond what is free will be refused by Binance."
        )
    finally:
        gateway.close()
