"""The keychain door: stores, reads, deletes; refuses insecure backends."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
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


class PlaintextKeyring(KeyringBackend):
    """A tiny plain-text backend, like keyrings.alt's: one JSON file, readable by anyone."""

    # keyring offers every KeyringBackend subclass when it picks one: a negative priority keeps
    # this test's classes out of that choice (only an explicit PYTHON_KEYRING_BACKEND uses it).
    priority = -1  # type: ignore[assignment]
    path = ""

    def get_password(self, service: str, username: str) -> str | None:
        entries = json.loads(Path(self.path).read_text()) if Path(self.path).exists() else {}
        return entries.get(f"{service}/{username}")  # type: ignore[no-any-return]

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = json.loads(Path(self.path).read_text()) if Path(self.path).exists() else {}
        entries[f"{service}/{username}"] = password
        Path(self.path).write_text(json.dumps(entries))

    def delete_password(self, service: str, username: str) -> None:
        raise NotImplementedError


def test_a_plaintext_backend_is_refused_even_when_it_works(tmp_path: Path) -> None:
    PlaintextKeyring.path = str(tmp_path / "keys.json")
    store = CredentialStore(PlaintextKeyring())
    with pytest.raises(KeychainUnavailable) as err:
        store.save(1, CREDS)
    assert "tests.app.test_credentials.PlaintextKeyring" in str(err.value)
    assert "not secure" in str(err.value)
    assert not (tmp_path / "keys.json").exists()  # nothing written


def test_a_chain_uses_only_its_secure_member_never_a_plaintext_file_ranked_first(
    tmp_path: Path,
) -> None:
    PlaintextKeyring.path = str(tmp_path / "keys.json")
    secure = MemoryKeyring()

    class Chain(KeyringBackend):
        priority = -1  # type: ignore[assignment]  # never picked by keyring itself
        backends = [PlaintextKeyring(), secure]  # plain text first, as a chainer could rank it

        def get_password(self, service: str, username: str) -> str | None:
            raise AssertionError("the chain itself is never used")

        def set_password(self, service: str, username: str, password: str) -> None:
            raise AssertionError("the chain itself is never used")

        def delete_password(self, service: str, username: str) -> None:
            raise AssertionError("the chain itself is never used")

    store = CredentialStore(Chain())
    store.save(3, CREDS)
    assert store.load(3) == CREDS and list(secure.entries) == [(SERVICE, "platform-3")]
    assert not (tmp_path / "keys.json").exists()
    only_plain = type("OnlyPlain", (Chain,), {"backends": [PlaintextKeyring()]})()
    with pytest.raises(KeychainUnavailable, match="PlaintextKeyring, which is not secure"):
        CredentialStore(only_plain).save(3, CREDS)
    assert not (tmp_path / "keys.json").exists()


_SAVE_WITH_ENV_BACKEND = """
import sys
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.errors import KeychainUnavailable
from crypty_desktop.domain.platform import ApiCredentials
store = CredentialStore()
try:
    store.save(1, ApiCredentials(api_key="A" * 64, secret="S3cretS3cret" * 5))
except KeychainUnavailable as exc:
    print(exc)
    sys.exit(3)
print("saved")
"""


@pytest.mark.parametrize(
    "backend",
    [
        "keyring.backends.fail.Keyring",
        "keyring.backends.null.Keyring",
        "tests.app.test_credentials.PlaintextKeyring",
        "tests.app.test_credentials.AltPlaintextKeyring",
        "keyring.backends.chainer.ChainerBackend",
    ],
)
def test_a_backend_chosen_through_the_environment_must_be_an_os_keychain(
    backend: str, tmp_path: Path
) -> None:
    """PYTHON_KEYRING_BACKEND (or keyringrc.cfg) cannot make the app write a secret to a file."""
    env = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": backend,
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        "HOME": str(tmp_path),  # no keyringrc.cfg of the machine's user
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "DBUS_SESSION_BUS_ADDRESS": "unix:path=" + str(tmp_path / "no-bus"),  # chain: nothing
    }
    done = subprocess.run(  # noqa: S603 - our interpreter and our script
        [sys.executable, "-c", _SAVE_WITH_ENV_BACKEND],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 3, done.stdout + done.stderr
    assert "cannot be stored safely" in done.stdout
    assert "not secure" in done.stdout or "no secure keychain" in done.stdout
    found = {
        "tests.app.test_credentials.AltPlaintextKeyring": "keyrings.alt.file.AltPlaintextKeyring"
    }
    if "chainer" not in backend:
        assert found.get(backend, backend) in done.stdout  # says which backend it found
    assert list(tmp_path.rglob("*.json")) == [] and list(tmp_path.rglob("*.cfg")) == []


class AltPlaintextKeyring(PlaintextKeyring):
    """The same, under keyrings.alt's module name."""


AltPlaintextKeyring.__module__ = "keyrings.alt.file"


def test_credentials_repr_hides_the_secret() -> None:
    assert CREDS.secret not in repr(CREDS) and CREDS.secret not in str(CREDS)
    assert "AAAA…AAAA" in repr(CREDS)
