"""Against a real Secret Service (gnome-keyring on a private D-Bus, started by `make test`)."""

from __future__ import annotations

import os

import pytest
from keyring.backends import SecretService

from crypty_desktop.app import build_core
from crypty_desktop.credentials import SERVICE, CredentialStore
from crypty_desktop.domain.platform import ApiCredentials, KeyKind, PlatformType
from crypty_desktop.keypair import generate_ed25519
from crypty_desktop.settings import Settings

pytestmark = pytest.mark.keychain

if not os.environ.get("CRYPTY_REAL_KEYRING"):
    if os.environ.get("CI"):
        pytest.fail("CI must run the keychain tests under scripts/with-keyring.sh", pytrace=False)
    pytest.skip("needs a real Secret Service: run through `make test`", allow_module_level=True)


def test_default_backend_is_the_secret_service_and_is_accepted() -> None:
    store = CredentialStore()
    assert "SecretService" in store.describe_backend()
    store.check_available()


secret_service = SecretService.Keyring()


def test_round_trip_through_the_real_keychain() -> None:
    store = CredentialStore()
    creds = ApiCredentials(api_key="K" * 64, secret="real-keychain-secret-" + "x" * 20)
    store.save(424242, creds)
    try:
        assert secret_service.get_password(SERVICE, "platform-424242") is not None
        assert store.load(424242) == creds
    finally:
        store.delete(424242)
    assert secret_service.get_password(SERVICE, "platform-424242") is None


def test_ed25519_private_key_survives_the_keychain() -> None:
    store = CredentialStore()
    pair = generate_ed25519()
    creds = ApiCredentials(api_key="E" * 64, secret=pair.private_pem, kind=KeyKind.ED25519)
    store.save(424243, creds)
    try:
        assert store.load(424243) == creds
    finally:
        store.delete(424243)


def test_simulated_platform_needs_no_keychain_entry(settings: Settings) -> None:
    core = build_core(settings)
    try:
        platform = core.platforms.add("Demo", PlatformType.SIMULATED)
        assert not core.credentials.exists(platform.id)
        core.platforms.remove(platform)
    finally:
        core.close()
