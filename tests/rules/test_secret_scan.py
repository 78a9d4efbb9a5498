"""After an add / check / edit / remove flow with a known secret, no file the app wrote holds it.

Every file under the data dir is read as bytes (database, its WAL and shared-memory files, logs):
the secret, the Ed25519 private key and the full API key must appear nowhere; only the keychain
held them.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from crypty_desktop.app import build_core
from crypty_desktop.cli import main as cli_main
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.errors import AuthError
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, KeyKind, PlatformType
from crypty_desktop.keypair import generate_ed25519
from crypty_desktop.logs import setup_logging, teardown_logging
from crypty_desktop.settings import Settings
from tests.fakes.fake_binance import FakeBinance, FakeKey
from tests.memory_keyring import MemoryKeyring

KEY = "Qk7cN2xV9mLr4TzP8wYa3HsJd6Fg1EuBo5Ki0RnWq2XvZc7MlT4pS8yA6hD3jG9f"
SECRET = "sEcReT0knOwn5ecret9Zx8Cv7Bn6Mm5Ll4Kk3Jj2Hh1Gg0Ff9Dd8Ss7Aa6Qq5Ww"
ED_KEY = "Ed25519KeyForTheScan00000000000000000000000000000000000000000000"


def every_file(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def test_secret_is_only_in_the_keychain(
    tmp_path: Path, fake_binance: FakeBinance, memory_keyring: MemoryKeyring
) -> None:
    pair = generate_ed25519()
    private_body = "".join(pair.private_pem.splitlines()[1:-1])
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET, can_trade=True, ip_restrict=True))
    fake_binance.add_key(FakeKey(api_key=ED_KEY, public_pem=pair.public_pem))
    settings = Settings(data_dir=tmp_path / "data", binance_url=fake_binance.url)
    setup_logging(settings, level="DEBUG")
    core = build_core(settings, CredentialStore(memory_keyring))
    try:
        with pytest.raises(AuthError):  # a wrong secret first: refused, nothing saved
            core.platforms.add("B", PlatformType.BINANCE, ApiCredentials(KEY, SECRET[::-1]))
        platform = core.platforms.add(
            "Binance Trader", PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.TRADER
        )
        ed = core.platforms.add(
            "Key pair",
            PlatformType.BINANCE,
            ApiCredentials(ED_KEY, pair.private_pem, KeyKind.ED25519),
            IntendedUse.GHOST,
        )
        assert cli_main(["platform", "check", "Binance Trader", "--json"], core=core) == 0
        platform = core.platforms.recheck(platform)
        platform = core.platforms.edit(platform, name="Binance", intended_use=IntendedUse.ANY)
        assert memory_keyring.entries  # the keychain is where the secrets are
        core.platforms.remove(platform)
        core.platforms.remove(ed)
        assert memory_keyring.entries == {}
    finally:
        core.close()
        teardown_logging()
        logging.getLogger().setLevel(logging.WARNING)
    files = every_file(settings.data_dir)
    assert any(f.suffix == ".sqlite3" for f in files) and any("log" in f.name for f in files)
    for path in files:
        data = path.read_bytes()
        for needle in (SECRET, SECRET[::-1], KEY, ED_KEY, private_body[:40]):
            assert needle.encode() not in data, f"{needle[:6]}… found in {path.name}"
