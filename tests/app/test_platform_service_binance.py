"""Adding, editing, rechecking and removing Binance platforms against the loopback fake.

The core is built from the environment (``CRYPTY_BINANCE_URL`` pointing at the fake), with an
in-memory keychain, so this is the path the CLI and the GUI take.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from crypty_desktop.app import Core, build_core
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.errors import (
    AuthError,
    ClockSkew,
    CryptyError,
    ExchangeUnavailable,
    IpBanned,
    PermissionDenied,
    RateLimited,
)
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, KeyKind, PlatformType
from crypty_desktop.keypair import generate_ed25519
from crypty_desktop.settings import Settings
from tests.fakes.fake_binance import FakeBinance, FakeKey
from tests.memory_keyring import MemoryKeyring

KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
KEY2 = "kYq3Xc7RrA2mPz8T0bWvLhN5sD9fG4jE1uI6oK3yM7nB2vC8xZ5aQ0wE4rT9yU1i"
SECRET2 = "Zr8Wq2Ex5Rt7Yu1Io3Pa6Sd9Fg4Hj0Kl2Zx5Cv8Bn1Mq3We6Rt9Yu2Io5Pa8Sd0F"


@pytest.fixture
def binance_core(
    fake_binance: FakeBinance, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Core]:
    monkeypatch.setenv("CRYPTY_BINANCE_URL", fake_binance.url)
    settings = Settings.from_env()
    assert settings.binance_url == fake_binance.url
    core = build_core(settings, CredentialStore(memory_keyring))
    yield core
    core.close()


def nothing_saved(core: Core, keyring: MemoryKeyring) -> bool:
    return core.store.list_platforms() == [] and keyring.entries == {}


def db_holds(core: Core, text: str) -> bool:
    data = b"".join(
        p.read_bytes() for p in core.settings.data_dir.glob("crypty.sqlite3*") if p.is_file()
    )
    return text.encode() in data


# --- verdicts --------------------------------------------------------------------------------


def test_read_only_key_serves_ghost_bots_only(
    binance_core: Core, fake_binance: FakeBinance, memory_keyring: MemoryKeyring
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    platform = binance_core.platforms.add(
        "Binance Ghost", PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.GHOST
    )
    audit = platform.audit
    assert audit is not None and (audit.ghost_ok, audit.trader_ok) == (True, False)
    assert audit.warnings == [] and audit.summary() == "Ghost bots"
    assert platform.key_masked == "vmPU…Eh8A"
    assert binance_core.credentials.load(platform.id) == ApiCredentials(KEY, SECRET)
    assert not db_holds(binance_core, SECRET)


def test_trading_key_serves_both_kinds(binance_core: Core, fake_binance: FakeBinance) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET, can_trade=True))
    platform = binance_core.platforms.add(
        "Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.TRADER
    )
    assert platform.audit is not None
    assert (platform.audit.ghost_ok, platform.audit.trader_ok) == (True, True)
    assert platform.audit.warnings == []


def test_withdrawal_key_is_refused_and_nothing_saved(
    binance_core: Core, fake_binance: FakeBinance, memory_keyring: MemoryKeyring
) -> None:
    fake_binance.add_key(
        FakeKey(api_key=KEY, secret=SECRET, can_trade=True, enable_withdrawals=True)
    )
    with pytest.raises(PermissionDenied, match="can withdraw funds") as info:
        binance_core.platforms.add("Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET))
    assert SECRET not in str(info.value)
    assert nothing_saved(binance_core, memory_keyring)


def test_key_usable_from_any_ip_is_saved_with_a_warning(
    binance_core: Core, fake_binance: FakeBinance
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET, ip_restrict=False))
    platform = binance_core.platforms.add(
        "Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.GHOST
    )
    assert platform.audit is not None and platform.audit.ghost_ok
    assert [f.help_topic for f in platform.audit.findings] == ["ip-restriction"]


def test_trading_key_added_for_ghost_bots_gets_the_least_privilege_hint(
    binance_core: Core, fake_binance: FakeBinance
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET, can_trade=True))
    platform = binance_core.platforms.add(
        "Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.GHOST
    )
    assert platform.audit is not None
    assert [f.help_topic for f in platform.audit.findings] == ["least-privilege"]


def test_ed25519_key_pair_made_here_is_added(binance_core: Core, fake_binance: FakeBinance) -> None:
    pair = generate_ed25519()
    fake_binance.add_key(FakeKey(api_key=KEY, public_pem=pair.public_pem, can_trade=True))
    platform = binance_core.platforms.add(
        "Binance Ed25519",
        PlatformType.BINANCE,
        ApiCredentials(KEY, pair.private_pem, KeyKind.ED25519),
        IntendedUse.TRADER,
    )
    assert platform.key_kind is KeyKind.ED25519 and platform.audit is not None
    assert platform.audit.trader_ok and not db_holds(binance_core, pair.private_pem.splitlines()[1])


def test_testnet_platform_gets_a_partial_check(
    binance_core: Core, fake_binance: FakeBinance
) -> None:
    fake_binance.testnet = True
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET, can_trade=True))
    platform = binance_core.platforms.add(
        "Testnet", PlatformType.BINANCE_TESTNET, ApiCredentials(KEY, SECRET), IntendedUse.TRADER
    )
    assert platform.audit is not None and platform.audit.permissions.partial
    assert platform.audit.summary() == "Ghost + Trader bots (partial check)"


# --- every refusal: a clear error and nothing saved -------------------------------------------


def _unknown_key(fake: FakeBinance) -> None:
    fake.add_key(FakeKey(api_key=KEY2, secret=SECRET2))


def _malformed_key(fake: FakeBinance) -> None:
    """Binance keys are 64 characters; this one passes the local check but not Binance's."""


def _wrong_secret(fake: FakeBinance) -> None:
    fake.add_key(FakeKey(api_key=KEY, secret=SECRET2))


def _moving_clock(fake: FakeBinance) -> None:
    fake.add_key(FakeKey(api_key=KEY, secret=SECRET))
    fake.clock_step_ms = 30_000


def _network_down(fake: FakeBinance) -> None:
    fake.add_key(FakeKey(api_key=KEY, secret=SECRET))
    fake.down()


def _status(status: int, path: str = "/api/v3/account") -> Callable[[FakeBinance], None]:
    def setup(fake: FakeBinance) -> None:
        fake.add_key(FakeKey(api_key=KEY, secret=SECRET))
        fake.fail_next(path, status=status)

    return setup


@pytest.mark.parametrize(
    ("setup", "key", "error", "words"),
    [
        (_unknown_key, KEY, AuthError, "wrong, revoked, or restricted to another IP"),
        (_malformed_key, "abcdEFGH1234", AuthError, "not in the format"),
        (_wrong_secret, KEY, AuthError, "Secret Key does not belong"),
        (_moving_clock, KEY, ClockSkew, "automatic date and time"),
        (_network_down, KEY, ExchangeUnavailable, "could not be reached"),
        (_status(429), KEY, RateLimited, "slow down"),
        (_status(418), KEY, IpBanned, "banned this IP address"),
        (_status(503, "/sapi/v1/account/apiRestrictions"), KEY, ExchangeUnavailable, "HTTP 503"),
    ],
    ids=["unknown-key", "malformed-key", "wrong-secret", "clock", "down", "429", "418", "503"],
)
def test_refusals_explain_and_save_nothing(
    binance_core: Core,
    fake_binance: FakeBinance,
    memory_keyring: MemoryKeyring,
    setup: Callable[[FakeBinance], None],
    key: str,
    error: type[CryptyError],
    words: str,
) -> None:
    setup(fake_binance)
    with pytest.raises(error, match=words) as info:
        binance_core.platforms.add("Binance", PlatformType.BINANCE, ApiCredentials(key, SECRET))
    assert SECRET not in f"{info.value} {info.value!r}"
    assert info.value.__cause__ is None and info.value.__context__ is None
    assert nothing_saved(binance_core, memory_keyring)


# --- edit, recheck, remove -------------------------------------------------------------------


def test_edit_with_a_new_key_checks_it_then_replaces_it(
    binance_core: Core, fake_binance: FakeBinance, memory_keyring: MemoryKeyring
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    fake_binance.add_key(FakeKey(api_key=KEY2, secret=SECRET2, can_trade=True))
    svc = binance_core.platforms
    platform = svc.add("Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET))
    assert platform.audit is not None and not platform.audit.trader_ok

    edited = svc.edit(
        platform, creds=ApiCredentials(KEY2, SECRET2), intended_use=IntendedUse.TRADER
    )
    assert edited.key_masked == f"{KEY2[:4]}…{KEY2[-4:]}"
    assert edited.audit is not None and edited.audit.trader_ok
    assert binance_core.credentials.load(platform.id) == ApiCredentials(KEY2, SECRET2)
    assert len(memory_keyring.entries) == 1


def test_edit_with_a_refused_key_keeps_the_old_one(
    binance_core: Core, fake_binance: FakeBinance
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    fake_binance.add_key(FakeKey(api_key=KEY2, secret=SECRET2, enable_withdrawals=True))
    svc = binance_core.platforms
    platform = svc.add("Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET))
    with pytest.raises(PermissionDenied):
        svc.edit(platform, name="Renamed", creds=ApiCredentials(KEY2, SECRET2))
    with pytest.raises(AuthError):
        svc.edit(platform, creds=ApiCredentials(KEY2, SECRET))  # secret of the other key
    assert svc.find("Binance") == platform
    assert binance_core.credentials.load(platform.id) == ApiCredentials(KEY, SECRET)


def test_recheck_records_what_the_key_can_do_now(
    binance_core: Core, fake_binance: FakeBinance
) -> None:
    key = fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    svc = binance_core.platforms
    platform = svc.add("Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET))
    key.can_trade = True  # the user ticked "Enable Spot & Margin Trading" on Binance
    rechecked = svc.recheck(platform)
    assert rechecked.audit is not None and rechecked.audit.trader_ok

    fake_binance.down()
    with pytest.raises(ExchangeUnavailable):
        svc.recheck(rechecked)
    assert svc.find("Binance").audit == rechecked.audit  # a failed recheck changes nothing


def test_remove_deletes_the_keychain_entry(
    binance_core: Core, fake_binance: FakeBinance, memory_keyring: MemoryKeyring
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    platform = binance_core.platforms.add(
        "Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET)
    )
    assert memory_keyring.entries
    binance_core.platforms.remove(platform)
    assert nothing_saved(binance_core, memory_keyring)
