"""The fake Binance's controls for Binance-like fills, fees, self-trades and ground truth.

Mixed into :class:`~tests.fakes.fake_binance.FakeBinance`; each control is opt-in per test, and
without them the fake fills every order whole, in one trade, with the fee in the received asset.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from tests.fakes.binance_market import symbol_info
from tests.fakes.binance_state import (
    FakeOrder,
    FakeState,
    FakeTrade,
    Liquidity,
    PreventedMatch,
    StateListener,
)

__all__ = ["FillControls", "GroundTruth", "StateListener"]


@dataclass(frozen=True)
class GroundTruth:
    """What the fake exchange really holds, copied at one instant (for a test's assertions)."""

    orders: list[FakeOrder]  # every order, every status, oldest first
    trades: list[FakeTrade]  # every trade row, in execution order (a self-trade has two rows)
    prevented_matches: list[PreventedMatch]
    balances: dict[str, tuple[Decimal, Decimal]]  # asset -> (free, locked)

    def order(self, order_id: int) -> FakeOrder:
        return next(o for o in self.orders if o.order_id == order_id)

    def trades_of(self, order_id: int) -> list[FakeTrade]:
        return [t for t in self.trades if t.order_id == order_id]


class FillControls:
    """Liquidity, price range, BNB fees, cancel races, ground truth and event listeners."""

    state: FakeState

    def set_liquidity(
        self,
        symbol: str,
        qty_per_level: Decimal | str | None,
        *,
        levels: int = 1,
        tick: Decimal | str = "0.01",
    ) -> None:
        """Make ``symbol``'s market shallow (see :class:`Liquidity`); ``None`` makes it bottomless
        again. Takes effect from now: what takers already took this step stays taken."""
        symbol_info(self.state, symbol)
        with self.state.lock:
            if qty_per_level is None:
                self.state.liquidity.pop(symbol, None)
                return
            liquidity = Liquidity(Decimal(qty_per_level), levels, Decimal(tick))
            if liquidity.qty_per_level <= 0 or levels < 1 or liquidity.tick <= 0:
                raise ValueError("liquidity needs qty_per_level > 0, levels >= 1 and tick > 0")
            self.state.liquidity[symbol] = liquidity

    def set_price_range(
        self, symbol: str, low: Decimal | str | None, high: Decimal | str | None = None
    ) -> None:
        """Binance's price-range execution rule: a taker may only trade within [low, high]; one
        that would trade outside is EXPIRED (``expiryReason`` EXECUTION_RULE_PRICE_RANGE_EXCEEDED).
        ``low=None`` removes the rule."""
        symbol_info(self.state, symbol)
        with self.state.lock:
            if low is None or high is None:
                self.state.price_ranges.pop(symbol, None)
            else:
                self.state.price_ranges[symbol] = (Decimal(low), Decimal(high))

    def pay_fees_in_bnb(
        self,
        enabled: bool = True,
        *,
        bnb_prices: dict[str, Decimal | str] | None = None,
        discount: Decimal | str = "0.25",
    ) -> None:
        """The account's "pay fees with BNB" switch. ``bnb_prices`` gives 1 BNB in quote assets
        (``{"USDT": "600"}``; other quotes go through their ``<QUOTE>USDT`` price). With it on and
        enough free BNB, a trade's fee is ``notional × fee_rate × (1 − discount)`` in BNB."""
        with self.state.lock:
            self.state.bnb_burn = enabled
            self.state.bnb_discount = Decimal(discount)
            for asset, price in (bnb_prices or {}).items():
                self.state.bnb_prices[asset] = Decimal(price)

    def fill_before_cancel(self, qty: Decimal | str) -> None:
        """The next cancel races a fill: ``qty`` of the order it names fills (as maker, at its
        price) just before the cancel is processed. Filled whole, the cancel answers -2011."""
        with self.state.lock:
            self.state.cancel_races.append(Decimal(qty))

    def ground_truth(self) -> GroundTruth:
        """Every order, trade, prevented match and balance, copied under one lock."""
        with self.state.lock:
            return GroundTruth(
                orders=[replace(o) for o in self.state.orders],
                trades=list(self.state.trades),
                prevented_matches=list(self.state.prevented_matches),
                balances=dict(self.state.balances),
            )

    def add_listener(self, listener: StateListener) -> None:
        """Call ``listener`` on every order event and balance change (see ``FakeState``)."""
        with self.state.lock:
            self.state.listeners.append(listener)

    def remove_listener(self, listener: StateListener) -> None:
        with self.state.lock:
            self.state.listeners.remove(listener)
