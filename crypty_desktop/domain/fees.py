"""The one fee rule and the one buy-and-hold benchmark, for paper trading, backtests and charts.

Fee: Binance spot's base rate (0.1 %, no BNB discount) of what is received, taken in the asset
received (base for a buy, quote for a sell), rounded UP to 8 decimals as Binance books it. The
paper broker (Ghost bots, backtests) and the simulated exchange (the demo) charge it the same way.

Buy and hold: the budget spent at the first price, paying the fee on the base received, and valued
at each later price the way a bot's equity is (what is held times the price, before any selling
fee). Backtests (their summary and their curve), a bot's live equity chart and the reports all
compare a strategy with this one benchmark.
"""

from __future__ import annotations

from decimal import ROUND_UP, Decimal
from typing import TYPE_CHECKING

from crypty_desktop.domain.orders import Side

if TYPE_CHECKING:
    from crypty_desktop.domain.market import SymbolRules

FEE_RATE = Decimal("0.001")  # Binance spot's base fee: 0.1 %
FEE_QUANTUM = Decimal("0.00000001")
HUNDRED = Decimal(100)


def fee_on(received: Decimal, rate: Decimal = FEE_RATE) -> Decimal:
    """The fee on ``received`` (base for a buy, quote for a sell), in the received asset."""
    return (received * rate).quantize(FEE_QUANTUM, rounding=ROUND_UP)


def fill_fee(
    side: Side, quantity: Decimal, price: Decimal, rules: SymbolRules, rate: Decimal = FEE_RATE
) -> tuple[Decimal, str]:
    """The fee on a fill of ``quantity`` at ``price`` and the asset it is taken in.

    A buy pays in the base it receives, a sale in the quote it receives.
    """
    if side is Side.BUY:
        return fee_on(quantity, rate), rules.base_asset
    return fee_on(quantity * price, rate), rules.quote_asset


def buy_and_hold_value(
    budget: Decimal, first_price: Decimal, price: Decimal, fee_rate: Decimal = FEE_RATE
) -> Decimal:
    """What ``budget`` spent at ``first_price`` (the buying fee paid) is worth at ``price``.

    No first price (zero or less): the budget, untouched.
    """
    if first_price <= 0:
        return budget
    return budget * (1 - fee_rate) * price / first_price


def buy_and_hold_pct(
    first_price: Decimal, last_price: Decimal, fee_rate: Decimal = FEE_RATE
) -> Decimal:
    """Buy and hold's return in percent from ``first_price`` to ``last_price`` (fees included)."""
    if first_price <= 0:
        return Decimal(0)
    return buy_and_hold_value(HUNDRED, first_price, last_price, fee_rate) - HUNDRED
