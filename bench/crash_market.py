"""The market of the crash soak: the loopback fake Binance (REST + kline streams) with moving
prices, fast candles, injected faults, and a hook telling which bot just sent an order.

- Prices: BTCUSDT follows a mean-reverting random walk, one ``set_price`` every ``TICK`` seconds,
  so the bots' resting limits fill as it crosses them.
- Candles: Binance has no interval shorter than 1m for the app, so the market's clock runs fast:
  every ``CANDLE_EVERY`` seconds one closed 1m kline is pushed on the fake stream server, each a
  minute after the previous one, from the current minute on (its open, high, low and close are the
  walk's prices over those seconds). A bot's hub takes them as they come (it never checks them
  against the wall clock); a bot restarted later asks REST for the candles it missed, and gets
  none, since they lie in the fake's future: it simply resumes with the next one, as after a
  long outage. Candles are pushed, never polled: no klines weight.
- Faults on the order path, one armed at a time at random moments: the order accepted and its
  answer lost (5xx, dropped connection), a slow answer, a request landing late, a failing query,
  and clock skew (the server's clock jumps, so the next signed requests get -1021 until the
  gateway measures it again).
- ``LIQUIDITY``: the line to switch on partial fills once the fake offers limited liquidity.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from crypty_desktop.domain.market import Candle
from tests.fakes.binance_routes import Call
from tests.fakes.fake_binance import FakeBinance, FakeKey
from tests.fakes.fake_streams import FakeStreamServer

SYMBOL = "BTCUSDT"
CENTER = Decimal("30000")
MINUTE = 60_000
TICK = 0.1  # float-ok: seconds between two price moves
CANDLE_EVERY = 0.5  # float-ok: seconds of wall time per 1m candle
REVERT = 0.01  # float-ok: pull of the walk back to the centre per tick
SIGMA = 20.0  # float-ok: USDT, the walk's step (about 150 USDT of spread around the centre)
ORDER_PATH = "/api/v3/order"
# Partial fills: when the fake can fill a resting limit in several parts, switch it on here, e.g.
# ``LIQUIDITY = lambda fake: fake.set_liquidity(SYMBOL, Decimal("0.0004"))``. Nothing else changes:
# the audit compares executed quantities and trades, whatever their number.
LIQUIDITY: Callable[[FakeBinance], None] | None = None
FAULTS = {  # fault: weight
    "5xx_after_accept": 3,
    "drop_after_accept": 3,
    "slow_answer": 4,
    "late_request": 2,
    "query_fails": 2,
    "clock_skew": 1,
}
SKEWS_MS = (-3000, 0, 7000)  # the server's clock behind (requests "ahead"), right, ahead


@dataclass(frozen=True)
class OrderSeen:
    """An order request as the fake received it (before it is processed)."""

    key: str
    at: float  # float-ok: time.monotonic()


class CrashMarket:
    """The fake exchange and its moving parts; ``start()`` the threads, ``close()`` everything."""

    def __init__(self, rng: random.Random, fault_every: float) -> None:  # float-ok: seconds
        self.rng = rng
        self.fault_every = fault_every
        self.fake = FakeBinance()
        self.streams = FakeStreamServer()
        self.fake.set_balance("USDT", "1000000")
        self.fake.set_balance("BTC", "0")
        self.fake.set_price(SYMBOL, CENTER)
        if LIQUIDITY is not None:
            LIQUIDITY(self.fake)
        self.faults: Counter[str] = Counter()
        self.candles = 0
        self._price = float(CENTER)  # float-ok: the walk's state; prices set are Decimals
        self._window: list[Decimal] = []  # prices since the last candle
        self._next_open = int(time.time() * 1000) // MINUTE * MINUTE
        self._stop = threading.Event()
        self._walking = threading.Event()
        self._walking.set()
        self._faulting = threading.Event()
        self._cond = threading.Condition()
        self._orders: dict[str, list[OrderSeen]] = defaultdict(list)
        self._threads = [
            threading.Thread(target=self._walk, name="crash-walk", daemon=True),
            threading.Thread(target=self._push_candles, name="crash-candles", daemon=True),
            threading.Thread(target=self._inject, name="crash-faults", daemon=True),
        ]
        self._hook_orders()

    # --- setup ----------------------------------------------------------------------------------
    def add_key(self, api_key: str, secret: str) -> None:
        self.fake.add_key(FakeKey(api_key=api_key, secret=secret, can_trade=True))

    def _hook_orders(self) -> None:
        """Wrap the order endpoint: note who sent each order the moment it arrives."""
        route = self.fake.routes.find("POST", ORDER_PATH)
        assert route is not None
        handler = route.handler

        def noted(call: Call) -> Any:
            seen = OrderSeen(call.request.headers.get("x-mbx-apikey", ""), time.monotonic())
            with self._cond:
                self._orders[seen.key].append(seen)
                self._cond.notify_all()
            return handler(call)

        self.fake.route("POST", ORDER_PATH, security=route.security, weight=route.weight)(noted)

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def faults_on(self, on: bool) -> None:
        """Arm faults from now on (or stop, clear what is armed and set the clock right)."""
        if on:
            self._faulting.set()
            return
        self._faulting.clear()
        self.fake.clear_faults()
        self.fake.server_time_offset_ms = 0

    def freeze_prices(self) -> None:
        """Stop the walk: resting orders stop filling, candles keep coming (flat)."""
        self._walking.clear()

    def close(self) -> None:
        self._stop.set()
        for thread in self._threads:
            if thread.is_alive():
                thread.join(5)
        self.streams.close()
        self.fake.close()

    # --- the bots' orders -----------------------------------------------------------------------
    def wait_order(self, key: str, after: float, timeout: float) -> OrderSeen | None:  # float-ok
        """The first order request from ``key`` received after ``after`` (monotonic), if any
        comes within ``timeout`` seconds."""

        def found() -> OrderSeen | None:
            return next((o for o in self._orders[key] if o.at > after), None)

        with self._cond:
            self._cond.wait_for(lambda: found() is not None or self._stop.is_set(), timeout)
            return found()

    # --- threads --------------------------------------------------------------------------------
    def _walk(self) -> None:
        center = float(CENTER)  # float-ok
        while not self._stop.wait(TICK):
            if not self._walking.is_set():
                continue
            self._price += REVERT * (center - self._price) + self.rng.gauss(0.0, SIGMA)
            price = Decimal(f"{self._price:.2f}")
            self.fake.set_price(SYMBOL, price)
            with self._cond:
                self._window.append(price)

    def _push_candles(self) -> None:
        last = CENTER
        while not self._stop.wait(CANDLE_EVERY):
            with self._cond:
                window, self._window = self._window or [self.fake.price(SYMBOL)], []
            t = self._next_open
            self._next_open += MINUTE
            candle = Candle(
                SYMBOL,
                "1m",
                t,
                last,
                max(window + [last]),
                min(window + [last]),
                window[-1],
                Decimal("1.5"),
                t + MINUTE - 1,
            )
            last = window[-1]
            self.streams.push_kline(candle)
            self.candles += 1

    def _inject(self) -> None:
        names, weights = list(FAULTS), list(FAULTS.values())
        while not self._stop.wait(self.rng.uniform(0.2, 2 * self.fault_every)):
            if not self._faulting.is_set():
                continue
            fault = self.rng.choices(names, weights)[0]
            self.faults[fault] += 1
            fake = self.fake
            if fault == "5xx_after_accept":
                fake.accept_then(ORDER_PATH, status=self.rng.choice((500, 502, 503, 504)))
            elif fault == "drop_after_accept":
                fake.accept_then(ORDER_PATH, drop=True)
            elif fault == "slow_answer":  # placed at once, answered late (a kill may land here)
                fake.accept_then(ORDER_PATH, stall=self.rng.uniform(0.3, 2.0))
            elif fault == "late_request":  # held up in the network, processed when it lands
                fake.stall_next(ORDER_PATH, self.rng.uniform(0.3, 2.0))
            elif fault == "query_fails":
                fake.fail_next(ORDER_PATH, status=503, count=self.rng.randint(1, 3))
            else:
                fake.server_time_offset_ms = self.rng.choice(SKEWS_MS)


def weight_by_key(fake: FakeBinance) -> tuple[dict[str, int], dict[str, Counter[str]]]:
    """Request weight per API key (as the fake counts it: each route's weight), in total and by
    endpoint. Requests answered by an injected fault are counted too (Binance counts what it
    receives)."""
    total: dict[str, int] = defaultdict(int)
    by_path: dict[str, Counter[str]] = defaultdict(Counter)
    for request in fake.requests:
        route = fake.routes.find(request.method, request.path)
        if route is None:
            continue
        key = request.headers.get("x-mbx-apikey", "")
        total[key] += route.weight
        by_path[key][f"{request.method} {request.path}"] += route.weight
    return dict(total), dict(by_path)
