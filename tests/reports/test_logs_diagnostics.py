""" "Copy diagnostics": versions, OS, keychain, platform types and bots by kind; nothing secret."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from crypty_desktop import __version__
from crypty_desktop.app import Core, build_core
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.demo import ensure_demo
from crypty_desktop.domain.bots import BotKind
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, PlatformType
from crypty_desktop.reports.diagnostics import diagnostics_text
from crypty_desktop.settings import Settings
from tests.fakes.fake_binance import FakeBinance, FakeKey
from tests.memory_keyring import MemoryKeyring

KEY = "Qm4Tz8Lw2Xc6Vb1Nn5Hj9Kd3Fs7Ga0Pp4Ry8Ue2Wi6Oo1Aa5Ss9Dd3Ff7Gg2Hh6Jj0Kk4Ll"
SECRET = "Zx9Cv3Bn7Mq1We5Rt8Yu2Io6Pa0Sd4Fg9Hj3Kl7Zx1Cv5Bn8Mq2We6Rt0Yu4Io8Pa3Sd"
PRIVATE_NAME = "Jeanne's savings account"


@pytest.fixture
def full_core(tmp_path, fake_binance: FakeBinance, memory_keyring: MemoryKeyring) -> Iterator[Core]:
    settings = Settings(data_dir=tmp_path / "d", binance_url=fake_binance.url)
    core = build_core(settings, CredentialStore(memory_keyring))
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET, can_trade=True))
    fake_binance.set_price("BTCUSDT", Decimal("60000"))
    core.platforms.add(
        PRIVATE_NAME, PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.ANY
    )
    ensure_demo(core.platforms, core.bots)
    core.bots.create(
        name="my-secret-strategy-bot",
        platform_name=PRIVATE_NAME,
        kind=BotKind.TRADER,
        symbol="BTCUSDT",
        strategy="dca",
        params={"every": "1", "quote_amount": "20"},
        budget="200",
    )
    yield core
    core.close()


def _diagnostics(core: Core, extra: dict[str, str] | None = None) -> str:
    """The text as the window builds it, from the core's parts."""
    platforms, bots = core.platforms.list(), core.bots.list()
    return diagnostics_text(core.credentials, platforms, bots, core.settings.data_dir, extra)


def test_diagnostics_say_what_support_needs(full_core: Core) -> None:
    text = _diagnostics(full_core, {"Qt": "6.x", "Language": "fr"})
    assert __version__ in text and "Python: 3." in text and "OS: " in text
    assert "Qt: 6.x" in text and "Language: fr" in text
    assert "Keychain backend: tests.memory_keyring.MemoryKeyring" in text
    assert "Platforms by type: binance × 1, simulated × 1" in text
    assert "Bots by kind: ghost × 1, trader × 1" in text


def test_diagnostics_hold_no_secret_no_key_no_name(full_core: Core) -> None:
    text = _diagnostics(full_core)
    for private in (KEY, SECRET, KEY[:12], SECRET[:12], PRIVATE_NAME, "my-secret-strategy-bot"):
        assert private not in text
    assert full_core.settings.data_dir.name in text  # where the data is, for support


def test_diagnostics_of_an_empty_install(core: Core) -> None:
    text = _diagnostics(core)
    assert "Platforms by type: none" in text and "Bots by kind: none" in text
