"""A bot's equity and P&L: the one rule every front end uses (bot list, detail, Dashboard, CLI).

Equity is what the bot's share is worth: its free and locked quote, plus the base it holds (free
and locked in sell orders) at the last known price, less the fees it paid in another asset (BNB);
fees paid in its own assets are already out of its balances. P&L is equity less the budget, so
every fee is in it. With no price known, a bot that holds base has no equity yet (``None``, shown
as a dash, never as a loss); a bot that holds none does not need a price.

``crypty_desktop.reports.pnl`` values a bot that does not run here from what is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from crypty_desktop.bots.wallet import Wallet
from crypty_desktop.domain.bots import BotKind, BotSpec
from crypty_desktop.domain.money import ZERO

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class BotPnl:
    """One bot's balances and what they are worth at ``price`` (None: no price known)."""

    bot_id: str
    kind: BotKind
    budget: Decimal
    price: Decimal | None
    quote_free: Decimal
    quote_locked: Decimal
    base_free: Decimal
    base_locked: Decimal
    realised: Decimal  # on what was sold, net of fees
    fees: Decimal  # every fee, valued in quote when paid
    cost_basis: Decimal  # quote spent (fees included) on the base held
    fees_elsewhere: Decimal  # fees paid in another asset (BNB), valued in quote when paid
    open_orders: int = 0
    base_asset: str = ""
    quote_asset: str = ""

    @property
    def base_held(self) -> Decimal:
        return self.base_free + self.base_locked

    @property
    def quote_total(self) -> Decimal:
        return self.quote_free + self.quote_locked

    @property
    def equity(self) -> Decimal | None:
        held = self.base_held
        if held != 0 and self.price is None:
            return None
        worth = held * self.price if self.price is not None else ZERO
        return self.quote_total + worth - self.fees_elsewhere

    @property
    def pnl(self) -> Decimal | None:
        equity = self.equity
        return None if equity is None else equity - self.budget

    @property
    def pnl_pct(self) -> Decimal | None:
        pnl = self.pnl
        if pnl is None:
            return None
        return pnl / self.budget * HUNDRED if self.budget else ZERO

    @property
    def unrealised(self) -> Decimal | None:
        """What the base held would gain or lose if sold at the price (fees of buying in)."""
        held = self.base_held
        if held <= 0:
            return ZERO
        return None if self.price is None else held * self.price - self.cost_basis


def pnl_of(
    spec: BotSpec,
    wallet: Wallet,
    price: Decimal | None,
    open_orders: int = 0,
    assets: tuple[str, str] = ("", ""),
) -> BotPnl:
    """The P&L of a bot with this wallet at this price (None: not known yet)."""
    return BotPnl(
        bot_id=spec.id,
        kind=spec.kind,
        budget=spec.budget,
        price=price,
        quote_free=wallet.quote,
        quote_locked=wallet.locked_quote,
        base_free=wallet.base,
        base_locked=wallet.locked_base,
        realised=wallet.realised,
        fees=wallet.fees_quote,
        cost_basis=wallet.cost_basis,
        fees_elsewhere=wallet.fees_elsewhere,
        open_orders=open_orders,
        base_asset=assets[0],
        quote_asset=assets[1],
    )
