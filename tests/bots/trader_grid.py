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
from crypty_desktop.bots.host import BotLife, Listener
from crypty_desktop.bots.orders import ProtectionExecutor
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.bots import BotKind, BotSpec
from crypty_desktop.domain.market import Candle
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
