"""Candles in columns: the same values as the file, the same fills as the bot engine, and a
backtest on a file that loads no database, exchange client or Qt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

import pytest

from crypty_desktop.backtest.engine import run_backtest
from crypty_desktop.backtest.rules import bundled_rules
from crypty_desktop.backtest.series import CandleSeries, read_series_csv
from crypty_desktop.bots.brokers import PaperBroker
from crypty_desktop.bots.engine import BotRunner
from crypty_desktop.domain.bots import BotKind, BotSpec
from crypty_desktop.domain.errors import UnknownSymbol, ValidationError
from crypty_desktop.domain.market import Candle
from crypty_desktop.exchange.simulated import SimulatedExchange
from crypty_desktop.resources import resource_path
from crypty_desktop.strategies.registry import STRATEGIES, create_strategy

ROOT = Path(__file__).resolve().parents[2]
DEMO_1M = resource_path("demo", "BTCUSDT-1m.csv")
PARAMS = {"grid": {"lower": "66000", "upper": "72000", "levels": "12", "quote_per_level": "80"}}


@pytest.fixture(params=["plain", "numpy"])
def reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each file test runs twice: small files are read in plain Python, large ones by numpy
    (``series_numpy``); here the numpy reader takes files of any size."""
    if request.param == "numpy":
        monkeypatch.setattr("crypty_desktop.backtest.series.NUMPY_FROM_BYTES", 0)
    return str(request.param)


def test_columns_hold_exactly_the_files_values(tmp_path: Path, reader: str) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "open_time,open,high,low,close,volume\n"
        "1709251260000,61196.0,61217.41,61162.0,61185.84,40.04518\n"
        "\n"
        "1709251200000,61130.99,6.121766E4,61126.0,61196.0,121.02208\n"
        "1709251320000,0.00001234,0.00001240,0.00001200,0.00001230,123456789012.5\n"
        "1709251260000,61196.0,61217.41,61162.0,61185.85,1\n"  # same time again: the last wins
    )
    series = read_series_csv(path, "BTCUSDT", "1m")
    a, b, c = series
    assert [x.open_time for x in series] == [1709251200000, 1709251260000, 1709251320000]
    assert a.high == D("61217.66") and a.close == D("61196.0") and a.volume == D("121.02208")
    assert b.close == D("61185.85") and b.volume == D(1)  # the later duplicate
    assert (c.open, c.low, c.volume) == (D("0.00001234"), D("0.000012"), D("123456789012.5"))
    assert a.close_time == 1709251259999 and series.close_times[2] == 1709251379999
    assert list(series) == [series[i] for i in range(3)] == series.candles()
    assert list(series[1:]) == [b, c] and series[-1] == c


def test_a_price_a_float_cannot_hold_is_refused_by_line(tmp_path: Path, reader: str) -> None:
    path = tmp_path / "c.csv"
    path.write_text("1709251200000,1,2,0.5,1,1\n1709251260000,1.0000000000000001,2,0.5,1,1\n")
    with pytest.raises(ValidationError, match="Line 2: a price with more than 15 significant"):
        read_series_csv(path, "BTCUSDT", "1m")
    path.write_text("1709251200000,1.00000000000000,2,0.5,1,1\n")  # 16 chars, 1 digit: fine
    assert read_series_csv(path, "BTCUSDT", "1m")[0].open == 1


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("1709251200000,1,2,0.5,1,1\n1709251260000,nan,2,0.5,1,1\n", "Line 2 is not a candle"),
        ("1709251200000,1,2,0.5,1,1\n1709251260000,1,2,0.5,1,-1\n", "Line 2 is not a candle"),
        ("1709251200000,1,2,0.5,1,1\n\n1709251320000,1,2,0,1,1\n", "Line 3: the high and low"),
        ("1709251200000,1,2,0.5,1,1\n1709251260000,1,2,0.5\n", "Line 2 has 4 columns"),
        ("1709251200000,1,2,0.5,1,1\n1.70925126e12,1,2,0.5,1,1\n", "Line 2 is not a candle"),
        ("1709251200000,1,2,0.5,1,1\n1709251260000.5,1,2,0.5,1,1\n", "Line 2 is not a candle"),
        ("1709251200000,1,2,0.5,1,1\n1709251260000,1,2,0.5,1,1e999\n", "Line 2 is not a candle"),
        ("1709251200000,1,2,0.5,1,1\n1709251260000,1,2,0.5,1,1,\n", "Line 2 has 7 columns"),
    ],
)
def test_bad_rows_are_named_by_line(tmp_path: Path, rows: str, message: str, reader: str) -> None:
    path = tmp_path / "c.csv"
    path.write_text(rows)
    with pytest.raises(ValidationError, match=message):
        read_series_csv(path, "BTCUSDT", "1m")


def test_both_readers_give_the_same_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo month, and odd but valid files: Windows line ends, quoted fields, Binance's
    12-column dumps in microseconds, a last line without its end, unsorted rows, digits of
    another script."""
    dump = "".join(
        f"{(1735689600000 + i * 60_000) * 1000},1.5,2,1.25,1.75,3,{1735689659999999 + i},4,5,6,7,0"
        "\n"
        for i in range(3)
    )
    odd = {
        "crlf.csv": "1709251200000,1,2,0.5,1,1\r\n1709251260000,1.5,2,0.5,1,1\r\n",
        "quoted.csv": '1709251200000,"1",2,0.5,1,1\n1709251260000,1.5,2,0.5,1,1\n',
        "dump.csv": dump,
        "no_end.csv": "1709251260000,1,2,0.5,1,1\n1709251200000,1.5,2,0.5,1,1",
        "digits.csv": "1709251200000,1,2,0.5,1,1\n1709251260000,1,2,0.5,1,١\n",  # float() reads it
    }
    paths = [DEMO_1M]
    for name, text in odd.items():
        paths.append(tmp_path / name)
        paths[-1].write_bytes(text.encode())
    for path in paths:
        plain = read_series_csv(path, "BTCUSDT", "1m")
        monkeypatch.setattr("crypty_desktop.backtest.series.NUMPY_FROM_BYTES", 0)
        by_numpy = read_series_csv(path, "BTCUSDT", "1m")
        monkeypatch.undo()
        assert len(plain) > 1 and plain._columns() == by_numpy._columns(), path.name


def test_series_from_candles_round_trips() -> None:
    candles = read_series_csv(DEMO_1M, "BTCUSDT", "1m").candles()[:500]
    assert list(CandleSeries.from_candles(candles)) == candles


def test_bundled_rules_are_the_demo_exchanges() -> None:
    assert bundled_rules("BTCUSDT") == SimulatedExchange().symbol_rules("BTCUSDT")
    with pytest.raises(UnknownSymbol, match="BTCUSDT, ETHBTC, ETHUSDT"):
        bundled_rules("DOGEUSDT")


def reference_fills(name: str, candles: list[Candle]) -> list[object]:
    """The bot engine's step-by-step loop (a Ghost bot) over the same candles."""
    rules = bundled_rules("BTCUSDT")
    spec = BotSpec("ref", "ref", BotKind.GHOST, 0, "BTCUSDT", "1m", name, budget=D("1000"))
    broker = PaperBroker("backtest", 0, rules, D("1000"), None)
    runner = BotRunner(spec, create_strategy(name, PARAMS.get(name)), broker)
    for candle in candles:
        runner.step(candle)
    return list(broker.fills)


@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_the_columnar_path_fills_exactly_like_the_bot_engine(name: str) -> None:
    series = read_series_csv(DEMO_1M, "BTCUSDT", "1m")
    objects = series.candles()
    rules = bundled_rules("BTCUSDT")
    fast = run_backtest(create_strategy(name, PARAMS.get(name)), rules, series, D("1000"))
    plain = run_backtest(create_strategy(name, PARAMS.get(name)), rules, objects, D("1000"))
    expected = reference_fills(name, objects)
    assert fast.fills == plain.fills == expected
    assert len(expected) >= 2, "the strategy should trade on a week of real candles"
    assert fast.equity == plain.equity and fast.summary is not None and plain.summary is not None
    assert fast.summary.net_pnl == plain.summary.net_pnl


def test_a_backtest_on_a_file_loads_no_database_exchange_client_or_qt(tmp_path: Path) -> None:
    probe = (
        "import io, json, sys\n"
        "from crypty_desktop.cli import main\n"
        "out = io.StringIO()\n"
        "code = main(sys.argv[1:], stdout=out)\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & "
        "{'sqlalchemy', 'sqlmodel', 'binance', 'PySide6', 'keyring', 'aiohttp', 'requests'})\n"
        "print(json.dumps({'code': code, 'heavy': heavy, 'out': json.loads(out.getvalue())}))\n"
    )
    data_dir = tmp_path / "data"
    env = {**os.environ, "CRYPTY_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    args = ["backtest", "--strategy", "sma_cross", "--symbol", "BTCUSDT", "--interval", "1m"]
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-c", probe, *args, "--candles", str(DEMO_1M), "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["code"] == 0 and report["heavy"] == []
    assert report["out"]["summary"]["candles"] == len(read_series_csv(DEMO_1M, "BTCUSDT", "1m"))
    assert not data_dir.exists()  # no database, no log file: nothing written
