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


def main() -> int:
    summary = json.loads((Path(__file__).parent / "results" / "summary.json").read_text())
    figures = {
        f["name"]: (f["value"], f["unit"])
        for bench in summary["benches"].values()
        for f in bench["figures"]
    }
    print("| figure | measured | target |\n|---|---|---|")
    for label, names, target in ROWS:
        shown = []
        for name in names.split("|"):
            value, unit = figures.get(name, (None, ""))
            shown.append(
                "n/a" if value is None else f"{value:,.{0 if value >= 100 else 2}f} {unit}"
            )
        print(f"| {label} | {' / '.join(shown)} | {target} |")
    m = summary["machine"]
    print(f"\nMachine: {m['cores']} cores, {m['system']}, Python {m['python']}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
