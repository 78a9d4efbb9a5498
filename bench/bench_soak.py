"""Soak: 100 Ghost bots through the whole demo market at high speed; resources must stay flat.

    python -m bench.bench_soak [--quick]

The simulated exchange replays its 1-minute candles at 60 per second to 100 bots (30 simulated
minutes every 30 s of wall time, for 90 s: about 90 simulated minutes per bot... and 540,000 candle
deliveries in all). RSS and OS threads are sampled every second; growth is measured after a warm-up
of 20 % of the run. Errors are decisions of kind "error". Target: no growth, no error.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from bench.bots_harness import Harness, os_threads, rss_mb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.bench_soak")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    bots, seconds, rate = (10, 8, 30) if args.quick else (100, 90, 60)
    harness = Harness.create()
    errors: list[str] = []
    harness.supervisor.sig_decision.connect(
        lambda d: errors.append(d.message) if d.action == "error" else None
    )
    harness.supervisor.sig_failed.connect(lambda _bot, message: errors.append(message))
    samples: list[tuple[float, float, int]] = []  # float-ok: (seconds, MB, threads)
    try:
        harness.add_bots(bots)
        harness.start_market(rate)
        harness.start_bots(harness.specs)
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            harness.spin(1.0)
            samples.append((time.monotonic() - started, rss_mb(), os_threads()))
        deliveries = harness.statuses
        stop = harness.stop_bots()
    finally:
        harness.close()
    warm = [s for s in samples if s[0] >= seconds * 0.2]
    rss_growth = warm[-1][1] - warm[0][1]
    thread_growth = warm[-1][2] - warm[0][2]
    print(f"soak.bots {bots} bots")
    print(f"soak.seconds {seconds} s")
    print(f"soak.rss_start {warm[0][1]:.1f} MB")
    print(f"soak.rss_growth {rss_growth:.1f} MB")
    print(f"soak.thread_growth {thread_growth} threads")
    print(f"soak.errors {len(errors)} errors")
    print(f"soak.status_updates {deliveries} updates")
    print(f"soak.stop_all {stop:.3f} s")
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "soak.json").write_text(
        json.dumps(
            {
                "samples": samples,
                "errors": errors[:20],
                "rss_growth_mb": rss_growth,
                "thread_growth": thread_growth,
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
