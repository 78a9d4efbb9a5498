"""The only door to secrets: stores, reads and deletes a platform's keys in the OS keychain.

One keychain entry per platform, under the service ``crypty-desktop`` and the user name
``platform-<id>``; its value holds the API key, the secret (or Ed25519 private key) and the signing
kind. Nothing here logs or formats a secret. On a machine without a secure keychain the app refuses
to store secrets and says what to install, instead of falling back to a plain-text file.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from crypty_desktop.domain.errors import KeychainUnavailable
from crypty_desktop.domain.platform import ApiCredentials, KeyKind

SERVICE = "crypty-desktop"

# Backends that are not a secure store: they fail, do nothing, or write secrets to a readable file.
_INSECURE_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")
_INSECURE_NAMES = {"PlaintextKeyring", "EncryptedKeyring", "Keyring"}


def _entry_name(platform_id: int) -> str:
    return f"platform-{platform_id}"


def _how_to_fix() -> str:
    if sys.platform.startswith("linux"):
        return (
            "Install and unlock a Secret Service keychain (GNOME Keyring or KDE Wallet), for "
            "example with 'sudo apt install gnome-keyring', then log out and in again."
        )
    if sys.platform == "darwin":
        return "The macOS Keychain should be available; check that your login keychain is unlocked."
    return "The Windows Credential Manager should be available; check your Windows account."


def backend_problem(backend: KeyringBackend) -> str | None:
    """Say why a keyring backend is not a secure place for secrets, or None if it is."""
    cls = type(backend)
    name = f"{cls.__module__}.{cls.__name__}"
    backends = getattr(backend, "backends", None)
    if backends is not None:  # keyring's chainer: secure only if it chains at least one secure one
        if not backends or all(backend_problem(b) for b in backends):
            return "no secure keychain backend was found"
        return None
    if cls.__module__.startswith(_INSECURE_MODULES) and (
        cls.__name__ in _INSECURE_NAMES or "fail" in cls.__module__ or "null" in cls.__module__
    ):
        return f"the only keychain backend available is {name}, which is not secure"
    try:
        if float(getattr(cls, "priority", 1)) <= 0:  # float-ok: keyring's priority, not money
            return f"the keychain backend {name} is not usable here"
    except Exception:  # noqa: BLE001 - a backend's priority check raises when it is unusable
        return f"the keychain backend {name} is not usable here"
    return None


class CredentialStore:
    """Reads and writes platform secrets through keyring. Thread-safe as keyring is; may block.

    Call it from a worker thread in the GUI: a keychain may wait for the user to unlock it.
    """

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend

    @property
    def backend(self) -> KeyringBackend:
        return self._backend if self._backend is not None else keyring.get_keyring()

    def check_available(self) -> None:
        """Raise KeychainUnavailable with a fix if secrets cannot be stored securely."""
        problem = backend_problem(self.backend)
        if problem:
            raise KeychainUnavailable(
                f"Your API keys cannot be stored safely: {problem}. {_how_to_fix()} "
                "Crypty Desktop never writes keys to a plain file."
            )

    def describe_backend(self) -> str:
        """The keychain in use, e.g. ``keyring.backends.SecretService.Keyring`` (chains listed)."""
        backend = self.backend
        chained = getattr(backend, "backends", None)
        parts = chained if chained else [backend]
        return ", ".join(f"{type(b).__module__}.{type(b).__name__}" for b in parts)

    def save(self, platform_id: int, creds: ApiCredentials) -> None:
        self.check_available()
        value = json.dumps({"api_key": creds.api_key, "secret": creds.secret, "kind": creds.kind})
        try:
            self.backend.set_password(SERVICE, _entry_name(platform_id), value)
        except keyring.errors.KeyringError as exc:
            raise KeychainUnavailable(
                f"The keychain refused to store the key ({type(exc).__name__}). "
                "Unlock your keychain and try again."
            ) from None

    def load(self, platform_id: int) -> ApiCredentials:
        self.check_available()
        try:
            raw = self.backend.get_password(SERVICE, _entry_name(platform_id))
        except keyring.errors.KeyringError as exc:
            raise KeychainUnavailable(
                f"The keychain could not be read ({type(exc).__name__}). "
                "Unlock your keychain and try again."
            ) from None
        if raw is None:
            raise KeychainUnavailable(
                "This platform's key is missing from the keychain. Edit the platform and enter "
                "the key again."
            )
        data: dict[str, Any] = json.loads(raw)
        return ApiCredentials(
            api_key=str(data["api_key"]),
            secret=str(data["secret"]),
            kind=KeyKind(data.get("kind", KeyKind.HMAC)),
        )

    def delete(self, platform_id: int) -> None:
        """Remove a platform's entry; a missing entry is not an error."""
        try:
            self.backend.delete_password(SERVICE, _entry_name(platform_id))
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as exc:
            raise KeychainUnavailable(
                f"The keychain could not delete the key ({type(exc).__name__})."
            ) from None

    def exists(self, platform_id: int) -> bool:
        try:
            return self.backend.get_password(SERVICE, _entry_name(platform_id)) is not None
        except keyring.errors.KeyringError:
            return False
