"""The bundled demo market: real Binance candles and rules that the simulated exchange replays.

``resources/demo/`` holds one CSV per series, named ``<SYMBOL>-<interval>.csv`` with the header
``open_time,open,high,low,close,volume`` (see its SOURCES.md), and ``exchange_info.json`` in
Binance's exchangeInfo shape. Tests build a ``MarketData`` by hand instead.
"""

from __future__ import annotations

import csv
import functools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crypty_desktop.domain.market import INTERVAL_MS, Candle, SymbolRules
from crypty_desktop.domain.money import dec
from crypty_desktop.exchange.exchange_info import parse_exchange_info
from crypty_desktop.resources import resource_path

HEADER = ["open_time", "open", "high", "low", "close", "volume"]
_FILE_RE = re.compile(r"^(?P<symbol>[A-Z0-9]+)-(?P<interval>\d+[mhd])\.csv$")


@dataclass(frozen=True, slots=True)
class MarketData:
    """Candles by (symbol, interval), each series sorted by open time, and the symbols' rules."""

    rules: Mapping[str, SymbolRules]
    series: Mapping[tuple[str, str], Sequence[Candle]] = field(default_factory=dict)

    def symbols(self) -> list[str]:
        """The symbols that have both rules and candles, sorted."""
        return sorted({symbol for symbol, _ in self.series if symbol in self.rules})


def make_candle(
    symbol: str,
    interval: str,
    open_time: int,
    open_: str,
    high: str,
    low: str,
    close: str,
    volume: str = "0",
) -> Candle:
    """A closed candle from Binance-style strings (``close_time`` is the interval's last ms)."""
    return Candle(
        symbol=symbol,
        interval=interval,
        open_time=open_time,
        open=dec(open_),
        high=dec(high),
        low=dec(low),
        close=dec(close),
        volume=dec(volume),
        close_time=open_time + INTERVAL_MS[interval] - 1,
    )


def read_candles_csv(path: Path, symbol: str, interval: str) -> list[Candle]:
    """One series file as candles (ValueError on a wrong header or an unreadable row)."""
    if interval not in INTERVAL_MS:
        raise ValueError(f"{path.name}: unknown interval {interval!r}")
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header != HEADER:
            raise ValueError(f"{path.name}: expected header {','.join(HEADER)}")
        candles = []
        for line, row in enumerate(reader, start=2):
            if len(row) != len(HEADER):
                raise ValueError(f"{path.name}:{line}: expected {len(HEADER)} columns")
            try:
                candles.append(make_candle(symbol, interval, int(row[0]), *row[1:]))
            except ValueError as exc:
                raise ValueError(f"{path.name}:{line}: {exc}") from exc
    return candles


def series_problems(candles: Iterable[Candle]) -> list[str]:
    """What is wrong with a series: disorder, duplicates, gaps, misaligned times, bad OHLC."""
    problems: list[str] = []
    previous: Candle | None = None
    for candle in candles:
        step = INTERVAL_MS[candle.interval]
        if candle.open_time % step:
            problems.append(f"{candle.open_time}: not on a {candle.interval} boundary")
        body_low, body_high = sorted((candle.open, candle.close))
        if candle.low <= 0 or candle.low > body_low or candle.high < body_high:
            problems.append(f"{candle.open_time}: open/close outside low..high")
        if previous is not None:
            delta = candle.open_time - previous.open_time
            if delta <= 0:
                problems.append(f"{candle.open_time}: duplicate or out of order")
            elif delta != step:
                problems.append(f"{candle.open_time}: gap of {delta // step - 1} candles before")
        previous = candle
    return problems


def load_market_data(folder: Path) -> MarketData:
    """Every ``<SYMBOL>-<interval>.csv`` of ``folder`` plus its ``exchange_info.json``."""
    info = parse_exchange_info(json.loads((folder / "exchange_info.json").read_text("utf-8")))
    series: dict[tuple[str, str], tuple[Candle, ...]] = {}
    for path in sorted(folder.glob("*.csv")):
        match = _FILE_RE.match(path.name)
        if match is None:
            continue
        symbol, interval = match["symbol"], match["interval"]
        series[(symbol, interval)] = tuple(read_candles_csv(path, symbol, interval))
    return MarketData(rules=info.symbols, series=series)


@functools.cache
def demo_market() -> MarketData:
    """The bundled demo market, read once per process (its candles are immutable)."""
    return load_market_data(resource_path("demo"))
