"""Real candles for benchmarks: the shared Binance data when present, else the bundled demo."""

from __future__ import annotations

import os
from pathlib import Path

from crypty_desktop.backtest.series import read_candles_csv
from crypty_desktop.domain.market import INTERVAL_MS, Candle
from crypty_desktop.resources import resource_path

SHARED = Path(
    os.environ.get("CRYPTY_BENCH_KLINES")
    or Path(__file__).resolve().parents[2] / "shared" / "data" / "klines"
)
ONE_MINUTE_FILES = (
    "BTCUSDT-1m-2024-03-01-2024-03-22.csv",
    "BTCUSDT-1m-2024-04-02-2024-04-07.csv",
    "BTCUSDT-1m-2024-07-26-2024-08-25.csv",
)


def cli_env(**extra: str) -> dict[str, str]:
    """The environment of a timed ``crypty`` child: compiled modules kept between runs (in a cache
    folder, not the tree), as an installed app has them."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cache = Path(os.environ.get("CRYPTY_BENCH_CACHE") or Path.home() / ".cache" / "crypty-bench")
    env["PYTHONPYCACHEPREFIX"] = str(cache / "pycache")
    env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)
    return {**env, **extra}


# Run by a small Python process between the bench and the command measured: Linux counts, in a
# process's peak RSS, the peak of the address space it was exec'd from (so a command started by
# the bench would show the bench's own memory). Started from this small launcher, it shows its own.
_LAUNCHER = """
import os, sys, time
started = time.perf_counter()
pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ)
_pid, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - started
with open(sys.argv[1], "w") as out:
    out.write(f"{os.waitstatus_to_exitcode(status)} {seconds} {usage.ru_maxrss}")
"""


def measure(cmd: list[str], env: dict[str, str], log: Path) -> tuple[float, float]:  # float-ok
    """Wall seconds and peak RSS (MB; of the command and its children, the largest) of a command,
    its output in ``log``; RuntimeError if it fails."""
    import subprocess
    import sys

    figures = log.with_suffix(".measure")
    with log.open("wb") as sink:
        subprocess.run(  # noqa: S603 - our launcher, the bench's own commands
            [sys.executable, "-c", _LAUNCHER, str(figures), *cmd],
            stdout=sink, stderr=subprocess.STDOUT, env=env, check=False,
        )  # fmt: skip
    code, seconds, peak_kb = figures.read_text().split()
    if int(code):
        raise RuntimeError(f"{cmd[:4]} failed:\n{log.read_text()[-3000:]}")
    return float(seconds), int(peak_kb) / 1024  # float-ok: measurements


def real_minutes() -> tuple[list[list[Candle]], str]:
    """The real BTCUSDT 1m series available here, and where they came from."""
    series = [
        read_candles_csv(SHARED / name, "BTCUSDT", "1m")
        for name in ONE_MINUTE_FILES
        if (SHARED / name).exists()
    ]
    if series:
        return series, f"shared/data/klines ({sum(map(len, series))} real 1m candles)"
    demo = read_candles_csv(resource_path("demo", "BTCUSDT-1m.csv"), "BTCUSDT", "1m")
    return [demo], f"resources/demo ({len(demo)} real 1m candles)"


def minute_candles(count: int) -> tuple[list[Candle], str]:
    """``count`` consecutive 1m candles made of the real series laid end to end.

    Each repetition is shifted in time so that open times keep increasing by one minute; prices are
    the real ones (a jump where two series meet is the only artefact).
    """
    series, source = real_minutes()
    step = INTERVAL_MS["1m"]
    out: list[Candle] = []
    t = series[0][0].open_time
    while len(out) < count:
        for block in series:
            for c in block:
                if len(out) == count:
                    break
                out.append(
                    Candle(
                        c.symbol, "1m", t, c.open, c.high, c.low, c.close, c.volume, t + step - 1
                    )
                )
                t += step
    return out, f"{count} candles from {source}, laid end to end"
