"""Order soak: orders through OrderExecutor and the real Binance gateway while the network fails.

    python -m bench.bench_order_soak                 # 200 orders, seed 7
    python -m bench.bench_order_soak --orders 500 --seed 3
    python -m bench.bench_order_soak --quick         # 20 orders: checks the benchmark works

It starts the loopback fake Binance (tests/fakes), then places orders one after another (market and
limit, buys and sells) through ``OrderExecutor`` + ``OrderLog`` over a real ``BinanceGateway``
(real python-binance client, real HTTP), injecting with a seeded RNG, before each order, one of:
the answer lost after Binance accepted the order (HTTP 5xx, dropped connection, or a stall past the
client's timeout), the request held up in the network and landing after the client gave up (within
its ``recvWindow``, so still accepted, or past it, so refused), a refused connection (network down,
back during the executor's first wait), a 429 with ``Retry-After`` (the bot then decides again under
a new client order id), or nothing; and sometimes a failing query on top. Every order intent must
end up on the exchange exactly once.

Prints ``name value unit`` lines — ``orders_intended``, ``orders_on_exchange``, ``duplicates``,
``unknown_outcomes_left``, ``seconds`` and the fault counts — and writes them as JSON to
``bench/results/order_soak.json`` (``order_soak_quick.json`` with ``--quick``). Exits 1 if an
intent was doubled or left unknown.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import tempfile
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from crypty_desktop.bots.orders import OrderExecutor
from crypty_desktop.domain.errors import CryptyError, RateLimited, UnknownOrderStatus
from crypty_desktop.domain.orders import OrderRequest, OrderStatus, OrderType, Side, client_order_id
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, KeyKind, PlatformType
from crypty_desktop.exchange.binance import BinanceGateway
from crypty_desktop.storage import Store
from crypty_desktop.storage.orders import OrderLog
from tests.fakes.fake_binance import FakeBinance, FakeKey

KEY = "B" * 64
SECRET = "soak-secret-not-a-real-one"  # noqa: S105 - the fake's key, nothing real
BOT = "soak-bot"
ORDER_PATH = "/api/v3/order"
CLIENT_TIMEOUT = 0.3  # seconds before the client gives up on an answer
STALL = 0.4  # a stalled answer arrives after this (past the client's timeout)
RECV_WINDOW_MS = 500  # Binance refuses a signed request that arrives later than this
MARGIN_MS = 300  # past the window, before "Binance does not have it" is believed
LATE_WITHIN, LATE_PAST = 0.4, 0.7  # a request held up in the network, arriving after this
BACKOFF = (0.02, 0.05, 0.1, 0.2, 0.4, 0.8, 1.5)
FAULTS = {  # fault: weight
    "none": 40,
    "5xx_after_accept": 12,
    "drop_after_accept": 12,
    "stall_after_accept": 12,
    "refuse": 12,
    "429": 4,
    "5xx_before": 6,
    "late_within_window": 5,
    "late_past_window": 3,
}
RESULTS = Path(__file__).parent / "results"


class Soak:
    """One run: the fake, a gateway, an order log and an executor whose waits are short."""

    def __init__(self, fake: FakeBinance, db: Path, rng: random.Random) -> None:
        self.fake = fake
        self.rng = rng
        self.gateway = BinanceGateway(
            PlatformType.BINANCE,
            ApiCredentials(KEY, SECRET, KeyKind.HMAC),
            base_url=fake.url,
            timeout=CLIENT_TIMEOUT,
            recv_window_ms=RECV_WINDOW_MS,
        )
        store = Store(db)
        with store.adding_platform(  # every order names its platform (a foreign key)
            name="Soak",
            type_=PlatformType.BINANCE,
            key_masked="",
            key_fingerprint="",
            key_kind=KeyKind.HMAC,
            intended_use=IntendedUse.ANY,
            audit=None,
        ) as platform_id:
            pass
        self.log = OrderLog(store)
        self.executor = OrderExecutor(
            self.gateway,
            self.log,
            platform_id,
            backoff=BACKOFF,
            margin_ms=MARGIN_MS,
            sleep=self._sleep,
        )
        self.down = False
        self.faults: Counter[str] = Counter()
        self.outcomes: Counter[str] = Counter()
        self.sequence = 0
        self.intents: list[list[str]] = []  # the client order ids sent for each intent

    def _sleep(self, seconds: float) -> None:
        if self.down:  # the network comes back while the executor waits
            self.fake.up()
            self.down = False
        time.sleep(seconds)

    def _inject(self, fault: str) -> None:
        self.faults[fault] += 1
        if fault == "5xx_after_accept":
            self.fake.accept_then(ORDER_PATH, status=self.rng.choice((500, 502, 503, 504)))
        elif fault == "drop_after_accept":
            self.fake.accept_then(ORDER_PATH, drop=True)
        elif fault == "stall_after_accept":
            self.fake.accept_then(ORDER_PATH, stall=STALL)
        elif fault == "refuse":
            self.fake.down()
            self.down = True
        elif fault == "429":
            self.fake.fail_next(ORDER_PATH, status=429, headers={"Retry-After": "1"})
        elif fault == "5xx_before":
            self.fake.fail_next(ORDER_PATH, status=503)
        elif fault == "late_within_window":  # still accepted when it lands: must be found
            self.fake.stall_next(ORDER_PATH, LATE_WITHIN)
        elif fault == "late_past_window":  # refused (-1021) when it lands: must be re-sent
            self.fake.stall_next(ORDER_PATH, LATE_PAST)
        if fault.endswith("after_accept") and self.rng.random() < 0.3:
            self.faults["query_failure"] += 1
            self.fake.fail_next(ORDER_PATH, status=503)  # the first query fails too

    def _request(self) -> OrderRequest:
        price = self.fake.price("BTCUSDT")
        side = self.rng.choice((Side.BUY, Side.SELL))
        qty = Decimal(self.rng.randint(20, 300)) * Decimal("0.00001")
        cid = client_order_id(BOT, self.sequence)
        if self.rng.random() < 0.25:
            offset = Decimal(self.rng.randint(-50, 50)) / Decimal(10000)  # ±0.5 %
            limit_price = (price * (1 + offset)).quantize(Decimal("0.01"))
            return OrderRequest("BTCUSDT", side, OrderType.LIMIT, qty, cid, price=limit_price)
        return OrderRequest("BTCUSDT", side, OrderType.MARKET, qty, cid)

    def one_intent(self) -> None:
        move = Decimal(self.rng.randint(-300, 300)) / Decimal(100)
        self.fake.set_price("BTCUSDT", self.fake.price("BTCUSDT") + move)
        self._inject(self.rng.choices(list(FAULTS), weights=list(FAULTS.values()))[0])
        sent: list[str] = []
        while True:
            request = self._request()
            sent.append(request.client_order_id)
            sequence, self.sequence = self.sequence, self.sequence + 1
            try:
                self.executor.submit(BOT, sequence, request)
                self.outcomes["placed"] += 1
            except RateLimited:  # not processed: the bot decides again, under a new id
                self.outcomes["rate_limited_then_retried"] += 1
                continue
            except UnknownOrderStatus:
                self.outcomes["unknown"] += 1
            except CryptyError:
                self.outcomes["refused"] += 1
            break
        self.intents.append(sent)
        self.fake.wait_idle()  # a held-up request lands (or is refused) before the next intent
        self.fake.clear_faults()  # a query fault left unused must not hit the next order
        if self.down:
            self.fake.up()
            self.down = False

    def figures(self) -> dict[str, int]:
        on_exchange = Counter(o.client_order_id for o in self.fake.orders())
        per_intent = [sum(on_exchange[cid] for cid in cids) for cids in self.intents]
        pending = [o for o in self.log.orders(BOT) if o.status in (OrderStatus.PENDING,)]
        return {
            "orders_intended": len(self.intents),
            "orders_on_exchange": sum(on_exchange.values()),
            "duplicates": sum(n - 1 for n in per_intent if n > 1),
            "intents_missing": sum(1 for n in per_intent if n == 0),
            "unknown_outcomes_left": len(pending),
        }


def run(orders: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    started = time.perf_counter()
    with FakeBinance() as fake, tempfile.TemporaryDirectory() as tmp:
        fake.add_key(FakeKey(api_key=KEY, secret=SECRET, can_trade=True))
        fake.set_balance("USDT", "100000000")
        fake.set_balance("BTC", "10000")
        fake.set_price("BTCUSDT", "30000")
        soak = Soak(fake, Path(tmp) / "soak.sqlite3", rng)
        try:
            for _ in range(orders):
                soak.one_intent()
            figures = soak.figures()
        finally:
            soak.gateway.close()
    seconds = time.perf_counter() - started
    return {
        **figures,
        "seconds": round(seconds, 2),
        "seed": seed,
        "faults": dict(soak.faults),
        "outcomes": dict(soak.outcomes),
    }


UNITS = {
    "orders_intended": "orders",
    "orders_on_exchange": "orders",
    "duplicates": "orders",
    "intents_missing": "orders",
    "unknown_outcomes_left": "orders",
    "seconds": "s",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.bench_order_soak")
    parser.add_argument("--orders", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="20 orders")
    args = parser.parse_args(argv)
    logging.getLogger("crypty_desktop").setLevel(logging.ERROR)  # the faults are expected
    orders = 20 if args.quick else args.orders
    result = run(orders, args.seed)
    for name, unit in UNITS.items():
        print(f"{name} {result[name]} {unit}")
    for fault, count in sorted(result["faults"].items()):
        print(f"fault.{fault} {count} orders")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / ("order_soak_quick.json" if args.quick else "order_soak.json")
    out.write_text(json.dumps(result, indent=2))
    return 1 if result["duplicates"] or result["unknown_outcomes_left"] else 0


if __name__ == "__main__":
    sys.exit(main())
