"""Start-up time and import budget of the desktop app (source install).

    python -m bench.bench_startup [--quick] [--runs N]

startup: from the process start to the main window shown with the event loop idle, offscreen,
median of N fresh processes (an existing data folder, as on every start but the first).
import budget: the packages imported before the first paint; python-binance, pyqtgraph, websockets
and the network stack must not be among them (they load when first needed). Targets: median ≤ 1.0 s;
no forbidden package.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FORBIDDEN = ("binance", "pyqtgraph", "websockets", "aiohttp", "requests", "urllib3", "dateparser")


def probe(data_dir: str) -> tuple[float, list[str]]:
    env = {
        **os.environ,
        "CRYPTY_DATA_DIR": data_dir,
        "QT_QPA_PLATFORM": "offscreen",
        "CRYPTY_PROBE_T0": f"{time.time():.6f}",
    }
    done = subprocess.run(  # noqa: S603 - our own probe
        [sys.executable, "-m", "bench.startup_probe"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=Path(__file__).parent.parent,
    )
    ready = modules = None
    for line in done.stdout.splitlines():
        if line.startswith("ready "):
            ready = float(line.split()[1])  # float-ok: seconds
        elif line.startswith("modules "):
            modules = line.split(" ", 1)[1].split(",")
    if ready is None or modules is None:
        raise RuntimeError(f"the probe did not report: {done.stdout!r} {done.stderr[-500:]!r}")
    return ready, modules


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.bench_startup")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--runs", type=int)
    args = parser.parse_args(argv)
    runs = args.runs or (2 if args.quick else 9)
    with tempfile.TemporaryDirectory() as data_dir:
        first, _ = probe(data_dir)  # creates the database
        times = []
        modules: list[str] = []
        for _ in range(runs):
            seconds, modules = probe(data_dir)
            times.append(seconds)
    forbidden = sorted(m for m in modules if m in FORBIDDEN)
    median = statistics.median(times)
    print(f"startup.median {median:.3f} s")
    print(f"startup.max {max(times):.3f} s")
    print(f"startup.first_run {first:.3f} s")
    print(f"startup.forbidden_modules {len(forbidden)} modules")
    print(f"startup.modules {len(modules)} packages")
    if forbidden:
        print("forbidden before first paint: " + ", ".join(forbidden), file=sys.stderr)
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "startup.json").write_text(
        json.dumps(
            {
                "runs": times,
                "median": median,
                "first_run": first,
                "forbidden": forbidden,
                "modules": modules,
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
