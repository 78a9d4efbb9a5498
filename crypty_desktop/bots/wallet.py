"""A bot's own wallet: the share of the account it may use, updated from fills, in Decimal.

A Ghost bot's wallet is all it has (paper money). A Trader bot's wallet caps what it may spend on
the real account: it starts at the budget and moves only with the bot's own fills.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from crypty_desktop.domain.money import ZERO
from crypty_desktop.domain.orders import Fill, Side


@dataclass
class Wallet:
    quote: Decimal  # free quote asset
    base: Decimal = ZERO  # free base asset
    locked_quote: Decimal = ZERO  # reserved by resting buy orders
    locked_base: Decimal = ZERO  # reserved by resting sell orders
    cost_basis: Decimal = ZERO  # quote spent (fees included) on the base held
    fees_quote: Decimal = ZERO  # fees paid, valued in quote at the fill price
    realised: Decimal = ZERO  # realised P&L, net of fees
    fees_elsewhere: Decimal = ZERO  # fees paid from the account's BNB, valued in quote when paid

    def apply(self, fill: Fill, base_asset: str, quote_asset: str, from_locked: bool) -> None:
        """Book a fill. ``from_locked``: it executes a resting order whose funds were reserved.

        Binance takes the fee from the asset received (base on a buy, quote on a sell) unless it is
        paid in another asset (BNB), which is then outside the bot's two assets.
        """
        notional = fill.price * fill.quantity
        fee_base = fill.fee if fill.fee_asset == base_asset else ZERO
        fee_quote = fill.fee if fill.fee_asset == quote_asset else ZERO
        self.fees_quote += fee_quote + fee_base * fill.price
        if fill.fee_asset not in (base_asset, quote_asset) and fill.fee_quote is not None:
            # Paid outside the bot's two assets (BNB): a cost of the bot all the same.
            self.fees_quote += fill.fee_quote
            self.fees_elsewhere += fill.fee_quote
            self.realised -= fill.fee_quote
        if fill.side is Side.BUY:
            if from_locked:
                self.locked_quote = max(ZERO, self.locked_quote - notional)
                self.quote -= fee_quote
            else:
                self.quote -= notional + fee_quote
            self.base += fill.quantity - fee_base
            self.cost_basis += notional + fee_quote
            return
        held = self.base + self.locked_base
        cost = self.cost_basis * min(fill.quantity / held, Decimal(1)) if held > 0 else ZERO
        if from_locked:
            self.locked_base = max(ZERO, self.locked_base - fill.quantity)
        else:
            self.base -= fill.quantity
        self.base -= fee_base
        proceeds = notional - fee_quote
        self.quote += proceeds
        self.cost_basis -= cost
        self.realised += proceeds - cost - fee_base * fill.price
        if self.base + self.locked_base <= 0:
            self.cost_basis = ZERO

    @property
    def base_total(self) -> Decimal:
        return self.base + self.locked_base

    @property
    def avg_entry(self) -> Decimal | None:
        held = self.base_total
        return (self.cost_basis / held) if held > 0 else None

    def equity(self, price: Decimal) -> Decimal:
        """What the bot's share is worth, less the fees it had paid in another asset (BNB)."""
        return self.quote + self.locked_quote + self.base_total * price - self.fees_elsewhere

    def lock(self, side: Side, amount: Decimal) -> None:
        """Reserve quote (buy) or base (sell) for a resting order."""
        if side is Side.BUY:
            self.quote -= amount
            self.locked_quote += amount
        else:
            self.base -= amount
            self.locked_base += amount

    def unlock(self, side: Side, amount: Decimal) -> None:
        if side is Side.BUY:
            amount = min(amount, self.locked_quote)
            self.locked_quote -= amount
            self.quote += amount
        else:
            amount = min(amount, self.locked_base)
            self.locked_base -= amount
            self.base += amount
