"""A replaced or removed key is never used again: the core drops the connection signed with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from crypty_desktop.app import build_core
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.errors import AuthError
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, PlatformType
from crypty_desktop.settings import Settings
from tests.fakes.fake_binance import FakeBinance, FakeKey
from tests.memory_keyring import MemoryKeyring

OLD_KEY, OLD_SECRET = "O" * 64, "o" * 64
NEW_KEY, NEW_SECRET = "N" * 64, "n" * 64


def test_a_new_key_replaces_the_cached_connection(
    tmp_path: Path, fake_binance: FakeBinance, memory_keyring: MemoryKeyring
) -> None:
    fake_binance.add_key(FakeKey(api_key=OLD_KEY, secret=OLD_SECRET))
    fake_binance.add_key(FakeKey(api_key=NEW_KEY, secret=NEW_SECRET))
    core = build_core(
        Settings(data_dir=tmp_path / "d", binance_url=fake_binance.url),
        CredentialStore(memory_keyring),
    )
    try:
        platform = core.platforms.add(
            "Main", PlatformType.BINANCE, ApiCredentials(OLD_KEY, OLD_SECRET), IntendedUse.GHOST
        )
        old = core.gateway_for(platform)
        old.balances()
        platform = core.platforms.edit(platform, creds=ApiCredentials(NEW_KEY, NEW_SECRET))
        fake_binance.remove_key(OLD_KEY)  # the old key is revoked on Binance
        new = core.gateway_for(platform)
        assert new is not old
        new.balances()  # signed with the new key: accepted
        assert fake_binance.requests[-1].headers.get("X-MBX-APIKEY") == NEW_KEY

        core.platforms.remove(platform)
        assert core.connections() == []
        with pytest.raises(AuthError):
            old.balances()  # whoever still held the old one is refused, not the app's cache
    finally:
        core.close()
