"""GUI responsiveness with many running bots: how late a 1 ms timer fires in the GUI thread.

    python -m bench.bench_ui_latency [--quick]

For N = 1, 10, 50, 100 Ghost bots on the simulated exchange, each receiving 20 candles per second,
the event loop runs a 1 ms precise timer for a few seconds; its lateness is the loop's stall.
Targets at N = 50: p99 ≤ 16 ms, max ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

from bench.bots_harness import Harness, percentile

RATE = 20  # candles per second for every bot


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.bench_ui_latency")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    levels = [1, 10] if args.quick else [1, 10, 50, 100]
    seconds = 2.0 if args.quick else 8.0  # float-ok
    harness = Harness.create()
    results: dict[str, object] = {}
    try:
        harness.start_market(RATE)
        for n in levels:
            new = n - len(harness.specs)
            harness.add_bots(new)
            harness.start_bots(harness.specs[-new:])
            harness.spin(1.0)  # warm-up: every bot has started and seen candles
            before = harness.decisions, harness.statuses
            late = harness.event_loop_lateness(seconds)
            p50, p99, worst = statistics.median(late), percentile(late, 0.99), max(late)
            print(f"ui_latency.n{n}.p50 {p50:.2f} ms", flush=True)
            print(f"ui_latency.n{n}.p99 {p99:.2f} ms", flush=True)
            print(f"ui_latency.n{n}.max {worst:.2f} ms", flush=True)
            events = (harness.decisions - before[0], harness.statuses - before[1])
            results[str(n)] = {
                "p50": p50,
                "p99": p99,
                "max": worst,
                "ticks": len(late),
                "decisions": events[0],
                "statuses": events[1],
            }
        stop = harness.stop_bots()
        print(f"ui_latency.stop_all_{len(harness.specs)}_bots {stop:.3f} s", flush=True)
        results["stop_all_seconds"] = stop
    finally:
        harness.close()
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "ui_latency.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
