"""Risk limits checked on every closed candle, before the strategy decides.

The budget cap is structural: a bot's wallet starts at its budget and only its own fills move it,
so no intent can spend more. Stop-loss and max drawdown close the position and stop the bot;
take-profit closes the position and lets the bot go on.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from crypty_desktop.bots.wallet import Wallet
from crypty_desktop.domain.bots import RiskLimits

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class RiskEvent:
    rule: str  # "stop-loss", "take-profit", "max-drawdown"
    message: str
    stop_bot: bool


class RiskManager:
    def __init__(self, limits: RiskLimits, budget: Decimal, peak: Decimal | None = None) -> None:
        self.limits = limits
        self.peak = peak if peak is not None else budget

    def check(self, price: Decimal, wallet: Wallet) -> RiskEvent | None:
        equity = wallet.equity(price)
        if equity > self.peak:
            self.peak = equity
        entry = wallet.avg_entry
        held = wallet.base_total > 0
        sl, tp, mdd = (
            self.limits.stop_loss_pct,
            self.limits.take_profit_pct,
            self.limits.max_drawdown_pct,
        )
        if held and entry is not None and sl is not None and price <= entry * (1 - sl / HUNDRED):
            return RiskEvent(
                "stop-loss",
                f"Stop-loss: price {price} is {sl}% or more below the average entry "
                f"{entry:.8f}; position sold and bot stopped.",
                stop_bot=True,
            )
        if held and entry is not None and tp is not None and price >= entry * (1 + tp / HUNDRED):
            return RiskEvent(
                "take-profit",
                f"Take-profit: price {price} is {tp}% or more above the average entry "
                f"{entry:.8f}; position sold.",
                stop_bot=False,
            )
        if mdd is not None and self.peak > 0:
            drawdown = (self.peak - equity) / self.peak * HUNDRED
            if drawdown >= mdd:
                return RiskEvent(
                    "max-drawdown",
                    f"Max drawdown: equity {equity:.2f} is {drawdown:.2f}% below its peak "
                    f"{self.peak:.2f} (limit {mdd}%); position sold and bot stopped.",
                    stop_bot=True,
                )
        return None
