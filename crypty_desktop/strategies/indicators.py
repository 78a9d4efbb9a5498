"""Incremental indicators: each ``update(close)`` does O(1) work, in Decimal.

- ``Sma``: simple moving average over the last ``period`` closes, kept as a running sum over a
  fixed-size window. The sum is exact (prices have few digits), so the average equals a full
  recomputation digit for digit.
- ``Rsi``: Wilder's Relative Strength Index. The first ``period`` price changes seed the average
  gain and loss as plain means; after that each average moves by Wilder's smoothing
  ``avg = (avg × (period − 1) + change) / period``. The value is quantized to 0.0001.

Both can save their state as JSON-friendly data (Decimals as strings) and restore it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from crypty_desktop.domain.money import ZERO

HUNDRED = Decimal(100)
RSI_QUANTUM = Decimal("0.0001")
_FIFTY = Decimal(50)


class Sma:
    """Simple moving average; ``value`` is ``None`` until ``period`` closes were seen."""

    __slots__ = ("period", "total", "window", "_divisor")

    def __init__(self, period: int) -> None:
        if period < 1:
            raise ValueError("an SMA period must be at least 1")
        self.period = period
        self.window: deque[Decimal] = deque(maxlen=period)
        self.total = ZERO
        self._divisor = Decimal(period)

    @property
    def ready(self) -> bool:
        return len(self.window) == self.period

    @property
    def value(self) -> Decimal | None:
        return self.total / self._divisor if len(self.window) == self.period else None

    def push(self, close: Decimal) -> bool:
        """Add a close without dividing (the fast path); return whether the average exists."""
        window = self.window
        if len(window) == self.period:
            self.total += close - window[0]  # the deque drops window[0] on append
            window.append(close)
            return True
        window.append(close)
        self.total += close
        return len(window) == self.period

    def update(self, close: Decimal) -> Decimal | None:
        """Add a close; return the average of the last ``period`` closes, or ``None`` yet."""
        return self.total / self._divisor if self.push(close) else None

    def state(self) -> dict[str, Any]:
        return {"window": [str(v) for v in self.window]}

    def restore(self, state: Mapping[str, Any]) -> None:
        values = [Decimal(v) for v in state.get("window", [])][-self.period :]
        self.window = deque(values, maxlen=self.period)
        self.total = sum(values, ZERO)


class Rsi:
    """Wilder's RSI; ``value`` is ``None`` until ``period`` changes (``period + 1`` closes)."""

    __slots__ = ("period", "prev", "count", "avg_gain", "avg_loss", "value", "_n", "_keep")

    def __init__(self, period: int) -> None:
        if period < 1:
            raise ValueError("an RSI period must be at least 1")
        self.period = period
        self._n = Decimal(period)
        self._keep = Decimal(period - 1)
        self.prev: Decimal | None = None
        self.count = 0  # changes seen, up to ``period`` (then the averages are Wilder's)
        self.avg_gain = ZERO  # while seeding: the sum of gains so far
        self.avg_loss = ZERO
        self.value: Decimal | None = None

    @property
    def ready(self) -> bool:
        return self.value is not None

    def update(self, close: Decimal) -> Decimal | None:
        """Add a close; return the RSI (0–100, 4 decimals) or ``None`` while seeding."""
        prev = self.prev
        self.prev = close
        if prev is None:
            return None
        change = close - prev
        gain = change if change > 0 else ZERO
        loss = -change if change < 0 else ZERO
        if self.count < self.period:
            self.avg_gain += gain
            self.avg_loss += loss
            self.count += 1
            if self.count < self.period:
                return None
            self.avg_gain /= self._n
            self.avg_loss /= self._n
        else:
            self.avg_gain = (self.avg_gain * self._keep + gain) / self._n
            self.avg_loss = (self.avg_loss * self._keep + loss) / self._n
        self.value = rsi_from_averages(self.avg_gain, self.avg_loss)
        return self.value

    def state(self) -> dict[str, Any]:
        return {
            "prev": None if self.prev is None else str(self.prev),
            "count": self.count,
            "avg_gain": str(self.avg_gain),
            "avg_loss": str(self.avg_loss),
            "value": None if self.value is None else str(self.value),
        }

    def restore(self, state: Mapping[str, Any]) -> None:
        prev = state.get("prev")
        value = state.get("value")
        self.prev = None if prev is None else Decimal(prev)
        self.count = int(state.get("count", 0))
        self.avg_gain = Decimal(state.get("avg_gain", "0"))
        self.avg_loss = Decimal(state.get("avg_loss", "0"))
        self.value = None if value is None else Decimal(value)


def rsi_from_averages(avg_gain: Decimal, avg_loss: Decimal) -> Decimal:
    """100 − 100 / (1 + gain/loss), written as 100 × gain / (gain + loss) so that a market that
    only rose gives 100 and one that never moved gives 50 (no division by zero)."""
    moved = avg_gain + avg_loss
    if not moved:
        return _FIFTY.quantize(RSI_QUANTUM)
    return (HUNDRED * avg_gain / moved).quantize(RSI_QUANTUM)
