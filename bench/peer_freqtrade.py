"""Crypty against Freqtrade on the same candles, strategy, cores and machine (``make bench-peers``).

    python -m bench.peer_freqtrade [--epochs N] [--skip-big] [--skip-search] [--repeat N]

Not part of ``make bench`` or CI, and Freqtrade is never a dependency of the app: this creates a
throw-away virtual environment under ``~/.cache/crypty-bench/freqtrade`` (``CRYPTY_BENCH_CACHE``
moves it) and pip-installs a pinned Freqtrade there (``FREQTRADE``; TA-Lib comes as a wheel, no
build). It writes its own SMA crossover strategy and configuration for Freqtrade, converts the
bench's candles to Freqtrade's feather files (with Freqtrade's own pandas), and runs:

1. ``crypty backtest`` and ``freqtrade backtesting`` on the bundled month (SMA 10/30), each as a
   fresh process: wall time, peak RSS, and the share of identical fills (entry and exit times;
   Freqtrade's forced exit at the end of the data is not a fill and is left out);
2. the same on 500,000 candles (``bench.data.minute_candles``: the real series end to end);
3. ``crypty optimize`` over fast 5–50 × slow 20–200 (174 combinations) against ``freqtrade
   hyperopt`` on the same two parameters (``--epochs`` epochs, ``-j`` every core): combinations
   per second against epochs per second, of each whole process (start, data, the search; ours
   also re-runs its best ten through the bot engine and checks stability), and of the search
   alone (ours: ``search_seconds`` in its JSON; Freqtrade's: its log's time from starting its
   workers to saving the epochs).

Freqtrade reads the exchange's markets when it starts, even to backtest. The loopback fake Binance
of the tests (``tests/fakes``) answers that request with the bundled real exchangeInfo, so nothing
leaves the machine. Every figure is printed as ``name value unit`` and saved to
``bench/results/peers.json``; ratios are Freqtrade's figure over Crypty's (higher: Crypty better).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path

from bench.data import SHARED, cli_env, measure, minute_candles
from crypty_desktop.backtest.engine import run_backtest
from crypty_desktop.backtest.rules import bundled_rules
from crypty_desktop.backtest.series import read_series_csv
from crypty_desktop.domain.orders import Side
from crypty_desktop.resources import resource_path
from crypty_desktop.strategies.registry import create_strategy

ROOT = Path(__file__).resolve().parent.parent
FREQTRADE = os.environ.get("FREQTRADE", "freqtrade[hyperopt]==2026.9")
CACHE = Path(os.environ.get("CRYPTY_BENCH_CACHE") or Path.home() / ".cache" / "crypty-bench")
MONTH = SHARED / "BTCUSDT-1m-2024-07-26-2024-08-25.csv"
BIG = 500_000
FEE = "0.001"
GRID = ("fast=5:50:5", "slow=20:200:10")

# Freqtrade's side of the bench: an SMA crossover with Crypty's rules (buy on the candle after the
# fast average closes above the slow one having been at or below it, sell after the opposite),
# the whole wallet per trade, no ROI, no stop. Every average length the search may use is computed
# once per run (the way Freqtrade's documentation asks hyperoptable indicators to be written).
STRATEGY = """
from pandas import DataFrame

from freqtrade.strategy import IStrategy, IntParameter


class CryptySmaCross(IStrategy):
    INTERFACE_VERSION = 3
    timeframe = "1m"
    minimal_roi = {"0": 1000.0}
    stoploss = -0.99
    use_exit_signal = True
    exit_profit_only = False
    process_only_new_candles = True
    startup_candle_count = 30
    fast = IntParameter(5, 50, default=10, space="buy")
    slow = IntParameter(20, 200, default=30, space="buy")

    def populate_indicators(self, dataframe: DataFrame, metadata: dict) -> DataFrame:
        close = dataframe["close"]
        lengths = sorted(set(self.fast.range) | set(self.slow.range))
        columns = {f"sma_{n}": close.rolling(n).mean() for n in lengths}
        return dataframe.assign(**columns)

    def _pair(self, dataframe: DataFrame):
        fast = dataframe[f"sma_{self.fast.value}"]
        slow = dataframe[f"sma_{self.slow.value}"]
        return fast, slow, fast.shift(1), slow.shift(1)

    def populate_entry_trend(self, dataframe: DataFrame, metadata: dict) -> DataFrame:
        fast, slow, fast_before, slow_before = self._pair(dataframe)
        dataframe.loc[(fast > slow) & (fast_before <= slow_before), "enter_long"] = 1
        return dataframe

    def populate_exit_trend(self, dataframe: DataFrame, metadata: dict) -> DataFrame:
        fast, slow, fast_before, slow_before = self._pair(dataframe)
        dataframe.loc[(fast < slow) & (fast_before >= slow_before), "exit_long"] = 1
        return dataframe


class CryptySmaCrossSearch(CryptySmaCross):
    startup_candle_count = 200
"""

# Run with Freqtrade's Python: our CSV (open_time ms, OHLCV) to Freqtrade's feather candles.
TO_FEATHER = """
import sys
import pandas as pd
frame = pd.read_csv(sys.argv[1])
frame["date"] = pd.to_datetime(frame.pop("open_time"), unit="ms", utc=True)
frame = frame[["date", "open", "high", "low", "close", "volume"]].astype(
    {c: "float64" for c in ("open", "high", "low", "close", "volume")})
frame.reset_index(drop=True).to_feather(sys.argv[2], compression_level=9, compression="lz4")
"""


def say(name: str, value: float, unit: str, results: dict[str, object]) -> None:  # float-ok
    results[name] = {"value": value, "unit": unit}
    print(f"{name} {value:.3f} {unit}", flush=True)


def freqtrade_env() -> Path:
    """Freqtrade's own virtual environment (created and installed on first use)."""
    venv = CACHE / "freqtrade"
    stamp = venv / f".installed-{FREQTRADE.replace('/', '_')}"
    if stamp.exists():
        return venv
    print(f"# installing {FREQTRADE} into {venv} (a few minutes)", flush=True)
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)  # noqa: S603
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)  # noqa: S603
    subprocess.run([*pip, FREQTRADE], check=True)  # noqa: S603
    stamp.touch()
    return venv


class Workplace:
    """Freqtrade's user directory, configuration and data, and Crypty's CSV files, in one place."""

    def __init__(self, root: Path, venv: Path, markets_url: str) -> None:
        self.root = root
        self.venv = venv
        self.user = root / "user_data"
        (self.user / "strategies").mkdir(parents=True)
        (self.user / "strategies" / "crypty_sma_cross.py").write_text(STRATEGY)
        self.env = cli_env(CRYPTY_DATA_DIR=str(root / "crypty"))
        public = f"{markets_url}/api/v3"
        ccxt = {"urls": {"api": {"public": public, "private": public, "v1": public}},
                "options": {"fetchMarkets": {"types": ["spot"]}}}  # fmt: skip
        config = {
            "trading_mode": "spot", "max_open_trades": 1, "stake_currency": "USDT",
            "stake_amount": "unlimited", "tradable_balance_ratio": 1.0, "dry_run": True,
            "dry_run_wallet": 1000, "timeframe": "1m", "dataformat_ohlcv": "feather",
            "entry_pricing": {"price_side": "same", "use_order_book": False},
            "exit_pricing": {"price_side": "same", "use_order_book": False},
            "exchange": {"name": "binance", "key": "", "secret": "", "pair_whitelist": ["BTC/USDT"],
                         "ccxt_config": ccxt, "ccxt_async_config": ccxt},
            "pairlists": [{"method": "StaticPairList"}],
            "bot_name": "crypty-bench", "initial_state": "stopped", "internals": {},
        }  # fmt: skip
        self.config = root / "config.json"
        self.config.write_text(json.dumps(config, indent=2))

    def data(self, name: str, csv: Path) -> Path:
        """Freqtrade's data directory holding ``csv``'s candles as BTC/USDT 1m."""
        folder = self.root / "data" / name
        folder.mkdir(parents=True)
        python = str(self.venv / "bin" / "python")
        target = folder / "BTC_USDT-1m.feather"
        subprocess.run([python, "-c", TO_FEATHER, str(csv), str(target)], check=True)  # noqa: S603
        return folder

    def freqtrade(self, *args: str) -> list[str]:
        return [str(self.venv / "bin" / "freqtrade"), *args, "--config", str(self.config),
                "--userdir", str(self.user)]  # fmt: skip

    def crypty(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "crypty_desktop.cli", *args]


def our_fills(csv: Path) -> tuple[set[int], set[int]]:
    """Crypty's buy and sell fill times (candle open times, ms) for SMA 10/30 on ``csv``."""
    series = read_series_csv(csv, "BTCUSDT", "1m")
    result = run_backtest(
        create_strategy("sma_cross", {"fast": "10", "slow": "30"}), bundled_rules("BTCUSDT"),
        series, Decimal(1000), fee_rate=Decimal(FEE),
    )  # fmt: skip
    buys = {f.time for f in result.fills if f.side is Side.BUY}
    sells = {f.time for f in result.fills if f.side is Side.SELL}
    return buys, sells


def their_fills(results_dir: Path) -> tuple[set[int], set[int]]:
    """Freqtrade's entry and exit times (ms) from its last backtest result (forced exits left
    out: the end of the data, not a signal)."""
    last = json.loads((results_dir / ".last_result.json").read_text())["latest_backtest"]
    path = results_dir / last
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            name = next(n for n in archive.namelist() if n.endswith(".json") and "_config" not in n)
            data = json.loads(archive.read(name))
    else:
        data = json.loads(path.read_text())
    trades = next(iter(data["strategy"].values()))["trades"]
    entries = {int(t["open_timestamp"]) for t in trades}
    exits = {int(t["close_timestamp"]) for t in trades if t.get("exit_reason") != "force_exit"}
    return entries, exits


def identical_share(
    ours: tuple[set[int], set[int]], theirs: tuple[set[int], set[int]]
) -> float:  # float-ok
    same = len(ours[0] & theirs[0]) + len(ours[1] & theirs[1])
    total = max(len(ours[0]) + len(ours[1]), len(theirs[0]) + len(theirs[1]), 1)
    return 100 * same / total


def backtests(
    place: Workplace, name: str, csv: Path, repeat: int, results: dict[str, object]
) -> None:
    """``crypty backtest`` and ``freqtrade backtesting`` on one candle file, ``repeat`` times."""
    datadir = place.data(name, csv)
    out_dir = place.root / f"results-{name}"
    out_dir.mkdir()
    ours = place.crypty("backtest", "--strategy", "sma_cross", "--symbol", "BTCUSDT",
                        "--interval", "1m", "--param", "fast=10", "--param", "slow=30",
                        "--fee", "0.1", "--candles", str(csv))  # fmt: skip
    theirs = place.freqtrade("backtesting", "--strategy", "CryptySmaCross", "--timeframe", "1m",
                             "--datadir", str(datadir), "--fee", FEE, "--export", "trades",
                             "--backtest-directory", str(out_dir), "--cache", "none")  # fmt: skip
    mine: list[tuple[float, float]] = []  # float-ok
    peer: list[tuple[float, float]] = []  # float-ok
    measure(ours, place.env, place.root / f"crypty-{name}.log")  # untimed: files cached, both
    measure(theirs, place.env, place.root / f"freqtrade-{name}.log")  # modules compiled
    for _ in range(repeat):  # alternated, so a change of load hits both
        mine.append(measure(ours, place.env, place.root / f"crypty-{name}.log"))
        peer.append(measure(theirs, place.env, place.root / f"freqtrade-{name}.log"))
    crypty_s = statistics.median(s for s, _ in mine)
    freqtrade_s = statistics.median(s for s, _ in peer)
    say(f"peers.{name}.crypty.seconds", crypty_s, "s", results)
    say(f"peers.{name}.freqtrade.seconds", freqtrade_s, "s", results)
    say(f"peers.{name}.speed_ratio", freqtrade_s / crypty_s, "x", results)
    say(f"peers.{name}.crypty.peak_rss", max(r for _, r in mine), "MB", results)
    say(f"peers.{name}.freqtrade.peak_rss", max(r for _, r in peer), "MB", results)
    share = identical_share(our_fills(csv), their_fills(out_dir))
    say(f"peers.{name}.identical_fills", share, "%", results)


def searches(place: Workplace, csv: Path, epochs: int, results: dict[str, object]) -> None:
    """``crypty optimize`` over the grid against ``freqtrade hyperopt`` for ``epochs`` epochs."""
    datadir = place.root / "data" / "month"
    cores = str(os.cpu_count() or 1)
    ours = place.crypty("optimize", "--strategy", "sma_cross", "--symbol", "BTCUSDT",
                        "--interval", "1m", "--candles", str(csv), "--fee", "0.1",
                        "--param", GRID[0], "--param", GRID[1], "--json")  # fmt: skip
    seconds, _peak = measure(ours, place.env, place.root / "crypty-optimize.log")
    text = (place.root / "crypty-optimize.log").read_text()
    report = json.loads(text[text.index("{") :])
    done = report["tried"] - report["refused"]
    say("peers.optimize.crypty.combinations", done, "combinations", results)
    say("peers.optimize.crypty.seconds", seconds, "s", results)
    say("peers.optimize.crypty.combinations_per_s", done / seconds, "combinations/s", results)
    theirs = place.freqtrade("hyperopt", "--strategy", "CryptySmaCrossSearch", "--timeframe",
                             "1m", "--datadir", str(datadir), "--fee", FEE, "--spaces", "buy",
                             "--hyperopt-loss", "OnlyProfitHyperOptLoss", "-e", str(epochs),
                             "-j", cores, "--random-state", "1", "--no-color",
                             "--print-json", "--disable-param-export")  # fmt: skip
    ours_searching = float(report["search_seconds"])  # float-ok: seconds
    say("peers.optimize.crypty.search_seconds", ours_searching, "s", results)
    log = place.root / "freqtrade-hyperopt.log"
    seconds, _peak = measure(theirs, place.env, log)
    theirs_searching = search_seconds(log.read_text())
    say("peers.optimize.freqtrade.epochs", epochs, "epochs", results)
    say("peers.optimize.freqtrade.seconds", seconds, "s", results)
    say("peers.optimize.freqtrade.search_seconds", theirs_searching, "s", results)
    say("peers.optimize.freqtrade.epochs_per_s", epochs / seconds, "epochs/s", results)
    ours_rate = done / results_value(results, "peers.optimize.crypty.seconds")
    say("peers.optimize.speed_ratio", ours_rate / (epochs / seconds), "x", results)
    say("peers.optimize.search_speed_ratio",
        (done / ours_searching) / (epochs / theirs_searching), "x", results)  # fmt: skip


def search_seconds(log: str) -> float:  # float-ok: seconds
    """Hyperopt's search alone: from its workers' start to the epochs saved (its log's times)."""
    from datetime import datetime

    def at(marker: str) -> datetime:
        line = next(x for x in log.splitlines() if marker in x)
        return datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f")  # noqa: DTZ007 - a difference

    return (at("saved to") - at("Effective number of parallel workers")).total_seconds()


def results_value(results: dict[str, object], name: str) -> float:  # float-ok
    entry = results[name]
    assert isinstance(entry, dict)
    return float(entry["value"])  # float-ok


def write_big(path: Path, count: int) -> None:
    candles, _source = minute_candles(count)
    with path.open("w") as out:
        out.write("open_time,open,high,low,close,volume\n")
        for c in candles:
            out.write(f"{c.open_time},{c.open},{c.high},{c.low},{c.close},{c.volume}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.peer_freqtrade")
    parser.add_argument("--epochs", type=int, default=100, help="Freqtrade hyperopt epochs")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each backtest (median)")
    parser.add_argument("--skip-big", action="store_true", help="no 500,000-candle run")
    parser.add_argument("--skip-search", action="store_true", help="no optimiser comparison")
    parser.add_argument("--write", nargs=2, metavar=("FILE", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.write:
        write_big(Path(args.write[0]), int(args.write[1]))
        return 0
    from tests.fakes.fake_binance import FakeBinance

    venv = freqtrade_env()
    month = MONTH if MONTH.exists() else resource_path("demo", "BTCUSDT-1m.csv")
    results: dict[str, object] = {"freqtrade": FREQTRADE, "cores": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp, FakeBinance() as markets:
        place = Workplace(Path(tmp), venv, markets.url)
        print(f"# {FREQTRADE}; candles: {month.name}; load {os.getloadavg()[0]:.2f}", flush=True)
        backtests(place, "month", month, args.repeat, results)
        if not args.skip_big:
            big = Path(tmp) / "big.csv"
            # A separate process writes it: this one stays small for the children it measures.
            subprocess.run([sys.executable, "-m", "bench.peer_freqtrade", "--write", str(big),  # noqa: S603
                            str(BIG)], cwd=ROOT, check=True)  # fmt: skip
            backtests(place, "big", big, max(2, args.repeat - 1), results)  # median of 2+
        if not args.skip_search:
            searches(place, month, args.epochs, results)
        print(f"# load afterwards {os.getloadavg()[0]:.2f}", flush=True)
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "peers.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
