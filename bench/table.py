"""Print the README's benchmark table from ``bench/results/summary.json`` (after ``make bench``)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROWS = [
    ("startup (median of 9, offscreen)", "startup.median", "≤ 1.0 s"),
    ("packages forbidden before first paint", "startup.forbidden_modules", "0"),
    (
        "UI stall p99 / max, 50 bots × 20 candles/s",
        "ui_latency.n50.p99|ui_latency.n50.max",
        "≤ 16 ms / ≤ 50 ms",
    ),
    ("UI stall p99 / max, 100 bots × 20 candles/s", "ui_latency.n100.p99|ui_latency.n100.max", ""),
    (
        "decision latency p50 / p99 (candle in → order out)",
        "decision_latency.p50|decision_latency.p99",
        "≤ 2 ms / ≤ 10 ms",
    ),
    (
        "RSS with 0 / 50 / 100 bots",
        "memory.rss_0_bots|memory.rss_50_bots|memory.rss_100_bots",
        "≤ 300 MB at 50",
    ),
    ("memory per bot", "memory.per_bot", "≤ 2 MB"),
    (
        "REST weight for market data (60 bots, 6 streams)",
        "api_weight.weight_per_minute",
        "≤ 60 per minute",
    ),
    (
        "backtest SMA crossover, 500k 1m candles",
        "backtest.sma_cross.candles_per_s",
        "≥ 200,000 candles/s",
    ),
    (
        "backtest RSI / DCA / grid",
        "backtest.rsi.candles_per_s|backtest.dca.candles_per_s|backtest.grid.candles_per_s",
        "",
    ),
    (
        "backtest SMA crossover's fast path, 500k 1m candles",
        "backtest.sma_cross_fast.candles_per_s",
        "",
    ),
    (
        "`crypty backtest` on the bundled month (43,209 candles): wall / peak RSS",
        "backtest_e2e.month.seconds|backtest_e2e.month.peak_rss",
        "",
    ),
    (
        "`crypty backtest` on 500,000 candles: wall / peak RSS",
        "backtest_e2e.big.seconds|backtest_e2e.big.peak_rss",
        "≤ 150 MB",
    ),
    (
        "optimiser, SMA fast 5–50 × slow 20–200 on the month, every core",
        "optimize.combinations_per_s",
        "≥ 25 × Freqtrade's hyperopt",
    ),
    (
        "the same through the candle loop (no fast path)",
        "optimize.reference.combinations_per_s",
        "",
    ),
    (
        "`crypty optimize` on that grid end to end: wall / peak RSS",
        "optimize_e2e.seconds|optimize_e2e.peak_rss",
        "",
    ),
    (
        "soak: 100 bots, 90 s at 60 candles/s: RSS / thread growth, errors",
        "soak.rss_growth|soak.thread_growth|soak.errors",
        "no growth, 0 errors",
    ),
    (
        "order soak: 200 orders under faults: on exchange / duplicates / unknown",
        "orders_on_exchange|duplicates|unknown_outcomes_left",
        "200 / 0 / 0",
    ),
]


def pair(run: str, figure: str, theirs: str = "") -> str:
    """Crypty's figure and Freqtrade's for one run of the peer comparison."""
    return f"peers.{run}.crypty.{figure}|peers.{run}.freqtrade.{theirs or figure}"


PEERS = [
    ("`backtest`, bundled month", pair("month", "seconds"), "peers.month.speed_ratio", "≥ 10×"),
    ("peak RSS, bundled month", pair("month", "peak_rss"), "", ""),
    ("identical fills, bundled month", "peers.month.identical_fills", "", "≥ 98 %"),
    ("`backtest`, 500,000 candles", pair("big", "seconds"), "peers.big.speed_ratio", "≥ 10×"),
    ("peak RSS, 500,000 candles", pair("big", "peak_rss"), "", "≤ 150 MB"),
    ("identical fills, 500,000 candles", "peers.big.identical_fills", "", ""),
    (
        "optimiser: combinations/s against hyperopt epochs/s",
        pair("optimize", "combinations_per_s", "epochs_per_s"),
        "peers.optimize.speed_ratio",
        "≥ 25×",
    ),
]


def shown(value: float | None, unit: str) -> str:  # float-ok: a figure
    return "n/a" if value is None else f"{value:,.{0 if value >= 100 else 2}f} {unit}"


def peers_table(path: Path) -> None:
    """The peer comparison (``make bench-peers``), when it was run."""
    if not path.exists():
        return
    data = json.loads(path.read_text())
    print(f"\n| against {data['freqtrade']} | Crypty / Freqtrade | ratio | target |")
    print("|---|---|---|---|")
    for label, names, ratio, target in PEERS:
        cells = [
            shown(data.get(n, {}).get("value"), data.get(n, {}).get("unit", ""))
            for n in names.split("|")
        ]
        times = shown(data.get(ratio, {}).get("value"), "×") if ratio else ""
        print(f"| {label} | {' / '.join(cells)} | {times} | {target} |")


def main() -> int:
    summary = json.loads((Path(__file__).parent / "results" / "summary.json").read_text())
    figures = {
        f["name"]: (f["value"], f["unit"])
        for bench in summary["benches"].values()
        for f in bench["figures"]
    }
    print("| figure | measured | target |\n|---|---|---|")
    for label, names, target in ROWS:
        cells = [shown(*figures.get(name, (None, ""))) for name in names.split("|")]
        print(f"| {label} | {' / '.join(cells)} | {target} |")
    m = summary["machine"]
    print(f"\nMachine: {m['cores']} cores, {m['system']}, Python {m['python']}.")
    peers_table(Path(__file__).parent / "results" / "peers.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
