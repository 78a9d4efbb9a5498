"""API weight of live market data: what many bots sharing the market data hub cost Binance-wise.

    python -m bench.bench_api_weight [--quick]

Scenario: ``BOTS_PER_SERIES`` bots on each of 6 series (BTCUSDT, ETHUSDT, ETHBTC × 1m, 5m) follow
``MINUTES`` minutes of candles. Every ``DROP_EVERY`` minutes every websocket is cut and refused for
two minutes while candles keep closing (the REST side has them), then accepted again. Everything
runs on loopback: the real python-binance client against the fake REST API, the real websockets
client against the fake stream server; the market clock moves one minute per step without waiting.

Printed (and written to ``bench/results/api_weight.json``):
    rest_weight / rest_requests: klines requests the hub made and their weight (2 each);
    weight_per_hour: that weight scaled to one hour of the scenario (Binance allows 6000/minute);
    weight_per_minute: the same per minute (target ≤ 60: streams, not polling);
    polling_weight_per_hour: what the same bots would spend polling klines once per candle each;
    ws_connections: websocket connections opened, reconnections included;
    candles_missed / candles_doubled: across every bot's feed (must be 0);
    delivery_ms p50 / p99: from the stream server's push to the first feed holding the candle.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

from crypty_desktop.domain.market import INTERVAL_MS, Candle
from crypty_desktop.domain.platform import ApiCredentials, PlatformType
from crypty_desktop.exchange.binance import BinanceGateway
from crypty_desktop.exchange.binance_base import W_KLINES
from crypty_desktop.exchange.streams import Backoff
from crypty_desktop.market.hub import CandleFeed, MarketDataHub
from tests.fakes.fake_binance import FakeBinance, FakeKey
from tests.fakes.fake_streams import FakeStreamServer

KEY = "B" * 64
SECRET = "bench-secret"  # noqa: S105 - the fake's key, not a real one
SYMBOLS = ("BTCUSDT", "ETHUSDT", "ETHBTC")
INTERVALS = ("1m", "5m")
MINUTE = INTERVAL_MS["1m"]
WAIT = 10.0  # float-ok: seconds


def make_candle(symbol: str, interval: str, open_time: int) -> Candle:
    step = INTERVAL_MS[interval]
    price = Decimal(1000 + (open_time // MINUTE) % 500)
    return Candle(
        symbol,
        interval,
        open_time,
        price,
        price + 3,
        price - 2,
        price + 1,
        Decimal("12.5"),
        open_time + step - 1,
    )


class Scenario:
    def __init__(self, minutes: int, bots_per_series: int, drop_every: int) -> None:
        self.minutes, self.drop_every = minutes, drop_every
        now = time.time_ns() // 1_000_000
        self.start = (now // INTERVAL_MS["5m"]) * INTERVAL_MS["5m"] - (minutes + 10) * MINUTE
        self.clock = self.start  # the market clock: every candle before it has closed
        self.rest = FakeBinance()
        self.rest.add_key(FakeKey(api_key=KEY, secret=SECRET))
        self.ws = FakeStreamServer()
        self.gateway = BinanceGateway(
            PlatformType.BINANCE, ApiCredentials(KEY, SECRET), base_url=self.rest.url, timeout=5
        )
        self.hub = MarketDataHub(
            self.gateway,
            ws_url=self.ws.url,
            backoff=Backoff(initial=0.05, cap=0.5),
            now_ms=lambda: self.clock,
        )
        self.closed: dict[tuple[str, str], list[Candle]] = {
            (s, i): [] for s in SYMBOLS for i in INTERVALS
        }
        self.feeds = {
            key: [self.hub.subscribe(*key) for _ in range(bots_per_series)] for key in self.closed
        }
        self.received: dict[int, list[Candle]] = {
            id(f): [] for fs in self.feeds.values() for f in fs
        }
        self.latencies: list[float] = []  # float-ok: milliseconds
        self.ws.wait_connections(len(self.closed))

    def close(self) -> None:
        self.hub.close()
        self.gateway.close()
        self.ws.close()
        self.rest.close()

    def step(self, pushing: bool) -> list[tuple[tuple[str, str], Candle]]:
        """One minute passes: the candles ending now close (REST has them), pushed if connected."""
        self.clock += MINUTE
        new = []
        for key in self.closed:
            step = INTERVAL_MS[key[1]]
            if self.clock % step == 0:
                candle = make_candle(*key, self.clock - step)
                self.closed[key].append(candle)
                self.rest.set_klines(*key, self.closed[key])
                new.append((key, candle))
        if pushing:
            for key, candle in new:
                sent = time.perf_counter()
                self.ws.push_kline(candle)
                self._collect(self.feeds[key][0], candle, sent)
        return new

    def _collect(self, feed: CandleFeed, pushed: Candle, sent: float) -> None:  # float-ok
        """Read ``feed`` up to the pushed candle (backfilled ones come first)."""
        got = self.received[id(feed)]
        while not got or got[-1].open_time < pushed.open_time:
            got.append(feed.get(timeout=WAIT))
        self.latencies.append((time.perf_counter() - sent) * 1000)  # float-ok: ms

    def run(self) -> dict[str, float]:  # float-ok: figures
        for minute in range(1, self.minutes + 1):
            if self.drop_every and minute % self.drop_every == 0:
                self.ws.refuse()
                self.ws.drop_connections()
                self.step(pushing=False)
                self.step(pushing=False)
                self.ws.accept()
                self.ws.wait_connections(len(self.closed))
            else:
                self.step(pushing=True)
        return self.tally()

    def tally(self) -> dict[str, float]:  # float-ok: figures
        missed = doubled = 0
        for key, feeds in self.feeds.items():
            expected = [c.open_time for c in self.closed[key]]
            for feed in feeds:
                got = self.received[id(feed)]
                while len(got) < len(expected):
                    try:
                        got.append(feed.get(timeout=WAIT))
                    except Exception:
                        break
                times = [c.open_time for c in got]
                missed += len(set(expected) - set(times))
                doubled += len(times) - len(set(times))
        requests = len(self.rest.requests_to("/api/v3/klines"))
        bots = sum(len(f) for f in self.feeds.values())
        polls_per_hour = sum(
            len(fs) * 60 * MINUTE / INTERVAL_MS[key[1]] for key, fs in self.feeds.items()
        )
        ordered = sorted(self.latencies)
        return {
            "bots": bots,
            "minutes": self.minutes,
            "rest_requests": requests,
            "rest_weight": requests * W_KLINES,
            "weight_per_hour": requests * W_KLINES * 60 / self.minutes,
            "weight_per_minute": requests * W_KLINES / self.minutes,
            "polling_weight_per_hour": polls_per_hour * W_KLINES,
            "ws_connections": len(self.ws.paths),
            "candles_missed": missed,
            "candles_doubled": doubled,
            "delivery_ms_p50": statistics.median(ordered) if ordered else 0.0,
            "delivery_ms_p99": ordered[int(len(ordered) * 0.99)] if ordered else 0.0,
        }


UNITS = {
    "bots": "bots",
    "minutes": "min",
    "rest_requests": "requests",
    "rest_weight": "weight",
    "weight_per_hour": "weight/h",
    "weight_per_minute": "weight/min",
    "polling_weight_per_hour": "weight/h",
    "ws_connections": "connections",
    "candles_missed": "candles",
    "candles_doubled": "candles",
    "delivery_ms_p50": "ms",
    "delivery_ms_p99": "ms",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.bench_api_weight")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    minutes, bots, drop_every = (20, 3, 10) if args.quick else (240, 10, 30)
    scenario = Scenario(minutes, bots, drop_every)
    try:
        figures = scenario.run()
    finally:
        scenario.close()
    for name, value in figures.items():
        shown = f"{value:.2f}" if isinstance(value, float) else str(value)
        print(f"api_weight.{name} {shown} {UNITS[name]}", flush=True)
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "api_weight.json").write_text(json.dumps(figures, indent=2))
    if figures["candles_missed"] or figures["candles_doubled"]:
        print("error: a bot missed or got twice a candle", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
