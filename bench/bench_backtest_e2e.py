"""``crypty backtest`` end to end, as a user runs it: wall time and peak memory of the process.

    python -m bench.bench_backtest_e2e [--quick]

Two runs of SMA crossover 10/30 on BTCUSDT 1m CSV files, each in a fresh process (imports, CSV
reading, replay, summary): the bundled month (shared/data/klines, 43,209 real candles; the demo's
week when absent) and 500,000 candles made of the real series laid end to end
(``bench.data.minute_candles``). Peak memory is the child's maximum resident set size. Targets:
500,000 candles in at most 150 MB.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.data import SHARED, cli_env, measure, minute_candles
from crypty_desktop.resources import resource_path

ROOT = Path(__file__).resolve().parent.parent
MONTH = SHARED / "BTCUSDT-1m-2024-07-26-2024-08-25.csv"


def write_csv(path: Path, count: int) -> None:
    candles, _source = minute_candles(count)
    with path.open("w") as out:
        out.write("open_time,open,high,low,close,volume\n")
        for c in candles:
            out.write(f"{c.open_time},{c.open},{c.high},{c.low},{c.close},{c.volume}\n")


def run_cli(csv: Path, data_dir: Path) -> tuple[float, float, str]:  # float-ok: measurements
    """Seconds and peak RSS (MB) of one ``crypty backtest`` process, and its output."""
    cmd = [
        sys.executable,
        "-m",
        "crypty_desktop.cli",
        "backtest",
        "--strategy",
        "sma_cross",
        "--symbol",
        "BTCUSDT",
        "--interval",
        "1m",
        "--param",
        "fast=10",
        "--param",
        "slow=30",
        "--candles",
        str(csv),
    ]
    log = data_dir.parent / "out.txt"
    seconds, peak = measure(cmd, cli_env(CRYPTY_DATA_DIR=str(data_dir)), log)
    return seconds, peak, log.read_text()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.bench_backtest_e2e")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--write", nargs=2, metavar=("FILE", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.write:
        write_csv(Path(args.write[0]), int(args.write[1]))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        month = MONTH if MONTH.exists() else resource_path("demo", "BTCUSDT-1m.csv")
        big = folder / "big.csv"
        big_count = 20_000 if args.quick else 500_000
        # Written by another process: a child forked from a parent holding 500,000 candle objects
        # would count the parent's pages in its own peak.
        subprocess.run(  # noqa: S603 - this module, fixed arguments
            [sys.executable, "-m", "bench.bench_backtest_e2e", "--write", str(big), str(big_count)],
            cwd=ROOT,
            check=True,
        )
        run_cli(month, folder / "data")  # once untimed: modules compiled, files in the page cache
        for name, path in (("month", month), ("big", big)):
            seconds, peak, out = run_cli(path, folder / "data")
            candles = next(line for line in out.splitlines() if "candles" in line)
            print(f"# {name}: {candles.strip()}", flush=True)
            print(f"backtest_e2e.{name}.seconds {seconds:.3f} s", flush=True)
            print(f"backtest_e2e.{name}.peak_rss {peak:.1f} MB", flush=True)
        print(f"backtest_e2e.big.candles {big_count} candles", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
