"""Market data and trading rules: candles, symbols and their filters."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from crypty_desktop.domain.money import ZERO
from crypty_desktop.wording import QT_TRANSLATE_NOOP

UNKNOWN_INTERVAL = QT_TRANSLATE_NOOP("Core", "Unknown candle interval “{interval}”.")

INTERVAL_MS: dict[str, int] = {
    "1m": 60_000,
    "3m": 180_000,
    "5m": 300_000,
    "15m": 900_000,
    "30m": 1_800_000,
    "1h": 3_600_000,
    "2h": 7_200_000,
    "4h": 14_400_000,
    "6h": 21_600_000,
    "8h": 28_800_000,
    "12h": 43_200_000,
    "1d": 86_400_000,
}
# The intervals the window offers in its lists (bots and backtests): the common ones.
OFFERED_INTERVALS = ("1m", "5m", "15m", "1h", "4h", "1d")


@dataclass(frozen=True, slots=True)
class Candle:
    """One kline. Times are milliseconds since the epoch (UTC), as Binance sends them."""

    symbol: str
    interval: str
    open_time: int
    open: Decimal
    high: Decimal
    low: Decimal
    close: Decimal
    volume: Decimal
    close_time: int
    closed: bool = True


@dataclass(frozen=True, slots=True)
class SymbolRules:
    """A market's trading rules, from exchangeInfo's filters. Zero means "no such rule"."""

    symbol: str
    base_asset: str
    quote_asset: str
    status: str = "TRADING"
    tick_size: Decimal = ZERO  # PRICE_FILTER
    min_price: Decimal = ZERO
    max_price: Decimal = ZERO
    step_size: Decimal = ZERO  # LOT_SIZE
    min_qty: Decimal = ZERO
    max_qty: Decimal = ZERO
    market_step_size: Decimal = ZERO  # MARKET_LOT_SIZE (zero: same as LOT_SIZE)
    market_min_qty: Decimal = ZERO
    market_max_qty: Decimal = ZERO
    min_notional: Decimal = ZERO  # NOTIONAL or MIN_NOTIONAL
    max_notional: Decimal = ZERO
    apply_min_to_market: bool = True
    apply_max_to_market: bool = False
    base_precision: int = 8
    quote_precision: int = 8
    max_num_orders: int = 0  # MAX_NUM_ORDERS: open orders per symbol and account (zero: unknown)
    stp_modes: tuple[str, ...] = ()  # allowedSelfTradePreventionModes (empty: not listed)
    # What the exchange-side protection of a position needs (bots/protection.py).
    max_num_algo_orders: int = 0  # MAX_NUM_ALGO_ORDERS: stop orders per symbol (zero: unknown)
    max_num_order_lists: int = 0  # MAX_NUM_ORDER_LISTS: open OCO lists (zero: unknown)
    oco_allowed: bool = False  # ocoAllowed (or both OCO leg types listed in orderTypes)
    stop_limit_allowed: bool = False  # STOP_LOSS_LIMIT in orderTypes
    allow_trailing_stop: bool = False  # allowTrailingStop
    ask_multiplier_up: Decimal = ZERO  # PERCENT_PRICE_BY_SIDE, sell side (zero: no rule)
    ask_multiplier_down: Decimal = ZERO
    min_trailing_below_bips: int = 0  # TRAILING_DELTA, a sell stop's trailingDelta bounds
    max_trailing_below_bips: int = 0

    @property
    def trading(self) -> bool:
        return self.status == "TRADING"


@dataclass(frozen=True, slots=True)
class Balance:
    asset: str
    free: Decimal
    locked: Decimal

    @property
    def total(self) -> Decimal:
        return self.free + self.locked
