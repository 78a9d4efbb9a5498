"""Risk limits checked on every closed candle, before the strategy decides.

The budget cap is structural: a bot's wallet starts at its budget and only its own fills move it,
so no intent can spend more. Stop-loss, trailing stop and max drawdown close the position and stop
the bot; take-profit closes the position and lets the bot go on. The trailing stop follows the
highest closing price since the position was opened (``trail_peak``, saved with the bot).

These checks run on each closed candle, only while the app runs; a Trader bot also keeps its
stop-loss, trailing stop and take-profit on Binance (``bots/protection.py``), and a Ghost bot
simulates them, so these are the backstop.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from crypty_desktop.bots.wallet import Wallet
from crypty_desktop.domain.bots import EventKind, RiskLimits
from crypty_desktop.strategies.helpers import fmt
from crypty_desktop.wording import QT_TRANSLATE_NOOP

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
STOP_LOSS = QT_TRANSLATE_NOOP(
    "Core",
    "Stop-loss: the price {price} is {percent} % or more below the average entry price "
    "{entry}; position sold and bot stopped.",
)
TAKE_PROFIT = QT_TRANSLATE_NOOP(
    "Core",
    "Take-profit: the price {price} is {percent} % or more above the average entry price "
    "{entry}; position sold.",
)
MAX_DRAWDOWN = QT_TRANSLATE_NOOP(
    "Core",
    "Max drawdown: the value {equity} is {drawdown} % below its peak {peak} (limit {limit} %); "
    "position sold and bot stopped.",
)
TRAILING_STOP = QT_TRANSLATE_NOOP(
    "Core",
    "Trailing stop: the price {price} is {percent} % or more below its highest {peak} since the "
    "entry; position sold and bot stopped.",
)


def _entry(price: Decimal) -> str:
    """An average entry price with enough digits to compare, without a long tail."""
    return fmt(price.quantize(CENT) if price >= 100 else price.quantize(Decimal("1e-8")))


@dataclass(frozen=True, slots=True)
class RiskEvent:
    """A risk rule that acted: which (carried into the bot's log and its notifications), in
    words, and whether it stops the bot."""

    rule: EventKind  # STOP_LOSS, TAKE_PROFIT, MAX_DRAWDOWN or TRAILING_STOP
    message: str
    stop_bot: bool


class RiskManager:
    def __init__(self, limits: RiskLimits, budget: Decimal, peak: Decimal | None = None) -> None:
        self.limits = limits
        self.peak = peak if peak is not None else budget
        self.trail_peak: Decimal | None = None  # the highest price since entry (while held)

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
                EventKind.STOP_LOSS,
                STOP_LOSS.format(price=fmt(price), percent=fmt(sl), entry=_entry(entry)),
                stop_bot=True,
            )
        trailing = self._trailing(price, held)
        if trailing is not None:
            return trailing
        if held and entry is not None and tp is not None and price >= entry * (1 + tp / HUNDRED):
            return RiskEvent(
                EventKind.TAKE_PROFIT,
                TAKE_PROFIT.format(price=fmt(price), percent=fmt(tp), entry=_entry(entry)),
                stop_bot=False,
            )
        if mdd is not None and self.peak > 0:
            drawdown = (self.peak - equity) / self.peak * HUNDRED
            if drawdown >= mdd:
                return RiskEvent(
                    EventKind.MAX_DRAWDOWN,
                    MAX_DRAWDOWN.format(
                        equity=fmt(equity.quantize(CENT)),
                        drawdown=f"{drawdown:.2f}",
                        peak=fmt(self.peak.quantize(CENT)),
                        limit=fmt(mdd),
                    ),
                    stop_bot=True,
                )
        return None

    def _trailing(self, price: Decimal, held: bool) -> RiskEvent | None:
        """Follow the highest price since entry; an event once the price falls the distance."""
        if not held:
            self.trail_peak = None
            return None
        peak = self.trail_peak = price if self.trail_peak is None else max(self.trail_peak, price)
        ts = self.limits.trailing_stop_pct
        if ts is None or price > peak * (1 - ts / HUNDRED):
            return None
        return RiskEvent(
            EventKind.TRAILING_STOP,
            TRAILING_STOP.format(price=fmt(price), percent=fmt(ts), peak=_entry(peak)),
            stop_bot=True,
        )
