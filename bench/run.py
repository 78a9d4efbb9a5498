"""Run every benchmark in a fresh process and collect its figures.

    python -m bench.run            # full runs (minutes), numbers for the README
    python -m bench.run --quick    # tiny runs: checks every benchmark works (used by the tests)
    python -m bench.run --only backtest startup

Each benchmark module prints lines ``name value unit``; this collects them, prints them, and writes
``bench/results/summary.json`` with the machine they came from. Full runs go one at a time, so no
figure is measured beside another benchmark; quick runs only check that each benchmark works, so
they go two at a time (their figures are not judged).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BENCHES = [
    "bench_backtest",
    "bench_backtest_e2e",
    "bench_optimize",
    "bench_startup",
    "bench_ui_latency",
    "bench_decision_latency",
    "bench_memory",
    "bench_api_weight",
    "bench_soak",
    "bench_order_soak",
    "bench_crash_soak",
]
LINE = re.compile(r"^(?P<name>[a-z][a-z0-9_.]*) (?P<value>-?[0-9.]+(?:e-?[0-9]+)?) (?P<unit>\S+)$")
RESULTS = Path(__file__).parent / "results"
QUICK_AT_ONCE = 2  # quick runs side by side: a check that each works, in half the time
QUICK_LONGEST = ("bench_crash_soak", "bench_soak")  # 37 s and 11 s of the quick runs' 100 s


def machine() -> dict[str, object]:
    return {
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
    }


def run_one(module: str, quick: bool) -> tuple[list[dict[str, object]], str]:
    path = Path(__file__).parent / f"{module}.py"
    if not path.exists():
        return [], "missing"
    cmd = [sys.executable, "-m", f"bench.{module}"] + (["--quick"] if quick else [])
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    started = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - our own module, fixed arguments
        cmd, capture_output=True, text=True, env=env, cwd=Path(__file__).parent.parent, check=False
    )
    figures = []
    for line in done.stdout.splitlines():
        match = LINE.match(line.strip())
        if match:
            figures.append(
                {"name": match["name"], "value": float(match["value"]), "unit": match["unit"]}
            )
            print(line.strip(), flush=True)
    status = "ok" if done.returncode == 0 else f"failed ({done.returncode})"
    if done.returncode != 0:
        print(done.stderr[-2000:], file=sys.stderr)
    print(f"# {module}: {status} in {time.perf_counter() - started:.1f} s", flush=True)
    return figures, status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.run")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", nargs="*")
    args = parser.parse_args(argv)
    chosen = [b for b in BENCHES if not args.only or b.removeprefix("bench_") in args.only]
    report: dict[str, object] = {"machine": machine(), "quick": args.quick, "benches": {}}
    failed = False
    if args.quick:  # the longest start first, so the two lanes end together
        chosen.sort(key=lambda module: module not in QUICK_LONGEST)
    with ThreadPoolExecutor(max_workers=QUICK_AT_ONCE if args.quick else 1) as pool:
        runs = pool.map(lambda module: run_one(module, args.quick), chosen)
        for module, (figures, status) in zip(chosen, runs, strict=True):
            report["benches"][module] = {"status": status, "figures": figures}  # type: ignore[index]
            failed |= status.startswith("failed")
    RESULTS.mkdir(exist_ok=True)
    name = "summary-quick.json" if args.quick else "summary.json"
    (RESULTS / name).write_text(json.dumps(report, indent=2))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
