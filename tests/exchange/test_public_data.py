"""The "Binance (public data)" platform: live prices with no key, for Ghost bots and backtests.

Against the loopback fake Binance (the real python-binance client over real sockets), with NO key
in the keychain: a Ghost bot trades on paper from its budget, a backtest downloads its history, and
the fake never receives an API key header nor a signed request. A Trader bot is refused with a
sentence that says why and what to do.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from decimal import Decimal

import pytest

from crypty_desktop.app import Core, build_core
from crypty_desktop.bots.host import BotThread, build_bot
from crypty_desktop.cli import main
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.bots import BotKind
from crypty_desktop.domain.errors import PermissionDenied
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.platform import PlatformType
from crypty_desktop.exchange.binance import PUBLIC_URL, rest_host
from crypty_desktop.exchange.streams import PUBLIC_WS_URL, ws_base_url
from crypty_desktop.settings import Settings
from tests.bots.test_bots_binance import PRICE, _cids, candle, this_minute, wait_for
from tests.fakes.fake_binance import FakeBinance
from tests.fakes.fake_streams import FakeStreamServer
from tests.memory_keyring import MemoryKeyring


@pytest.fixture
def streams() -> Iterator[FakeStreamServer]:
    with FakeStreamServer() as server:
        yield server


@pytest.fixture
def public(
    fake_binance: FakeBinance,
    streams: FakeStreamServer,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Core]:
    fake_binance.set_price("BTCUSDT", PRICE)
    monkeypatch.setenv("CRYPTY_BINANCE_URL", fake_binance.url)
    monkeypatch.setenv("CRYPTY_BINANCE_WS_URL", streams.url)
    core = build_core(Settings.from_env(), CredentialStore(memory_keyring))
    core.platforms.add("Prices", PlatformType.BINANCE_PUBLIC)
    yield core
    core.close()


def _no_key_was_sent(fake: FakeBinance, keyring: MemoryKeyring) -> None:
    assert fake.requests, "the fake was asked nothing"
    for request in fake.requests:
        headers = {name.lower() for name in request.headers}
        assert "x-mbx-apikey" not in headers, request.path
        assert "signature" not in request.params, request.path
    assert keyring.entries == {}  # no key in the keychain at all


def test_the_platform_has_the_public_hosts_and_takes_no_key(public: Core) -> None:
    assert rest_host(PlatformType.BINANCE_PUBLIC, None) == "https://data-api.binance.vision"
    assert PUBLIC_URL == "https://data-api.binance.vision"
    assert ws_base_url(PlatformType.BINANCE_PUBLIC) == PUBLIC_WS_URL
    assert PUBLIC_WS_URL == "wss://data-stream.binance.vision"
    [platform] = public.platforms.list()
    assert not platform.type.needs_keys and platform.key_masked == ""
    assert platform.audit is not None and platform.audit.ghost_ok and not platform.audit.trader_ok
    assert public.user_stream(platform) is None


def test_a_ghost_bot_trades_on_paper_from_its_budget_with_no_key(
    public: Core,
    fake_binance: FakeBinance,
    streams: FakeStreamServer,
    memory_keyring: MemoryKeyring,
) -> None:
    spec = public.bots.create(
        name="watcher",
        platform_name="Prices",
        kind=BotKind.GHOST,
        symbol="BTCUSDT",
        strategy="dca",
        params={"every": "1", "quote_amount": "20"},
        budget="300",
    )
    built = build_bot(public.bot_context, spec)
    thread = BotThread(built)
    thread.start()
    try:
        streams.wait_connections(1)
        base = this_minute()
        for i in range(4):
            streams.push_kline(candle(base, i))
        wait_for(lambda: len(public.order_log.fills(spec.platform_id, _cids(public, spec))) >= 2)
    finally:
        thread.stop()
    fills = public.order_log.fills(spec.platform_id, _cids(public, spec))
    assert all(f.price == PRICE for f in fills)
    assert fake_binance.orders() == []
    spent = sum((f.quantity * f.price for f in fills), Decimal(0))
    wallet = built.runner.broker.wallet
    assert wallet.quote + wallet.locked_quote == Decimal("300") - spent  # started from the budget
    _no_key_was_sent(fake_binance, memory_keyring)


def test_a_trader_bot_is_refused_with_a_reason(public: Core) -> None:
    with pytest.raises(PermissionDenied, match="cannot place orders.*Ghost bot"):
        public.bots.create(
            name="trader",
            platform_name="Prices",
            kind=BotKind.TRADER,
            symbol="BTCUSDT",
            strategy="dca",
            params={"every": "1", "quote_amount": "20"},
            budget="300",
        )
    assert public.bot_store.all() == []


def test_a_backtest_downloads_public_history_with_no_key(
    public: Core, fake_binance: FakeBinance, memory_keyring: MemoryKeyring
) -> None:
    hour = 3_600_000
    start = 1704067200000  # 2024-01-01 00:00 UTC
    fake_binance.set_klines(
        "BTCUSDT",
        "1h",
        [
            Candle("BTCUSDT", "1h", start + i * hour, PRICE, PRICE + 5, PRICE - 5,
                   PRICE + i, Decimal(2), start + (i + 1) * hour - 1)
            for i in range(48)
        ],
    )  # fmt: skip
    out, err = io.StringIO(), io.StringIO()
    code = main(
        [
            "backtest", "--strategy", "dca", "--symbol", "BTCUSDT", "--interval", "1h",
            "--from", "2024-01-01", "--to", "2024-01-03", "--platform", "Prices",
            "--param", "every=4", "--param", "quote_amount=20", "--json",
        ],
        core=public, stdin=io.StringIO(""), stdout=out, stderr=err,
    )  # fmt: skip
    assert code == 0, err.getvalue()
    result = json.loads(out.getvalue())
    assert result["summary"]["candles"] > 0 and result["fills"]
    assert any(r.path.endswith("/klines") for r in fake_binance.requests)
    _no_key_was_sent(fake_binance, memory_keyring)
