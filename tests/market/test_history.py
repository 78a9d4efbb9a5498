"""History: gaps found by hand, downloads that resume and fill gaps, CSV in both formats."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from crypty_desktop.backtest.series import read_candles_csv
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.market import Candle
from crypty_desktop.exchange.simulated import SimulatedExchange
from crypty_desktop.market.history import (
    DownloadCancelled,
    History,
    missing_ranges,
)
from crypty_desktop.storage import Store
from crypty_desktop.storage.candles import CandleStore

M = 60_000


def test_missing_ranges_by_hand() -> None:
    assert missing_ranges([], 0, 5 * M, M) == [(0, 5 * M)]
    assert missing_ranges([0, M, 2 * M], 0, 2 * M, M) == []
    assert missing_ranges([M, 4 * M], 0, 5 * M, M) == [(0, 0), (2 * M, 3 * M), (5 * M, 5 * M)]
    assert missing_ranges([], 30_000, 3 * M + 1, M) == [(M, 3 * M)]  # aligned to whole minutes


class CountingExchange(SimulatedExchange):
    """The offline exchange, counting klines requests like a server log would."""

    calls: list[tuple[int, int | None]]

    def klines(
        self, symbol: str, interval: str, start_ms: int, end_ms: int | None = None
    ) -> list[Candle]:
        self.calls.append((start_ms, end_ms))
        return super().klines(symbol, interval, start_ms, end_ms)


@pytest.fixture
def exchange() -> CountingExchange:
    ex = CountingExchange()
    ex.calls = []
    ex.advance_to(ex.now_ms + 3000 * M)  # 3000 minutes of closed candles exist
    return ex


def test_download_pages_saves_and_resumes_after_cancel(
    exchange: CountingExchange, tmp_path: Path
) -> None:
    store = CandleStore(Store(tmp_path / "db.sqlite3"))
    start = exchange.now_ms - 2500 * M
    start -= start % M
    end = start + 2499 * M
    pages = iter([True, False])
    with pytest.raises(DownloadCancelled, match="1,000 candles were saved"):
        History(exchange, store, "simulated").download(
            "BTCUSDT",
            "1m",
            start,
            end,
            should_continue=lambda: next(pages),
        )
    assert len(store.load("simulated", "BTCUSDT", "1m", start, end)) == 1000
    exchange.calls.clear()
    seen: list[tuple[int, int]] = []
    report = History(exchange, store, "simulated").download(
        "BTCUSDT",
        "1m",
        start,
        end,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert (report.already_stored, report.downloaded, report.requests) == (1000, 1500, 2)
    assert exchange.calls[0][0] == start + 1000 * M  # resumed, nothing asked twice
    assert seen == [(0, 1500), (1000, 1500), (1500, 1500)]
    assert report.missing_after == 0
    assert History(exchange, store, "simulated").download("BTCUSDT", "1m", start, end).requests == 0


def test_gaps_are_filled_with_only_the_missing_range(
    exchange: CountingExchange, tmp_path: Path
) -> None:
    store = CandleStore(Store(tmp_path / "db.sqlite3"))
    start = exchange.now_ms - 100 * M
    start -= start % M
    every = exchange.klines("BTCUSDT", "1m", start, start + 99 * M)
    store.save("simulated", every[:40] + every[60:])
    exchange.calls.clear()
    history = History(exchange, store, "simulated")
    report = history.download("BTCUSDT", "1m", start, start + 99 * M)
    assert exchange.calls == [(start + 40 * M, start + 59 * M)]
    assert report.downloaded == 20 and report.missing_after == 0
    assert store.load("simulated", "BTCUSDT", "1m", start, start + 99 * M) == every


def test_csv_in_the_apps_format(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "open_time,open,high,low,close,volume\n"
        "1709251260000,61196.0,61217.41,61162.0,61185.84,40.04518\n"
        "1709251200000,61130.99,61197.66,61126.0,61196.0,121.02208\n"
    )
    a, b = read_candles_csv(path, "BTCUSDT", "1m")
    assert a.open_time == 1709251200000 and b.close == Decimal("61185.84")
    assert a.close_time == 1709251259999


def test_csv_in_binance_dump_format_with_microseconds(tmp_path: Path) -> None:
    path = tmp_path / "BTCUSDT-1m-2025-01-01.csv"
    path.write_text(
        "1735689600000000,93576.00,93610.93,93537.50,93610.93,8.21827,1735689659999999,"
        "768978.8,1745,6.0,563000.1,0\n"
    )
    [c] = read_candles_csv(path, "BTCUSDT", "1m")
    assert c.open_time == 1735689600000 and c.high == Decimal("93610.93")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("open_time,open\n1,2\n", "has 2 columns"),
        ("1709251200000,1,0.5,2,1,1\n", "high and low prices"),
        ("1709251200000,x,2,1,1,1\n", "not a candle"),
        ("open_time,open,high,low,close,volume\n", "holds no candle"),
    ],
)
def test_bad_csv_says_which_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(ValidationError, match=message):
        read_candles_csv(path, "BTCUSDT", "1m")
