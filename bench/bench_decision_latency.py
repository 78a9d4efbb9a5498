"""Decision latency: a closed candle in → the order request out, in process.

    python -m bench.bench_decision_latency [--quick] [--decisions N]

A Trader bot (DCA buying on every candle) runs on the loopback fake Binance through the real
python-binance client: for each candle, the time from ``BotRunner.step`` being called to the moment
the HTTP request for the order leaves the client (the session's ``send``), which includes the
strategy, risk, filters, the order written to the database as pending, and the rate limiter.
The full round trip (until the exchange's answer is recorded) is printed too. Decisions are paced
at 6 per second, under Binance's order-rate limit (the rate limiter would otherwise, rightly, make
them wait). Targets: p50 ≤ 2 ms, p99 ≤ 10 ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from crypty_desktop.app import build_core
from crypty_desktop.bots.brokers import LiveBroker
from crypty_desktop.bots.engine import BotRunner
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.bots import BotKind
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, PlatformType
from crypty_desktop.settings import Settings
from crypty_desktop.strategies.registry import create_strategy
from tests.fakes.fake_binance import FakeBinance, FakeKey
from tests.memory_keyring import MemoryKeyring

KEY = "B" * 64
SECRET = "S" * 64
STEP = 60_000
PACE = 1 / 6  # seconds between decisions: 60 orders per 10 s, under Binance's 100


def percentile(values: list[float], q: float) -> float:  # float-ok: milliseconds
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.bench_decision_latency")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--decisions", type=int)
    args = parser.parse_args(argv)
    count = args.decisions or (30 if args.quick else 300)
    with FakeBinance() as fake, tempfile.TemporaryDirectory() as data:
        fake.add_key(FakeKey(api_key=KEY, secret=SECRET, can_trade=True))
        fake.set_balance("USDT", "100000000")
        fake.set_price("BTCUSDT", "60000")
        settings = Settings(data_dir=Path(data), binance_url=fake.url)
        core = build_core(settings, CredentialStore(MemoryKeyring()))
        core.platforms.add("B", PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.ANY)
        spec = core.bots.create(
            name="lat",
            platform_name="B",
            kind=BotKind.TRADER,
            symbol="BTCUSDT",
            strategy="dca",
            params={"every": "1", "quote_amount": "10"},
            budget="10000000",
        )
        platform = core.platforms.find("B")
        gateway = core.gateway_for(platform)
        rules = gateway.symbol_rules("BTCUSDT")
        broker = LiveBroker(spec.id, platform.id, rules, spec.budget, gateway, core.order_log)
        runner = BotRunner(spec, create_strategy("dca", spec.params), broker, core.bot_store)
        runner.start()
        sent_at: list[float] = []
        session = gateway._client.session  # type: ignore[attr-defined]  # the bench's probe
        original = session.send

        def timed_send(request: Any, **kwargs: Any) -> Any:
            if request.method == "POST" and "/api/v3/order" in request.url:
                sent_at.append(time.perf_counter())
            return original(request, **kwargs)

        session.send = timed_send
        out_ms: list[float] = []
        round_ms: list[float] = []
        t0 = (int(time.time() * 1000) // STEP) * STEP
        price = Decimal("60000")
        for i in range(count + 5):
            t = t0 + i * STEP
            c = Candle("BTCUSDT", "1m", t, price, price, price, price, Decimal(1), t + STEP - 1)
            time.sleep(PACE)
            before = len(sent_at)
            started = time.perf_counter()
            runner.step(c)
            ended = time.perf_counter()
            if i >= 5 and len(sent_at) == before + 1:  # the first candles warm caches up
                out_ms.append((sent_at[-1] - started) * 1000)
                round_ms.append((ended - started) * 1000)
        core.close()
    p50, p99 = statistics.median(out_ms), percentile(out_ms, 0.99)
    print(f"decision_latency.p50 {p50:.3f} ms")
    print(f"decision_latency.p99 {p99:.3f} ms")
    print(f"decision_latency.max {max(out_ms):.3f} ms")
    print(f"decision_round_trip.p50 {statistics.median(round_ms):.3f} ms")
    print(f"decision_latency.samples {len(out_ms)} decisions")
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "decision_latency.json").write_text(
        json.dumps({"p50_ms": p50, "p99_ms": p99, "samples": out_ms}, indent=2)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
