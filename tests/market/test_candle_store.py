from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from crypty_desktop.domain.market import Candle
from crypty_desktop.storage import Store
from crypty_desktop.storage.candles import CandleStore


def candle(t: int, close: str) -> Candle:
    return Candle(
        "BTCUSDT",
        "1m",
        t * 60_000,
        Decimal("1.10"),
        Decimal("2"),
        Decimal("0.5"),
        Decimal(close),
        Decimal("0.00012345"),
        t * 60_000 + 59_999,
    )


def test_candles_are_stored_once_exactly_and_read_back_in_order(tmp_path: Path) -> None:
    candles = CandleStore(Store(tmp_path / "db.sqlite3"))
    assert candles.save("binance", [candle(2, "61196.01"), candle(1, "0.1")]) == 2
    assert candles.save("binance", [candle(2, "61196.01"), candle(3, "3")]) == 1
    loaded = candles.load("binance", "BTCUSDT", "1m")
    assert [c.open_time for c in loaded] == [60_000, 120_000, 180_000]
    assert loaded[1].close == Decimal("61196.01") and loaded[1].volume == Decimal("0.00012345")
    assert isinstance(loaded[0].close, Decimal)
    assert candles.last_open_time("binance", "BTCUSDT", "1m") == 180_000
    assert candles.last_open_time("simulated", "BTCUSDT", "1m") is None
    assert [c.open_time for c in candles.load("binance", "BTCUSDT", "1m", 100_000, 150_000)] == [
        120_000
    ]


def test_open_candles_are_not_stored(tmp_path: Path) -> None:
    candles = CandleStore(Store(tmp_path / "db.sqlite3"))
    open_candle = Candle(
        "BTCUSDT",
        "1m",
        0,
        Decimal(1),
        Decimal(1),
        Decimal(1),
        Decimal(1),
        Decimal(1),
        59_999,
        closed=False,
    )
    assert candles.save("binance", [open_candle]) == 0
