"""Memory: the process's resident size with N = 0, 10, 50, 100 running Ghost bots.

    python -m bench.bench_memory [--quick]

Bots run on the simulated exchange (5 candles per second each) inside the real window; RSS is read
from /proc after each level has run a few seconds. Targets: ≤ 300 MB at 50 bots; ≤ 2 MB per bot.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
from pathlib import Path

from bench.bots_harness import Harness, rss_mb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.bench_memory")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    levels = [0, 10] if args.quick else [0, 10, 50, 100]
    harness = Harness.create()
    rss: dict[int, float] = {}  # float-ok: MB
    try:
        harness.start_market(5)
        for n in levels:
            new = n - len(harness.specs)
            if new:
                harness.add_bots(new)
                harness.start_bots(harness.specs[-new:])
            harness.spin(1.0 if args.quick else 4.0)
            gc.collect()
            rss[n] = rss_mb()
            print(f"memory.rss_{n}_bots {rss[n]:.1f} MB", flush=True)
    finally:
        harness.close()
    top = levels[-1]
    per_bot = (rss[top] - rss[0]) / top if top else 0.0
    print(f"memory.per_bot {per_bot:.2f} MB", flush=True)
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "memory.json").write_text(json.dumps({"rss_mb": rss, "per_bot_mb": per_bot}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
