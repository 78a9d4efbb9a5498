"""Real candles for benchmarks: the shared Binance data when present, else the bundled demo."""

from __future__ import annotations

import os
from pathlib import Path

from crypty_desktop.backtest.history import read_candles_csv
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
