"""Binance Demo Mode: its own hosts, the same key audit and the same order path as Binance.

Against the loopback fake Binance (``CRYPTY_BINANCE_URL`` points the Demo Mode platform at it): the
key is checked as a Binance key (partially: Demo Mode has no ``/sapi``), kept in the keychain, and a
Trader bot's orders are recorded as the exchange has them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from crypty_desktop.app import Core, build_core
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.bots import BotKind
from crypty_desktop.domain.orders import OrderStatus
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, PlatformType
from crypty_desktop.exchange.binance import DEMO_URL, rest_host
from crypty_desktop.exchange.streams import DEMO_WS_URL, ws_base_url
from crypty_desktop.exchange.ws_api import DEMO_WS_API_URL, ws_api_url
from crypty_desktop.help import form_help_topic
from crypty_desktop.settings import Settings
from tests.bots.test_bots_binance import KEY, PRICE, SECRET, run_for_candles
from tests.fakes.fake_binance import FakeBinance, FakeKey
from tests.fakes.fake_streams import FakeStreamServer
from tests.memory_keyring import MemoryKeyring


def test_demo_mode_hosts_are_binances_documented_ones() -> None:
    assert rest_host(PlatformType.BINANCE_DEMO, None) == "https://demo-api.binance.com" == DEMO_URL
    assert ws_base_url(PlatformType.BINANCE_DEMO) == DEMO_WS_URL
    assert DEMO_WS_URL.startswith("wss://demo-stream.binance.com")
    assert ws_api_url(PlatformType.BINANCE_DEMO) == DEMO_WS_API_URL
    assert DEMO_WS_API_URL == "wss://demo-ws-api.binance.com/ws-api/v3"
    assert PlatformType.BINANCE_DEMO.needs_keys and not PlatformType.BINANCE_DEMO.real_money
    assert form_help_topic("binance-demo") == "demo-mode"


@pytest.fixture
def streams() -> Iterator[FakeStreamServer]:
    with FakeStreamServer() as server:
        yield server


@pytest.fixture
def demo(
    fake_binance: FakeBinance,
    streams: FakeStreamServer,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Core]:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET, can_trade=True))
    fake_binance.set_balance("USDT", "10000")
    fake_binance.set_price("BTCUSDT", PRICE)
    monkeypatch.setenv("CRYPTY_BINANCE_URL", fake_binance.url)
    monkeypatch.setenv("CRYPTY_BINANCE_WS_URL", streams.url)
    core = build_core(Settings.from_env(), CredentialStore(memory_keyring))
    yield core
    core.close()


def test_a_demo_mode_key_is_audited_and_trades_like_binance(
    demo: Core, fake_binance: FakeBinance, streams: FakeStreamServer, memory_keyring: MemoryKeyring
) -> None:
    platform = demo.platforms.add(
        "Binance Demo", PlatformType.BINANCE_DEMO, ApiCredentials(KEY, SECRET), IntendedUse.ANY
    )
    assert platform.audit is not None and platform.audit.trader_ok
    assert platform.audit.permissions.partial  # Demo Mode has no /sapi to ask
    assert not any(r.path.startswith("/sapi") for r in fake_binance.requests)
    assert len(memory_keyring.entries) == 1  # the key went to the keychain, as for Binance
    spec = demo.bots.create(
        name="rehearsal",
        platform_name="Binance Demo",
        kind=BotKind.TRADER,
        symbol="BTCUSDT",
        strategy="dca",
        params={"every": "1", "quote_amount": "20"},
        budget="200",
    )
    run_for_candles(demo, spec, streams, 2, lambda: len(fake_binance.orders()) >= 2)
    on_exchange = {o.client_order_id: o for o in fake_binance.orders()}
    logged = {o.request.client_order_id: o for o in demo.order_log.orders(spec.id)}
    assert set(on_exchange) == set(logged)
    assert all(o.status is OrderStatus.FILLED for o in logged.values())
    signed = [r for r in fake_binance.requests if r.path == "/api/v3/order"]
    assert signed and all("x-mbx-apikey" in {h.lower() for h in r.headers} for r in signed)
