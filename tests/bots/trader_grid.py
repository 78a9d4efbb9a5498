"""A Trader grid bot on the loopback fake Binance, driven candle by candle by a test: what the
tests of orders whose outcome is unknown share (holding, the stop's settling, quitting).

The bot runs through ``BotLife`` (as ``crypty bot run`` and the window run it) with the real
python-binance client; its feed is closed, the test gives the candles, and its questions to
Binance are quick (``QUICK``).
"""

from __future__ import annotations

import time
from decimal import Decimal

import pytest

from crypty_desktop.app import Core, build_core
from crypty_desktop.bots.brokers import LiveBroker
from crypty_desktop.bots.engine import BotRunner
from crypty_desktop.bots.host import BotLife, Listener
from crypty_desktop.bots.orders import ProtectionExecutor
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.bots import BotKind, BotSpec, BotStatus, Decision
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.orders import OrderStatus
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, PlatformType
from crypty_desktop.settings import Settings
from tests.fakes.fake_binance import FakeBinance
from tests.fakes.trading import KEY, SECRET, trading_key
from tests.memory_keyring import MemoryKeyring

STEP = 60_000
PRICE = Decimal("30000")
ORDER_PATH = "/api/v3/order"
QUICK = (0.05, 0.05, 0.05)  # float-ok: seconds; the tries of a query, short for the test


def candle(i: int) -> Candle:
    """The ``i``-th 1m candle from now, flat at ``PRICE``."""
    t = (int(time.time() * 1000) // STEP + i) * STEP
    return Candle("BTCUSDT", "1m", t, PRICE, PRICE + 5, PRICE - 5, PRICE, Decimal(1), t + STEP - 1)


def trader_core(fake: FakeBinance, keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch) -> Core:
    """A core on the fake (a trading key, 10,000 USDT, BTC at ``PRICE``) with its platform
    "Binance"; the caller closes it."""
    trading_key(fake)
    fake.set_balance("USDT", "10000")
    fake.set_price("BTCUSDT", PRICE)
    monkeypatch.setenv("CRYPTY_BINANCE_URL", fake.url)
    core = build_core(Settings.from_env(), CredentialStore(keyring))
    core.platforms.add(
        "Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.ANY
    )
    return core


def grid(core: Core) -> BotSpec:
    """A Trader grid of 20 levels around ``PRICE``, 15 USDT a level."""
    return core.bots.create(
        name="grid",
        platform_name="Binance",
        kind=BotKind.TRADER,
        symbol="BTCUSDT",
        strategy="grid",
        params={"lower": "29700", "upper": "30300", "levels": "20", "quote_per_level": "15"},
        budget="400",
    )


def started(core: Core, spec: BotSpec, listener: Listener | None = None) -> BotLife:
    """The bot built and RUNNING, its candles given by the test, its questions quick."""
    life = BotLife(core.bot_context, spec, listener)
    built = life.start()
    assert built.feed is not None
    built.feed.close()
    broker = built.runner.broker
    assert isinstance(broker, LiveBroker)
    executor = broker.executor
    broker.executor = ProtectionExecutor(
        executor.gateway, executor.log, executor.platform_id, backoff=QUICK, margin_ms=200
    )
    return life


def runner_of(life: BotLife) -> BotRunner:
    assert life.built is not None
    return life.built.runner


def platform_of(life: BotLife) -> int:
    assert life.built is not None
    return life.built.platform.id


def log_lines(events: list[BotStatus | Decision]) -> list[str]:
    """What the bot wrote in its log, in order."""
    return [e.message for e in events if isinstance(e, Decision)]


def order_posts(fake: FakeBinance) -> list[str]:
    """The client order ids of every order request the fake received (answered or not)."""
    return [
        r.params.get("newClientOrderId", "")
        for r in fake.requests_to(ORDER_PATH)
        if r.method == "POST"
    ]


def agree(core: Core, fake: FakeBinance, spec: BotSpec) -> None:
    """The fake's orders and the order log say the same: each order once, same id and status,
    with the same executed quantity; nothing pending; nothing recorded as sent that Binance does
    not have; the fills recorded once each, and all of them."""
    logged = {o.request.client_order_id: o for o in core.order_log.orders(spec.id)}
    on_fake = fake.orders()
    cids = [o.client_order_id for o in on_fake]
    assert len(cids) == len(set(cids)), "an order was doubled"
    for order in on_fake:
        mine = logged[order.client_order_id]
        assert mine.exchange_order_id == order.order_id
        assert mine.status.value == order.status
        assert mine.executed_qty == order.executed_qty
    assert not [c for c, o in logged.items() if o.status is OrderStatus.PENDING]
    sent = {c for c, o in logged.items() if o.status is not OrderStatus.NOT_SENT}
    assert sent == set(cids)
    platform = logged[cids[0]].platform_id if cids else 0
    fills = core.order_log.fills(platform, cids)
    trade_ids = [f.trade_id for f in fills]
    assert len(trade_ids) == len(set(trade_ids)), "a fill was recorded twice"
    assert sorted(trade_ids) == sorted(t.trade_id for t in fake.trades)
