"""Candle history for backtests and charts: download through a gateway, or import a CSV file.

Downloads go page by page (1000 candles, one request each), are saved after every page (so a
cancelled or failed download resumes where it stopped), skip ranges already stored, and fill gaps:
only the missing ranges are asked for. Rate limits are the gateway's business (it waits or raises).

CSV import reads either the app's own format (header ``open_time,open,high,low,close,volume``) or
Binance's public dump format (12 columns, no header; open times in milliseconds, or microseconds in
the dumps from 2025 on).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.market import INTERVAL_MS, UNKNOWN_INTERVAL, Candle
from crypty_desktop.exchange.gateway import KLINES_PAGE, ExchangeGateway
from crypty_desktop.storage.candles import CandleStore
from crypty_desktop.wording import QT_TRANSLATE_NOOP

END_BEFORE_START = QT_TRANSLATE_NOOP("Core", "The end date is before the start date.")
DOWNLOAD_CANCELLED = QT_TRANSLATE_NOOP("Core", "Download cancelled; {count} candles were saved.")
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
NO_CANDLES = QT_TRANSLATE_NOOP(
    "Core",
    "No {symbol} {interval} candles in that date range. Pick dates the platform has data for.",
)

Progress = Callable[[int, int], None]  # (done, total) in candles


class DownloadCancelled(Exception):
    """The user cancelled; what was downloaded so far is kept."""


@dataclass(frozen=True, slots=True)
class DownloadReport:
    requested: int  # candles in the range
    already_stored: int
    downloaded: int  # new candles saved
    requests: int
    missing_after: int  # candles the exchange did not have (outages)


def missing_ranges(
    stored: list[int], start_ms: int, end_ms: int, interval_ms: int
) -> list[tuple[int, int]]:
    """The [first, last] open-time ranges absent from ``stored`` (sorted) within [start, end]."""
    first = start_ms - start_ms % interval_ms
    if first < start_ms:
        first += interval_ms
    ranges: list[tuple[int, int]] = []
    cursor = first
    for t in stored:
        if t < cursor:
            continue
        if t > end_ms:
            break
        if t > cursor:
            ranges.append((cursor, t - interval_ms))
        cursor = t + interval_ms
    if cursor <= end_ms:
        last = end_ms - (end_ms - first) % interval_ms
        if last >= cursor:
            ranges.append((cursor, last))
    return ranges


def _pages(ranges: list[tuple[int, int]], interval_ms: int) -> Iterator[tuple[int, int]]:
    for first, last in ranges:
        cursor = first
        while cursor <= last:
            page_last = min(last, cursor + (KLINES_PAGE - 1) * interval_ms)
            yield cursor, page_last
            cursor = page_last + interval_ms


def download_history(
    gateway: ExchangeGateway,
    candles: CandleStore,
    venue: str,
    symbol: str,
    interval: str,
    start_ms: int,
    end_ms: int,
    *,
    progress: Progress | None = None,
    should_continue: Callable[[], bool] | None = None,
) -> DownloadReport:
    """Make the store hold every closed candle of [start_ms, end_ms] that the exchange has."""
    if interval not in INTERVAL_MS:
        raise ValidationError(UNKNOWN_INTERVAL.format(interval=interval))
    if end_ms < start_ms:
        raise ValidationError(END_BEFORE_START)
    step = INTERVAL_MS[interval]
    stored = [c.open_time for c in candles.load(venue, symbol, interval, start_ms, end_ms)]
    gaps = missing_ranges(stored, start_ms, end_ms, step)
    total_missing = sum((last - first) // step + 1 for first, last in gaps)
    requested = len(stored) + total_missing
    done = downloaded = requests = 0
    if progress is not None:
        progress(0, total_missing)
    for first, last in _pages(gaps, step):
        if should_continue is not None and not should_continue():
            raise DownloadCancelled(DOWNLOAD_CANCELLED.format(count=f"{downloaded:,}"))
        page = gateway.klines(symbol, interval, first, last)
        requests += 1
        downloaded += candles.save(venue, [c for c in page if first <= c.open_time <= last])
        done += (last - first) // step + 1
        if progress is not None:
            progress(done, total_missing)
    after = [c.open_time for c in candles.load(venue, symbol, interval, start_ms, end_ms)]
    left = sum((b - a) // step + 1 for a, b in missing_ranges(after, start_ms, end_ms, step))
    return DownloadReport(requested, len(stored), downloaded, requests, left)


_DUMP_COLUMNS = 12


def _parse_row(row: list[str], symbol: str, interval: str, step: int, line: int) -> Candle:
    try:
        open_time = int(row[0])
        if open_time > 10**14:  # Binance's 2025+ dumps count microseconds
            open_time //= 1000
        o, h, low, c, v = (Decimal(x) for x in row[1:6])
    except (ValueError, InvalidOperation, IndexError):
        text = ",".join(row)[:80]
        raise ValidationError(NOT_A_CANDLE.format(line=line, text=text)) from None
    if not (low <= min(o, c) and h >= max(o, c) and low > 0 and v >= 0):
        raise ValidationError(PRICES_OUT_OF_RANGE.format(line=line))
    return Candle(symbol, interval, open_time, o, h, low, c, v, open_time + step - 1)


def read_candles_csv(path: Path, symbol: str, interval: str) -> list[Candle]:
    """Candles from a CSV file in either format, sorted, without duplicates."""
    if interval not in INTERVAL_MS:
        raise ValidationError(UNKNOWN_INTERVAL.format(interval=interval))
    step = INTERVAL_MS[interval]
    by_time: dict[int, Candle] = {}
    with path.open(newline="") as handle:
        for line, row in enumerate(csv.reader(handle), start=1):
            if not row or (line == 1 and not row[0].strip().isdigit()):
                continue  # blank line, or the header
            if len(row) not in (6, _DUMP_COLUMNS):
                raise ValidationError(WRONG_COLUMNS.format(line=line, count=len(row)))
            candle = _parse_row(row, symbol, interval, step, line)
            by_time[candle.open_time] = candle
    if not by_time:
        raise ValidationError(NO_CANDLE.format(file=path.name))
    return [by_time[t] for t in sorted(by_time)]
