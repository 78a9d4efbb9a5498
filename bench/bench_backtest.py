"""Backtest speed: candles per second for each strategy on 500,000 real 1-minute candles.

    python -m bench.bench_backtest [--quick] [--candles N]

Each strategy runs with its default parameters through ``run_backtest``'s candle loop (strategy,
risk and the Ghost bots' PaperBroker; ``fast=False``), on one core; SMA crossover also through its
fast path (``backtest.sma_cross_fast``: the same result, only the crossing candles replayed).
Before timing, the fills of the loop and of the fast path are checked to be identical to the bot
engine's (``BotRunner.step``, candle by candle) on the first 20,000 candles. Target: ≥ 200,000
candles/s for SMA crossover's loop.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from decimal import Decimal
from pathlib import Path

from bench.data import minute_candles
from crypty_desktop.backtest.engine import run_backtest
from crypty_desktop.backtest.series import CandleSeries
from crypty_desktop.bots.brokers import PaperBroker
from crypty_desktop.bots.engine import BotRunner
from crypty_desktop.domain.bots import BotKind, BotSpec
from crypty_desktop.domain.market import Candle, SymbolRules
from crypty_desktop.exchange.simulated import SimulatedExchange
from crypty_desktop.strategies.registry import STRATEGIES, create_strategy

BUDGET = Decimal("10000")
PARAMS = {"grid": {"lower": "55000", "upper": "70000", "levels": "20", "quote_per_level": "200"}}


def reference_fills(name: str, rules: SymbolRules, candles: list[Candle]) -> list[object]:
    spec = BotSpec("ref", "ref", BotKind.GHOST, 0, rules.symbol, "1m", name, budget=BUDGET)
    broker = PaperBroker("backtest", 0, rules, BUDGET, None)
    runner = BotRunner(spec, create_strategy(name, PARAMS.get(name)), broker)
    for candle in candles:
        runner.step(candle)
    return list(broker.fills)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.bench_backtest")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--candles", type=int)
    args = parser.parse_args(argv)
    count = args.candles or (20_000 if args.quick else 500_000)
    candles, source = minute_candles(count)
    rules = SimulatedExchange().symbol_rules("BTCUSDT")
    check = candles[: min(count, 20_000)]
    results: dict[str, object] = {"source": source}
    for name in STRATEGIES:
        series = CandleSeries.from_candles(check)
        loop = run_backtest(create_strategy(name, PARAMS.get(name)), rules, check, BUDGET).fills
        fast = run_backtest(create_strategy(name, PARAMS.get(name)), rules, series, BUDGET).fills
        if not loop == fast == reference_fills(name, rules, check):
            print(f"error: {name}: fills differ from the reference loop", file=sys.stderr)
            return 1
        gc.collect()
        started = time.perf_counter()
        result = run_backtest(
            create_strategy(name, PARAMS.get(name)), rules, candles, BUDGET, fast=False
        )
        seconds = time.perf_counter() - started
        rate = count / seconds
        print(f"backtest.{name}.candles_per_s {rate:.0f} candles/s", flush=True)
        print(f"backtest.{name}.seconds {seconds:.3f} s", flush=True)
        print(f"backtest.{name}.fills {len(result.fills)} fills", flush=True)
        results[name] = {
            "candles": count,
            "seconds": seconds,
            "candles_per_s": rate,
            "fills": len(result.fills),
            "reference_checked": len(check),
        }
    big = CandleSeries.from_candles(candles)
    gc.collect()
    started = time.perf_counter()
    result = run_backtest(create_strategy("sma_cross"), rules, big, BUDGET)
    seconds = time.perf_counter() - started
    print(f"backtest.sma_cross_fast.candles_per_s {count / seconds:.0f} candles/s", flush=True)
    print(f"backtest.sma_cross_fast.fills {len(result.fills)} fills", flush=True)
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "backtest.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
