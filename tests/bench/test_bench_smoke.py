"""Every benchmark runs in its quick mode and prints its figures (numbers are not judged here:
speed targets live in the benchmarks, never in timed tests)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_all_benchmarks_run_in_quick_mode() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--quick"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads((ROOT / "bench" / "results" / "summary-quick.json").read_text())
    for name, bench in report["benches"].items():
        assert bench["status"] == "ok", name
        assert bench["figures"], f"{name} printed no figure"
    names = {f["name"] for b in report["benches"].values() for f in b["figures"]}
    for expected in (
        "startup.median",
        "startup.forbidden_modules",
        "ui_latency.n10.p99",
        "decision_latency.p50",
        "memory.per_bot",
        "soak.rss_growth",
        "backtest.sma_cross.candles_per_s",
        "backtest_e2e.month.seconds",
        "backtest_e2e.big.peak_rss",
        "optimize.combinations_per_s",
        "optimize.reference.combinations_per_s",
        "optimize_e2e.seconds",
        "duplicates",
        "crash.orders_doubled",
        "crash.kills_in_flight",
    ):
        assert any(n.startswith(expected) for n in names), expected
