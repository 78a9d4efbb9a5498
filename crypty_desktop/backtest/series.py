"""Candles held as columns: what a backtest reads, in a few bytes per candle.

A ``CandleSeries`` keeps open times as 64-bit integers and the four prices and the volume as
64-bit floats. 500,000 one-minute candles take 24 MB instead of the half gigabyte the same candles
take as objects with five Decimals each.

Prices stay exact: a file's price has at most 15 significant digits (checked when read; Binance
quotes at most 8 decimals), and a float holds any such number so that its shortest text
(``repr``) is that number again. The backtest walks the series as ``Candle`` objects built one at
a time (``iter(series)``) with ``Decimal(repr(price))``: strategies and the paper broker see
exactly the values of the file, in Decimal, where orders are priced and booked.
"""

from __future__ import annotations

import csv
import math
from array import array
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from itertools import islice
from operator import ge, le
from pathlib import Path
from typing import Any, Self, overload

from crypty_desktop.backtest.series_numpy import NUMPY_FROM_BYTES, add_chunk, increasing
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.market import INTERVAL_MS, UNKNOWN_INTERVAL, Candle
from crypty_desktop.wording import QT_TRANSLATE_NOOP

NOT_A_CANDLE = QT_TRANSLATE_NOOP("Core", "Line {line} is not a candle: {text}")
PRICES_OUT_OF_RANGE = QT_TRANSLATE_NOOP(
    "Core", "Line {line}: the high and low prices do not contain the open and close prices."
)
WRONG_COLUMNS = QT_TRANSLATE_NOOP(
    "Core",
    "Line {line} has {count} columns; expected 6 (open_time,open,high,low,close,volume) or "
    "Binance's 12.",
)
NO_CANDLE = QT_TRANSLATE_NOOP("Core", "The file {file} holds no candle.")
PRICE_TOO_PRECISE = QT_TRANSLATE_NOOP(
    "Core", "Line {line}: a price with more than 15 significant digits cannot be read exactly."
)

_DUMP_COLUMNS = 12
_CHUNK = 20_000  # rows parsed at a time: the text of a whole file is never held
_MAX_DIGITS = 15
_FIELDS = [f for f in Candle.__dataclass_fields__ if f != "closed"]
assert _FIELDS == [
    "symbol", "interval", "open_time", "open", "high", "low", "close", "volume", "close_time"
]  # fmt: skip
_SETTERS = tuple(getattr(Candle, f).__set__ for f in (*_FIELDS, "closed"))


def exact(value: float) -> Decimal:  # float-ok: a price read from text with <= 15 digits
    """The Decimal a stored price was read from (the same value)."""
    return Decimal(repr(value))


def _digits(text: str) -> int:
    """Significant digits of a number's text (``"0.00012300"`` → 3; an exponent form counts all)."""
    body = text.strip().lstrip("+-").partition("e")[0].partition("E")[0]
    digits = body.replace(".", "").lstrip("0")
    if "." in body:
        digits = digits.rstrip("0")
    return len(digits)


class CandleSeries(Sequence[Candle]):
    """One symbol's candles of one interval, oldest first, as columns (see the module doc)."""

    __slots__ = (
        "close_times",
        "closes",
        "highs",
        "interval",
        "lows",
        "open_times",
        "opens",
        "symbol",
        "volumes",
    )

    def __init__(self, symbol: str, interval: str) -> None:
        if interval not in INTERVAL_MS:
            raise ValidationError(UNKNOWN_INTERVAL.format(interval=interval))
        self.symbol = symbol
        self.interval = interval
        self.open_times = array("q")
        self.opens = array("d")
        self.highs = array("d")
        self.lows = array("d")
        self.closes = array("d")
        self.volumes = array("d")
        self.close_times = _CloseTimes(self.open_times, INTERVAL_MS[interval] - 1)

    @classmethod
    def from_candles(cls, candles: Iterable[Candle], symbol: str = "", interval: str = "") -> Self:
        """Columns from candle objects (ValueError for a price a float cannot hold exactly)."""
        items = list(candles)
        series = cls(
            symbol or (items[0].symbol if items else ""),
            interval or (items[0].interval if items else "1m"),
        )
        for c in items:
            prices = [float(p) for p in (c.open, c.high, c.low, c.close)]  # float-ok: checked
            if any(
                exact(f) != p
                for f, p in zip(prices, (c.open, c.high, c.low, c.close), strict=False)
            ):
                raise ValueError(f"{c.open_time}: a price with more than 15 significant digits")
            series.open_times.append(c.open_time)
            for column, value in zip(series._prices(), prices, strict=True):
                column.append(value)
            series.volumes.append(float(c.volume))  # float-ok: volume is never priced
        return series

    def _prices(self) -> tuple[array[float], array[float], array[float], array[float]]:
        return self.opens, self.highs, self.lows, self.closes

    def _columns(self) -> tuple[array[Any], ...]:
        return self.open_times, self.opens, self.highs, self.lows, self.closes, self.volumes

    # --- reading ---------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.open_times)

    @overload
    def __getitem__(self, index: int) -> Candle: ...

    @overload
    def __getitem__(self, index: slice) -> CandleSeries: ...

    def __getitem__(self, index: int | slice) -> Candle | CandleSeries:
        if isinstance(index, slice):
            part = CandleSeries(self.symbol, self.interval)
            for mine, theirs in zip(self._columns(), part._columns(), strict=True):
                theirs.extend(mine[index])
            return part
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return Candle(
            self.symbol,
            self.interval,
            self.open_times[index],
            exact(self.opens[index]),
            exact(self.highs[index]),
            exact(self.lows[index]),
            exact(self.closes[index]),
            exact(self.volumes[index]),
            self.close_times[index],
        )

    def __iter__(self) -> Iterator[Candle]:
        """Candles one at a time; a price equal to the previous candle's close (the usual open)
        or to this candle's open or close shares its Decimal instead of making another.

        Each candle is filled through its slots directly (what the frozen dataclass's
        ``__init__`` does, without its per-field ``object.__setattr__``): half the cost.
        """
        symbol, interval = self.symbol, self.interval
        last = INTERVAL_MS[interval] - 1
        new = object.__new__
        s_symbol, s_interval, s_time, s_open, s_high, s_low, s_close, s_vol, s_end, closed = (
            _SETTERS
        )
        prev_c = -1.0
        prev_close = Decimal(0)
        for t, o, h, low, c, v in zip(*self._columns(), strict=True):
            open_ = prev_close if o == prev_c else Decimal(repr(o))
            close = open_ if c == o else Decimal(repr(c))
            candle = new(Candle)
            s_symbol(candle, symbol)
            s_interval(candle, interval)
            s_time(candle, t)
            s_open(candle, open_)
            s_high(candle, open_ if h == o else close if h == c else Decimal(repr(h)))
            s_low(candle, open_ if low == o else close if low == c else Decimal(repr(low)))
            s_close(candle, close)
            s_vol(candle, Decimal(repr(v)))
            s_end(candle, t + last)
            closed(candle, True)
            yield candle
            prev_c, prev_close = c, close

    def candles(self) -> list[Candle]:
        """Every candle as an object (for charts and stores; a backtest iterates instead)."""
        return list(self)

    def nbytes(self) -> int:
        """Memory the columns take."""
        return sum(len(c) * c.itemsize for c in self._columns())


class _CloseTimes(Sequence[int]):
    """Close times derived from open times (an interval's last millisecond), stored nowhere."""

    __slots__ = ("_last", "_open_times")

    def __init__(self, open_times: array[int], last: int) -> None:
        self._open_times = open_times
        self._last = last

    def __len__(self) -> int:
        return len(self._open_times)

    def __iter__(self) -> Iterator[int]:
        return map(self._last.__add__, self._open_times)

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [t + self._last for t in self._open_times[index]]
        return self._open_times[index] + self._last


def read_series_csv(path: Path, symbol: str, interval: str) -> CandleSeries:
    """Candles from a CSV file in the app's format (header ``open_time,open,high,low,close,
    volume``) or Binance's dump format (12 columns, no header; open times in milliseconds, or
    microseconds in the dumps from 2025 on), sorted, without duplicates (the last row of an open
    time wins).

    Lines are converted a chunk at a time, a column at once. A chunk of plain six-field lines is
    split on its commas (``_plain_chunk``; in a large file, numpy converts it first:
    ``series_numpy``); any other chunk, or one that fails a check, goes through the csv module,
    row by row where needed to name the line.
    """
    series = CandleSeries(symbol, interval)
    large = path.stat().st_size >= NUMPY_FROM_BYTES
    add = _numpy_or_plain if large else _plain_chunk
    with path.open(newline="") as handle:
        head = handle.readline()
        first = next(csv.reader([head]), None) if head else None
        line = 1
        if first is not None and first and first[0].strip().isdigit():
            _add_chunk(series, [first], 1)
        while lines := list(islice(handle, _CHUNK)):
            if not add(series, lines):
                _add_chunk(series, list(csv.reader(lines)), line + 1)
            line += len(lines)
    if not len(series):
        raise ValidationError(NO_CANDLE.format(file=path.name))
    if large and increasing(series.open_times):
        return series
    return _sorted(series)


def _numpy_or_plain(series: CandleSeries, lines: list[str]) -> bool:
    return add_chunk(series, lines) or _plain_chunk(series, lines)


def _plain_chunk(series: CandleSeries, lines: list[str]) -> bool:
    """Add a chunk of lines of exactly six plain fields (no quotes, no blank line) that pass every
    check, split on commas without the csv module (a third of the time); False, adding nothing,
    for any other chunk: the csv module then reads it and names what is wrong."""
    if not all(line.count(",") == 5 for line in lines):  # six fields on every line
        return False
    fields = ",".join(lines).split(",")  # each line's end stays on its volume: float() allows it
    columns = [fields[i::6] for i in range(6)]
    try:
        times, prices, volumes = _numbers(columns)
    except ValueError:
        return False
    opens, highs, lows, closes = prices
    if (
        not all(map(math.isfinite, volumes))
        or min(volumes) < 0
        or any(max(map(len, col)) > _MAX_DIGITS + 1 for col in columns[1:5])
        or not all(all(map(math.isfinite, col)) for col in prices)
        or not all(map(le, lows, opens))
        or not all(map(le, lows, closes))
        or not all(map(ge, highs, opens))
        or not all(map(ge, highs, closes))
        or min(lows) <= 0
        or max(times) > 10**14
    ):
        return False
    _extend(series, times, prices, volumes)
    return True


def _add_chunk(series: CandleSeries, chunk: list[list[str]], first_line: int) -> None:
    lengths = set(map(len, chunk))
    if lengths - {0, 6, _DUMP_COLUMNS}:
        line, row = next(
            (i, r) for i, r in enumerate(chunk, first_line) if len(r) not in (0, 6, _DUMP_COLUMNS)
        )
        raise ValidationError(WRONG_COLUMNS.format(line=line, count=len(row)))
    rows = list(filter(None, chunk)) if 0 in lengths else chunk
    if not rows:
        return
    columns = _six(rows) if _DUMP_COLUMNS in lengths else list(zip(*rows, strict=True))
    try:
        times, prices, volumes = _numbers(columns)
    except ValueError:
        raise _first_bad_row(chunk, first_line) from None
    if not all(map(math.isfinite, volumes)) or min(volumes) < 0:
        raise _first_bad_row(chunk, first_line)
    _check_finite(prices, columns[1:5], chunk, first_line)
    _check_ranges(prices, chunk, first_line)
    if max(times) > 10**14:  # Binance's 2025+ dumps count microseconds
        times = array("q", (t // 1000 if t > 10**14 else t for t in times))
    _extend(series, times, prices, volumes)


def _numbers(
    columns: Sequence[Sequence[str]],
) -> tuple[array[int], list[array[float]], array[float]]:
    """The six text columns as open times, [open, high, low, close] and volumes.

    Raises:
        ValueError: a field that is not a number.
    """
    times = array("q", map(int, columns[0]))
    prices = [array("d", map(float, col)) for col in columns[1:5]]  # float-ok: indicators, charts
    volumes = array("d", map(float, columns[5]))  # float-ok: indicators and charts
    return times, prices, volumes


def _extend(
    series: CandleSeries,
    times: array[int],
    prices: list[array[float]],
    volumes: array[float],
) -> None:
    """Append checked candles to ``series``."""
    series.open_times.extend(times)
    for column, part in zip(series._prices(), prices, strict=True):
        column.extend(part)
    series.volumes.extend(volumes)


def _check_finite(
    prices: list[array[float]], texts: list[tuple[str, ...]], chunk: list[list[str]], first: int
) -> None:
    """Every price a finite number a float holds exactly (at most 15 significant digits)."""
    for col, column in zip(prices, texts, strict=True):
        if not all(map(math.isfinite, col)):
            raise _first_bad_row(chunk, first)
        if max(map(len, column)) > _MAX_DIGITS + 1:  # maybe more digits than a float holds
            for i, text in enumerate(column):
                if _digits(text) > _MAX_DIGITS:
                    raise ValidationError(PRICE_TOO_PRECISE.format(line=_line_of(chunk, first, i)))


def _check_ranges(prices: list[array[float]], chunk: list[list[str]], first_line: int) -> None:
    """High and low contain open and close; low is above zero (named by line when not)."""
    opens, highs, lows, closes = prices
    if (
        not all(map(le, lows, opens))
        or not all(map(le, lows, closes))
        or not all(map(ge, highs, opens))
        or not all(map(ge, highs, closes))
        or min(lows) <= 0
    ):
        for i, (o, h, low, c) in enumerate(zip(opens, highs, lows, closes, strict=True)):
            if not (0 < low <= min(o, c) and h >= max(o, c)):
                raise ValidationError(
                    PRICES_OUT_OF_RANGE.format(line=_line_of(chunk, first_line, i))
                )


def _six(rows: list[list[str]]) -> list[tuple[str, ...]]:
    return list(zip(*(r[:6] for r in rows), strict=False))


def _line_of(chunk: list[list[str]], first_line: int, index: int) -> int:
    """The file line of the index-th non-blank row of a chunk."""
    seen = -1
    for line, row in enumerate(chunk, first_line):
        if row:
            seen += 1
            if seen == index:
                return line
    return first_line


def _first_bad_row(chunk: list[list[str]], first_line: int) -> ValidationError:
    for line, row in enumerate(chunk, first_line):
        if not row:
            continue
        try:
            int(row[0])
            values = [float(x) for x in row[1:6]]  # float-ok: checking the text only
        except ValueError:
            values = []
        if len(values) != 5 or not all(map(math.isfinite, values)) or values[4] < 0:
            return ValidationError(NOT_A_CANDLE.format(line=line, text=",".join(row)[:80]))
    return ValidationError(NOT_A_CANDLE.format(line=first_line, text=",".join(chunk[0])[:80]))


def _sorted(series: CandleSeries) -> CandleSeries:
    """The series in time order without duplicate open times (the last one read wins)."""
    times = series.open_times
    if all(map(int.__lt__, times, islice(times, 1, None))):
        return series
    last: dict[int, int] = {t: i for i, t in enumerate(times)}
    order = [last[t] for t in sorted(last)]
    out = CandleSeries(series.symbol, series.interval)
    for mine, theirs in zip(series._columns(), out._columns(), strict=True):
        theirs.extend(mine[i] for i in order)
    return out


def read_candles_csv(path: Path, symbol: str, interval: str) -> list[Candle]:
    """Candles from a CSV file in either format, sorted, without duplicates (as objects; a
    backtest reads ``series.read_series_csv`` instead, the same file in columns)."""
    return read_series_csv(path, symbol, interval).candles()
