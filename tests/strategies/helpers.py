"""Test helpers: candles from close prices, real candles from a file, a by-hand broker."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from decimal import Decimal as D
from pathlib import Path

from crypty_desktop.domain.errors import FilterRejected, InsufficientBalance, ValidationError
from crypty_desktop.domain.market import Candle, SymbolRules
from crypty_desktop.domain.money import ZERO
from crypty_desktop.domain.orders import Side
from crypty_desktop.strategies.base import Intent, Position, Strategy

HOUR = 3_600_000
ROOT = Path(__file__).resolve().parents[2]
SHARED = Path("/work/shared/data/klines/BTCUSDT-1h-2017-08-17-2024-04-21.csv")
DEMO = ROOT / "resources" / "demo" / "BTCUSDT-1h.csv"

RULES = SymbolRules(
    symbol="BTCUSDT",
    base_asset="BTC",
    quote_asset="USDT",
    tick_size=D("0.01"),
    step_size=D("0.00001"),
    min_qty=D("0.00001"),
    min_notional=D("5"),
)


def candle(
    i: int, close: str | D, low: str | D | None = None, high: str | D | None = None
) -> Candle:
    """Candle number ``i`` (one hour each) closing at ``close``; open = close unless told."""
    c = D(close)
    lo = D(low) if low is not None else c
    hi = D(high) if high is not None else c
    return Candle("BTCUSDT", "1h", i * HOUR, c, hi, lo, c, D(1), i * HOUR + HOUR - 1)


def closes(*prices: str | int) -> list[Candle]:
    return [candle(i, D(p)) for i, p in enumerate(prices)]


def real_candles(limit: int = 3000) -> list[Candle]:
    """Real BTCUSDT hourly candles: the shared history when present, else the bundled demo."""
    path = SHARED if SHARED.exists() else DEMO
    out: list[Candle] = []
    with path.open(newline="") as fh:
        for row in csv.DictReader(fh):
            t = int(row["open_time"])
            out.append(
                Candle(
                    "BTCUSDT",
                    "1h",
                    t,
                    D(row["open"]),
                    D(row["high"]),
                    D(row["low"]),
                    D(row["close"]),
                    D(row["volume"]),
                    t + HOUR - 1,
                )
            )
            if len(out) >= limit:
                break
    return out


@dataclass
class HandBroker:
    """Fills market intents at once at the deciding candle's close, without fees or rounding.

    Simple enough that a test can follow every number by hand.
    """

    quote: D = D(1000)
    base: D = ZERO
    cost: D = ZERO
    log: list[tuple[int, Intent]] = field(default_factory=list)

    def position(self) -> Position:
        avg = self.cost / self.base if self.base else None
        return Position(base=self.base, quote=self.quote, avg_entry=avg)

    def run(self, strategy: Strategy, candles: list[Candle]) -> list[tuple[int, Intent]]:
        for i, c in enumerate(candles):
            for intent in strategy.on_candle(c, self.position()):
                self.log.append((i, intent))
                if intent.side is Side.BUY:
                    spend = intent.quote_amount or ZERO
                    self.quote -= spend
                    self.base += spend / c.close
                    self.cost += spend
                else:
                    self.quote += (intent.base_qty or ZERO) * c.close
                    self.base = ZERO
                    self.cost = ZERO
        return self.log


SKIP = (FilterRejected, InsufficientBalance, ValidationError)
