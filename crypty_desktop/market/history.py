"""The one history module: candles for bots, backtests, charts and the command line.

:class:`History` is one platform's history: ``candles`` loads what the candle store holds and
fetches only what is missing (one gap finder, :func:`missing_ranges`), saving what it fetched so
history is fetched once; ``download`` fills the store for a backtest, with progress and cancel.
The market data hub warms its subscribers up through the same ``candles``. :func:`history_source`
says where a platform's history comes from (the demo's is a simulated exchange at the end of its
data).

Downloads go page by page (1000 candles, one request each), are saved after every page (so a
cancelled or failed download resumes where it stopped), skip ranges already stored, and fill gaps:
only the missing ranges are asked for. Rate limits are the gateway's business (it waits or raises).

A CSV file of candles is read by ``backtest/series.py`` (``read_series_csv``, ``read_candles_csv``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.market import INTERVAL_MS, UNKNOWN_INTERVAL, Candle
from crypty_desktop.domain.platform import Platform, PlatformType
from crypty_desktop.exchange.gateway import KLINES_PAGE
from crypty_desktop.wording import QT_TRANSLATE_NOOP

if TYPE_CHECKING:  # the database and exchanges are imported only by those who download
    from crypty_desktop.exchange.gateway import ExchangeGateway
    from crypty_desktop.storage.candles import CandleStore

log = logging.getLogger(__name__)

NOTHING_TO_STORE = QT_TRANSLATE_NOOP("Core", "This platform keeps no candle history to download.")
END_BEFORE_START = QT_TRANSLATE_NOOP("Core", "The end date is before the start date.")
DOWNLOAD_CANCELLED = QT_TRANSLATE_NOOP("Core", "Download cancelled; {count} candles were saved.")
NO_CANDLES = QT_TRANSLATE_NOOP(
    "Core",
    "No {symbol} {interval} candles in that date range. Pick dates the platform has data for.",
)

Progress = Callable[[int, int], None]  # (done, total) in candles


MAX_HOLES = 4  # more separate holes in stored history than this: fetch their whole span at once


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


def history_source(
    platform: Platform, gateway_for: Callable[[Platform], ExchangeGateway]
) -> ExchangeGateway:
    """Where a platform's history comes from (backtests, charts): the platform itself, or for
    the demo a simulated exchange whose clock stands at the end of its data (the running
    demo's clock only knows the past it has replayed)."""
    if platform.type is PlatformType.SIMULATED:
        from crypty_desktop.exchange.simulated import SimulatedExchange

        exchange = SimulatedExchange()
        exchange.advance_to(exchange.end_ms)
        return exchange
    return gateway_for(platform)


class History:
    """One platform's candle history: the store first, the exchange for what it lacks.

    Args:
        gateway: where missing candles are fetched (``klines``), and the symbols' rules.
        store: where closed candles are kept and reused (None: nowhere, as for the demo, whose
            candles ship with the app).
        venue: the store's venue name for the platform (``PlatformType.value``).
    """

    def __init__(self, gateway: ExchangeGateway, store: CandleStore | None, venue: str) -> None:
        self.gateway = gateway
        self.store = store
        self.venue = venue

    def stored(self, symbol: str, interval: str, start_ms: int, end_ms: int) -> list[Candle]:
        """The stored closed candles with open times in [start_ms, end_ms] (a local read)."""
        if self.store is None:
            return []
        return self.store.load(self.venue, symbol, interval, start_ms, end_ms)

    def candles(self, symbol: str, interval: str, start_ms: int, end_ms: int) -> list[Candle]:
        """Every closed candle with open time in [start_ms, end_ms]: the stored ones, and the
        missing ones fetched (and saved). Network I/O when something is missing.

        Raises:
            ValidationError: unknown interval.
            CryptyError: the exchange could not be asked (nothing is lost: ``stored`` still
                reads what the store holds).
        """
        if interval not in INTERVAL_MS:
            raise ValidationError(UNKNOWN_INTERVAL.format(interval=interval))
        if end_ms < start_ms:
            return []
        step = INTERVAL_MS[interval]
        stored = self.stored(symbol, interval, start_ms, end_ms)
        holes = missing_ranges([c.open_time for c in stored], start_ms, end_ms, step)
        if len(holes) > MAX_HOLES:
            holes = [(holes[0][0], holes[-1][1])]
        fetched: list[Candle] = []
        for first, last in holes:
            fetched.extend(self.fetch(symbol, interval, first, last))
        self.save(fetched)
        merged = {c.open_time: c for c in stored}
        merged.update((c.open_time, c) for c in fetched)
        return [merged[t] for t in sorted(merged) if start_ms <= t <= end_ms]

    def fetch(self, symbol: str, interval: str, start_ms: int, end_ms: int) -> list[Candle]:
        """The closed candles the exchange has in [start_ms, end_ms], sorted, once each (not
        saved: ``save`` them, or use ``candles``)."""
        if end_ms < start_ms:
            return []
        page = self.gateway.klines(symbol, interval, start_ms, end_ms)
        candles = {c.open_time: c for c in page if c.closed and start_ms <= c.open_time <= end_ms}
        return [candles[t] for t in sorted(candles)]

    def save(self, candles: list[Candle]) -> None:
        """Keep closed candles in the store; a disk that refuses is logged, never raised (a full
        disk must not stop the bots' candles)."""
        if self.store is None or not candles:
            return
        try:
            self.store.save(self.venue, candles)
        except Exception:
            log.exception("could not save %d %s candles", len(candles), candles[0].symbol)

    def download(
        self,
        symbol: str,
        interval: str,
        start_ms: int,
        end_ms: int,
        *,
        progress: Progress | None = None,
        should_continue: Callable[[], bool] | None = None,
    ) -> DownloadReport:
        """Make the store hold every closed candle of [start_ms, end_ms] that the exchange has
        (a backtest's data): pages of what is missing, saved one by one, with progress and cancel.

        Raises:
            ValidationError: unknown interval, dates backwards, or no store for this platform.
            DownloadCancelled: ``should_continue`` said no (what was saved stays).
        """
        if self.store is None:
            raise ValidationError(NOTHING_TO_STORE)
        candles, venue, gateway = self.store, self.venue, self.gateway
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
