"""The simulated exchange's market: candle series, the price tape, klines pages. No clock, no lock.

Each symbol has native series (the candles shipped or given) and derived ones: an interval that is
not shipped is built from the finest shipped series it is a multiple of (1m → 15m, 1h → 4h), keeping
only buckets fully inside the source's time range.

The *tape* of a symbol is the sequence of candles that moves its price: the finest series wherever
it has data, coarser series only where no finer one covers the time. The price at a moment is the
close of the last tape candle closed by then, and resting limit orders are matched against tape
candles only, so no stretch of time is matched twice.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from crypty_desktop.domain.errors import UnknownSymbol, ValidationError
from crypty_desktop.domain.market import INTERVAL_MS, Candle, SymbolRules
from crypty_desktop.exchange.demo_data import MarketData
from crypty_desktop.exchange.gateway import KLINES_PAGE
from crypty_desktop.wording import QT_TRANSLATE_NOOP

NO_MARKET = QT_TRANSLATE_NOOP(
    "Core", "The simulated exchange has no {symbol} market. It offers: {symbols}."
)
NO_INTERVAL = QT_TRANSLATE_NOOP(
    "Core", "The simulated exchange has no {interval} candles for {symbol}. Available: {intervals}."
)
PAGE_SIZE = QT_TRANSLATE_NOOP("Core", "A candle request must ask for 1 to {limit} candles.")


def candle_end(candle: Candle) -> int:
    """The moment a candle is closed: its open time plus its interval (close_time + 1)."""
    return candle.close_time + 1


@dataclass(frozen=True, slots=True)
class Series:
    """One (symbol, interval) series, with indexes by open time and by end."""

    symbol: str
    interval: str
    candles: tuple[Candle, ...]
    opens: tuple[int, ...] = field(init=False)
    ends: tuple[int, ...] = field(init=False)
    by_end: dict[int, Candle] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "opens", tuple(c.open_time for c in self.candles))
        object.__setattr__(self, "ends", tuple(candle_end(c) for c in self.candles))
        object.__setattr__(self, "by_end", {candle_end(c): c for c in self.candles})

    def closed_count(self, now_ms: int) -> int:
        """How many candles are closed at ``now_ms``."""
        return bisect.bisect_right(self.ends, now_ms)


def aggregate(source: Sequence[Candle], interval: str) -> tuple[Candle, ...]:
    """Candles of ``interval`` built from a finer series, only buckets inside the source's range."""
    if not source:
        return ()
    size = INTERVAL_MS[interval]
    first_open, last_end = source[0].open_time, candle_end(source[-1])
    buckets: dict[int, list[Candle]] = {}
    for candle in source:
        buckets.setdefault(candle.open_time - candle.open_time % size, []).append(candle)
    out = []
    for start, parts in buckets.items():
        if start < first_open or start + size > last_end:
            continue
        out.append(
            Candle(
                symbol=parts[0].symbol,
                interval=interval,
                open_time=start,
                open=parts[0].open,
                high=max(c.high for c in parts),
                low=min(c.low for c in parts),
                close=parts[-1].close,
                volume=sum((c.volume for c in parts), start=Decimal(0)),
                close_time=start + size - 1,
            )
        )
    return tuple(out)


class SimMarket:
    """Series, tapes and klines of a ``MarketData``; immutable after construction except caches."""

    def __init__(self, data: MarketData) -> None:
        self._rules = {s: data.rules[s] for s in data.symbols()}
        if not self._rules:
            raise ValueError(
                "the simulated market needs at least one symbol with rules and candles"
            )
        self._native: dict[str, dict[str, Series]] = {}
        for (symbol, interval), candles in data.series.items():
            if symbol in self._rules and candles:
                ordered = tuple(sorted(candles, key=lambda c: c.open_time))
                self._native.setdefault(symbol, {})[interval] = Series(symbol, interval, ordered)
        self._derived: dict[tuple[str, str], Series] = {}
        self._tapes = {symbol: self._build_tape(symbol) for symbol in self._rules}

    # --- symbols and series -----------------------------------------------------------------

    @property
    def symbols(self) -> list[str]:
        return sorted(self._rules)

    def rules(self, symbol: str) -> SymbolRules:
        try:
            return self._rules[symbol]
        except KeyError:
            raise UnknownSymbol(
                NO_MARKET.format(symbol=symbol, symbols=", ".join(self.symbols)),
                code=-1121,
            ) from None

    def intervals(self, symbol: str) -> list[str]:
        """Every interval available for a symbol (shipped or derived), shortest first."""
        natives = self._native[self.rules(symbol).symbol]
        finest = min(INTERVAL_MS[i] for i in natives)
        return [i for i, ms in INTERVAL_MS.items() if i in natives or ms % finest == 0]

    def series(self, symbol: str, interval: str) -> Series:
        """A symbol's series at ``interval``: shipped, or built from the finest usable one."""
        natives = self._native[self.rules(symbol).symbol]
        if interval in natives:
            return natives[interval]
        key = (symbol, interval)
        if key not in self._derived:
            size = INTERVAL_MS.get(interval)
            sources = [
                s
                for i, s in natives.items()
                if size and size > INTERVAL_MS[i] and size % INTERVAL_MS[i] == 0
            ]
            if size is None or not sources:
                raise ValidationError(
                    NO_INTERVAL.format(
                        interval=interval,
                        symbol=symbol,
                        intervals=", ".join(self.intervals(symbol)),
                    ),
                    code=-1120,
                )
            finest = min(sources, key=lambda s: INTERVAL_MS[s.interval])
            self._derived[key] = Series(symbol, interval, aggregate(finest.candles, interval))
        return self._derived[key]

    # --- the tape (price and matching) ----------------------------------------------------------

    def _build_tape(self, symbol: str) -> Series:
        covered: list[tuple[int, int]] = []
        picked: list[Candle] = []
        for interval in sorted(self._native[symbol], key=INTERVAL_MS.__getitem__):
            candles = self._native[symbol][interval].candles
            for candle in candles:
                start, end = candle.open_time, candle_end(candle)
                if not any(start < c_end and end > c_start for c_start, c_end in covered):
                    picked.append(candle)
            covered.append((candles[0].open_time, candle_end(candles[-1])))
        picked.sort(key=candle_end)
        return Series(symbol, "tape", tuple(picked))

    def tape(self, symbol: str) -> Series:
        return self._tapes[self.rules(symbol).symbol]

    def tape_ends(self) -> list[int]:
        """Every moment some symbol's price moves, sorted, without repeats."""
        return sorted({end for tape in self._tapes.values() for end in tape.ends})

    def price_at(self, symbol: str, now_ms: int) -> Decimal | None:
        """The close of the symbol's last tape candle closed at ``now_ms`` (None before any)."""
        tape = self.tape(symbol)
        count = tape.closed_count(now_ms)
        return tape.candles[count - 1].close if count else None

    def default_start(self) -> int:
        """The first moment at which every symbol has a price."""
        return max(tape.ends[0] for tape in self._tapes.values())

    # --- klines -----------------------------------------------------------------------------------

    def klines_page(
        self,
        symbol: str,
        interval: str,
        start_ms: int,
        end_ms: int | None,
        now_ms: int,
        limit: int = KLINES_PAGE,
    ) -> list[Candle]:
        """One Binance-like klines answer: ≤ ``limit`` closed candles, open time in the range."""
        if not 1 <= limit <= KLINES_PAGE:
            raise ValidationError(PAGE_SIZE.format(limit=KLINES_PAGE), code=-1130)
        series = self.series(symbol, interval)
        first = bisect.bisect_left(series.opens, start_ms)
        stop = series.closed_count(now_ms)
        if end_ms is not None:
            stop = min(stop, bisect.bisect_right(series.opens, end_ms))
        return list(series.candles[first : min(stop, first + limit)])
