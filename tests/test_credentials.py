"""The keychain door: stores, reads, deletes; refuses insecure backends."""

from __future__ import annotations

import pytest
from keyring.backends import fail, null

from crypty_desktop.credentials import SERVICE, CredentialStore, backend_problem
from crypty_desktop.domain.errors import KeychainUnavailable
from crypty_desktop.domain.platform import ApiCredentials, KeyKind
from tests.memory_keyring import MemoryKeyring

CREDS = ApiCredentials(api_key="A" * 64, secret="S3cretS3cret" * 5, kind=KeyKind.HMAC)


def test_save_load_delete_one_entry_per_platform() -> None:
    backend = MemoryKeyring()
    store = CredentialStore(backend)
    store.save(7, CREDS)
    assert list(backend.entries) == [(SERVICE, "platform-7")]
    assert store.load(7) == CREDS
    assert store.exists(7)
    store.delete(7)
    assert backend.entries == {}
    store.delete(7)  # deleting twice is fine


def test_missing_entry_says_what_to_do() -> None:
    with pytest.raises(KeychainUnavailable, match="enter the key again"):
        CredentialStore(MemoryKeyring()).load(1)


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring()])
def test_insecure_backends_are_refused_with_a_fix(backend: object) -> None:
    store = CredentialStore(backend)  # type: ignore[arg-type]
    assert backend_problem(backend) is not None  # type: ignore[arg-type]
    with pytest.raises(KeychainUnavailable) as err:
        store.save(1, CREDS)
    message = str(err.value)
    assert "cannot be stored safely" in message and "plain file" in message
    assert CREDS.secret not in message


def test_plaintext_backend_from_keyrings_alt_is_refused() -> None:
    class PlaintextKeyring(MemoryKeyring):
        pass

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    assert "not secure" in (backend_problem(PlaintextKeyring()) or "")


def test_credentials_repr_hides_the_secret() -> None:
    assert CREDS.secret not in repr(CREDS) and CREDS.secret not in str(CREDS)
    assert "AAAA…AAAA" in repr(CREDS)
