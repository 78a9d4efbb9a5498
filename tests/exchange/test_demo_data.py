"""The bundled demo market loads, is clean, and matches what SOURCES.md says."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from crypty_desktop.domain.market import INTERVAL_MS
from crypty_desktop.exchange.demo_data import (
    demo_market,
    load_market_data,
    make_candle,
    read_candles_csv,
    series_problems,
)
from crypty_desktop.exchange.sim_market import aggregate
from crypty_desktop.resources import resource_path

DEMO = resource_path("demo")


def test_demo_market_loads_every_shipped_series() -> None:
    market = demo_market()
    counts = {key: len(candles) for key, candles in market.series.items()}
    assert counts == {
        ("BTCUSDT", "1m"): 7207,
        ("BTCUSDT", "5m"): 1441,
        ("BTCUSDT", "1h"): 9279,
        ("ETHBTC", "1h"): 120,
    }
    assert market.symbols() == ["BTCUSDT", "ETHBTC"]
    assert demo_market() is market  # read once per process


@pytest.mark.parametrize("key", sorted(demo_market().series))
def test_shipped_series_have_no_gaps_duplicates_or_bad_rows(key: tuple[str, str]) -> None:
    candles = demo_market().series[key]
    assert series_problems(candles) == []
    assert all(c.symbol == key[0] and c.interval == key[1] for c in candles)
    assert all(isinstance(c.close, Decimal) for c in candles)


def test_first_and_last_candles_are_the_documented_ones() -> None:
    series = demo_market().series
    first = series[("BTCUSDT", "1m")][0]
    assert first.open_time == 1712016000000  # 2024-04-02 00:00 UTC
    assert (first.open, first.high, first.low, first.close, first.volume) == (
        Decimal("69649.81"),
        Decimal("69674.23"),
        Decimal("69640.0"),
        Decimal("69658.6"),
        Decimal("61.49918"),
    )
    assert first.close_time == first.open_time + 59_999
    assert series[("BTCUSDT", "1h")][0].open_time == 1680307200000  # 2023-04-01 00:00
    assert series[("BTCUSDT", "1h")][-1].open_time == 1713708000000  # 2024-04-21 14:00


def test_one_minute_candles_aggregate_to_the_shipped_five_minute_ones() -> None:
    series = demo_market().series
    built = aggregate(series[("BTCUSDT", "1m")], "5m")
    assert built == tuple(series[("BTCUSDT", "5m")])


def test_files_are_small_and_documented() -> None:
    total = sum(p.stat().st_size for p in DEMO.iterdir())
    assert total < 3 * 1024 * 1024
    sources = (DEMO / "SOURCES.md").read_text("utf-8")
    for path in DEMO.glob("*.csv"):
        assert f"`{path.name}`" in sources


def test_series_problems_finds_gaps_duplicates_and_bad_ohlc() -> None:
    ms = INTERVAL_MS["1m"]
    good = [make_candle("X", "1m", i * ms, "10", "12", "9", "11") for i in range(3)]
    assert series_problems(good) == []
    gap = [good[0], good[2]]
    assert series_problems(gap) == [f"{2 * ms}: gap of 1 candles before"]
    dup = [good[0], good[0]]
    assert series_problems(dup) == ["0: duplicate or out of order"]
    bad = [make_candle("X", "1m", 0, "10", "9.5", "9", "11")]
    assert series_problems(bad) == ["0: open/close outside low..high"]
    misaligned = [make_candle("X", "1m", 5, "10", "12", "9", "11")]
    assert series_problems(misaligned) == ["5: not on a 1m boundary"]


def test_reading_a_bad_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "X-1m.csv"
    path.write_text("open_time,open,high,low,close,volume\n0,1,2,0.5,1.5,3\n60000,1,2,x,1,1\n")
    with pytest.raises(ValueError, match=r"X-1m\.csv:3"):
        read_candles_csv(path, "X", "1m")
    path.write_text("time,o,h,l,c,v\n")
    with pytest.raises(ValueError, match="expected header"):
        read_candles_csv(path, "X", "1m")


def test_load_market_data_from_another_folder(tmp_path: Path) -> None:
    (tmp_path / "exchange_info.json").write_text(
        '{"symbols": [{"symbol": "ABCUSDT", "baseAsset": "ABC", "quoteAsset": "USDT"}]}'
    )
    (tmp_path / "ABCUSDT-1h.csv").write_text(
        "open_time,open,high,low,close,volume\n0,1,2,0.5,1.5,3\n"
    )
    (tmp_path / "notes.csv").write_text("ignored")
    market = load_market_data(tmp_path)
    assert market.symbols() == ["ABCUSDT"]
    assert market.series[("ABCUSDT", "1h")][0].close == Decimal("1.5")
