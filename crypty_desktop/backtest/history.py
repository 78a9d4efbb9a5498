"""Candle history for backtests and charts: download through a gateway, or import a CSV file.

Downloads go page by page (1000 candles, one request each), are saved after every page (so a
cancelled or failed download resumes where it stopped), skip ranges already stored, and fill gaps:
only the missing ranges are asked for. Rate limits are the gateway's business (it waits or raises).

CSV import reads either the app's own format (header ``open_time,open,high,low,close,volume``) or
Binance's public dump format (12 columns, no header; open times in milliseconds, or microseconds in
the dumps from 2025 on).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from crypty_desktop.backtest.series import (
    NO_CANDLE,
    NOT_A_CANDLE,
    PRICES_OUT_OF_RANGE,
    WRONG_COLUMNS,
    read_series_csv,
)
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.market import INTERVAL_MS, UNKNOWN_INTERVAL, Candle
from crypty_desktop.exchange.gateway import KLINES_PAGE
from crypty_desktop.wording import QT_TRANSLATE_NOOP

if TYPE_CHECKING:  # the database and exchanges are imported only by those who download
    from crypty_desktop.exchange.gateway import ExchangeGateway
    from crypty_desktop.storage.candles import CandleStore

__all__ = ["NOT_A_CANDLE", "NO_CANDLE", "PRICES_OUT_OF_RANGE", "WRONG_COLUMNS"]

END_BEFORE_START = QT_TRANSLATE_NOOP("Core", "The end date is before the start date.")
DOWNLOAD_CANCELLED = QT_TRANSLATE_NOOP("Core", "Download cancelled; {count} candles were saved.")
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


def read_candles_csv(path: Path, symbol: str, interval: str) -> list[Candle]:
    """Candles from a CSV file in either format, sorted, without duplicates (as objects; a
    backtest reads ``series.read_series_csv`` instead, the same file in columns)."""
    return read_series_csv(path, symbol, interval).candles()
