"""The status bar's words about the exchanges, from the gateways' limiters and the hubs' links."""

from __future__ import annotations

from pathlib import Path

from crypty_desktop.app import build_core
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, PlatformType
from crypty_desktop.reports.connection_status import (
    ExchangeStatus,
    PauseWatch,
    describe,
    exchange_statuses,
)
from crypty_desktop.settings import Settings
from tests.fakes.fake_binance import FakeBinance, FakeKey
from tests.memory_keyring import MemoryKeyring

KEY = "K" * 64
SECRET = "S" * 64


def test_described_in_words() -> None:
    now = 1_700_000_000.0
    ok = ExchangeStatus("Binance", 2, 2, 3, None, None)
    assert describe([ok], now) == "Binance: connected · weight 3 %"
    down = ExchangeStatus("Binance", 3, 1, 0, None, None)
    assert describe([down], now) == "Binance: reconnecting (1 of 3 streams up) · weight 0 %"
    paused = ExchangeStatus("Binance", 1, 1, 80, now + 30, None)
    assert describe([paused], now).startswith("Binance: paused by the rate limit until ")
    banned = ExchangeStatus("Binance", 1, 0, 100, None, now + 600)
    assert "banned for too many requests" in describe([banned], now)
    assert describe([], now) == ""


def test_a_live_gateway_reports_its_weight(
    tmp_path: Path, fake_binance: FakeBinance, memory_keyring: MemoryKeyring
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    core = build_core(
        Settings(data_dir=tmp_path / "d", binance_url=fake_binance.url),
        CredentialStore(memory_keyring),
    )
    try:
        core.platforms.add("Demo", PlatformType.SIMULATED)
        platform = core.platforms.add(
            "Main", PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.GHOST
        )
        assert exchange_statuses(core.connections()) == []  # nothing open yet
        core.gateway_for(core.platforms.find("Demo"))  # the demo is not an exchange connection
        core.gateway_for(platform).balances()
        [status] = exchange_statuses(core.connections())
        assert status.platform == "Main" and status.streams == 0
        assert status.weight_pct is not None and status.weight_pct >= 0
        assert describe([status]).startswith("Main: connected · weight ")
    finally:
        core.close()


def test_each_new_pause_or_ban_is_news_once() -> None:
    watch = PauseWatch()
    now = 1_700_000_000.0
    calm = ExchangeStatus("Binance", 1, 1, 10, None, None)
    assert watch.new_pauses([calm], now) == []
    paused = ExchangeStatus("Binance", 1, 1, 80, now + 30, None)
    assert watch.new_pauses([paused], now) == [("Binance", 30.0, False)]
    assert watch.new_pauses([paused], now + 2) == []  # the same pause, seen again
    over = ExchangeStatus("Binance", 1, 1, 80, now + 30, None)
    assert watch.new_pauses([over], now + 31) == []  # over: nothing to say
    again = ExchangeStatus("Binance", 1, 1, 80, now + 100, None)
    assert watch.new_pauses([again], now + 40) == [("Binance", 60.0, False)]
    banned = ExchangeStatus("Binance", 1, 0, 100, None, now + 700)
    other = ExchangeStatus("Testnet", 1, 1, 90, now + 160, None)
    assert watch.new_pauses([banned, other], now + 100) == [
        ("Binance", 600.0, True),
        ("Testnet", 60.0, False),
    ]
