"""Platform rules that need no exchange: validation, the demo platform, all-or-nothing saves."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from keyring.backends import fail

from crypty_desktop.app import Core
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.errors import KeychainUnavailable, ValidationError
from crypty_desktop.domain.platform import (
    ApiCredentials,
    IntendedUse,
    KeyKind,
    Permissions,
    PlatformType,
)
from crypty_desktop.platforms import Cancelled, PlatformService
from tests.memory_keyring import MemoryKeyring

KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"


class StaticGateway:
    """An exchange answer fixed in advance, for rules that do not depend on HTTP."""

    def __init__(self, perms: Permissions) -> None:
        self.perms = perms
        self.closed = False

    def read_permissions(self) -> Permissions:
        return self.perms

    def close(self) -> None:
        self.closed = True


def service(core: Core, perms: Permissions, keyring_backend: object = None) -> PlatformService:
    creds = CredentialStore(keyring_backend) if keyring_backend else core.credentials  # type: ignore[arg-type]
    return PlatformService(
        core.store,
        creds,
        lambda _t, _c: StaticGateway(perms),
        clock=lambda: datetime(2026, 1, 1, tzinfo=UTC),
    )


READ_ONLY = Permissions(reading=True, spot_trading=False, withdrawals=False, ip_restricted=True)


def test_demo_platform_is_added_offline(core: Core) -> None:
    platform = core.platforms.add("  Demo  ", PlatformType.SIMULATED)
    assert platform.name == "Demo" and platform.type is PlatformType.SIMULATED
    assert platform.audit is not None and platform.audit.ghost_ok and platform.audit.trader_ok
    assert platform.key_masked == ""


@pytest.mark.parametrize(
    ("name", "key", "secret", "message"),
    [
        ("", KEY, SECRET, "Give the platform a name"),
        ("x" * 65, KEY, SECRET, "too long"),
        ("Binance", "", SECRET, "Access Key"),
        ("Binance", "has space " + KEY, SECRET, "letters and digits"),
        ("Binance", KEY, "", "Secret Key"),
        ("Binance", KEY, SECRET + "!", "letters and digits"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(
    core: Core, memory_keyring: MemoryKeyring, name: str, key: str, secret: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        service(core, READ_ONLY).add(name, PlatformType.BINANCE, ApiCredentials(key, secret))
    assert core.store.list_platforms() == []
    assert memory_keyring.entries == {}


def test_binance_key_is_audited_then_stored_only_in_the_keychain(
    core: Core, memory_keyring: MemoryKeyring
) -> None:
    platform = service(core, READ_ONLY).add(
        "Binance Ghost", PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.GHOST
    )
    assert platform.key_masked == "vmPU…Eh8A"
    assert platform.audit is not None and platform.audit.ghost_ok and not platform.audit.trader_ok
    assert core.credentials.load(platform.id).secret == SECRET
    assert core.store.db_path.read_bytes().find(SECRET.encode()) == -1


def test_duplicate_name_is_refused_before_any_network(core: Core) -> None:
    core.platforms.add("Demo", PlatformType.SIMULATED)
    with pytest.raises(ValidationError, match="already exists"):
        service(core, READ_ONLY).add("Demo", PlatformType.BINANCE, ApiCredentials(KEY, SECRET))


def test_no_secure_keychain_means_nothing_saved(core: Core) -> None:
    with pytest.raises(KeychainUnavailable, match="cannot be stored safely"):
        service(core, READ_ONLY, fail.Keyring()).add(
            "Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET)
        )
    assert core.store.list_platforms() == []


def test_keychain_write_failure_rolls_back_the_row(core: Core) -> None:
    class Broken(MemoryKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            from keyring.errors import PasswordSetError

            raise PasswordSetError("locked")

    with pytest.raises(KeychainUnavailable, match="refused to store"):
        service(core, READ_ONLY, Broken()).add(
            "Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET)
        )
    assert core.store.list_platforms() == []


def test_cancel_after_the_check_saves_nothing(core: Core, memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(Cancelled):
        service(core, READ_ONLY).add(
            "Binance",
            PlatformType.BINANCE,
            ApiCredentials(KEY, SECRET),
            should_continue=lambda: False,
        )
    assert core.store.list_platforms() == [] and memory_keyring.entries == {}


def test_edit_renames_and_changes_use_with_a_fresh_verdict(core: Core) -> None:
    svc = service(core, Permissions(True, True, False, True))
    platform = svc.add(
        "Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.ANY
    )
    assert platform.audit is not None and platform.audit.warnings == []
    edited = svc.edit(platform, name="Binance Ghost", intended_use=IntendedUse.GHOST)
    assert edited.name == "Binance Ghost"
    assert edited.audit is not None
    assert [f.help_topic for f in edited.audit.findings] == ["least-privilege"]


def test_edit_with_new_key_replaces_the_keychain_entry(core: Core) -> None:
    svc = service(core, READ_ONLY)
    platform = svc.add("Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET))
    new_key = "Z" * 64
    edited = svc.edit(platform, creds=ApiCredentials(new_key, SECRET[::-1]))
    assert edited.key_masked == "ZZZZ…ZZZZ"
    assert core.credentials.load(platform.id) == ApiCredentials(new_key, SECRET[::-1])


def test_ed25519_key_requires_a_valid_private_key(core: Core) -> None:
    from crypty_desktop.keypair import generate_ed25519

    svc = service(core, READ_ONLY)
    with pytest.raises(ValidationError, match="Ed25519"):
        svc.add("Ed", PlatformType.BINANCE, ApiCredentials(KEY, "not a pem", KeyKind.ED25519))
    pair = generate_ed25519()
    platform = svc.add(
        "Ed", PlatformType.BINANCE, ApiCredentials(KEY, pair.private_pem, KeyKind.ED25519)
    )
    assert platform.key_kind is KeyKind.ED25519
    assert core.credentials.load(platform.id).secret == pair.private_pem


def test_remove_deletes_the_keychain_entry(core: Core, memory_keyring: MemoryKeyring) -> None:
    svc = service(core, READ_ONLY)
    platform = svc.add("Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET))
    assert memory_keyring.entries
    svc.remove(platform)
    assert memory_keyring.entries == {} and core.store.list_platforms() == []
